"""on_bad_row (reject, skip, fail), formats and names: what every reader shares."""

from __future__ import annotations

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.names import unique_names
from datanet_sql.ingest.reading import read_source


@pytest.fixture
def ragged(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("id,amount\n" + "\n".join(f"{i},{i}.5" for i in range(1, 30))
                    + "\n30,1,2\n31,3.5\n")
    return path


def test_reject_keeps_bad_rows_apart(ragged):
    result = read_source(ragged, None, {}, {})
    assert result.table.num_rows == 30
    assert [r.record_no for r in result.rejects] == ["30"]


def test_skip_drops_bad_rows_and_says_so(ragged):
    result = read_source(ragged, None, {}, {}, on_bad_row="skip")
    assert result.table.num_rows == 30 and result.rejects == []
    assert "skipped 1 bad record(s) (on_bad_row: skip), the first: record 30: 3 fields where" \
           " the header has 2" in result.schema_notes[-1]


def test_fail_names_the_file_and_the_record(ragged):
    with pytest.raises(IngestError) as error:
        read_source(ragged, None, {}, {}, on_bad_row="fail")
    assert str(error.value).splitlines()[0] == \
        f"{ragged}: record 30: 3 fields where the header has 2"


def test_bad_policy_and_unknown_formats_are_errors(ragged, tmp_path):
    with pytest.raises(IngestError, match="on_bad_row is 'ignore'"):
        read_source(ragged, None, {}, {}, on_bad_row="ignore")
    with pytest.raises(IngestError, match="unknown source format 'xml'"):
        read_source(ragged, "xml", {}, {})
    with pytest.raises(IngestError, match="data.bin: cannot tell the format"):
        read_source(tmp_path / "data.bin", None, {}, {})


def test_declared_column_absent_from_the_file_is_added_as_null(ragged):
    result = read_source(ragged, None, {}, {"channel": "varchar", "amount": "double"})
    assert result.table.column("channel").null_count == 30
    assert any("channel not in the file" in n for n in result.schema_notes)


@pytest.mark.parametrize("names, expected", [
    ([" Order ID ", "orderDate", "Körpermasse (g)", "Straße"],
     ["order_id", "order_date", "korpermasse_g", "strasse"]),
    (["a", "A", "a ", "", "%"], ["a", "a_2", "a_3", "column_4", "column_5"]),
])
def test_names(names, expected):
    assert unique_names(names) == expected


def test_missing_or_unreadable_files_are_errors_naming_them(tmp_path):
    with pytest.raises(IngestError, match="nope.csv: no such file"):
        read_source(tmp_path / "nope.csv", None, {}, {})
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(IngestError, match="bad.parquet: not a readable Parquet file"):
        read_source(tmp_path / "bad.parquet", None, {}, {})
    (tmp_path / "a.csv").write_text("a\n1\n")
    with pytest.raises(IngestError, match="nested is 'explode'"):
        read_source(tmp_path / "a.csv", None, {"nested": "explode"}, {})
    with pytest.raises(IngestError, match="a postgres source is a table"):
        read_source(tmp_path / "a.csv", "postgres", {}, {})
