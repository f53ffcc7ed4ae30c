"""An Elasticsearch (or OpenSearch) `_bulk` file: NDJSON in which an action line comes
before each document (`{"index": {"_index": "moore", "_id": "1"}}`, then the document).
Read as plain NDJSON, the action lines are rows as well: twice the rows, half of them NULL
but for an `index__id` column, a silently wrong table.

The shape is told by the file's first line: an object of one key, a bulk action (`index`,
`create`, `update`, `delete`), holding an object of the bulk API's metadata only
(`_index`, `_id`, `routing`, ...). The whole file must then follow the API's grammar, or
it is refused naming the line that does not (a document where an action belongs, an
action where a document belongs, a line that is not JSON: pairing past it would be a
guess):

- `index` and `create` are followed by their document, a row;
- `update` by `{"doc": {...}, ...}`: the `doc` is the row, holding the fields the update
  sets; an update by script carries no document and is refused;
- `delete` has no document line: it is a reject naming its line, since there is no row to
  load for it (and the table would silently disagree with the index if it were dropped);
- documents of more than one index are refused: each index is a table of its own.

The actions' `_id` (when any carries one) is a column `doc_id` (another name if a field
takes it); each row's record number is its document's line. Noted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.names import snake_case
from datanet_sql.ingest.readers.shape import RECORD

if TYPE_CHECKING:
    from datanet_sql.ingest.reading import Reject

ACTIONS = ("index", "create", "update", "delete")
# the bulk API's action metadata, today's names and older versions' (`_type`, `_routing`)
METADATA = frozenset(
    {
        "_index",
        "_id",
        "_type",
        "routing",
        "_routing",
        "version",
        "_version",
        "version_type",
        "_version_type",
        "if_seq_no",
        "if_primary_term",
        "pipeline",
        "require_alias",
        "require_data_stream",
        "retry_on_conflict",
        "_retry_on_conflict",
        "dynamic_templates",
        "list_executed_pipelines",
        "parent",
        "_parent",
    }
)
ID = "doc_id"  # the column of the actions' `_id` (prefixed with `es_` while a field takes it)
_HINT = (
    "an Elasticsearch bulk file has an action line before each document, and none "
    "after a delete; fix the line, or export the documents as NDJSON, one a line"
)


@dataclass
class _Action:
    kind: str
    meta: dict[str, Any]
    line: int


def looks_bulk(con: Any, table: str) -> bool:
    """`table` (a JSON file's staged rows) has a column named as a bulk action whose values
    are objects of bulk metadata (or empty objects, which DuckDB types as a MAP: the index
    named in the request's URL, ids left to Elasticsearch): worth reading the file to see
    whether it is one."""
    relation = con.table(table)
    return any(
        name in ACTIONS
        and (
            dtype.id == "map"
            or dtype.id == "struct"
            and all(k in METADATA for k, _ in dtype.children)
        )
        for name, dtype in zip(relation.columns, relation.types)
    )


def starts_bulk(path: Path) -> bool:
    """The file's first line (past blank ones) is a bulk action line."""
    with open(path, encoding="utf-8-sig") as handle:
        first = next((line for line in handle if line.strip()), "")
    try:
        return _action(json.loads(first), 1) is not None
    except ValueError:
        return False


def bulk_rows(path: Path, label: str) -> tuple[list[dict[str, Any]], str, list[Reject]] | None:
    """The documents of a bulk file as rows (each with its line as `RECORD`), the note
    saying how they were read and its delete actions as rejects; None when the file does not
    start with an action line. Refused naming the line that breaks the bulk grammar."""
    from datanet_sql.ingest.reading import Reject

    if not starts_bulk(path):
        return None
    found: list[tuple[_Action, int, dict[str, Any]]] = []
    rejects: list[Reject] = []
    pending: _Action | None = None
    with open(path, encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            value = _parsed(text, number, label)
            action = _action(value, number)
            if pending is not None:
                found.append((pending, number, _document(pending, value, action, number, label)))
                pending = None
            elif action is None:
                raise IngestError(
                    f"line {number}: a document with no action line before it "
                    f"(an Elasticsearch bulk file, as its line 1 shows)",
                    file=label,
                    hint=_HINT,
                )
            elif action.kind == "delete":
                rejects.append(Reject(label, str(number), _deleted(action), text.strip()))
            else:
                pending = action
    if pending is not None:
        raise IngestError(
            f"line {pending.line}: {_named(pending)} with no document after it (the file ends)",
            file=label,
            hint=_HINT,
        )
    if not found:
        raise IngestError(
            "an Elasticsearch bulk file of delete actions only: no document to load",
            file=label,
            hint=_HINT,
        )
    return _rows(found, Path(label).name, label, len(rejects)) + (rejects,)


def refuse_unpaired(label: str, lines: list[str]) -> None:
    """Refuse a bulk file whose `lines` are not JSON objects (rejects of the line-by-line
    read): which action each document after them belongs to would be a guess."""
    shown = f" {', '.join(lines[:5])}{', ...' if len(lines) > 5 else ''}" if lines else ""
    raise IngestError(
        f"an Elasticsearch bulk file with line(s){shown} that are not JSON "
        f"objects DuckDB reads: its action lines and documents cannot be "
        f"paired past them",
        file=label,
        hint=_HINT,
    )


def _rows(
    found: list[tuple[_Action, int, dict[str, Any]]], name: str, label: str, deletes: int
) -> tuple[list[dict[str, Any]], str]:
    """The rows of the documents and the note."""
    indexes = sorted({str(a.meta["_index"]) for a, _, _ in found if "_index" in a.meta})
    if len(indexes) > 1:
        raise IngestError(
            f"an Elasticsearch bulk file of documents for {len(indexes)} indexes "
            f"({', '.join(indexes)}): each is a table of its own",
            file=label,
            hint="split the file by index, one file (and source) each",
        )
    with_ids = any("_id" in a.meta for a, _, _ in found)
    taken = {snake_case(k) for _, _, doc in found for k in doc}
    key = ID
    while key in taken:
        key = f"es_{key}"
    rows = [
        {RECORD: line, **({key: a.meta.get("_id")} if with_ids else {}), **doc}
        for a, line, doc in found
    ]
    updates = sum(a.kind == "update" for a, _, _ in found)
    index = f", index {indexes[0]}" if indexes else ""
    read = [
        f"read its {len(rows)} documents as rows"
        + (f", the actions' _id in column {key}" if with_ids else ""),
        f"{updates} update(s) read as rows of the fields their doc sets" if updates else "",
        f"{deletes} delete action(s) rejected (no document to load)" if deletes else "",
    ]
    note = (
        f"{name}: an Elasticsearch bulk file (an action line before each document{index}): "
        + "; ".join(part for part in read if part)
    )
    return rows, note


def _parsed(text: str, number: int, label: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise IngestError(
            f"line {number}: not JSON ({error.msg}), in an Elasticsearch bulk "
            f"file whose actions and documents it leaves unpaired",
            file=label,
            hint=_HINT,
        ) from None


def _action(value: Any, number: int) -> _Action | None:
    """The line's action when it is one: a single action key over bulk metadata."""
    if not (isinstance(value, dict) and len(value) == 1):
        return None
    ((kind, meta),) = value.items()
    if kind not in ACTIONS or not isinstance(meta, dict) or not set(meta) <= METADATA:
        return None
    return _Action(kind, meta, number)


def _document(
    action: _Action, value: Any, again: _Action | None, number: int, label: str
) -> dict[str, Any]:
    """The row of the line after `action` (line `number`, itself `again` when an action):
    the document, an update's `doc`."""
    if again is not None or not isinstance(value, dict):
        shown = _named(again) if again else "no JSON object"
        raise IngestError(
            f"line {number}: {shown} where the document of the "
            f"{action.kind} action on line {action.line} belongs",
            file=label,
            hint=_HINT,
        )
    if action.kind != "update":
        return value
    if not isinstance(value.get("doc"), dict):
        raise IngestError(
            f"line {action.line}: an update without a doc (a script or an "
            f"upsert alone): no document to load",
            file=label,
            hint=_HINT,
        )
    return value["doc"]


def _named(action: _Action) -> str:
    return f"{'an' if action.kind[0] in 'aeiu' else 'a'} {action.kind} action"


def _deleted(action: _Action) -> str:
    which = f" of _id {action.meta['_id']!r}" if "_id" in action.meta else ""
    return f"a delete action{which}: it removes a document, and has none to load"
