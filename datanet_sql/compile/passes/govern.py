"""govern: dbt's model governance after refs are resolved: groups, access, and what the
exposures, metrics and semantic models read.

A model in a group nobody declared, or a ref to a `private` model from outside its group, is
an error of the model that holds it (the others go on), as dbt refuses both. Resources are
never errors: a ref of theirs to a model that does not exist warns, naming file and line.
"""

from __future__ import annotations

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.versions import (VersionedModel, deprecated_since, ref_target,
                                          versioned_models)
from datanet_sql.errors import ConfigError, DatanetError, ReferenceNotFoundError, did_you_mean
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.project.resources import Resource


def govern(manifest: Manifest, ctx: CompileContext) -> Manifest:
    groups = [r.name for r in manifest.resources if r.kind == "group"]
    for node in manifest.models():
        with recorded(node):
            _check_group(node, groups)
            _check_access(node, manifest)
        manifest.warnings += _deprecated_reads(node, manifest)
    versions = versioned_models(manifest)
    for resource in manifest.resources:
        _link(resource, manifest, versions)
    return manifest


def _check_group(node: Node, groups: list[str]) -> None:
    group = node.config.get("group")
    if group is not None and group not in groups:
        raise ConfigError(f"model '{node.name}' is in group '{group}', which is not defined." +
                          did_you_mean(str(group), groups), file=node.spec_path or node.path,
                          line=node.spec_line, model=node.name,
                          hint="declare it under `groups:` in a YAML file, with an owner")


def _check_access(node: Node, manifest: Manifest) -> None:
    """dbt's rule: a private model is read only by models of its own group (one without a
    group, by none)."""
    for dep in node.depends_on:
        parent = manifest.nodes[dep]
        group = parent.config.get("group")
        if parent.kind != "model" or parent.config.get("access") != "private" or \
                (group is not None and group == node.config.get("group")):
            continue
        name = parent.spec.name if parent.version else parent.name
        line = next((number for number, text in enumerate(node.raw_text.splitlines(), 1)
                     if name in text), None)
        if group is None:
            raise ReferenceNotFoundError(
                f"model '{node.name}' reads ref('{name}'), which is private and in no group, "
                f"so no other model may read it", file=node.path, line=line, model=node.name,
                hint=f"give '{name}' a group (and '{node.name}' the same), or make it "
                     f"protected or public")
        raise ReferenceNotFoundError(
            f"model '{node.name}' reads ref('{name}'), which is private to group '{group}'",
            file=node.path, line=line, model=node.name,
            hint=f"put '{node.name}' in group '{group}', or make '{name}' protected or public")


def _deprecated_reads(node: Node, manifest: Manifest) -> list[str]:
    """A warning for each model read whose deprecation date has passed, as dbt warns."""
    warnings = []
    for dep in node.depends_on:
        parent = manifest.nodes[dep]
        if parent.kind == "model" and parent.spec is not None and not parent.error:
            day = deprecated_since(parent.spec, parent.name, parent.spec_path or parent.path,
                                   parent.spec_line or 1)
            if day:
                warnings.append(f"{node.path}: model '{node.name}' reads '{parent.name}', "
                                f"deprecated since {day.isoformat()}")
    return warnings


def _link(resource: Resource, manifest: Manifest,
          versions: dict[str, VersionedModel]) -> None:
    """The nodes a resource reads (`depends_on:` refs and sources, a semantic model's
    `model:`); one that does not exist is a warning."""
    resource.depends_on = []
    for function, first, second, version in resource.references():
        if function == "source":
            uid = f"source.{first}.{second}"
        else:
            try:
                name = ref_target(second or first, version, versions, resource.path)
            except DatanetError as err:
                manifest.warnings.append(f"{resource.path}:{resource.line}: {err.message}")
                continue
            uid = f"model.{name}" if f"model.{name}" in manifest.nodes else f"seed.{name}"
        if uid in manifest.nodes:
            resource.depends_on.append(uid)
        else:
            what = f"source('{first}', '{second}')" if function == "source" else \
                f"ref('{second or first}')"
            manifest.warnings.append(f"{resource.path}:{resource.line}: "
                                     f"{resource.kind.replace('_', ' ')} '{resource.name}' "
                                     f"reads {what}, which does not exist")
