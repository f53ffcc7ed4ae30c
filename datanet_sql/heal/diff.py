"""Schema diff as data: what changed between a source's contract and its live table.

Like SQLMesh's schema_diff, the result is a list of plain operations, each knowing whether it
is destructive (data a model read may be gone or mean something else). Deciding what to do
about an operation is `plan.py`'s job; this module only observes.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from datanet_sql.heal.contract import Contract, ContractColumn, JsonPath
from datanet_sql.heal.match import (Match, contradictions, name_similarity, score, unit_factor,
                                    value_evidence)
from datanet_sql.heal.dates import choose_format
from datanet_sql.heal.dates import swapped as _day_month_swapped
from datanet_sql.heal.raw import case_collisions
from datanet_sql.heal.sketch import containment
from datanet_sql.heal.types import family, is_numeric, retype_kind, same_type

RENAME_FLOOR = 0.5        # below this a candidate is not a rename at all
AMBIGUITY_MARGIN = 0.08   # two candidates closer than this: ambiguous
MOVED_BELOW = 0.3         # a same-named column holding fewer of the contract's values: suspect
HELD_FROM = 0.8           # ... and another column holding at least this share: it moved there


@dataclass(frozen=True)
class Op:
    """Base of every change; `column` is the contract name it concerns ('' for table-level)."""

    column: str = ""

    destructive = False

    def describe(self) -> str:
        return type(self).__name__


@dataclass(frozen=True)
class Added(Op):
    type: str = ""

    def describe(self) -> str:
        return f"column {self.column} ({self.type}) was added"


@dataclass(frozen=True)
class Dropped(Op):
    destructive = True

    def describe(self) -> str:
        return f"column {self.column} was dropped"


@dataclass(frozen=True)
class Renamed(Op):
    new: str = ""
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"column {self.column} was renamed to {self.new} ({'; '.join(self.evidence)})"


@dataclass(frozen=True)
class Recased(Op):
    new: str = ""

    def describe(self) -> str:
        return f"column {self.column} was re-cased to {self.new}"


@dataclass(frozen=True)
class Reordered(Op):
    old_order: tuple[str, ...] = ()
    new_order: tuple[str, ...] = ()

    def describe(self) -> str:
        return "columns were reordered"


@dataclass(frozen=True)
class Retyped(Op):
    """`column` (contract name, live name `live_name`) changed type from `old` to `new`."""

    live_name: str = ""
    old: str = ""
    new: str = ""
    kind: str = ""        # widened | narrowed | to_text | text_to_typed | changed

    @property
    def destructive(self) -> bool:  # type: ignore[override]
        return self.kind in ("narrowed", "changed")

    def describe(self) -> str:
        return f"column {self.column} changed type {self.old} -> {self.new} ({self.kind})"


@dataclass(frozen=True)
class UnitChanged(Op):
    new: str = ""
    factor: float = 1.0
    evidence: tuple[str, ...] = ()
    destructive = True

    def describe(self) -> str:
        where = f" (now {self.new})" if self.new != self.column else ""
        return f"column {self.column}{where} values are scaled by {self.factor:g}: a unit change"


@dataclass(frozen=True)
class ValuesChanged(Op):
    """Same name and type, but the values changed form (re-formatted text, NULLs filled)."""

    evidence: tuple[str, ...] = ()
    destructive = True

    def describe(self) -> str:
        return f"column {self.column} values changed ({'; '.join(self.evidence)})"


@dataclass(frozen=True)
class AmbiguousRename(Op):
    candidates: tuple[tuple[str, float], ...] = ()
    destructive = True

    def describe(self) -> str:
        names = ", ".join(f"{n} ({c:.2f})" for n, c in self.candidates)
        return f"column {self.column} is gone and several new columns match it: {names}"


@dataclass(frozen=True)
class CaseCollision(Op):
    names: tuple[str, ...] = ()
    destructive = True

    def describe(self) -> str:
        return f"columns {', '.join(self.names)} differ only by case"


@dataclass(frozen=True)
class AmbiguousDates(Op):
    """A date column whose new raw text fits two orders of day and month (all days <= 12):
    the reader parsed it with one of them, silently."""

    formats: tuple[str, ...] = ()
    contract_formats: tuple[str, ...] = ()
    destructive = True

    def describe(self) -> str:
        was = f" (the contract's export used {', '.join(self.contract_formats)})" \
            if self.contract_formats else ""
        return (f"the raw text of {self.column} now fits both {self.formats[0]} and "
                f"{self.formats[1]}: every day is <= 12, so the reader guessed the order{was}")


@dataclass(frozen=True)
class JsonKeyRemoved(Op):
    path: str = ""
    destructive = True

    def describe(self) -> str:
        return f"key {self.path} of {self.column} was removed"


@dataclass(frozen=True)
class JsonKeyMoved(Op):
    path: str = ""
    new_path: str = ""
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"key {self.path} of {self.column} moved to {self.new_path}"


@dataclass(frozen=True)
class JsonKeyRenamed(JsonKeyMoved):
    def describe(self) -> str:
        return f"key {self.path} of {self.column} was renamed to {self.new_path}"


@dataclass(frozen=True)
class TableMissing(Op):
    destructive = True

    def describe(self) -> str:
        return "the table is missing"


@dataclass(frozen=True)
class TableEmpty(Op):
    previous_rows: int = 0
    destructive = True

    def describe(self) -> str:
        return f"the table is empty (it had {self.previous_rows} rows)"


@dataclass
class SchemaDiff:
    """All operations for one source table, plus the contract -> live name map."""

    source: str
    table: str
    ops: list[Op] = field(default_factory=list)
    live_names: dict[str, str] = field(default_factory=dict)
    rows: tuple[int | None, int | None] = (None, None)

    @property
    def changed(self) -> bool:
        return bool(self.ops)

    def for_column(self, name: str) -> list[Op]:
        low = name.lower()
        return [op for op in self.ops if op.column.lower() == low
                or (isinstance(op, CaseCollision) and low in {n.lower() for n in op.names})]

    def table_ops(self) -> list[Op]:
        return [op for op in self.ops if isinstance(op, (TableMissing, TableEmpty))]


def diff_contracts(contract: Contract, live: Contract | None) -> SchemaDiff:
    """Compare a contract with the live table; never raises on odd input."""
    out = SchemaDiff(contract.source, contract.table)
    if live is None:
        out.ops.append(TableMissing())
        return out
    out.rows = (contract.row_count, live.row_count)
    if live.row_count == 0 and (contract.row_count or 0) > 0:
        out.ops.append(TableEmpty(previous_rows=contract.row_count or 0))
    dropped, added = _match_names(contract, live, out)
    _raw_collisions(contract, live, out)
    _match_moves(contract, live, out, added)
    _match_renames(contract, live, dropped, added, out)
    for old_name, live_name in list(out.live_names.items()):
        _compare_column(contract.column(old_name), live.column(live_name), out)  # type: ignore[arg-type]
    kept = [n for n in contract.names if n in out.live_names]
    live_order = [n for n in live.names if n in set(out.live_names.values())]
    if [out.live_names[n] for n in kept] != live_order:
        out.ops.append(Reordered(old_order=tuple(kept), new_order=tuple(live_order)))
    return out


def _match_names(contract: Contract, live: Contract, out: SchemaDiff) -> tuple[list[str], list[str]]:
    """Exact and case-insensitive matches; returns (unmatched contract, unmatched live) names."""
    by_lower: dict[str, list[str]] = {}
    for name in live.names:
        by_lower.setdefault(name.lower(), []).append(name)
    used: set[str] = set()
    dropped = []
    for name in contract.names:
        same = by_lower.get(name.lower(), [])
        if len(same) > 1:
            out.ops.append(CaseCollision(column=name, names=tuple(same)))
            used.update(same)
        elif same:
            out.live_names[name] = same[0]
            used.add(same[0])
            if same[0] != name:
                out.ops.append(Recased(column=name, new=same[0]))
        else:
            dropped.append(name)
    return dropped, [n for n in live.names if n not in used]


def _raw_collisions(contract: Contract, live: Contract, out: SchemaDiff) -> None:
    """Headers of the raw file that differ only by case, new since the contract: the reader
    renamed one of them (`Amount_1`), so a model reading either name may read the wrong one."""
    known = {g[0].lower() for g in case_collisions(contract.raw_header)}
    flagged = {op.column.lower() for op in out.ops if isinstance(op, CaseCollision)}
    for group in case_collisions(live.raw_header):
        low = group[0].lower()
        if low in known or low in flagged:
            continue
        for name in contract.names:
            if name.lower() == low:
                out.ops.append(CaseCollision(column=name, names=group))


def _holds(old: ContractColumn, new: ContractColumn) -> float | None:
    """How surely `new` holds the values of `old`: MinHash containment, or 1.0 / 0.0 from an
    exact top-values hash where the sketch has too few values (None when nothing is known)."""
    found = containment(old.minhash, new.minhash, old.distinct_count, new.distinct_count)
    if found is not None:
        return found
    if old.top_hash and new.top_hash:
        return 1.0 if old.top_hash == new.top_hash else 0.0
    return None


def _match_moves(contract: Contract, live: Contract, out: SchemaDiff,
                 added: list[str]) -> None:
    """Values before names: a contract column whose same-named live column no longer holds
    its values, while exactly one other live column does, has moved there (swapped headers,
    a rename chain: `price` -> `unit_price` while `total` -> `price`). The name it leaves
    behind is then a new column, free to be matched as another column's rename."""
    suspects: dict[str, float] = {}
    for old, now in out.live_names.items():
        old_col, now_col = contract.column(old), live.column(now)
        same = _holds(old_col, now_col) if old_col and now_col else None
        if same is not None and same < MOVED_BELOW:
            suspects[old] = same
    settled = {now for old, now in out.live_names.items() if old not in suspects}
    moves: dict[str, tuple[str, float, float]] = {}
    for old, same in suspects.items():
        old_col = contract.column(old)
        holders = [(c.name, h) for c in live.columns if c.name not in settled
                   and c.name != out.live_names[old] and old_col is not None
                   and family(c.type) == family(old_col.type)
                   and (h := _holds(old_col, c)) is not None and h >= HELD_FROM]
        if len(holders) == 1:
            moves[old] = (holders[0][0], holders[0][1], same)
    if len({new for new, _, _ in moves.values()}) < len(moves):
        return   # two contract columns claim one live column: leave it to the value checks
    claimed = {new for new, _, _ in moves.values()}
    for old, (new, held, same) in moves.items():
        left = out.live_names[old]
        match = score(contract.column(old), live.column(new), out.rows)  # type: ignore[arg-type]
        out.ops.append(Renamed(column=old, new=new, confidence=max(match.confidence, 0.9),
                               evidence=(f"{held:.0%} of the values of {old} are now under "
                                         f"{new}", f"the column named {left} holds other values "
                                         f"({same:.0%} of them match)")))
        out.live_names[old] = new
        if new in added:
            added.remove(new)
        if left not in claimed and left not in out.live_names.values():
            added.append(left)


