"""A Git LFS pointer in place of the data (`readers.lfs_pointer`): a repository checked out
without git-lfs leaves `policies.csv` holding three lines (`version https://git-lfs...`,
`oid sha256:...`, `size ...`), which were read as a CSV of two rows, loaded without a word.
Refused whatever the format or extension, naming the object's size and `git lfs pull`;
files that only look a bit like a pointer read as before."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

DATA = b"customer,policies\n1,2\n2,0\n" * 1000
OID = hashlib.sha256(DATA).hexdigest()
POINTER = f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize {len(DATA)}\n"
MESSAGE = (f"the file is a Git LFS pointer to an object of {len(DATA)} bytes that was never "
           f"fetched, not the data (a checkout without git-lfs, or a repository's ZIP "
           f"download, leaves such pointers)")
HINT = ("run `git lfs pull` in the repository (or fetch the file from where the data lives), "
        "then load again")


def refusal(path: Path, fmt: str | None = None, **options: str) -> IngestError:
    with pytest.raises(IngestError) as raised:
        read_source(path, fmt, options, {})
    assert raised.value.file == str(path)
    return raised.value


@pytest.mark.parametrize(("name", "fmt", "options"), [
    ("policies.csv", None, {}), ("policies.tsv", None, {}), ("policies.txt", None, {}),
    ("policies.json", None, {}), ("policies.ndjson", None, {}),
    ("policies.parquet", None, {}), ("policies.xlsx", None, {}),
    ("policies.db", None, {"source_table": "policies"}),
    ("policies.dat", "csv", {}), ("policies.csv", "parquet", {}), ("policies.bin", "xlsx", {}),
])
def test_a_pointer_is_refused_whatever_its_format(tmp_path: Path, name: str, fmt: str | None,
                                                  options: dict[str, str]) -> None:
    (tmp_path / name).write_text(POINTER)
    error = refusal(tmp_path / name, fmt, **options)
    assert (error.message, error.hint) == (MESSAGE, HINT)


@pytest.mark.parametrize("text", [
    POINTER.replace("\n", "\r\n"),                                   # core.autocrlf checkout
    POINTER.removesuffix("\n"),                                      # last line unended
    POINTER.replace("git-lfs.github.com", "hawser.github.com"),      # Git LFS's first name
    POINTER.replace("oid ", "ext-0-foo sha256:" + "0" * 64 + "\noid "),   # an extension
])
def test_pointers_as_git_lfs_writes_and_reads_them_are_refused(tmp_path: Path,
                                                               text: str) -> None:
    (tmp_path / "policies.csv").write_bytes(text.encode())
    assert refusal(tmp_path / "policies.csv").message == MESSAGE


def test_a_pointer_cut_short_is_refused_without_a_size(tmp_path: Path) -> None:
    (tmp_path / "policies.csv").write_text("version https://git-lfs.github.com/spec/v1\n"
                                           f"oid sha256:{OID[:20]}\n")
    assert refusal(tmp_path / "policies.csv").message == MESSAGE.replace(
        f" of {len(DATA)} bytes", "")


def test_a_pointer_among_a_globs_files_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(DATA)
    (tmp_path / "b.csv").write_text(POINTER)
    with pytest.raises(IngestError) as raised:
        read_source(tmp_path / "*.csv", None, {}, {})
    assert (raised.value.file, raised.value.message) == (str(tmp_path / "b.csv"), MESSAGE)


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_a_pointer_alone_is_refused_on_load_and_no_table_is_made(tmp_path: Path,
                                                                 kind: str) -> None:
    """Into DuckDB, a file loaded under replace is read by the warehouse's own CSV scan:
    that scan is not planned for a pointer, which is read on its own and refused."""
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "policies.csv").write_text(POINTER)
    with local_or_pg_place(kind, tmp_path, "lfszw_lfs") as place:
        table = f"t_{uuid.uuid4().hex[:8]}"
        with pytest.raises(IngestError) as raised:
            load(place.adapter, place.job(tmp_path, table, "replace"), reading)
        assert (raised.value.file, raised.value.message) == (
            str(tmp_path / "landing" / "policies.csv"), MESSAGE)
        assert not place.adapter.fetch(
            f"select table_name from information_schema.tables where table_schema = "
            f"'{place.schema}' and table_name = '{table}'")[1]


def test_a_pointer_among_deliveries_is_refused_the_files_before_it_loaded(
        tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text("customer,policies\n1,2\n2,0\n")
    (landing / "b.csv").write_text(POINTER)
    with local_or_pg_place("duckdb", tmp_path, "lfszw_lfs") as place:
        table = f"t_{uuid.uuid4().hex[:8]}"
        with pytest.raises(IngestError) as raised:
            load(place.adapter, place.job(tmp_path, table, "incremental_files"), reading)
        assert (raised.value.file, raised.value.message) == (str(landing / "b.csv"), MESSAGE)
        assert place.rows(table, "customer, policies") == [(1, 2), (2, 0)]


@pytest.mark.parametrize(("text", "rows"), [
    # a table with the pointer's words as its columns and values
    (f"version,oid,size\nhttps://git-lfs.github.com/spec/v1,sha256:{OID},12\n",
     [{"version": "https://git-lfs.github.com/spec/v1", "oid": f"sha256:{OID}", "size": 12}]),
    # space-delimited, `version` a column: its header is no `version <spec>` line
    (f"version oid size\n1 sha256:{OID} 12\n",
     [{"version": 1, "oid": f"sha256:{OID}", "size": 12}]),
    # git-lfs mentioned from the second line on: a notes file, not a pointer
    ("note\n" + POINTER, [{"note": line} for line in POINTER.splitlines()]),
])
def test_files_that_look_a_bit_like_a_pointer_read_as_before(tmp_path: Path, text: str,
                                                             rows: list[dict]) -> None:
    (tmp_path / "a.csv").write_text(text)
    assert read_source(tmp_path / "a.csv", None, {}, {}).table.to_pylist() == rows


def test_a_pointer_inside_the_data_is_a_value(tmp_path: Path) -> None:
    """A database holding pointers as text (an audit of a repository) is data."""
    with sqlite3.connect(tmp_path / "audit.db") as db:
        db.execute("create table files (path text, blob text)")
        db.execute("insert into files values ('policies.csv', ?)", (POINTER,))
    read_ = read_source(tmp_path / "audit.db", None, {"source_table": "files"}, {})
    assert read_.table.to_pylist() == [{"path": "policies.csv", "blob": POINTER}]


@pytest.mark.parametrize("data", [
    b"", "größe\nüber\n".encode("latin-1"), b"a,b\n1,\x00\n",
    POINTER.encode() + b"\n" * 1024,     # a pointer's lines, but 1 KB or more: no pointer
])
def test_empty_latin1_nul_and_large_files_are_read_as_before(tmp_path: Path,
                                                            data: bytes) -> None:
    (tmp_path / "a.csv").write_bytes(data)
    try:
        read_source(tmp_path / "a.csv", None, {}, {})
    except IngestError as error:
        assert "Git LFS" not in error.message
