"""The ingestion benchmark's cases of stage 37 (`build37.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import build37
from build36 import _blank
from case import Case
from cases_18 import _at

_INSPECTIONS = build37.inspections()
_CEREALS = build37.cereals()
_BOOKINGS = build37.hotel_bookings()
_RICE = build37.rice()
_VISITORS = build37.visitors()
_TRAVELLERS = build37.travellers()
_HARVESTS = build37.harvests()
_BATCHES = build37.batches()
_SCORES = build37.machine_scores()
_BUDGETS = build37.budgets()
_SUBGROUPS = build37.subgroups()
_GAUGE = build37.gauge_values()

_INSPECTION_ROWS = (0, 1, len(_INSPECTIONS) - 1)
_CEREAL_ROWS = tuple(sorted({0, 1, len(_CEREALS) - 1, *build37.TRACE_ROWS,
                             *build37.NOT_DETERMINED_ROWS}))
_BOOKING_ROWS = (0, 1, len(_BOOKINGS) - 1)
_RICE_ROWS = (0, 1, 36, len(_RICE) - 1)  # 36: the first of block 2
_COMMENT_ROWS = tuple(sorted({0, 1, *build37.VISITOR_COMMENTS}))
_TRAVEL_ROWS = (0, 1, len(_TRAVELLERS) - 1)
_HARVEST_ROWS = tuple(sorted({0, 1, len(_HARVESTS) - 1, *[
    int(i) for i in _HARVESTS.index[_HARVESTS.harvwt.isna()][:3]]}))
_BATCH_ROWS = tuple(sorted({0, 1, len(_BATCHES) - 1, *[
    int(i) for i in _BATCHES.index[_BATCHES.man_proc_03.isna()][:4]]}))
_SCORE_ROWS = (0, 12, 13, 30, len(_SCORES) - 1)  # 12: 11:54 before noon; 13: 12:11 after
_BUDGET_ROWS = (0, 1, len(_BUDGETS) - 1)
_GAUGE_ROWS = (0, 1, len(_GAUGE) - 1)


def _spellings(written: list[str], spelled: list[list[str]]) -> list[list[str]]:
    """Column lists a careful reader may give a header: each of `spelled`, or the names
    as written."""
    return [*spelled, written]


def _inspection_outcomes() -> list[dict[str, Any]]:
    """rv1's acceptable outcomes: the Turkish names folded to ASCII (`isletme_adi`),
    lower-cased the Turkish way (`işletme_adı`), or as written (`İşletme Adı`); never with
    a combining dot (`i̇şletme_adı`, U+0307) left on an `i`."""
    outcomes = []
    for names in _spellings(build37.INSPECTION_HEADER, [
            ["isletme_adi", "denetim_puani", "yil", "sube_sayisi", "hafta_sonu"],
            ["işletme_adı", "denetim_puanı", "yıl", "şube_sayısı", "hafta_sonu"]]):
        outcomes.append({
            "columns": names,
            "types": {names[1]: "integer", names[2]: "integer", names[3]: "integer"},
            "values": {names[0]: _at(_INSPECTIONS, "business_name", _INSPECTION_ROWS),
                       names[1]: _at(_INSPECTIONS, "inspection_score", _INSPECTION_ROWS),
                       names[2]: _at(_INSPECTIONS, "Year", _INSPECTION_ROWS)}})
    return outcomes


def _written(column: str, rows: tuple[int, ...], marks: dict[int, str]) -> list[tuple]:
    """rv2's cells as the CSV holds them: the number's text, or the table's mark."""
    return [(i, marks.get(i, _blank(_CEREALS[column].iloc[i]))) for i in rows]


