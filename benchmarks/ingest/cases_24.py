"""The ingestion benchmark's cases of stage 24 (`build24.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import build24
from case import Case, _spelled
from cases_16 import _sharing
from cases_18 import _at

_USCHANGE = build24.uschange()
_PRUSSIAN = build24.prussian()
_SMOKING = build24.smoking()
_SURVEYS = build24.surveys()
_LARYNX = build24.larynx()
_PRODUC = build24.produc()
_NACE = build24.nace()
_BILLBOARD = build24.billboard()
_AUSCAFE = build24.auscafe()
_GRUNFELD = build24.grunfeld()
_EPISODES = build24.episodes()
_CONTESTANTS = build24.contestants()

_NEGATIVE = next(i for i, v in enumerate(_USCHANGE.Production) if v < 0)
_USCHANGE_ROWS = (0, 1, len(_USCHANGE) - 1)  # 0: `production` negative (`000024N`)
_PRUSSIAN_ROWS = (0, 1, len(_PRUSSIAN) - 1)
_SMOKING_ROWS = (0, 1, len(_SMOKING) - 1)  # 0: ✗, 1: ✓
_MARCH = next(i for i, d in enumerate(_SURVEYS.caught) if d.month == 3)  # `März`
_NO_SEX = next(i for i, v in enumerate(_SURVEYS.sex) if build24.missing(v))
_SURVEY_ROWS = (0, _MARCH, _NO_SEX, len(_SURVEYS) - 1)
_LARYNX_ROWS = (0, 1, len(_LARYNX) - 1)
_PRODUC_ROWS = (0, 1, len(_PRODUC) - 1)
_CR_ROWS = [i for i, v in enumerate(_NACE.This_item_includes) if isinstance(v, str) and "\r" in v]
_NACE_ROWS = (0, 1, _CR_ROWS[0], _CR_ROWS[-1], len(_NACE) - 1)  # 0: no `parent`
_SHORT = next(i for i, v in enumerate(_BILLBOARD.wk8) if build24.missing(v))  # a row cut before wk8
_BILLBOARD_ROWS = sorted({0, 1, _SHORT, len(_BILLBOARD) - 1})
_AUSCAFE_ROWS = (0, 1, len(_AUSCAFE) - 1)
_GRUNFELD_ROWS = (0, 1, len(_GRUNFELD) - 1)
_FIRST_REWRITTEN = next(i for i, s in enumerate(_EPISODES.season) if s >= build24.REWRITE_SEASON)
_EPISODE_ROWS = (0, _FIRST_REWRITTEN - 1, _FIRST_REWRITTEN, len(_EPISODES) - 1)
_ACCENTED = [i for i, r in enumerate(_CONTESTANTS.itertuples(index=False))
             if not (r.contestant + str(r.hometown)).isascii()]
_CONTESTANT_ROWS = sorted({0, *_ACCENTED, len(_CONTESTANTS) - 1})


def _zoned_outcomes() -> list[dict[str, Any]]:
    """ri1's acceptable outcomes: each amount the signed integer its zoned field holds (in
    hundredths, the copybook's implied point not in the file), or kept as the text written;
    never a negative read as positive or a value lost."""
    pairs = {
        column.lower(): (
            "integer",
            [(i, build24.hundredths(v)) for i, v in _at(_USCHANGE, column, _USCHANGE_ROWS)],
            [(i, build24.zoned(build24.hundredths(v)))
             for i, v in _at(_USCHANGE, column, _USCHANGE_ROWS)],
        )
        for column in build24.USCHANGE_COLUMNS
    }
    return _sharing(_spelled(pairs), {"quarter": "integer"},
                    {"quarter": _at(_USCHANGE, "quarter", _USCHANGE_ROWS)})


def _hex_outcomes() -> list[dict[str, Any]]:
    """ri2's acceptable outcomes: `y` the integers its hex spells, or the text written."""
    rows = _at(_PRUSSIAN, "y", _PRUSSIAN_ROWS)
    shared = {"year": _at(_PRUSSIAN, "year", _PRUSSIAN_ROWS),
              "corp": _at(_PRUSSIAN, "corp", _PRUSSIAN_ROWS)}
    types = {"year": "integer", "corp": "varchar"}
    return [
        {"types": {**types, "y": "integer"}, "values": {**shared, "y": rows}},
        {"types": {**types, "y": "varchar"},
         "values": {**shared, "y": [(i, build24.hex_word(v)) for i, v in rows]}},
    ]


