"""The ingestion benchmark's cases of stage 28 (`build28.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import build28
from case import Case, _spelled
from cases_16 import _day_outcomes, _sharing
from cases_18 import _at
from cases_26 import _choices

_JUICE = build28.frozen_juice()
_CARDS = build28.debit_cards()
_PEPPER = build28.pepper_prices()
_SWISS = build28.swiss_index()
_CAPM = build28.capm()
_WAGES = build28.bank_wages()
_RETAIL = build28.euro_retail()
_UNEMPLOYMENT = build28.german_unemployment()
_CREDIT = build28.credit_cards()
_CRISES = build28.banking_crises()
_CEOS = build28.ceo_pay()
_RATES = build28.treasury_rates()

_JUICE_ROWS = (0, 1, len(_JUICE) - 1)
_CARD_ROWS = (0, 1, 7, 11, len(_CARDS) - 1)  # 1 `févr.-00`, 7 `août-00`, 11 `déc.-00`
_PEPPER_ROWS = (0, 3, 12, len(_PEPPER) - 1)  # 3 `001.1974`, 12 `010.1974`
_SWISS_ROWS = (0, 1, len(_SWISS) - 1)
_CAPM_NEGATIVE = {c: next(i for i, v in enumerate(_CAPM[c]) if v < 0)
                  for c in build28.CAPM_COLUMNS[:4]}
_CAPM_ROWS = sorted({0, 1, *_CAPM_NEGATIVE.values(), len(_CAPM) - 1})
_WAGE_ROWS = sorted({0, 1, int((_WAGES.minority == "yes").idxmax()), len(_WAGES) - 1})
_RETAIL_ROWS = (0, 1, len(_RETAIL) - 1)
_UNEMPLOYMENT_ROWS = sorted({0, 1, *build28.DESTATIS_SYMBOLS, 116})  # 116: not whole
_CREDIT_ROWS = (0, 1, len(_CREDIT) - 1)
_CRISIS_ROWS = (0, 90, 211, len(_CRISES) - 1)  # 90: Argentina 1890, a crisis; 211: Brazil
_CEO_ROWS = (0, 1, len(_CEOS) - 1)
_RATE_ROWS = sorted({0, int((_RATES.pi < 0).idxmax()), len(_RATES) - 1})  # a negative `pi`


def _days_outcomes(frame, column: str, rows, text) -> list[dict[str, Any]]:
    """A column of days' acceptable outcomes (a month's stands for its first day): each
    day as a date or a timestamp at midnight, or the text as written (`text` of it)."""
    return _day_outcomes(column, list(zip(frame[column])), tuple(rows), text, "varchar")


def _triangle_outcomes() -> list[dict[str, Any]]:
    """rm5's acceptable outcomes: each column with a `△` read as doubles with its
    negatives negative, or kept as the text written (`△4.59`); `rf` (never negative)
    doubles."""
    pairs = {c: ("double", _at(_CAPM, c, _CAPM_ROWS),
                 [(i, build28.triangle(v)) for i, v in _at(_CAPM, c, _CAPM_ROWS)])
             for c in build28.CAPM_COLUMNS[:4]}
    return _sharing(_spelled(pairs), {"rf": "double"}, {"rf": _at(_CAPM, "rf", _CAPM_ROWS)})


def _yes_no(frame, column: str, rows) -> tuple[str, list, list]:
    """A `yes`/`no` column as (boolean read, its values, the text kept), for `_spelled`."""
    text = _at(frame, column, rows)
    return "boolean", [(i, v == "yes") for i, v in text], text


def _signs_outcomes() -> list[dict[str, Any]]:
    """rm8's acceptable outcomes: `unadjusted` doubles with NULL where Destatis wrote a
    sign and a note naming the column, or the column text as written (`.`, `x`, `...`,
    and the numbers as text, `1.1`); never the signs' rows rejected or read as numbers."""
    rows = _UNEMPLOYMENT_ROWS
    shared = {c: _at(_UNEMPLOYMENT, c, rows) for c in ("year", "quarter", "adjusted")}
    types = {"year": "integer", "quarter": "integer", "adjusted": "double"}
    numbers = _at(_UNEMPLOYMENT, "unadjusted", rows)
    signs = build28.DESTATIS_SYMBOLS
    return [
        {"types": {**types, "unadjusted": "double"},
         "values": {**shared, "unadjusted": [(i, None if i in signs else v) for i, v in numbers]},
         "notes": ["unadjusted"]},
        {"types": {**types, "unadjusted": "varchar"},
         "values": {**shared, "unadjusted": [(i, signs.get(i, str(v))) for i, v in numbers]},
         "notes": []},
    ]


