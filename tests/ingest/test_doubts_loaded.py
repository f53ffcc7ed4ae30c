"""The generic doubt checks on the two reads that had none: a CSV a DuckDB warehouse loads
by DuckDB's own scan, never read into Arrow (`scan_doubts`: the sample is the rows the scan
inserted), and a database table, SQLite or Postgres (`doubts.check_table`: the checks of
its values and of names that are values; a file's header-line checks do not apply). Real
files and databases written here; `NoArrow` makes sure a CSV took the scan."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

import pytest
from ingest_helpers import PG_DSN, NoArrow, Place, pg_source_schema

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source, read_table

KEYED = ("column(s) host_web1 (host=...), load_1 (load=...), temp_2 (temp=...) start every "
         "value with the same key: key=value records read as delimited text, the names not "
         "in the header; they need a reader of their layout, or the keys stripped into a "
         "header")
CITIES = ["São Paulo", "Zürich", "東京", "Kraków", "Ōsaka 🌸", "Malmö"]


def landed(root: Path, name: str, text: str) -> Path:
    (root / "landing").mkdir(exist_ok=True)
    path = root / "landing" / name
    path.write_text(text, encoding="utf-8")
    return path


def doubts(notes: list[str], label: str = "") -> list[str]:
    """The doubt notes among a load's read notes, without their label (`label: doubt: `;
    a file's loaded through a loader have none)."""
    prefix = f"{label}: doubt: " if label else "doubt: "
    return [n.removeprefix(prefix) for n in notes if n.startswith(prefix)]


def payload(n: int) -> str:
    return base64.b64encode(json.dumps({"weight": n, "height": 150 + n}).encode()).decode()


def clean(rows: int) -> str:
    """A CSV with unicode text, missing values, numbers, dates, one column of `a=b`."""
    return "id,city,note,amount,day,formula\n" + "".join(
        f'{i},{CITIES[i % 6]},{"" if i % 5 else "checked"},{"" if i % 7 == 0 else i * 1.5},'
        f"2024-01-{1 + i % 28:02d},x={i}\n" for i in range(1, rows + 1))


def test_key_value_records_loaded_by_duckdbs_scan_are_noted(tmp_path: Path,
                                                            adapter: DuckDBAdapter) -> None:
    landed(tmp_path, "metrics.csv", "".join(f"host=web{a % 3},load={a},temp={a * 2}\n"
                                            for a in range(1, 1201)))
    place = Place(adapter, "main", "main")
    result = load(adapter, place.job(tmp_path, "metrics", "replace"), NoArrow())
    assert doubts(result.read_notes) == [KEYED]
    assert place.rows("metrics", "count(*), min(host_web1), max(load_1)") == [
        (1199, "host=web0", "load=999")]


def test_a_folder_scanned_at_once_is_doubted_on_its_rows(tmp_path: Path,
                                                        adapter: DuckDBAdapter) -> None:
    """incremental_files: the files in one scan, the sample the rows of the batch's files."""
    for part in range(3):
        landed(tmp_path, f"push-{part}.csv", "id,payload\n" + "".join(
            f"{n},{payload(n)}\n" for n in range(part * 400, part * 400 + 400)))
    place = Place(adapter, "main", "main")
    result = load(adapter, place.job(tmp_path, "push", "incremental_files"), NoArrow())
    assert doubts(result.read_notes) == [
        (f"column payload holds base64 of JSON ({payload(0)[:20]}...): the records are inside "
        f"it; decode them before loading")]
    assert place.rows("push", "count(*), count(distinct _datanet_file)") == [(1200, 3)]