def _match_renames(contract: Contract, live: Contract, dropped: list[str], added: list[str],
                   out: SchemaDiff) -> None:
    """Pair dropped with added columns by value evidence; flag ambiguity and unit changes."""
    scored: dict[str, list[Match]] = {}
    rows = (contract.row_count, live.row_count)
    for old in dropped:
        old_col = contract.column(old)
        matches = [score(old_col, live.column(new), rows)  # type: ignore[arg-type]
                   for new in added]
        scored[old] = sorted(matches, key=lambda m: -m.confidence)
    taken: set[str] = set()
    order = sorted(dropped, key=lambda o: -(scored[o][0].confidence if scored[o] else 0))
    for old in order:
        op = _rename_op(old, [m for m in scored[old] if m.new not in taken])
        out.ops.append(op)
        if isinstance(op, Renamed):
            out.live_names[old] = op.new
        if isinstance(op, (Renamed, UnitChanged)):
            taken.add(op.new)
        if isinstance(op, AmbiguousRename):
            taken.update(n for n, _ in op.candidates)
    for name in added:
        if name not in taken:
            out.ops.append(Added(column=name, type=live.column(name).type))  # type: ignore[union-attr]


def _rename_op(old: str, matches: list[Match]) -> Op:
    units = [m for m in matches if m.unit_factor and name_similarity(m.old, m.new) >= 0.4]
    plausible = [m for m in matches if m.value_score >= 0.6 and m.confidence >= RENAME_FLOOR]
    if units and (not plausible or units[0].confidence >= plausible[0].confidence):
        m = units[0]
        return UnitChanged(column=old, new=m.new, factor=m.unit_factor or 1.0,
                           evidence=tuple(m.evidence))
    if not plausible:
        return Dropped(column=old)
    best = plausible[0]
    rivals = [m for m in plausible[1:] if best.confidence - m.confidence < AMBIGUITY_MARGIN]
    if rivals:
        return AmbiguousRename(column=old, candidates=tuple(
            (m.new, m.confidence) for m in [best, *rivals]))
    return Renamed(column=old, new=best.new, confidence=best.confidence,
                   evidence=tuple(best.evidence))


