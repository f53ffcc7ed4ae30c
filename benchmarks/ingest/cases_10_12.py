"""The ingestion benchmark's cases of stages 10-12 (`build10.py`-`build12.py`),
with what a careful engineer accepts for each: see `case.py` for how an expectation is written."""

from __future__ import annotations

import datetime
import math
from typing import Any

import build10
import build11
import build12
from case import Case, _utc

_COWLES = build10.cowles()
_COWLES_ROWS = sorted({0, next(i for i, r in enumerate(_COWLES) if r[4]), build10.RAILS_SWITCH,
                       len(_COWLES) - 1})   # a 'f', the first 't', the first 1, the last
_SALARIES = build10.salaries()
_DJIA = build10.djia()
_DJIA_ROWS = (0, 251, 252, len(_DJIA) - 1)  # the first and last close of each file
_MOVIES = build10.movies()
_SQLCMD_FOOTER = {"210", "211", "212"}      # `(209 rows affected)`: numbered with or


def _sqlcmd_outcomes() -> list[dict[str, Any]]:
    """z5's other acceptable outcomes: the dashes line and the footer each left out or a
    reject (the footer numbered with or without the blank line), the names trimmed or
    kept padded."""
    outcomes = []
    for dashes in (set(), {"1"}):
        for footer in (set(), *({n} for n in _SQLCMD_FOOTER)):
            for name in ("ADVISOR 32/60", f"{'ADVISOR 32/60':<20}"):
                outcomes.append({"rejects": dashes | footer,
                                 "values": {"name": (0, name), "perf": [(0, 198), (208, 45)],
                                            "estperf": (208, 25)}})
    return outcomes


def _mongo_outcomes() -> list[dict[str, Any]]:
    """z7's other acceptable outcomes: the extended-JSON wrappers kept as nested objects,
    flattened (`salary__numberdecimal` or `salary__number_decimal`) with their text."""
    return [{"types": {"yrs_service": "integer", decimal: "varchar",
                       "hired__date": ("varchar", "timestamp")},
             "values": {decimal: [(0, "139750.00"), (396, "81035.00")], "rank": (0, "Prof"),
                        "yrs_service": (396, 4)}}
            for decimal in ("salary__numberdecimal", "salary__number_decimal")]
_DAVIS = build11.davis()
_LH = build11.lh()
_JOHNSON = build11.johnson()
_JOHNSON_ROWS = (0, 35, 36, len(_JOHNSON) - 1)   # 3/31/60, 12/31/68, 3/31/69, 12/31/80
_ORNSTEIN = build11.ornstein()
_SHUTTLE = build11.shuttle()
_GALTON = build11.galton()
_WOMENLF = build11.womenlf()
_PIMA = build11.pima()
_PIMA_ROWS = (0, build11.PIMA_SPLIT - 1, build11.PIMA_SPLIT, len(_PIMA) - 1)
_MINN38_ROWS = (0, 1, 167)
_WWW = build11.www_usage()
_MOTORS = build12.motors()
_MROZ = build12.mroz()
_UKGAS = build12.ukgas()
_ARRESTS = build12.arrests()
_GEHAN = build12.gehan()
_AUSTRES = build12.austres()
_LEINHARDT = build12.leinhardt()
_LEINHARDT_ROWS = {0, 14, next(i for i, v in enumerate(_LEINHARDT.infant) if math.isnan(v)), 104}
_EPIL = build12.epil()
_EPIL_DAYS = [build12.visit(int(s), int(p)) for s, p in zip(_EPIL.subject, _EPIL.period)]
_FREEDMAN = build12.freedman()
_FREEDMAN_NULL = next(i for i, v in enumerate(_FREEDMAN.population) if math.isnan(v))
_WOOL = build12.wool()
_FORBES = build12.forbes()
_DURATIONS = ("duration[s]", "duration[ms]", "duration[us]", "duration[ns]",
              "month_day_nano_interval")
_EPOCH_JULIAN_DAY = 2440587.5        # julianday('1970-01-01')


def _julian(day: datetime.date) -> float:
    """A date as SQLite's `julianday()` gives it (midnight: a .5 day)."""
    return _EPOCH_JULIAN_DAY + (day - datetime.date(1970, 1, 1)).days


