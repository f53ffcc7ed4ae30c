"""Concordance load files (`.dat`, read with `format: csv`), e-discovery's standard: every
field enclosed in `þ` and separated by DC4 (0x14), the names on the first line, CRLF. Once
read as one column named after the whole header, silently. On real files written here, read
by real DuckDB and loaded into real DuckDB and Postgres warehouses; with the near misses
that must read as before (`þ` in Icelandic text, other control-character delimiters)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.readers import csv_concordance
from datanet_sql.ingest.reading import layout_of, read_source

THORN, DC4 = "\u00fe", "\x14"
NAMES = ["BEGBATES", "ENDBATES", "CUSTODIAN", "SUBJECT", "PAGES"]
RECORDS = [["MJ000001", "MJ000002", "Smith, John", 'Re: "Q3" numbers', "2"],
           ["MJ000003", "MJ000007", "Doe, Jane; Roe, Rick", "Line one\r\nline two", "5"],
           ["MJ000008", "MJ000008", "", f"a{DC4}b and Þór's 数据", "1"]]
TABLE = [{"begbates": "MJ000001", "endbates": "MJ000002", "custodian": "Smith, John",
          "subject": 'Re: "Q3" numbers', "pages": 2},
         {"begbates": "MJ000003", "endbates": "MJ000007", "custodian": "Doe, Jane; Roe, Rick",
          "subject": "Line one\r\nline two", "pages": 5},
         {"begbates": "MJ000008", "endbates": "MJ000008", "custodian": None,
          "subject": f"a{DC4}b and Þór's 数据", "pages": 1}]
NOTE = ("a Concordance load file (e-discovery): every field enclosed in 'þ', the fields "
        "separated by {}: read with 'þ' as the quote and its first line as the field names, "
        "as Concordance writes them (if it is a record, set options: {{header: false}})")


def dat(path: Path, rows: list[list[str]], delimiter: str = DC4, encoding: str = "utf-8"
        ) -> Path:
    """A load file as Concordance writes one: each field in þ, CRLF after every record."""
    text = "".join(delimiter.join(f"{THORN}{v}{THORN}" for v in row) + "\r\n" for row in rows)
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path, **options: object):
    result = read_source(path, "csv", dict(options), {})
    result.close()
    return result


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_a_load_file_in_each_encoding_reads_as_its_fields(tmp_path: Path, encoding: str
                                                          ) -> None:
    """UTF-8 (þ is c3 be), with a BOM, Windows-1252 (þ the byte 0xFE), UTF-16 with a BOM;
    `"`, the delimiter, a CRLF and `;` inside values kept, an empty field NULL."""
    rows = RECORDS if encoding != "cp1252" else [r[:3] + [r[3].replace("数据", "x")] + r[4:]
                                                 for r in RECORDS]
    path = dat(tmp_path / "production.dat", [NAMES, *rows], encoding=encoding)
    result = read(path)
    expected = TABLE if encoding != "cp1252" else [
        {**r, "subject": r["subject"].replace("数据", "x")} for r in TABLE]
    assert result.table.to_pylist() == expected and result.rejects == []
    assert str(result.table.schema.field("pages").type) == "int64"
    assert f"{path}: " + NOTE.format("DC4 (0x14, Concordance's default)") in result.schema_notes
    assert not any("doubt" in n for n in result.schema_notes)


@pytest.mark.parametrize(("delimiter", "shown"), [("\u00b6", "'¶' (U+00B6)"),
                                                  ("\u00ae", "'®' (U+00AE)"),
                                                  (",", "','"), ("|", "'|'"), ("\t", "a tab")])
def test_the_fields_joined_by_another_character_read_alike(tmp_path: Path, delimiter: str,
                                                           shown: str) -> None:
    """Tools that write Concordance's layout with `¶` itself, `®` (as a support article
    shows one), or a comma, pipe or tab between the þ-enclosed fields."""
    rows = [[v.replace(DC4, delimiter) for v in r] for r in RECORDS]
    result = read(dat(tmp_path / "vol001.dat", [NAMES, *rows], delimiter))
    assert result.table.to_pylist() == [
        {**r, "subject": r["subject"].replace(DC4, delimiter)} for r in TABLE]
    assert any(n.endswith(NOTE.format(shown)) for n in result.schema_notes)


def test_a_pipe_caret_load_file_reads_alike(tmp_path: Path) -> None:
    """`^BEGDOC^|^ENDDOC^`: a caret encloses every field (a pipe inside a value kept); a
    caret inside a value is refused as a þ is; a regex's `^...$` in a CSV is text."""
    rows = [["AB1", "AB2", "Smith, John | Doe", "2"], ["AB3", "AB9", "Roe", "7"]]
    path = tmp_path / "pipe.dat"
    path.write_text("".join("|".join(f"^{v}^" for v in r) + "\r\n"
                            for r in [["BEGDOC", "ENDDOC", "CUSTODIAN", "PAGES"], *rows]))
    result = read(path)
    assert result.table.to_pylist() == [
        {"begdoc": "AB1", "enddoc": "AB2", "custodian": "Smith, John | Doe", "pages": 2},
        {"begdoc": "AB3", "enddoc": "AB9", "custodian": "Roe", "pages": 7}]
    assert any("every field enclosed in '^', the fields separated by '|': read with '^' as "
               "the quote" in n for n in result.schema_notes)
    with path.open("a") as more:
        more.write("^X^|^x^2^|^a^|^1^\r\n")
    with pytest.raises(IngestError, match=r"whose line 4 holds a '\^' inside a value "
                                          r"\(column 7, near '\^X\^\|\^x\^2"):
        read(path)
    patterns = tmp_path / "patterns.csv"
    patterns.write_text("^pattern$,n\n^a.*$,1\n^b$,2\n")
    assert read(patterns).table.to_pylist() == [{"pattern": "^a.*$", "n": 1},
                                                {"pattern": "^b$", "n": 2}]