def _compare_column(old: ContractColumn, new: ContractColumn, out: SchemaDiff) -> None:
    """Type and unit changes of a column present on both sides (possibly renamed)."""
    if family(old.type) in ("date", "timestamp") and family(new.type) == family(old.type):
        fmt, _ = choose_format(new.date_formats, want_time=family(old.type) == "timestamp")
        pair = [f for f in new.date_formats if _day_month_swapped(f) in new.date_formats]
        if fmt is None and pair:
            formats = (pair[0], _day_month_swapped(pair[0]))
            out.ops.append(AmbiguousDates(column=old.name, formats=formats,
                                          contract_formats=old.date_formats))
    if not same_type(old.type, new.type):
        out.ops.append(Retyped(column=old.name, live_name=new.name, old=old.type, new=new.type,
                               kind=retype_kind(old.type, new.type)))
    factor = None
    if is_numeric(old.type) and is_numeric(new.type) and value_evidence(old, new, out.rows)[0] < 1.0:
        factor = unit_factor(old, new)
        if factor:
            out.ops.append(UnitChanged(column=old.name, new=new.name, factor=factor,
                                       evidence=(f"min/max/mean scaled by {factor:g}",)))
    if not factor and same_type(old.type, new.type) and old.name == new.name:
        changed = _values_changed(old, new, out.rows)
        if changed:
            out.ops.append(ValuesChanged(column=old.name, evidence=tuple(changed)))
    if old.json_paths:
        out.ops.extend(_diff_json(old.name, old.json_paths, new.json_paths))