def _composition_outcomes() -> list[dict[str, Any]]:
    """rv2's acceptable outcomes: `fibre_g` and `potassium_mg` each kept as text (`Tr`,
    `N` as written) or read as doubles with NULL at the marks and a note naming the
    column; the other nutrients doubles."""
    marked = {"fibre_g": ("fibre", dict.fromkeys(build37.TRACE_ROWS, "Tr")),
              "potassium_mg": ("potassium", dict.fromkeys(build37.NOT_DETERMINED_ROWS, "N"))}
    outcomes = []
    for choice in itertools.product((True, False), repeat=len(marked)):
        types = {"energy_kcal": "double", "sodium_mg": "double"}
        values = {"food": _at(_CEREALS, "rownames", _CEREAL_ROWS),
                  "sodium_mg": _at(_CEREALS, "sodium", _CEREAL_ROWS)}
        notes = []
        for read, (name, (source, marks)) in zip(choice, marked.items()):
            types[name] = "double" if read else "varchar"
            values[name] = [(i, None if i in marks else v) for i, v in _at(
                _CEREALS, source, _CEREAL_ROWS)] if read else _written(
                source, _CEREAL_ROWS, marks)
            notes += [name] if read else []
        outcomes.append({"types": types, "values": values, "notes": notes})
    return outcomes


def _era_outcomes() -> list[dict[str, Any]]:
    """rv3's acceptable outcomes: `arrival_date` the text as written (`平成28年7月2日`), or
    the Gregorian date (2016-07-02) with a note naming `arrival_date`."""
    days = _at(_BOOKINGS, "arrival_date", _BOOKING_ROWS)
    shared = {"booking_id": _at(_BOOKINGS, "booking_id", _BOOKING_ROWS),
              "avg_price_per_room": _at(_BOOKINGS, "avg_price_per_room", _BOOKING_ROWS)}
    types = {"booking_id": "integer", "avg_price_per_room": "double", "lead_time": "integer"}
    return [
        {"types": {**types, "arrival_date": "varchar"},
         "values": {**shared, "arrival_date": [(i, build37.heisei(d)) for i, d in days]}},
        {"types": {**types, "arrival_date": "date"}, "notes": ["arrival_date"],
         "values": {**shared, "arrival_date": [
             (i, datetime.date.fromisoformat(d)) for i, d in days]}},
    ]


def _comment_outcomes() -> list[dict[str, Any]]:
    """rv5's acceptable outcomes: each comment whole in its row, its Greek question mark
    kept (U+037E) or normalised to `;`; the costs in their own columns."""
    costs = {"cost_houston": _at(_VISITORS, "costHoust", _COMMENT_ROWS),
             "income": _at(_VISITORS, "income", _COMMENT_ROWS)}
    comments = [(i, build37.VISITOR_COMMENTS.get(i)) for i in _COMMENT_ROWS]
    return [{"values": {**costs, "comment": [
        (i, c and c.replace(build37.GREEK_QUESTION, mark)) for i, c in comments]}}
        for mark in (build37.GREEK_QUESTION, ";")]


def _man_outcomes() -> list[dict[str, Any]]:
    """rv6's acceptable outcomes: `income` the text as written (`3.5万`), or the number it
    means (35 thousand: 35000) with a note naming `income`."""
    incomes = _at(_TRAVELLERS, "income", _TRAVEL_ROWS)
    shared = {"gcost": _at(_TRAVELLERS, "gcost", _TRAVEL_ROWS),
              "mode": _at(_TRAVELLERS, "mode", _TRAVEL_ROWS)}
    return [
        {"types": {"income": "varchar", "gcost": "integer"},
         "values": {**shared, "income": [(i, build37.man(v)) for i, v in incomes]}},
        {"types": {"income": ("integer", "double"), "gcost": "integer"}, "notes": ["income"],
         "values": {**shared, "income": [(i, v * 1000) for i, v in incomes]}},
    ]


