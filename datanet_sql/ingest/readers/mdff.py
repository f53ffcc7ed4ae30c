"""AEMO's Meter Data File Format (MDFF) of Australia's National Electricity Market: a meter
data provider's CSV of records of several kinds, the first field saying which, between a
`100` header (`100,NEM12,<YYYYMMDDHHMM>,<from participant>,<to participant>`) and a `900`
end: NEM12's interval readings (`nem12`: 200, 300, 400 and 500 records) or NEM13's
accumulation meter reads (`nem13`: 250 and 550). Read as one CSV, its records were one
ragged table: the 100 header a row (or the names), every day of readings a reject.

When a file's first line is such a header and its next record is a meter's (a 200 for
NEM12, a 250 for NEM13) or the end, it is read record by record into the version's table,
noted with the header's sender, receiver and time. A record after the 900 end, or a second
100 header, is a reject (a file joined from several is loaded as its sources, each its
own); a file without its 900 is noted as perhaps cut short. `options: {delimiter: ...}`
(or `header`, `skip`) read the file as a CSV.
"""

from __future__ import annotations

import gzip
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers import nem12, nem13
from datanet_sql.ingest.readers.encoding import compressed, detect_encoding, utf8_file
from datanet_sql.ingest.readers.mdff_records import Broken, RecordReader, fields_of, moment, records
from datanet_sql.ingest.readers.shape import Raw

_HEAD_BYTES = 4096   # this runs for every CSV; a header Excel padded with commas still fits
_NEXT = {"NEM12": ("200", "900"), "NEM13": ("250", "900")}   # the records after the header


def found(path: Path) -> str | None:
    """`NEM12` or `NEM13` when the file's first line is an MDFF header of that version and
    its next record a meter's or the end (see the module); None otherwise. Only the file's
    first 4 KB are read: this runs for every CSV."""
    try:
        with (gzip.open(path, "rb") if compressed(path) else path.open("rb")) as handle:
            start = handle.read(_HEAD_BYTES)
    except (OSError, EOFError):   # a `.gz` name over bytes that are not gzip: not this
        return None
    text = start.decode("utf-8", "replace").removeprefix("\ufeff")
    if not text.lstrip(' "').startswith("100"):   # nearly every CSV: told without splitting
        return None
    lines = [line for line in text.splitlines() if line.strip(" ,\t")]
    if len(lines) < 2:
        return None
    header, after = fields_of(lines[0]), fields_of(lines[1])
    version = header[1].upper() if len(header) > 1 and header[0] == "100" else None
    return version if version in _NEXT and after[0] in _NEXT[version] else None


def read(stack: ExitStack, con: Any, path: Path, version: str, encoding: str | None) -> Raw:
    """The file's data records as the version's table (see the module). `encoding`: the
    user's option, else detected (MDFF is ASCII; a description may not be)."""
    label = str(path)
    # the whole file decides (a pass over its bytes): the records are read in Python, where
    # a byte the encoding does not decode past the first MB would stop the read mid-way
    text = stack.enter_context(utf8_file(path, encoding or detect_encoding(path)))
    reader: RecordReader = nem12.Intervals(con, label) if version == "NEM12" else \
        nem13.Accumulations(con, label)
    header: list[str] | None = None
    end = last = None
    for number, line, fields in records(text, label):
        last = number
        if header is None:
            header = fields   # the 100 record `found` saw
        elif end is not None:
            reader.reject(number, line, f"a record after the 900 end record on line {end}: "
                                        f"a meter data file ends there (load files joined "
                                        f"together as sources of their own)")
        elif fields[0] == "900":
            end = number
        elif fields[0] == "100":
            reader.reject(number, line, "a second 100 header before the 900 end record: a "
                                        "meter data file holds one (load files joined "
                                        "together as sources of their own)")
        else:
            reader.take(number, line, fields)
    table, what, notes = reader.finish()
    notes.insert(0, f"{label}: an AEMO {version} meter data file ({_sent(header or [])}): "
                    f"{what}")
    if end is None:
        notes.append(f"{label}: no 900 end record: the file may be cut short (its last "
                     f"record, line {last}, read); ask its sender for the whole file")
    return Raw(con, con.table(table), label, reader.rejects, notes, materialized=table)


def _sent(header: list[str]) -> str:
    """Who sent the file to whom, and when, as its 100 header says."""
    given = header + [""] * (5 - len(header))
    try:
        when = moment(given[2], "", digits=12)
    except Broken:
        when = None
    sent = f"created {when:%Y-%m-%d %H:%M}" if when else f"created {given[2]!r}"
    return f"{sent} by {given[3] or '(no sender)'} for {given[4] or '(no receiver)'}"
