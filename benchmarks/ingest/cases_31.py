"""The ingestion benchmark's cases of stage 31 (`build31.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import math
from typing import Any

import build31
from case import Case, _spelled
from cases_16 import _sharing
from cases_18 import _at

_ELECTION = build31.election()
_BIRTHS = build31.births()
_FACTBOOK = build31.factbook()
_AMI = build31.ami()
_INFANT = build31.infant_mortality()
_ROLE = build31.womensrole()
_MIDTERMS = build31.midterms()
_MEDPAR = build31.medpar()
_INSURANCE = build31.insurance()
_YRBSS = build31.yrbss()
_POP = build31.world_pop()
_CHILD = build31.child_mortality()


def _last(frame) -> int:
    return len(frame) - 1


def _gaps(frame, column: str) -> list[int]:
    """The rows where `column` is missing in the source table."""
    return [i for i, v in enumerate(frame[column]) if isinstance(v, float) and math.isnan(v)]


_ELECTION_ROWS = (0, 1, _last(_ELECTION))
_BIRTH_ROWS = sorted({0, *_gaps(_BIRTHS, "fage")[:2], *_gaps(_BIRTHS, "visits")[:2],
                      _last(_BIRTHS)})
_FACTBOOK_ROWS = sorted({0, *_gaps(_FACTBOOK, "birth_rate")[:2], _last(_FACTBOOK)})
_ROLE_ROWS = tuple(range(len(_ROLE)))  # every cell: which are withheld is the point
_MIDTERM_ROWS = (0, 1, _last(_MIDTERMS))
_MEDPAR_ROWS = (0, 1, _last(_MEDPAR))
_INSURANCE_ROWS = (0, 1, _last(_INSURANCE))
_YRBSS_ROWS = sorted({0, *_gaps(_YRBSS, "age"), _last(_YRBSS)})
_POP_ROWS = sorted({0, 60, 105, 212, _last(_POP)})  # 60, 105, 212: years with no data


def _flag_outcomes(frame, columns: tuple[str, ...], rows, yes: str) -> list[dict[str, Any]]:
    """Yes/no text columns: booleans (`yes` true), or kept as the text written; both are
    what a careful engineer accepts, a label being no number."""
    as_bool = {c: [(i, v == yes) for i, v in _at(frame, c, rows)] for c in columns}
    as_text = {c: _at(frame, c, rows) for c in columns}
    return [{"types": {c: "boolean" for c in columns}, "values": as_bool},
            {"types": {c: "varchar" for c in columns}, "values": as_text}]


def _election_outcomes() -> list[dict[str, Any]]:
    """rp1: SODA's numbers are JSON strings; each read as numbers or kept as the text."""
    pairs = {   # named snake_cased, as every stage expects (`Dem.Rep` -> `dem_rep`)
        "income": ("integer", _at(_ELECTION, "Income", _ELECTION_ROWS),
                   [(i, str(v)) for i, v in _at(_ELECTION, "Income", _ELECTION_ROWS)]),
        "hs": ("double", _at(_ELECTION, "HS", _ELECTION_ROWS),
               [(i, str(v)) for i, v in _at(_ELECTION, "HS", _ELECTION_ROWS)]),
        "dem_rep": ("integer", _at(_ELECTION, "Dem.Rep", _ELECTION_ROWS),
                    [(i, str(v)) for i, v in _at(_ELECTION, "Dem.Rep", _ELECTION_ROWS)]),
    }
    return _sharing(_spelled(pairs), {"state": "varchar", "abr": "varchar"},
                    {c.lower(): _at(_ELECTION, c, _ELECTION_ROWS) for c in ("State", "Abr")})


def _stata_outcomes() -> list[dict[str, Any]]:
    """rp2: `fage` and `visits` integers with NULL for `.a`/`.b` (noted), or text."""
    shared = {"mage": "integer", "weight": "double", "sex": "varchar"}
    values = {c: _at(_BIRTHS, c, _BIRTH_ROWS) for c in ("mage", "weight", "sex")}
    text = {c: [(i, build31.stata_cell(c, _BIRTHS[c].iloc[i])) for i in _BIRTH_ROWS]
            for c in build31.STATA_MISSING}
    return [
        {"types": {**shared, "fage": "integer", "visits": "integer"},
         "values": {**values, **{c: _at(_BIRTHS, c, _BIRTH_ROWS) for c in text}},
         "notes": list(build31.STATA_MISSING)},
        {"types": {**shared, "fage": "varchar", "visits": "varchar"},
         "values": {**values, **text}, "notes": []},
    ]


