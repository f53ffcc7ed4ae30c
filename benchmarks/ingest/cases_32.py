"""The ingestion benchmark's cases of stage 32 (`build32.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import build32
from build21 import _records
from case import Case
from cases_18 import _at

_COMPUTERS = build32.computers()
_MODE = build32.mode()
_AIRLINE = build32.airline()
_DEFAULTS = build32.defaults()
_BIDS = build32.bids()
_OJ = build32.orange_juice()
_HEATING = build32.heating()
_CATSUP = build32.catsup()
_STAR = build32.star()
_ATTRITION = build32.attrition()
_EMAILS = build32.emails()
_HAWKS = build32.hawks().rename(columns=build32.snake)

_COMPUTER_ROWS = (0, 1, 2, 3, len(_COMPUTERS) - 1)
_MODE_ROWS = sorted({0, *build32.NO_DATA, len(_MODE) - 1})
_AIRLINE_ROWS = (0, 1, len(_AIRLINE) - 1)
_DEFAULT_ROWS = (0, 1, len(_DEFAULTS) - 1)
_BID_ROWS = (0, 1, 2, len(_BIDS) - 1)  # 1: no white knight (the key absent)
_OJ_ROWS = (0, 1, 4, 5, len(_OJ) - 1)  # 4, 5: beside the summary's last row and under it
_REGION_ENDS = list(itertools.accumulate(_HEATING.region.value_counts(sort=False).sort_index()))
_HEATING_ROWS = sorted({0, *(e - 1 for e in _REGION_ENDS), *_REGION_ENDS[:-1]})
_CATSUP_ROWS = (0, 1, len(_CATSUP) - 1)
_STAR_ROWS = (0, 2, len(_STAR) - 1)  # 2: free lunch (Access's -1)
_ATTRITION_ROWS = (0, 1, len(_ATTRITION) - 1)
_EMAIL_ROWS = (0, 1, 16, len(_EMAILS) - 1)  # 1: a PM time; 16: 12 (midnight or noon)
_HAWK_ROWS = (0, build32.HAWK_SPLIT - 1, build32.HAWK_SPLIT, len(_HAWKS) - 1)


def _variant_outcomes() -> list[dict[str, Any]]:
    """rq1's acceptable outcomes: `title` as written (NULL on the variants' continuation
    rows), or filled down from its handle's first row."""
    titles = _at(_COMPUTERS, "title", _COMPUTER_ROWS)
    shared = {"handle": _at(_COMPUTERS, "handle", _COMPUTER_ROWS),
              "option1_value": _at(_COMPUTERS, "ram", _COMPUTER_ROWS),
              "variant_price": [(i, float(v)) for i, v in _at(_COMPUTERS, "price",
                                                              _COMPUTER_ROWS)]}
    types = {"handle": "varchar", "title": "varchar", "option1_value": "integer",
             "variant_price": ("double", "decimal")}
    return [
        {"types": types, "values": {**shared, "title": [
            (i, v if i % build32.VARIANTS == 0 else None) for i, v in titles]}},
        {"types": types, "values": {**shared, "title": titles}},
    ]


def _dash_outcomes() -> list[dict[str, Any]]:
    """rq2's acceptable outcomes: `cost_rail` and `time_bus` doubles with NULL where Google
    Ads wrote `--`, or kept as text (each `--` as written)."""
    shared = {c: _at(_MODE, c, _MODE_ROWS) for c in ("choice", "cost_car", "time_rail")}
    types = {"choice": "varchar", "cost_car": "double", "time_rail": "double"}
    outcomes = []
    for as_text in (False, True):
        kind, values = "varchar" if as_text else "double", dict(shared)
        for column in ("cost_rail", "time_bus"):
            values[column] = [
                (i, "--" if build32.NO_DATA.get(i) == column and as_text
                 else None if build32.NO_DATA.get(i) == column
                 else str(v) if as_text else v)
                for i, v in _at(_MODE, column, _MODE_ROWS)]
        outcomes.append({"types": {**types, "cost_rail": kind, "time_bus": kind},
                         "values": values})
    return outcomes


