"""The load-level cases of stage 31 (lp1-lp4): deliveries over two runs from research and
open-data systems, written with their expectations after stages 1-30 had all been seen,
and never run while they were written (held out). See `loads.py` for how a case is written
and run."""

from __future__ import annotations

import json
from pathlib import Path

from build4 import _rdata
from build18 import _csv_text
from build21 import _records
from build25 import bare_number
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lp1: a biobank's specimen ids past 2^53 in bigint columns, one of them with NULLs
PG_SOURCE_31 = per_run("stage31_bench_src")
SPECIMEN_BASE = 2**53 + 1  # the first specimen id; every one is odd, none a double exactly
ADJUDICATED = (12, 101, 260, 377, 390)  # rows (status 0) whose `status` run 2 sets to 1
RETINOPATHY_COLUMNS = ["specimen_id", "parent_specimen", "id", "laser", "eye", "age",
                       "type", "trt", "futime", "status", "risk"]


def _retinopathy():
    """survival's `retinopathy` (the Diabetic Retinopathy Study: one eye of each patient
    treated by laser, the other the control)."""
    return _rdata("survival", "retinopathy").drop(columns=["rownames"]).reset_index(drop=True)


def _lp1_rows(adjudicated: bool) -> list[tuple]:
    """The specimens' rows, each with its id past 2^53; the control eye's `parent_specimen`
    the treated eye's specimen, NULL for the treated eye (kept in Python's ints: through
    a frame, a column with NULLs would be doubles and the ids rounded); with
    `adjudicated`, run 2's five events."""
    frame = _retinopathy()
    specimen = [SPECIMEN_BASE + 2 * i for i in range(len(frame))]
    treated = {int(r.id): s for r, s in zip(frame.itertuples(index=False), specimen)
               if r.trt == 1}
    rows = []
    for i, r in enumerate(frame.itertuples(index=False)):
        status = 1 if adjudicated and i in ADJUDICATED else int(r.status)
        parent = None if r.trt == 1 else treated[int(r.id)]
        rows.append((specimen[i], parent, int(r.id), r.laser, r.eye, int(r.age), r.type,
                     int(r.trt), float(r.futime), status, int(r.risk)))
    return rows


def _lp1_first() -> None:
    """The table `specimens`: `specimen_id` and `parent_specimen` bigint (the latter
    NULL for every treated eye)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_31} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_31}")
        db.execute(f"CREATE TABLE {PG_SOURCE_31}.specimens (specimen_id bigint PRIMARY KEY, "
                   f"parent_specimen bigint, id integer, laser text, eye text, "
                   f"age integer, type text, trt integer, futime double precision, "
                   f"status integer, risk integer)")
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {PG_SOURCE_31}.specimens VALUES "
                               f"({', '.join(['%s'] * len(RETINOPATHY_COLUMNS))})",
                               _lp1_rows(False))


def _lp1_second() -> None:
    """Five events adjudicated: their `status` set to 1."""
    import psycopg

    ids = [row[0] for i, row in enumerate(_lp1_rows(True)) if i in ADJUDICATED]
    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(f"UPDATE {PG_SOURCE_31}.specimens SET status = 1 "
                           f"WHERE specimen_id = %s", [(i,) for i in ids])


def _lp1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_31} CASCADE")


# lp2: the second Socrata CSV export gains a computed region column
NWTCO_SPLIT = 2000  # rows of the first export
NWTCO_COLUMNS = ["seqno", "instit", "histol", "stage", "study", "rel", "edrel", "age"]
COMPUTED_REGION = ":@computed_region_x5ej_pd8a"  # Socrata's own, added by the portal


def _nwtco():
    """survival's `nwtco` (the National Wilms Tumor Study's children)."""
    return _rdata("survival", "nwtco")[NWTCO_COLUMNS]


def _lp2_second(folder: Path) -> None:
    """The second export after the portal's admin added a computed region: a last
    column `:@computed_region_x5ej_pd8a`, the region's number (empty for some rows)."""
    frame = _nwtco().iloc[NWTCO_SPLIT:]
    rows = [[*NWTCO_COLUMNS, COMPUTED_REGION]]
    rows += [[*map(int, r), "" if r.seqno % 7 == 0 else str(r.instit % 5 + 1)]
             for r in frame.itertuples(index=False)]
    path = folder / "landing" / "nwtco-2.csv"
    path.write_text(_csv_text(rows))


def _lp2_expect() -> list[tuple]:
    return [tuple(int(v) for v in r) for r in _nwtco().itertuples(index=False)]


# lp3: REDCap exports with the cursor in the project's M/D/Y format across a new year
SCHIZO_COLUMNS = ["subject", "onset", "disorder", "month"]
FIRST_STAMP = "12/28/2023 09:15"  # every record's last edit in the first export
EDIT_STAMP = "01/05/2024 14:02"  # the six records edited since: later, but sorts first
EDITED = (0, 5, 44, 90, 151, 219)  # rows whose `disorder` the second export flips


def _schizophrenia():
    """HSAUR's `schizophrenia2` (a follow-up of first-episode patients, by month)."""
    return _rdata("HSAUR", "schizophrenia2")[SCHIZO_COLUMNS].reset_index(drop=True)


def _flipped(disorder):
    """The edit: `present` made `absent` and back; a missing answer stays missing."""
    return {"present": "absent", "absent": "present"}.get(disorder, disorder)