def _withheld_outcomes() -> list[dict[str, Any]]:
    """rp6: `agree`/`disagree` integers with NULL where `[c]` (noted), or text."""
    shared = {"education": "integer", "sex": "varchar"}
    values = {c: _at(_ROLE, c, (0, _last(_ROLE))) for c in shared}
    counts = ("agree", "disagree")
    read = {c: [(i, None if build31.suppressed(v) == build31.SUPPRESSED else v)
                for i, v in _at(_ROLE, c, _ROLE_ROWS)] for c in counts}
    text = {c: [(i, str(build31.suppressed(v))) for i, v in _at(_ROLE, c, _ROLE_ROWS)]
            for c in counts}
    return [
        {"types": {**shared, **dict.fromkeys(counts, "integer")},
         "values": {**values, **read}, "notes": list(counts)},
        {"types": {**shared, **dict.fromkeys(counts, "varchar")},
         "values": {**values, **text}, "notes": []},
    ]


def _wdi_outcomes() -> list[dict[str, Any]]:
    """rp11: the year columns numbers with NULL where `..` (noted), or text."""
    years = ("year_1960", "year_1992", "year_2020")
    shared = {"country": _at(_POP, "country", _POP_ROWS)}
    read = {c: _at(_POP, c, _POP_ROWS) for c in years}
    text = {c: [(i, build31.WDI_MISSING if v is None else str(int(v))) for i, v in read[c]]
            for c in years}
    return [
        {"types": {"country": "varchar", **dict.fromkeys(years, ("integer", "double"))},
         "values": {**shared, **read}, "notes": list(years)},
        {"types": {"country": "varchar", **dict.fromkeys(years, "varchar")},
         "values": {**shared, **text}, "notes": []},
    ]


def _kobo_outcomes() -> list[dict[str, Any]]:
    """rp10: the names as Kobo wrote them (`respondent/age`), the path joined by `_`, or
    the group stripped (`age`); Kobo's own `_id`... after them in every case."""
    meta = ["_id", "_uuid", "_submission_time", "_index"]
    outcomes = []
    for name in (build31.kobo_name, lambda c: build31.kobo_name(c).replace("/", "_"),
                 lambda c: c):
        columns = [name(c) for c in _YRBSS.columns]
        outcomes.append({
            "columns": columns + meta,
            "types": {name("age"): ("integer", "double"), name("weight"): "double",
                      name("gender"): "varchar", "_id": "integer"},
            "values": {name(c): _at(_YRBSS, c, _YRBSS_ROWS) for c in ("age", "gender",
                                                                        "weight", "race")},
        })
    return outcomes


_ELECTION_ALTERNATIVES = _election_outcomes()
_STATA = _stata_outcomes()
_WITHHELD = _withheld_outcomes()
_WDI = _wdi_outcomes()
_KOBO = _kobo_outcomes()
_MEDPAR_FLAGS = _flag_outcomes(_MEDPAR.assign(**{c: _MEDPAR[c].map(m) for c, m in
                                                 build31.LABELS.items()}),
                               ("hmo", "died"), _MEDPAR_ROWS, "Yes")
_INSURANCE_FLAGS = _flag_outcomes(_INSURANCE, ("health", "insurance", "married"),
                                  _INSURANCE_ROWS, "yes")

