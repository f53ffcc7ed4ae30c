"""A healing plan per model: for every source column the model reads, heal or refuse.

The plan is data (SQLMesh's plans are the model): `Heal`s say which rewrite fixes which
change, with evidence and confidence; `Refusal`s say why the model must not be built and what
the user can do; `notes` list changes that do not affect the model. `rewrite.apply_healing`
turns a plan into a rewritten expression; the compiler and the CLI only read these objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp
from sqlglot.errors import SqlglotError

from datanet_sql.errors import DatanetError, SchemaChangeError
from datanet_sql.heal import diff as d
from datanet_sql.heal.contract import Contract
from datanet_sql.heal.decide import Fix, json_fix, rename_fix, retype_fix, widen_cast_fix
from datanet_sql.heal.refs import Key, Refs, find_refs

POLICIES = ("heal", "warn", "fail")


@dataclass(frozen=True)
class HealPolicy:
    """How a model reacts to drift: heal (rewrite what is safe), warn, or fail on any change.

    warn never rewrites: changes that do not touch the columns a model reads are reported
    and the model builds; a change to a column it reads stops it (its SQL would break or,
    worse, compute on data that changed meaning). fail stops on any change to a read source.
    """

    on_schema_change: str = "heal"
    threshold: float = 0.8
    pass_added_columns: bool = False

    def __post_init__(self) -> None:
        if self.on_schema_change not in POLICIES:
            raise ValueError(f"on_schema_change must be one of {POLICIES}")


@dataclass(frozen=True)
class Heal:
    """One applied (or, under warn, proposed) rewrite of one column of one source."""

    source: str
    table: str
    column: str
    change: str
    fix: Fix

    @property
    def confidence(self) -> float:
        return self.fix.confidence

    def describe(self) -> str:
        what = {"rename": f"read {self.fix.live_name} AS {self.column}",
                "cast": f"CAST back to {self.fix.to_type}",
                "try_cast": f"TRY_CAST to {self.fix.to_type}",
                "parse_date": f"parse with '{self.fix.date_format}' to {self.fix.to_type}",
                "to_text": f"CAST back to {self.fix.to_type}",
                "json_path": f"read key {self.fix.new_path} instead of {self.fix.path}",
                "expand_star": "expand * to the contract's columns",
                "widen_cast": f"widen the model's CAST to {self.fix.to_type}",
                "qualify": "qualify the reference with its source"}[self.fix.action]
        rejects = f", {self.fix.rejects:.1%} rejected to NULL" if self.fix.rejects else ""
        # evidence the change already states is said once (messages were read three times over)
        evidence = "".join(f"; {e}" for e in self.fix.evidence if e not in self.change)
        return (f"{self.source}.{self.table}.{self.column}: {self.change}; healed: {what} "
                f"(confidence {self.confidence:.2f}{rejects}{evidence})")


@dataclass(frozen=True)
class Refusal:
    """Why a model must not be built against the live source, and what the user can do."""

    model: str
    source: str
    table: str
    column: str
    change: str
    reason: str

    @property
    def options(self) -> list[str]:
        return [f"edit model {self.model} to match the new {self.source}.{self.table}",
                f"`datanet heal --accept {self.source}.{self.table}` to record the new "
                "contract after checking the data",
                f"restore the previous {self.source}.{self.table}"]

    def message(self) -> str:
        return f"model {self.model}: {self.what()}"

    def what(self) -> str:
        where = f"{self.source}.{self.table}" + (f".{self.column}" if self.column else "")
        return f"{where}: {self.change}: {self.reason}"

    def to_error(self) -> DatanetError:
        """The error names the model in its location, so the message does not repeat it."""
        return SchemaChangeError(f"refused: {self.what()}", model=self.model,
                                 column=self.column or None, hint="; or ".join(self.options))


@dataclass
class HealingPlan:
    model: str
    policy: HealPolicy
    heals: list[Heal] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    diffs: dict[Key, d.SchemaDiff] = field(default_factory=dict)
    reads: dict[str, Key] = field(default_factory=dict, repr=False)
    contracts: dict[Key, Contract] = field(default_factory=dict, repr=False)
    source_policies: dict[Key, HealPolicy] = field(default_factory=dict, repr=False)

    def policy_for(self, key: Key) -> HealPolicy:
        """The policy that governs one source of this model (already resolved by the caller)."""
        return self.source_policies.get(key, self.policy)

    @property
    def ok(self) -> bool:
        """True when the model may be built (with `apply_healing` under heal)."""
        return not self.refusals

    @property
    def rewrites(self) -> bool:
        return bool(self.heals) and self.ok

    def summary(self) -> str:
        lines = [f"model {self.model}:"]
        lines += [f"  healed  {h.describe()}" for h in self.heals]
        lines += [f"  REFUSED {r.message()}" for r in self.refusals]
        lines += [f"  note    {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """For run_results.json and `datanet heal --plan --output json`."""
        return {"model": self.model, "policy": self.policy.on_schema_change, "ok": self.ok,
                "heals": [{"source": h.source, "table": h.table, "column": h.column,
                           "change": h.change, "action": h.fix.action,
                           "confidence": h.confidence, "evidence": list(h.fix.evidence),
                           "rejects": h.fix.rejects, "summary": h.describe()} for h in self.heals],
                "refusals": [{"source": r.source, "table": r.table, "column": r.column,
                              "change": r.change, "reason": r.reason, "options": r.options}
                             for r in self.refusals],
                "notes": list(self.notes)}

    def raise_if_refused(self) -> None:
        if self.refusals:
            first = self.refusals[0].to_error()
            if len(self.refusals) > 1:
                first.message += f" (and {len(self.refusals) - 1} more: datanet heal --plan)"
                first.args = (first.render(),)
            raise first


def _policy(policy: HealPolicy | str | None) -> HealPolicy:
    if isinstance(policy, HealPolicy):
        return policy
    return HealPolicy(on_schema_change=policy or "heal")


def resolve_on_schema_change(*levels: str | None, default: str = "heal") -> str:
    """The first policy set, most specific first: resolve(model, source, project). dbt's
    incremental values (`append_new_columns`, ...) are no healing policy and are passed over."""
    return next((level for level in levels if level in POLICIES), default)


PolicyArg = HealPolicy | str | None | Mapping[Key, HealPolicy | str]


def plan_healing(model_name: str, expression: exp.Expression, reads: Mapping[str, Key],
                 contracts: Mapping[Key, Contract], live: Mapping[Key, Contract | None],
                 policy: PolicyArg = None) -> HealingPlan:
    """Decide, per source the model reads, how to heal each change or why to refuse.

    reads: name a table goes by in the expression (alias, table or `schema.table`) ->
    (source, table). contracts: the recorded contracts (a source without one is skipped:
    its first successful run records it). live: the live fingerprints (None = missing).
    policy: one for the model, or {(source, table): policy} when sources differ (resolve
    model > source > project with `resolve_on_schema_change` first).
    """
    per_source = dict(policy) if isinstance(policy, Mapping) else {}
    plan = HealingPlan(model_name, _policy(None if per_source else policy),  # type: ignore[arg-type]
                       reads=dict(reads), contracts=dict(contracts),
                       source_policies={k: _policy(v) for k, v in per_source.items()})
    try:
        refs = find_refs(expression, reads, contracts)
    except SqlglotError as err:   # a construct scopes cannot walk: refuse drifted sources
        refs, unreadable = Refs(), str(err).splitlines()[0]
    else:
        unreadable = ""
    for key in sorted(set(reads.values())):
        if key not in contracts:
            plan.notes.append(f"{key[0]}.{key[1]}: no contract yet; this run records it")
            continue
        diff = d.diff_contracts(contracts[key], live.get(key))
        plan.diffs[key] = diff
        if diff.changed and unreadable:
            _refuse(plan, key, "", diff.ops[0], f"cannot tell which columns the model reads "
                    f"({unreadable}), so no heal is safe")
        elif diff.changed:
            _plan_source(plan, key, diff, refs, contracts[key], live.get(key))
        if diff.changed and contracts[key].load_notes:  # how the recorded shape was read
            plan.notes.append(f"{key[0]}.{key[1]}: as last loaded: "
                              f"{'; '.join(contracts[key].load_notes)}")
    _qualify_shadowed(plan, refs, live)
    _widen_casts(plan, refs, live)
    _demote_for_warn(plan)
    return plan


def _qualify_shadowed(plan: HealingPlan, refs: Refs, live: Mapping[Key, Contract | None]) -> None:
    """An unqualified column that another source of its scope now also has (a new column of
    the same name) would become ambiguous: qualify it with its own source's alias."""
    for ref in refs.columns:
        if ref.node.table or not ref.alias or not plan.policy_for(ref.key).on_schema_change == "heal":
            continue
        for other in ref.neighbours:
            before = plan.contracts.get(other)
            now = live.get(other)
            if before is None or now is None or before.column(ref.node.name, case_sensitive=False):
                continue
            if now.column(ref.node.name, case_sensitive=False) is None:
                continue
            fix = Fix("qualify", 1.0, (f"{other[0]}.{other[1]} now also has a column "
                                       f"{ref.node.name}",))
            if not any(h.column == ref.column and h.fix == fix for h in plan.heals):
                plan.heals.append(Heal(ref.key[0], ref.key[1], ref.column,
                                       f"{ref.node.name} became ambiguous", fix))


