"""pandas `Period` columns in Parquet: int64 counts of periods, read as each period's start.

`DataFrame.to_parquet` of a `period[M]` column (a month, a quarter, a fiscal year) stores
the period's ordinal, an int64 count of periods since 1970 (`1982-04` is 147), and says so
only in the schema's metadata: the field's Arrow extension `pandas.period` with its
frequency (`{"freq": "M"}`). Any reader but pandas (DuckDB, Spark, pyarrow without pandas)
sees the bare integer: a month read as 147 is silently wrong. The column is read as the
date each period starts (a timestamp for hours and finer), computed from the ordinal the
way pandas counts it (a quarter or year anchored on the month that ends it, `Q-MAR`; a
week on the day that ends it, `W-SUN`), noted. A frequency that has no such rule here
(business days, `B`) keeps the integer, with a note naming the column and the frequency.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column

_EXTENSION = b"pandas.period"
_FREQ = re.compile(r"\d*([A-Za-z]+)(?:-([A-Za-z]{3}))?")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
# pandas' base frequencies, old spellings beside new ones: months per period
_MONTHLY = {"M": 1, "ME": 1, "Q": 3, "QE": 3, "A": 12, "Y": 12, "YE": 12}
# microseconds per period (pandas' 1970-01-01 00:00 is ordinal 0); nanoseconds are truncated
_MICROS = {"D": 86_400_000_000, "H": 3_600_000_000, "T": 60_000_000, "MIN": 60_000_000,
           "S": 1_000_000, "L": 1_000, "MS": 1_000, "U": 1, "US": 1}
_DAILY = "D"
_WEEK_ZERO = "1969-12-22"  # the Monday starting the week of ordinal 0 ending on a Sunday


def periods(schemas: dict[str, Any], notes: list[str]) -> dict[str, exp.Expression]:
    """{column: the expression of each period's start} for the columns every file holding
    them marks as pandas periods of one frequency; `notes` told, and told of the period
    columns kept as integers (a frequency without a rule, or frequencies that differ)."""
    found: dict[str, set[str | None]] = {}
    for schema in schemas.values():
        for field in schema:
            found.setdefault(field.name, set()).add(_freq(field))
    starts = {}
    for name, freqs in found.items():
        if freqs == {None}:
            continue
        freq = next(iter(freqs)) if len(freqs) == 1 else None
        start = _start(name, freq) if freq else None
        if start is None:
            notes.append(f"column {name}: pandas Period in the file (frequency "
                         f"{', '.join(sorted(str(f) for f in freqs))}), stored as int64 "
                         f"counts of periods since 1970: kept as that integer (convert it in "
                         f"a model, or write the column as dates)")
            continue
        starts[name] = start
        kind = "date" if isinstance(start, exp.Cast) else "timestamp"
        notes.append(f"column {name}: pandas Period[{freq}] in the file (stored as int64 "
                     f"counts of periods since 1970): read as the {kind} each period starts")
    return starts


def _freq(field: Any) -> str | None:
    """The pandas period frequency a field is marked with (its Arrow extension, registered
    when pandas is imported, or the extension's name and metadata kept on the plain
    field), else None."""
    kind = field.type
    if getattr(kind, "extension_name", None) == _EXTENSION.decode():
        return json.loads(kind.__arrow_ext_serialize__()).get("freq")
    meta = field.metadata or {}
    if meta.get(b"ARROW:extension:name") != _EXTENSION:
        return None
    try:
        return json.loads(meta.get(b"ARROW:extension:metadata") or b"{}").get("freq")
    except ValueError:
        return None


def _base(freq: str) -> tuple[str, str | None]:
    """The frequency's base (`M`, `Q`, `W`, ...; a multiple such as `2M` counts the same
    ordinals) and its anchor (`MAR` of `Q-MAR`), upper-cased; ("", None) when unparsed."""
    spelled = _FREQ.fullmatch(freq)
    if not spelled:
        return "", None
    return spelled[1].upper(), spelled[2].upper() if spelled[2] else None


def _start(name: str, freq: str) -> exp.Expression | None:
    """The start of each period of `freq` whose ordinal is in column `name`; None for a
    frequency without a rule."""
    base, anchor = _base(freq)
    ordinal = column(name)
    if base in _MONTHLY and (anchor is None or anchor in _MONTHS):
        # a quarter or year ends on its anchor month: ordinal 0 of Q-MAR starts 1969-04
        shift = _MONTHS.index(anchor) - 11 if anchor else 0
        months = exp.Add(this=exp.Mul(this=ordinal, expression=exp.convert(_MONTHLY[base])),
                         expression=exp.convert(shift))
        return _date(exp.Add(this=_literal("1970-01-01", "DATE"),
                             expression=exp.func("to_months", months)))
    if base == "W" and (anchor is None or anchor in _DAYS):
        shift = (_DAYS.index(anchor or "SUN") + 1) % 7
        days = exp.Add(this=exp.Mul(this=ordinal, expression=exp.convert(7)),
                       expression=exp.convert(shift))
        return _date(exp.Add(this=_literal(_WEEK_ZERO, "DATE"),
                             expression=exp.func("to_days", days)))
    if base == "N" or base == "NS":
        micros: exp.Expression = exp.IntDiv(this=ordinal, expression=exp.convert(1_000))
    elif base in _MICROS and anchor is None:
        micros = exp.Mul(this=ordinal, expression=exp.convert(_MICROS[base]))
    else:
        return None
    moment = exp.Add(this=_literal("1970-01-01", "TIMESTAMP"),
                     expression=exp.func("to_microseconds", micros))
    return _date(moment) if base == _DAILY else moment


def _literal(text: str, kind: str) -> exp.Expression:
    return exp.cast(exp.Literal.string(text), kind)


def _date(value: exp.Expression) -> exp.Expression:
    return exp.cast(value, "DATE")
