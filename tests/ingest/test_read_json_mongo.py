"""mongoexport's Extended JSON (values wrapped as `{"$oid": ...}`, `{"$date": ...}`), on
files written here: canonical and relaxed NDJSON and `--jsonArray` read unwrapped and
typed, nested values and lists alike, noted; mixed or unreadable wrappers kept as written,
noted; into a DuckDB warehouse alike."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from ingest_helpers import NoArrow, local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

UUID = "73ffd264-44b3-4c69-90e8-e7d1dfc035d4"
UUID_BASE64 = "c//SZESzTGmQ6OfR38A11A=="
CANONICAL = [
    {
        "_id": {"$oid": "5f1a2b3c4d5e6f7a8b9c0d1e"},
        "name": "Ann",
        "created": {"$date": {"$numberLong": "1704164645000"}},
        "visits": {"$numberLong": "12"},
        "age": {"$numberInt": "41"},
        "price": {"$numberDecimal": "1.10"},
        "score": {"$numberDouble": "2.5"},
        "token": {"$binary": {"base64": UUID_BASE64, "subType": "04"}},
        "blob": {"$binary": {"base64": "AAECAw==", "subType": "00"}},
    },
    {
        "_id": {"$oid": "5f1a2b3c4d5e6f7a8b9c0d1f"},
        "name": "Bo",
        "created": {"$date": {"$numberLong": "-86400000"}},
        "visits": {"$numberLong": "9"},
        "age": {"$numberInt": "7"},
        "price": {"$numberDecimal": "20"},
        "score": {"$numberDouble": "NaN"},
        "token": None,
        "blob": None,
    },
]
T1 = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def ndjson(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_a_canonical_export_is_read_unwrapped_and_typed(tmp_path):
    result = read_source(ndjson(tmp_path / "people.json", CANONICAL), None, {}, {})
    table = result.table
    assert table.column_names == [
        "id",
        "name",
        "created",
        "visits",
        "age",
        "price",
        "score",
        "token",
        "blob",
    ]
    assert [str(t) for t in table.schema.types] == [
        "string",
        "string",
        "timestamp[us, tz=Etc/UTC]",
        "int64",
        "int64",
        "decimal128(38, 2)",
        "double",
        "string",
        "string",
    ]
    assert table.column("id").to_pylist() == [
        "5f1a2b3c4d5e6f7a8b9c0d1e",
        "5f1a2b3c4d5e6f7a8b9c0d1f",
    ]
    assert table.column("created").to_pylist() == [T1, datetime(1969, 12, 31, tzinfo=timezone.utc)]
    assert table.column("price").to_pylist() == [Decimal("1.10"), Decimal("20.00")]
    assert table.column("score").to_pylist() == [2.5, None]
    assert table.column("token").to_pylist() == [UUID, None]
    assert table.column("blob").to_pylist() == ["AAECAw==", None]
    assert result.schema_notes[:2] == [
        (
            "people.json: mongoexport Extended JSON, read unwrapped: _id ($oid) as text, created "
            "($date) as timestamp (UTC), visits ($numberLong) as bigint, age ($numberInt) as "
            "bigint, price ($numberDecimal) as decimal(38,2), score ($numberDouble) as double, "
            "token ($binary subtype 04) as UUID text, blob ($binary) as base64 text"
        ),
        (
            'people.json: column score holds 1 NaN value(s) ({"$numberDouble": "NaN"}): read as '
            "NULL, as JSON's NaN is"
        ),
    ]
    assert "columns renamed: '_id' -> id" in result.schema_notes


def test_a_relaxed_export_mixes_plain_and_wrapped_values(tmp_path):
    """Relaxed mode writes numbers plain but NaN wrapped, and dates before 1970 as
    milliseconds: each column read as one type."""
    path = ndjson(
        tmp_path / "relaxed.ndjson",
        [
            {
                "_id": {"$oid": "5f1a2b3c4d5e6f7a8b9c0d1e"},
                "score": 1.5,
                "n": 3,
                "born": {"$date": "2024-01-02T03:04:05Z"},
                "u": {"$uuid": UUID},
            },
            {
                "_id": {"$oid": "5f1a2b3c4d5e6f7a8b9c0d1f"},
                "score": {"$numberDouble": "NaN"},
                "n": 4,
                "born": {"$date": {"$numberLong": "-1000"}},
                "u": None,
            },
            {
                "_id": {"$oid": "5f1a2b3c4d5e6f7a8b9c0d20"},
                "score": {"$numberDouble": "Infinity"},
                "n": 5,
                "born": None,
            },
        ],
    )
    result = read_source(path, None, {}, {})
    rows = result.table.to_pylist()
    assert [r["score"] for r in rows] == [1.5, None, float("inf")]
    assert [r["n"] for r in rows] == [3, 4, 5]
    assert [r["born"] for r in rows] == [
        T1,
        datetime(1969, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
        None,
    ]
    assert [r["u"] for r in rows] == [UUID, None, None]
    assert result.schema_notes[0] == (
        "relaxed.ndjson: mongoexport Extended JSON, read unwrapped: _id ($oid) as text, score "
        "(plain numbers, $numberDouble) as double, born ($date) as timestamp (UTC), u ($uuid) "
        "as text"
    )


def test_a_json_array_export_with_nested_documents_and_lists(tmp_path):
    """`--jsonArray`; a sub-document's values flattened unwrapped, a list of them a child
    table of typed columns."""
    path = tmp_path / "orders.json"
    path.write_text(
        json.dumps(
            [
                {
                    "_id": {"$oid": "65a000000000000000000001"},
                    "shipped": {"at": {"$date": "2024-01-02T03:04:05Z"}},
                    "lines": [
                        {"sku": "a", "price": {"$numberDecimal": "9.99"}},
                        {"sku": "b", "price": {"$numberDecimal": "0.5"}},
                    ],
                },
                {
                    "_id": {"$oid": "65a000000000000000000002"},
                    "shipped": None,
                    "lines": [{"sku": "c", "price": {"$numberDecimal": "12"}}],
                },
            ],
            indent=2,
        )
    )
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["id", "shipped__at", "_record_no"]
    assert result.table.column("shipped__at").to_pylist() == [T1, None]
    lines = result.children["lines"]
    assert str(lines.schema.field("price").type) == "decimal128(38, 2)"
    assert lines.column("price").to_pylist() == [Decimal("9.99"), Decimal("0.50"), Decimal("12.00")]
    assert result.schema_notes[0] == (
        "orders.json: mongoexport Extended JSON, read unwrapped: _id ($oid) as text, "
        "shipped.at ($date) as timestamp (UTC), lines[].price ($numberDecimal) as "
        "decimal(38,2)"
    )


def test_the_id_beside_a_field_named_id(tmp_path):
    """snake_case drops the leading `_`: `_id` is column `id`, a field `id` then `id_2`."""
    path = ndjson(
        tmp_path / "both.ndjson", [{"_id": {"$oid": "5f1a2b3c4d5e6f7a8b9c0d1e"}, "id": 7}]
    )
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"id": "5f1a2b3c4d5e6f7a8b9c0d1e", "id_2": 7}]
    assert "columns renamed: '_id' -> id, 'id' -> id_2" in result.schema_notes


def test_mixed_or_unreadable_wrappers_are_kept_as_written_with_a_note(tmp_path):
    path = ndjson(
        tmp_path / "odd.ndjson",
        [
            {
                "ref": {"$oid": "5f1a2b3c4d5e6f7a8b9c0d1e"},
                "when": {"$date": "not a date"},
                "wide": {"$numberDecimal": "1E+5"},
                "deep": {"$date": "2024-01-02", "tz": "UTC"},
            },
            {
                "ref": "legacy-17",
                "when": {"$date": "2024-01-02T03:04:05Z"},
                "wide": {"$numberDecimal": "2"},
                "deep": None,
            },
        ],
    )
    result = read_source(path, None, {}, {})
    rows = result.table.to_pylist()
    assert [r["ref"] for r in rows] == ['{"$oid":"5f1a2b3c4d5e6f7a8b9c0d1e"}', "legacy-17"]
    assert [r["when__date"] for r in rows] == ["not a date", "2024-01-02T03:04:05Z"]
    assert [r["wide"] for r in rows] == ["1E+5", "2"]
    assert rows[0]["deep__tz"] == "UTC"  # a $date beside another key is no wrapper
    assert result.schema_notes[:3] == [
        (
            "odd.ndjson: mongoexport Extended JSON, read unwrapped: wide ($numberDecimal) as text "
            "(a value is no number of up to 38 digits)"
        ),
        (
            "odd.ndjson: column ref: values wrapped as Extended JSON beside plain ones: kept as "
            "written"
        ),
        "odd.ndjson: column when: $date values that are no date: kept as written",
    ]


def test_plain_json_with_no_wrappers_is_untouched(tmp_path):
    path = ndjson(
        tmp_path / "plain.ndjson",
        [{"id": 1, "v": {"a": 1}, "mixed": 2}, {"id": 2, "v": None, "mixed": {"b": 1}}],
    )
    result = read_source(path, None, {}, {})
    assert result.table.column("v__a").to_pylist() == [1, None]
    assert not any("Extended JSON" in n for n in result.schema_notes)


def test_an_export_loads_unwrapped_into_a_duckdb_warehouse(tmp_path):
    """The warehouse reads NDJSON itself (`reading.stage_json`): unwrapped the same."""
    ndjson(tmp_path / "people.ndjson", CANONICAL)
    with local_or_pg_place("duckdb", tmp_path, "json2") as place:
        load(
            place.adapter, place.job(tmp_path, "people", "append", path="people.ndjson"), NoArrow()
        )
        assert place.rows("people", "id, visits, price, score, token", "visits") == [
            ("5f1a2b3c4d5e6f7a8b9c0d1f", 9, Decimal("20.00"), None, None),
            ("5f1a2b3c4d5e6f7a8b9c0d1e", 12, Decimal("1.10"), 2.5, UUID),
        ]
        assert place.fetch("select typeof(created), typeof(price) from shop.people limit 1") == [
            ("TIMESTAMP WITH TIME ZONE", "DECIMAL(38,2)")
        ]


def test_a_line_that_is_no_json_is_a_reject_and_the_rest_unwrapped(tmp_path):
    path = tmp_path / "cut.ndjson"
    path.write_text(
        json.dumps(CANONICAL[0]) + '\n{"_id": {"$oid": "5f1a\n' + json.dumps(CANONICAL[1]) + "\n"
    )
    result = read_source(path, None, {}, {})
    assert [r.record_no for r in result.rejects] == ["2"]
    assert result.table.column("id").to_pylist() == [
        "5f1a2b3c4d5e6f7a8b9c0d1e",
        "5f1a2b3c4d5e6f7a8b9c0d1f",
    ]
    assert result.table.column("visits").to_pylist() == [12, 9]
    assert any(
        n.startswith("cut.ndjson: mongoexport Extended JSON, read unwrapped: _id ($oid)")
        for n in result.schema_notes
    )


def test_an_export_loads_unwrapped_into_postgres(tmp_path):
    ndjson(tmp_path / "people.ndjson", CANONICAL)
    with local_or_pg_place("postgres", tmp_path, "json2") as place:
        load(place.adapter, place.job(tmp_path, "people", "append", path="people.ndjson"), reading)
        assert place.rows("people", "id, created, price, score", "visits") == [
            (
                "5f1a2b3c4d5e6f7a8b9c0d1f",
                datetime(1969, 12, 31, tzinfo=timezone.utc),
                Decimal("20.00"),
                None,
            ),
            ("5f1a2b3c4d5e6f7a8b9c0d1e", T1, Decimal("1.10"), 2.5),
        ]
        assert place.fetch(
            f"select column_name, data_type from information_schema.columns where "
            f"table_schema = '{place.schema}' and table_name = 'people' and column_name "
            f"in ('created', 'price') order by 1"
        ) == [("created", "timestamp with time zone"), ("price", "numeric")]
