"""Files whose lines mix UTF-8 and a legacy encoding (rows appended by another tool): each
line decoded in its own encoding and the lines of each counted in a note, never mojibake;
a line holding both refused by number; a file wholly in one encoding read as before."""

from __future__ import annotations

import json

import pytest
from faker import Faker

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.encoding import detect_encoding
from datanet_sql.ingest.reading import read_source


def places(locale: str, rows: int, seed: int, start: int = 1) -> list[dict]:
    """Cities and streets in `locale`'s language, from Faker (a fixed seed)."""
    fake = Faker(locale)
    fake.seed_instance(seed)
    return [{"id": i, "city": fake.city(), "street": fake.street_name()}
            for i in range(start, start + rows)]


def lines(records: list[dict]) -> str:
    return "".join(f"{r['id']},{r['city']},{r['street']}\n" for r in records)


def accented(records: list[dict]) -> list[dict]:
    """The records with a letter that is not ASCII (the evidence of an encoding)."""
    return [r for r in records if not (r["city"] + r["street"]).isascii()]


@pytest.mark.parametrize("locale,legacy", [("sv_SE", "cp1252"), ("de_DE", "cp1252"),
                                           ("ru_RU", "cp1251")])
def test_utf8_rows_then_rows_appended_in_a_legacy_encoding_are_each_decoded(tmp_path, locale,
                                                                              legacy):
    first = accented(places(locale, 30, seed=3))
    later = accented(places(locale, 30, seed=4, start=100))
    path = tmp_path / "places.csv"
    path.write_bytes(("id,city,street\n" + lines(first)).encode()
                     + lines(later).encode(legacy))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == first + later
    assert f"{path}: encodings mixed by line: {len(first)} line(s) decoded as UTF-8, " \
           f"{len(later)} as {legacy}; check the text of both, or re-export the file in one " \
           f"encoding" in result.schema_notes


def test_lines_alternating_between_utf8_and_cp1252_are_each_decoded(tmp_path):
    records = accented(places("fr_FR", 40, seed=5))
    path = tmp_path / "alternating.csv"
    path.write_bytes(b"id,city,street\n" + b"".join(
        lines([r]).encode("utf-8" if i % 2 else "cp1252") for i, r in enumerate(records)))
    assert read_source(path, None, {}, {}).table.to_pylist() == records


def test_legacy_rows_past_the_first_megabyte_of_utf8_are_decoded(tmp_path):
    """The encoding is first taken from the file's first MB (UTF-8 there); the legacy bytes
    after it send the read back to decide on the whole file."""
    first = accented(places("sv_SE", 50, seed=6))
    later = accented(places("sv_SE", 20, seed=7, start=10_000))
    path = tmp_path / "grown.csv"
    head = "id,city,street\n" + lines(first) * (1_200_000 // len(lines(first)) + 1)
    path.write_bytes(head.encode() + lines(later).encode("cp1252"))
    rows = read_source(path, None, {}, {}).table.to_pylist()
    assert rows[:len(first)] == first and rows[-len(later):] == later


def test_a_line_holding_utf8_and_cp1252_both_is_refused_by_number(tmp_path):
    path = tmp_path / "both.csv"
    path.write_bytes("id,city\n1,Malmö\n".encode() + "2,Göteborg – ".encode()
                     + "Skåne\n".encode("cp1252"))
    with pytest.raises(IngestError, match=r"line\(s\) 3 hold both") as error:
        read_source(path, None, {}, {})
    assert error.value.file == str(path)


def test_a_file_wholly_in_cp1252_is_not_taken_for_mixed(tmp_path):
    records = accented(places("de_DE", 40, seed=8))
    path = tmp_path / "western.csv"
    path.write_bytes(("id,city,street\n" + lines(records)).encode("cp1252"))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == records
    assert detect_encoding(path) == "cp1252"
    assert not any("mixed" in note for note in result.schema_notes)


def test_ndjson_lines_mixing_utf8_and_cp1252_are_each_decoded(tmp_path):
    records = accented(places("es_ES", 20, seed=9))
    path = tmp_path / "places.ndjson"
    path.write_bytes(b"".join((json.dumps(r, ensure_ascii=False) + "\n").encode(
        "cp1252" if i >= 10 else "utf-8") for i, r in enumerate(records)))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == records
    assert any("encodings mixed by line: 10 line(s) decoded as UTF-8" in note
               for note in result.schema_notes)


def test_the_encoding_option_names_a_mixed_encoding(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("id,city\n1,Zürich\n".encode() + "2,Genève\n".encode("latin-1"))
    result = read_source(path, None, {"encoding": "UTF8+latin1"}, {})
    assert result.table.column("city").to_pylist() == ["Zürich", "Genève"]


def test_a_line_neither_utf8_nor_the_legacy_encoding_is_refused_by_number(tmp_path):
    path = tmp_path / "undefined.csv"
    path.write_bytes("id,city\n1,Zürich\n".encode() + b"2,Gen\x81ve\n")
    with pytest.raises(IngestError, match="line 3 is neither UTF-8 nor cp1252"):
        read_source(path, None, {"encoding": "utf-8+cp1252"}, {})
