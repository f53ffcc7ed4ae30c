"""infer, learn, profile, mock and heal through the CLI, on a small messy project."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import yaml
from click.testing import CliRunner

from datanet_sql.cli.main import cli

PEOPLE = "id,email,country,zip,signup\n" + "".join(
    f"{i},person{i}@example.com,{cc},{i:05d},2024-01-{1 + i % 28:02d}\n"
    for i, cc in enumerate(["US", "DE", "FR", "ES", "IT"] * 12, start=1))


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    for folder in ("data", "models", "sources"):
        (root / folder).mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\n")
    (root / "data" / "people.csv").write_text(PEOPLE)
    (root / "sources" / "raw.yml").write_text(textwrap.dedent("""
        sources:
          - name: raw
            tables:
              - name: people
                path: data/people.csv
                columns:
                  - {name: zip, semantic: postal_code}
        """))
    (root / "models" / "by_country.sql").write_text(
        "select country, count(*) as people from {{ source('raw', 'people') }} group by 1\n")
    return root


def _cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def test_infer_json_lists_every_source_column_with_its_evidence(tmp_path: Path) -> None:
    root = _project(tmp_path)
    rows = json.loads(_cli(root, "infer", "--output", "json"))
    by_column = {r["column"]: r for r in rows}
    assert set(rows[0]) >= {"source", "table", "column", "type", "semantic", "confidence", "pii",
                            "evidence"}
    assert (by_column["email"]["semantic"], by_column["email"]["pii"]) == ("email", True)
    assert by_column["country"]["semantic"] == "country_code"
    assert by_column["zip"]["evidence"] == ["declared in YAML"]
    table = _cli(root, "infer")
    assert "email" in table and "country_code" in table


def test_infer_write_and_learn_record_the_confirmed_labels(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _cli(root, "infer", "--write")
    profile = yaml.safe_load((root / "profiles" / "raw.people.yml").read_text())
    zip_column = next(c for c in profile["columns"] if c["name"] == "zip")
    assert zip_column["semantic"] == "postal_code" and zip_column["confirmed"] is True
    output = _cli(root, "learn")
    assert "with 1 confirmed label" in output
    assert (root / ".datanet" / "semantics" / "model.pkl").exists()


def test_learn_without_confirmed_labels_leaves_every_classifier_as_it_is(tmp_path: Path) -> None:
    """It used to retrain the classifier shared by every project (~/.cache/datanet) while
    saying it wrote the project's own."""
    from datanet_sql.compile.semantics_step import user_model_path

    shared = user_model_path()
    before = shared.stat().st_mtime_ns if shared.exists() else None
    root = _project(tmp_path)
    sources = root / "sources" / "raw.yml"  # the declared `semantic:` is a confirmed label
    sources.write_text(sources.read_text().replace("{name: zip, semantic: postal_code}",
                                                   "{name: zip}"))
    output = _cli(root, "learn")
    assert "No confirmed `semantic:` labels in the project: nothing to learn" in output
    assert not (root / ".datanet" / "semantics" / "model.pkl").exists()
    assert (shared.stat().st_mtime_ns if shared.exists() else None) == before


def test_profile_then_mock_to_files_and_into_the_warehouse(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _cli(root, "profile")
    profile = yaml.safe_load((root / "profiles" / "raw.people.yml").read_text())
    assert profile["row_count"] == 60
    out = tmp_path / "mocks"
    _cli(root, "mock", "--rows", "200", "--seed", "3", "--out", str(out), "--format", "parquet")
    table = pq.read_table(out / "raw.people.parquet")
    assert table.num_rows == 200
    assert len(set(table.column("id").to_pylist())) == 200  # unique stays unique
    emails = set(table.column("email").to_pylist())
    assert not emails & {f"person{i}@example.com" for i in range(1, 61)}  # no real value
    again = tmp_path / "again"
    _cli(root, "mock", "--rows", "200", "--seed", "3", "--out", str(again))
    assert pq.read_table(again / "raw.people.parquet").equals(table)  # same seed, same rows
    _cli(root, "mock", "--rows", "50")   # into the mock warehouse, never the dev one
    with duckdb.connect(str(root / ".datanet" / "mock.duckdb"), read_only=True) as con:
        assert con.execute('select count(*) from "raw"."people"').fetchone() == (50,)


def test_heal_plan_says_nothing_changed_then_accept_records_a_change(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _cli(root, "run")
    assert "nothing to heal" in _cli(root, "heal", "--plan")
    data = root / "data" / "people.csv"
    data.write_text(data.read_text().replace("id,email,", "id,EMAIL,", 1))
    assert "re-cased to EMAIL" in _cli(root, "heal", "--plan")
    assert "accepted the live schema of raw.people" in _cli(root, "heal", "--accept",
                                                            "raw.people")
    profile = yaml.safe_load((root / "profiles" / "raw.people.yml").read_text())
    assert "EMAIL" in [c["name"] for c in profile["columns"]]
