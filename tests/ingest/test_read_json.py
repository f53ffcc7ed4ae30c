"""JSON / NDJSON reading on real files written here: late keys, bad lines, nesting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source


def ndjson(path: Path, records: list, bad: dict[int, str] | None = None) -> Path:
    lines = [json.dumps(r) for r in records]
    for number, text in (bad or {}).items():
        lines[number - 1] = text
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_key_first_seen_on_the_last_line_is_a_column(tmp_path):
    records = [{"id": i, "city": "Oslo"} for i in range(1, 5001)]
    records[-1]["Promo Code"] = "SPRING"
    result = read_source(ndjson(tmp_path / "late.ndjson", records), None, {}, {})
    assert result.table.column_names == ["id", "city", "promo_code"]
    assert result.table.column("promo_code").to_pylist()[-2:] == [None, "SPRING"]


def test_bad_lines_are_rejects_with_line_numbers_and_types_kept(tmp_path):
    records = [{"id": i, "day": f"2024-01-{i:02d}", "amount": i * 1.5} for i in range(1, 21)]
    path = ndjson(tmp_path / "bad.ndjson", records, {3: '{"id": 3, "day": "2024-01-0', 8: "[1, 2]"})
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 18
    assert [(r.record_no, r.raw) for r in result.rejects] == [
        ("3", '{"id": 3, "day": "2024-01-0'), ("8", "[1, 2]")]
    assert str(result.table.schema.field("day").type) == "date32[day]"
    assert result.table.column("id").to_pylist()[:3] == [1, 2, 4]


def test_a_line_that_is_valid_json_but_not_an_object_is_a_reject(tmp_path):
    # DuckDB's default records detection read such a file as one JSON column, silently
    records = [{"id": i} for i in range(1, 6)]
    result = read_source(ndjson(tmp_path / "arr.ndjson", records, {2: "[1, 2]", 4: "7"}),
                         None, {}, {})
    assert result.table.column_names == ["id"]
    assert result.table.column("id").to_pylist() == [1, 3, 5]
    assert [(r.record_no, r.raw) for r in result.rejects] == [("2", "[1, 2]"), ("4", "7")]


@pytest.mark.parametrize(("text", "rejects"), [("\n\n", []), ("[1]\n\n7\n", [("1", "[1]"),
                                                                            ("3", "7")])],
                         ids=["blank_lines", "no_object"])
def test_a_file_with_no_json_object_is_empty_with_its_bad_lines_rejected(tmp_path, text,
                                                                        rejects):
    path = tmp_path / "none.ndjson"
    path.write_text(text)
    result = read_source(path, None, {}, {})
    assert (result.table.num_columns, result.table.num_rows) == (0, 0)
    assert [(r.record_no, r.raw) for r in result.rejects] == rejects


def test_a_json_array_of_arrays_is_refused_saying_it_has_no_names(tmp_path):
    """Rows written as arrays (the first perhaps a header) have no field names to read:
    refused with what to do, not with DuckDB's binder message and a hint about NDJSON."""
    path = tmp_path / "rows.json"
    path.write_text('[["year", "gnp"], [1947, 234.3], [1948, 259.4]]')
    with pytest.raises(IngestError) as refused:
        read_source(path, None, {}, {})
    text = refused.value.render()
    assert "rows.json: the file holds JSON values that are not records" in text
    assert "array of arrays" in text and "export the table as CSV" in text
    assert "Binder Error" not in text


