"""An API's pages saved as NDJSON, one page a line (`{"data": [...], "meta": ..., "links":
...}`, or `results` beside a `next` cursor), on files written here: the records of every
page are the rows, noted; records that merely hold a list under such a name stay records
with a child table; into a DuckDB warehouse alike."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import NoArrow, local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

PAGES = [
    {
        "data": [{"id": 1, "city": "Oslo"}, {"id": 2, "city": "Rome"}],
        "meta": {"page": 1},
        "links": {"next": "?page=2"},
    },
    {"data": [{"id": 3, "city": "Lima"}], "meta": {"page": 2}, "links": {"next": None}},
]
# Django REST framework's pages: a count and cursors beside the records, the last page empty
CURSORED = [
    {
        "count": 3,
        "next": "https://api.test/v1/?page=2",
        "previous": None,
        "results": [{"sku": "a", "qty": 3}, {"sku": "b", "qty": 5}],
    },
    {
        "count": 3,
        "next": None,
        "previous": "https://api.test/v1/?page=1",
        "results": [{"sku": "c", "qty": 7}],
    },
    {"count": 3, "next": None, "previous": None, "results": []},
]
ORDERS = [  # records with a list under `data` beside fields of their own: no pages
    {"id": 1, "total": 9.5, "data": [{"sku": "a"}, {"sku": "b"}]},
    {"id": 2, "total": 3.0, "data": [{"sku": "c"}]},
]


def ndjson(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_pages_one_a_line_are_read_as_their_records(tmp_path):
    result = read_source(ndjson(tmp_path / "cities.ndjson", PAGES), None, {}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "city": "Oslo"},
        {"id": 2, "city": "Rome"},
        {"id": 3, "city": "Lima"},
    ]
    assert str(result.table.schema.field("id").type) == "int64"
    assert not result.children
    assert result.schema_notes == [
        (
            'cities.ndjson: records in an envelope: read the list under "data" in each of 2 '
            "pages (one a line) as 3 rows; left out: links, meta"
        )
    ]


def test_pages_with_a_count_and_cursors_and_an_empty_last_page(tmp_path):
    result = read_source(ndjson(tmp_path / "stock.jsonl", CURSORED), None, {}, {})
    assert result.table.to_pylist() == [
        {"sku": "a", "qty": 3},
        {"sku": "b", "qty": 5},
        {"sku": "c", "qty": 7},
    ]
    assert result.schema_notes == [
        (
            'stock.jsonl: records in an envelope: read the list under "results" in each of 3 '
            "pages (one a line) as 3 rows; left out: count, next, previous"
        )
    ]
    one = tmp_path / "answer.json"  # one such answer saved as JSON
    one.write_text(json.dumps(CURSORED[0], indent=2))
    result = read_source(one, None, {}, {})
    assert result.table.column("sku").to_pylist() == ["a", "b"]
    assert (
        'answer.json: records in an envelope: read the list under "results" of the '
        "object as 2 rows; left out: count, next, previous" in result.schema_notes
    )


def test_records_holding_a_list_under_an_envelopes_name_stay_records(tmp_path):
    result = read_source(ndjson(tmp_path / "orders.ndjson", ORDERS), None, {}, {})
    assert result.table.column("id").to_pylist() == [1, 2]
    assert result.table.column("total").to_pylist() == [9.5, 3.0]
    assert result.children["data"].column("sku").to_pylist() == ["a", "b", "c"]
    assert not any("envelope" in n for n in result.schema_notes)
    counted = ndjson(
        tmp_path / "baskets.ndjson",  # a count but no cursor: a field
        [
            {"count": 2, "items": [{"sku": "a"}, {"sku": "b"}]},
            {"count": 1, "items": [{"sku": "c"}]},
        ],
    )
    result = read_source(counted, None, {}, {})
    assert result.table.column("count").to_pylist() == [2, 1]
    assert result.children["items"].num_rows == 3
    assert not any("envelope" in n for n in result.schema_notes)


def test_a_line_that_is_no_page_leaves_every_line_a_record(tmp_path):
    path = ndjson(tmp_path / "mixed.ndjson", [PAGES[0], {"id": 9, "data": [{"x": 1}]}])
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 2
    assert not any("envelope" in n for n in result.schema_notes)


def test_pages_and_near_misses_load_into_a_duckdb_warehouse(tmp_path):
    ndjson(tmp_path / "cities.ndjson", PAGES)
    ndjson(tmp_path / "orders.ndjson", ORDERS)
    with local_or_pg_place("duckdb", tmp_path, "json2") as place:
        load(place.adapter, place.job(tmp_path, "cities", "append", path="cities.ndjson"), reading)
        assert place.rows("cities", "id, city", "id") == [(1, "Oslo"), (2, "Rome"), (3, "Lima")]
        load(
            place.adapter, place.job(tmp_path, "orders", "append", path="orders.ndjson"), NoArrow()
        )  # records, not pages: the warehouse reads them itself
        assert place.rows("orders", "id, total", "id") == [(1, 9.5), (2, 3.0)]
        assert place.rows("orders__data", "_record_no, sku", "sku") == [
            (1, "a"),
            (1, "b"),
            (2, "c"),
        ]


def stripe(rows: list[dict], has_more: bool) -> dict:
    """A page of a Stripe-style list endpoint: a list object naming its type and endpoint."""
    return {"object": "list", "url": "/v1/listings", "has_more": has_more,
            "data": [{"object": "listing", **row} for row in rows]}


def test_a_stripe_list_object_is_read_as_its_records(tmp_path):
    path = tmp_path / "page-1.json"
    path.write_text(json.dumps(stripe([{"id": "lst_1", "price": 420}], True), indent=2))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"object": "listing", "id": "lst_1", "price": 420}]
    assert result.schema_notes == [
        ('page-1.json: records in an envelope: read the list under "data" of the object as '
         "1 rows; left out: has_more, object, url")
    ]


def test_a_type_and_url_without_a_cursor_leave_a_record(tmp_path):
    """Near miss: an order naming its type and link beside its lines, no cursor: a record
    with a child table, as before."""
    path = tmp_path / "order.json"
    path.write_text(json.dumps({"object": "order", "url": "/v1/orders/7",
                                "data": [{"sku": "a"}, {"sku": "b"}]}))
    result = read_source(path, None, {}, {})
    assert result.table.column("object").to_pylist() == ["order"]
    assert result.children["data"].num_rows == 2


def test_pages_holding_no_rows_are_no_rows_not_a_record(tmp_path):
    path = tmp_path / "page-2.json"
    path.write_text(json.dumps(stripe([], False), indent=2))
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 0
    assert result.schema_notes == [
        ('page-2.json: records in an envelope: read the list under "data" of the object as '
         "0 rows; left out: has_more, object, url")
    ]
    both = ndjson(tmp_path / "empty.ndjson", [CURSORED[2], CURSORED[2]])
    assert read_source(both, None, {}, {}).table.num_rows == 0
    record = tmp_path / "record.json"  # near miss: a field beside the empty list
    record.write_text(json.dumps({"id": 7, "items": []}))
    assert read_source(record, None, {}, {}).table.column("id").to_pylist() == [7]


def test_an_empty_page_between_merged_pages_loads_nothing(tmp_path):
    """Merge on `id` with a cursor over a list endpoint's pages: run 2's page is empty (no
    change since run 1), run 3's revises a listing; the empty page is no failure."""
    landing = tmp_path / "landing"
    landing.mkdir()
    first = [{"id": "lst_1", "price": 420, "updated": 100},
             {"id": "lst_2", "price": 385, "updated": 101}]
    with local_or_pg_place("duckdb", tmp_path, "json_pages") as place:
        job = place.job(tmp_path, "listings", "merge", path="landing/*.json",
                        primary_key=["id"], cursor="updated")
        (landing / "page-1.json").write_text(json.dumps(stripe(first, False)))
        load(place.adapter, job, reading)
        (landing / "page-2.json").write_text(json.dumps(stripe([], False)))
        assert load(place.adapter, job, reading).rows == 0
        (landing / "page-3.json").write_text(
            json.dumps(stripe([{"id": "lst_2", "price": 399, "updated": 200}], False)))
        load(place.adapter, job, reading)
        assert place.rows("listings", "id, price, updated", "id") == [
            ("lst_1", 420, 100), ("lst_2", 399, 200)]
        assert place.fetch("select count(*) from shop._rejects") == [(0,)]
