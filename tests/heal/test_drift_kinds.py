"""The six kinds of drift of issue 13, each through a real project on DuckDB: a CSV source
built once (which records its contract), then a new batch of the export with the drift, then
built again. Each is healed to the rows the model gives on the undrifted batch, or refused
with a message that names the source, the column and the change.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
from click.testing import CliRunner

from datanet_sql.cli.main import cli

FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia",
         "Tim", "Margaret", "John", "Hedy", "Claude", "Katherine", "Dennis", "Shafi", "Leslie",
         "Sophie", "Niklaus", "Karen", "Robin", "Adele", "Fran", "Jean", "Guido", "Anita",
         "Bjarne", "Lynn", "Vint"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson",
        "Perlman", "Berners-Lee", "Hamilton", "McCarthy", "Lamarr", "Shannon", "Johnson",
        "Ritchie", "Goldwasser", "Lamport", "Wilson", "Wirth", "Jones", "Milner", "Goldberg",
        "Bilas", "Sammet", "Rossum", "Borg", "Stroustrup", "Conway", "Cerf"]


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def _project(root: Path, model: str, data: str) -> Path:
    for folder in ("models", "sources", "data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "datanet.yml").write_text("name: kinds\ntarget: dev\non_schema_change: heal\n")
    (root / "targets.yml").write_text("dev: {type: duckdb, path: .datanet/dev.duckdb}\n")
    (root / "sources" / "raw.yml").write_text(
        "sources:\n  - name: raw\n    tables:\n      - name: t\n        path: data/t.csv\n")
    (root / "models" / "m.sql").write_text("{{ config(materialized='table') }}\n" + model)
    (root / "data" / "t.csv").write_text(data)
    return root


def _build(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--project-dir", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    results = json.loads((root / ".datanet" / "run_results.json").read_text())
    messages = [r.get("message") or "" for r in results["results"]] + \
        [h for r in results["results"] for h in r.get("heals") or []]
    return result.exit_code, result.output + "\n".join(messages)


def _rows(root: Path) -> list[tuple]:
    con = duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True)
    try:
        return sorted(con.execute("SELECT * FROM m").fetchall(), key=repr)
    finally:
        con.close()


def _drift(tmp_path: Path, model: str, before: str, after: str, truth: str | None = None,
           truth_model: str | None = None) -> tuple[int, str, list[tuple], list[tuple]]:
    """(exit code, output, rows, expected rows): built on `before`, then on `after`; the
    expected rows are the model (or `truth_model`) over `truth` in a project of its own."""
    expected: list[tuple] = []
    if truth is not None:
        ref = _project(tmp_path / "truth", truth_model or model, truth)
        assert _build(ref)[0] == 0
        expected = _rows(ref)
    root = _project(tmp_path / "p", model, before)
    code, output = _build(root)
    assert code == 0, output
    (root / "data" / "t.csv").write_text(after)
    code, output = _build(root)
    return code, output, (_rows(root) if code == 0 else []), expected


# -- 1. the raw text of a file column: dates that fit both day orders ----------------------

def _dated(days: range, fmt: str) -> str:
    import datetime as dt
    rows = [[i, (dt.date(2024, 1 + i % 12, d)).strftime(fmt), i * 10] for i, d in enumerate(days)]
    return _csv(["id", "d", "amount"], rows)


MONTHLY = ("select date_trunc('month', d) as month, sum(amount) as total "
           "from {{ source('raw', 't') }} group by 1")


def test_a_batch_whose_dates_fit_both_day_orders_is_refused(tmp_path: Path) -> None:
    before = _dated(range(13, 29), "%m/%d/%Y")       # days > 12: the reader knows m/d/Y
    after = _dated(range(1, 13), "%d/%m/%Y")          # days <= 12, written day first
    code, output, _, _ = _drift(tmp_path, MONTHLY, before, after)
    assert code == 1
    assert "raw.t.d" in output and "both %d/%m/%Y and %m/%d/%Y" in output, output
    assert "dateformat" in output   # what to do: pin the format


def test_a_batch_with_a_new_but_certain_date_order_builds(tmp_path: Path) -> None:
    before = _dated(range(13, 29), "%m/%d/%Y")
    after = _dated(range(1, 29), "%d/%m/%Y")           # days > 12: only d/m/Y reads it
    truth = _dated(range(1, 29), "%m/%d/%Y")
    code, output, rows, expected = _drift(tmp_path, MONTHLY, before, after, truth)
    assert code == 0, output
    assert rows == expected


# -- 2. PII columns: swapped headers, or a change of meaning -------------------------------

def _people(n: int, first: str = "first_name", last: str = "last_name") -> str:
    rows = [[i, FIRST[i % 30], LAST[(i * 7) % 30], ["north", "south"][i % 2]] for i in range(n)]
    return _csv(["person_id", first, last, "region"], rows)


PEOPLE = "select person_id, first_name, last_name from {{ source('raw', 't') }}"


def test_swapped_first_and_last_name_headers_are_healed_by_their_values(tmp_path: Path) -> None:
    code, output, rows, expected = _drift(tmp_path, PEOPLE, _people(40),
                                          _people(90, "last_name", "first_name"), _people(90))
    assert code == 0, output
    assert rows == expected
    assert "first_name was renamed to last_name" in output, output


def _replaced_first_names(n: int, values: list[str]) -> str:
    rows = list(csv.reader(io.StringIO(_people(n))))
    for i, row in enumerate(rows[1:]):
        row[1] = values[i % len(values)]
    return _csv(rows[0], rows[1:])


def test_a_name_column_that_now_holds_a_few_other_values_is_refused(tmp_path: Path) -> None:
    after = _replaced_first_names(90, ["North", "South"])   # distinct values collapse
    code, output, _, _ = _drift(tmp_path, PEOPLE, _people(40), after)
    assert code == 1
    assert "raw.t.first_name" in output and "distinct values fell from 30 to 2" in output


def test_a_name_column_that_now_holds_as_many_other_values_is_refused(tmp_path: Path) -> None:
    """As many distinct values, the same shape: only the MinHash of the values tells."""
    cities = [name[::-1].title() for name in LAST]          # 30 other words, same shape
    code, output, _, _ = _drift(tmp_path, PEOPLE, _people(100), _replaced_first_names(150, cities))
    assert code == 1
    assert "raw.t.first_name" in output and "values are still found (MinHash" in output, output


# -- 3. a rename chain while the rows grew --------------------------------------------------

def _orders(n: int, names: tuple[str, str, str] = ("price", "total", "qty")) -> str:
    rows = [[i, 100 + (i * 37) % 900, 1000 + (i * 53) % 9000, 1 + i % 5] for i in range(n)]
    return _csv(["order_id", *names], rows)


def test_a_rename_chain_reads_each_column_where_its_values_went(tmp_path: Path) -> None:
    model = ("select qty, sum(price) as price, sum(total) as total "
             "from {{ source('raw', 't') }} group by qty")
    code, output, rows, expected = _drift(tmp_path, model, _orders(200),
                                          _orders(400, ("unit_price", "price", "qty")),
                                          _orders(400))
    assert code == 0, output
    assert rows == expected
    assert "price was renamed to unit_price" in output and "total was renamed to price" in output


# -- 4. headers that differ only by case -------------------------------------------------------

def test_a_new_header_differing_only_by_case_is_refused(tmp_path: Path) -> None:
    before = _csv(["id", "amount"], [[i, i * 3] for i in range(50)])
    after = _csv(["id", "amount", "Amount"], [[i, i * 3, i * 300] for i in range(80)])
    model = "select sum(amount) as total from {{ source('raw', 't') }}"
    code, output, _, _ = _drift(tmp_path, model, before, after)
    assert code == 1
    assert "raw.t.amount" in output and "amount, Amount differ only by case" in output, output


# -- 5. JSON documents kept as text in a CSV column ------------------------------------------

def _events(n: int, key: str | None = "country") -> str:
    def doc(i: int) -> str:
        user = {"id": i, key: ["NL", "FR", "DE", "PT"][i % 4]} if key else {"id": i}
        return json.dumps({"user": user, "kind": ["view", "buy"][i % 2]})
    return _csv(["event_id", "payload"], [[i, doc(i)] for i in range(n)])


EVENTS = ("select json_extract_string(payload, '$.user.country') as country, count(*) as n "
          "from {{ source('raw', 't') }} group by 1")


def test_a_renamed_key_of_json_kept_as_text_is_healed(tmp_path: Path) -> None:
    code, output, rows, expected = _drift(tmp_path, EVENTS, _events(60),
                                          _events(60, "country_code"), _events(60))
    assert code == 0, output
    assert rows == expected
    assert "user.country of payload was renamed to user.country_code" in output, output


def test_a_removed_key_of_json_kept_as_text_is_refused(tmp_path: Path) -> None:
    code, output, _, _ = _drift(tmp_path, EVENTS, _events(60), _events(60, None))
    assert code == 1
    assert "raw.t.payload" in output and "key user.country of payload was removed" in output


# -- 6. the model's own integer cast overflows -------------------------------------------------

def _ids(n: int, offset: int = 0) -> str:
    return _csv(["id", "v"], [[i + (offset if i >= 50 else 0), i % 7] for i in range(n)])


def test_the_models_integer_cast_is_widened_when_the_range_grew(tmp_path: Path) -> None:
    model = "select cast(id as integer) as id, v from {{ source('raw', 't') }}"
    code, output, rows, expected = _drift(
        tmp_path, model, _ids(50), _ids(80, 2**32), _ids(80, 2**32),
        truth_model="select cast(id as bigint) as id, v from {{ source('raw', 't') }}")
    assert code == 0, output
    assert rows == expected and max(r[0] for r in rows) > 2**32
    assert "raw.t.id" in output and "widen the model's CAST to BIGINT" in output, output
