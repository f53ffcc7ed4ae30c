"""Healing inside the compiler: before a SQL model is qualified, compare the live schema of each
source it reads with the source's recorded contract (profiles/<source>.<table>.yml), and
rewrite the model's tree where that is safe, or refuse the model with what to do.

A refused model does not stop the compile: it carries its refusal (the runner reports it as an
error and skips what reads it), every other model goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.semantics_step import sampled_relation
from datanet_sql.compile.source_schemas import describer
from datanet_sql.errors import DatanetError, SchemaChangeError
from datanet_sql.heal.store import source_key
from datanet_sql.ingest.files import resolve_path, scan
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

Key = tuple[str, str]


class ContractBook:
    """Recorded and live contracts of the project's sources, computed once per compile."""

    def __init__(self, manifest: Manifest, ctx: CompileContext) -> None:
        from datanet_sql.heal import ContractStore

        self.manifest = manifest
        self.ctx = ctx
        self.store = ContractStore.of_project(ctx.project)
        self._live: dict[Key, Any] = {}

    def recorded(self, key: Key) -> Any | None:
        return self.store.recorded(key)

    def accept(self, node: Node, live: Any) -> Path | None:
        """Record the source's live contract, with the semantic types the compiler inferred."""
        return self.store.accept(source_key(node), live, _known(node))

    def holds(self, node: Node, live: Any) -> bool:
        """Whether the source's contract file already says what `accept` would write."""
        return self.store.holds(source_key(node), live, _known(node))

    def live(self, node: Node, fresh: bool = False) -> Any | None:
        """The source's live fingerprint (None when missing), cached by its live columns and,
        for files, their signature. A warehouse table cannot tell cheaply whether its values
        changed: `fresh` fingerprints it again (after a run) for the next compile to use, where
        scans are cheap (on Spark a fingerprint is seconds of jobs: it follows column changes)."""
        key = source_key(node)
        if key in self._live and not fresh:
            return self._live[key]
        from datanet_sql.heal import live_contract

        if node.config.get("missing"):
            # under `stale` the last good copy stands in: the contract still holds
            stale = node.config.get("on_source_outage") == "stale"
            self._live[key] = self.recorded(key) if stale else None
            return self._live[key]
        target = sampled_relation(self.ctx, node)
        if target is None:
            self._live[key] = None
            return None
        adapter, relation, signature = target
        columns = [(c.name, c.type or "VARCHAR") for c in node.columns.values()]
        signature = digest(signature, columns)  # a renamed or retyped column is seen at once
        cached = self.ctx.cache.get("live_contracts", node.unique_id, signature)
        if cached is None or (fresh and adapter is self.ctx.adapter and adapter.cheap_scans):
            cached = live_contract(adapter, relation, columns, source=key[0], table=key[1])
            self.ctx.cache.put("live_contracts", node.unique_id, signature, cached)
        self._live[key] = cached
        return cached

    def moved_file(self, node: Node) -> str | None:
        """For a missing file source: the one sibling file holding the same values (an export
        that was renamed), judged by the contract's value fingerprint, never by name."""
        from datanet_sql.heal import find_moved_table, live_contract

        recorded = self.recorded(source_key(node))
        path = node.config.get("path")
        if recorded is None or not path or any(c in path for c in "*?["):
            return None
        root = self.ctx.project.root
        wanted = Path(resolve_path(root, path))
        taken = {Path(resolve_path(root, n.config["path"])) for n in self.manifest.of_kind("source")
                 if n.config.get("path")}
        candidates = {}
        for sibling in sorted(wanted.parent.glob(f"*{wanted.suffix}")):
            if sibling not in taken:
                relation = scan(str(sibling), node.config["format"], node.config.get("options"))
                found = live_contract(describer(), relation, source=sibling.name, table="")
                if found is not None:
                    candidates[(str(sibling.relative_to(root)), "")] = found
        match = find_moved_table(recorded, candidates)
        return match[0][0] if match else None

    def signature(self, node: Node) -> str:
        """What a model's healing depends on: the contract file and the live files (for a
        warehouse table, its last fingerprint, which a run refreshes)."""
        target = sampled_relation(self.ctx, node) if not node.config.get("missing") else None
        live = target[2] if target else "missing"
        if target is not None and target[0] is self.ctx.adapter and \
                self.recorded(source_key(node)) is not None:
            try:
                live = digest(live, repr(self.live(node)))
            except DatanetError:  # unreadable now: the heal step reports it
                pass
        return digest(self.store.text(source_key(node)), live)