def _check_outcomes() -> list[dict[str, Any]]:
    """ri3's acceptable outcomes: `relapse` a boolean (✓ true), or the marks as written."""
    rows = _at(_SMOKING, "relapse", _SMOKING_ROWS)
    shared = {c: _at(_SMOKING, c, _SMOKING_ROWS) for c in ("id", "ttr", "grp", "age")}
    types = {"id": "integer", "ttr": "integer", "grp": "varchar"}
    return [
        {"types": {**types, "relapse": "boolean"},
         "values": {**shared, "relapse": [(i, v == 1) for i, v in rows]}},
        {"types": {**types, "relapse": "varchar"},
         "values": {**shared, "relapse": [(i, build24.CHECK if v == 1 else build24.CROSS)
                                          for i, v in rows]}},
    ]


def _german_outcomes() -> list[dict[str, Any]]:
    """ri4's acceptable outcomes: `caught` each day (a date, or a timestamp at midnight), or
    the text written (`3. März 1978`); never a day misread."""
    days = _at(_SURVEYS, "caught", _SURVEY_ROWS)
    shared = {c: _at(_SURVEYS, c, _SURVEY_ROWS) for c in ("record_id", "species_id", "sex")}
    types = {"record_id": "integer", "plot_id": "integer", "sex": "varchar"}
    return [
        {"types": {**types, "caught": "date"}, "values": {**shared, "caught": days}},
        {"types": {**types, "caught": "timestamp"},
         "values": {**shared, "caught": [(i, datetime.datetime.combine(d, datetime.time()))
                                         for i, d in days]}},
        {"types": {**types, "caught": "varchar"},
         "values": {**shared, "caught": [(i, build24.german_day(d)) for i, d in days]}},
    ]


def _splunk_outcomes() -> list[dict[str, Any]]:
    """ri5's acceptable outcomes: each `result`'s fields the row, all typed (numbers) or
    all kept as the strings Splunk wrote."""
    typed = {c: _at(_LARYNX, c, _LARYNX_ROWS) for c in _LARYNX.columns}
    text = {c: [(i, f"{v:g}" if isinstance(v, float) else str(v)) for i, v in rows]
            for c, rows in typed.items()}
    return [
        {"types": {"stage": "integer", "time": "double", "age": "integer",
                   "diagyr": "integer", "delta": "integer"}, "values": typed},
        {"types": dict.fromkeys(_LARYNX.columns, "varchar"), "values": text},
    ]


def _nace_outcomes() -> list[dict[str, Any]]:
    """ri7's acceptable outcomes: the texts with their line breaks as typed (`\\r\\n`, the
    `_x000D_` escape undone), or with the `\\r` left out; never `_x000D_` in a value."""
    rows = _at(_NACE, "This_item_includes", _NACE_ROWS)
    shared = {"order": _at(_NACE, "Order", _NACE_ROWS), "code": _at(_NACE, "Code", _NACE_ROWS),
              "parent": _at(_NACE, "Parent", _NACE_ROWS),
              "description": _at(_NACE, "Description", _NACE_ROWS)}
    types = {"order": "integer", "level": "integer", "code": "varchar", "parent": "varchar"}
    return [
        {"types": types, "values": {**shared, "this_item_includes": rows}},
        {"types": types, "values": {**shared, "this_item_includes": [
            (i, v.replace("\r", "") if isinstance(v, str) else v) for i, v in rows]}},
    ]


