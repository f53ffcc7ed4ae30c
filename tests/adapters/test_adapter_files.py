"""Engine-free parts of the adapters: file formats, options, SQL the builders emit."""

from __future__ import annotations

import pyarrow as pa
import pytest
from sqlglot import exp, parse_one

from datanet_sql.adapters import files
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.adapters.postgres import _scrub
from datanet_sql.errors import ConfigError


@pytest.mark.parametrize("path,fmt,expected", [
    ("a.csv", None, "csv"), ("dir/*.parquet", None, "parquet"), ("x.jsonl", None, "json"),
    ("x.data", "ndjson", "json"), ("x.tsv", None, "csv")])
def test_detect_format(path: str, fmt: str | None, expected: str) -> None:
    assert files.detect_format(path, fmt) == expected


def test_unknown_format_and_option_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="format"):
        files.detect_format("x.xlsx")
    with pytest.raises(ConfigError, match="delimeter"):
        files.csv_options({"delimeter": ";"})
    assert files.csv_options({"delim": ";"})["delimiter"] == ";"  # DuckDB's spelling is an alias


def test_arrow_types_map_to_sql_types() -> None:
    schema = pa.schema([("a", pa.int32()), ("b", pa.timestamp("us", tz="UTC")),
                        ("c", pa.decimal128(10, 2)), ("d", pa.list_(pa.int64())),
                        ("e", pa.null()), ("f", pa.dictionary(pa.int8(), pa.string()))])
    create = files.create_from_arrow(Relation("t", "s"), schema)
    assert create.sql(dialect="postgres") == (
        'CREATE TABLE "s"."t" ("a" INT, "b" TIMESTAMPTZ, "c" DECIMAL(10, 2), "d" JSONB, '
        '"e" TEXT, "f" TEXT)')


def test_merge_builder_is_standard_merge() -> None:
    adapter = DuckDBAdapter({})
    merge = adapter.merge(Relation("t", "s"), parse_one("SELECT 1 AS id, 2 AS v"), ["id"],
                          ["id", "v"])
    assert isinstance(merge, exp.Merge)
    assert merge.sql(dialect="postgres") == (
        'MERGE INTO "s"."t" AS __dn_t USING (SELECT 1 AS id, 2 AS v) AS __dn_s ON '
        '"__dn_t"."id" = "__dn_s"."id" WHEN MATCHED THEN UPDATE SET "v" = "__dn_s"."v" '
        'WHEN NOT MATCHED THEN INSERT ("id", "v") VALUES ("__dn_s"."id", "__dn_s"."v")')


def test_merge_with_only_key_columns_only_inserts() -> None:
    merge = DuckDBAdapter({}).merge(Relation("t"), parse_one("SELECT 1 AS id"), ["id"], ["id"])
    assert "UPDATE" not in merge.sql() and "INSERT" in merge.sql()


@pytest.mark.parametrize("text", ["postgresql://u:pw-1@h:5/d failed", "password=pw-1 host=h",
                                  "PASSWORD = 'pw-1'"])
def test_scrub_removes_passwords(text: str) -> None:
    assert "pw-1" not in _scrub(text, [])
    assert "pw-1" not in _scrub("said pw-1", ["pw-1"])


def _nested_csvs(root) -> str:
    """Three CSV files at three depths; the `**` glob over them."""
    for depth, folder in enumerate([root, root / "2024", root / "2024" / "06"], start=1):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"part{depth}.csv").write_text(f"id,v\n{depth},x\n", encoding="utf-8")
    return str(root / "**" / "*.csv")


def test_double_star_globs_are_recursive(tmp_path) -> None:
    pattern = _nested_csvs(tmp_path / "landing")
    assert [p.rsplit("/", 1)[1] for p in files.expand(pattern)] == [
        "part3.csv", "part2.csv", "part1.csv"]  # sorted by full path: 2024/06/ < 2024/part2


@pytest.mark.parametrize("path, fmt, options, delimiter", [
    ("a.tsv", None, {}, "\t"), ("a.TAB", None, None, "\t"), ("a.txt", "tsv", {}, "\t"),
    ("a.tsv", None, {"sep": ";"}, ";"), ("a.csv", None, {}, ",")])
def test_tab_separated_files_split_on_tabs(path: str, fmt: str | None, options: dict | None,
                                           delimiter: str) -> None:
    assert files.detect_format(path, fmt) == "csv"
    assert files.csv_options(files.source_options(path, fmt, options))["delimiter"] == delimiter


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_engines_load_tsv_and_nested_globs(engine: str, request: pytest.FixtureRequest,
                                           tmp_path) -> None:
    adapter = request.getfixturevalue(f"{engine}_adapter")
    tsv = tmp_path / "people.tsv"
    tsv.write_text("id\tname\n1\tann, the first\n2\tbob\n", encoding="utf-8")
    people = Relation("tsv_people", adapter.schema_of(Relation("x")))
    assert adapter.load_file(people, str(tsv), "csv",
                             files.source_options(str(tsv), None, {})) == 2
    assert adapter.fetch(exp.select("name").from_(people.table()).order_by("id"))[1] == [
        ("ann, the first",), ("bob",)]
    parts = Relation("nested_parts", people.schema)
    assert adapter.load_file(parts, _nested_csvs(tmp_path / "landing"), "csv") == 3
    assert adapter.fetch(exp.select("id").from_(parts.table()).order_by("id"))[1] == [
        (1,), (2,), (3,)]


def test_a_project_reads_tsv_and_nested_folders(tmp_path) -> None:
    """The source's file options reach the engine: a `.tsv` source and a `**` source in a run."""
    from run.helpers import query, run, write_project

    root = write_project(tmp_path / "p", {
        "data/people.tsv": "id\tname\n1\tann, the first\n",
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                           "      - {name: people, path: data/people.tsv}\n"
                           "      - {name: parts, path: 'landing/**/*.csv'}\n",
        "models/m.sql": "select p.name, count(*) as parts from {{ source('raw', 'people') }} p "
                        "cross join {{ source('raw', 'parts') }} group by p.name\n"})
    _nested_csvs(root / "landing")
    assert run(root).success
    assert query(root, "select * from main.m") == [("ann, the first", 3)]