def _widen_casts(plan: HealingPlan, refs: Refs, live: Mapping[Key, Contract | None]) -> None:
    """The model's own `CAST(id AS INTEGER)` over a source column whose live range outgrew
    the integer type: widen the cast (a narrower integer could only overflow or be wrong)."""
    for ref in refs.columns:
        cast = ref.node.parent
        if not isinstance(cast, exp.Cast) or ref.node.arg_key != "this" \
                or ref.key not in plan.contracts:
            continue
        diff = plan.diffs.get(ref.key)
        now = live.get(ref.key)
        col = now.column(diff.live_names.get(ref.column, ref.column) if diff else ref.column) \
            if now is not None else None
        if col is None:
            continue
        fix = widen_cast_fix(cast.to.sql("duckdb"), col)
        if fix is None:
            continue
        change = f"values now reach {col.min}..{col.max}, outside {cast.to.sql('duckdb')}"
        if isinstance(fix, str) or plan.policy_for(ref.key).on_schema_change == "fail":
            reason = fix if isinstance(fix, str) else "on_schema_change is fail"
            plan.refusals.append(Refusal(plan.model, ref.key[0], ref.key[1], ref.column,
                                         change, reason))
        elif not any(h.column == ref.column and h.fix == fix for h in plan.heals):
            plan.heals.append(Heal(ref.key[0], ref.key[1], ref.column, change, fix))


