"""NDJSON whose lines are Python dict reprs, not JSON: a script's log written with
`print(record)` or `str(record)` (`{'family': '001', 'tall': True, 'x': None}`: single
quotes, `True`/`False`/`None`). Every line fails as JSON, so every line was a reject and the
table empty.

When most lines fail as JSON but look like dict reprs (they begin `{'` and end `}`), a
small file (up to `MAX_BYTES`) has each such line read with `ast.literal_eval` (Python's
literal syntax only: nothing is run) and written as the JSON of the dict it holds, noted;
the JSON reader then types the values as for any NDJSON line (`'001'` stays text). This is
per line in Python, so a larger file is refused, naming its first such line and the fix, and
so is a file with a repr line that is no literal dict (`datetime.date(...)`, `nan`): reading
the others alone would lose rows without a word.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_sql import replace_lines
from datanet_sql.ingest.readers.json_twice import only_if
from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column

MAX_BYTES = 16 << 20  # files up to this size are read line by line in Python
_REPR = r"^\s*\{\s*'.*\}\s*$"  # a dict repr whose first key is text, as Python writes it
_HINT = "write each record with json.dumps(record) (not str(record) or print(record)), one a line"


def converted(con: Any, table: str, parsed: exp.Expression, path: Path, label: str) -> list[str]:
    """The lines (column `line`) of `table` that are Python dict reprs replaced by their JSON
    when they are most of the non-blank lines, and the note; none when the file is not of
    this shape. `parsed` holds for the lines worth looking at (within the size limit)."""
    line = column("line")
    text = exp.func("trim", exp.func("coalesce", line, exp.Literal.string("")))
    filled = exp.and_(parsed, exp.not_(text.eq(exp.Literal.string(""))))
    looks = only_if(
        filled,
        exp.and_(
            exp.not_(exp.func("json_valid", line)),
            exp.func("regexp_matches", line, exp.Literal.string(_REPR)),
        ),
    )
    counts = exp.select(exp.func("count_if", looks), exp.func("count_if", filled))
    reprs, lines = con.execute(counts.from_(table).sql("duckdb")).fetchall()[0]
    if not reprs or 2 * reprs <= lines:
        return []
    found = exp.select(RECORD, line).from_(table).where(looks).order_by(RECORD)
    if path.stat().st_size > MAX_BYTES:
        first = con.execute(found.limit(1).sql("duckdb")).fetchall()[0]
        _refuse(
            label,
            *first,
            f"{path.stat().st_size >> 20} MB is too large to read them "
            f"line by line ({MAX_BYTES >> 20} MB at most)",
        )
    rows = con.execute(found.sql("duckdb")).fetchall()
    texts = []
    for number, value in rows:
        as_json = _as_json(value)
        if as_json is None:
            _refuse(
                label,
                number,
                value,
                "this line is no literal dict (a value such as datetime(...) or nan is not data)",
            )
        texts.append(as_json)
    replace_lines(con, table, [n for n, _ in rows], texts)
    note = (
        f"{Path(label).name}: {len(rows)} line(s) are Python dict reprs (single quotes, "
        "True/False/None), not JSON: read as the dicts they spell (ast.literal_eval)"
    )
    return [note]


def _as_json(value: str) -> str | None:
    """A dict repr as the JSON of the dict; None when it is no literal dict JSON can hold."""
    try:
        record = ast.literal_eval(value.strip())
        return json.dumps(record, allow_nan=False) if isinstance(record, dict) else None
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _refuse(label: str, number: int, value: str, why: str) -> None:
    """Refuse the file: its lines are Python reprs, and `why` they are not read here."""
    shown = value.strip() if len(value.strip()) <= 80 else value.strip()[:77] + "..."
    raise IngestError(
        f"the lines are Python dict reprs (single quotes, True/False/None), not "
        f"JSON, e.g. line {number}: {shown}; {why}",
        file=label,
        line=number,
        hint=_HINT,
    )