def _known(node: Node) -> dict[str, tuple[str | None, bool]]:
    """Column name -> (semantic type, PII) as the compiler inferred them."""
    return {c.name: (c.semantic, bool(c.pii)) for c in node.columns.values()}


def moved_hint(node: Node) -> str:
    return f"{node.name} seems to have moved to {node.config['moved_to']} (same values): " \
           f"point its `path:` there"


def heal_model(node: Node, query: exp.Expression, manifest: Manifest, ctx: CompileContext,
               book: ContractBook) -> exp.Expression:
    """The model's tree, healed against drifted sources; raises the refusal when unsafe."""
    sources = [manifest.nodes[d] for d in node.depends_on if manifest.nodes[d].kind == "source"]
    sources = [s for s in sources if book.recorded(source_key(s)) is not None]
    if not sources:
        return query
    from datanet_sql.heal import apply_healing, plan_healing, resolve_on_schema_change

    reads = _reads(query, sources)
    contracts = {source_key(s): book.recorded(source_key(s)) for s in sources}
    live = {source_key(s): book.live(s) for s in sources}
    policies = {source_key(s): resolve_on_schema_change(
        node.config.get("on_schema_change"), s.config.get("on_schema_change"),
        ctx.project.spec.on_schema_change) for s in sources}
    plan = plan_healing(node.name, query, reads, contracts, live, policies)
    node.healing = plan.to_dict()
    try:
        healed = apply_healing(query, plan, ctx.read_dialect, target=ctx.dialect)
    except DatanetError as err:
        for source in sources:
            if source.config.get("moved_to"):
                err.hint = f"{moved_hint(source)}; or {err.hint or ''}"
        raise

    node.notes += [f"healed: {h['summary']}" for h in node.healing["heals"]]
    node.notes += [f"heal note: {n}" for n in plan.notes]
    return healed


def keep_declarative_outputs(node: Node, query: exp.Expression, manifest: Manifest,
                             ctx: CompileContext, book: ContractBook) -> exp.Expression:
    """A declarative model passes its source's columns through by their live names, so an
    upstream rename (`city` -> `town`) would rename its output and break every model reading
    it. Renames the healing policy allows are read back under the recorded name
    (`town AS city`); under `fail` the model is refused, under `warn` it is told."""
    from datanet_sql.heal import diff_contracts, resolve_on_schema_change
    from datanet_sql.heal.diff import Recased, Renamed

    parent = manifest.nodes[node.depends_on[0]]
    recorded = book.recorded(source_key(parent)) if parent.kind == "source" else None
    if recorded is None:
        return query
    ops = diff_contracts(recorded, book.live(parent)).ops
    renames = {op.new: op.column for op in ops if isinstance(op, (Renamed, Recased))}
    outputs = [p.alias_or_name for p in query.selects]
    renames = {new: old for new, old in renames.items() if new in outputs and old not in outputs}
    if not renames:
        return query
    said = [f"{parent.name}.{old}: column {old} was renamed to {new}; the model's output keeps "
            f"{old}" for new, old in renames.items()]
    policy = resolve_on_schema_change(node.config.get("on_schema_change"),
                                      parent.config.get("on_schema_change"),
                                      ctx.project.spec.on_schema_change)
    if policy == "fail":
        raise SchemaChangeError(f"model '{node.name}': refused (on_schema_change: fail): "
                               + "; ".join(s.split(";")[0] for s in said),
                               file=node.path, line=node.line, model=node.name)
    if policy == "warn":
        node.warnings += [f"{node.path}: model {node.name}: {s.split(';')[0]} (not healed: "
                          f"on_schema_change is warn)" for s in said]
        return query
    node.healing = {"model": node.name, "policy": policy, "ok": True,
                    "heals": [{"summary": s} for s in said], "refusals": []}
    node.notes += [f"healed: {s}" for s in said]
    columns = [exp.alias_(exp.column(name, table="_healed", quoted=True), renames[name],
                          quoted=True) if name in renames else
               exp.column(name, table="_healed", quoted=True) for name in outputs]
    return exp.select(*columns).from_(query.subquery("_healed"))


def _reads(query: exp.Expression, sources: list[Node]) -> dict[str, Key]:
    """Every name a source goes by in the tree: its alias, its table name, `schema.table`."""
    by_relation = {(s.relation.schema or "").lower() + "." + s.relation.name.lower(): source_key(s)
                   for s in sources}
    reads: dict[str, Key] = {}
    for table in query.find_all(exp.Table):
        key = by_relation.get(f"{table.db.lower()}.{table.name.lower()}")
        if key is None:
            continue
        reads[table.name] = key
        reads[f"{table.db}.{table.name}"] = key
        if table.alias:
            reads[table.alias] = key
    return reads
