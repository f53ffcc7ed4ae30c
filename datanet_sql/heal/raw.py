"""What a CSV file says before its reader interprets it: the raw header and raw text.

DuckDB's CSV reader makes choices a contract must not take on trust: it renames the second of
two headers that differ only by case (`Amount` -> `Amount_1`), and it picks one date order for
`03/04/2024` when every day of a batch is <= 12. The contract of a file source records what
the raw file said (its header cells; the date formats its raw text fits), so a new batch is
checked against the form its columns were parsed from, not only against the types the reader
chose this time.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.errors import DatanetError


def is_csv(rel: exp.Table) -> bool:
    return isinstance(rel.this, exp.ReadCSV)


def with_options(rel: exp.Table, **options: bool) -> exp.Table:
    """The same CSV scan with reader options set (replacing any already given)."""
    out = rel.copy()
    reader = out.this
    kept = [e for e in reader.expressions
            if not (isinstance(e, exp.PropertyEQ) and e.name.lower() in options)]
    reader.set("expressions", kept + [
        exp.PropertyEQ(this=exp.to_identifier(k), expression=exp.Boolean(this=v))
        for k, v in options.items()])
    return out


def raw_text(rel: exp.Table) -> exp.Table:
    """The scan with every column read as text, under the same (deduplicated) names."""
    return with_options(rel, all_varchar=True)


def pinned_formats(rel: exp.Table) -> set[str]:
    """Type families ('date', 'timestamp') whose format the source's options pin."""
    names = {e.name.lower() for e in rel.this.expressions if isinstance(e, exp.PropertyEQ)}
    return {fam for fam, option in (("date", "dateformat"), ("timestamp", "timestampformat"))
            if option in names}


def raw_header(adapter: Any, rel: exp.Table) -> tuple[str, ...]:
    """The header cells as written in the (first) file; () when they cannot be read."""
    scan = with_options(rel, header=False, all_varchar=True)
    scan.this.set("expressions", [e for e in scan.this.expressions
                                  if not (isinstance(e, exp.PropertyEQ)
                                          and e.name.lower() == "union_by_name")])
    try:
        _, rows = adapter.fetch(exp.select("*").from_(scan).limit(1))
    except DatanetError:
        return ()
    return tuple(str(v) for v in rows[0] if v is not None) if rows else ()


def case_collisions(header: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Groups of header cells equal but for case (`amount`, `Amount`)."""
    groups: dict[str, list[str]] = {}
    for name in header:
        groups.setdefault(name.lower(), []).append(name)
    return [tuple(g) for g in groups.values() if len(g) > 1]
