"""Each materialization on real DuckDB: view, table, incremental (append, merge,
delete+insert, --full-refresh), ephemeral, seeds, and file sources read without a load step."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.run.session import open_session
from run.helpers import query, relation_kind, run, statuses, write, write_project

EVENTS = """\
id,name,amount,updated_at
1,ann,10,2024-01-01 00:00:00
2,bob,20,2024-01-01 00:00:00
3,cid,30,2024-01-01 00:00:00
"""
# a second batch arrives: row 2 is updated, row 4 is new
MORE_EVENTS = """\
2,bobby,25,2024-01-02 00:00:00
4,dan,40,2024-01-02 00:00:00
"""

_LATEST = """
select * from {{ source('raw', 'events') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
qualify row_number() over (partition by id order by updated_at desc) = 1
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", {
        "data/events.csv": EVENTS,
        "sources/raw.yml": """
            sources:
              - name: raw
                tables:
                  - name: events
                    path: data/events.csv
            """,
        "models/events_view.sql": "{{ config(materialized='view') }}\n"
                                  "select * from {{ source('raw', 'events') }}",
        "models/events_table.sql": "{{ config(materialized='table') }}\n"
                                   "select id, upper(name) as name from {{ ref('events_view') }}",
        "models/inc_append.sql": """
            {{ config(materialized='incremental') }}
            select * from {{ source('raw', 'events') }}
            {% if is_incremental() %}
            where id > (select max(id) from {{ this }})
            {% endif %}
            """,
        "models/inc_merge.sql": "{{ config(materialized='incremental', unique_key='id') }}"
                                + _LATEST,
        "models/inc_delete_insert.sql": "{{ config(materialized='incremental', unique_key='id', "
                                        "incremental_strategy='delete+insert') }}" + _LATEST,
        "models/big_amounts.sql": "{{ config(materialized='ephemeral') }}\n"
                                  "select * from {{ ref('events_view') }} where amount >= 20",
        "models/big_names.sql": "{{ config(materialized='table') }}\n"
                                "select name from {{ ref('big_amounts') }} order by name",
    })


def _append_events(root: Path) -> None:
    with open(root / "data" / "events.csv", "a", encoding="utf-8") as f:
        f.write(MORE_EVENTS)


def _rows(root: Path, table: str) -> list[tuple]:
    return query(root, f"select id, name, amount from {table} order by all")


def test_view_and_table(project: Path) -> None:
    results = run(project)
    assert results.success, [r.message for r in results.failed]
    assert relation_kind(project, "events_view") == "VIEW"
    assert relation_kind(project, "events_table") == "BASE TABLE"
    assert query(project, "select * from events_table order by id") == [
        (1, "ANN"), (2, "BOB"), (3, "CID")]
    # a view follows its source file; a table holds what it held at build time
    _append_events(project)
    assert query(project, "select count(*) from events_view") == [(5,)]
    assert query(project, "select count(*) from events_table") == [(3,)]
    assert run(project, select=("events_table",)).success
    assert query(project, "select count(*) from events_table") == [(5,)]
    # no temporary relation is left behind by the swap
    assert query(project, "select count(*) from information_schema.tables "
                          "where table_name like '%__dn_%'") == [(0,)]


