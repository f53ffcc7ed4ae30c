"""An unchanged recompile reuses the last compile whole (compile/last_compile.py): its output is
byte for byte a cold compile's, and every kind of input change compiles again, to what a cold
compile of the changed project gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from compile_helpers import FIXTURES, REPO, copy_project, run_cli, write_project

REUSED = "(nothing changed since the last compile)"

FILES = {
    "datanet.yml": "name: t\ntarget: dev\nvars:\n  min_amount: 0\n",
    "targets.yml": "dev: {type: duckdb}\nci: {type: duckdb, schema: ci}\n",
    "models/big_orders.sql": """
        select order_id, ordered_at, {{ dollars('amount') }} as dollars, {{ loud.shout('status') }} as status,
               '{{ env_var("DN_TEST_REGION", "eu") }}' as region
        from {{ source('raw', 'orders') }}
        where amount > {{ var('min_amount') }}
    """,
    "models/daily.sql": """
        select cast(ordered_at as date) as day, sum(dollars) as dollars
        from {{ ref('big_orders') }} group by 1
    """,
    "models/schema.yml": """
        models:
          - name: big_orders
            description: orders over the minimum
            columns:
              - name: order_id
                data_tests: [unique, not_null]
    """,
    "models/wide.sql": "select * from {{ ref('big_orders') }}\n",
    "macros/dollars.sql": "{% macro dollars(c) %}round({{ c }}, 2){% endmacro %}\n",
    "dbt_packages/loud/dbt_project.yml": "name: loud\nversion: '1.0'\n",
    "dbt_packages/loud/macros/shout.sql": "{% macro shout(c) %}upper({{ c }}){% endmacro %}\n",
}


def outputs(root: Path) -> dict[str, bytes]:
    """What a compile leaves that must not depend on how it got there: datanet's manifest, the
    compiled SQL files it names (a removed model's file stays, as dbt's does in
    target/compiled/) and dbt's manifest but for the times of the compile (its header's
    invocation id and time, each node's created_at)."""
    manifest = (root / ".datanet" / "manifest.json").read_bytes()
    named = {node["compiled_path"] for node in json.loads(manifest)["nodes"].values()
             if node.get("compiled_path")}
    dbt = json.loads((root / "target" / "manifest.json").read_bytes())
    for section in ("nodes", "sources"):
        for node in dbt[section].values():
            node.pop("created_at")
    dbt_body = json.dumps({k: v for k, v in dbt.items() if k != "metadata"}).encode()
    return {"manifest.json": manifest, "target/manifest.json": dbt_body,
            **{rel: (root / rel).read_bytes() for rel in named}}