def test_nested_objects_flattened_and_arrays_become_child_tables(tmp_path):
    records = [{"order_id": 10, "customer": {"name": "Ann", "address": {"city": "Oslo"}},
                "items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}], "tags": ["x"]},
               {"order_id": 11, "customer": {"name": "Bo", "address": {"city": "Rome"}},
                "items": [], "tags": ["y", "z"]}]
    result = read_source(ndjson(tmp_path / "orders.ndjson", records), None, {}, {},
                         parent_key=["order_id"])
    assert result.table.to_pylist() == [
        {"order_id": 10, "customer__name": "Ann", "customer__address__city": "Oslo"},
        {"order_id": 11, "customer__name": "Bo", "customer__address__city": "Rome"}]
    assert result.children["items"].to_pylist() == [
        {"order_id": 10, "_index": 1, "sku": "A", "qty": 1},
        {"order_id": 10, "_index": 2, "sku": "B", "qty": 2}]
    assert result.children["tags"].to_pylist() == [
        {"order_id": 10, "_index": 1, "value": "x"}, {"order_id": 11, "_index": 1, "value": "y"},
        {"order_id": 11, "_index": 2, "value": "z"}]


def test_without_parent_key_children_link_by_record_number(tmp_path):
    records = [{"name": "a", "items": [1, 2]}, {"name": "b", "items": [3]}]
    result = read_source(ndjson(tmp_path / "o.ndjson", records), None, {}, {})
    assert result.table.to_pylist() == [{"name": "a", "_record_no": 1},
                                        {"name": "b", "_record_no": 2}]
    assert result.children["items"].column("_record_no").to_pylist() == [1, 1, 2]


def test_nested_keep_leaves_struct_and_list_columns(tmp_path):
    records = [{"id": 1, "geo": {"lat": 1.5}, "items": [1, 2]}]
    result = read_source(ndjson(tmp_path / "k.ndjson", records), None, {"nested": "keep"}, {})
    assert result.table.to_pylist() == [{"id": 1, "geo": {"lat": 1.5}, "items": [1, 2]}]
    assert result.children == {}


def test_json_array_file_and_a_broken_one(tmp_path):
    path = tmp_path / "cars.json"
    path.write_text(json.dumps([{"Name": "a", "specs": {"hp": 90}}, {"Name": "b"}], indent=2))
    assert read_source(path, None, {}, {}).table.to_pylist() == [
        {"name": "a", "specs__hp": 90}, {"name": "b", "specs__hp": None}]
    path.write_text('[{"a": 1}, {"a": ')
    with pytest.raises(IngestError, match="cars.json: not valid JSON"):
        read_source(path, None, {}, {})


def test_declared_types_on_json_reject_with_the_record_as_json(tmp_path):
    records = [{"id": i, "qty": str(i)} for i in range(1, 6)]
    records[2]["qty"] = "three"
    result = read_source(ndjson(tmp_path / "q.ndjson", records), None, {}, {"qty": "integer"})
    assert result.table.column("qty").to_pylist() == [1, 2, 4, 5]
    [reject] = result.rejects
    assert (reject.record_no, reject.reason) == ("3", "qty: 'three' is not an integer")
    assert json.loads(reject.raw) == {"id": 3, "qty": "three"}


def test_rejected_parents_take_their_children_with_them(tmp_path):
    records = [{"id": "1", "items": [1]}, {"id": "x", "items": [2, 3]}, {"id": "3", "items": [4]}]
    result = read_source(ndjson(tmp_path / "p.ndjson", records), None, {}, {"id": "integer"})
    assert [r.record_no for r in result.rejects] == ["2"]
    assert result.children["items"].column("value").to_pylist() == [1, 4]


def test_utf16_ndjson_and_empty_file(tmp_path):
    path = tmp_path / "u.ndjson"
    path.write_bytes('{"name": "Zoë"}\n'.encode("utf-16"))
    assert read_source(path, None, {}, {}).table.to_pylist() == [{"name": "Zoë"}]
    path.write_bytes(b"")
    assert read_source(path, None, {}, {}).table.num_columns == 0


def test_arrays_inside_array_elements_stay_lists_in_the_child(tmp_path):
    records = [{"id": 1, "items": [{"sku": "A", "tags": ["red", "big"]}]}]
    result = read_source(ndjson(tmp_path / "n.ndjson", records), None, {}, {}, parent_key=["id"])
    assert result.children["items"].to_pylist() == [
        {"id": 1, "_index": 1, "sku": "A", "tags": ["red", "big"]}]


def test_a_line_over_max_object_size_is_a_reject_giving_its_size_and_the_option(tmp_path):
    """With a 1 MB limit, a 2 MB object (read line by line because of a bad line) is a
    reject naming its size, the limit and the option that raises it, not 'invalid JSON'."""
    path = ndjson(tmp_path / "big.ndjson", [{"id": 1}, {"id": 2, "blob": "x" * (2 << 20)},
                                            {"id": 3}, {"id": 4}], {4: "[1, 2]"})
    result = read_source(path, None, {"max_object_size": "1MB"}, {})
    assert result.table.to_pylist() == [{"id": 1}, {"id": 3}]
    [big, bad] = result.rejects
    assert (big.record_no, bad.record_no, bad.reason) == \
        ("2", "4", "not a JSON object (invalid JSON)")
    assert big.reason == ("a line of 2 MB, longer than max_object_size (1 MB); raise it with "
                          "options: {max_object_size: 3MB} (the raw holds its first 1000 "
                          "characters)")
    assert big.raw == '{"id": 2, "blob": "' + "x" * 981
    assert "big.ndjson: 1 line(s) are not JSON objects, 1 longer than max_object_size (1 MB)" \
        in result.schema_notes
    whole = read_source(path, None, {"max_object_size": 3 << 20}, {})
    assert ([r["id"] for r in whole.table.to_pylist()], len(whole.rejects)) == ([1, 2, 3], 1)


def test_an_object_duckdb_refuses_is_a_reject_and_in_an_array_an_error(tmp_path):
    """DuckDB reads objects up to about twice its limit (16 MB at least): a 40 MB one makes
    its read fail; the line becomes the reject, the other lines load."""
    blob = "y" * (40 << 20)
    path = ndjson(tmp_path / "huge.ndjson", [{"id": 1}, {"id": 2, "blob": blob}, {"id": 3}])
    result = read_source(path, None, {"max_object_size": "16MB"}, {})
    assert result.table.to_pylist() == [{"id": 1}, {"id": 3}]
    assert [(r.record_no, r.reason.split(";")[0]) for r in result.rejects] == [
        ("2", "a line of 40 MB, longer than max_object_size (16 MB)")]
    (tmp_path / "huge.json").write_text(json.dumps([{"id": 1}, {"id": 2, "blob": blob}]))
    with pytest.raises(IngestError, match=r"huge.json: an object in the array is larger than "
                       r"max_object_size \(16 MB\) allows\n.*options: \{max_object_size: 64MB\}"):
        read_source(tmp_path / "huge.json", None, {"max_object_size": "16MB"}, {})
    with pytest.raises(IngestError, match=r"max_object_size is 'big'\n.*256MB"):
        read_source(path, None, {"max_object_size": "big"}, {})


def test_a_key_that_is_an_object_then_text_is_one_text_column(tmp_path):
    records = [{"id": i, "position": {"lat": 27.5, "long": -79.0}} for i in range(1, 4)]
    records += [{"id": 4, "position": "37.7N 35.3W"}, {"id": 5, "position": 'say "hi"'},
                {"id": 6, "position": None}, {"id": 7, "position": [1, 2]}]
    result = read_source(ndjson(tmp_path / "storms.ndjson", records), None, {}, {})
    assert result.table.column_names == ["id", "position"]
    assert result.table.column("position").to_pylist() == [
        '{"lat":27.5,"long":-79.0}'] * 3 + ["37.7N 35.3W", 'say "hi"', None, "[1,2]"]
    assert any("column position: values of different kinds" in n for n in result.schema_notes)


def test_integers_past_bigint_keep_every_digit(tmp_path):
    """DuckDB types a column with an integer past BIGINT as DOUBLE, which rounds it: such
    columns are read again from their text. Integers of up to 38 digits are a decimal,
    longer ones text; a column with fractions stays double."""
    hashed, huge = 2**64 + 7, 10**44 + 1
    records = [{"event": n, "hash": hashed if n == 3 else n, "serial": huge if n == 2 else n,
                "mass": 1.5e20 if n == 1 else n + 0.25} for n in range(1, 5)]
    result = read_source(ndjson(tmp_path / "events.ndjson", records), None, {}, {})
    table = result.table
    assert str(table.schema.field("hash").type) == "decimal128(38, 0)"
    assert table.column("hash").to_pylist() == [1, 2, hashed, 4]
    assert table.column("serial").to_pylist() == ["1", str(huge), "3", "4"]
    assert table.column("mass").to_pylist() == [1.5e20, 2.25, 3.25, 4.25]
    assert str(table.schema.field("event").type) == "int64"
    assert "events.ndjson: column hash holds numbers past BIGINT: integers kept whole as " \
        "decimal(38,0)" in result.schema_notes
    assert any("column mass" in n and "read as double" in n for n in result.schema_notes)


def test_objects_each_followed_by_a_comma_are_records_not_rejects(tmp_path):
    """A JSON array's items, one a line, with its brackets cut off: every line but the last
    ends with the array's separating comma. The comma is not part of the record."""
    lines = [json.dumps({"id": i, "speed": 800 + i}) + ("," if i < 40 else "")
             for i in range(1, 41)]
    lines[9] = '{"id": 10, "speed": },'      # a line broken inside stays a reject
    lines[19] += ","                            # two commas: not one separator, a reject
    (tmp_path / "cut.ndjson").write_text("\n".join(lines) + "\n")
    result = read_source(tmp_path / "cut.ndjson", None, {}, {})
    assert result.table.column("speed").to_pylist()[:3] == [801, 802, 803]
    assert result.table.num_rows == 38
    assert sorted(int(r.record_no) for r in result.rejects) == [10, 20]
    assert any("comma" in note for note in result.schema_notes)


CASED = [{"Name": "Ann", "name": "ann", "name_1": "real"}, {"NAME": "ANN", "id": 2}]


@pytest.mark.parametrize("layout", ["ndjson", "json", "ndjson with a bad line"])
def test_keys_differing_only_by_case_are_numbered_as_duplicated_headers(tmp_path, layout):
    """`Name`, `name` and `NAME` are three columns named as duplicated CSV headers are
    (`name`, `name_2`, `name_3`), from the file's own keys: DuckDB's `name_1` for the second
    would take the name of the real key `name_1`, which keeps its own name and values."""
    if layout == "json":
        path = tmp_path / "cased.json"
        path.write_text(json.dumps(CASED))
    else:
        bad = {2: "not json"} if "bad" in layout else None
        path = ndjson(tmp_path / "cased.ndjson", [CASED[0], {}, CASED[1]] if bad else CASED,
                      bad)
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["name", "name_2", "name_1", "name_3", "id"]
    assert result.table.to_pylist() == [
        {"name": "Ann", "name_2": "ann", "name_1": "real", "name_3": None, "id": None},
        {"name": None, "name_2": None, "name_1": None, "name_3": "ANN", "id": 2}]
    assert f"{path.name}: keys 'Name', 'name', 'NAME' differ only by case: each is a column " \
           f"of its own, numbered as duplicated names are" in result.schema_notes
    assert "columns renamed: 'Name' -> name, 'name' -> name_2, 'NAME' -> name_3" in \
        result.schema_notes


def test_a_real_key_like_a_numbered_one_keeps_its_name(tmp_path):
    """`name` and `name_1` are two keys, not one renamed: nothing is renamed nor noted."""
    result = read_source(ndjson(tmp_path / "plain.ndjson", [{"name": "a", "name_1": "b"}]),
                         None, {}, {})
    assert result.table.to_pylist() == [{"name": "a", "name_1": "b"}]
    assert not [n for n in result.schema_notes if "case" in n or "renamed" in n]


WIDE_AND_CASED = [{"Hash": 2**64 + 7, "hash": 5, "Name": "Ann", "name": "ann"},
                  {"Hash": 1, "hash": 2**64 + 9, "Name": "Bo", "name": "bo"}]


@pytest.mark.parametrize("layout", ["ndjson", "json", "ndjson with a bad line"])
def test_integers_past_bigint_beside_keys_differing_only_by_case(tmp_path, layout):
    """A column of integers past BIGINT is read again from its text, by its own key: keys
    that differ only by case (`Name`, `name`; and the wide `Hash`, `hash` themselves) each
    keep their own values (the text read again by DuckDB's case-blind names gave `name_2`
    nothing). A file with a bad line keeps every digit too (it rounded them before)."""
    if layout == "json":
        path = tmp_path / "wide.json"
        path.write_text(json.dumps(WIDE_AND_CASED))
    else:
        bad = {2: "not json"} if "bad" in layout else None
        records = [WIDE_AND_CASED[0], {}, WIDE_AND_CASED[1]] if bad else WIDE_AND_CASED
        path = ndjson(tmp_path / "wide.ndjson", records, bad)
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"hash": 2**64 + 7, "hash_2": 5, "name": "Ann", "name_2": "ann"},
        {"hash": 1, "hash_2": 2**64 + 9, "name": "Bo", "name_2": "bo"}]
    assert [str(result.table.schema.field(n).type) for n in ("hash", "hash_2")] == [
        "decimal128(38, 0)"] * 2
    assert f"{path.name}: column Hash holds numbers past BIGINT: integers kept whole as " \
        "decimal(38,0)" in result.schema_notes