def _form(pattern: str) -> str:
    """A shape without its lengths ('Aaaa 99' -> 'Aa 9'): growing data changes the lengths of
    the dominant values, a re-formatting changes their form."""
    return re.sub(r"(.)\1+", r"\1", pattern)


def _repeating(col: ContractColumn, rows: int | None) -> bool:
    """Text or numbers whose values repeat (names, categories, measures rounded to a few
    digits): a new batch holds many of the same values, unlike ids, timestamps or dates,
    whose next batch may hold none of the old ones."""
    filled = (rows or 0) * (1 - (col.null_rate or 0))
    return family(col.type) in ("text", "integer", "float", "decimal") and \
        bool(col.distinct_count) and col.distinct_count <= 0.6 * filled  # type: ignore[operator]


def _distinct_collapsed(old: ContractColumn, new: ContractColumn,
                        rows: tuple[int | None, int | None]) -> bool:
    """A column of many values that now has a quarter of them or fewer, with as many rows."""
    a, b = old.distinct_count, new.distinct_count
    return bool(a and b is not None and a >= 20 and rows[0] and rows[1]
                and rows[1] >= rows[0] and b * 4 <= a)


def _values_changed(old: ContractColumn, new: ContractColumn,
                    rows: tuple[int | None, int | None]) -> list[str]:
    """Evidence that a kept column's values changed form, not just grew (else [])."""
    if old.json_paths:
        return []   # JSON documents (also kept as text): compared key by key (_diff_json)
    if old.top_hash and old.top_hash in (new.top_hash, new.clean_hash) and not (
            old.null_rate and new.null_rate == 0):
        return []
    if _distinct_collapsed(old, new, rows):
        return [f"distinct values fell from {old.distinct_count} to {new.distinct_count} while "
                f"the rows went from {rows[0]} to {rows[1]}: the column holds other values"]
    if _repeating(old, rows[0]):
        found = containment(old.minhash, new.minhash, old.distinct_count, new.distinct_count)
        if found is not None and found < MOVED_BELOW:
            return [f"only {found:.0%} of its {old.distinct_count} distinct values are still "
                    "found (MinHash of the values): the column holds other values"]
    if old.pattern and new.pattern and _form(old.pattern) != _form(new.pattern) and \
            old.top_hash and old.top_hash != new.top_hash:
        return [f"pattern {old.pattern!r} -> {new.pattern!r}", "top-values hash differs"]
    if old.null_rate and new.null_rate == 0:
        against = [c for c in contradictions(old, new, rows) if not c.startswith("null")]
        if against:
            return [f"NULLs ({old.null_rate:.2%}) are gone", *against]
    return []


