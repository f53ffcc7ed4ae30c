"""An OData response saved as JSON: what Dynamics 365, SAP Gateway, SharePoint, Microsoft
Graph and Business Central answer a query with. Version 4 holds its records in `value`,
beside control information named with an `@` (`@odata.context`, `@odata.nextLink`,
`@odata.count`, `@odata.deltaLink`; OData 4.01 may drop the `odata.` prefix: `@context`),
and each record carries its own (`@odata.etag`, `@odata.id`, `@odata.editLink`), as may a
property (`Price@odata.type`, `Orders@odata.navigationLink`) and a record nested by
`$expand`; version 3's JSON light spells them without the `@` (`odata.metadata`,
`odata.etag`). DuckDB reads it as one row whose `value` is a list: a child table, no
table of the records, and no error to say so.

Read as the records of `value`, every annotation (a key that starts with `@` or `odata.`,
or holds an `@` after a property's name) left out and named in the note: they are the
service's bookkeeping, no field of the entity. A response that says it has more rows than
it holds (`@odata.count`) or links to its next page says so in the note: the rest are not
in the file. Pages of one query saved together (an array of responses, or one a line) are
read as an envelope's pages are (`json_wrapped`).

Refused: a delta response holding removed entities (`@removed`, `@odata.removed`): they are
deletions, no rows, and reading them as rows of NULLs (or dropping them) would leave a
table that silently disagrees with the service.

Taken only when `value` is a list of objects and everything beside it is an annotation, at
least one annotation present (in the response or its records): `{"value": [...]}` alone
could be anyone's object.

Version 2's verbose JSON (SAP Gateway, older SharePoint and Dynamics CRM) wraps the answer
in `d`: `{"d": {"results": [...], "__count": "234", "__next": "..."}}` (or `{"d": [...]}`),
each record with its `__metadata` (uri, type, etag) and each navigation property not
expanded a `{"__deferred": {"uri": ...}}`. Read the same way: the records of `d.results`,
`__metadata` and deferred links left out and named; taken only when every record holds a
`__metadata` object. V2 writes 64-bit integers and decimals as strings and dates as
`/Date(1700000000000)/`: such values are kept as the text the service wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_found import Found

_KIND = "an OData response"
_VALUE = "value"
_COUNTS = ("@odata.count", "@count", "odata.count")
_NEXT = ("@odata.nextLink", "@nextLink", "odata.nextLink")
_REMOVED = ("@removed", "@odata.removed")
_V2_METADATA = "__metadata"
_V2_ENVELOPE = frozenset({"results", "__count", "__next", "__delta"})


def annotation(key: str) -> bool:
    """`key` is OData control information or an instance annotation, not a property:
    `@odata.etag`, `@context`, v3's `odata.metadata`, or a property's `Price@odata.type`."""
    return "@" in key or key.startswith("odata.")


def looks_odata(types: dict[str, str]) -> bool:
    """A JSON file as DuckDB typed it (names lower-cased) may be an OData response: a list
    under `value` beside annotations only, or whose records hold one (worth parsing it
    whole to see, `odata`)."""
    kind = types.get(_VALUE, "")
    if set(types) == {"d"}:   # version 2: its records hold `__metadata`
        return _V2_METADATA in types["d"]
    return kind.endswith("[]") and all(annotation(k) for k in types if k != _VALUE) and (
        len(types) > 1 or "@" in kind or '"odata.' in kind)


def odata(page: dict[str, Any], name: str) -> Found | None:
    """The records of an OData response (see the module docstring), their annotations
    left out; None when `page` is not one. `name`: the file as a refusal names it."""
    if set(page) == {"d"}:
        return _version_2(page["d"])
    records = page.get(_VALUE)
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records) or \
            not all(annotation(k) for k in page if k != _VALUE):
        return None
    left: set[str] = set()
    rows = [_stripped(record, f"{_VALUE}[]", left) for record in records]
    beside = [k for k in page if k != _VALUE]
    if not beside and not left:
        return None
    if removed := sum(1 for r in records if any(k in r for k in _REMOVED)):
        raise IngestError(f"{_KIND} holding {removed} removed entit"
                          f"{'y' if removed == 1 else 'ies'} (@removed): a delta response, "
                          f"its deletions no rows", file=name,
                          hint="query the entity set in full (without a delta token), or "
                               "apply the delta to the table it changes")
    said, total = _paging(page, _NEXT, _COUNTS)
    return Found(f"{_KIND}: read the list under {_VALUE}", rows, beside + sorted(left), [],
                 _KIND, said, total)


def _paging(answer: dict[str, Any], nexts: tuple[str, ...], counts: tuple[str, ...]
            ) -> tuple[tuple[str, ...], int | None]:
    """What an answer says of the rows not in it: a link to its next page (under one of
    `nexts`), and the whole answer's count of rows (under one of `counts`, a number or
    its digits), for the note."""
    next_link = next((k for k in nexts if k in answer), None)
    said = (f"it links to a next page ({next_link}): the rows there are not in this file",
            ) if next_link else ()
    count = next((answer[k] for k in counts if k in answer), None)
    return said, int(count) if isinstance(count, int | str) and str(count).isdigit() \
        else None


def _version_2(answer: Any) -> Found | None:
    """The records of a version 2 answer (`d`'s value, see the module docstring); None
    when it is no such answer."""
    records, beside = answer, []
    if isinstance(answer, dict) and isinstance(answer.get("results"), list) and \
            set(answer) <= _V2_ENVELOPE:
        records, beside = answer["results"], [f"d.{k}" for k in answer if k != "results"]
    if not isinstance(records, list) or not records or not all(
            isinstance(r, dict) and isinstance(r.get(_V2_METADATA), dict) for r in records):
        return None
    left: set[str] = set()
    rows = [_stripped(record, "d.results[]", left, _v2_bookkeeping) for record in records]
    said, total = _paging(answer if isinstance(answer, dict) else {}, ("__next",),
                          ("__count",))
    return Found(f"{_KIND} (version 2): read the list under d.results", rows,
                 beside + sorted(left), [], _KIND, said, total)


def _v2_bookkeeping(key: str, value: Any) -> bool:
    """A version 2 record's `__metadata`, or a navigation property not expanded (a
    `{"__deferred": ...}` link): no field of the entity."""
    return key == _V2_METADATA or isinstance(value, dict) and set(value) == {"__deferred"}


def _v4_annotation(key: str, value: Any) -> bool:
    """Versions 3 and 4 mark their bookkeeping by the key alone (`annotation`)."""
    return annotation(key)


def _stripped(record: dict[str, Any], where: str, left: set[str],
              bookkeeping: Callable[[str, Any], bool] = _v4_annotation) -> dict[str, Any]:
    """`record` without its annotations (`bookkeeping(key, value)`, each named in `left` by
    its path), those of records nested in it (an `$expand`) too."""
    kept = {}
    for key, value in record.items():
        if bookkeeping(key, value):
            left.add(f"{where}.{key}")
        elif isinstance(value, dict):
            kept[key] = _stripped(value, f"{where}.{key}", left, bookkeeping)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            kept[key] = [_stripped(v, f"{where}.{key}[]", left, bookkeeping) for v in value]
        else:
            kept[key] = value
    return kept
