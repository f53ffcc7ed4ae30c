"""Failure isolation: a model that fails at run time skips its descendants, its siblings
build, and its previous table survives; in `build` a failing test gates the model's children;
Ctrl-C mid-run exits non-zero without a traceback and loses no table."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from run.helpers import query, run, slow_project, start_slow_run, statuses, write, write_project

GOOD_BROKEN = "{{ config(materialized='table') }}\nselect id, cast(code as integer) as code " \
              "from {{ ref('base') }}"
BAD_BROKEN = "{{ config(materialized='table') }}\nselect id, cast(label as integer) as code " \
             "from {{ ref('base') }}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", {
        "data/items.csv": "id,code,label\n1,10,ten\n2,20,twenty\n",
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                           "      - {name: items, path: data/items.csv}\n",
        "models/base.sql": "select * from {{ source('raw', 'items') }}",
        "models/broken.sql": GOOD_BROKEN,
        "models/child.sql": "select id, code * 2 as code2 from {{ ref('broken') }}",
        "models/grandchild.sql": "{{ config(materialized='table') }}\n"
                                 "select count(*) as n from {{ ref('child') }}",
        "models/sibling.sql": "{{ config(materialized='table') }}\n"
                              "select id, upper(label) as label from {{ ref('base') }}",
    })


def test_broken_model_skips_descendants_builds_siblings_keeps_old_table(project: Path) -> None:
    assert run(project).success
    assert query(project, "select * from broken order by id") == [(1, 10), (2, 20)]
    write(project, "models/broken.sql", BAD_BROKEN)  # compiles, fails at run time
    write(project, "data/items.csv", "id,code,label\n1,10,ten\n2,20,twenty\n3,30,six\n")
    results = run(project, threads=2)
    assert not results.success
    assert statuses(results) == {"raw.items": "success", "base": "success", "broken": "error",
                                 "child": "skipped", "grandchild": "skipped",
                                 "sibling": "success"}
    by_name = {r.name: r for r in results.results}
    assert "Conversion Error" in by_name["broken"].message
    assert "'ten'" in by_name["broken"].message
    assert by_name["child"].message == "skipped because broken did not succeed"
    assert by_name["grandchild"].message == "skipped because child did not succeed"
    assert [r.name for r in results.failed] == ["broken"]
    # the sibling saw the new row; the broken model's previous table is intact
    assert query(project, "select label from sibling order by id") == [
        ("TEN",), ("TWENTY",), ("SIX",)]
    assert query(project, "select * from broken order by id") == [(1, 10), (2, 20)]
    assert query(project, "select n from grandchild") == [(2,)]


def test_build_failing_test_blocks_children_not_unrelated_branches(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "seeds/people.csv": "id,email\n1,a@x.io\n2,\n",
        "seeds/places.csv": "id,city\n1,Oslo\n",
        "models/stg_people.sql": "select * from {{ ref('people') }}",
        "models/people_mart.sql": "{{ config(materialized='table') }}\n"
                                  "select count(*) as n from {{ ref('stg_people') }}",
        "models/stg_places.sql": "select * from {{ ref('places') }}",
        "models/places_mart.sql": "{{ config(materialized='table') }}\n"
                                  "select count(*) as n from {{ ref('stg_places') }}",
        "models/schema.yml": """
            models:
              - name: stg_people
                columns:
                  - name: email
                    tests: [not_null]
              - name: stg_places
                columns:
                  - name: id
                    data_tests: [unique, not_null]
            """,
    })
    results = run(root, "build", threads=2)
    assert not results.success
    got = statuses(results)
    assert got["not_null_stg_people_email"] == "fail"
    assert got["people_mart"] == "skipped"
    assert got["places_mart"] == "success"
    assert got["unique_stg_places_id"] == got["not_null_stg_places_id"] == "pass"
    assert query(root, "select n from places_mart") == [(1,)]
    # `run` (no tests) builds the child anyway
    assert run(root).success
    assert query(root, "select n from people_mart") == [(2,)]


def test_ctrl_c_mid_run_exits_cleanly_and_keeps_the_previous_table(tmp_path: Path) -> None:
    root = slow_project(tmp_path / "p")
    proc = start_slow_run(root)
    proc.send_signal(signal.SIGINT)
    sent = time.perf_counter()
    out, err = proc.communicate(timeout=60)
    assert time.perf_counter() - sent < 10  # the running query is interrupted, not awaited
    assert proc.returncode == 130
    assert "Traceback" not in out + err
    assert "Interrupted" in err
    assert query(root, "select * from slow") == [(300, 2)]
    assert query(root, "select count(*) from information_schema.tables") == [(2,)]


def test_killed_process_keeps_the_previous_table(tmp_path: Path) -> None:
    root = slow_project(tmp_path / "p")
    proc = start_slow_run(root)
    proc.kill()
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert query(root, "select * from slow") == [(300, 2)]
    assert run(root).success  # and the warehouse file still works for the next run