def _arabic_outcomes() -> list[dict[str, Any]]:
    """rv7's acceptable outcomes: `ears`, `harvest_kg` and `harvest_g` each read as the
    number (42, 4.96, 4960; NULL where missing) or kept as the text written (`٤٫٩٦`)."""
    pairs = {"ears": ("ears", 0, "integer"), "harvest_kg": ("harvwt", 2, "double"),
             "harvest_g": ("grams", 0, ("integer", "double"))}
    outcomes = []
    for choice in itertools.product((True, False), repeat=len(pairs)):
        types, values = {"id": "integer"}, {"site": _at(_HARVESTS, "site", _HARVEST_ROWS)}
        for read, (name, (source, decimals, kind)) in zip(choice, pairs.items()):
            found = _at(_HARVESTS, source, _HARVEST_ROWS)
            types[name] = kind if read else "varchar"
            values[name] = found if read else [
                (i, None if v is None else build37.arabic_number(v, decimals)) for i, v in found]
        outcomes.append({"types": types, "values": values})
    return outcomes


def _am_pm_outcomes() -> list[dict[str, Any]]:
    """rv9's acceptable outcomes: `logged_at` the text as written (`2017/04/03 午後 0:11:00`)
    or the instant on the 24-hour clock (12:11) with a note naming `logged_at`."""
    moments = [(i, _SCORES.logged.iloc[i].to_pydatetime()) for i in _SCORE_ROWS]
    shared = {"score": _at(_SCORES, "score", _SCORE_ROWS),
              "machine": _at(_SCORES, "Machine", _SCORE_ROWS)}
    return [
        {"types": {"logged_at": "varchar", "score": "double"},
         "values": {**shared, "logged_at": [(i, build37.gozen_gogo(t)) for i, t in moments]}},
        {"types": {"logged_at": "timestamp", "score": "double"}, "notes": ["logged_at"],
         "values": {**shared, "logged_at": moments}},
    ]


def _devanagari_outcomes() -> list[dict[str, Any]]:
    """rv10's acceptable outcomes: `totexp` the text as stored (`१२,९०,९४१`), or the
    integer (1290941) with a note naming `totexp`."""
    totals = _at(_BUDGETS, "totexp", _BUDGET_ROWS)
    shared = {"wfood": _at(_BUDGETS, "wfood", _BUDGET_ROWS),
              "age": _at(_BUDGETS, "age", _BUDGET_ROWS)}
    return [
        {"types": {"totexp": "varchar", "age": "integer"},
         "values": {**shared, "totexp": [(i, build37.lakh(v)) for i, v in totals]}},
        {"types": {"totexp": "integer", "age": "integer"}, "notes": ["totexp"],
         "values": {**shared, "totexp": totals}},
    ]


def _spc_outcomes() -> list[dict[str, Any]]:
    """rv11's acceptable outcomes: the mean's and the median's columns under distinct names
    that keep which is which: the marks kept (`x̄`, `x̃`, or as written) or spelled out
    (`x_bar`, `x_tilde`; `xbar`, `xtilde`)."""
    written = build37.SPC_HEADER
    lower = [name.lower() for name in written]
    outcomes = []
    for names in _spellings(written, [lower, [*lower[:6], "x_bar", "x_tilde", "r"],
                                      [*lower[:6], "xbar", "xtilde", "r"]]):
        outcomes.append({
            "columns": names,
            "types": {names[6]: "double", names[7]: "integer", names[8]: "integer"},
            "values": {names[0]: [(i, row[0]) for i, row in enumerate(_SUBGROUPS)],
                       names[6]: [(i, row[6]) for i, row in enumerate(_SUBGROUPS)],
                       names[7]: [(i, row[7]) for i, row in enumerate(_SUBGROUPS)]}})
    return outcomes


_INSPECTION_OUTCOMES = _inspection_outcomes()
_COMPOSITION = _composition_outcomes()
_ERA = _era_outcomes()
_COMMENTS = _comment_outcomes()
_MAN = _man_outcomes()
_ARABIC = _arabic_outcomes()
_AM_PM = _am_pm_outcomes()
_DEVANAGARI = _devanagari_outcomes()
_SPC = _spc_outcomes()

