"""Files that are not text, named `.csv` or `.json`: refused naming what they are, never
read as Latin-1 garbage (a Parquet file was 0 rows under a column `par1_l`, a PDF 99 rows)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source


def parquet(path: Path) -> None:
    pq.write_table(pa.table({"a": [1, 2]}), path)


def sqlite(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("create table t (a)")
    db.close()


def workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["a", "b"])
    book.save(path)


def pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")


@pytest.mark.parametrize(("write", "what", "hint"), [
    (parquet, "a Parquet file", "set `format: parquet`"),
    (sqlite, "a SQLite database", "set `format: sqlite` and `source_table:`"),
    (workbook, "a zip archive (an .xlsx workbook is one)", "set `format: xlsx`"),
    (pdf, "a PDF document", "export the data as CSV"),
])
@pytest.mark.parametrize("name", ["export.csv", "export.json"])
def test_a_binary_file_named_as_text_is_refused_naming_what_it_is(
        tmp_path: Path, write, what: str, hint: str, name: str) -> None:
    write(tmp_path / name)
    with pytest.raises(IngestError) as raised:
        read_source(tmp_path / name, None, {}, {})
    fmt = name.split(".")[1]
    assert raised.value.message == f"the file is {what}, not {fmt} text (its first bytes say so)"
    assert hint in raised.value.hint and raised.value.file == str(tmp_path / name)


def test_text_that_begins_like_a_signature_is_still_text(tmp_path: Path) -> None:
    """`BZh` starts a bzip2 file only with a block size digit after it; a header may begin
    with letters a signature has."""
    (tmp_path / "a.csv").write_text("BZhx,PAR\n1,2\n")
    assert read_source(tmp_path / "a.csv", None, {}, {}).table.num_rows == 1


def test_one_binary_file_in_a_glob_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id\n1\n")
    parquet(tmp_path / "b.csv")
    with pytest.raises(IngestError) as raised:
        read_source(tmp_path / "*.csv", None, {}, {})
    assert raised.value.file == str(tmp_path / "b.csv")