def _properties_outcomes() -> list[dict[str, Any]]:
    """rq4's acceptable outcomes: `properties` kept as the JSON text it is, or parsed into
    its fields (`properties__balance`, ...); the envelope's fields columns either way."""
    records = _records(_DEFAULTS)
    shared = {"event": [(i, "Credit Check") for i in _DEFAULT_ROWS],
              "user_id": [(i, str(records[i]["id"])) for i in _DEFAULT_ROWS]}
    text = [(i, json.dumps({k: v for k, v in records[i].items() if k != "id"}))
            for i in _DEFAULT_ROWS]
    parsed = {f"properties__{c}": [(i, records[i][c]) for i in _DEFAULT_ROWS]
              for c in ("student", "balance", "income")}
    return [
        {"types": {"properties": "varchar", "user_id": "varchar"},
         "values": {**shared, "properties": text}},
        {"types": {"properties__balance": "double", "user_id": "varchar"},
         "values": {**shared, **parsed}},
    ]


def _airtable_outcomes() -> list[dict[str, Any]]:
    """rq5's acceptable outcomes: the fields under their own names or prefixed `fields__`,
    the checkbox `whtknght` true where ticked and NULL or false where Airtable left it out."""
    outcomes = []
    for prefix, unticked in itertools.product(("", "fields__"), (None, False)):
        values = {f"{prefix}{c}": _at(_BIDS, c, _BID_ROWS) for c in ("docno", "numbids")}
        values[f"{prefix}whtknght"] = [(i, True if v else unticked)
                                       for i, v in _at(_BIDS, "whtknght", _BID_ROWS)]
        outcomes.append({"types": {f"{prefix}docno": "integer", f"{prefix}weeks": "double",
                                   f"{prefix}whtknght": "boolean"},
                         "values": values})
    return outcomes


def _index_outcomes() -> list[dict[str, Any]]:
    """rq8's acceptable outcomes: the table's columns alone (pandas' index column left out,
    as pandas reads it back), or `__index_level_0__` kept after them as the file holds it."""
    columns = list(_CATSUP.columns)
    index = [(i, int(_CATSUP.index[i])) for i in _CATSUP_ROWS]
    return [{"columns": columns}, {"columns": [*columns, "__index_level_0__"],
                                   "values": {**_CATSUP_VALUES, "__index_level_0__": index}}]


def _yesno_outcomes() -> list[dict[str, Any]]:
    """rq9's acceptable outcomes: `freelunk` Access's integers as stored (-1, 0) or the
    booleans they mean (true, false)."""
    stored = [(i, build32.ACCESS_TRUE if v == "yes" else 0)
              for i, v in _at(_STAR, "freelunk", _STAR_ROWS)]
    shared = {c: _at(_STAR, c, _STAR_ROWS) for c in ("id", "tmathssk", "classk", "schidkn")}
    types = {"id": "integer", "tmathssk": "integer", "classk": "varchar"}
    return [
        {"types": {**types, "freelunk": "integer"}, "values": {**shared, "freelunk": stored}},
        {"types": {**types, "freelunk": "boolean"},
         "values": {**shared, "freelunk": [(i, v != 0) for i, v in stored]}},
    ]


def _tag_outcomes() -> list[dict[str, Any]]:
    """rq10's acceptable outcomes: `overtime` the Yes/No words as text or booleans; `tags`
    the quoted tags as Mailchimp wrote them (`"Sales","Sales_Executive"`)."""
    rows = _ATTRITION_ROWS
    shared = {"email_address": [(i, f"employee{_ATTRITION.id.iloc[i]}@example.com")
                                for i in rows],
              "tags": [(i, build32.mailchimp_tags(_ATTRITION.iloc[i])) for i in rows],
              "monthly_income": _at(_ATTRITION, "MonthlyIncome", rows)}
    overtime = _at(_ATTRITION, "OverTime", rows)
    types = {"tags": "varchar", "age": "integer", "monthly_income": "integer"}
    return [
        {"types": {**types, "overtime": "varchar"}, "values": {**shared, "overtime": overtime}},
        {"types": {**types, "overtime": "boolean"},
         "values": {**shared, "overtime": [(i, v == "Yes") for i, v in overtime]}},
    ]


def _jira_outcomes() -> list[dict[str, Any]]:
    """rq11's acceptable outcomes: `created` the instants to the minute Jira wrote
    (timestamps, 2012 not 1912, the PM hours past noon), or kept as the text Jira wrote."""
    moments = [(i, _EMAILS.sent.iloc[i].to_pydatetime().replace(second=0))
               for i in _EMAIL_ROWS]  # Jira writes the minute, not the second
    shared = {"issue_id": _at(_EMAILS, "id", _EMAIL_ROWS),
              "characters": _at(_EMAILS, "num_char", _EMAIL_ROWS)}
    types = {"issue_id": "integer", "characters": "double", "number": "varchar"}
    return [
        {"types": {**types, "created": "timestamp"}, "values": {**shared, "created": moments}},
        {"types": {**types, "created": "varchar"},
         "values": {**shared, "created": [(i, build32.jira(v)) for i, v in moments]}},
    ]


