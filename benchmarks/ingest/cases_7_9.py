"""The ingestion benchmark's cases of stages 7-9 (`build7.py`-`build9.py`),
with what a careful engineer accepts for each: see `case.py` for how an expectation is written."""

from __future__ import annotations

import datetime
from typing import Any

import build7
import build8
import build9
from case import Case, _spelled

_SP500 = build7.sp500()
_SP500_ROWS = (0, 1, 25, build7.SP500_DAYS - 1)   # text cells at 0 and 25, date cells else
_WEEKS = build7.bjsales()
_WEEK_ROWS = (0, 51, 52, len(_WEEKS) - 1)         # 52: 2001-12-31, ISO week 2002-W01
_LDEATHS = build8.ldeaths()
_NOTTEM = build8.nottem()
_PIZZAS = build8.pizzas()
_BEAVERS = build9.beavers()
_BEAVER_ROWS = sorted({0, 15, next(i for i, r in enumerate(_BEAVERS) if r[1].hour == 13),
                       next(i for i, r in enumerate(_BEAVERS) if r[1].hour == 0),
                       len(_BEAVERS) - 1})   # the first reading, noon, 1 PM, midnight, last
_ACCDEATHS = build9.accdeaths()
_DRIVERS = build9.drivers()


def _uk_month(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def _sp500_as(spell) -> dict[str, Any]:
    """w6's date column read some other way: `spell(day, was_text)` gives each value."""
    return {"values": {"date": [(i, spell(_SP500[i][0], i % build7.TEXT_DATE_EVERY == 0))
                                for i in _SP500_ROWS]}}


CASES = [
    Case("w1_women_bom_title", 7, "w1_women.csv",
         "a UTF-8 BOM then a title line straight above the header: 15 rows of height and "
         "weight; or a refusal naming the title line; never the title as the header",
         rows=15, rejects=set(), columns=["height", "weight"],
         types={"height": "integer", "weight": "integer"},
         values={"height": [(0, 58), (14, 72)], "weight": (14, 164)}, refuse_ok=True),
    Case("w2_sleep_semicolon_multiline_decimal", 7, "w2_sleep.csv",
         "`;`, decimal commas and quoted remarks holding a newline and a `;`, together: 20 "
         "rows, extra a double, the remarks whole",
         rows=20, rejects=set(), columns=["id", "extra", "group", "subject", "remark"],
         types={"extra": "double", "id": "integer"},
         values={"extra": [(0, 0.7), (1, -1.6), (19, 3.4)],
                 "remark": [(2, build7.SLEEP_REMARKS[2]), (9, build7.SLEEP_REMARKS[9])],
                 "id": (19, 20)}),
    Case("w3_immer_totals_line", 7, "w3_immer.csv",
         "a `Total;;3271.4;2794.0` last line is not a record: left out (a note welcome) or a "
         "reject (31); or kept with a note naming it; or a refusal; never a 31st row said "
         "nothing about",
         rows=30, rejects=set(), columns=["loc", "var", "y1", "y2"],
         types={"y1": "double", "y2": "double"},
         values={"loc": (29, "D"), "y1": (29, 96.0)},
         alternatives=[{"rejects": {"31"}}, {"rows": 31, "notes": ["Total"]}],
         refuse_ok=True),
    Case("w4_metro_cp1252_ndjson", 7, "w4_metro.ndjson",
         "NDJSON in Windows-1252: decoded (Bérault, Champs-Élysées—Clemenceau with its em "
         "dash), a note welcome; or a refusal naming the encoding; never mojibake, U+FFFD or "
         "rejects",
         rows=308, rejects=set(),
         columns=["id", "name", "lines", "passengers", "latitude", "longitude"],
         types={"id": "integer", "latitude": "double", "name": "varchar"},
         values={"name": [(2, "Bérault"), (3, "Champs-Élysées—Clemenceau")],
                 "id": (307, 308)}, refuse_ok=True),
    Case("w5_longley_array_of_arrays", 7, "w5_longley.json",
         "a JSON array of arrays whose first is the header: 16 rows named by it; or a "
         "refusal; never 17 rows or one list column",
         rows=16, rejects=set(), columns=build7.LONGLEY_COLUMNS,
         types={"year": "integer", "gnp": "double"},
         values={"year": [(0, 1947), (15, 1962)], "gnp": (15, 554.894)}, refuse_ok=True),
    Case("w6_sp500_xlsx_text_dates", 7, "w6_sp500.xlsx",
         "a date column of date cells with every 25th a text cell `2015-12-31`: all dates "
         "(date, or timestamp at midnight); or the column text, each value its date spelled "
         "out; never NULLs for the text cells or day numbers for the others",
         rows=build7.SP500_DAYS, rejects=set(), columns=["date", "open", "close", "volume"],
         types={"date": "date", "close": "double", "volume": "integer"},
         values={"date": [(i, _SP500[i][0]) for i in _SP500_ROWS],
                 "close": (0, _SP500[0][2])},
         alternatives=[{"types": {"date": "timestamp"}, **_sp500_as(
                           lambda day, _: datetime.datetime.combine(day, datetime.time()))},
                       {"types": {"date": "varchar"}, **_sp500_as(
                           lambda day, _: day.isoformat())},
                       {"types": {"date": "varchar"}, **_sp500_as(
                           lambda day, text: day.isoformat() if text
                           else f"{day.isoformat()} 00:00:00")}],
         refuse_ok=True),
    Case("w7_whiteside_parquet_null_file", 7, "w7_whiteside/*.parquet",
         "`temp` all NULL (Arrow type null) in one file, double in the other: 56 rows, temp a "
         "double, NULL in the first file's rows and the values in the second's",
         rows=56, rejects=set(),
         types={"temp": "double", "gas": "double", "insul": "varchar"},
         values={"temp": [(0, None), (25, None), (26, -0.7), (55, 9.7)],
                 "gas": [(0, 7.2), (55, 1.5)], "insul": (26, "After")}),
    Case("w8_states_nbsp_thousands", 7, "w8_states.csv",
         "`3 615` (a non-breaking space groups thousands) and `2,1`: numbers, 3615 and 2.1; "
         "or the grouped columns kept as their text (lossless); never 3, 3.615 or NULL",
         rows=50, rejects=set(),
         columns=["state", "population", "income", "illiteracy", "area"],
         types={"population": "integer", "income": "integer", "area": "integer",
                "illiteracy": "double"},
         values={"population": [(0, 3615), (1, 365)], "income": (1, 6315),
                 "area": [(1, 566432), (49, 97203)], "illiteracy": [(0, 2.1), (49, 0.6)]},
         alternatives=[{**mix, "types": {**mix["types"], "illiteracy": "double"},
                        "values": {**mix["values"], "illiteracy": [(0, 2.1), (49, 0.6)]}}
                       for mix in _spelled({
                           "population": ("integer", [(0, 3615), (1, 365)],
                                          [(0, "3\u00a0615"), (1, "365")]),
                           "income": ("integer", (1, 6315), (1, "6\u00a0315")),
                           "area": ("integer", [(1, 566432), (49, 97203)],
                                    [(1, "566\u00a0432"), (49, "97\u00a0203")])})]),
    Case("w9_bjsales_iso_weeks", 7, "w9_bjsales.csv",
         "ISO weeks (`2001-W01`; `2002-W01` starts 2001-12-31) kept as their text; or a "
         "date that is the week's Monday; never NULLs, Jan 1sts or a day off",
         rows=150, rejects=set(), columns=["week", "sales"],
         types={"week": "varchar", "sales": "double"},
         values={"week": [(i, build7.iso_week(_WEEKS[i][0])) for i in _WEEK_ROWS],
                 "sales": [(0, 200.1), (149, 262.7)]},
         alternatives=[{"types": {"week": "date"},
                        "values": {"week": [(i, _WEEKS[i][0]) for i in _WEEK_ROWS]}}]),
    Case("w10_cabbages_gzip_ndjson", 7, "w10_cabbages.ndjson.gz",
         "gzip-compressed NDJSON, the format left to the reader: 60 rows decompressed; or a "
         "refusal naming the format; never the compressed bytes as text",
         rows=60, rejects=set(), columns=["id", "cult", "date", "head_wt", "vit_c"],
         types={"head_wt": "double", "vit_c": "integer", "date": "varchar"},
         values={"cult": [(0, "c39"), (59, "c52")], "vit_c": (59, 72), "date": (0, "d16")},
         refuse_ok=True),
    Case("w11_cats_r_rownames", 7, "w11_cats.csv",
         "R's `write.csv` row names, a first column headed `\"\"`, every field quoted: 144 "
         "rows, the row-name column given some name, the numbers numbers",
         rows=144, rejects=set(),
         types={"sex": "varchar", "bwt": "double", "hwt": "double"},
         values={"sex": [(0, "F"), (143, "M")], "bwt": (143, 3.9), "hwt": (0, 7.0)}),
    Case("w12_hills_sep_hint", 7, "w12_hills.csv",
         "Excel's `sep=;` hint line: the `;` header below it, 35 rows; or a refusal naming "
         "the line; never `sep=` as the header",
         rows=35, rejects=set(), columns=["race", "dist", "climb", "time"],
         types={"dist": "double", "climb": "integer"},
         values={"race": [(0, "Greenmantle"), (34, "Moffat Chase")], "climb": (34, 5000)},
         refuse_ok=True),
    Case("x1_mcycle_trailing_minus", 8, "x1_mcycle.csv",
         "SAP-style trailing minus (`2.7-`): accel a double with its negatives (-2.7); or "
         "accel kept as its text (lossless); never 2.7, NULL or rejects",
         rows=133, rejects=set(), columns=["id", "times", "accel"],
         types={"accel": "double", "times": "double", "id": "integer"},
         values={"accel": [(0, 0.0), (1, -1.3), (2, -2.7), (132, 10.7)], "times": (0, 2.4)},
         alternatives=[{"types": {"accel": "varchar"},
                        "values": {"accel": [(1, "1.3-"), (2, "2.7-"), (132, "10.7")]}}]),
    Case("x2_islands_swiss_apostrophe", 8, "x2_islands.csv",
         "Swiss apostrophe thousands (`11'506`): area an integer, 11506; or kept as its text; "
         "never 11, NULL or rejects",
         rows=48, rejects=set(), columns=["island", "area"], types={"area": "integer"},
         values={"area": [(0, 11506), (1, 5500), (47, 82)], "island": (0, "Africa")},
         alternatives=[{"types": {"area": "varchar"},
                        "values": {"area": [(0, "11'506"), (47, "82")]}}]),
    Case("x3_crabs_stray_bom", 8, "x3_crabs.csv",
         "a second BOM at the start of record 101 (two exports concatenated): 200 rows, id "
         "an integer, 101 in row 100 with no BOM in any value; or a refusal naming the line",
         rows=200, rejects=set(), columns=build8.CRAB_COLUMNS,
         types={"id": "integer", "fl": "double"},
         values={"id": [(0, 1), (99, 100), (100, 101), (199, 200)], "sp": (100, "O"),
                 "bd": (100, 7.4)}, refuse_ok=True),
    Case("x4_precip_crlf_in_quotes", 8, "x4_precip.csv",
         "LF lines with CRLF inside quoted notes: 70 rows, each note whole with its line "
         "break (`\\r\\n` kept, or made `\\n`); never split rows or rejects",
         rows=70, rejects=set(), columns=["station", "inches", "note"],
         types={"inches": "double", "note": "varchar"},
         values={"note": [(i, n) for i, n in build8.PRECIP_NOTES.items()],
                 "station": (69, 70), "inches": (3, 48.5)},
         alternatives=[{"values": {"note": [(i, n.replace("\r\n", "\n"))
                                            for i, n in build8.PRECIP_NOTES.items()],
                                   "station": (69, 70)}}]),
    Case("x5_ldeaths_uk_monthly", 8, "x5_ldeaths.csv",
         "British `01/03/1974` (day first; every value also parses month first): the month "
         "dates (1974-03-01), or the text kept; never 3 January",
         rows=72, rejects=set(), columns=["month", "deaths"],
         types={"month": "date", "deaths": "integer"},
         values={"month": [(i, _LDEATHS[i][0]) for i in (0, 2, 71)], "deaths": (2, 2704)},
         alternatives=[{"types": {"month": "varchar"},
                        "values": {"month": [(i, _uk_month(_LDEATHS[i][0])) for i in (0, 2, 71)]}},
                       {"types": {"month": "timestamp"},
                        "values": {"month": [(i, datetime.datetime.combine(
                            _LDEATHS[i][0], datetime.time())) for i in (0, 2, 71)]}}]),
    Case("x6_nottem_german_month_end", 8, "x6_nottem.csv",
         "German `31.01.1920` dates with `;` and `40,6`: dates (29.02.1920 too) and doubles; "
         "or the dates kept as text; never NULLs, rejects or swapped day and month",
         rows=240, rejects=set(), columns=["monat", "temperatur"],
         types={"monat": "date", "temperatur": "double"},
         values={"monat": [(i, _NOTTEM[i][0]) for i in (0, 1, 239)],
                 "temperatur": [(0, 40.6), (239, 37.8)]},
         alternatives=[{"types": {"monat": "varchar", "temperatur": "double"},
                        "values": {"monat": [(i, f"{_NOTTEM[i][0]:%d.%m.%Y}")
                                             for i in (0, 1, 239)],
                                   "temperatur": [(0, 40.6), (239, 37.8)]}},
                       {"types": {"monat": "timestamp", "temperatur": "double"},
                        "values": {"monat": [(i, datetime.datetime.combine(
                            _NOTTEM[i][0], datetime.time())) for i in (0, 1, 239)],
                                   "temperatur": [(0, 40.6), (239, 37.8)]}}]),
    Case("x7_biopsy_python_nan_ndjson", 8, "x7_biopsy.ndjson",
         "Python's `NaN` token for 16 missing v6 values: all 699 rows, v6 NULL there (or a "
         "double NaN); never rejects, lost rows or v6 as text",
         rows=699, rejects=set(), columns=build8.BIOPSY_COLUMNS,
         types={"v6": ("integer", "double"), "v1": "integer", "class": "varchar"},
         values={"v6": [(0, 1), (23, None), (40, None), (698, 5)], "sample": (0, 1000025),
                 "class": (698, "malignant")},
         alternatives=[{"types": {"v6": "double", "v1": "integer"},
                        "values": {"v6": [(0, 1.0), (698, 5.0)], "sample": (0, 1000025)}}]),
    Case("x8_boston_empty_objects", 8, "x8_boston.ndjson",
         "a nested `location` that is `{}`, missing or `null` on some lines (the first three): "
         "506 rows, location__chas and location__rad integers, NULL on those lines",
         rows=506, rejects=set(),
         columns=["id", "crim", "rm", "medv", "location__chas", "location__rad"],
         types={"location__chas": "integer", "location__rad": "integer", "medv": "double"},
         values={"location__chas": [(i, None) for i in build8.EMPTY_LOCATION] + [(3, 0)],
                 "location__rad": [(0, None), (3, 3), (505, 1)], "medv": (505, 11.9)}),
    Case("x9_volcano_nested_pairs", 8, "x9_volcano.ndjson",
         "`cells`, an array of `[column, height]` arrays: 87 rows and a child table `cells` "
         "of 5,307 linked by `_record_no` (no parent key declared); or `cells` kept as a list "
         "column; or a refusal; never rows lost",
         rows=87, rejects=set(), columns=["row", "_record_no"], types={"row": "integer"},
         values={"row": [(0, 1), (86, 87)]}, children={"cells": (87 * 61, [])},
         alternatives=[{"columns": ["row", "cells"], "children": {}}], refuse_ok=True),
    Case("x10_painters_parquet_binary_strings", 8, "x10_painters.parquet",
         "Parquet text as BYTE_ARRAY without the UTF8 annotation (binary): read as text "
         "(`Da Udine`), a note welcome; or a refusal; never bytes",
         rows=54, rejects=set(),
         columns=["name", "composition", "drawing", "colour", "expression", "school"],
         types={"name": "varchar", "school": "varchar", "composition": "integer"},
         values={"name": [(0, "Da Udine"), (53, "Poussin")], "school": (53, "H")},
         refuse_ok=True),
    Case("x11_pizzaplace_parquet_int96", 8, "x11_pizzaplace.parquet",
         "INT96 timestamps (no zone): the times as written, 2015-01-01 11:38:36; a zoned "
         "column holding those instants as UTC is fine",
         rows=build8.PIZZA_ROWS, rejects=set(),
         columns=["order_id", "sold_at", "name", "size", "price"],
         types={"sold_at": "timestamp", "price": "double"},
         values={"sold_at": [(0, _PIZZAS[0][1]), (1999, _PIZZAS[1999][1])],
                 "order_id": (0, "2015-000001")},
         alternatives=[{"values": {"sold_at": [
             (i, _PIZZAS[i][1].replace(tzinfo=datetime.timezone.utc)) for i in (0, 1999)]}}]),
    Case("x12_animals_xlsx_numbers_as_text", 8, "x12_animals.xlsx",
         "numbers stored as text cells every 4th row: body and brain doubles, 1.35 and 465; "
         "or both kept as text; never NULLs for the text cells",
         rows=28, rejects=set(), columns=["animal", "body", "brain"],
         types={"body": "double", "brain": "double"},
         values={"body": [(0, 1.35), (1, 465.0), (4, 1.04), (27, 192.0)],
                 "brain": [(0, 8.1), (2, 119.5)],
                 "animal": (0, "Mountain beaver")},
         alternatives=[{"types": {"body": "varchar", "brain": "varchar"},
                        "values": {"body": [(0, "1.35"), (4, "1.04")], "brain": (0, "8.1")}}]),
    Case("x13_oats_xlsx_merged_groups", 8, "x13_oats.xlsx",
         "`block` merged down over each block's 12 rows: 72 rows, the block in the first row "
         "of each group and NULL below (as the cells are), or filled down; never rows lost",
         rows=72, rejects=set(), columns=["block", "variety", "nitro", "yield"],
         types={"yield": "integer"},
         values={"block": [(0, "I"), (1, None), (12, "II"), (13, None)],
                 "yield": [(0, 111), (71, 121)], "variety": (71, "Marvellous")},
         alternatives=[{"values": {"block": [(0, "I"), (1, "I"), (12, "II"), (13, "II"),
                                             (71, "VI")],
                                   "yield": [(0, 111), (71, 121)]}}]),
    Case("x14_nile_shift_jis", 8, "x14_nile.csv",
         "Shift_JIS (cp932), Japanese headers: `年`, `流量`, `観測所` (or numbered names), "
         "`アスワン` decoded; or a refusal naming the encoding; never mojibake",
         rows=100, rejects=set(), columns=["年", "流量", "観測所"],
         types={"年": "integer", "流量": "integer"},
         values={"観測所": [(0, build8.NILE_STATION)], "年": [(0, 1871), (99, 1970)],
                 "流量": (0, 1120)},
         alternatives=[{"columns": ["column_1", "column_2", "column_3"],
                        "types": {"column_1": "integer"},
                        "values": {"column_3": [(0, build8.NILE_STATION)],
                                   "column_1": (99, 1970), "column_2": (0, 1120)}}],
         refuse_ok=True),
    Case("y1_mammals_classic_mac", 9, "y1_mammals.csv",
         "classic Mac line ends (a bare CR, Excel's `CSV (Macintosh)`): 62 rows of three "
         "columns; never one row, one wide header or `\\r` inside values",
         rows=62, rejects=set(), columns=["species", "body", "brain"],
         types={"body": "double", "brain": "double", "species": "varchar"},
         values={"species": [(0, "Arctic fox"), (61, "Red fox")], "body": (0, 3.385),
                 "brain": (61, 50.4)}),
    Case("y2_rubber_copy_text_nulls", 9, "y2_rubber.tsv",
         "a Postgres COPY text dump (tabs, `\\N` for NULL): 30 rows, hard an integer, NULL "
         "in rows 2, 10 and 29; never `\\N` as text or rejects",
         rows=30, rejects=set(), columns=["id", "loss", "hard", "tens"],
         types={"hard": "integer", "loss": "integer"},
         values={"hard": [(0, 45), *((i, None) for i in build9.RUBBER_NULLS), (28, 81)],
                 "tens": (29, 127)}),
    Case("y3_beav2_us_12_hour_clock", 9, "y3_beav2.csv",
         "US `11/3/1990 9:30:00 AM` stamps (12 AM is midnight, 12 PM noon): timestamps, "
         "1990-11-03 12:00 at noon and 00:xx after midnight; or the text kept; never 12:xx "
         "for midnight, 00:xx for noon, or 1 PM as 01:00",
         rows=100, rejects=set(), columns=["id", "read_at", "temp", "activ"],
         types={"read_at": "timestamp", "temp": "double"},
         values={"read_at": [(i, _BEAVERS[i][1]) for i in _BEAVER_ROWS],
                 "temp": (99, 38.07)},
         alternatives=[{"types": {"read_at": "varchar"},
                        "values": {"read_at": [(i, build9.us_clock(_BEAVERS[i][1]))
                                               for i in _BEAVER_ROWS]}}]),
    Case("y4_wtloss_xlsx_uncached_formulas", 9, "y4_wtloss.xlsx",
         "`weight_lb` formulas with no cached values (a script-written workbook): computed "
         "(weight x 2.20462); or NULL, or the column left out, with a note naming formulas; "
         "or a refusal; never the formula text or NULLs said nothing about",
         rows=52, rejects=set(), columns=["id", "days", "weight", "weight_lb"],
         types={"weight_lb": "double", "weight": "double", "days": "integer"},
         values={"weight_lb": [(0, 184.35 * 2.20462), (51, 112.6 * 2.20462)],
                 "weight": (51, 112.6), "days": (51, 246)},
         alternatives=[{"types": {"days": "integer"}, "notes": ["formula"],
                        "values": {"weight_lb": [(0, None), (51, None)],
                                   "weight": (51, 112.6)}},
                       {"columns": ["id", "days", "weight"], "types": {"days": "integer"},
                        "notes": ["formula"], "values": {"weight": (51, 112.6)}}],
         refuse_ok=True),
    Case("y5_phones_xlsx_error_cells", 9, "y5_phones.xlsx",
         "two Excel error cells (`#DIV/0!`, `#N/A`) in the number column `calls`: calls a "
         "double, NULL in rows 3 and 15 (a note welcome); or those two rows rejects; or a "
         "refusal; never the column turned to text",
         rows=24, rejects=set(), columns=["id", "year", "calls"],
         types={"calls": "double", "year": "integer"},
         values={"calls": [(0, 4.4), *((i, None) for i in build9.PHONE_ERRORS), (23, 29.0)],
                 "year": [(0, 1950), (23, 1973)]},
         alternatives=[{"rows": 22, "rejects": {"4", "16"}, "types": {"calls": "double"},
                        "values": {"calls": [(0, 4.4), (21, 29.0)], "id": (3, 5)}}],
         refuse_ok=True),
    Case("y6_cushings_json_keyed_by_id", 9, "y6_cushings.json",
         "pandas' `orient=\"index\"` JSON (one object keyed by row id): 27 rows with the "
         "fields as columns (the key kept under some name); or a refusal; never one row",
         rows=27, rejects=set(),
         types={"tetrahydrocortisone": "double", "type": "varchar"},
         values={"tetrahydrocortisone": [(0, 3.1), (26, 20.5)], "type": [(0, "a"), (26, "u")],
                 "pregnanetriol": (26, 0.8)},
         refuse_ok=True),
    Case("y7_anorexia_units_row", 9, "y7_anorexia.csv",
         "a units line (`,,lb,lb`) under the header: not a record: left out (a note "
         "welcome) or a reject (record 1); weights doubles; or a refusal; never the weights "
         "turned to text",
         rows=72, rejects=set(), columns=["id", "treat", "prewt", "postwt"],
         types={"prewt": "double", "postwt": "double", "id": "integer"},
         values={"prewt": [(0, 80.7), (71, 87.3)], "treat": [(0, "Cont"), (71, "FT")]},
         alternatives=[{"rejects": {"1"}}], refuse_ok=True),
    Case("y8_insurance_padded_fields", 9, "y8_insurance.csv",
         "every field padded to a width (`     197`, `<1l     `, the header too): names "
         "trimmed, numbers integers (197); the text trimmed, or kept padded",
         rows=64, rejects=set(), columns=["district", "group", "age", "holders", "claims"],
         types={"district": "integer", "holders": "integer", "claims": "integer",
                "group": "varchar"},
         values={"holders": [(0, 197), (63, 114)], "claims": (63, 33),
                 "group": [(0, "<1l"), (63, ">2l")], "age": [(0, "<25"), (63, ">35")]},
         alternatives=[{"values": {"holders": [(0, 197), (63, 114)],
                                   "group": [(0, "<1l     "), (63, ">2l     ")],
                                   "age": [(0, "<25    "), (63, ">35    ")]}}]),
    Case("y9_snails_excel_text_formula", 9, "y9_snails.csv",
         "codes written `=\"0001\"` (Excel's keep-the-zeros trick): sample the text `0001`; "
         "or a refusal; never 1, or `=\"0001\"` kept said nothing about",
         rows=96, rejects=set(),
         columns=["sample", "species", "exposure", "humidity", "temp", "deaths", "n"],
         types={"sample": "varchar", "deaths": "integer", "humidity": "double"},
         values={"sample": [(0, "0001"), (95, "0096")], "species": (95, "B")},
         refuse_ok=True),
    Case("y10_accdeaths_epoch_millis", 9, "y10_accdeaths.ndjson",
         "`ts` in epoch milliseconds: kept as the integer (lossless), or read as the instant "
         "(1973-01-01 00:00 UTC); never a date in year 4970 or 1971",
         rows=72, rejects=set(), columns=["ts", "deaths"],
         types={"ts": "integer", "deaths": "integer"},
         values={"ts": [(0, 94694400000), (71, build9.epoch_ms(_ACCDEATHS[71][0]))],
                 "deaths": [(0, 9007), (71, 9240)]},
         alternatives=[{"types": {"ts": "timestamp"},
                        "values": {"ts": [(0, _ACCDEATHS[0][0]), (71, _ACCDEATHS[71][0])]}},
                       {"types": {"ts": "timestamp"},
                        "values": {"ts": [(i, _ACCDEATHS[i][0].replace(
                            tzinfo=datetime.timezone.utc)) for i in (0, 71)]}}]),
    Case("y11_road_numbers_turn_strings", 9, "y11_road.ndjson",
         "`fuel` a JSON number on lines 1-13 and a string (`\"196.0\"`) from line 14: a "
         "double throughout; or text throughout, each value spelled; never NULLs or rejects",
         rows=26, rejects=set(), columns=["state", "deaths", "drivers", "fuel"],
         types={"fuel": "double", "deaths": "integer"},
         values={"fuel": [(0, 119.0), (12, 350.0), (13, 196.0), (25, 31.0)],
                 "state": (25, "Mont")},
         alternatives=[{"types": {"fuel": "varchar", "deaths": "integer"},
                        "values": {"fuel": [(13, "196.0"), (25, "31.0")]}}]),
    Case("y12_drivers_hive_partitions", 9, "y12_drivers/year=*/*.parquet",
         "Hive partitions (`year=1969/part-0.parquet`): 192 rows with a `year` column taken "
         "from the folder names (an integer, or its text); never the year lost",
         rows=192, rejects=set(),
         types={"year": "integer", "deaths": "integer"},
         values={"year": [(0, 1969), (191, 1984)], "month": [(0, 1), (191, 12)],
                 "deaths": [(0, _DRIVERS[0][2]), (191, _DRIVERS[191][2])]},
         alternatives=[{"types": {"year": "varchar"},
                        "values": {"year": [(0, "1969"), (191, "1984")],
                                   "deaths": (191, _DRIVERS[191][2])}}]),
]
