"""A GraphQL response saved as JSON (`{"data": {"horses": ...}}`): a Relay connection's
nodes (under `edges[].node`, or `nodes`) or the field's list are the rows, noted naming the
path and what was left out; pages of responses alike; a response with `errors` refused
naming them; near misses read as before. Files written by the tests, read, and loaded into
DuckDB."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

HORSES = [{"horse_id": 97, "price": 38000, "height": 16.75, "sex": "m"},
          {"horse_id": 156, "price": 40000, "height": None, "sex": "f"},
          {"horse_id": 56, "price": 10000, "height": 17.0, "sex": "m"}]


def _connection(nodes: list[dict], end: str | None = None) -> dict:
    return {"data": {"horses": {
        "totalCount": len(HORSES),
        "edges": [{"cursor": f"c{n['horse_id']}", "node": n} for n in nodes],
        "pageInfo": {"hasNextPage": end is not None, "endCursor": end}}}}


def _read(path: Path, whole: Any, lines: bool = False):
    """`whole` written as indented JSON, or its pages as NDJSON (`lines`), and read."""
    path.write_text("".join(json.dumps(p) + "\n" for p in whole) if lines
                    else json.dumps(whole, indent=2))
    return read_source(path, None, {}, {})


@pytest.mark.parametrize(("whole", "note"), [
    (_connection(HORSES), ("a GraphQL response (a connection): read the nodes under "
     "data.horses.edges[].node of the object as 3 rows; left out: data.horses.edges[].cursor, "
     "data.horses.pageInfo, data.horses.totalCount")),
    ({"data": {"horses": {"nodes": HORSES, "pageInfo": {"hasNextPage": False}}},
      "extensions": {"cost": 3}},
     ("a GraphQL response (a connection): read the list under data.horses.nodes of the "
     "object as 3 rows; left out: data.horses.pageInfo, extensions")),
    ({"data": {"horses": HORSES}},
     "a GraphQL response: read the list under data.horses of the object as 3 rows"),
    ([_connection(HORSES[:2], "c156"), _connection(HORSES[2:])],
     ("a GraphQL response (a connection): read the nodes under data.horses.edges[].node in "
     "each of 2 pages as 3 rows; left out: data.horses.edges[].cursor, data.horses.pageInfo, "
     "data.horses.totalCount")),
])
def test_a_graphql_response_is_read_as_its_records(tmp_path: Path, whole: object, note: str):
    result = _read(tmp_path / "horses.json", whole)
    assert result.table.to_pylist() == HORSES
    assert str(result.table.schema.field("price").type) == "int64"
    assert f"horses.json: {note}" in result.schema_notes


def test_pages_one_a_line_the_last_one_empty(tmp_path: Path):
    pages = [_connection(HORSES[:2], "c156"), _connection(HORSES[2:], "c56"), _connection([])]
    result = _read(tmp_path / "horses.ndjson", pages, lines=True)
    assert result.table.to_pylist() == HORSES
    assert ("horses.ndjson: a GraphQL response (a connection): read the nodes under "
            "data.horses.edges[].node in each of 3 pages (one a line) as 3 rows; left out: "
            "data.horses.edges[].cursor, data.horses.pageInfo, data.horses.totalCount"
            ) in result.schema_notes


@pytest.mark.parametrize("data", [_connection(HORSES)["data"], None])
def test_a_response_with_errors_is_refused_naming_them(tmp_path: Path, data: object):
    whole = {"errors": [{"message": "Cannot return null for non-nullable field Horse.sex",
                         "path": ["horses", "edges", 1, "node", "sex"]}], "data": data}
    with pytest.raises(IngestError, match=r"1 error\(s\) beside its data: Cannot return null "
                                          r"for non-nullable field Horse\.sex \(at "
                                          r"horses\.edges\.1\.node\.sex\)"):
        _read(tmp_path / "horses.json", whole)


@pytest.mark.parametrize("whole", [
    {"data": {"horse_id": 97, "sex": "m"}},                      # a record under data
    {"data": {"horses": HORSES, "riders": HORSES}},              # two fields: no one table
    {"data": {"stable": {"name": "Oak", "horse": HORSES[0]}}},   # an object, no connection
])
def test_near_misses_read_as_before(tmp_path: Path, whole: dict):
    result = _read(tmp_path / "n.json", whole)
    assert result.table.num_rows == 1
    assert not any("GraphQL" in note for note in result.schema_notes)


def test_records_holding_a_data_object_stay_records(tmp_path: Path):
    records = [{"id": 1, "data": {"horses": [{"horse_id": 1}]}},
               {"id": 2, "data": {"horses": [{"horse_id": 2}]}}]
    result = _read(tmp_path / "r.ndjson", records, lines=True)
    assert result.table.column("id").to_pylist() == [1, 2]
    assert not any("GraphQL" in note for note in result.schema_notes)


@pytest.mark.parametrize(("name", "text"), [
    ("horses.json", json.dumps(_connection(HORSES))),
    ("horses.ndjson", json.dumps(_connection(HORSES[:2], "c156")) + "\n"
     + json.dumps(_connection(HORSES[2:])) + "\n"),
])
def test_a_graphql_delivery_loads_into_duckdb(tmp_path: Path, name: str, text: str):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / name).write_text(text)
    adapter, result = load_landing(tmp_path, pattern=f"*{Path(name).suffix}")
    assert result.rows == 3
    assert adapter.fetch("select horse_id, price, sex from shop.sales order by horse_id")[1] == [
        (56, 10000, "m"), (97, 38000, "m"), (156, 40000, "f")]