def _sheets_outcomes() -> list[dict[str, Any]]:
    """ri8's acceptable outcomes: `date_entered` a date or its text, each week's rank an
    integer or its text; the cells a short row leaves out NULL."""
    def text(rows):
        return [(i, None if v is None else build24.sheets_cell(v)) for i, v in rows]

    entered = [(i, datetime.date.fromisoformat(v))
               for i, v in _at(_BILLBOARD, "date.entered", _BILLBOARD_ROWS)]
    pairs = {
        "date_entered": ("date", entered, [(i, d.isoformat()) for i, d in entered]),
        **{week: ("integer", [(i, None if v is None else int(v)) for i, v in
                              _at(_BILLBOARD, week, _BILLBOARD_ROWS)],
                  text(_at(_BILLBOARD, week, _BILLBOARD_ROWS))) for week in ("wk1", "wk8")},
    }
    return _sharing(_spelled(pairs), {"artist": "varchar", "track": "varchar"},
                    {"artist": _at(_BILLBOARD, "artist", _BILLBOARD_ROWS),
                     "track": _at(_BILLBOARD, "track", _BILLBOARD_ROWS)})


def _period_outcomes() -> list[dict[str, Any]]:
    """ri9's acceptable outcomes: `month` each month's first day (a date or a timestamp at
    midnight) or its text (`1982-04`); never the int64 count of months since 1970."""
    months = [(i, _AUSCAFE.month.iloc[i]) for i in _AUSCAFE_ROWS]
    firsts = [(i, datetime.date(p.year, p.month, 1)) for i, p in months]
    spend = {"spend": _at(_AUSCAFE, "spend", _AUSCAFE_ROWS)}
    return [
        {"types": {"month": "date", "spend": "double"}, "values": {"month": firsts, **spend}},
        {"types": {"month": "timestamp", "spend": "double"},
         "values": {"month": [(i, datetime.datetime.combine(d, datetime.time()))
                              for i, d in firsts], **spend}},
        {"types": {"month": "varchar", "spend": "double"},
         "values": {"month": [(i, str(p)) for i, p in months], **spend}},
    ]


def _bignumeric_outcomes() -> list[dict[str, Any]]:
    """ri10's acceptable outcomes: the three amounts exact decimals, or doubles of them;
    never NULL, bytes, or a value scaled wrong."""
    columns = ("inv", "value", "capital")
    exact = {c: [(i, Decimal(repr(float(v)))) for i, v in _at(_GRUNFELD, c, _GRUNFELD_ROWS)]
             for c in columns}
    shared = {c: _at(_GRUNFELD, c, _GRUNFELD_ROWS) for c in ("firm", "year")}
    keys = {"firm": "integer", "year": "integer"}
    return [
        {"types": {**keys, **dict.fromkeys(columns, "decimal")}, "values": {**shared, **exact}},
        {"types": {**keys, **dict.fromkeys(columns, "double")},
         "values": {**shared, **{c: _at(_GRUNFELD, c, _GRUNFELD_ROWS) for c in columns}}},
    ]


def _aired_outcomes() -> list[dict[str, Any]]:
    """ri11's acceptable outcomes: `aired` every episode's day, both spellings read (a
    date, or a timestamp at midnight); or the values as stored, as text, with a note
    naming the column (two spellings in one column)."""
    days = [(i, _EPISODES.airdate.iloc[i]) for i in _EPISODE_ROWS]
    stored = [(i, str(build24.epoch_millis(d)) if _EPISODES.season.iloc[i]
               >= build24.REWRITE_SEASON else d.isoformat()) for i, d in days]
    shared = {"season": _at(_EPISODES, "season", _EPISODE_ROWS),
              "episode": _at(_EPISODES, "episode", _EPISODE_ROWS)}
    return [
        {"types": {"aired": "date"}, "values": {**shared, "aired": days}},
        {"types": {"aired": "timestamp"},
         "values": {**shared, "aired": [(i, datetime.datetime.combine(d, datetime.time()))
                                        for i, d in days]}},
        {"types": {"aired": "varchar"}, "values": {**shared, "aired": stored},
         "notes": ["aired"]},
    ]


