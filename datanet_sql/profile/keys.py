"""Primary keys (unique, non-null identifiers) and foreign keys (inclusion dependencies).

Real foreign keys have orphans: a flight's aircraft missing from the planes file, a destination
outside the FAA list. So a foreign key is proposed only where it is plausible (same type
family, same dominant shape for text, related names for integers) and then measured with one
query over the whole tables: the share of child rows and of distinct child values that have a
parent. It is kept when that inclusion is far above chance for the evidence there is: any
inclusion of at least half with name evidence, 90% of rows when only the shape matches. The
share of orphan rows is recorded so mocks can reproduce it. What overlaps by chance is refused:
row numbers (a unique, gap-free integer range) and generic names (`id`) between tables whose
names are unrelated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from datanet_sql.profile.model import ColumnProfile, TableProfile
from datanet_sql.profile.stats import TOP_VALUES_LIMIT, kind_of

_KEY_HINTS = ("id", "key", "code", "faa", "num", "no")
GENERIC_NAMES = frozenset({"id", "key", "code", "no", "num", "nr", "number", "pk"})
ROW_NUMBER_NAMES = frozenset({"index", "rownames", "row", "rownum", "row_number", "unnamed: 0",
                              "level_0"})   # the row index R and pandas write into exports
NAMED_MIN_INCLUSION = 0.5     # share of rows and of distinct values, names related
SHAPE_MIN_ROWS = 0.9          # share of rows with a parent, only the text shape in common
SHAPE_MIN_DISTINCT = 0.8      # share of distinct values with a parent, same evidence


def primary_key(columns: list[ColumnProfile], kinds: dict[str, str]) -> list[str]:
    """The unique, non-null integer or text column most likely to be the key (or none); an
    export's row index (`rownames`) only when nothing else qualifies."""
    candidates = [c for c in columns if c.unique and c.null_rate == 0
                  and kinds.get(c.name) in ("integer", "string")
                  and c.semantic in (None, "identifier", "categorical", "code")]
    if not candidates:
        return []
    def score(c: ColumnProfile) -> tuple[bool, int, int]:
        hinted = c.semantic == "identifier" or any(c.name.lower().endswith(h) for h in _KEY_HINTS)
        return (c.name.lower() in ROW_NUMBER_NAMES, 0 if hinted else 1, columns.index(c))
    return [min(candidates, key=score).name]


@dataclass(frozen=True)
class Candidate:
    """A child column that may reference a parent key, and how its name ties it to it."""

    child: TableProfile
    column: str
    parent: TableProfile
    key: str
    named: int      # name_evidence: 0 none, 1 same name, 2 names tie the tables


@dataclass(frozen=True)
class Inclusion:
    """What the anti-join measured: child rows and distinct values, and how many have a parent."""

    rows: int
    matched_rows: int
    distinct: int
    matched_distinct: int
    child_range: int | None     # max - min + 1 of integer children (None for text)
    parent_distinct: int
    parent_range: int | None

    @property
    def orphan_rate(self) -> float:
        return 1 - self.matched_rows / self.rows if self.rows else 0.0


def _stem(table: str) -> str:
    """A table's name without a plural s or numeric suffix (`mgus1`, `orders_2`: mgus, order)."""
    return table.lower().rstrip("0123456789_").rstrip("s")


def name_evidence(child: ColumnProfile, child_table: TableProfile, parent: ColumnProfile,
                  parent_table: TableProfile) -> int:
    """How strongly the names tie a child column to a parent key: 2 when they tie the tables
    (`customer_id` -> customers.customer_id, `pbcseq.id` -> `pbc.id`), 1 for the same specific
    name only (`tailnum`), 0 otherwise. A generic name (`id`) counts only between related
    tables: every table has an `id`, and two unrelated small id ranges overlap by chance."""
    c, p = child.name.lower(), parent.name.lower()
    stem = _stem(parent_table.table)
    if c != p and not c.endswith("_" + p):
        return 0
    if len(stem) >= 3 and (stem in c or _stem(child_table.table).startswith(stem)):
        return 2
    return 0 if p in GENERIC_NAMES else 1


def _plausible(child: ColumnProfile, child_table: TableProfile, parent: ColumnProfile,
               parent_table: TableProfile) -> bool:
    kc, kp = kind_of(child.type), kind_of(parent.type)
    if kc != kp or kc not in ("integer", "string") or child.null_rate >= 1:
        return False
    if child.name.lower() in ROW_NUMBER_NAMES:
        return False
    if kc == "string":
        return child.pattern == parent.pattern
    return name_evidence(child, child_table, parent, parent_table) > 0


def candidates(profiles: list[TableProfile]) -> list[Candidate]:
    """Every plausible (child column, parent primary key) pair of these tables."""
    found = []
    for parent in profiles:
        for key in parent.primary_key:
            pcol = parent.column(key)
            if pcol is None:
                continue
            for child in profiles:
                for ccol in child.columns:
                    if child is parent and ccol.name == key:
                        continue
                    if _plausible(ccol, child, pcol, parent):
                        found.append(Candidate(child, ccol.name, parent, key,
                                               name_evidence(ccol, child, pcol, parent)))
    return found


def _distinct_keys(parent_rel: exp.Expression, key: str) -> exp.Subquery:
    """(SELECT DISTINCT key AS k FROM parent) AS p"""
    inner = exp.select(exp.alias_(exp.column(key, quoted=True), "k")).from_(parent_rel.copy())
    return exp.Subquery(this=inner.distinct(), alias=exp.TableAlias(this=exp.to_identifier("p")))