def _crisis_outcomes() -> list[dict[str, Any]]:
    """rm10's acceptable outcomes: `year` integers or the category text (`1800`), `value`
    integers or doubles; `country` the category."""
    rows = _CRISIS_ROWS
    years = _at(_CRISES, "year", rows)
    return _sharing(
        [{"types": {"year": "integer"}, "values": {"year": years}},
         {"types": {"year": "varchar"}, "values": {"year": [(i, str(v)) for i, v in years]}}],
        {"country": "varchar", "value": ("integer", "double")},
        {"country": _at(_CRISES, "country", rows), "value": _at(_CRISES, "value", rows)},
    )


def _spark_decimal_outcomes() -> list[dict[str, Any]]:
    """rm11's acceptable outcomes: `sales` and `roe` decimals (their exact values) or
    doubles; never the unscaled integers the file stores (275950 for 27595.0)."""
    rows = _CEO_ROWS
    exact = {c: _at(_CEOS, c, rows) for c in ("sales", "roe")}
    return _sharing(
        _choices({c: [("decimal", v), ("double", [(i, float(d)) for i, d in v])]
                  for c, v in exact.items()}),
        {"id": "integer", "salary": "integer", "ros": "integer"},
        {c: _at(_CEOS, c, rows) for c in ("id", "salary", "ros")},
    )


def _rational_outcomes() -> list[dict[str, Any]]:
    """rm12's acceptable outcomes: each fraction column kept as the text stored
    (`510/1000`), or read as its quotient (a double, or a decimal of the exact value)."""
    rows = _RATE_ROWS
    options = {}
    for column in build28.RATIONAL_COLUMNS:
        denom = build28.denominator(_RATES[column])
        numbers = _at(_RATES, column, rows)
        options[column] = [
            ("varchar", [(i, build28.rational(v, denom)) for i, v in numbers]),
            ("double", numbers),
            ("decimal", [(i, Decimal(repr(v))) for i, v in numbers]),
        ]
    return _sharing(_choices(options), {"id": "integer"}, {"id": _at(_RATES, "id", rows)})


_JUICE_OUT = _sharing(
    _days_outcomes(_JUICE, "period", _JUICE_ROWS, build28.eurostat_month),
    {"price": "double", "fdd": "integer"},
    {c: _at(_JUICE, c, _JUICE_ROWS) for c in ("price", "ppi", "fdd")},
)
_CARDS_OUT = _sharing(
    _days_outcomes(_CARDS, "month", _CARD_ROWS, build28.french_month),
    {"value": "double"}, {"value": _at(_CARDS, "value", _CARD_ROWS)},
)
_SWISS_OUT = _sharing(
    _days_outcomes(_SWISS, "date", _SWISS_ROWS, str)[:2],  # ISO days: never text
    {"close": "double"}, {"close": _at(_SWISS, "close", _SWISS_ROWS)},
)
_TRIANGLES = _triangle_outcomes()
_WAGES_OUT = _sharing(
    _spelled({"minority": _yes_no(_WAGES, "minority", _WAGE_ROWS)}),
    {"id": "integer", "education": "integer", "job": "varchar", "gender": "varchar"},
    {c: _at(_WAGES, c, _WAGE_ROWS) for c in ("id", "job", "education", "gender")},
)
_RETAIL_OUT = _sharing(
    _days_outcomes(_RETAIL, "quarter", _RETAIL_ROWS, str)[:2],  # date cells: never text
    {"retail_index": "double"}, {"retail_index": _at(_RETAIL, "retail_index", _RETAIL_ROWS)},
)
_SIGNS = _signs_outcomes()
_CREDIT_OUT = _sharing(
    _spelled({c: _yes_no(_CREDIT, c, _CREDIT_ROWS) for c in ("card", "owner")}),
    {"id": "integer", "reports": "integer", "income": "double", "months": "integer"},
    {c: _at(_CREDIT, c, _CREDIT_ROWS) for c in ("id", "reports", "age", "income", "months")},
)
_CRISES_OUT = _crisis_outcomes()
_CEOS_OUT = _spark_decimal_outcomes()
_RATIONALS = _rational_outcomes()