def test_models_are_built_from_their_compiled_sql_as_written(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CREATE of a view or table embeds the compiled SQL as compile wrote it (pretty,
    with its comments: not parsed and generated again), and a table's row count is the one
    its CREATE reported, with no COUNT(*) query after it."""
    sent: list[str] = []
    for name in ("execute", "fetch"):
        original = getattr(DuckDBAdapter, name)

        def recording(adapter: DuckDBAdapter, sql: object, _original=original) -> object:
            sent.append(adapter.sql(sql))  # type: ignore[arg-type]
            return _original(adapter, sql)

        monkeypatch.setattr(DuckDBAdapter, name, recording)
    results = run(project, select=("events_view", "events_table"))
    assert results.success, [r.message for r in results.failed]
    rows = {r.name: r.rows for r in results.results}
    assert (rows["events_view"], rows["events_table"]) == (None, 3)
    session = open_session(project)
    compiled = {n: session.manifest.find_model(n).compiled_sql
                for n in ("events_view", "events_table")}
    session.close()
    for name, kind in (("events_view", "VIEW"), ("events_table", "TABLE")):
        assert "\n" in compiled[name]  # compile writes it pretty: a regenerated one is not
        assert [s for s in sent if s.startswith(f"CREATE OR REPLACE {kind}") and
                s.endswith(f"AS {compiled[name]}")], name
    build = next(i for i, s in enumerate(sent) if s.endswith(f"AS {compiled['events_table']}"))
    assert not [s for s in sent[build + 1:] if "COUNT(*)" in s.upper() and
                s.upper().endswith('"EVENTS_TABLE"')]


def test_incremental_second_run_adds_or_merges_only_new_rows(project: Path) -> None:
    assert run(project).success
    first = [(1, "ann", 10), (2, "bob", 20), (3, "cid", 30)]
    for table in ("inc_append", "inc_merge", "inc_delete_insert"):
        assert _rows(project, table) == first
    _append_events(project)
    results = run(project)
    assert results.success, [r.message for r in results.failed]
    by_name = {r.name: r for r in results.results}
    # append: only the row with a new id is added (the filter keeps id > max(id))
    assert _rows(project, "inc_append") == [*first, (4, "dan", 40)]
    assert by_name["inc_append"].message == "append: +1 rows"
    # merge on unique_key: row 2 is updated in place (not duplicated), row 4 added
    merged = [(1, "ann", 10), (2, "bobby", 25), (3, "cid", 30), (4, "dan", 40)]
    assert _rows(project, "inc_merge") == merged
    assert by_name["inc_merge"].message == "merge: +1 rows"
    assert _rows(project, "inc_delete_insert") == merged
    assert by_name["inc_delete_insert"].message == "delete+insert: +1 rows"
    assert by_name["inc_merge"].rows == 4
    # a third run with no new data changes nothing
    run(project)
    assert _rows(project, "inc_merge") == merged
    assert _rows(project, "inc_append") == [*first, (4, "dan", 40)]


def test_full_refresh_rebuilds_incremental_models(project: Path) -> None:
    run(project)
    _append_events(project)
    run(project)
    results = run(project, full_refresh=True)
    assert results.success
    # rebuilt from the whole file: the append model now has both versions of row 2
    assert _rows(project, "inc_append") == [(1, "ann", 10), (2, "bob", 20), (2, "bobby", 25),
                                            (3, "cid", 30), (4, "dan", 40)]
    assert {r.name: r.message for r in results.results}["inc_merge"] == \
        "built incremental table (full)"


def test_ephemeral_creates_no_relation_and_children_work(project: Path) -> None:
    results = run(project)
    assert statuses(results)["big_amounts"] == "success"
    assert relation_kind(project, "big_amounts") is None
    assert query(project, "select name from big_names") == [("bob",), ("cid",)]


def test_seeds_infer_types_and_honour_column_types(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "seeds/codes.csv": "code,zip,price,day,label\n1,007,1.50,2024-01-02,a\n2,010,2.25,"
                           "2024-02-03,b\n",
        "seeds/schema.yml": """
            seeds:
              - name: codes
                config:
                  column_types: {zip: varchar, price: "decimal(10,2)"}
            """,
        "models/priced.sql": "select code, zip, price * 2 as double_price from {{ ref('codes') }}",
    })
    results = run(root, "seed")
    assert statuses(results) == {"codes": "success"}
    assert results.results[0].rows == 2
    types = dict(query(root, "select column_name, data_type from information_schema.columns "
                             "where table_name = 'codes'"))
    assert types == {"code": "BIGINT", "zip": "VARCHAR", "price": "DECIMAL(10,2)",
                     "day": "DATE", "label": "VARCHAR"}
    assert query(root, "select zip from codes order by code") == [("007",), ("010",)]
    assert run(root).success  # `run` loads seeds too, then the model reads them
    assert query(root, "select zip, double_price::varchar from priced order by code") == [
        ("007", "3.00"), ("010", "4.50")]


def test_file_sources_are_readable_without_a_load_step(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "data" / "parts").mkdir(parents=True)
    con = duckdb.connect()
    con.execute(f"copy (select range as id, 'p' || range as name from range(5)) "
                f"to '{root / 'data' / 'items.parquet'}' (format parquet)")
    con.close()
    write(root, "data/parts/a.csv", "id,v\n1,x\n2,y\n")
    write(root, "data/parts/b.csv", "id,v\n3,z\n")
    write(root, "data/clicks.ndjson", '{"id": 1, "tags": ["a", "b"]}\n{"id": 2, "tags": []}\n')
    write(root, "data/people.txt", "id;who\n1;al\n")
    write_project(root, {
        "sources/files.yml": """
            sources:
              - name: files
                tables:
                  - {name: items, path: data/items.parquet}
                  - {name: parts, path: "data/parts/*.csv"}
                  - {name: clicks, path: data/clicks.ndjson}
                  - {name: people, path: data/people.txt, format: csv, options: {delim: ";"}}
            """,
        "models/counts.sql": """
            {{ config(materialized='table') }}
            select
              (select count(*) from {{ source('files', 'items') }}) as items,
              (select sum(id) from {{ source('files', 'parts') }}) as part_ids,
              (select sum(len(tags)) from {{ source('files', 'clicks') }}) as tags,
              (select max(who) from {{ source('files', 'people') }}) as who
            """,
    })
    results = run(root)
    assert results.success, [r.message for r in results.failed]
    assert query(root, "select * from counts") == [(5, 6, 2, "al")]
    # a new file matching the glob is read on the next run, with no load step in between
    write(root, "data/parts/c.csv", "id,v\n10,w\n")
    assert run(root).success
    assert query(root, "select part_ids from counts") == [(16,)]


def test_parquet_read_in_place_gets_the_loaders_hive_keys_and_binary_text(tmp_path: Path
                                                                          ) -> None:
    """A Parquet source without `load:` is a view reading what a load reads: text stored as
    binary (no UTF8 annotation) is text when every value is UTF-8, bytes that are not stay
    binary, and a Hive key that is also a column of the files leaves the files' values
    (DuckDB's own guess would put the folder's name over them)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path / "p"
    for year, names in ((2020, [b"Da Udine", "Café".encode()]), (2021, [b"Titian"])):
        folder = root / "data" / "art" / f"year={year}"
        folder.mkdir(parents=True)
        pq.write_table(pa.table({"name": pa.array(names, pa.binary()),
                                 "raw": pa.array([b"\xff"] * len(names), pa.binary()),
                                 "year": [1500] * len(names)}), folder / "part-0.parquet")
    write_project(root, {
        "sources/files.yml": """
            sources:
              - name: files
                tables:
                  - {name: art, path: "data/art/*/*.parquet"}
            """,
        "models/art.sql": "select * from {{ source('files', 'art') }} order by name\n",
    })
    results = run(root)
    assert results.success, [r.message for r in results.failed]
    assert query(root, "select name, raw, year from art") == [
        ("Café", b"\xff", 1500), ("Da Udine", b"\xff", 1500), ("Titian", b"\xff", 1500)]
    assert query(root, "select data_type from information_schema.columns where table_name = "
                       "'art' and table_schema = 'main' order by ordinal_position") == [
        ("VARCHAR",), ("BLOB",), ("BIGINT",)]


def test_failed_incremental_run_leaves_the_table_as_it_was(project: Path) -> None:
    run(project)
    write(project, "models/inc_merge.sql", """
        {{ config(materialized='incremental', unique_key='id') }}
        select id, name, amount, updated_at from {{ source('raw', 'events') }}
        {% if is_incremental() %}
        where cast(name as integer) > 0
        {% endif %}
        """)
    _append_events(project)
    results = run(project, select=("inc_merge",))
    assert statuses(results)["inc_merge"] == "error"
    assert "Conversion Error" in results.failed[0].message
    assert _rows(project, "inc_merge") == [(1, "ann", 10), (2, "bob", 20), (3, "cid", 30)]


def test_changing_materialization_replaces_the_relation(project: Path) -> None:
    run(project, select=("events_view", "events_table"))
    write(project, "models/events_table.sql", "{{ config(materialized='view') }}\n"
                                              "select id from {{ ref('events_view') }}")
    write(project, "models/events_view.sql", "{{ config(materialized='table') }}\n"
                                             "select * from {{ source('raw', 'events') }}")
    assert run(project, select=("events_view", "events_table")).success
    assert relation_kind(project, "events_view") == "BASE TABLE"
    assert relation_kind(project, "events_table") == "VIEW"
    assert query(project, "select count(*) from events_table") == [(3,)]


def test_merge_on_a_composite_unique_key(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "data/stock.csv": "shop,sku,qty\n1,a,5\n1,b,6\n2,a,7\n",
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                           "      - {name: stock, path: data/stock.csv}\n",
        "models/stock.sql": "{{ config(materialized='incremental', "
                            "unique_key=['shop', 'sku']) }}\n"
                            "select * from {{ source('raw', 'stock') }}",
    })
    assert run(root).success
    write(root, "data/stock.csv", "shop,sku,qty\n1,b,60\n2,b,8\n")
    results = run(root)
    assert results.success, [r.message for r in results.failed]
    assert query(root, "select * from stock order by all") == [
        (1, "a", 5), (1, "b", 60), (2, "a", 7), (2, "b", 8)]
