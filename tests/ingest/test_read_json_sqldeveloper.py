"""Oracle SQL Developer's JSON export (`{"results": [{"columns": [...], "items": [...]}]}`):
read as the rows of `items`, named and ordered by `columns`, an export of no rows a table
of the declared columns; several result sets, a column twice and an item of an undeclared
key refused; near misses (an envelope `results` of plain records, a result set with more
keys) read as before. Files written by the tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

COLUMNS = [{"name": "ID", "type": "NUMBER"}, {"name": "CARD", "type": "VARCHAR2"},
           {"name": "INCOME", "type": "NUMBER"}, {"name": "OPENED", "type": "DATE"}]
ITEMS = [{"id": 1, "card": "yes", "income": 4.52, "opened": "02-JAN-20"},
         {"id": 2, "card": "no", "income": 2.42, "opened": "17-MAR-21"},
         {"id": 3, "card": "yes", "income": None}]   # SQL Developer may leave a NULL out


def _export(*result_sets: tuple[list[dict], list[dict]]) -> dict:
    return {"results": [{"columns": c, "items": i} for c, i in result_sets]}


def _read(path: Path, whole: object):
    path.write_text(json.dumps(whole, indent=2))
    return read_source(path, None, {}, {})


def test_an_export_is_read_as_its_items_named_by_its_columns(tmp_path: Path):
    result = _read(tmp_path / "cards.json", _export((COLUMNS, ITEMS)))
    assert result.table.column_names == ["id", "card", "income", "opened"]
    assert result.table.to_pylist() == [
        {"id": 1, "card": "yes", "income": 4.52, "opened": "02-JAN-20"},
        {"id": 2, "card": "no", "income": 2.42, "opened": "17-MAR-21"},
        {"id": 3, "card": "yes", "income": None, "opened": None}]
    assert result.schema_notes == [
        ("cards.json: Oracle SQL Developer's JSON export: read the items under "
         "results[0].items, named by results[0].columns (id, card, income, opened) of the "
         "object as 3 rows; left out: results[0].columns")]


def test_an_export_of_no_rows_is_a_table_of_its_declared_columns(tmp_path: Path):
    result = _read(tmp_path / "none.json", _export((COLUMNS, [])))
    assert result.table.num_rows == 0
    assert {f.name: str(f.type) for f in result.table.schema} == {
        "id": "double", "card": "string", "income": "double", "opened": "timestamp[us]"}


@pytest.mark.parametrize(("whole", "said"), [
    (_export((COLUMNS, ITEMS), (COLUMNS[:1], [{"id": 9}])),
     r"2 result sets \(results\[0\] to results\[1\]\), each a table of its own"),
    (_export((COLUMNS + [{"name": "id", "type": "NUMBER"}], ITEMS)),
     r"whose columns name id twice"),
    (_export((COLUMNS, [*ITEMS, {"id": 4, "limit": 900}])),
     r"item 4 holds limit, which no column of results\[0\]\.columns declares"),
])
def test_exports_that_cannot_be_read_surely_are_refused(tmp_path: Path, whole: dict,
                                                        said: str):
    with pytest.raises(IngestError, match=rf"(?s)bad\.json.*{said}.*a file of its own"):
        _read(tmp_path / "bad.json", whole)


def test_near_misses_are_read_as_before(tmp_path: Path):
    plain = _read(tmp_path / "plain.json", {"results": ITEMS})   # an envelope of records
    assert plain.table.num_rows == 3
    assert not any("SQL Developer" in n for n in plain.schema_notes)
    more = _read(tmp_path / "more.json",   # a result set with another key: not the export
                 {"results": [{"columns": COLUMNS, "items": ITEMS, "count": 3}]})
    assert more.table.num_rows == 1
    assert not any("SQL Developer" in n for n in more.schema_notes)


def test_an_export_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "cards.json").write_text(json.dumps(_export((COLUMNS, ITEMS))))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 3
    assert adapter.fetch("select id, card, income from shop.sales order by id")[1] == [
        (1, "yes", 4.52), (2, "no", 2.42), (3, "yes", None)]