def test_the_sample_is_the_rows_the_load_added(tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """An appended file is doubted on its own rows, not on those the table held before
    (nor a folder's new file on its older files' rows)."""
    place = Place(adapter, "main", "main")
    for mode in ("append", "incremental_files"):
        for old in (tmp_path / "landing").glob("*.csv"):
            old.unlink()
        landed(tmp_path, "a.csv", "id,payload\n" + "".join(f"{n},{payload(n)}\n"
                                                           for n in range(600)))
        first = load(adapter, place.job(tmp_path, f"{mode}_rows", mode), NoArrow())
        assert len(doubts(first.read_notes)) == 1
        landed(tmp_path, "b.csv", "id,payload\n" + "".join(f"{n},{CITIES[n % 6]}\n"
                                                           for n in range(600, 900)))
        second = load(adapter, place.job(tmp_path, f"{mode}_rows", mode), NoArrow())
        assert (second.rows, doubts(second.read_notes)) == (300, [])
        assert place.rows(f"{mode}_rows", "count(*)") == [(900,)]


def test_a_clean_big_csv_loaded_by_the_scan_is_quiet(tmp_path: Path,
                                                     adapter: DuckDBAdapter) -> None:
    landed(tmp_path, "sales.csv", clean(3000))
    place = Place(adapter, "main", "main")
    result = load(adapter, place.job(tmp_path, "sales", "replace"), NoArrow())
    assert result.rows == 3000
    assert doubts(result.read_notes) == []
    assert place.rows("sales", "id, city, note, amount, formula", "id")[:5] == [
        (1, "Zürich", None, 1.5, "x=1"), (2, "東京", None, 3.0, "x=2"),
        (3, "Kraków", None, 4.5, "x=3"), (4, "Ōsaka 🌸", None, 6.0, "x=4"),
        (5, "Malmö", "checked", 7.5, "x=5")]


def test_every_record_rejected_by_the_scan_is_refused_the_table_untouched(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """The layout told (`delimiter: ','`) but the file written with `;`: every record is a
    reject. Refused inside the scan's transaction: the table, its ledger and its rejects
    are as the last load left them. With declared types the rejects are the user's rule's:
    loaded as rejects, not refused."""
    options = {"delimiter": ",", "header": True}
    path = landed(tmp_path, "orders.csv", "id,name\n" + "".join(f"{n},n{n}\n"
                                                               for n in range(30)))
    place = Place(adapter, "main", "main")
    assert load(adapter, place.job(tmp_path, "orders", "replace", options=options),
                NoArrow()).rows == 30
    before = place.state("orders")
    path.write_text("id,name\n" + "".join(f"{n};n{n}\n" for n in range(40)))
    with pytest.raises(IngestError, match="no row read: every one of its 40 record"):
        load(adapter, place.job(tmp_path, "orders", "replace", options=options), NoArrow())
    assert place.state("orders") == before
    declared = load(adapter, place.job(tmp_path, "orders", "replace", options=options,
                                       columns={"id": "integer", "name": "varchar"}),
                    reading)   # a scan of no row with declared types is read into Arrow
    assert (declared.rows, declared.rejects) == (0, 40)


def sqlite_table(path: Path, create: str, rows: list[tuple]) -> Path:
    with sqlite3.connect(path) as con:
        con.execute(create)
        marks = ", ".join("?" * len(rows[0]))
        con.executemany(f"insert into {create.split()[2]} values ({marks})", rows)
    return path


def test_a_sqlite_table_of_key_value_text_is_noted_once(tmp_path: Path,
                                                        adapter: DuckDBAdapter) -> None:
    db = sqlite_table(tmp_path / "logs.db", "create table events (id integer primary key, "
                      "host text, level text)",
                      [(n, f"host=web{n % 3}", f"level={'info' if n % 4 else 'warn'}")
                       for n in range(1, 41)])
    note = ("column(s) host (host=...), level (level=...) start every value with the same "
            "key: key=value records read as delimited text, the names not in the header; "
            "they need a reader of their layout, or the keys stripped into a header")
    label = f"sqlite:{db}#events"
    place = Place(adapter, "main", "main")
    loaded = load(adapter, place.job(tmp_path, "events", "replace", path=None, dsn=str(db),
                                     format="sqlite", source_table="events"), reading)
    assert doubts(loaded.read_notes, label) == [note]
    assert place.rows("events", "count(*)") == [(40,)]
    read = read_source(db, None, {"source_table": "events"}, {})   # checked once, not twice
    assert doubts(read.schema_notes, label) == [note]


def test_a_sqlite_column_of_delimited_records_and_blank_rows_are_noted(tmp_path: Path) -> None:
    db = sqlite_table(tmp_path / "import.db", "create table lines (line text)",
                      [(f"{n};north;{n * 3}" if n % 9 else None,) for n in range(1, 31)])
    label = f"sqlite:{db}#lines"
    read = [r.schema_notes for r in read_table("sqlite", str(db), "lines", {})]
    assert doubts(read[0], label) == [
        ("one column line, every value of which holds ';' 2 time(s) ('1;north;3'): records "
        "of 3 fields read as one; split the column at the source (or in a model)"),
        ("3 row(s) (9, 18, 27) have no value in any column: lines of delimiters or blank "
        "records read as rows; delete them from the table")]


def test_a_clean_sqlite_table_is_quiet(tmp_path: Path) -> None:
    """Unicode, NULLs, empty strings; names a file's header check would call made up
    (`column_1`), a text column of numbers whose first values are words: a table's own."""
    db = sqlite_table(tmp_path / "shop.db", "create table shops (column_1 integer primary "
                      "key, column_2 text, column_3 text, column_4 real, column_5 text)",
                      [(n, CITIES[n % 6], "" if n % 3 else None, None if n % 4 else n / 2,
                        "n/a" if n < 3 else str(n * 7)) for n in range(1, 61)])
    read = [r.schema_notes for r in read_table("sqlite", str(db), "shops", {})]
    assert doubts(read[0], f"sqlite:{db}#shops") == []


def test_postgres_tables_text_decoded_twice_is_noted_and_a_clean_one_is_quiet(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    place = Place(adapter, "main", "main")
    with pg_source_schema("fastdoubts_doubted") as (con, schema):
        con.execute(f'create table "{schema}".stores (id int primary key, city text, '
                    "note text, size numeric)")
        con.execute(f'insert into "{schema}".stores select g, (array{CITIES!r})[1 + g % 6], '
                    "case when g % 3 = 0 then '' when g % 3 = 1 then null else 'open' end, "
                    "case when g % 4 = 0 then null else g * 1.5 end "
                    "from generate_series(1, 50) g")
        con.execute(f'create table "{schema}".shops as select id, '
                    "convert_from(convert_to(city, 'UTF8'), 'LATIN1') as city, note "
                    f'from "{schema}".stores')
        con.execute(f'alter table "{schema}".shops add primary key (id)')
        results = {}
        for table in ("stores", "shops"):
            job = place.job(tmp_path, table, "replace", path=None, dsn=PG_DSN,
                            format="postgres", source_table=f"{schema}.{table}")
            results[table] = load(adapter, job, reading)
        assert doubts(results["stores"].read_notes, f"postgres:{schema}.stores") == []
        twice = doubts(results["shops"].read_notes, f"postgres:{schema}.shops")
    assert twice == [
        ("column(s) city ('ZÃ¼rich') hold text that looks decoded with the wrong code "
        "page: pass options: {encoding: ...} with the file's own (utf-8, cp1252, cp850, ...), "
        "or repair text encoded twice at its source")]
    assert place.rows("shops", "count(*)") == [(50,)]
    assert place.rows("stores", "city, note, size", "id")[:3] == [
        ("Zürich", None, 1.5), ("東京", "open", 3.0), ("Kraków", "", 4.5)]
