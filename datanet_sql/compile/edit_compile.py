"""The edit path: models whose SQL file was edited, recompiled from the last compile's state.

When the stamp (last_compile.py) shows that only some model files changed, the passes run
for those models alone, starting from the project and manifest the last compile kept
(kept_state.py): each is loaded, rendered, resolved, analysed, contract-checked, its data
tests built again and emitted as the passes do it; a model reading one whose columns changed
(names, types, semantics, lineage) is analysed again too, and so on down. Both manifests are
then patched, not rebuilt (patch_manifests.py). What a compile of a thousand models spends
loading every YAML file and walking every node from the caches is not spent.

Correctness comes first: the path is taken only where its result is, by construction, what a
whole compile would write. Anything else raises `NotIncremental` and the whole compile runs:
a file added, removed or not a plain SQL model of the project (YAML, macros, packages, seeds,
dbt_project.yml...); an edit that changes a model's config, relation or parents (the DAG and
dbt's maps would change), makes it fail, warn or be held over, renders against the warehouse
or renames its tests; a last compile that warned (its warnings cannot be told apart by node);
a child that is not a plain SQL model; unit tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from datanet_sql.compile import kept_state
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.heal_step import ContractBook
from datanet_sql.compile.kept_state import Kept
from datanet_sql.compile.last_compile import LastCompile, Request, Scan, forget
from datanet_sql.compile.passes.annotate import analyse_node, output_types, transpile_now
from datanet_sql.compile.passes.contract import check_node_contract
from datanet_sql.compile.passes.data_tests import finish_test, tests_of
from datanet_sql.compile.passes.emit import compiled_files
from datanet_sql.compile.passes.load import model_node, specs_by_name
from datanet_sql.compile.passes.render import render_edited
from datanet_sql.compile.passes.resolve import seed_or_model
from datanet_sql.compile.patch_manifests import patch_manifests
from datanet_sql.compile.pipeline import make_context
from datanet_sql.config.project import Project, ProjectFile
from datanet_sql.config.targets import forget_env_vars_read
from datanet_sql.config.textfile import read_text
from datanet_sql.errors import DatanetError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node


class NotIncremental(Exception):
    """What the edit path does not cover: the whole compile runs instead."""


@dataclass
class Edited:
    """An edit path's compile, written: what the command reports and stamps."""

    ctx: CompileContext
    kept: Kept
    inputs: Scan | None
    changed: set[str]  # the nodes compiled again

    @property
    def manifest(self) -> Manifest:
        return self.kept.manifest

    def keep(self, files: list[str]) -> str | None:
        """Keep the state for the next edit (the stamp's `state`), `files` edited."""
        texts = {file.path: file.text for file in self.kept.project.sql_models
                 if file.path in files}
        return kept_state.keep_edits(self.ctx.project.root, self.kept, texts, self.changed)


def recompile(request: Request, last: LastCompile, changed: list[str]) -> Edited | None:
    """Recompile the `changed` files (from the stamp) from the kept state and write both
    manifests; None (nothing written) when the whole compile must run."""
    root = request.root
    kept = kept_state.kept(root, last.stamp.get("state"))
    if kept is None:
        return None
    manifest = kept.manifest
    forget_env_vars_read()  # from now on, those the edited files read
    try:
        ctx = make_context(kept.project, dialect=request.dialect)
        fresh = _analyse(_reload(changed, kept.project, manifest, ctx), manifest, ctx)
        fresh |= _retest(fresh, manifest, ctx)
        files = compiled_files(manifest, ctx, only=fresh)
        if any(manifest.nodes[uid].error for uid in fresh):
            raise NotIncremental("a construct the target cannot express")
    except (NotIncremental, DatanetError):
        return None
    forget(request.project_dir)  # the stamp goes before the output it describes changes
    patch_manifests(manifest, ctx, files, fresh)
    ctx.cache.save_puts()
    return Edited(ctx, kept, last.inputs, fresh)


def _reload(changed: list[str], project: Project, manifest: Manifest,
            ctx: CompileContext) -> list[tuple[Node, Node]]:
    """Each changed file's model loaded and rendered again in place of the kept one, which
    it must match in all the DAG and the manifests' other entries read: config, relation,
    parents, hooks."""
    if manifest.warnings or any(node.kind == "unit_test" for node in manifest.nodes.values()):
        raise NotIncremental("the last compile warned, or has unit tests")
    files = {file.path: file for file in project.sql_models}
    specs = specs_by_name(project.yaml_models, "model")
    pairs: list[tuple[Node, Node]] = []
    for rel in changed:
        old = manifest.nodes.get(f"model.{files[rel].stem}") if rel in files else None
        if old is None or old.path != rel or not _plain(old):
            raise NotIncremental(f"{rel} is not a plain SQL model of the project")
        try:
            files[rel].text = read_text(project.root / rel, rel)
        except (OSError, DatanetError):  # removed (or unreadable): the whole compile says it
            raise NotIncremental(f"{rel} cannot be read") from None
        new = model_node(ProjectFile(rel, files[rel].text), specs.get(old.name), ctx)
        new.foreign_keys = old.foreign_keys
        manifest.nodes[old.unique_id] = new
        pairs.append((old, new))
    if not render_edited(manifest, ctx, [new for _, new in pairs]) or manifest.warnings or \
            ctx.dbt_jinja is not None and ctx.dbt_jinja.introspective:
        raise NotIncremental("a render that warned, saw the warehouse or a moved model")
    for old, new in pairs:
        parents = new.depends_on + [k.parent for k in new.foreign_keys
                                    if k.parent not in new.depends_on]
        new.depends_on = [seed_or_model(dep, manifest) for dep in parents]
        if new.error or new.held_over or new.warnings or new.config != old.config or \
                new.relation != old.relation or new.depends_on != old.depends_on or \
                new.hooks != old.hooks:
            raise NotIncremental(f"{new.path}: its config, relation or parents changed")
    return pairs


