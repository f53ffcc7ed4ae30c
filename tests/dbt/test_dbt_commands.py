"""deps, clean and debug, as dbt users reach for them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import yaml
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli


def _datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _package(folder: Path, name: str) -> Path:
    (folder / "macros").mkdir(parents=True)
    (folder / "dbt_project.yml").write_text(yaml.safe_dump({"name": name, "version": "1.0"}))
    (folder / "macros" / "m.sql").write_text("{% macro double(x) %}{{ x }} * 2{% endmacro %}")
    return folder


def _project(root: Path, packages: list[dict]) -> Path:
    root.mkdir(parents=True)
    (root / "dbt_project.yml").write_text(yaml.safe_dump({"name": "p", "profile": "p"}))
    (root / "profiles.yml").write_text(yaml.safe_dump(
        {"p": {"target": "dev", "outputs": {"dev": {"type": "duckdb", "path": "p.duckdb"}}}}))
    (root / "packages.yml").write_text(yaml.safe_dump({"packages": packages}))
    return root


def test_deps_installs_local_and_git_packages_under_their_own_names(tmp_path: Path) -> None:
    _package(tmp_path / "helpers-src", "my_helpers")
    repo = _package(tmp_path / "repo", "git_helpers")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.email=x@y", "-c", "user.name=x",
                                                    "commit", "-qm", "v1"]):
        subprocess.run(["git", *command], cwd=repo, check=True)
    root = _project(tmp_path / "p", [{"local": "../helpers-src"},
                                      {"git": str(repo), "revision": "HEAD"}])
    result = _datanet("deps", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert (root / "dbt_packages" / "my_helpers" / "macros" / "m.sql").exists()
    assert (root / "dbt_packages" / "git_helpers" / "dbt_project.yml").exists()
    assert "copied" in result.output and "cloned" in result.output
    assert _datanet("deps", "--project-dir", root).exit_code == 0  # again: replaced in place


def test_a_hub_package_not_installed_is_a_clear_error_and_an_installed_one_is_used(
        tmp_path: Path) -> None:
    root = _project(tmp_path / "p", [{"package": "dbt-labs/dbt_utils", "version": "1.1.1"}])
    result = _datanet("deps", "--project-dir", root)
    assert result.exit_code == 1
    assert "packages.yml:2" in result.output and "dbt-labs/dbt_utils" in result.output
    assert "needs the network" in result.output and "Traceback" not in result.output
    _package(root / "dbt_packages" / "dbt_utils", "dbt_utils")  # as `dbt deps` left it
    result = _datanet("deps", "--project-dir", root)
    assert result.exit_code == 0 and "present" in result.output


def test_an_unreachable_git_package_says_so(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", [{"git": str(tmp_path / "no-such-repo")}])
    result = _datanet("deps", "--project-dir", root)
    assert result.exit_code == 1 and "could not fetch git package" in result.output


def test_clean_removes_what_a_build_remakes_and_keeps_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    assert _datanet("init", root).exit_code == 0
    assert _datanet("build", "--project-dir", root).exit_code == 0
    result = _datanet("clean", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert not (root / ".datanet" / "compiled").exists() and not (root / "target").exists()
    assert (root / ".datanet" / "dev.duckdb").exists()  # the warehouse is not a build artifact


def test_debug_checks_project_target_and_connection(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", [])
    result = _datanet("debug", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "dbt_project.yml" in result.output and "connection\tOK" in result.output
    assert "dev (duckdb" in result.output


def test_dependencies_yml_is_installed_and_its_package_used_once_installed(
        tmp_path: Path) -> None:
    """dbt 1.6's dependencies.yml lists packages as packages.yml does; before `deps` a warning
    names the file and says what to run (dbt refuses), after it the macro runs."""
    _package(tmp_path / "helpers-src", "my_helpers")
    root = _project(tmp_path / "p", [])
    (root / "packages.yml").unlink()
    (root / "dependencies.yml").write_text(yaml.safe_dump(
        {"packages": [{"local": "../helpers-src"}]}))
    (root / "models").mkdir()
    (root / "models" / "m.sql").write_text("select {{ my_helpers.double(21) }} as v")
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "dependencies.yml: 1 package(s) listed, 0 installed in dbt_packages/: run " \
           "`datanet deps`" in result.output
    result = _datanet("deps", "--project-dir", root)
    assert result.exit_code == 0 and "my_helpers" in result.output
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "installed in dbt_packages" not in result.output
    with duckdb.connect(str(root / "p.duckdb"), read_only=True) as con:
        assert con.execute("select v from main.m").fetchall() == [(42,)]


def test_clean_removes_dbts_clean_targets_and_refuses_one_outside_before_removing(
        tmp_path: Path) -> None:
    root = _project(tmp_path / "p", [])
    (root / "dbt_project.yml").write_text(yaml.safe_dump(
        {"name": "p", "profile": "p", "clean-targets": ["target", "dbt_packages", "logs"]}))
    (root / "models").mkdir()
    (root / "models" / "m.sql").write_text("select 1 as v")
    for folder in ("dbt_packages/x", "logs"):
        (root / folder).mkdir(parents=True)
    assert _datanet("build", "--project-dir", root).exit_code == 0
    result = _datanet("clean", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert not any((root / name).exists() for name in ("target", "dbt_packages", "logs"))
    assert (root / "p.duckdb").exists() and (root / "models" / "m.sql").exists()
    (root / "logs").mkdir()
    (root / "dbt_project.yml").write_text(yaml.safe_dump(
        {"name": "p", "profile": "p", "clean-targets": ["logs", "../elsewhere"]}))
    result = _datanet("clean", "--project-dir", root)
    assert result.exit_code == 1 and "is outside the project" in result.output
    assert (root / "logs").exists()  # nothing removed before the refusal