@pytest.mark.parametrize("orient", ["index", "columns"])
def test_one_object_keyed_by_row_id_is_read_as_rows(tmp_path, orient):
    rows = {"p1": {"weight": 3.5, "kind": "a"}, "p2": {"weight": 4, "kind": "b"},
            "p3": {"weight": None, "kind": "c"}}
    if orient == "columns":   # pandas' default: each value a column keyed by row id
        rows = {f: {r: v[f] for r, v in rows.items()} for f in ("weight", "kind")}
    path = tmp_path / "keyed.json"
    path.write_text(json.dumps(rows))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"key": "p1", "weight": 3.5, "kind": "a"},
                                        {"key": "p2", "weight": 4.0, "kind": "b"},
                                        {"key": "p3", "weight": None, "kind": "c"}]
    assert any(f'orient="{orient}"' in n and "row id in column key" in n
               for n in result.schema_notes)


def test_keyed_by_integer_row_ids_and_a_field_named_key(tmp_path):
    path = tmp_path / "ids.json"   # pandas' default index: the integer side is the rows
    path.write_text(json.dumps({"key": {"0": 1, "1": 2}, "size": {"0": 10, "1": 20}}))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"key_id": "0", "key": 1, "size": 10},
                                        {"key_id": "1", "key": 2, "size": 20}]