def _refuse(plan: HealingPlan, key: Key, column: str, op: d.Op, reason: str) -> None:
    plan.refusals.append(Refusal(plan.model, key[0], key[1], column, op.describe(), reason))


def _plan_source(plan: HealingPlan, key: Key, diff: d.SchemaDiff, refs: Refs,
                 contract: Contract, live: Contract | None) -> None:
    for op in diff.table_ops():
        _refuse(plan, key, "", op, "the model reads this source; building it now would "
                "replace good rows with none")
    if diff.table_ops():
        return
    if plan.policy_for(key).on_schema_change == "fail":
        for op in diff.ops:
            _refuse(plan, key, op.column, op, "on_schema_change is fail")
        return
    read = refs.read_columns(key)
    stars = [s for s in refs.stars if any(k == key for _, k in s.sources)]
    if stars:
        read |= set(contract.names)
        _plan_stars(plan, key, diff, stars)
    for column in sorted(read):
        _plan_column(plan, key, column, diff, refs, contract, live)
    touched = {c.lower() for c in read}
    for op in diff.ops:
        if op.column.lower() not in touched and not (stars and isinstance(op, (d.Added, d.Reordered))):
            plan.notes.append(f"{key[0]}.{key[1]}: {op.describe()} (not read by the model)")


def _plan_stars(plan: HealingPlan, key: Key, diff: d.SchemaDiff, stars: list) -> None:
    """SELECT * over a drifted source: expand it to the contract's columns, or refuse."""
    if plan.policy_for(key).pass_added_columns and all(
            isinstance(op, (d.Added, d.Reordered)) for op in diff.ops):
        plan.notes.append(f"{key[0]}.{key[1]}: added columns pass through SELECT *")
        return
    from datanet_sql.heal.rewrite import star_expandable

    for star in stars:
        if not star_expandable(star):
            _refuse(plan, key, "", diff.ops[0], "the model selects * over a join with a "
                    "relation whose columns are unknown; list the columns explicitly")
            return
    plan.heals.append(Heal(key[0], key[1], "*", "; ".join(op.describe() for op in diff.ops),
                           Fix("expand_star", 1.0, ("output keeps the contract's columns "
                                                    "in the contract's order",))))