def _toa5_outcomes() -> list[dict[str, Any]]:
    """The TOA5 file read with its names as written or lowercased, its units and
    processing lines left out or the first two records rejected."""
    outcomes = []
    for stamp, record in (("TIMESTAMP", "RECORD"), ("timestamp", "record")):
        for rejects in (set(), {"1", "2"}):
            outcomes.append({
                "rejects": rejects, "columns": [stamp, record, "lh"],
                "types": {stamp: "timestamp", record: "integer", "lh": "double"},
                "values": {stamp: [(0, _LH[0][0]), (47, _LH[47][0])],
                           record: (47, 47), "lh": [(0, _LH[0][2]), (47, _LH[47][2])]}})
    return outcomes[1:]


def _dynamodb_outcomes() -> list[dict[str, Any]]:
    """DynamoDB JSON unwrapped with its numbers as text, or flattened (`Item__hincome__N`)
    keeping each value, its numbers typed or text."""
    last = int(_WOMENLF.hincome.iloc[-1])
    outcomes = [{"types": {"hincome": "varchar"},
                 "values": {"hincome": [(0, "15"), (262, str(last))],
                            "region": (0, "Ontario")}}]
    for kind, first, final in (("integer", 15, last), ("varchar", "15", str(last))):
        outcomes.append({"columns": None, "types": {"Item__hincome__N": kind},
                         "values": {"Item__hincome__N": [(0, first), (262, final)],
                                    "Item__region__S": (0, "Ontario")}})
    return outcomes