def test_a_config_of_sections_with_differing_keys_stays_one_record(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"db": {"host": "h", "port": 5432}, "log": {"level": "info"}}))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"db__host": "h", "db__port": 5432,
                                         "log__level": "info"}]
    assert not any("row id" in n for n in result.schema_notes)


def test_keyed_by_row_id_either_way_round_is_refused_naming_records(tmp_path):
    path = tmp_path / "square.json"   # all numbers, no integer ids: rows or columns?
    path.write_text(json.dumps({"a": {"x": 1.5, "y": 2.5}, "b": {"x": 3.5, "y": 4.5}}))
    with pytest.raises(IngestError, match=r'square.json: .*row id.*\n.*orient="records"'):
        read_source(path, None, {}, {})


def test_json_numbers_but_a_few_strings_stay_text_and_are_named(tmp_path):
    records = [{"id": i, "Fuel Price": i / 4} for i in range(1, 60)]
    records.append({"id": 60, "Fuel Price": "tbd"})
    result = read_source(ndjson(tmp_path / "fuel.ndjson", records), None, {}, {})
    assert result.table.column("fuel_price").to_pylist()[-2:] == ["14.75", "tbd"]
    assert any("fuel.ndjson: column fuel_price: 1 of 60 values are not numbers ('tbd')" in n
               for n in result.schema_notes)