def compile_(root: Path, *args: str) -> str:
    result = run_cli("compile", "--project-dir", root, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def cold(root: Path, *args: str) -> dict[str, bytes]:
    """The output of a compile with no cache and no earlier output."""
    shutil.rmtree(root / ".datanet")
    shutil.rmtree(root / "target")
    compile_(root, *args)
    return outputs(root)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DN_TEST_REGION", raising=False)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(tmp_path / "profiles"))
    root = write_project(tmp_path / "p", FILES)
    assert REUSED not in compile_(root)
    return root


def test_unchanged_recompile_is_reused_byte_for_byte(project: Path) -> None:
    first = outputs(project)
    dbt_before = json.loads((project / "target" / "manifest.json").read_text())
    out = compile_(project)
    assert REUSED in out and "Compiled 3 models and 2 tests for duckdb" in out
    assert "(0 analysed, 3 unchanged)" in out
    assert outputs(project) == first
    dbt_after = json.loads((project / "target" / "manifest.json").read_text())
    assert dbt_after["metadata"]["invocation_id"] != dbt_before["metadata"]["invocation_id"]
    assert {k: v for k, v in dbt_after.items() if k != "metadata"} == \
        {k: v for k, v in dbt_before.items() if k != "metadata"}
    assert REUSED in compile_(project)  # reused again: its own dbt manifest is not a change
    assert cold(project) == first


def test_touching_a_file_without_changing_it_is_not_a_change(project: Path) -> None:
    path = project / "models" / "daily.sql"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert REUSED in compile_(project)


def _edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return edit


def _add(rel: str, text: str) -> Callable[[Path], None]:
    def add(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return add


CHANGES: dict[str, Callable[[Path], None]] = {
    "model SQL": _edit("models/daily.sql", "sum(dollars)", "max(dollars)"),
    "model YAML": _edit("models/schema.yml", "over the minimum", "over the threshold"),
    # wide.sql selects * from big_orders: its columns, types and lineage follow the edit
    "column added that a child reads": _edit("models/big_orders.sql", "as region",
                                             "as region, order_id * 2 as twice"),
    "column removed that a child reads": _edit("models/big_orders.sql",
                                               "{{ loud.shout('status') }} as status,", ""),
    "column's type changed": _edit("models/big_orders.sql", "select order_id,",
                                   "select cast(order_id as varchar) as order_id,"),
    "macro": _edit("macros/dollars.sql", "round({{ c }}, 2)", "round({{ c }}, 1)"),
    "package file": _edit("dbt_packages/loud/macros/shout.sql", "upper", "lower"),
    "project var": _edit("datanet.yml", "min_amount: 0", "min_amount: 5"),
    "target": _edit("targets.yml", "dev: {type: duckdb}", "dev: {type: duckdb, schema: x}"),
    "source data": _edit("data/orders.csv", "10.5", "10.75"),
    "new model": _add("models/extra.sql", "select 1 as one\n"),
    "removed model": lambda root: (root / "models" / "daily.sql").unlink(),
    "profiles.yml": _add("profiles/profiles.yml", "t:\n  target: dev\n"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_each_kind_of_input_change_compiles_again(project: Path, change: str) -> None:
    CHANGES[change](project)
    assert REUSED not in compile_(project)
    assert outputs(project) == cold(project)


@pytest.mark.parametrize("args", [("--vars", "{min_amount: 7}"), ("--target", "ci"),
                                  ("--dialect", "postgres")])
def test_each_option_that_changes_output_compiles_again(project: Path, args: tuple[str, ...]
                                                        ) -> None:
    assert REUSED not in compile_(project, *args)
    assert REUSED in compile_(project, *args)
    assert REUSED not in compile_(project)


def test_an_environment_variable_a_template_reads(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DN_TEST_REGION", "us")
    assert REUSED not in compile_(project)
    assert "'us' AS \"region\"" in outputs(project)[".datanet/compiled/dev/big_orders.sql"].decode()
    assert REUSED in compile_(project)
    monkeypatch.delenv("DN_TEST_REGION")
    assert REUSED not in compile_(project)  # unset again: the render cache is stale too
    assert "'eu' AS \"region\"" in outputs(project)[".datanet/compiled/dev/big_orders.sql"].decode()


def test_the_semantic_classifier_is_an_input(project: Path) -> None:
    """The project's classifier (`datanet learn` writes it into .datanet/, which is not
    scanned) replaces the user's shared one, which the first compile used (copied here: a
    real `learn` without labels would retrain the shared one)."""
    from datanet_sql.compile.semantics_step import user_model_path

    assert user_model_path().exists()
    own = project / ".datanet" / "semantics" / "model.pkl"
    own.parent.mkdir()
    shutil.copy(user_model_path(), own)
    assert REUSED not in compile_(project)
    assert REUSED in compile_(project)
    own.unlink()
    assert REUSED not in compile_(project)


def test_output_rewritten_by_another_command_compiles_again(project: Path) -> None:
    (project / ".datanet" / "compiled" / "dev" / "daily.sql").unlink()
    assert REUSED not in compile_(project)
    assert (project / ".datanet" / "compiled" / "dev" / "daily.sql").exists()
    compile_(project, "--dialect", "postgres")  # rewrites .datanet/manifest.json
    assert REUSED not in compile_(project)


def test_what_cannot_be_checked_is_never_reused(tmp_path: Path) -> None:
    outside = write_project(tmp_path / "elsewhere", {})
    root = write_project(tmp_path / "p", {
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n      - name: orders\n"
                           f"        path: {outside / 'data' / 'orders.csv'}\n",
        "models/m.sql": "select order_id from {{ source('raw', 'orders') }}\n"})
    compile_(root)
    assert REUSED not in compile_(root)  # a source file outside the project


def test_a_failing_compile_is_never_reused(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": "select nope from {{ source('raw', "
                                                          "'orders') }}\n"})
    for _ in range(2):
        result = run_cli("compile", "--project-dir", root)
        assert result.exit_code == 1 and "nope" in result.stderr


def test_select_prints_sql_from_a_full_compile(project: Path) -> None:
    out = compile_(project, "--select", "daily")
    assert REUSED not in out and "-- daily" in out


def test_a_reused_compile_imports_neither_sqlglot_nor_pydantic(project: Path) -> None:
    """The fast path's point: a fresh process that finds nothing changed loads no compiler."""
    command = [sys.executable, "-X", "importtime", "-m", "datanet_sql", "compile",
               "--project-dir", str(project)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert REUSED in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert not {"sqlglot", "pydantic", "jinja2", "duckdb"} & imported


def test_a_project_copied_elsewhere_compiles_again(project: Path, tmp_path: Path) -> None:
    """Its .datanet/ came along, times and all, but its paths name the old folder."""
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)  # copy2: modification times kept
    out = compile_(copy)
    assert REUSED not in out and str(copy / ".datanet") in out


def test_a_folder_that_cannot_be_listed_is_not_stamped(project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """(Root reads every folder, so the refusal is simulated: listing notes/ fails.)"""
    (project / "notes").mkdir()
    scandir = os.scandir

    def refusing(path: str | Path) -> object:
        if str(path).endswith("notes"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    compile_(project)
    assert REUSED not in compile_(project)


# The edit path (compile/edit_compile.py): model files edited, recompiled alone from the kept
# state. Each edit must give what a cold compile of the edited project gives, and say which
# path it took.
EDITED = "recompiled alone)"

EDITS: dict[str, tuple[Callable[[Path], None], str]] = {
    # wide.sql reads big_orders through `select *`, daily.sql names its columns: both are
    # analysed again (a child is checked against all of its parent's columns)
    "a column added that a child reads": (
        _edit("models/big_orders.sql", "as region", "as region, order_id * 2 as twice"),
        "(3 analysed, 0 unchanged)"),
    # daily.sql is a leaf: nothing reads what it adds
    "a column added that no child reads": (
        _edit("models/daily.sql", "as dollars", "as dollars, count(*) as orders"),
        "(1 analysed, 2 unchanged)"),
    # the same columns out: its children are not analysed again
    "an edit that leaves the columns as they were": (
        _edit("models/big_orders.sql", "amount >", "amount + 0 >"), "(1 analysed, 2 unchanged)"),
    "a column renamed": (_edit("models/big_orders.sql", "as status", "as order_status"),
                         "(3 analysed, 0 unchanged)"),
    "a column's type changed": (
        _edit("models/big_orders.sql", "select order_id,",
              "select cast(order_id as varchar) as order_id,"), "(3 analysed, 0 unchanged)"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edited_model_is_recompiled_alone_as_a_cold_compile_would(project: Path,
                                                                      edit: str) -> None:
    change, analysed = EDITS[edit]
    change(project)
    out = compile_(project)
    assert EDITED in out and analysed in out, out
    assert outputs(project) == cold(project)


def test_edits_in_a_row_each_take_the_edit_path(project: Path) -> None:
    """The edit path keeps the state it starts the next one from; a retype of a column the
    child reads, then its revert."""
    for old, new in (("select order_id,", "select cast(order_id as varchar) as order_id,"),
                     ("select cast(order_id as varchar) as order_id,", "select order_id,")):
        _edit("models/big_orders.sql", old, new)(project)
        assert EDITED in compile_(project)
    assert REUSED in compile_(project)
    assert outputs(project) == cold(project)


WHOLE: dict[str, Callable[[Path], None]] = {
    "model YAML": CHANGES["model YAML"],
    "new model": CHANGES["new model"],
    "removed model": CHANGES["removed model"],
    "a model's config": _edit("models/daily.sql", "select", "{{ config(materialized='table') }}\nselect"),
    "a model's parents": _edit("models/daily.sql", "group by 1",
                               "where exists (select 1 from {{ ref('wide') }}) group by 1"),
    "a macro with a model": lambda root: (CHANGES["macro"](root), CHANGES["model SQL"](root)),
}


@pytest.mark.parametrize("change", list(WHOLE))
def test_what_the_edit_path_does_not_cover_compiles_whole(project: Path, change: str) -> None:
    WHOLE[change](project)
    out = compile_(project)
    assert EDITED not in out and REUSED not in out
    assert outputs(project) == cold(project)


def test_an_edit_that_fails_is_reported_then_fixed(project: Path) -> None:
    """A child that reads a column the edit removed fails as in a whole compile; fixing the
    edit compiles to what a cold compile gives."""
    path = project / "models" / "big_orders.sql"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("{{ dollars('amount') }} as dollars", "amount"),
                    encoding="utf-8")
    result = run_cli("compile", "--project-dir", project)
    assert result.exit_code == 1 and "dollars" in result.stderr and "daily" in result.stderr
    path.write_text(good, encoding="utf-8")
    assert REUSED not in compile_(project)
    assert outputs(project) == cold(project)


def test_an_edited_model_of_a_dbt_project_with_seeds(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """jaffle_shop (dbt_project.yml, seeds, YAML tests on the edited model and its
    children): two edits at once, a column added that a child reads through `select *`."""
    monkeypatch.setenv("DBT_PROFILES_DIR", str(tmp_path / "profiles"))
    root = copy_project(FIXTURES / "jaffle_shop", tmp_path / "jaffle_shop")
    compile_(root)
    _edit("models/staging/stg_customers.sql", "id as customer_id,",
          "id as customer_id, id * 2 as twice_id,")(root)
    _edit("models/staging/stg_orders.sql", "from source", "from source where true")(root)
    out = compile_(root)
    assert "2 edited files recompiled alone" in out, out
    assert outputs(root) == cold(root)


@pytest.mark.parametrize("damage", ["missing", "corrupt", "another compile's"])
def test_a_kept_state_that_is_not_the_stamps_compiles_whole(project: Path, damage: str) -> None:
    state = project / ".datanet" / "cache" / "last_state.pickle"
    if damage == "missing":
        state.unlink()
    elif damage == "corrupt":
        state.write_bytes(b"not a pickle")
    else:  # the state of a compile of another copy, whose id the stamp does not name
        other = project.parent / "other"
        shutil.copytree(project, other)
        shutil.rmtree(other / ".datanet")
        compile_(other)
        shutil.copy(other / ".datanet" / "cache" / "last_state.pickle", state)
    CHANGES["model SQL"](project)
    out = compile_(project)
    assert EDITED not in out and REUSED not in out
    assert outputs(project) == cold(project)
