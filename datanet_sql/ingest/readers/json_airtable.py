"""An Airtable API list response saved as JSON: `{"records": [{"id": "rec...",
"createdTime": "...", "fields": {...}}], "offset": "itr..."}`. The generic envelope reader
would not take it (`offset` is a cursor here, not a count) and DuckDB reads it as one row;
the last page (no `offset`) would be read with every field nested under `fields`.

Each record is read as a row of its `id`, its `createdTime` and its fields under their own
names (a field named `id` or `createdTime` takes the place of the record's own, which is
then left out and named in the note). Airtable leaves every empty field out of a record,
and a checkbox is the only field whose value is JSON `true`: an unticked checkbox is
absent, never `false`. So a field whose every value is `true` and that some records lack
is read as false where it is absent, named in the note (NULL would make `where not
ticked` find nothing). `offset` says more records follow on pages not in this file.
"""

from __future__ import annotations

from typing import Any

from datanet_sql.ingest.readers.json_found import Found

_KIND = "an Airtable API response"
_PAGE = frozenset({"records", "offset"})
_RECORD = frozenset({"id", "createdTime", "fields", "commentCount"})
_OWN = ("id", "createdTime")   # the record's own keys kept beside its fields


def airtable(page: dict[str, Any]) -> Found | None:
    """The records of an Airtable list response (see the module docstring); None when
    `page` is not one: beside `records` only `offset`, every record an `id` starting
    `rec` (Airtable's record ids all do), `fields` an object, no other keys."""
    records = page.get("records")
    if not set(page) <= _PAGE or not isinstance(records, list) or not records or \
            not all(_record(r) for r in records):
        return None
    names = {k for r in records for k in r["fields"]}
    kept = [k for k in _OWN if k not in names]
    left = sorted({f"records[].{k}" for r in records for k in r if k not in kept
                   and k != "fields"} | ({"offset"} & set(page)))
    rows = [{**{k: r[k] for k in kept if k in r}, **r["fields"]} for r in records]
    unticked = [k for k in dict.fromkeys(k for r in records for k in r["fields"])
                if all(r["fields"][k] is True for r in records if k in r["fields"])
                and any(k not in r["fields"] for r in records)]
    for row in rows:
        row.update({k: False for k in unticked if k not in row})
    said = [(f"{', '.join(unticked)}: checkbox(es) Airtable leaves out where unticked, "
            "read as false there")] if unticked else []
    if "offset" in page:
        said.append("its offset says more records follow: they are on pages not in "
                    "this file")
    return Found(f"{_KIND}: read the fields under records[].fields, with each record's "
                 f"{' and '.join(kept) or 'nothing'}", rows, left, [], _KIND, tuple(said))


def _record(value: Any) -> bool:
    """`value` is an Airtable record: `id` `rec...`, `fields` an object, nothing else but
    `createdTime` and `commentCount`."""
    return isinstance(value, dict) and set(value) <= _RECORD and \
        isinstance(value.get("fields"), dict) and isinstance(value.get("id"), str) and \
        value["id"].startswith("rec")
