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