def _plan_column(plan: HealingPlan, key: Key, column: str, diff: d.SchemaDiff, refs: Refs,
                 contract: Contract, live: Contract | None) -> None:
    for op in diff.for_column(column):
        if isinstance(op, (d.Added, d.Reordered)):
            continue
        result = _decide(op, column, refs, key, contract, live)
        for item in result if isinstance(result, list) else [result]:
            if isinstance(item, str):
                _refuse(plan, key, column, op, item)
            elif item.confidence < plan.policy_for(key).threshold:
                _refuse(plan, key, column, op, f"the best heal ({item.action}) has confidence "
                        f"{item.confidence:.2f}, below the threshold "
                        f"{plan.policy_for(key).threshold}")
            elif not any(h.column == column and h.fix == item for h in plan.heals):
                plan.heals.append(Heal(key[0], key[1], column, op.describe(), item))


def _decide(op: d.Op, column: str, refs: Refs, key: Key, contract: Contract,
            live: Contract | None) -> Fix | str | list[Fix | str]:
    if isinstance(op, (d.Renamed, d.Recased)):
        return rename_fix(op)
    if isinstance(op, d.Retyped):
        return retype_fix(op, contract.column(op.column), live.column(op.live_name))  # type: ignore
    if isinstance(op, (d.JsonKeyMoved, d.JsonKeyRemoved)):
        return _decide_json(op, column, refs, key)
    reasons = {d.Dropped: "the model reads it", d.AmbiguousRename: "cannot tell which one to read",
               d.UnitChanged: "the numbers would be wrong by that factor",
               d.ValuesChanged: "the model would compute on values that changed meaning",
               d.CaseCollision: "cannot tell which one the model means",
               d.AmbiguousDates: "dates read in the wrong order would be wrong values; pin the "
                                 "format in the source's `options: {dateformat: ...}`"}
    return reasons.get(type(op), "no safe heal")


def _decide_json(op: d.JsonKeyMoved | d.JsonKeyRemoved, column: str, refs: Refs,
                 key: Key) -> list[Fix | str]:
    out: list[Fix | str] = []
    for ref in (r for r in refs.columns if r.key == key and r.column == column):
        if ref.json_path is None:
            out.append("the model reads the whole JSON value, whose keys changed")
        elif ref.json_path == op.path or ref.json_path.startswith(op.path + "."):
            out.append(json_fix(op, ref.json_path) if isinstance(op, d.JsonKeyMoved)
                       else "the model reads this key")
    return out


def _demote_for_warn(plan: HealingPlan) -> None:
    """Under warn nothing is rewritten: heals of read columns become refusals.

    A star over a source that only gained or reordered columns is the exception: the model
    still builds (with the new columns), and the change is reported.
    """
    kept = []
    for heal in plan.heals:
        if plan.policy_for((heal.source, heal.table)).on_schema_change != "warn":
            kept.append(heal)
            continue
        diff = plan.diffs.get((heal.source, heal.table))
        if heal.fix.action == "expand_star" and diff and all(
                isinstance(op, (d.Added, d.Reordered)) for op in diff.ops):
            plan.notes.append(f"{heal.source}.{heal.table}: {heal.change} (warn: not rewritten)")
            continue
        plan.refusals.append(Refusal(plan.model, heal.source, heal.table, heal.column,
                                     heal.change, "on_schema_change is warn, so the model is "
                                     f"not rewritten (heal would: {heal.describe()})"))
    plan.heals = kept