def _joined(child_rel: exp.Expression, column: str, parent_rel: exp.Expression,
            key: str) -> tuple[exp.Select, exp.Column, exp.Column]:
    """child AS c LEFT JOIN the parent's distinct keys ON c.column = p.k."""
    c_col = exp.column(column, table="c", quoted=True)
    p_col = exp.column("k", table="p")
    query = exp.select().from_(exp.alias_(child_rel.copy(), "c", table=True)).join(
        _distinct_keys(parent_rel, key), on=exp.EQ(this=c_col.copy(), expression=p_col.copy()),
        join_type="left")
    return query, c_col, p_col


def inclusion_query(i: int, cand: Candidate, child_rel: exp.Expression,
                    parent_rel: exp.Expression) -> exp.Select:
    """One row: the candidate's index, rows, rows with a parent, distinct values (both), and
    the integer ranges of child and parent (for the row-number test)."""
    query, c_col, p_col = _joined(child_rel, cand.column, parent_rel, cand.key)
    integer = kind_of(cand.child.column(cand.column).type) == "integer"

    def span(col: exp.Expression) -> exp.Expression:
        if not integer:
            return exp.cast(exp.Null(), "BIGINT")
        return exp.Add(this=exp.Sub(this=exp.func("max", col.copy()),
                                    expression=exp.func("min", col.copy())),
                       expression=exp.Literal.number(1))

    def parent(select: exp.Expression) -> exp.Subquery:
        return exp.Subquery(this=exp.select(select).from_(_distinct_keys(parent_rel, cand.key)))

    return query.select(
        exp.Literal.number(i), exp.func("count", c_col.copy()), exp.func("count", p_col.copy()),
        exp.Count(this=exp.Distinct(expressions=[c_col.copy()])),
        exp.Count(this=exp.Distinct(expressions=[p_col.copy()])), span(c_col),
        parent(exp.func("count", exp.column("k"))),
        parent(span(exp.column("k"))) if integer else span(exp.column("k")))


def accepted(cand: Candidate, inc: Inclusion) -> bool:
    """Inclusion far above chance for the evidence, and not two row-number ranges."""
    if inc.rows == 0 or inc.matched_rows == 0:
        return False
    if inc.child_range == inc.distinct == inc.rows and (
            inc.matched_rows < inc.rows or inc.parent_range == inc.parent_distinct):
        return False   # row numbers: a unique gap-free range is contained by chance or not at all
    if inc.parent_range == inc.parent_distinct and cand.named < 2:
        return False   # any small integers fall in a gap-free key range: the names must tie
    if inc.matched_rows == inc.rows:
        return True
    rows, distinct = inc.matched_rows / inc.rows, inc.matched_distinct / inc.distinct
    if cand.named:
        return min(rows, distinct) >= NAMED_MIN_INCLUSION
    return rows >= SHAPE_MIN_ROWS and distinct >= SHAPE_MIN_DISTINCT


def orphan_values_query(cand: Candidate, child_rel: exp.Expression,
                        parent_rel: exp.Expression) -> exp.Select:
    """The most frequent child values without a parent (to tell mocks which stored categories
    are orphans, so they are not turned into parent keys)."""
    query, c_col, p_col = _joined(child_rel, cand.column, parent_rel, cand.key)
    return (query.select(c_col.copy())
            .where(exp.Is(this=p_col, expression=exp.Null()))
            .where(exp.Not(this=exp.Is(this=c_col.copy(), expression=exp.Null())))
            .group_by(c_col.copy())
            .order_by(exp.Ordered(this=exp.func("count", exp.Star()), desc=True))
            .limit(TOP_VALUES_LIMIT))


def find_foreign_keys(adapter: Any, profiles: list[TableProfile],
                      relations: dict[str, exp.Expression]) -> dict[str, list[dict]]:
    """Child table name -> its foreign keys, each measured on the whole tables (one query for
    all candidates, one more per key with orphans among the child's stored categories)."""
    cands = candidates(profiles)
    if not cands:
        return {}
    parts = [inclusion_query(i, c, relations[c.child.name], relations[c.parent.name])
             for i, c in enumerate(cands)]
    query: exp.Expression = parts[0]
    for part in parts[1:]:
        query = exp.union(query, part, distinct=False, copy=False)
    _, rows = adapter.fetch(query)
    found: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: r[0]):
        cand = cands[row[0]]
        inc = Inclusion(*(int(v) if v is not None else None for v in row[1:]))
        if accepted(cand, inc):
            found.setdefault(cand.child.name, []).append(
                _entry(adapter, cand, inc, relations))
    return found


def _entry(adapter: Any, cand: Candidate, inc: Inclusion,
           relations: dict[str, exp.Expression]) -> dict[str, Any]:
    entry: dict[str, Any] = {"columns": [cand.column], "references": cand.parent.name,
                             "to": [cand.key]}
    if inc.matched_rows == inc.rows:
        return entry
    entry["orphans"] = round(inc.orphan_rate, 6)
    stored = {t["value"] for t in cand.child.column(cand.column).top_values or []}
    if stored:
        _, rows = adapter.fetch(orphan_values_query(cand, relations[cand.child.name],
                                                    relations[cand.parent.name]))
        orphans = [r[0] for r in rows if r[0] in stored]
        if orphans:
            entry["orphan_values"] = orphans
    return entry