CASES = [
    Case(
        "rp1_election_socrata_json",
        31,
        "rp1_election.json",
        "a Socrata SODA JSON answer with its system fields (`:id`, `:created_at`, "
        "`:updated_at`) and every value a string: 51 rows, the table's columns (the system "
        "fields kept or left out), the numbers read as numbers or kept as their text; "
        "`State` as written, its trailing blank kept",
        rows=len(_ELECTION),
        rejects=set(),
        types=_ELECTION_ALTERNATIVES[0]["types"],
        values=_ELECTION_ALTERNATIVES[0]["values"],
        alternatives=_ELECTION_ALTERNATIVES[1:],
    ),
    Case(
        "rp2_births_stata_missing_codes",
        31,
        "rp2_births.csv",
        "a Stata `export delimited`: `fage` missing written `.a` (114 rows), `visits` `.b` "
        "(56 rows), other gaps empty: 1000 rows, `fage`/`visits` integers with NULL for the "
        "codes and a note naming them, or both kept as text; never a code read as 0 or "
        "its rows rejected",
        rows=len(_BIRTHS),
        rejects=set(),
        columns=list(_BIRTHS.columns),
        types=_STATA[0]["types"],
        values=_STATA[0]["values"],
        notes=_STATA[0]["notes"],
        alternatives=_STATA[1:],
    ),
    Case(
        "rp3_factbook_arcgis_featureserver",
        31,
        "rp3_factbook.json",
        "an ArcGIS FeatureServer query answer: the rows under `features[].attributes`, "
        "`fields` and `spatialReference` beside: 259 rows of the attributes (`OBJECTID` "
        "kept, `geometry` kept or not), the rates doubles with NULL; or a refusal naming "
        "the shape; never one row of metadata or the features as one list",
        rows=len(_FACTBOOK),
        rejects=set(),
        types={"country": "varchar", "birth_rate": "double"},
        values={c: _at(_FACTBOOK, c, _FACTBOOK_ROWS)
                for c in ("country", "birth_rate", "population")},
        refuse_ok=True,
    ),
    Case(
        "rp4_ami_fhir_bulk_ndjson",
        31,
        "rp4_ami.ndjson",
        "a FHIR bulk-data `Observation.ndjson`: 365 rows, one a resource, `id` and "
        "`resourceType` as written, the nested `code` and `valueQuantity` kept as "
        "structures or flattened; or a refusal naming the nesting; never a row lost",
        rows=len(_AMI),
        rejects=set(),
        types={"id": "varchar", "resource_type": "varchar", "status": "varchar"},
        values={"id": [(0, "ami-1"), (len(_AMI) - 1, f"ami-{len(_AMI)}")],
                "resource_type": [(0, "Observation")]},   # snake_cased, as every stage
        refuse_ok=True,
    ),
    Case(
        "rp5_infmort_worldbank_api",
        31,
        "rp5_infmort.json",
        "a World Bank API v2 answer: `[paging, [records]]`: 222 rows of the records "
        "(`indicator` and `country` as structures or flattened), `value` doubles; or a "
        "refusal naming the shape; never two rows, or the paging object as a row",
        rows=len(_INFANT),
        rejects=set(),
        types={"value": "double"},
        values={"value": _at(_INFANT, "inf_mort_rate", (0, 1, _last(_INFANT)))},
        refuse_ok=True,
    ),
    Case(
        "rp6_womensrole_gss_shorthand_xlsx",
        31,
        "rp6_womensrole.xlsx",
        "a UK Government Statistical Service workbook: counts of 1 and 2 withheld as "
        "`[c]`: 42 rows, `agree`/`disagree` integers with NULL for `[c]` and a note "
        "naming them, or kept as text; never `[c]` read as 0 or its rows rejected",
        rows=len(_ROLE),
        rejects=set(),
        columns=list(_ROLE.columns),
        types=_WITHHELD[0]["types"],
        values=_WITHHELD[0]["values"],
        notes=_WITHHELD[0]["notes"],
        alternatives=_WITHHELD[1:],
    ),
    Case(
        "rp7_midterms_cdc_wonder_footer",
        31,
        "rp7_midterms.txt",
        "a CDC WONDER export: tab-separated, a `Notes` column empty on data rows and the "
        "notes block after them (`\"---\"`, `\"Dataset: ...\"`, `\"Query Date: ...\"`): 31 "
        "rows (the notes block left out, a note welcome), `year` integer, `unemp` double; "
        "or a refusal naming the notes lines; never them read as rows making `year` text",
        fmt="csv",
        rows=len(_MIDTERMS),
        types={"year": "integer", "unemp": "double", "potus": "varchar"},
        values={c: _at(_MIDTERMS, c, _MIDTERM_ROWS) for c in ("year", "potus", "unemp")},
        refuse_ok=True,
    ),
    Case(
        "rp8_medpar_spss_labels_parquet",
        31,
        "rp8_medpar.parquet",
        "Parquet from SPSS data with its value labels applied: the flags `Yes`/`No`, "
        "`type` `Elective`/`Urgent`/`Emergency`, dictionary-encoded strings: 1495 rows, "
        "the flags booleans or kept as text, `type` text, `los`/`provnum` integers",
        rows=len(_MEDPAR),
        rejects=set(),
        columns=["los", "hmo", "white", "died", "age80", "type", "provnum"],
        types={**_MEDPAR_FLAGS[0]["types"], "los": "integer", "type": "varchar",
               "provnum": "integer"},
        values={**_MEDPAR_FLAGS[0]["values"], "los": _at(_MEDPAR, "los", _MEDPAR_ROWS),
                "type": [(i, build31.LABELS["type"][v])
                         for i, v in _at(_MEDPAR, "type", _MEDPAR_ROWS)]},
        alternatives=[{"types": {**_MEDPAR_FLAGS[1]["types"], "los": "integer"},
                       "values": _MEDPAR_FLAGS[1]["values"]}],
    ),
    Case(
        "rp9_insurance_sqlite_boolean_text",
        31,
        "rp9_insurance.sqlite",
        "a SQLite table whose yes/no columns are declared BOOLEAN but hold the text "
        "`yes`/`no`: 8802 rows, those columns booleans (yes true) or kept as text, `age` "
        "integers; never NULL for every value or the rows rejected",
        fmt="sqlite",
        options={"source_table": "meps"},
        rows=len(_INSURANCE),
        rejects=set(),
        columns=list(_INSURANCE.columns),
        types={**_INSURANCE_FLAGS[0]["types"], "age": "integer"},
        values={**_INSURANCE_FLAGS[0]["values"], "age": _at(_INSURANCE, "age",
                                                            _INSURANCE_ROWS)},
        alternatives=[{"types": {**_INSURANCE_FLAGS[1]["types"], "age": "integer"},
                       "values": _INSURANCE_FLAGS[1]["values"]}],
    ),
    Case(
        "rp10_yrbss_kobo_group_paths",
        31,
        "rp10_yrbss.csv",
        "a KoboToolbox CSV (`;`): names under their group's path (`respondent/age`), "
        "Kobo's `_id`, `_uuid`, `_submission_time`, `_index` after them: 100 rows, the "
        "names as written, with `_` for `/`, or with the group stripped; skipped answers "
        "NULL",
        rows=len(_YRBSS),
        rejects=set(),
        columns=_KOBO[0]["columns"],
        types=_KOBO[0]["types"],
        values=_KOBO[0]["values"],
        alternatives=_KOBO[1:],
    ),
    Case(
        "rp11_worldpop_wdi_dotdot_xlsx",
        31,
        "rp11_worldpop.xlsx",
        "the World Bank's WDI Excel download: one column a year, `..` where there is no "
        "data: 216 rows, 62 columns, the years numbers with NULL for `..` and a note "
        "naming the columns, or those columns kept as text; never `..` read as 0",
        rows=len(_POP),
        rejects=set(),
        columns=list(_POP.columns),
        types=_WDI[0]["types"],
        values=_WDI[0]["values"],
        notes=_WDI[0]["notes"],
        alternatives=_WDI[1:],
    ),
    Case(
        "rp12_mortality_eurostat_flags_tsv",
        31,
        "rp12_mortality.tsv",
        "Eurostat's bulk TSV: the dimensions in one comma-joined first column "
        "(`freq,unit,geo\\TIME_PERIOD`), a column a year, each value with a space and its "
        "flag (`62 p`): 195 rows, the first column as written or split into `freq`, "
        "`unit`, `geo`, the years as text (the flags kept) or numbers with the flags noted; "
        "or a refusal naming the layout; never the flagged values NULL unsaid",
        rows=len(_CHILD),
        rejects=set(),
        refuse_ok=True,
    ),
]
