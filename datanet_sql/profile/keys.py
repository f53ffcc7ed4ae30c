"""Primary keys (unique, non-null identifiers) and foreign keys (inclusion dependencies).

A foreign key is proposed only where it is plausible (same type family, same dominant shape for
text, related names for integers, no more distinct values than the parent key) and kept only
if an anti-join over the whole tables finds no orphan: one query checks every candidate.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.profile.model import ColumnProfile, TableProfile
from datanet_sql.profile.stats import kind_of

_KEY_HINTS = ("id", "key", "code", "faa", "num", "no")


def primary_key(columns: list[ColumnProfile], kinds: dict[str, str]) -> list[str]:
    """The unique, non-null integer or text column most likely to be the key (or none)."""
    candidates = [c for c in columns if c.unique and c.null_rate == 0
                  and kinds.get(c.name) in ("integer", "string")
                  and c.semantic in (None, "identifier", "categorical", "code")]
    if not candidates:
        return []
    def score(c: ColumnProfile) -> tuple[int, int]:
        hinted = c.semantic == "identifier" or any(c.name.lower().endswith(h) for h in _KEY_HINTS)
        return (0 if hinted else 1, columns.index(c))
    return [min(candidates, key=score).name]


def _plausible(child: ColumnProfile, child_table: TableProfile, parent: ColumnProfile,
               parent_table: TableProfile) -> bool:
    kc, kp = kind_of(child.type), kind_of(parent.type)
    if kc != kp or kc not in ("integer", "string") or child.null_rate >= 1:
        return False
    if (child.distinct_count or 0) > (parent.distinct_count or 0):
        return False
    if kc == "string":
        return child.pattern == parent.pattern
    names = {parent.name.lower(), f"{parent_table.table.lower().rstrip('s')}_{parent.name.lower()}"}
    return child.name.lower() in names or child.name.lower().endswith("_" + parent.name.lower())


def _orphans(child_rel: exp.Expression, column: str, parent_rel: exp.Expression,
             key: str) -> exp.Expression:
    """SELECT COUNT(*) FROM child c WHERE c.col IS NOT NULL AND NOT EXISTS (parent match)."""
    c_col = exp.column(column, table="c", quoted=True)
    p_col = exp.column(key, table="p", quoted=True)
    probe = exp.select(exp.Literal.number(1)).from_(exp.alias_(parent_rel.copy(), "p", table=True))
    probe = probe.where(exp.EQ(this=p_col, expression=c_col.copy()))
    query = (exp.select(exp.func("count", exp.Star()))
             .from_(exp.alias_(child_rel.copy(), "c", table=True))
             .where(exp.Not(this=exp.Is(this=c_col, expression=exp.Null())))
             .where(exp.Not(this=exp.Exists(this=probe))))
    return exp.Subquery(this=query)


def find_foreign_keys(adapter: Any, profiles: list[TableProfile],
                      relations: dict[str, exp.Expression]) -> dict[str, list[dict]]:
    """Child table name -> its foreign keys, each checked by an anti-join on the whole tables."""
    candidates = []
    for parent in profiles:
        for key in parent.primary_key:
            pcol = parent.column(key)
            for child in profiles:
                for ccol in child.columns:
                    if (child is parent and ccol.name == key) or pcol is None:
                        continue
                    if _plausible(ccol, child, pcol, parent):
                        candidates.append((child, ccol.name, parent, key))
    if not candidates:
        return {}
    checks = [exp.alias_(_orphans(relations[c.name], col, relations[p.name], key), f"k{i}")
              for i, (c, col, p, key) in enumerate(candidates)]
    names, rows = adapter.fetch(exp.select(*checks))
    found: dict[str, list[dict]] = {}
    for i, (child, col, parent, key) in enumerate(candidates):
        if rows[0][i] == 0:
            found.setdefault(child.name, []).append(
                {"columns": [col], "references": parent.name, "to": [key]})
    return found
