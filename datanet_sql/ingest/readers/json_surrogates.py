"""NDJSON lines holding a lone UTF-16 surrogate escape: `\\ud83d` with no low half
(`\\ude00`) after it, or a low half alone. A writer that counts text in UTF-16 units
(JavaScript's `JSON.stringify`, Java, .NET) cut a text inside an emoji, keeping its first
half. Most JSON parsers (JavaScript's, Python's) read such a line; DuckDB's refuses it, so
the line was a reject and its row lost.

Half a character is no character: each lone escape is replaced by `\\ufffd` (U+FFFD, the
replacement character a UTF-8 decoder writes for a broken sequence) and the line read as
any other; a note names the lines and the columns whose texts hold the mark, to look at. A
line still no JSON object once repaired stays a reject, as it was sent. The escapes are read
left to right as JSON reads them, so `\\\\ud83d` (an escaped backslash, then the text
`ud83d`) is no escape and is left alone.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.json_sql import replace_lines
from datanet_sql.ingest.readers.json_twice import only_if
from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column

# a JSON string's escapes, left to right: a surrogate pair (kept), a lone half (group 1,
# replaced), any other escape (kept: it may be `\\` before a `u`)
_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                     r"|(\\u[dD][89a-fA-F][0-9a-fA-F]{2})|\\.", re.DOTALL)
_MAYBE = r"\\u[dD][89a-fA-F]"  # RE2: the lines worth a look in Python
_HALF = re.compile("[\ud800-\udfff]")
_SHOWN = 5  # line numbers a note names


def replaced(con: Any, table: str, within: exp.Expression, name: str) -> list[str]:
    """The lines (column `line`) of `table` that are no JSON for a lone surrogate escape
    replaced by their repair when that is a JSON object, and the note (with file `name`);
    none when no line was. `within` holds for the lines worth parsing (within the size
    limit)."""
    line = column("line")
    maybe = only_if(within, exp.and_(exp.not_(exp.func("json_valid", line)), exp.func(
        "regexp_matches", line, exp.Literal.string(_MAYBE))))
    rows = con.execute(exp.select(RECORD, line).from_(table).where(maybe).order_by(RECORD)
                       .sql("duckdb")).fetchall()
    numbers, texts, columns = [], [], {}
    for number, text in rows:
        repair = _repaired(text)
        if repair is None:
            continue
        numbers.append(number)
        texts.append(repair[0])
        columns.update(dict.fromkeys(repair[1]))
    if not numbers:
        return []
    replace_lines(con, table, numbers, texts)
    shown = ", ".join(map(str, numbers[:_SHOWN])) + (" ..." if len(numbers) > _SHOWN else "")
    return [(f"{name}: {len(numbers)} line(s) hold a lone UTF-16 surrogate escape (half a "
             f"character such as an emoji, e.g. \\ud83d, its text cut inside it): read with "
             f"U+FFFD (\ufffd) in its place (lines {shown}); look at column(s) "
             f"{', '.join(columns)}")]


def _repaired(text: str) -> tuple[str, list[str]] | None:
    """The line with each lone surrogate escape as `\\ufffd`, and the top-level keys whose
    values held one; None when the line has none, or is no JSON object once repaired."""
    halves: list[int] = []

    def one(found: re.Match[str]) -> str:
        if found[1] is None:
            return found[0]
        halves.append(found.start())
        return "\\ufffd"

    repair = _ESCAPE.sub(one, text)
    if not halves:
        return None
    try:
        record = json.loads(text, parse_constant=_no_constant)
        json.loads(repair, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    keys = [_HALF.sub("\ufffd", key) for key, value in record.items()
            if _HALF.search(key) or _HALF.search(json.dumps(value, ensure_ascii=False))]
    return repair, keys


def _no_constant(word: str) -> None:
    """`NaN` and `Infinity` are no JSON (Python's parser takes them; DuckDB's does not)."""
    raise ValueError(word)
