"""Elasticsearch `_bulk` files (an action line before each document), on files written
here: the documents are the rows with the actions' `_id`, updates unwrapped, deletes
rejects, noted; a file out of the bulk grammar refused naming its line; NDJSON that only
looks so read as before; into a DuckDB warehouse alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_config

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.reading import read_source

PEOPLE = [{"name": "Ann", "age": 31}, {"name": "Bo", "age": 42}, {"name": "Cy", "age": 25}]


def bulk(path: Path, lines: list[Any]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def indexed(people: list[dict[str, Any]]) -> list[Any]:
    """The bulk lines indexing `people` into `people`, ids from 1."""
    return [
        line
        for i, person in enumerate(people, start=1)
        for line in ({"index": {"_index": "people", "_id": str(i)}}, person)
    ]


def test_the_documents_are_the_rows_with_the_actions_ids(tmp_path):
    path = bulk(tmp_path / "people.ndjson", indexed(PEOPLE))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"doc_id": "1", "name": "Ann", "age": 31},
        {"doc_id": "2", "name": "Bo", "age": 42},
        {"doc_id": "3", "name": "Cy", "age": 25},
    ]
    assert result.rejects == []
    assert (
        "people.ndjson: an Elasticsearch bulk file (an action line before each document, "
        "index people): read its 3 documents as rows, the actions' _id in column doc_id"
        in result.schema_notes
    )


def test_updates_are_unwrapped_and_deletes_rejected_with_their_lines(tmp_path):
    path = bulk(
        tmp_path / "changes.json",
        [
            {"create": {"_id": "7"}},
            {"name": "Di", "age": 50},
            {"delete": {"_index": "people", "_id": "2"}},
            {"update": {"_id": "1"}},
            {"doc": {"age": 32}, "doc_as_upsert": True},
        ],
    )
    result = read_source(path, None, {}, {"age": "integer"})
    assert result.table.to_pylist() == [
        {"doc_id": "7", "name": "Di", "age": 50},
        {"doc_id": "1", "name": None, "age": 32},
    ]
    assert [(r.record_no, r.reason, r.raw) for r in result.rejects] == [
        (
            "3",
            "a delete action of _id '2': it removes a document, and has none to load",
            '{"delete": {"_index": "people", "_id": "2"}}',
        )
    ]
    assert (
        "changes.json: an Elasticsearch bulk file (an action line before each document): "
        "read its 2 documents as rows, the actions' _id in column doc_id; "
        "1 update(s) read as rows of the fields their doc sets; 1 delete action(s) "
        "rejected (no document to load)" in result.schema_notes
    )


def test_a_declared_type_rejects_a_document_by_its_own_line(tmp_path):
    path = bulk(tmp_path / "people.ndjson", indexed([*PEOPLE[:2], {"name": "Ed", "age": "?"}]))
    result = read_source(path, None, {}, {"age": "integer"})
    assert [r.record_no for r in result.rejects] == ["6"]
    assert result.table.column("name").to_pylist() == ["Ann", "Bo"]


def test_without_ids_no_id_column_and_a_field_named_doc_id_keeps_its_name(tmp_path):
    path = bulk(tmp_path / "people.ndjson", [{"index": {}}, PEOPLE[0], {"index": {}}, PEOPLE[1]])
    assert read_source(path, None, {}, {}).table.column_names == ["name", "age"]
    path = bulk(tmp_path / "people.ndjson", indexed([{"doc_id": 9, **PEOPLE[0]}]))
    table = read_source(path, None, {}, {}).table
    assert table.to_pylist() == [{"es_doc_id": "1", "doc_id": 9, "name": "Ann", "age": 31}]


@pytest.mark.parametrize(
    "lines, message",
    [
        (
            [{"index": {"_id": "1"}}, PEOPLE[0], PEOPLE[1]],
            "line 3: a document with no action line before it",
        ),
        (
            [{"index": {"_id": "1"}}, {"index": {"_id": "2"}}, PEOPLE[1]],
            "line 2: an index action where the document of the index action on line 1 belongs",
        ),
        (
            [{"index": {"_id": "1"}}, PEOPLE[0], {"create": {"_id": "2"}}],
            "line 3: a create action with no document after it",
        ),
        (
            [{"update": {"_id": "1"}}, {"script": {"source": "ctx._source.age += 1"}}],
            "line 1: an update without a doc",
        ),
        (
            [{"delete": {"_id": "1"}}, {"delete": {"_id": "2"}}],
            "an Elasticsearch bulk file of delete actions only",
        ),
        (
            [{"index": {"_index": "a"}}, PEOPLE[0], {"index": {"_index": "b"}}, PEOPLE[1]],
            r"documents for 2 indexes \(a, b\): each is a table of its own",
        ),
    ],
)
def test_a_file_out_of_the_bulk_grammar_is_refused_naming_the_line(tmp_path, lines, message):
    path = bulk(tmp_path / "bad.ndjson", lines)
    with pytest.raises(IngestError, match=message):
        read_source(path, None, {}, {})


def test_a_line_that_is_not_json_in_a_bulk_file_is_refused(tmp_path):
    path = bulk(tmp_path / "bad.ndjson", indexed(PEOPLE[:2]))
    path.write_text(path.read_text() + '{"index": {"_id": "3"}}\n{"name": "Cy", \n')
    with pytest.raises(IngestError, match=r"bulk file with line\(s\) 6 that are not JSON"):
        read_source(path, None, {}, {})


@pytest.mark.parametrize(
    "lines, columns",
    [
        # an `index` key beside the record's fields
        (
            [{"index": {"_id": "1"}, "name": "Ann"}, {"index": {"_id": "2"}, "name": "Bo"}],
            ["index__id", "name"],
        ),
        # an object of one key `index` that holds no bulk metadata
        ([{"index": {"value": 3}}, {"name": "Ann"}], ["index__value", "name"]),
        # the first line a record, an action-like line later
        ([{"name": "Ann"}, {"index": {"_id": "2"}}], ["name", "index__id"]),
    ],
)
def test_ndjson_that_only_looks_like_bulk_is_read_as_before(tmp_path, lines, columns):
    path = bulk(tmp_path / "plain.ndjson", lines)
    result = read_source(path, None, {}, {})
    assert result.table.column_names == columns
    assert result.table.num_rows == len(lines)
    assert not any("Elasticsearch" in n for n in result.schema_notes)


def test_a_bulk_file_loads_its_documents_into_a_duckdb_warehouse(tmp_path):
    """The warehouse's own NDJSON read (`json.stage`) leaves a bulk file to the reader."""
    bulk(tmp_path / "people.ndjson", indexed(PEOPLE))
    config = load_config("append", "people.ndjson")
    adapter = DuckDBAdapter({"path": str(tmp_path / "w.duckdb")})
    try:
        load(
            adapter,
            LoadJob("crm", "people", Relation("people", "crm"), "main", tmp_path, config),
            reading,
        )
        assert adapter.fetch("select doc_id, name, age from crm.people order by doc_id")[1] == [
            ("1", "Ann", 31),
            ("2", "Bo", 42),
            ("3", "Cy", 25),
        ]
    finally:
        adapter.close()