@pytest.mark.parametrize("envelope", ["data", "results"])
def test_an_array_of_api_pages_is_read_as_the_records_in_their_envelope(tmp_path, envelope):
    pages = [{envelope: [{"id": 2 * p + i, "city": f"c{p}{i}"} for i in (1, 2)],
              "meta": {"page": p}, "links": {"next": None if p else "?page=1"}}
             for p in (0, 1)]
    path = tmp_path / "pages.json"
    path.write_text(json.dumps(pages))
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["id", "city"]
    assert result.table.to_pylist()[::3] == [{"id": 1, "city": "c01"},
                                             {"id": 4, "city": "c12"}]
    assert str(result.table.schema.field("id").type) == "int64"
    assert f'pages.json: records in an envelope: read the list under "{envelope}" in each ' \
        "of 2 pages as 4 rows; left out: links, meta" in result.schema_notes


def test_one_api_answer_is_read_as_the_records_in_its_envelope(tmp_path):
    path = tmp_path / "answer.json"
    path.write_text(json.dumps({"meta": {"total": 2},
                                "items": [{"sku": "a", "qty": 3}, {"sku": "b", "qty": 5}]}))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"sku": "a", "qty": 3}, {"sku": "b", "qty": 5}]
    assert 'answer.json: records in an envelope: read the list under "items" of the object ' \
        "as 2 rows; left out: meta" in result.schema_notes