CASES = [
    Case(
        "rm1_frozenjuice_month_codes",
        28,
        "rm1_frozenjuice.tsv",
        "a statistics portal's TSV, the months written `1950M01` (Eurostat's, the IMF's "
        "code): 612 rows, `period` each month's first day (a date or a timestamp at "
        "midnight) or the text as written; never a number, NULLs or rejects",
        rows=len(_JUICE),
        rejects=set(),
        columns=list(_JUICE.columns),
        **_JUICE_OUT[0],
        alternatives=_JUICE_OUT[1:],
    ),
    Case(
        "rm2_debitcards_french_months",
        28,
        "rm2_debitcards.csv",
        "a French-locale spreadsheet's CSV: `;`, decimal commas, the months `janv.-00`, "
        "`févr.-00`, `août-00`, `déc.-13`: 164 rows, `month` each month's first day (a date "
        "or a timestamp at midnight) or the text as written, `value` doubles (7,204 is "
        "7.204); never a month moved, NULLs, or `7,204` read as 7204",
        rows=len(_CARDS),
        rejects=set(),
        columns=["month", "value"],
        **_CARDS_OUT[0],
        alternatives=_CARDS_OUT[1:],
    ),
    Case(
        "rm3_pepperprice_sap_fiscal_periods",
        28,
        "rm3_pepperprice.csv",
        "an SAP report's CSV: the posting period and fiscal year `010.1973`, which looks "
        "like a decimal number: 271 rows, `period` kept as the text written (`010.1973`, "
        "`001.1974`); never read as a number (10.1973, 1.1974), its zeros lost",
        rows=len(_PEPPER),
        rejects=set(),
        columns=list(_PEPPER.columns),
        types={"period": "varchar", "black": "double", "white": "double"},
        values={"period": [(i, build28.fiscal_period(d))
                           for i, d in _at(_PEPPER, "period", _PEPPER_ROWS)],
                **{c: _at(_PEPPER, c, _PEPPER_ROWS) for c in ("black", "white")}},
    ),
    Case(
        "rm4_msci_statement_preamble",
        28,
        "rm4_msci.csv",
        "a custody bank's CSV: five `key,value` account lines (one of three fields) and a "
        "blank line above the header `date,close`: 4697 rows of `date` (days) and `close` "
        "(doubles), the account lines left out (a note welcome); or a refusal naming the "
        "lines above the header; never `Report` as a column name or the lines as rows",
        rows=len(_SWISS),
        rejects=set(),
        columns=["date", "close"],
        **_SWISS_OUT[0],
        alternatives=_SWISS_OUT[1:],
        refuse_ok=True,
    ),
    Case(
        "rm5_capm_triangle_negatives",
        28,
        "rm5_capm.csv",
        "a Japanese accounting tool's CSV: negatives written with `△` in front (`△4.59`): "
        "516 rows, each return column doubles with the `△` values negative, or kept as the "
        "text written; never `△4.59` read as 4.59, NULL or a reject",
        rows=len(_CAPM),
        rejects=set(),
        columns=build28.CAPM_COLUMNS,
        **_TRIANGLES[0],
        alternatives=_TRIANGLES[1:],
    ),
    Case(
        "rm6_bankwages_macos_zip",
        28,
        "rm6_bankwages.zip",
        "a `.zip` from the Mac Finder's Compress: `bankwages/bankwages.csv` and "
        "`__MACOSX/bankwages/._bankwages.csv` (AppleDouble, binary): the CSV's 474 rows of "
        "5 columns (the `__MACOSX` entry passed over), `minority` booleans or the text "
        "`yes`/`no`; or a refusal naming the members; never the AppleDouble bytes as rows",
        rows=len(_WAGES),
        rejects=set(),
        columns=list(_WAGES.columns),
        **_WAGES_OUT[0],
        alternatives=_WAGES_OUT[1:],
        refuse_ok=True,
    ),
    Case(
        "rm7_euretail_abs_series_rows",
        28,
        "rm7_euretail.xlsx",
        "an xlsx in the ABS time series layout: the names' row, nine series lines under it "
        "(`Unit` ... `Series ID`, their label in column A), then date cells and values: 64 "
        "rows, `quarter` days (1996-03-01, a date or a timestamp), `retail_index` doubles; "
        "or a refusal naming the rows under the header; never those nine lines as rows "
        "(73 rows, both columns text)",
        rows=len(_RETAIL),
        rejects=set(),
        columns=["quarter", "retail_index"],
        **_RETAIL_OUT[0],
        alternatives=_RETAIL_OUT[1:],
        refuse_ok=True,
    ),
    Case(
        "rm8_germanunemployment_destatis_signs",
        28,
        "rm8_germanunemployment.xlsx",
        "a Destatis xlsx: six `unadjusted` cells hold its signs `.` (secret), `x` (not to "
        "be given) and `...` (not yet available) among number cells: 120 rows, "
        "`unadjusted` doubles with NULL in those six and a note naming the column, or the "
        "column text as written; never those rows rejected or a sign read as a number",
        rows=len(_UNEMPLOYMENT),
        rejects=set(),
        columns=list(_UNEMPLOYMENT.columns),
        **_SIGNS[0],
        alternatives=_SIGNS[1:],
    ),
    Case(
        "rm9_creditcard_sqldeveloper_json",
        28,
        "rm9_creditcard.json",
        "Oracle SQL Developer's JSON export: `results[0].items` the 1319 rows (lower-case "
        "keys), `results[0].columns` their Oracle names and types: 1319 rows of the items' "
        "fields, `card` and `owner` booleans or the text `yes`/`no`; or a refusal naming "
        "the shape; never one row, or the column list read as the rows",
        rows=len(_CREDIT),
        rejects=set(),
        **_CREDIT_OUT[0],
        alternatives=_CREDIT_OUT[1:],
        refuse_ok=True,
    ),
    Case(
        "rm10_bankingcrises_json_stat",
        28,
        "rm10_bankingcrises.json",
        "a JSON-stat 2.0 dataset: dimensions `country` (8) and `year` (211), the values one "
        "flat array in row-major order: 1688 rows of `country`, `year` and `value` "
        "(Argentina 1890 is 1), `year` integers or text; or a refusal naming the format; "
        "never one row, or the values as a list",
        rows=len(_CRISES),
        rejects=set(),
        columns=["country", "year", "value"],
        **_CRISES_OUT[0],
        alternatives=_CRISES_OUT[1:],
        refuse_ok=True,
    ),
    Case(
        "rm11_ceosal1_parquet_int_decimals",
        28,
        "rm11_ceosal1.parquet",
        "a Spark job's Parquet: `sales` `decimal(15,1)` stored as INT64 and `roe` "
        "`decimal(5,1)` as INT32: 209 rows, `sales` 27595.0 and `roe` 14.1 in the first "
        "(decimals or doubles); never the unscaled integers 275950 and 141",
        rows=len(_CEOS),
        rejects=set(),
        columns=list(_CEOS.columns),
        **_CEOS_OUT[0],
        alternatives=_CEOS_OUT[1:],
    ),
    Case(
        "rm12_tbrate_sqlite_rational_text",
        28,
        "rm12_tbrate.sqlite",
        "a finance app's SQLite table: `r`, `y`, `pi` text columns of fractions "
        "(`510/1000`, `-293/100`): 188 rows, each kept as the text stored or read as its "
        "quotient (0.51; a double or a decimal, a note welcome); never a date, NULL or a "
        "reject",
        fmt="sqlite",
        options={"source_table": "rates"},
        rows=len(_RATES),
        rejects=set(),
        columns=list(_RATES.columns),
        **_RATIONALS[0],
        alternatives=_RATIONALS[1:],
    ),
]