def _plain(node: Node) -> bool:
    """A plain SQL model the edit path can compile alone (the kinds that need more of the
    project stay on the whole path)."""
    return node.kind == "model" and not node.is_declarative and node.version is None \
        and node.materialized != "ephemeral" and not node.path.endswith(".py") \
        and node.package is None and not node.warnings and not node.held_over


def _analyse(pairs: list[tuple[Node, Node]], manifest: Manifest,
             ctx: CompileContext) -> set[str]:
    """The edited models analysed, then in DAG order each model reading one whose columns
    came out different (names, types, semantics, lineage); every other node's columns go
    into the catalog as the last compile left them."""
    before = {new.unique_id: dict(old.columns) for old, new in pairs}
    book = ContractBook(manifest, ctx)
    fresh: set[str] = set()
    moved: set[str] = set()  # models whose columns changed
    relations = _relations(manifest)
    for node in manifest.in_order("model", "snapshot"):
        if node.unique_id not in before and not moved.intersection(node.depends_on):
            continue
        if not _plain(node):
            raise NotIncremental(f"{node.name} reads an edited model and is not plain SQL")
        _catalog_for(node, relations, fresh, ctx)
        columns = before.get(node.unique_id, dict(node.columns))
        node.expression = node.incremental_expression = None  # parsed again from its SQL
        analyse_node(node, manifest, ctx, book)
        transpile_now(node, ctx)
        check_node_contract(node, manifest, ctx)
        if node.error or node.blocked or node.held_over or node.warnings or manifest.warnings:
            raise NotIncremental(f"{node.name} failed, warned or is held over")
        fresh.add(node.unique_id)
        if node.columns != columns:
            moved.add(node.unique_id)
    return fresh


def _relations(manifest: Manifest) -> list[tuple[str, Node]]:
    """Every node the catalog may hold (not tests), by its relation's name in lower case, in
    DAG order."""
    return [(node.relation.name.lower(), node) for node in manifest.in_order()
            if node.relation is not None and node.kind != "test"]


def _catalog_for(node: Node, relations: list[tuple[str, Node]], fresh: set[str],
                 ctx: CompileContext) -> None:
    """The catalog as the walk would hold it when it reaches `node`, for the relations its
    SQL may name: its parents', and those of the nodes before it whose relation's name its
    rendered SQL contains. Building sqlglot's schema of all 1000 models was most of an edit's
    analysis; a relation the SQL does not name cannot change what it reads."""
    sql = (node.rendered_sql or "").lower() + (node.rendered_incremental_sql or "").lower()
    for name, other in relations:
        if other is node:
            return
        if other.unique_id not in fresh and (name in sql or other.unique_id in node.depends_on):
            ctx.catalog.add(other.relation, output_types(other), other.unique_id)


def _retest(fresh: set[str], manifest: Manifest, ctx: CompileContext) -> set[str]:
    """The data tests of each node analysed again, or reading one, built again; they must
    come out under the same names and parents (or the whole pass names them)."""
    owners: dict[str, list[str]] = {}
    for test in manifest.in_order("test"):
        attached = (test.test or {}).get("attached_node")
        if attached is not None:
            owners.setdefault(attached, []).append(test.unique_id)
    touched = fresh | {attached for attached, ids in owners.items()
                       if any(fresh.intersection(manifest.nodes[uid].depends_on) for uid in ids)}
    retested: set[str] = set()
    for uid in manifest.order:
        if uid not in touched:
            continue
        tests = tests_of(manifest.nodes[uid], manifest, ctx)
        kept = owners.get(uid, [])
        if [t.unique_id for t in tests] != kept or \
                [t.depends_on for t in tests] != [manifest.nodes[k].depends_on for k in kept]:
            raise NotIncremental(f"the tests of {uid} changed names or parents")
        for test in tests:
            finish_test(test, manifest, ctx)
            if test.error or test.warnings or manifest.warnings:
                raise NotIncremental(f"{test.name} failed or warned")
            manifest.nodes[test.unique_id] = test
            retested.add(test.unique_id)
    return retested