CASES = [
    Case(
        "rv1_inspections_turkish_dotted_capitals",
        37,
        "rv1_denetimler.xlsx",
        "a Turkish food-safety office's inspections as xlsx, the header in Turkish capitals "
        "(`İşletme Adı`, `Yıl`: dotted `İ`, dotless `ı`): 1500 rows, the names folded to ASCII "
        "(`isletme_adi`), lower-cased the Turkish way (`işletme_adı`) or as written; never a "
        "combining dot (U+0307) left after an `i` (`i̇şletme_adı`), which no one can type",
        rows=len(_INSPECTIONS),
        rejects=set(),
        **_INSPECTION_OUTCOMES[0],
        alternatives=_INSPECTION_OUTCOMES[1:],
    ),
    Case(
        "rv2_uscereal_trace_and_not_determined",
        37,
        "rv2_composition.csv",
        "a food composition table: `Tr` (trace) in five `Fibre (g)` cells and `N` (not "
        "determined) in four `Potassium (mg)` cells: 65 rows, each of the two columns kept "
        "as text, or doubles with NULL at the marks and a note naming the column; never 0 "
        "for a trace, the marks made NULL without a word, or the rows rejected",
        rows=len(_CEREALS),
        rejects=set(),
        **_COMPOSITION[0],
        alternatives=_COMPOSITION[1:],
    ),
    Case(
        "rv3_hotelrates_japanese_era_dates",
        37,
        "rv3_bookings.json",
        "a Japanese hotel PMS's bookings as a JSON array, `arrival_date` in the era calendar "
        "(`平成28年7月2日`, Heisei 28 = 2016): 1200 rows, `arrival_date` the text as written or "
        "the Gregorian date (2016-07-02) with a note naming it; never year 28 (0028-07-02), "
        "2028, or NULL",
        rows=len(_BOOKINGS),
        rejects=set(),
        columns=["booking_id", "arrival_date", "avg_price_per_room", "lead_time", "adults",
                 "children", "meal", "country"],
        **_ERA[0],
        alternatives=_ERA[1:],
    ),
    Case(
        "rv4_rice_greek_windows_1253",
        37,
        "rv4_trial.csv",
        "a Greek co-op's trial export in Windows-1253, whose Greek bytes are all valid "
        "Windows-1252 letters: 72 rows, `farm` `Αγρόκτημα Σερρών` and `variety` `Άγριος "
        "τύπος` as written in Greek; or a refusal naming the encoding; never Latin mojibake "
        "(`Áãñüêôçìá Óåññþí`) or U+FFFD",
        rows=len(_RICE),
        rejects=set(),
        types={"farm": "varchar", "variety": "varchar"},
        values={"farm": _at(_RICE, "farm", _RICE_ROWS),
                "variety": _at(_RICE, "variety", _RICE_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "rv5_somerville_greek_question_marks",
        37,
        "rv5_survey.csv",
        "a Greek survey's `;`-separated export: five unquoted comments hold the Greek question "
        "mark (U+037E), which looks like `;` and which NFC makes `;`: 659 rows of nine "
        "columns, each comment whole in `comment` (its mark kept or made `;`); never a "
        "comment split into a tenth column, its row rejected, or the costs shifted",
        rows=len(_VISITORS),
        rejects=set(),
        columns=["visits", "quality", "ski", "income", "fee", "cost_conroe", "cost_somerville",
                 "cost_houston", "comment"],
        types={"income": "integer", "cost_houston": "double", "comment": "varchar"},
        **_COMMENTS[0],
        alternatives=_COMMENTS[1:],
    ),
    Case(
        "rv6_travelmode_man_units",
        37,
        "rv6_survey.csv",
        "a Japanese booking engine's survey: `income` in 万 (ten thousands) after the number "
        "(`3.5万` is 35,000), the header no unit: 840 rows, `income` the text as written or "
        "35000 with a note naming it; never 3.5 (the 万 dropped), 35 or NULL",
        rows=len(_TRAVELLERS),
        rejects=set(),
        columns=["individual", "mode", "choice", "wait", "vcost", "travel", "gcost", "income",
                 "size"],
        **_MAN[0],
        alternatives=_MAN[1:],
    ),
    Case(
        "rv7_antigua_arabic_separators",
        37,
        "rv7_harvest.ndjson",
        "a harvest log as NDJSON, numbers as strings in Eastern Arabic digits with the Arabic "
        "decimal separator (`٤٫٩٦`, U+066B) and thousands separator (`٤٬٩٦٠`, U+066C): 288 "
        "rows, each number column the numbers (4.96, 4960; NULL where missing) or the text "
        "as written; never 4 or 496 (a separator taken for the end or dropped), or NULL",
        rows=len(_HARVESTS),
        rejects=set(),
        **_ARABIC[0],
        alternatives=_ARABIC[1:],
    ),
    Case(
        "rv8_chemproc_minitab_asterisks",
        37,
        "rv8_batches.csv",
        "a Minitab worksheet saved as CSV: missing measurements written `*` (42 cells in five "
        "columns): 176 rows, every column numbers, NULL where `*`; never the five columns "
        "text, a `*` read as 0, or its rows rejected",
        rows=len(_BATCHES),
        rejects=set(),
        columns=build37.PROCESS_COLUMNS,
        types={"yield": "double", "man_proc_03": ("integer", "double"),
               "man_proc_11": ("integer", "double"), "man_proc_25": ("integer", "double")},
        values={c: _at(_BATCHES, c, _BATCH_ROWS)
                for c in ("yield", "man_proc_02", "man_proc_03", "man_proc_11")},
    ),
    Case(
        "rv9_machines_japanese_am_pm",
        37,
        "rv9_machine_log.parquet",
        "a Japanese plant's MES log as Parquet: `logged_at` text on the 12-hour clock with "
        "午前/午後 (`2017/04/03 午後 3:01:00`, and `午後 0:11:00` for 12:11): 54 rows, "
        "`logged_at` the text as written, or the 24-hour instant (15:01, 12:11) with a note "
        "naming it; never the afternoon read as morning (03:01, 00:11) or NULL",
        rows=len(_SCORES),
        rejects=set(),
        columns=["logged_at", "worker", "machine", "score"],
        **_AM_PM[0],
        alternatives=_AM_PM[1:],
    ),
    Case(
        "rv10_budgetfood_sqlite_devanagari",
        37,
        "rv10_survey.sqlite",
        "a Hindi-locale app's SQLite table whose `totexp INTEGER` holds text, Devanagari "
        "digits grouped the Indian way (`१२,९०,९४१`): 1500 rows, `totexp` the text as stored, "
        "or the integer 1290941 with a note naming it; never NULL, 0, the rows rejected or "
        "the digits' grouping read as thousands (129094.1)",
        fmt="sqlite",
        options={"source_table": "household_budget"},
        rows=len(_BUDGETS),
        rejects=set(),
        columns=["id", "wfood", "totexp", "age", "size", "town", "sex"],
        **_DEVANAGARI[0],
        alternatives=_DEVANAGARI[1:],
    ),
    Case(
        "rv11_dyestuff_spc_combining_marks",
        37,
        "rv11_xbar_r.csv",
        "an SPC package's X̄-R chart data: the mean headed `X̄` and the median `X̃` (X with a "
        "combining macron, a combining tilde): 6 rows of nine columns, the mean and median "
        "under names that keep them apart (`x̄`/`x̃`, as written, `x_bar`/`x_tilde`); never "
        "both `x` made `x`/`x_2` (which is the mean?) or a column lost",
        rows=len(_SUBGROUPS),
        rejects=set(),
        **_SPC[0],
        alternatives=_SPC[1:],
    ),
    Case(
        "rv12_capability_qdas_dfq",
        37,
        "rv12_station.dfq",
        "a measuring station's Q-DAS transfer file (`.dfq`): `K`-field header lines "
        "(`K0100 1`, `K2001/1 Y`), then per part the value, attribute and time separated by "
        "DC4 (0x14), no column header: a refusal naming the format (Q-DAS, or not a table); "
        "at most the 75 values read under the characteristic's name `y`; never the K lines "
        "as rows or header, or each line one text column",
        rows=len(_GAUGE),
        rejects=set(),
        values={"y": _at(_GAUGE, "y", _GAUGE_ROWS)},
        refuse_ok=True,
    ),
]