def _mojibake_outcomes() -> list[dict[str, Any]]:
    """ri12's acceptable outcomes: the names repaired (`April Carrión`) with a note naming
    the columns, or kept as written with a note naming them; never mojibake in silence."""
    def written(column):
        return [(i, build24.mojibake(v)) for i, v in _at(_CONTESTANTS, column, _CONTESTANT_ROWS)]

    shared = {"season": _at(_CONTESTANTS, "season", _CONTESTANT_ROWS),
              "age": _at(_CONTESTANTS, "age", _CONTESTANT_ROWS)}
    notes = ["contestant", "hometown"]
    return [
        {"values": {**shared, **{c: _at(_CONTESTANTS, c, _CONTESTANT_ROWS) for c in notes}},
         "notes": notes},
        {"values": {**shared, **{c: written(c) for c in notes}}, "notes": notes},
    ]


_ZONED = _zoned_outcomes()
_HEX = _hex_outcomes()
_CHECKS = _check_outcomes()
_GERMAN = _german_outcomes()
_SPLUNK = _splunk_outcomes()
_NACE_TEXT = _nace_outcomes()
_SHEETS = _sheets_outcomes()
_PERIOD = _period_outcomes()
_BIGNUMERIC = _bignumeric_outcomes()
_AIRED = _aired_outcomes()
_MOJIBAKE = _mojibake_outcomes()