CASES = [
    # stage 10: fresh held-out cases (build10.py), kinds of damage stages 1-9 do not have
    Case("z1_arbuthnot_footnotes", 10, "z1_arbuthnot.csv",
         "an open-data CSV ending in a blank line and two quoted footnotes (`Source: ...`, "
         "`Note: ...`): 82 rows, the footnotes left out (a note welcome) or rejects; never "
         "a footnote as a row or the numbers turned to text",
         rows=82, rejects=set(),
         columns=["year", "males", "females", "plague", "mortality", "ratio", "total"],
         types={"year": "integer", "males": "integer", "ratio": "double", "total": "double"},
         values={"year": [(0, 1629), (81, 1710)], "total": (81, 14.928),
                 "ratio": (0, 1.1142430066)},
         alternatives=[{"rejects": {"83", "84"}}, {"rejects": {"84", "85"}}],
         refuse_ok=True),
    Case("z2_nuclear_filtered_rows", 10, "z2_nuclear.xlsx",
         "a sheet saved with an AutoFilter hiding the 6 rows where pt = 1: all 32 rows (hidden "
         "rows are data; a note welcome); never only the 26 visible ones",
         rows=32, rejects=set(),
         columns=["cost", "date", "t1", "t2", "cap", "pr", "ne", "ct", "bw", "cum_n", "pt"],
         types={"cost": "double", "date": "double", "t1": "integer", "pt": "integer"},
         values={"cost": [(0, 460.05), (31, 270.71)], "pt": [(0, 0), (31, 1)],
                 "cum_n": (31, 11)}),
    Case("z3_petrol_offset_table", 10, "z3_petrol.xlsx",
         "a report sheet whose table starts in C2 (row 1 and columns A-B empty): the six "
         "columns and 32 rows; never empty `column_1`/`column_2` columns or the header a row",
         rows=32, rejects=set(), columns=["no", "sg", "vp", "v10", "ep", "y"],
         types={"no": "varchar", "sg": "double", "v10": "integer", "y": "double"},
         values={"no": [(0, "A"), (31, "J")], "sg": (0, 50.8), "y": [(0, 12.2), (31, 18.0)]}),
    Case("z4_prestige_percent_cells", 10, "z4_prestige.xlsx",
         "`women` cells hold fractions formatted `0.00%` (0.1116 shown as 11.16%): the "
         "stored fraction as a double; never 11.16, the text `11.16%` or NULLs; `type` NULL "
         "in its four empty cells",
         rows=102, rejects=set(),
         columns=["occupation", "education", "income", "women", "prestige", "census", "type"],
         types={"women": "double", "income": "integer", "type": "varchar"},
         values={"women": [(0, 0.1116), (101, 0.7087)], "type": [(33, None), (101, "bc")],
                 "occupation": (0, "gov.administrators")}),
    Case("z5_cpus_sqlcmd_output", 10, "z5_cpus.csv",
         "SQL Server `sqlcmd -s \",\"` output: padded fields, a line of dashes under the "
         "header, `(209 rows affected)` after a blank line: 209 rows, the numbers integers, "
         "the dashes and the footer left out or rejects; or a refusal; never the numbers "
         "text because of the dashes, or the footer a row",
         rows=209, rejects=set(),
         columns=["name", "syct", "mmin", "mmax", "cach", "chmin", "chmax", "perf", "estperf"],
         types={"syct": "integer", "perf": "integer", "estperf": "integer", "name": "varchar"},
         values={"name": [(0, "ADVISOR 32/60"), (208, "WANG VS 90")],
                 "perf": [(0, 198), (208, 45)], "estperf": (208, 25)},
         alternatives=_sqlcmd_outcomes(), refuse_ok=True),
    Case("z6_cowles_rails_booleans", 10, "z6_cowles.db",
         "a SQLite `BOOLEAN` column holding 't'/'f' (rows written before a Rails upgrade) "
         "and 1/0 (after): a boolean, true for 't' and 1; or text keeping each spelling; "
         "never NULLs, rejects or 't' read false",
         fmt="sqlite", options={"source_table": "volunteers"}, rows=1421, rejects=set(),
         columns=["id", "neuroticism", "extraversion", "sex", "volunteer"],
         types={"volunteer": "boolean", "neuroticism": "integer"},
         values={"volunteer": [(i, _COWLES[i][4]) for i in _COWLES_ROWS],
                 "sex": (0, "female")},
         alternatives=[{"types": {"volunteer": "varchar"},
                        "values": {"volunteer": [(i, str(build10.rails_spelling(
                            i, _COWLES[i][4]))) for i in _COWLES_ROWS]}}]),
    Case("z7_salaries_mongoexport", 10, "z7_salaries.json",
         "`mongoexport` lines (relaxed extended JSON: `{\"$oid\"}`, `{\"$numberDecimal\": "
         "\"139750.00\"}`, `{\"$date\"}`): 397 rows; the wrappers unwrapped (salary a "
         "number, hired the instant), or flattened keeping their text; never NULL salaries",
         rows=397, rejects=set(),
         types={"salary": ("decimal", "double", "integer"), "hired": ("timestamp", "date"),
                "yrs_service": "integer", "rank": "varchar"},
         values={"salary": [(0, 139750), (396, 81035)], "rank": (0, "Prof"),
                 "hired": [(0, _SALARIES.hired[0].to_pydatetime()),
                           (396, _SALARIES.hired[396].to_pydatetime())]},
         alternatives=[{"values": {"salary": [(0, 139750), (396, 81035)],
                                   "hired": [(i, _SALARIES.hired[i].to_pydatetime().replace(
                                       tzinfo=datetime.timezone.utc)) for i in (0, 396)]}},
                       {"values": {"salary": [(0, 139750), (396, 81035)],
                                   "hired": [(i, _SALARIES.hired[i].date()) for i in (0, 396)]}},
                       *_mongo_outcomes()]),
    Case("z8_sacramento_geojson", 10, "z8_sacramento.geojson",
         "a GeoJSON FeatureCollection (`format: json`): 932 rows, the properties as columns "
         "(`properties__price` or `price`); or one row with a child table `features` of "
         "932; or a refusal; never sales lost",
         fmt="json", rows=932, rejects=set(),
         values={"properties__price": [(0, 59222), (931, 235738)],
                 "properties__city": (0, "SACRAMENTO")},
         alternatives=[{"values": {"price": [(0, 59222), (931, 235738)],
                                   "city": (0, "SACRAMENTO")}},
                       {"rows": 1, "values": {}, "children": {"features": (932, [])}}],
         refuse_ok=True),
    Case("z9_djia_parquet_zone_dropped", 10, "z9_djia/*.parquet",
         "two Parquet files of one feed, `timestamp[us, tz=UTC]` then `timestamp[us]` (the "
         "zone dropped, same UTC clock): 505 rows, every close at 21:00 UTC (naive or "
         "zoned); never 2020's shifted by a zone or the column text",
         rows=505, rejects=set(), columns=["close_at", "value"],
         types={"close_at": "timestamp", "value": "double"},
         values={"close_at": [(i, _DJIA[i][0]) for i in _DJIA_ROWS],
                 "value": [(0, _DJIA[0][1]), (504, _DJIA[504][1])]},
         alternatives=[{"values": {"close_at": [
             (i, _DJIA[i][0].replace(tzinfo=datetime.timezone.utc)) for i in _DJIA_ROWS]}}]),
    Case("z10_sweden_mixed_encodings", 10, "z10_sweden.csv",
         "UTF-8 rows, then 11 rows appended in Windows-1252: every name decoded right "
         "(`Västerbotten` above, `Skåne`, `Örebro` below, a note welcome); or a refusal "
         "naming the mixed encoding; never mojibake (`VÃ¤sterbotten`) or U+FFFD",
         rows=21, rejects=set(),
         columns=["iso", "nuts", "county", "centre", "area", "pop2019"],
         types={"area": "double", "pop2019": "integer"},
         values={"county": [(1, "Västerbotten"), (5, "Östergötland"), (11, "Skåne"),
                            (15, "Örebro"), (20, "Jämtland")],
                 "centre": [(1, "Umeå"), (11, "Malmö, Kristianstad"), (20, "Östersund")]},
         refuse_ok=True),
    Case("z11_gtcars_prn_fixed_width", 10, "z11_gtcars.txt",
         "Excel's space-padded `.prn` text (no delimiter, values holding spaces): 47 rows of "
         "mfr, model, year, trim, hp, msrp; or a refusal (a `widths` option to ask for); "
         "never one column of whole lines or `458 Speciale` split in two",
         rows=47, rejects=set(), columns=build10.GTCARS_COLUMNS,
         types={"year": "integer", "hp": "integer", "msrp": "integer", "model": "varchar"},
         values={"model": [(0, "GT"), (1, "458 Speciale")], "trim": (0, "Base Coupe"),
                 "msrp": [(0, 447000), (46, 304350)], "mfr": (46, "Rolls-Royce")},
         refuse_ok=True),
    Case("z12_movies_scalar_or_array", 10, "z12_movies.ndjson",
         "`genre` an array when several, a bare string when one, absent when none (XML "
         "turned JSON): 400 rows; a child table `genre` of all 448 genres by `id`; or `genre` "
         "text with the single ones as themselves; or a refusal; never the 212 single "
         "genres lost or their lines rejected",
         parent_key=["id"], rows=400, rejects=set(),
         columns=["id", "title", "year", "rating"],
         types={"id": "integer", "rating": "double"},
         values={"title": (399, _MOVIES[399]["title"]), "year": (0, 1971)},
         children={"genre": (sum(len(m["genre"]) for m in _MOVIES), ["id"])},
         alternatives=[{"columns": ["id", "title", "year", "rating", "genre"], "children": {},
                        "types": {"genre": "varchar"},
                        "values": {"genre": [(1, "Comedy"), (4, None), (399, "Comedy")]}}],
         refuse_ok=True),
    # stage 11: fresh held-out cases (build11.py), kinds of damage stages 1-10 do not have
    Case("a1_davis_ssms_nulls", 11, "a1_davis.csv",
         "SSMS \"Save Results As\" CSV writing every NULL as the word `NULL` (17 in `repwt`, "
         "17 in `repht`): 200 rows, `repwt`/`repht` numbers with NULL there; never the "
         "columns text holding 'NULL', or those rows rejected",
         rows=200, rejects=set(),
         columns=["id", "sex", "weight", "height", "repwt", "repht"],
         types={"id": "integer", "weight": "integer", "repwt": ("integer", "double"),
                "repht": ("integer", "double"), "sex": "varchar"},
         values={"repwt": [(0, 77), (46, None), (199, float(_DAVIS.repwt.iloc[199]))],
                 "repht": [(46, None), (47, None), (0, 180)], "sex": (1, "F")}),
    Case("a2_lh_toa5_logger", 11, "a2_lh.dat",
         "a Campbell TOA5 logger file (`format: csv`): a logger line, the names, a units "
         "line and a processing line, then 48 samples: the names from line 2, the units and "
         "processing lines left out or 2 rejects, `lh` a double; or a refusal; never the "
         "logger line as the header or the samples text",
         fmt="csv", rows=48, rejects=set(), columns=["TIMESTAMP", "RECORD", "lh"],
         types={"TIMESTAMP": "timestamp", "RECORD": "integer", "lh": "double"},
         values={"TIMESTAMP": [(0, _LH[0][0]), (47, _LH[47][0])], "RECORD": (47, 47),
                 "lh": [(0, _LH[0][2]), (47, _LH[47][2])]},
         alternatives=_toa5_outcomes(), refuse_ok=True),
    Case("a3_leuk_dos_eof", 11, "a3_leuk.csv",
         "a DOS tool's CRLF CSV ending in a Ctrl-Z byte (0x1A): 33 rows, the Ctrl-Z left out "
         "(or one reject); never a 34th row, `id` text or `time` `'43\\x1a'`",
         rows=33, rejects=set(), columns=["id", "wbc", "ag", "time"],
         types={"id": "integer", "wbc": "integer", "time": "integer"},
         values={"id": (32, 33), "time": [(0, 65), (32, 43)], "ag": (32, "absent")},
         alternatives=[{"rejects": {"34"}}]),
    Case("a4_johnson_two_digit_years", 11, "a4_johnson.csv",
         "US dates with two-digit years `3/31/60` ... `12/31/80`: 84 rows, every date in "
         "1960-1980 (a date or a timestamp); or the text kept; never 2060-2068",
         rows=84, rejects=set(), columns=["quarter_end", "eps"],
         types={"quarter_end": "date", "eps": "double"},
         values={"quarter_end": [(i, _JOHNSON[i][0]) for i in _JOHNSON_ROWS],
                 "eps": [(0, 0.71), (83, _JOHNSON[83][1])]},
         alternatives=[{"types": {"quarter_end": "timestamp", "eps": "double"},
                        "values": {"quarter_end": [
                            (i, datetime.datetime.combine(_JOHNSON[i][0], datetime.time()))
                            for i in _JOHNSON_ROWS]}},
                       {"types": {"quarter_end": "varchar", "eps": "double"},
                        "values": {"quarter_end": [(0, "3/31/60"), (35, "12/31/68"),
                                                   (36, "3/31/69"), (83, "12/31/80")]}}]),
    Case("a5_ornstein_lakh_grouping", 11, "a5_ornstein.tsv",
         "a TSV with `assets` grouped the Indian way (`87,000`, `1,47,670`): 248 rows, "
         "`assets` the number (147670); or every value kept as its text; never 147, NULLs "
         "or the three lakh rows rejected",
         rows=248, rejects=set(), columns=["id", "assets", "sector", "nation", "interlocks"],
         types={"assets": ("integer", "decimal", "double"), "interlocks": "integer"},
         values={"assets": [(i, int(_ORNSTEIN.assets.iloc[i])) for i in (0, 1, 2, 3, 247)],
                 "sector": (0, "BNK")},
         alternatives=[{"types": {"assets": "varchar", "interlocks": "integer"},
                        "values": {"assets": [(i, build11.indian_grouping(
                            int(_ORNSTEIN.assets.iloc[i]))) for i in (0, 1, 2, 3, 247)]}}]),
    Case("a6_shuttle_rich_shared_strings", 11, "a6_shuttle.xlsx",
         "an xlsx as Excel saves it (shared strings), the `error` cells rich text of two runs "
         "(`L` bold, `X`): 256 rows, `error` the whole text `LX`; never `L`, NULL or markup",
         rows=256, rejects=set(),
         columns=["id", "stability", "error", "sign", "wind", "magn", "vis", "use"],
         types={"id": "integer", "error": "varchar", "magn": "varchar"},
         values={"error": [(0, "LX"), (255, _SHUTTLE.error.iloc[255])],
                 "stability": (0, "xstab"), "use": (255, _SHUTTLE.use.iloc[255])}),
    Case("a7_galton_stale_dimension", 11, "a7_galton.xlsx",
         "an xlsx whose sheet declares `<dimension ref=\"A1\"/>` over 929 filled rows: all "
         "928 rows of id, parent, child; never an empty table or one column",
         rows=928, rejects=set(), columns=["id", "parent", "child"],
         types={"id": "integer", "parent": "double", "child": "double"},
         values={"id": (927, 928), "child": [(0, 61.7), (927, float(_GALTON.child.iloc[927]))],
                 "parent": (0, 70.5)}),
    Case("a8_lakehuron_chartsheet_first", 11, "a8_lakehuron.xlsx",
         "a workbook whose first sheet is a chart sheet, the data on sheet `data`: its 98 "
         "rows (the only sheet with cells); or a refusal naming the sheets; never an empty "
         "table or a crash",
         rows=98, rejects=set(), columns=["year", "level_ft"],
         types={"year": "integer", "level_ft": "double"},
         values={"year": [(0, 1875), (97, 1972)], "level_ft": (0, 580.38)}, refuse_ok=True),
    Case("a9_womenlf_dynamodb_export", 11, "a9_womenlf.json",
         "DynamoDB JSON (`{\"Item\": {\"hincome\": {\"N\": \"15\"}}}` per line): 263 rows, "
         "the attributes unwrapped as columns (numbers typed or text) or flattened keeping "
         "each value; or a refusal naming the format; never NULLs or one `Item` column",
         rows=263, rejects=set(), columns=["id", "partic", "hincome", "children", "region"],
         types={"id": "integer", "hincome": "integer", "region": "varchar"},
         values={"hincome": [(0, 15), (262, int(_WOMENLF.hincome.iloc[-1]))],
                 "region": (0, "Ontario")},
         alternatives=_dynamodb_outcomes(), refuse_ok=True),
    Case("a10_pima_parquet_reordered", 11, "a10_pima/*.parquet",
         "two Parquet files of one export, the second's columns in another order (`glu`, "
         "`bp`, `npreg` swapped about, all int64): 332 rows, every value in its column by "
         "name (in either file's order); never the second file's values shifted by position",
         rows=332, rejects=set(),
         types={"id": "integer", "npreg": "integer", "glu": "integer", "bp": "integer",
                "skin": "integer", "age": "integer", "bmi": "double", "ped": "double",
                "type": "varchar"},
         values={c: [(i, _PIMA[c].tolist()[i]) for i in _PIMA_ROWS]
                 for c in ("id", "npreg", "glu", "bp", "age", "type", "bmi")}),
    Case("a11_minn38_parquet_uint64", 11, "a11_minn38.parquet",
         "Parquet `uint64` hash keys, 83 of 168 above 2^63 - 1: each key exact (an unsigned "
         "or wider integer, a decimal, or its text); never negative (wrapped) or rounded",
         rows=168, rejects=set(), columns=["row_hash", "hs", "phs", "fol", "sex", "f"],
         types={"row_hash": ("integer", "decimal"), "f": "integer"},
         values={"row_hash": [(i, build11.row_hash(i)) for i in _MINN38_ROWS],
                 "hs": (0, "L")},
         alternatives=[{"types": {"row_hash": "varchar"},
                        "values": {"row_hash": [(i, str(build11.row_hash(i)))
                                                for i in _MINN38_ROWS]}}]),
    Case("a12_wwwusage_sqlite_epoch", 11, "a12_wwwusage.db",
         "a SQLite `DATETIME` column holding Unix epoch seconds (INTEGER values): 100 rows, "
         "the integers kept; or the instants (2024-01-15 09:00 UTC on, naive UTC or zoned); "
         "never NULLs, text or 1970 dates",
         fmt="sqlite", options={"source_table": "usage"}, rows=100, rejects=set(),
         columns=["id", "observed_at", "users"],
         types={"observed_at": "integer", "users": "integer"},
         values={"observed_at": [(0, _WWW[0][1]), (99, _WWW[99][1])], "users": (0, 88)},
         alternatives=[{"types": {"observed_at": "timestamp"},
                        "values": {"observed_at": [(i, _utc(build11.WWW_START
                                                            + datetime.timedelta(minutes=i)))
                                                   for i in (0, 99)]}},
                       {"types": {"observed_at": "timestamp"},
                        "values": {"observed_at": [(i, build11.WWW_START
                                                    + datetime.timedelta(minutes=i))
                                                   for i in (0, 99)]}}]),
    Case("c1_motors_elapsed_hours", 12, "c1_motors.csv",
         "a test rig's hours to failure as elapsed `H:MM:SS` beyond 24 hours (`8064:00:00`): "
         "40 rows, `time` a duration (8064 hours) or its text kept; never a time of day, "
         "a date, NULLs or rejects",
         rows=40, rejects=set(), columns=["id", "temp", "time", "cens"],
         types={"id": "integer", "temp": "integer", "time": _DURATIONS, "cens": "integer"},
         values={"time": [(i, datetime.timedelta(hours=int(_MOTORS.time.iloc[i])))
                          for i in (0, 10, 39)]},
         alternatives=[{"types": {"time": "varchar"},
                        "values": {"time": [(i, build12.elapsed(int(_MOTORS.time.iloc[i])))
                                            for i in (0, 10, 39)]}}]),
    Case("c2_mroz_paginated_api", 12, "c2_mroz/*.json",
         "a REST API dumped page by page (`{\"data\": [...], \"meta\": ..., \"links\": ...}` "
         "in 4 files): the 753 records of `data` as rows; or a refusal naming the envelope; "
         "never 4 rows of pages, `meta`/`links` as rows or only one page",
         rows=753, rejects=set(),
         columns=["id", "lfp", "k5", "k618", "age", "wc", "hc", "lwg", "inc"],
         types={"id": "integer", "age": "integer", "lwg": "double", "lfp": "varchar"},
         values={"id": [(0, 1), (250, 251), (752, 753)],
                 "inc": [(0, float(_MROZ.inc.iloc[0])), (752, float(_MROZ.inc.iloc[752]))],
                 "lfp": (752, "no")},
         refuse_ok=True),
    Case("c3_ukgas_sqlite_julianday", 12, "c3_ukgas.db",
         "a SQLite `REAL` column of Julian day numbers (`julianday()`: 2436934.5 is "
         "1960-01-01): 108 rows, the reals kept; or the dates (a date or a timestamp); "
         "never NULLs, text or dates off by the epoch",
         fmt="sqlite", options={"source_table": "gas"}, rows=108, rejects=set(),
         columns=["id", "quarter_start", "therms"],
         types={"id": "integer", "quarter_start": "double", "therms": "double"},
         values={"quarter_start": [(i, _julian(_UKGAS[i][1])) for i in (0, 107)],
                 "therms": (0, 160.1)},
         alternatives=[{"types": {"quarter_start": "date"},
                        "values": {"quarter_start": [(i, _UKGAS[i][1]) for i in (0, 107)]}},
                       {"types": {"quarter_start": "timestamp"},
                        "values": {"quarter_start": [
                            (i, datetime.datetime.combine(_UKGAS[i][1], datetime.time()))
                            for i in (0, 107)]}}]),
    Case("c4_arrests_sqlite_uuid_blob", 12, "c4_arrests.db",
         "a SQLite key `id BLOB` holding UUIDs as 16 bytes: 400 rows, each key exact (the "
         "bytes, or the UUID's text, or its hex); never NULL keys, rows lost, mangled "
         "text (a decode of the bytes) or a crash",
         fmt="sqlite", options={"source_table": "arrests"}, rows=400, rejects=set(),
         columns=["id", "released", "colour", "year", "age", "sex", "employed", "citizen",
                  "checks"],
         types={"id": ("binary", "large_binary", "fixed_size_binary[16]"), "year": "integer",
                "checks": "integer", "colour": "varchar"},
         values={"id": [(i, build12.arrest_key(i).bytes) for i in (0, 399)],
                 "colour": (0, _ARRESTS.colour.iloc[0]),
                 "year": (399, int(_ARRESTS.year.iloc[399]))},
         alternatives=[{"types": {"id": ("varchar", "extension<arrow.uuid>")},
                        "values": {"id": [(i, spell(build12.arrest_key(i))) for i in (0, 399)]}}
                       for spell in (str, lambda k: k.hex, lambda k: k.hex.upper(),
                                     lambda k: k)]),
    Case("c5_gehan_parquet_duration", 12, "c5_gehan.parquet",
         "Parquet `duration[s]` remission times (pandas timedeltas, whole weeks): 42 rows, "
         "each a duration (1 week, 10 weeks); or a refusal naming the type; never NULLs, "
         "bare numbers without their unit or the rows lost",
         rows=42, rejects=set(), columns=["id", "pair", "remission", "cens", "treat"],
         types={"id": "integer", "remission": _DURATIONS, "treat": "varchar"},
         values={"remission": [(i, datetime.timedelta(weeks=int(_GEHAN.time.iloc[i])))
                               for i in (0, 1, 41)]},
         refuse_ok=True),
    Case("c6_austres_quarter_labels", 12, "c6_austres.csv",
         "a statistics office's quarters labelled `1971 Q2`: 89 rows, the labels kept as "
         "text, or the quarter's first day (1971-04-01, a date or timestamp); never NULLs, "
         "1971-01-01 for every quarter of 1971 or rejects",
         rows=89, rejects=set(), columns=["quarter", "residents_k"],
         types={"quarter": "varchar", "residents_k": "double"},
         values={"quarter": [(0, "1971 Q2"), (88, _AUSTRES[88][0])],
                 "residents_k": [(0, 13067.3), (88, _AUSTRES[88][1])]},
         alternatives=[{"types": {"quarter": kind},
                        "values": {"quarter": [(0, as_kind(datetime.date(1971, 4, 1))),
                                               (1, as_kind(datetime.date(1971, 7, 1))),
                                               (88, as_kind(datetime.date(1993, 4, 1)))]}}
                       for kind, as_kind in (("date", lambda d: d), (
                           "timestamp", lambda d: datetime.datetime.combine(
                               d, datetime.time())))]),
    Case("c7_leinhardt_sqlplus_spool", 12, "c7_leinhardt.csv",
         "a SQL*Plus spool with `COLSEP ','`: padded fields, the header and a dashes line "
         "repeated every 14 rows after a blank line, `105 rows selected.` at the end: 105 "
         "rows, the values trimmed, INCOME and INFANT numbers (repeats and footer left out "
         "or rejected); or a refusal; never the repeats or dashes as rows, or the columns "
         "text because of them",
         rows=105, columns=["country", "income", "infant", "region", "oil"],
         types={"income": "integer", "infant": "double", "country": "varchar"},
         values={"country": [(0, "Australia"), (104, _LEINHARDT.country.iloc[104])],
                 "income": [(0, 3426), (14, int(_LEINHARDT.income.iloc[14])),
                            (104, int(_LEINHARDT.income.iloc[104]))],
                 "infant": [(i, None if math.isnan(v) else float(v))
                            for i, v in enumerate(_LEINHARDT.infant) if i in _LEINHARDT_ROWS],
                 "region": (0, "Asia"), "oil": (0, "no")},
         refuse_ok=True),
    Case("c8_epil_oracle_dd_mon_rr", 12, "c8_epil.csv",
         "an Oracle export with dates as `DD-MON-RR` (`02-MAR-87`): 236 rows, VISIT_DATE the "
         "date in 1987 (a date or a timestamp) or the text kept; never 2087, NULLs or "
         "rejects",
         rows=236, rejects=set(),
         columns=["id", "subject", "period", "visit_date", "y", "trt", "base", "age"],
         types={"visit_date": "date", "y": "integer", "trt": "varchar"},
         values={"visit_date": [(i, _EPIL_DAYS[i]) for i in (0, 1, 235)],
                 "trt": (0, "placebo")},
         alternatives=[{"types": {"visit_date": "timestamp"},
                        "values": {"visit_date": [
                            (i, datetime.datetime.combine(_EPIL_DAYS[i], datetime.time()))
                            for i in (0, 1, 235)]}},
                       {"types": {"visit_date": "varchar"},
                        "values": {"visit_date": [(0, "02-MAR-87"), (1, "16-MAR-87")]}}]),
    Case("c9_ginzberg_powershell_type_line", 12, "c9_ginzberg.csv",
         "PowerShell 5's `Export-Csv`: a `#TYPE System.Management.Automation.PSCustomObject` "
         "line, then quoted fields: 82 rows, the names from line 2, the numbers as doubles "
         "(quoted or not); or a refusal; never `#TYPE ...` as the header or the columns text",
         rows=82, rejects=set(),
         columns=["id", "simplicity", "fatalism", "depression", "adjsimp", "adjfatal",
                  "adjdep"],
         types={"id": "integer", "simplicity": "double", "adjdep": "double"},
         values={"simplicity": (0, 0.92983), "adjdep": (81, 1.65687), "id": (81, 82)},
         refuse_ok=True),
    Case("c10_freedman_pandas_split_json", 12, "c10_freedman.json",
         "pandas' `orient=\"split\"` JSON (`columns`, `index`, `data` of row lists): 110 "
         "rows of population, nonwhite, density, crime (the city index a column or not); "
         "or a refusal naming the shape; never one row of three lists",
         rows=110, rejects=set(),
         types={"population": ("double", "integer"), "crime": "integer"},
         values={"crime": [(0, 2602), (109, int(_FREEDMAN.crime.iloc[109]))],
                 "population": [(0, 675), (_FREEDMAN_NULL, None)],
                 "nonwhite": (1, 2.6)},
         refuse_ok=True),
    Case("c11_wool_numbers_export_summary", 12, "c11_wool.xlsx",
         "an Apple Numbers xlsx: a first sheet `Export Summary` of sentences, the data on "
         "`Sheet 1 - Table 1`: its 27 rows; or a refusal naming the sheets; never the "
         "summary's sentences as the table",
         rows=27, rejects=set(), columns=["id", "len", "amp", "load", "cycles"],
         types={"id": "integer", "len": "integer", "cycles": "integer"},
         values={"cycles": [(0, 674), (26, int(_WOOL.cycles.iloc[26]))], "id": (26, 27)},
         refuse_ok=True),
    Case("c12_forbes_sqlite_typeless_mixed", 12, "c12_forbes.db",
         "a SQLite table declared without types whose `bp` holds REALs and three TEXT "
         "values (`'197.9'`): 17 rows, `bp` a double with every value (197.9 at row 2); or "
         "every value as text; never NULL for the TEXT ones or those rows rejected",
         fmt="sqlite", options={"source_table": "readings"}, rows=17, rejects=set(),
         columns=["id", "bp", "pres"],
         types={"id": "integer", "bp": "double", "pres": "double"},
         values={"bp": [(i, float(_FORBES.bp.iloc[i])) for i in (0, 2, 9, 16)],
                 "pres": (0, 20.79)},
         alternatives=[{"types": {"id": ("integer", "varchar"), "bp": "varchar",
                                  "pres": ("double", "varchar")},
                        "values": {"bp": [(i, str(_FORBES.bp.iloc[i]))
                                          for i in (0, 2, 9, 16)],
                                   "pres": (0, "20.79")}}]),
]
