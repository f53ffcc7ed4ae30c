"""Model versions (dbt's `versions:`): one model per version, and which one a ref() reads.

A versioned model `m` with versions 1 and 2 becomes the models `m_v1` and `m_v2` (dbt's
default file names `m_v1.sql` and relation names, `defined_in:` naming another file). Each
version has the model's top-level columns as its `include`/`exclude` picks them, its own
columns on top, and the model's config under its own. `ref('m', v=1)` reads `m_v1`; an
unpinned `ref('m')` reads the latest version (`latest_version`, or the highest); as in dbt,
no relation named plain `m` is made.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from datanet_sql.config.specs import ColumnSpec, IncludeExclude, ModelSpec, VersionSpec
from datanet_sql.errors import ConfigError, ReferenceNotFoundError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node


@dataclass(frozen=True)
class VersionedModel:
    """What ref() needs to know of a versioned model: its versions and the latest."""

    name: str
    versions: tuple[str, ...]
    latest: str


@dataclass(frozen=True)
class ModelVersion:
    """One version of a model as the load pass builds it."""

    node_name: str  # `m_v2`: the node's name and its relation's default name
    file_stem: str  # the .sql file defining it
    version: str
    spec: ModelSpec  # the model's spec with this version's columns, tests and description
    config: dict[str, Any]  # the version's own `config:` (over the model's)


def version_id(value: float | str) -> str:
    """dbt writes versions as numbers or strings; `2`, `2.0` and `'2'` name the same version."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def written_version(spec: ModelSpec, version: str | None) -> int | float | str | None:
    """A version as the YAML wrote it (`v: 1` is 1, `v: "1"` is "1"): dbt keeps that scalar
    in its graph and manifest, and packages compare it with theirs (dbt-unit-testing's
    `selectattr('version', 'equalto', 1)`)."""
    if version is None:
        return None
    written = [spec.latest_version] if spec.latest_version is not None else []
    written += [v.v for v in spec.versions or []]
    return next((value for value in written if version_id(value) == version), version)


def node_name(model: str, version: str) -> str:
    return f"{model}_v{version}"


def latest_version(spec: ModelSpec) -> str:
    """`latest_version:`, or the highest version (numerically when all are numbers)."""
    if spec.latest_version is not None:
        return version_id(spec.latest_version)
    return ordered([version_id(v.v) for v in spec.versions])[-1]


def ordered(versions: list[str]) -> list[str]:
    """Versions lowest first: as numbers when all are numbers, else as text (dbt's order)."""
    try:
        return sorted(versions, key=float)
    except ValueError:
        return sorted(versions)


def expand(spec: ModelSpec, *, file: str, line: int) -> list[ModelVersion]:
    """The versions of a model entry, each with the spec it is built from."""
    versions = [version_id(v.v) for v in spec.versions]
    duplicate = next((v for v in versions if versions.count(v) > 1), None)
    if duplicate is not None:
        raise ConfigError(f"model '{spec.name}' lists version {duplicate} twice", file=file,
                          line=line, model=spec.name)
    latest = latest_version(spec)
    if latest not in versions:
        raise ConfigError(f"model '{spec.name}': latest_version {latest} is not one of its "
                          f"versions ({', '.join(versions)})", file=file, line=line,
                          model=spec.name, hint="add it under `versions:` or fix latest_version")
    return [_version(spec, entry, file, line) for entry in spec.versions]