CASES = [
    Case(
        "ri1_uschange_zoned_overpunch",
        24,
        "ri1_uschange.csv",
        "a mainframe extract's signed amounts in zoned decimal, the sign overpunched on the "
        "last digit (`000024N` is -245): 187 rows, each amount the signed integer it holds "
        "or the text written; or a refusal naming the columns; never a sign lost",
        rows=187,
        rejects=set(),
        columns=["quarter", "consumption", "income", "production"],
        **_ZONED[0],
        alternatives=_ZONED[1:],
        refuse_ok=True,
    ),
    Case(
        "ri2_prussian_hex_counters",
        24,
        "ri2_prussian.tsv",
        "a firmware logger's TSV, the counter `y` in hexadecimal (`0x0002`): 280 rows, `y` "
        "the integers or the text written, `year` integers, `corp` text",
        rows=280,
        rejects=set(),
        columns=["y", "year", "corp"],
        **_HEX[0],
        alternatives=_HEX[1:],
    ),
    Case(
        "ri3_smoking_check_marks",
        24,
        "ri3_smoking.csv",
        "a tracker's CSV, the flag `relapse` written `✓` / `✗`: 125 rows, `relapse` a "
        "boolean (✓ true) or the marks as written, the other columns as the table holds them",
        rows=125,
        rejects=set(),
        columns=list(_SMOKING.columns),
        **_CHECKS[0],
        alternatives=_CHECKS[1:],
    ),
    Case(
        "ri4_surveys_german_month_names",
        24,
        "ri4_surveys.csv",
        "a German-locale `;` CSV, days written with German month names (`3. März 1978`): "
        "2000 rows, `caught` each day (date or midnight timestamp) or the text written; "
        "never a day misread, `sex` NULL where empty",
        rows=build24.SURVEY_ROWS,
        rejects=set(),
        columns=list(_SURVEYS.columns),
        **_GERMAN[0],
        alternatives=_GERMAN[1:],
    ),
    Case(
        "ri5_larynx_splunk_export",
        24,
        "ri5_larynx.json",
        "Splunk's JSON export, one `{\"preview\": false, \"offset\": N, \"result\": {...}}` "
        "per line, every value a string, `lastrow` on the last: 90 rows of `result`'s five "
        "fields (all typed or all text); or a refusal; never 90 rows of one nested column",
        rows=90,
        rejects=set(),
        columns=list(_LARYNX.columns),
        **_SPLUNK[0],
        alternatives=_SPLUNK[1:],
        refuse_ok=True,
    ),
    Case(
        "ri6_produc_nul_tail",
        24,
        "ri6_produc.csv",
        "a CSV ending in 4096 zero bytes after its last newline (a crashed writer's "
        "preallocated block): 816 rows as the table holds them, the zero bytes left out or "
        "one reject (record 817); never a row of NULs or a refusal of good data",
        rows=816,
        rejects=set(),
        columns=list(_PRODUC.columns),
        types={"state": "varchar", "year": "integer", "pcap": "double", "gsp": "integer"},
        values={c: _at(_PRODUC, c, _PRODUC_ROWS) for c in ("state", "year", "pcap", "unemp")},
        alternatives=[{"rejects": {str(len(_PRODUC) + 1)}}],
    ),
    Case(
        "ri7_nace_xlsx_cr_escapes",
        24,
        "ri7_nace.xlsx",
        "an xlsx whose texts hold CRLF breaks written `_x000D_` + LF (Excel's escape): 996 "
        "rows, the texts with `\\r\\n` (or `\\n`), never the literal `_x000D_`; codes kept "
        "as text (`01`)",
        rows=996,
        columns=[c.lower() for c in build24.NACE_COLUMNS],
        **_NACE_TEXT[0],
        alternatives=_NACE_TEXT[1:],
    ),
    Case(
        "ri8_billboard_sheets_api_values",
        24,
        "ri8_billboard.json",
        "a Google Sheets API `values` response: the header the first row, cells strings, "
        "trailing empty cells left out (short rows): 317 rows of 11 columns, the missing "
        "weeks NULL; or a refusal; never one row, or rows lost for being short",
        rows=317,
        columns=["artist", "track", "date_entered", *(f"wk{i}" for i in range(1, 9))],
        **_SHEETS[0],
        alternatives=_SHEETS[1:],
        refuse_ok=True,
    ),
    Case(
        "ri9_auscafe_parquet_pandas_period",
        24,
        "ri9_auscafe.parquet",
        "pandas' Parquet of a monthly `Period` column (extension `pandas.period`, int64 "
        "months since 1970-01): 426 rows, `month` the month's first day or its text "
        "(`1982-04`); or a refusal naming the column; never the int64 (147) in silence",
        fmt="parquet",
        rows=426,
        columns=["month", "spend"],
        **_PERIOD[0],
        alternatives=_PERIOD[1:],
        refuse_ok=True,
    ),
    Case(
        "ri10_grunfeld_parquet_bignumeric",
        24,
        "ri10_grunfeld.parquet",
        "BigQuery's Parquet of BIGNUMERIC: three `decimal(76, 38)` columns: 200 rows, each "
        "amount exact (decimal) or its double; or a refusal naming the columns; never NULL, "
        "bytes or a value scaled wrong",
        fmt="parquet",
        rows=200,
        columns=build24.GRUNFELD_COLUMNS,
        **_BIGNUMERIC[0],
        alternatives=_BIGNUMERIC[1:],
        refuse_ok=True,
    ),
    Case(
        "ri11_episodes_sqlite_mixed_datetimes",
        24,
        "ri11_episodes.sqlite",
        "a SQLite `DATETIME` column holding ISO text before season S08 and epoch "
        "milliseconds (INTEGER) after: 191 rows, every air date right (date or midnight "
        "timestamp); or the stored values as text with a note naming `aired`; or a refusal",
        fmt="sqlite",
        options={"source_table": "episodes"},
        rows=191,
        columns=["id", "season", "episode", "aired"],
        **_AIRED[0],
        alternatives=_AIRED[1:],
        refuse_ok=True,
    ),
    Case(
        "ri12_contestants_double_encoded_utf8",
        24,
        "ri12_contestants.csv",
        "a CSV whose text went through UTF-8 twice (`April CarriÃ³n`): 184 rows, the names "
        "repaired or kept as written, either with a note naming `contestant` and "
        "`hometown`; or a refusal naming them; never mojibake in silence",
        rows=184,
        rejects=set(),
        columns=list(_CONTESTANTS.columns),
        types={"season": "varchar", "age": "integer", "contestant": "varchar"},
        **_MOJIBAKE[0],
        alternatives=_MOJIBAKE[1:],
        refuse_ok=True,
    ),
]