def _lp3_export(folder: Path, name: str, edited: bool) -> None:
    """A REDCap CSV export (dates as M/D/Y, as the export dialog offers): every record,
    its last edit in `updated_at`; with `edited` the six records flipped and stamped."""
    rows = [[*SCHIZO_COLUMNS, "updated_at"]]
    for i, r in enumerate(_schizophrenia().itertuples(index=False)):
        disorder = r.disorder if isinstance(r.disorder, str) else ""
        if edited and i in EDITED:
            rows.append([r.subject, r.onset, _flipped(disorder), r.month, EDIT_STAMP])
        else:
            rows.append([r.subject, r.onset, disorder, r.month, FIRST_STAMP])
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_csv_text(rows))


def _lp3_expect() -> list[tuple]:
    rows = []
    for i, r in enumerate(_schizophrenia().itertuples(index=False)):
        disorder = r.disorder if isinstance(r.disorder, str) else None
        rows.append((int(r.subject), r.onset, _flipped(disorder) if i in EDITED else disorder,
                     int(r.month)))
    return rows


# lp4: CKAN DataStore API pages (`datastore_search`) saved as they came
SCHOOLING_COLUMNS = ["ed76", "age76", "wage76", "kww", "iqscore", "libcrd14"]
SCHOOLING_PAGE = 1500  # records of the first page (`limit`)
CKAN_RESOURCE = "5f1c2a3e-8a71-4c42-9a4e-2f1d9f4a7b10"


def _schooling():
    """Ecdat's `Schooling` (the NLS Young Men's 1976 wages and schooling)."""
    return _rdata("Ecdat", "Schooling")[SCHOOLING_COLUMNS].reset_index(drop=True)


def _ckan_page(folder: Path, number: int) -> None:
    """One `datastore_search` answer: `help`, `success`, and `result` holding `fields`
    (with CKAN's `_id`), `records`, `_links` and `total`; the records' `_id` counts on."""
    frame = _schooling()
    start = (number - 1) * SCHOOLING_PAGE
    page = frame.iloc[start:start + SCHOOLING_PAGE]
    records = [{"_id": start + i + 1, **r} for i, r in enumerate(_records(page))]
    link = f"/api/3/action/datastore_search?resource_id={CKAN_RESOURCE}"
    body = {
        "help": "https://data.example.gov/api/3/action/help_show?name=datastore_search",
        "success": True,
        "result": {
            "include_total": True, "resource_id": CKAN_RESOURCE, "records_format": "objects",
            "fields": [{"id": "_id", "type": "int"}]
            + [{"id": c, "type": "text" if c == "libcrd14" else "numeric"}
               for c in SCHOOLING_COLUMNS],
            "records": records,
            "_links": {"start": link, "next": f"{link}&offset={start + SCHOOLING_PAGE}"},
            "total": len(frame),
        },
    }
    path = folder / "landing" / f"schooling-{number}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body))


def _lp4_expect() -> list[tuple]:
    return [(int(r.ed76), int(r.age76), int(r.wage76), bare_number(r.kww),
             bare_number(r.iqscore), r.libcrd14 if isinstance(r.libcrd14, str) else None)
            for r in _schooling().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lp1_retinopathy_pg_bigint_specimens",
        31,
        "replace from a research Postgres table whose `specimen_id` and `parent_specimen` "
        "are bigint past 2^53 (the second NULL for every treated eye), run 2 after five "
        "events adjudicated: 394 rows, every id exact (odd, as stored), NULL kept NULL, "
        "run 2's statuses; never an id rounded to a double's neighbour",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lp1_first(), lambda folder: _lp1_second()],
        lambda: _lp1_rows(True),
        cleanup=_lp1_drop,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_31}.specimens\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lp2_nwtco_socrata_computed_region",
        31,
        "incremental_files over `landing/*.csv`: a Socrata CSV export, then the next with "
        "a column `:@computed_region_x5ej_pd8a` added by the portal: 4028 rows, the study's "
        "columns equal (the new column added, NULL for the first export, or left out); "
        "never the second export refused over the column or its rows lost",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "nwtco-1.csv", _nwtco().iloc[:NWTCO_SPLIT]),
         _lp2_second],
        _lp2_expect,
        columns=NWTCO_COLUMNS,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lp3_schizophrenia_redcap_mdy_cursor",
        31,
        "merge on `subject`, `month` with cursor `updated_at`, REDCap exports dating it "
        "M/D/Y: every record `12/28/2023 09:15` in the first, six edited ones `01/05/2024 "
        "14:02` in the second (later, but earlier as text): 220 rows, the six edits applied, "
        "blank answers NULL; never the cursor compared as text (the edits dropped)",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["subject", "month"],
         "cursor": "updated_at"},
        [lambda folder: _lp3_export(folder, "export-1.csv", False),
         lambda folder: _lp3_export(folder, "export-2.csv", True)],
        _lp3_expect,
        columns=SCHIZO_COLUMNS,
    ),
    LoadCase(
        "lp4_schooling_ckan_datastore_pages",
        31,
        "incremental_files over `landing/*.json`: two CKAN `datastore_search` answers, the "
        "records under `result.records` beside `fields`, `_links` and `total`: 3010 rows of "
        "the records' columns (CKAN's `_id` kept or not), NULL where missing; or a refusal "
        "naming the envelope; never one row a page",
        {"mode": "incremental_files", "path": "landing/*.json"},
        [lambda folder: _ckan_page(folder, 1), lambda folder: _ckan_page(folder, 2)],
        _lp4_expect,
        columns=SCHOOLING_COLUMNS,
        refuse_ok=True,
    ),
]