def _diff_json(column: str, old: tuple[JsonPath, ...], new: tuple[JsonPath, ...]) -> list[Op]:
    """Removed, renamed or moved leaf keys, matched by value hash then leaf-name similarity."""
    new_paths = {p.path: p for p in new}
    gone = [p for p in old if p.path not in new_paths]
    fresh = [p for p in new if p.path not in {o.path for o in old}]
    ops: list[Op] = []
    for path in gone:
        same = [p for p in fresh if path.top_hash and p.top_hash == path.top_hash]
        if len(same) == 1 or (len(same) > 1 and _one_by_leaf(path, same)):
            target = same[0] if len(same) == 1 else _one_by_leaf(path, same)
            fresh.remove(target)  # type: ignore[arg-type]
            kind = JsonKeyRenamed if target.parent == path.parent else JsonKeyMoved  # type: ignore[union-attr]
            ops.append(kind(column=column, path=path.path, new_path=target.path,  # type: ignore[union-attr]
                            confidence=0.95, evidence=(f"same values hash {path.top_hash}",)))
        else:
            ops.append(JsonKeyRemoved(column=column, path=path.path))
    return ops


def _one_by_leaf(path: JsonPath, candidates: list[JsonPath]) -> JsonPath | None:
    same_leaf = [p for p in candidates if p.leaf == path.leaf]
    return same_leaf[0] if len(same_leaf) == 1 else None


def find_moved_table(contract: Contract, candidates: dict[tuple[str, str], Contract],
                     minimum: float = 0.8) -> tuple[tuple[str, str], float] | None:
    """For a missing source: the one candidate table holding the same columns' values.

    Score = share of contract columns whose top-values hash (or name and type) is found in
    the candidate; None unless one candidate reaches `minimum` clearly ahead of the rest.
    """
    def share(other: Contract) -> float:
        hashes = {c.top_hash for c in other.columns if c.top_hash}
        typed = {(c.name.lower(), c.type) for c in other.columns}
        hits = sum(1 for c in contract.columns
                   if (c.top_hash and c.top_hash in hashes) or (c.name.lower(), c.type) in typed)
        return hits / len(contract.columns) if contract.columns else 0.0
    ranked = sorted(((share(c), k) for k, c in candidates.items()), reverse=True)
    if not ranked or ranked[0][0] < minimum:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < AMBIGUITY_MARGIN:
        return None
    return ranked[0][1], round(ranked[0][0], 3)
