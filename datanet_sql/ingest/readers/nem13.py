"""NEM13, AEMO's accumulation meter data (see `mdff` for the file around it), read one meter
read a row.

Each `250` record is a register's read of a basic meter: the meter (NMI, configuration,
register, NMI suffix, MDM data stream, meter serial, direction), the previous and current
register reads (each the dial as written, its time, quality method, reason code and
description), the quantity between them and its unit, the next scheduled read date, the
update and MSATS load times. It is a row of those fields, typed: the register reads kept
as text as written (the format's `Char(15)`, the dial's digits), the quantity a double,
times and dates as such. A `550` (B2B details) is left out, noted; a 250 that breaks the
format (a quantity that is no number, a time that is none, a missing field) is a reject
naming why, and so is a NEM12 record or one of another kind.
"""

from __future__ import annotations

from typing import Any

from datanet_sql.ingest.readers.mdff_records import (
    Broken,
    RecordReader,
    Staged,
    day,
    moment,
    number,
    quality,
)

_TABLE = "_dn_nem13"
_READ = ("register_read", "register_read_datetime", "quality_method", "reason_code",
         "reason_description")
# the 250 record's fields after its indicator, in order, with the kinds they are read as
COLUMNS = [*((name, "string") for name in (
    "nmi", "nmi_configuration", "register_id", "nmi_suffix", "mdm_data_stream_identifier",
    "meter_serial_number", "direction_indicator")),
    *((f"previous_{name}", "timestamp" if name.endswith("datetime") else "string")
      for name in _READ),
    *((f"current_{name}", "timestamp" if name.endswith("datetime") else "string")
      for name in _READ),
    ("quantity", "double"), ("uom", "string"), ("next_scheduled_read_date", "date"),
    ("update_datetime", "timestamp"), ("msats_load_datetime", "timestamp")]
_REQUIRED = 19   # fields up to the unit; the dates and times after it may be left off


class Accumulations(RecordReader):
    """The 250 and 550 records of a NEM13 file (see the module)."""

    def __init__(self, con: Any, label: str) -> None:
        super().__init__(label)
        self.staged = Staged(con, _TABLE, COLUMNS)
        self.reads = self.b2b = 0
        self.units: dict[str | None, None] = {}

    def take(self, number: int, line: str, fields: list[str]) -> None:
        kind = fields[0]
        if kind == "250":
            self._read(number, line, fields)
        elif kind == "550":
            self.b2b += 1
        elif kind in ("200", "300", "400", "500"):
            self.reject(number, line, f"a {kind} record (NEM12's interval data) in a file "
                                      f"whose 100 header says NEM13")
        else:
            self.reject(number, line, f"a record {kind!r}: NEM13's are 100, 250, 550 and "
                                      f"900")

    def finish(self) -> tuple[str, str, list[str]]:
        self.staged.flush()
        what = (f"read one accumulation meter read (250 record) a row: "
                 f"{self.reads} read(s), quantity in "
                 f"{', '.join(u or '(no unit)' for u in self.units) or 'no unit'}; "
                 f"previous_register_read and current_register_read kept as text as "
                 f"written (the format's dial digits), the times as written (NEM time, "
                 f"AEST, UTC+10 all year: kept without a time zone)")
        notes = []
        if self.b2b:
            notes.append(f"{self.label}: {self.b2b} 550 record(s) (B2B details: transaction "
                         f"codes, retailer service orders) not loaded")
        return _TABLE, what, notes

    def _read(self, number: int, line: str, fields: list[str]) -> None:
        try:
            if not _REQUIRED + 1 <= len(fields) <= len(COLUMNS) + 1:
                raise Broken(f"{len(fields)} fields where a 250 record has "
                             f"{len(COLUMNS) + 1}")
            given = fields[1:] + [""] * (len(COLUMNS) + 1 - len(fields))
            if not given[0]:
                raise Broken("no NMI")
            for at, when in ((9, "previous"), (14, "current")):
                if given[at] or when == "current":
                    quality(given[at], f"{when} quality method")
            row = [_typed(value, name, kind) for value, (name, kind) in zip(given, COLUMNS)]
        except Broken as broken:
            self.reject(number, line, str(broken))
            return
        self.staged.add(tuple(row))
        self.reads += 1
        self.units[row[18]] = None


def _typed(value: str, name: str, kind: str) -> Any:
    """A 250 record's field as its column's kind (empty: None)."""
    what = name.replace("_", " ")
    if kind == "timestamp":
        return moment(value, what)
    if kind == "date":
        return day(value, what)
    if kind == "double":
        return number(value, what) if value else None
    return value or None