def test_records_with_a_child_list_or_pages_of_differing_envelopes_stay_records(tmp_path):
    orders = tmp_path / "orders.json"   # a scalar beside the list: an order and its lines
    orders.write_text(json.dumps([{"id": 1, "items": [{"sku": "a"}]},
                                  {"id": 2, "items": [{"sku": "b"}, {"sku": "c"}]}]))
    result = read_source(orders, None, {}, {})
    assert result.table.column("id").to_pylist() == [1, 2]
    assert result.children["items"].column("sku").to_pylist() == ["a", "b", "c"]
    assert not any("envelope" in n for n in result.schema_notes)
    mixed = tmp_path / "mixed.json"   # which key holds the records is not one answer
    mixed.write_text(json.dumps([{"data": [{"x": 1}], "meta": {}},
                                 {"rows": [{"x": 2}], "meta": {}}]))
    result = read_source(mixed, None, {}, {})
    assert result.table.num_rows == 2
    assert not any("envelope" in n for n in result.schema_notes)


def test_pandas_split_json_is_read_as_rows_named_by_its_columns(tmp_path):
    path = tmp_path / "split.json"   # to_json(orient="split") of a frame indexed by city
    path.write_text(json.dumps({"columns": ["population", "crime"], "index": ["Oslo", "Rome"],
                                "data": [[None, 2602], [675, 1698]]}))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"key": "Oslo", "population": None, "crime": 2602},
                                        {"key": "Rome", "population": 675, "crime": 1698}]
    assert "split.json: pandas' split shape (columns, index, data): read as 2 rows named by " \
        "its columns, the index in column key" in result.schema_notes


def test_pandas_split_json_with_the_default_index_leaves_it_out(tmp_path):
    path = tmp_path / "split.json"
    path.write_text(json.dumps({"columns": ["key", "size"], "index": [0, 1],
                                "data": [["a", 1.5], ["b", 2.5]]}))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"key": "a", "size": 1.5}, {"key": "b", "size": 2.5}]
    assert str(result.table.schema.field("size").type) == "double"


def test_pandas_values_json_an_array_of_arrays_is_refused_for_want_of_names(tmp_path):
    path = tmp_path / "values.json"   # to_json(orient="values"): no header row to name by
    path.write_text(json.dumps([["a", 1], ["b", 2]]))
    with pytest.raises(IngestError, match=r"values.json: .*arrays.*no column names"):
        read_source(path, None, {}, {})
