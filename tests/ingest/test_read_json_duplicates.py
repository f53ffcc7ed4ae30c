"""JSON objects that write a key twice, on real files written here: read as JSON parsers
read them (the last value kept), noted naming the key; a key twice inside a nested object
is refused naming the file, line and key; objects without one are never rewritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source


def written(pairs: list[tuple[str, object]]) -> str:
    """An object written pair by pair, as a serializer that appends a field it already
    wrote does (json.dumps of a dict cannot write a key twice)."""
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"


def rows(count: int, twice: dict[int, list[tuple[str, object]]]) -> list[str]:
    """`count` objects (subject, age, exercise), those of `twice` (by line) written with a
    stale `exercise` first."""
    lines = []
    for n in range(1, count + 1):
        pairs: list[tuple[str, object]] = [
            ("subject", f"s{n}"),
            ("age", 10 + n),
            ("exercise", n / 2),
        ]
        lines.append(written(pairs[:2] + twice.get(n, []) + pairs[2:]))
    return lines


def test_a_key_written_twice_keeps_its_last_value_noted(tmp_path: Path) -> None:
    path = tmp_path / "visits.ndjson"
    path.write_text("\n".join(rows(6, {4: [("exercise", -1.0)], 5: [("exercise", -1.0)]})) + "\n")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["subject", "age", "exercise"]
    assert result.table.column("exercise").to_pylist() == [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    assert result.rejects == []
    assert (
        "visits.ndjson: key exercise written twice in 2 objects (first on line 4): the "
        "last value kept" in result.schema_notes
    )
    assert not any("not JSON objects" in n for n in result.schema_notes)


def test_keys_written_twice_beside_a_bad_line_keep_their_place_and_records(tmp_path: Path) -> None:
    # a key written three times, a second key twice, and a bad line: each object's keys
    # keep the place of their first writing (as Python's json keeps them)
    lines = rows(4, {2: [("exercise", -1.0), ("exercise", -2.0)]})
    lines[2] = written(
        [("group", "x"), ("subject", "s3"), ("age", 13), ("exercise", 1.5), ("group", "control")]
    )
    path = tmp_path / "mixed.ndjson"
    path.write_text("\n".join([*lines[:3], "not json", lines[3]]) + "\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"subject": "s1", "age": 11, "exercise": 0.5, "group": None},
        {"subject": "s2", "age": 12, "exercise": 1.0, "group": None},
        {"subject": "s3", "age": 13, "exercise": 1.5, "group": "control"},
        {"subject": "s4", "age": 14, "exercise": 2.0, "group": None},
    ]
    assert [(r.record_no, r.raw) for r in result.rejects] == [("4", "not json")]
    assert [n for n in result.schema_notes if "written" in n] == [
        "mixed.ndjson: key exercise written 3 times in 1 object (first on line 2): the last value kept",
        "mixed.ndjson: key group written twice in 1 object (first on line 3): the last value kept",
    ]


def test_objects_without_a_key_written_twice_are_not_rewritten(tmp_path: Path) -> None:
    # near misses: a nested key like a top-level one, keys differing only by case, a value
    # holding a key's text; read line by line for the bad line, yet left as written
    path = tmp_path / "near.ndjson"
    path.write_text(
        '{"a": 1, "n": {"a": 2}, "note": "\\"a\\": 3"}\n[1]\n'
        '{"a": 4.50, "A": 5, "n": {"a": 6}, "note": "x"}\n'
    )
    result = read_source(path, None, {}, {})
    assert result.table.column("a").to_pylist() == [1.0, 4.5]
    assert result.table.column("a_2").to_pylist() == [None, 5]
    assert result.table.column("n__a").to_pylist() == [2, 6]
    assert result.table.column("note").to_pylist() == ['"a": 3', "x"]
    assert not any("written" in n for n in result.schema_notes)


def test_a_json_array_with_a_key_written_twice_names_the_item(tmp_path: Path) -> None:
    path = tmp_path / "visits.json"
    path.write_text("[\n" + ",\n".join(rows(3, {3: [("exercise", -1.0)]})) + "\n]\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("exercise").to_pylist() == [0.5, 1.0, 1.5]
    assert (
        "visits.json: key exercise written twice in 1 object (first in item 3): the last "
        "value kept" in result.schema_notes
    )


@pytest.mark.parametrize("name", ["nested.ndjson", "nested.json"])
def test_a_key_written_twice_in_a_nested_object_is_refused_naming_line_and_key(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_text('{"id": 1, "n": {"q": 1}}\n{"id": 2}\n{"id": 3, "n": {"q": 1, "q": 2}}\n')
    with pytest.raises(IngestError) as caught:
        read_source(path, None, {}, {})
    assert str(path) in str(caught.value)
    assert "line 3: a nested object writes key 'q' twice" in str(caught.value)