_CATSUP_VALUES = {c: _at(_CATSUP, c, _CATSUP_ROWS) for c in ("id", "price_heinz41", "choice")}
_VARIANTS = _variant_outcomes()
_DASHES = _dash_outcomes()
_PROPERTIES = _properties_outcomes()
_AIRTABLE = _airtable_outcomes()
_INDEX = _index_outcomes()
_YESNO = _yesno_outcomes()
_TAGS = _tag_outcomes()
_JIRA = _jira_outcomes()

CASES = [
    Case(
        "rq1_computers_shopify_variants",
        32,
        "rq1_computers.csv",
        "a Shopify product export: the product's title and fields on its handle's first row "
        "only, its variants' continuation rows empty there: 300 rows (one per variant), "
        "`title` NULL on the continuation rows as written or filled down from the handle's "
        "first row; never the continuation rows dropped or rejected",
        rows=len(_COMPUTERS),
        rejects=set(),
        columns=["handle", "title", "premium", "cd", "option1_value", "option2_value",
                 "variant_price"],
        **_VARIANTS[0],
        alternatives=_VARIANTS[1:],
    ),
    Case(
        "rq2_mode_google_ads_dashes",
        32,
        "rq2_mode.csv",
        "a Google Ads report CSV: title and date range lines above the header, `--` in six "
        "cells with no value: 453 rows, the two lines left out, `cost_rail` and `time_bus` "
        "doubles with NULL for `--` (or both kept as text); never `--` rows rejected or the "
        "date range taken for the header",
        rows=len(_MODE),
        rejects=set(),
        columns=list(_MODE.columns),
        **_DASHES[0],
        alternatives=_DASHES[1:],
    ),
    Case(
        "rq3_airline_cloudfront_fields",
        32,
        "rq3_airline.tsv",
        "a log in CloudFront's W3C format: `#Version: 1.0`, `#Fields:` with the names "
        "space-separated, records tab-separated: 90 rows named from `#Fields:` (`airline`, "
        "`year`, ...), `cost` and `airline` integers; never `#Fields:` in a name, one "
        "column, or the first record taken for the header",
        rows=len(_AIRLINE),
        rejects=set(),
        columns=list(_AIRLINE.columns),
        types={"airline": "integer", "year": "integer", "cost": "integer", "lf": "double"},
        values={c: _at(_AIRLINE, c, _AIRLINE_ROWS) for c in ("airline", "year", "cost", "lf")},
    ),
    Case(
        "rq4_default_stringified_properties",
        32,
        "rq4_default.ndjson",
        "NDJSON track events whose `properties` is a JSON text in a string (stringified by a "
        "sync): 500 rows, `properties` kept as its text or parsed into `properties__...` "
        "columns, the envelope's `event`, `user_id` (text `\"1\"`) beside; never rows "
        "rejected or the escaped quotes left in a parsed value",
        rows=len(_DEFAULTS),
        rejects=set(),
        **_PROPERTIES[0],
        alternatives=_PROPERTIES[1:],
    ),
    Case(
        "rq5_bids_airtable_unticked",
        32,
        "rq5_bids.json",
        "an Airtable API list response: `records` of `id`, `createdTime`, `fields`, with "
        "`offset` beside; the checkbox `whtknght` absent where unticked: 126 rows of the "
        "fields (named bare or `fields__`), `whtknght` true where ticked and NULL or false "
        "where absent; or a refusal naming the shape; never one row, or the 51 unticked "
        "rows rejected",
        rows=len(_BIDS),
        rejects=set(),
        **_AIRTABLE[0],
        alternatives=_AIRTABLE[1:],
        refuse_ok=True,
    ),
    Case(
        "rq6_oj_xlsx_side_by_side",
        32,
        "rq6_oj.xlsx",
        "a sales sheet: 1070 purchases in A:E and, after two empty columns, a summary "
        "table (`Store`, `Purchases`, five rows) beside them: the 1070 rows of the five "
        "purchase columns, the summary left out (a note welcome); or a refusal naming the "
        "two tables; never the summary as two more columns, NULL under its fifth row",
        rows=len(_OJ),
        rejects=set(),
        columns=list(_OJ.columns),
        types={"purchase": "varchar", "week": "integer", "store_id": "integer",
               "price_ch": "double"},
        values={c: _at(_OJ, c, _OJ_ROWS) for c in _OJ.columns},
        refuse_ok=True,
    ),
    Case(
        "rq7_heating_monday_groups",
        32,
        "rq7_heating.xlsx",
        "a Monday.com board's xlsx: the board's name in A1, then per group its name alone "
        "on a row, its own header row, its items and an empty row: 900 rows of the six "
        "columns (each group's items, the repeated headers and group rows left out, "
        "`income` and `rooms` integers); or a refusal naming the groups; never the header "
        "rows read as items or every column text",
        rows=len(_HEATING),
        columns=list(_HEATING.columns),
        types={"idcase": "integer", "income": "integer", "rooms": "integer",
               "depvar": "varchar", "region": "varchar"},
        values={c: _at(_HEATING, c, _HEATING_ROWS) for c in ("idcase", "income", "region")},
        refuse_ok=True,
    ),
    Case(
        "rq8_catsup_parquet_pandas_index",
        32,
        "rq8_catsup.parquet",
        "pandas' `to_parquet` of a filtered frame: its index written as a column "
        "`__index_level_0__` (the pandas metadata naming it the index): 2491 rows of the 14 "
        "columns, the index column left out or kept last; never a refusal or rows lost",
        rows=len(_CATSUP),
        rejects=set(),
        types={"id": "integer", "price_heinz41": "double", "choice": "varchar"},
        values=_CATSUP_VALUES,
        **_INDEX[0],
        alternatives=_INDEX[1:],
    ),
    Case(
        "rq9_star_sqlite_access_yesno",
        32,
        "rq9_star.sqlite",
        "an Access database moved to SQLite with Access's type names (`COUNTER`, `LONG`, "
        "`YESNO`, `TEXT(255)`), Yes stored as -1: 5748 rows, `freelunk` -1/0 as stored or "
        "the booleans true/false; never -1 NULL, rejected, or read as false",
        fmt="sqlite",
        options={"source_table": "pupils"},
        rows=len(_STAR),
        rejects=set(),
        columns=list(_STAR.columns),
        **_YESNO[0],
        alternatives=_YESNO[1:],
    ),
    Case(
        "rq10_attrition_mailchimp_tags",
        32,
        "rq10_attrition.csv",
        "a Mailchimp audience export: `TAGS` holds each tag in quotes joined by commas, so "
        "the field doubles them (`\"\"\"Sales\"\",\"\"Sales_Executive\"\"\"`): 400 rows, `tags` "
        "the text `\"Sales\",\"Sales_Executive\"`, `overtime` Yes/No as text or booleans; "
        "never the tags split into columns, the quotes lost, or rows shifted",
        rows=len(_ATTRITION),
        rejects=set(),
        columns=["email_address", "age", "overtime", "monthly_income", "member_rating",
                 "tags"],
        **_TAGS[0],
        alternatives=_TAGS[1:],
    ),
    Case(
        "rq11_emails_jira_dates",
        32,
        "rq11_emails.csv",
        "a Jira CSV export: `Created` as Jira's default `01/Apr/12 8:01 AM` (dd/MMM/yy "
        "h:mm a): 600 rows, `created` the instants in 2012 with PM after noon and 12 AM at "
        "midnight (timestamps), or the text as written; never NULLs, 1912, or AM/PM "
        "dropped",
        rows=len(_EMAILS),
        rejects=set(),
        columns=["issue_id", "spam", "created", "characters", "line_breaks", "number"],
        **_JIRA[0],
        alternatives=_JIRA[1:],
    ),
    Case(
        "rq12_hawks_api_version_keys",
        32,
        "rq12_hawks.ndjson",
        "NDJSON from an API moved from v1 to v2 mid-export: 500 lines keyed camelCase "
        "(`BandNumber`, `CaptureTime`), 408 snake_case (`band_number`): 908 rows of six "
        "columns, each key's two spellings one snake-cased column; or a refusal naming the "
        "keys; never twelve columns, each half NULL",
        rows=len(_HAWKS),
        rejects=set(),
        columns=list(_HAWKS.columns),
        types={"band_number": "varchar", "wing": "double", "weight": "double"},
        values={c: _at(_HAWKS, c, _HAWK_ROWS) for c in ("band_number", "wing", "weight",
                                                         "capture_time")},
        refuse_ok=True,
    ),
]
