"""Logs in the W3C extended log format (CloudFront, IIS), on files written here: columns
named from `#Fields:`, directives left out and noted; a `#Fields:` that does not fit the
records, or changes mid-file, refused; near misses (comment lines of another kind, a
`#Fields:` only in a value) read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

NOTE = "a W3C extended log (CloudFront, IIS): columns named from its #Fields: line"


def test_cloudfront_log_named_from_its_fields_line(tmp_path: Path) -> None:
    path = tmp_path / "cf.tsv"
    path.write_text("#Version: 1.0\n#Fields: date x-edge-location sc-bytes cs(User-Agent)\n"
                    "2024-01-02\tLHR62\t2041\tcurl/8.0\n2024-01-03\tFRA2\t17\tMozilla/5.0\n")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["date", "x_edge_location", "sc_bytes", "cs_user_agent"]
    assert result.table.column("sc_bytes").to_pylist() == [2041, 17]
    assert result.table.column("x_edge_location").to_pylist() == ["LHR62", "FRA2"]
    assert any(f"cf.tsv: {NOTE} (4 names), records tab-separated; 2 directive" in n
               for n in result.schema_notes)
    assert result.rejects == []


def test_iis_log_space_separated_with_directives_again_after_a_restart(tmp_path: Path) -> None:
    block = "#Software: Microsoft IIS 10.0\n#Version: 1.0\n#Date: 2024-01-02 00:00:00\n" \
            "#Fields: time cs-method sc-status\n"
    path = tmp_path / "u_ex240102.csv"
    path.write_text(block + "00:00:01 GET 200\n00:00:02 POST 404\n" + block + "09:00:00 GET 500\n")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["time", "cs_method", "sc_status"]
    assert result.table.column("cs_method").to_pylist() == ["GET", "POST", "GET"]
    assert result.table.column("sc_status").to_pylist() == [200, 404, 500]
    assert any("records space-separated; 8 directive" in n for n in result.schema_notes)


def test_fields_that_do_not_fit_the_records_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.tsv"
    path.write_text("#Version: 1.0\n#Fields: a b c\n1\t2\n3\t4\n")
    with pytest.raises(IngestError, match=r"names 3 columns \(a b c\), but its first record "
                                          r"holds 2 values") as raised:
        read_source(path, None, {}, {})
    assert str(path) in str(raised.value) and "skip" in str(raised.value)


def test_fields_changed_mid_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "changed.tsv"
    path.write_text("#Fields: a b\n1\t2\n#Fields: a b c\n3\t4\t5\n")
    with pytest.raises(IngestError, match=r"line 3 '#Fields: a b c' names other columns"):
        read_source(path, None, {}, {})


def test_options_header_reads_the_file_as_told(tmp_path: Path) -> None:
    path = tmp_path / "told.tsv"
    path.write_text("#Fields: a b\nx\ty\n1\t2\n")
    result = read_source(path, None, {"skip": 1, "header": True}, {})
    assert result.table.to_pylist() == [{"x": 1, "y": 2}]


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    commented = tmp_path / "commented.csv"   # a comment line of another kind, then a header
    commented.write_text("# exported 2024-01-02\nid,name\n1,ann\n2,bo\n")
    result = read_source(commented, None, {}, {})
    assert not any(NOTE in n for n in result.schema_notes)
    value = tmp_path / "value.csv"   # `#Fields:` only inside a record
    value.write_text("id,text\n1,#Fields: a b\n2,plain\n")
    result = read_source(value, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "text": "#Fields: a b"},
                                        {"id": 2, "text": "plain"}]
    assert not any(NOTE in n for n in result.schema_notes)