def test_registered_signs_are_kept_and_their_fields_named(tmp_path: Path) -> None:
    """`®` is Concordance's stand-in for a line break, but may be a registered sign: kept,
    the note naming the field and how many values hold it."""
    rows = [["D1", "Office® 2010"], ["D2", "first para®second para"], ["D3", "none"]]
    result = read(dat(tmp_path / "text.dat", [["DOCID", "OCR"], *rows]))
    assert result.table.column("ocr").to_pylist() == [
        "Office® 2010", "first para®second para", "none"]
    assert (f"{tmp_path / 'text.dat'}: '®' (Concordance's stand-in for a line break inside a "
            "value) in field(s) 'OCR' (2 value(s)): kept as written (it may be a registered "
            "sign); replace(column, '®', chr(10)) in the model makes them line breaks"
            ) in result.schema_notes


def test_text_only_fields_keep_the_first_line_as_names(tmp_path: Path) -> None:
    """Every column text: the first line is still the names (DuckDB's sniff alone could not
    tell); `header: false` reads it as a record, as the note says."""
    rows = [["ABC0001", "Smith, John"], ["ABC0002", "Doe, Jane"], ["ABC0003", "Roe, Rick"]]
    path = dat(tmp_path / "loadfile.dat", [["BEGDOC", "CUSTODIAN"], *rows])
    assert read(path).table.to_pylist()[0] == {"begdoc": "ABC0001", "custodian": "Smith, John"}
    headerless = read(path, header=False)
    assert headerless.table.column_names == ["column_1", "column_2"]
    assert headerless.table.column("column_1").to_pylist() == [
        "BEGDOC", "ABC0001", "ABC0002", "ABC0003"]
    assert any(n.endswith("read with 'þ' as the quote") for n in headerless.schema_notes)


def test_thorn_and_dc4_given_as_options_read_the_same(tmp_path: Path) -> None:
    path = dat(tmp_path / "production.dat", [NAMES, *RECORDS])
    assert read(path, quote=THORN, delimiter=DC4).table.to_pylist() == TABLE


