"""The ingestion benchmark's cases of stage 23 (`build23.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build23
from case import Case, _spelled
from cases_16 import _sharing
from cases_18 import _at

_CHILE = build23.chile()
_BIRTHS = build23.births()
_FORBES = build23.forbes()
_MURDERS = build23.murders()
_CREDIT = build23.credit()
_CLOTHING = build23.clothing()
_USPOP = build23.uspop()
_STREP = build23.strep()
_CIGAR = build23.cigar()
_HITTERS = build23.hitters()
_CHALLENGES = build23.challenges()
_PIMA = build23.pima()

_CHILE_ROWS = (0, 14, 1809, len(_CHILE) - 1)  # 14: `vote` NA; 1809: `age` NA
_HASHED = [i for i, d in enumerate(_BIRTHS.date) if build23.shown(d) == build23.HASHES]
_BIRTH_ROWS = (0, _HASHED[0] - 1, _HASHED[0], len(_BIRTHS) - 1)  # 282 the first `#########`
_FORBES_ROWS = (0, 1, len(_FORBES) - 1)
_MURDER_ROWS = sorted({0, *build23.FOOTNOTES, len(_MURDERS) - 1})
_CREDIT_ROWS = (0, 1, len(_CREDIT) - 1)
_CLOTHING_ROWS = (0, len(_CLOTHING) - 1)
_USPOP_ROWS = tuple(range(len(_USPOP)))
_STREP_ROWS = (0, 42, len(_STREP) - 1)  # 42: `baseline_esr` NA
_CIGAR_ROWS = (0, 1, len(_CIGAR) - 1)
_HITTER_ROWS = (0, 1, len(_HITTERS) - 1)  # 0: `salary` NA
_CHALLENGE_ROWS = (0, 3, len(_CHALLENGES) - 1)  # 3: `technical` NA
_PIMA_ROWS = (0, 1, len(_PIMA) - 1)
_STREP_COLUMNS = [c.lower() for c in _STREP.columns]  # `dose_PAS_g` snake-cased


def _hash_outcomes() -> list[dict[str, Any]]:
    """rh2's acceptable outcomes: `date` each day (a date), NULL where the file holds
    `#########` with a note naming the column; or the column kept as text as written."""
    days = [(i, None if i in _HASHED else _BIRTHS.date.iloc[i]) for i in _BIRTH_ROWS]
    text = [(i, build23.shown(_BIRTHS.date.iloc[i])) for i in _BIRTH_ROWS]
    births = {"births": _at(_BIRTHS, "births", _BIRTH_ROWS)}
    return [
        {"types": {"date": "date", "births": "integer"}, "values": {"date": days, **births},
         "notes": ["date"]},
        {"types": {"date": "varchar", "births": "integer"}, "values": {"date": text, **births},
         "notes": []},
    ]


def _footnote_outcomes() -> list[dict[str, Any]]:
    """rh4's acceptable outcomes: `population` the integers, the markers left out with a
    note naming the column (a footnote said something); or kept as text as written."""
    rows = _MURDER_ROWS
    written = [
        (i, f"{_MURDERS.population.iloc[i]:,}{build23.FOOTNOTES.get(i, '')}") for i in rows
    ]
    shared = {"state": _at(_MURDERS, "state", rows), "total": _at(_MURDERS, "total", rows)}
    return [
        {"types": {"population": "integer", "total": "integer"},
         "values": {**shared, "population": _at(_MURDERS, "population", rows)},
         "notes": ["population"]},
        {"types": {"population": "varchar", "total": "integer"},
         "values": {**shared, "population": written}, "notes": []},
    ]


def _narrow_outcomes() -> list[dict[str, Any]]:
    """rh5's acceptable outcomes: `limit` and `balance` each the integers, or kept as the
    text written (`3 606`, U+202F); `income` the doubles (decimal commas)."""
    pairs = {
        column.lower(): (
            "integer",
            _at(_CREDIT, column, _CREDIT_ROWS),
            [(i, build23.french(v)) for i, v in _at(_CREDIT, column, _CREDIT_ROWS)],
        )
        for column in ("Limit", "Balance")
    }
    return _sharing(
        _spelled(pairs),
        {"id": "integer", "income": "double", "student": "varchar"},
        {
            "id": _at(_CREDIT, "ID", _CREDIT_ROWS),
            "income": _at(_CREDIT, "Income", _CREDIT_ROWS),
            "student": _at(_CREDIT, "Student", _CREDIT_ROWS),
        },
    )


def _census_outcomes() -> list[dict[str, Any]]:
    """rh7's acceptable outcomes: `census_day` every day (a date, or a timestamp at
    midnight), the text cells before 1900 read as the days they spell; or the column text
    with those cells as written (the date cells' text not checked)."""
    days = [(i, _USPOP.census_day.iloc[i]) for i in _USPOP_ROWS]
    early = [(i, d.isoformat()) for i, d in days if d.year < build23.EXCEL_FIRST_YEAR]
    population = {"population": _at(_USPOP, "population", _USPOP_ROWS)}
    return [
        {"types": {"census_day": "date"}, "values": {"census_day": days, **population}},
        {"types": {"census_day": "timestamp"},
         "values": {"census_day": [(i, datetime.datetime.combine(d, datetime.time()))
                                   for i, d in days], **population}},
        {"types": {"census_day": "varchar"}, "values": {"census_day": early, **population}},
    ]


def _uuid_outcomes() -> list[dict[str, Any]]:
    """rh10's acceptable outcomes: `player_id` each UUID's canonical text, or its 16
    bytes as stored; never NULL or bytes decoded as text."""
    ids = [(i, _HITTERS.player_id.iloc[i]) for i in _HITTER_ROWS]
    shared = {c: _at(_HITTERS, c, _HITTER_ROWS) for c in ("player", "hits", "salary")}
    return [
        {"types": {"player_id": "varchar", "hits": "integer", "salary": "double"},
         "values": {**shared, "player_id": [(i, str(u)) for i, u in ids]}},
        {"types": {"hits": "integer", "salary": "double"},
         "values": {**shared, "player_id": [(i, u.bytes) for i, u in ids]}},
    ]


_HASH = _hash_outcomes()
_FOOTNOTES = _footnote_outcomes()
_NARROW = _narrow_outcomes()
_CENSUS = _census_outcomes()
_UUID = _uuid_outcomes()

CASES = [
    Case(
        "rh1_chile_write_table_unquoted",
        23,
        "rh1_chile.txt",
        "R's `write.table(quote = FALSE, row.names = FALSE)`: space-separated, nothing "
        "quoted, no row names, `NA` for missing: 2700 rows of 8 columns, `NA` NULL in text "
        "and number columns alike; never one column of whole lines or the records rejected",
        rows=2700,
        rejects=set(),
        columns=list(_CHILE.columns),
        types={"region": "varchar", "population": "integer", "age": "integer",
               "income": "integer", "statusquo": "double", "vote": "varchar"},
        values={c: _at(_CHILE, c, _CHILE_ROWS)
                for c in ("region", "population", "age", "statusquo", "vote")},
    ),
    Case(
        "rh2_births_excel_hash_overflow",
        23,
        "rh2_births.csv",
        "a CSV saved from Excel with a too-narrow date column: 65 dates (`10/10/1978` on) "
        "saved as `#########`, the others `m/d/yyyy`: 365 rows, `date` the days with NULL "
        "for the hashes and a note naming the column, or the column as written; or those 65 "
        "rows rejects; or a refusal naming the hashes; never a made-up day for a hash",
        rows=365,
        columns=["date", "births", "wday"],
        **_HASH[0],
        alternatives=[
            *_HASH[1:],
            {"rows": 365 - len(_HASHED), "rejects": {str(i + 1) for i in _HASHED},
             "types": {"births": "integer"}, "values": {"births": _at(_BIRTHS, "births", (0,))}, "notes": []},
        ],
        refuse_ok=True,
    ),
    Case(
        "rh3_forbes_currency_codes",
        23,
        "rh3_forbes.tsv",
        "a group ledger's TSV: `sales` with its ISO 4217 code after the amount, the codes "
        "differing by row (`94.71 USD`, `JPY`, `EUR`, `GBP`, `CHF`): 2000 rows, `sales` "
        "kept as the text written; or a refusal naming the mixed currencies; never the "
        "amounts as numbers of one unit with the codes dropped",
        rows=2000,
        rejects=set(),
        columns=list(_FORBES.columns),
        types={"rank": "integer", "sales": "varchar", "profits": "double"},
        values={
            "name": _at(_FORBES, "name", _FORBES_ROWS),
            "sales": [(i, build23.amount(_FORBES.sales.iloc[i], _FORBES.country.iloc[i]))
                      for i in _FORBES_ROWS],
            "profits": _at(_FORBES, "profits", _FORBES_ROWS),
        },
        refuse_ok=True,
    ),
    Case(
        "rh4_murders_wikipedia_footnotes",
        23,
        "rh4_murders.csv",
        "a CSV pasted from a Wikipedia table: populations grouped (`\"4,779,736\"`), four "
        "with a footnote marker after them (`\"601,723[a]\"`): 51 rows, `population` the "
        "integers with a note naming the column, or the text as written; never the "
        "marked rows NULL, rejected, or read as 601723 followed by the marker's digits",
        rows=51,
        rejects=set(),
        columns=list(_MURDERS.columns),
        **_FOOTNOTES[0],
        alternatives=_FOOTNOTES[1:],
    ),
    Case(
        "rh5_credit_french_narrow_nbsp",
        23,
        "rh5_credit.csv",
        "a French-locale CSV: `;`, decimal commas, thousands grouped with U+202F (narrow "
        "no-break space: `3 606`): 400 rows, `limit` and `balance` the integers or the text "
        "as written, `income` the doubles (14.891); never 3 for `3 606`, NULLs or rejects",
        rows=400,
        rejects=set(),
        columns=[c.lower() for c in build23.CREDIT_COLUMNS],
        **_NARROW[0],
        alternatives=_NARROW[1:],
    ),
    Case(
        "rh6_clothing_xlsx_table_totals_row",
        23,
        "rh6_clothing.xlsx",
        "an xlsx whose data is an Excel table (`Stores`) with its totals row on (`Total`, "
        "`=SUBTOTAL(109,Stores[tsales])` ..., cached): the 400 stores, the totals row left "
        "out; or a refusal naming it; never the totals loaded as a 401st store",
        rows=400,
        columns=list(_CLOTHING.columns),
        types={"tsales": ("integer", "double"), "margin": "double"},
        values={c: _at(_CLOTHING, c, _CLOTHING_ROWS) for c in ("store", "tsales", "margin")},
        refuse_ok=True,
    ),
    Case(
        "rh7_uspop_xlsx_pre_1900_text_dates",
        23,
        "rh7_uspop.xlsx",
        "an xlsx of census days: from 1900 on date cells, the eleven before 1900 text cells "
        "typed `1790-08-02` (Excel holds no earlier date): 19 rows, `census_day` every day "
        "(a date or a timestamp at midnight), or text keeping the early days as written; "
        "never the early days NULL or rejected",
        rows=19,
        rejects=set(),
        columns=["census_day", "population"],
        **_CENSUS[0],
        alternatives=_CENSUS[1:],
    ),
    Case(
        "rh8_strep_avro_json_unions",
        23,
        "rh8_strep.ndjson",
        "`avro-tools tojson` of nullable fields: every value wrapped in its type "
        "(`{\"arm\": {\"string\": \"Control\"}}`, `{\"long\": 6}`, `{\"boolean\": true}`), "
        "NA null: 107 rows, each field unwrapped under its own name; or a refusal naming "
        "the wrapping; never one-key structs kept as the values",
        rows=107,
        rejects=set(),
        columns=_STREP_COLUMNS,
        types={"patient_id": "integer", "arm": "varchar", "rad_num": "integer",
               "improved": "boolean", "baseline_esr": "varchar"},
        values={c: _at(_STREP, c, _STREP_ROWS)
                for c in ("patient_id", "arm", "baseline_esr", "rad_num", "improved")},
        refuse_ok=True,
    ),
    Case(
        "rh9_cigar_elasticsearch_search",
        23,
        "rh9_cigar.json",
        "an Elasticsearch `_search` response (`took`, `_shards`, `hits.hits[]` each "
        "`_index`, `_id`, `_score`, `_source`): 1380 rows of the `_source` fields (the "
        "hit's `_id` and the like kept beside them or left out); or a refusal naming the "
        "nesting; never one row holding the response or a crash",
        rows=1380,
        types={"state": "integer", "year": "integer", "price": "double"},
        values={c: _at(_CIGAR, c, _CIGAR_ROWS) for c in ("state", "year", "price", "sales")},
        refuse_ok=True,
    ),
    Case(
        "rh10_hitters_parquet_uuid",
        23,
        "rh10_hitters.parquet",
        "a Parquet key of Parquet's UUID logical type (16-byte FIXED_LEN_BYTE_ARRAY, Arrow "
        "`arrow.uuid`): 322 rows, `player_id` each UUID's text (`b3a3e0b2-74bf-5560-...`) "
        "or its 16 bytes; or a refusal naming the column and its type; never NULLs, a "
        "crash or the bytes decoded as text",
        fmt="parquet",
        rows=322,
        columns=list(_HITTERS.columns[-1:]) + list(_HITTERS.columns[:-1]),
        **_UUID[0],
        alternatives=_UUID[1:],
        refuse_ok=True,
    ),
    Case(
        "rh11_challenges_sqlite_fts5",
        23,
        "rh11_challenges.sqlite",
        "a SQLite store whose table `challenges` is an FTS5 full-text index (rows in its "
        "shadow tables `challenges_content`, `_data`, ...): 1136 rows of its 7 columns as "
        "stored; or a refusal naming FTS5; never the shadow tables' rows, an empty table "
        "or a crash",
        fmt="sqlite",
        options={"source_table": "challenges"},
        rows=1136,
        columns=list(_CHALLENGES.columns),
        types={"baker": "varchar", "signature": "varchar"},
        values={c: _at(_CHALLENGES, c, _CHALLENGE_ROWS)
                for c in ("series", "baker", "signature", "technical")},
        refuse_ok=True,
    ),
    Case(
        "rh12_pima_whole_line_quoted",
        23,
        "rh12_pima.csv",
        "a CSV pasted into one spreadsheet column and saved again: every line, the header "
        "too, one quoted field holding the record (`\"5,86,68,28,30.2,0.364,24,No\"`): 200 "
        "rows of the 8 columns, numbers as numbers; or a refusal naming the one quoted "
        "field; never one column of whole records",
        rows=200,
        rejects=set(),
        columns=list(_PIMA.columns),
        types={"npreg": "integer", "bmi": "double", "type": "varchar"},
        values={c: _at(_PIMA, c, _PIMA_ROWS) for c in ("npreg", "bmi", "ped", "type")},
        refuse_ok=True,
    ),
]
