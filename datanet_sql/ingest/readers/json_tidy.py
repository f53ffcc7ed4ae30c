"""What every JSON read does to its rows (`_dn_json`) before it returns them, whether DuckDB
read the file whole (`json.py`) or line by line (`json_lines.py`): NaN made NULL, keys that
differ only by case named from the file's own, integers past BIGINT kept whole, DynamoDB's
and MongoDB's typed values and Avro's unions unwrapped, R jsonlite's boxed scalars read as
their one element, keys respelled mid-file (`bandNumber`, then `band_number`) made one
column. One sequence, so the two reads cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers import (
    json_avro,
    json_boxed,
    json_dynamo,
    json_mongo,
    json_respelled,
)
from datanet_sql.ingest.readers.json_cased import cased_note, own_keys
from datanet_sql.ingest.readers.json_numbers import keep_wide_integers, nans_as_null
from datanet_sql.ingest.readers.json_sql import described
from datanet_sql.ingest.readers.shape import RECORD


def tidied(con: Any, read: Path, layout: str, limit: int, name: str
           ) -> tuple[list[str], dict[str, str], list[str]]:
    """`_dn_json` tidied (see the module docstring): (the notes, the file's own keys for
    columns DuckDB named otherwise, the note on them). `read` is the file DuckDB read
    (`layout` as it read it), `name` the user's file's name the notes give."""
    notes = nans_as_null(con, "_dn_json", name)
    written, cased = own_keys(con, "_dn_json", read, layout, limit, name)
    notes += keep_wide_integers(con, read, layout, limit, name, written)
    notes += json_dynamo.unwrapped(con, "_dn_json", name)
    notes += json_mongo.unwrapped(con, "_dn_json", name)
    notes += json_avro.unwrapped(con, "_dn_json", name)
    notes += json_boxed.unboxed(con, "_dn_json", name)
    respelled, merged_away = json_respelled.merged(con, "_dn_json", read, layout, limit,
                                                   name, written)
    if merged_away & set(written):   # keys differing only by case made one: named anew
        written = {c: k for c, k in written.items() if c not in merged_away}
        cased = cased_note([written.get(c, c) for c in described(con, "_dn_json")
                            if c != RECORD], name)
    return notes + respelled, written, cased
