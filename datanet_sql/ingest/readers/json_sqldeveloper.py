"""Oracle SQL Developer's JSON export (Export... > json, or `/*json*/` in a script):
`{"results": [{"columns": [{"name": "ID", "type": "NUMBER"}, ...], "items": [{"id": 1,
...}, ...]}]}`. `results` is an envelope's name, so read as one it would be one row of
the result set's `columns` and `items` lists, no table and no error to say so.

Read as the records of `results[0].items`, each row in the order and with the names of
`columns` (lower-cased, as SQL Developer writes the items' keys), a column no item holds
a value for kept as NULLs; `columns` left out, named in the note. An export of no rows is a
table of no rows with those columns, typed by their Oracle types (`_DECLARED`).

Taken only when the object is exactly `results` and each result set exactly `columns` and
`items`, every column a name and a type. Refused, naming them: several result sets (a
script of several queries: each is a table of its own, and mixing their rows loses which
query a row came from), a column named twice, and an item holding a key no column
declares (the export is not what SQL Developer writes: its rows cannot be told apart from
the rest of the document).
"""

from __future__ import annotations

import re
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_found import Found

_KIND = "Oracle SQL Developer's JSON export"
_RESULT = frozenset({"columns", "items"})
_HINT = "export each query's result to a file of its own, from SQL Developer as it writes it"
# Oracle's types as an export of no rows declares its columns in DuckDB (others: VARCHAR)
_DECLARED = {"NUMBER": "DOUBLE", "FLOAT": "DOUBLE", "BINARY_FLOAT": "DOUBLE",
             "BINARY_DOUBLE": "DOUBLE", "INTEGER": "BIGINT", "DATE": "TIMESTAMP",
             "TIMESTAMP": "TIMESTAMP"}
_PRECISION = re.compile(r"\s*\(.*")   # `TIMESTAMP(6)`, `VARCHAR2(20 BYTE)`


def sqldeveloper(page: dict[str, Any], name: str) -> Found | None:
    """The rows of SQL Developer's JSON export (see the module docstring), named and
    ordered by its columns; None when `page` is not one. `name`: the file as a refusal
    names it."""
    results = page.get("results")
    if set(page) != {"results"} or not isinstance(results, list) or not results or \
            not all(_result_set(r) for r in results):
        return None
    if len(results) > 1:
        raise IngestError(f"{_KIND} of {len(results)} result sets (results[0] to "
                          f"results[{len(results) - 1}]), each a table of its own",
                          file=name, hint=_HINT)
    columns = [(c["name"].lower(), c["type"]) for c in results[0]["columns"]]
    names = [column for column, _ in columns]
    if twice := sorted({n for n in names if names.count(n) > 1}):
        raise IngestError(f"{_KIND} whose columns name {', '.join(twice)} twice: its "
                          f"columns cannot be told apart", file=name, hint=_HINT)
    rows = []
    for number, item in enumerate(results[0]["items"], start=1):
        keys = {k.lower(): k for k in item}
        if stray := sorted(set(keys) - set(names)):
            raise IngestError(f"{_KIND}: item {number} holds {', '.join(stray)}, which no "
                              f"column of results[0].columns declares", file=name, hint=_HINT)
        rows.append({n: item[keys[n]] if n in keys else None for n in names})
    declared = {n: _DECLARED.get(_PRECISION.sub("", kind.upper()), "VARCHAR")
                for n, kind in columns}
    return Found(f"{_KIND}: read the items under results[0].items, named by "
                 f"results[0].columns ({', '.join(names)})", rows, ["results[0].columns"],
                 [], _KIND, declared=declared)


def _result_set(value: Any) -> bool:
    """`value` is one result set of the export: its columns, each a name and a type, and
    its items, objects."""
    return isinstance(value, dict) and set(value) == _RESULT and \
        isinstance(value["columns"], list) and value["columns"] and all(
            isinstance(c, dict) and isinstance(c.get("name"), str) and
            isinstance(c.get("type"), str) for c in value["columns"]) and \
        isinstance(value["items"], list) and \
        all(isinstance(item, dict) for item in value["items"])
