"""What every JSON read does to its rows (`_dn_json`) before it returns them, whether DuckDB
read the file whole (`json.py`) or line by line (`json_lines.py`): NaN made NULL, keys that
differ only by case named from the file's own, integers past BIGINT kept whole, DynamoDB's
and MongoDB's typed values and Avro's unions unwrapped, R jsonlite's boxed scalars read as
their one element. One sequence, so the two reads cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers import json_avro, json_boxed, json_dynamo, json_mongo
from datanet_sql.ingest.readers.json_cased import own_keys
from datanet_sql.ingest.readers.json_numbers import keep_wide_integers, nans_as_null


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
    return notes, written, cased
