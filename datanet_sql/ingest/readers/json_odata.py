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
"""

from __future__ import annotations

from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_found import Found

_KIND = "an OData response"
_VALUE = "value"
_COUNTS = ("@odata.count", "@count", "odata.count")
_NEXT = ("@odata.nextLink", "@nextLink", "odata.nextLink")
_REMOVED = ("@removed", "@odata.removed")


def annotation(key: str) -> bool:
    """`key` is OData control information or an instance annotation, not a property:
    `@odata.etag`, `@context`, v3's `odata.metadata`, or a property's `Price@odata.type`."""
    return "@" in key or key.startswith("odata.")


def looks_odata(types: dict[str, str]) -> bool:
    """A JSON file as DuckDB typed it (names lower-cased) may be an OData response: a list
    under `value` beside annotations only, or whose records hold one (worth parsing it
    whole to see, `odata`)."""
    kind = types.get(_VALUE, "")
    return kind.endswith("[]") and all(annotation(k) for k in types if k != _VALUE) and (
        len(types) > 1 or "@" in kind or '"odata.' in kind)


def odata(page: dict[str, Any], name: str) -> Found | None:
    """The records of an OData response (see the module docstring), their annotations
    left out; None when `page` is not one. `name`: the file as a refusal names it."""
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
    said = []
    if next_link := next((k for k in _NEXT if k in page), None):
        said.append(f"it links to a next page ({next_link}): the rows there are not in "
                    f"this file")
    count = next((page[k] for k in _COUNTS if k in page), None)
    total = int(count) if isinstance(count, int | str) and str(count).isdigit() else None
    return Found(f"{_KIND}: read the list under {_VALUE}", rows, beside + sorted(left), [],
                 _KIND, tuple(said), total)


def _stripped(record: dict[str, Any], where: str, left: set[str]) -> dict[str, Any]:
    """`record` without its annotations (each named in `left` by its path), those of
    records nested in it (an `$expand`) too."""
    kept = {}
    for key, value in record.items():
        if annotation(key):
            left.add(f"{where}.{key}")
        elif isinstance(value, dict):
            kept[key] = _stripped(value, f"{where}.{key}", left)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            kept[key] = [_stripped(v, f"{where}.{key}[]", left) for v in value]
        else:
            kept[key] = value
    return kept