def test_a_thorn_inside_a_value_is_refused_naming_the_line(tmp_path: Path) -> None:
    """Where a value holding `þ` ends cannot be told: refused, naming file and line (the
    second record spans lines 3 and 4)."""
    path = dat(tmp_path / "iceland.dat", [NAMES, *RECORDS, ["X1", "X1", "Jón", "þetta", "1"]])
    with pytest.raises(IngestError) as refused:
        read(path)
    assert str(refused.value).startswith(
        f"{path}: a Concordance load file (every field enclosed in 'þ') whose line 6 holds a "
        "'þ' inside a value (column 18, near 'þX1þ\\x14þX1þ\\x14þJónþ\\x14þþettaþ\\x14þ1þ'): "
        "where that value ends cannot be told")
    assert "have the load file exported again with another quote character" in str(
        refused.value)


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_chunks_cut_anywhere_judge_every_thorn_alike(tmp_path: Path, chunk: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy is written a chunk at a time: a þ at a chunk's edge is judged with the
    characters on both sides of it, and a line is counted once."""
    monkeypatch.setattr(csv_concordance, "_CHUNK", chunk)
    assert read(dat(tmp_path / "production.dat", [NAMES, *RECORDS])).table.to_pylist() == TABLE
    path = dat(tmp_path / "iceland.dat", [NAMES, *RECORDS, ["X1", "X1", "Jón", "þetta", "1"]])
    with pytest.raises(IngestError, match="whose line 6 holds a 'þ' inside a value "
                                          r"\(column 18, near "):
        read(path)


def test_an_empty_and_a_header_only_load_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.dat"
    empty.write_bytes(b"")
    result = read(empty)
    assert result.table.num_rows == 0 and result.schema_notes == ["empty.dat: empty file (0 bytes)"]
    only = read(dat(tmp_path / "names.dat", [NAMES]))
    assert only.table.num_rows == 0
    assert only.table.column_names == ["begbates", "endbates", "custodian", "subject", "pages"]


def test_a_legacy_byte_past_the_first_mb_is_left_to_the_encoding_check(tmp_path: Path
                                                                       ) -> None:
    """UTF-8 for its first MB, then `Müller` in cp1252 on a line with UTF-8 þ: the copy keeps
    the byte, DuckDB meets it, and the whole file's encoding check refuses the line."""
    rows = [NAMES[:3]] + [[f"AB{i:06d}", "MJ", "Smith, John"] for i in range(30000)]
    path = dat(tmp_path / "mixed.dat", [*rows, ["AB999999", "MJ", "Müller"]])
    path.write_bytes(path.read_bytes().replace("Müller".encode(), "Müller".encode("cp1252")))
    with pytest.raises(IngestError, match="mixes UTF-8 lines and lines in a legacy encoding, "
                                          "and line.s. 30002 hold both"):
        read(path)


def test_icelandic_text_with_thorns_reads_as_before(tmp_path: Path) -> None:
    """Near misses: `þ` opening a header and values (no field enclosed in it)."""
    words = tmp_path / "words.csv"
    words.write_text("þáttur,ár\nþorri,1990\nþjóð,2000\n", encoding="utf-8")
    result = read(words)
    assert result.table.to_pylist() == [{"thattur": "þorri", "ar": 1990},
                                        {"thattur": "þjóð", "ar": 2000}]
    assert not any("Concordance" in n for n in result.schema_notes)
    one = tmp_path / "one.csv"   # one þ-enclosed field a line: no delimiter shown
    one.write_text("þnafnþ\nþJónþ\nþÓlöfþ\n", encoding="utf-8")
    assert read(one).table.column(0).to_pylist() == ["þJónþ", "þÓlöfþ"]


def test_other_control_delimiters_and_a_bare_dc4_file(tmp_path: Path) -> None:
    """Near miss: Hive's Ctrl-A reads as before; DC4 without þ (a load file written with no
    quote) is taken as the control characters are."""
    hive = tmp_path / "hive.csv"
    hive.write_text("id\x01name\n1\x01a, b\n2\x01c\n")
    result = read(hive)
    assert result.table.to_pylist() == [{"id": 1, "name": "a, b"}, {"id": 2, "name": "c"}]
    assert not any("Concordance" in n for n in result.schema_notes)
    bare = tmp_path / "bare.dat"
    bare.write_text("BEGDOC\x14PAGES\r\nA1\x142\r\nA3\x147\r\n")
    result = read(bare)
    assert result.table.to_pylist() == [{"begdoc": "A1", "pages": 2},
                                        {"begdoc": "A3", "pages": 7}]
    assert (f"{bare}: delimiter '\\x14' (DC4, Concordance's field separator), which DuckDB's "
            "sniffer does not try: every sampled line splits on it alike") in result.schema_notes


def test_a_grown_load_file_has_no_layout_for_its_new_lines(tmp_path: Path) -> None:
    """Its new lines would be read without the copy's quoting: `append` refuses it."""
    path = dat(tmp_path / "production.dat", [NAMES, *RECORDS])
    assert layout_of(path, "csv", {}) is None
    words = tmp_path / "words.csv"
    words.write_text("þáttur,ár\nþorri,1990\n", encoding="utf-8")
    assert layout_of(words, "csv", {}) is not None


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_a_folder_of_load_files_loads_into_the_warehouse(tmp_path: Path, kind: str) -> None:
    """Two volumes of a production in `landing/*.dat`: each read on its own (DuckDB's scan of
    the glob would take þ for text), unioned, loaded."""
    (tmp_path / "landing").mkdir()
    dat(tmp_path / "landing" / "vol001.dat", [NAMES, *RECORDS[:2]])
    dat(tmp_path / "landing" / "vol002.dat", [NAMES, RECORDS[2]], encoding="utf-16")
    with local_or_pg_place(kind, tmp_path, "concordance_dat") as place:
        load(place.adapter, place.job(tmp_path, "production", "replace", path="landing/*.dat",
                                      format="csv"), reading)
        assert place.rows("production", "begbates, custodian, subject, pages") == [
            (r["begbates"], r["custodian"], r["subject"], r["pages"]) for r in TABLE]