def _version(spec: ModelSpec, entry: VersionSpec, file: str, line: int) -> ModelVersion:
    version = version_id(entry.v)
    columns = _columns(spec, entry, file, line)
    data = spec.model_dump(by_alias=True, exclude={"versions", "latest_version", "columns"})
    for key in ("description", "access", "deprecation_date"):
        if getattr(entry, key) is not None:
            data[key] = getattr(entry, key)
    data["tests"] = list(spec.tests) + list(entry.tests)
    data["data_tests"] = list(spec.data_tests) + list(entry.data_tests)
    data["constraints"] = [c.model_dump() for c in [*spec.constraints, *entry.constraints]]
    data["meta"] = {**spec.meta, **entry.meta}
    # this version's `v:` and the latest, as written (written_version reads them)
    latest = latest_version(spec)
    data["versions"] = [{"v": entry.v}]
    data["latest_version"] = next((v for v in [spec.latest_version, *(e.v for e in spec.versions)]
                                   if v is not None and version_id(v) == latest), latest)
    merged = ModelSpec.model_validate({**data, "columns": [c.model_dump(by_alias=True)
                                                           for c in columns]})
    return ModelVersion(node_name(spec.name, version), entry.defined_in or
                        node_name(spec.name, version), version, merged, dict(entry.config))


def _columns(spec: ModelSpec, entry: VersionSpec, file: str, line: int) -> list[ColumnSpec]:
    """The model's columns picked by the version's include/exclude, then the version's own
    columns (replacing a top-level column of the same name)."""
    rule = next((c for c in entry.columns if isinstance(c, IncludeExclude)), IncludeExclude())
    top = {c.name: c for c in spec.columns}
    names = list(top) if rule.include in ("all", "*") else list(rule.include)
    unknown = [n for n in [*names, *rule.exclude] if n not in top]
    if unknown:
        raise ConfigError(f"model '{spec.name}' version {version_id(entry.v)} includes or "
                          f"excludes column '{unknown[0]}', which the model does not list",
                          file=file, line=line, model=spec.name,
                          hint="name a column of the model's top-level `columns:`")
    picked = {n: top[n] for n in names if n not in rule.exclude}
    picked.update({c.name: c for c in entry.columns if isinstance(c, ColumnSpec)})
    return list(picked.values())


def deprecated_since(spec: ModelSpec, name: str, file: str, line: int,
                     today: datetime.date | None = None) -> datetime.date | None:
    """The model's `deprecation_date` when it has passed (dbt then warns), else None."""
    value = spec.deprecation_date
    if value is None:
        return None
    try:
        when = value if isinstance(value, datetime.date) else \
            datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"model '{name}': deprecation_date {value!r} is not a date",
                          file=file, line=line, model=name,
                          hint="write it as YYYY-MM-DD") from None
    day = when.date() if isinstance(when, datetime.datetime) else when
    return day if day <= (today or datetime.date.today()) else None


def deprecation_warning(spec: ModelSpec, name: str, file: str, line: int) -> str | None:
    """dbt warns when a model's `deprecation_date` has passed; so does datanet, once."""
    day = deprecated_since(spec, name, file, line)
    return f"{file}:{line}: model '{name}' is deprecated since {day.isoformat()}" if day \
        else None


def ref_target(name: str, version: Any, versioned: dict[str, VersionedModel],
               path: str) -> str:
    """The model name a `ref(name, v=...)` reads: the pinned or the latest version of a
    versioned model, the name itself otherwise."""
    model = versioned.get(name)
    if version is None:
        return node_name(name, model.latest) if model else name
    wanted = version_id(version)
    if model is None:
        raise ReferenceNotFoundError(f"ref('{name}', v={wanted}): model '{name}' has no "
                                     f"versions", file=path,
                                     hint=f"write ref('{name}') or add `versions:` to its YAML")
    if wanted not in model.versions:
        raise ReferenceNotFoundError(f"ref('{name}', v={wanted}): model '{name}' has no "
                                     f"version {wanted} (versions: "
                                     f"{', '.join(model.versions)})", file=path,
                                     hint="pin one of its versions, or leave v out for the "
                                          "latest")
    return node_name(name, wanted)


def versioned_models(manifest: Manifest) -> dict[str, VersionedModel]:
    """The versioned models of a loaded manifest, for ref() to pick a version."""
    found: dict[str, list[Node]] = {}
    for node in manifest.models():
        if node.version is not None:
            found.setdefault(node.spec.name, []).append(node)
    return {name: VersionedModel(name, tuple(ordered([str(n.version) for n in nodes])),
                                 str(nodes[0].latest_version)) for name, nodes in found.items()}
