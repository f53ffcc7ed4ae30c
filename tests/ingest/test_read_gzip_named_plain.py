"""Gzip bytes in a file whose name does not say so (a `.csv` downloaded raw from object
storage that served it with `Content-Encoding: gzip`): read as text, its header was binary
and its rows lost; found by gzip's magic bytes whatever the name, read decompressed,
noted."""

from __future__ import annotations

import gzip

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

ROWS = [{"id": 1, "city": "Zürich"}, {"id": 2, "city": "Oslo"}]
TEXTS = {
    "rows.csv": "id,city\n1,Zürich\n2,Oslo\n",
    "rows.tsv": "id\tcity\n1\tZürich\n2\tOslo\n",
    "rows.json": '[{"id": 1, "city": "Zürich"}, {"id": 2, "city": "Oslo"}]',
    "rows.ndjson": '{"id": 1, "city": "Zürich"}\n{"id": 2, "city": "Oslo"}\n',
}


@pytest.mark.parametrize("name", list(TEXTS))
def test_gzip_bytes_under_a_plain_name_are_read_decompressed_noted(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(TEXTS[name].encode("utf-8")))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == ROWS
    suffix = path.suffix
    assert any(
        n.endswith(f"gzip-compressed bytes in a file named {suffix}: read decompressed")
        for n in result.schema_notes
    ), result.schema_notes


def test_a_plain_file_starting_with_one_magic_byte_is_not_compressed(tmp_path):
    """Near-miss: a text whose first byte is 0x1f alone is no gzip stream: read as it is."""
    path = tmp_path / "rows.csv"
    path.write_bytes(b"\x1fid,city\n1,Oslo\n")
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 1
    assert not any("gzip" in n for n in result.schema_notes)


def test_a_cut_gzip_stream_under_a_plain_name_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(gzip.compress(TEXTS["rows.csv"].encode() * 50)[:30])
    with pytest.raises(IngestError, match="cannot decompress the file as gzip") as refused:
        read_source(path, None, {}, {})
    assert str(path) in str(refused.value)


@pytest.mark.parametrize("pattern", ["*.csv", "*.ndjson"])
def test_a_folder_with_one_gzip_delivery_loads_every_row_into_duckdb(tmp_path, pattern):
    """Two plain deliveries and one of gzip bytes in one load of the folder (DuckDB scans
    plain CSV files together: the compressed one is read on its own), then a second run
    with another: every row once."""
    landing = tmp_path / "landing"
    landing.mkdir()
    ext = pattern[1:]

    def deliver(number: int, compress: bool) -> None:
        rows = [(number * 10 + i, f"city {number}-{i}") for i in range(3)]
        if ext == ".csv":
            text = "id,city\n" + "".join(f"{i},{c}\n" for i, c in rows)
        else:
            text = "".join(f'{{"id": {i}, "city": "{c}"}}\n' for i, c in rows)
        data = text.encode()
        (landing / f"d{number}{ext}").write_bytes(gzip.compress(data) if compress else data)

    deliver(1, False)
    deliver(2, True)
    deliver(3, False)
    adapter, result = load_landing(tmp_path, pattern=pattern)
    try:
        # the load's notes are the reading's, without the file's name (see loader)
        note = f"gzip-compressed bytes in a file named {ext}: read decompressed"
        assert note in result.read_notes, result.read_notes
        assert result.rejects == 0
    finally:
        adapter.close()
    deliver(4, True)
    adapter, result = load_landing(tmp_path, pattern=pattern)
    try:
        ids = [r[0] for r in adapter.fetch("select id from shop.sales order by id")[1]]
        assert ids == [10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42]
        assert adapter.fetch("select count(*) from shop._rejects")[1] == [(0,)]
    finally:
        adapter.close()
