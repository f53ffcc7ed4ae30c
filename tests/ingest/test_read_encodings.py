"""Legacy encodings told apart on files written here: Western text stays cp1252, Japanese,
Korean and Chinese text in their double-byte encodings is decoded, and so is Cyrillic,
Greek and Polish text in its single-byte code page; mixed evidence refused;
byte-order marks inside a file; gzip-compressed text files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from faker import Faker

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.encoding import detect_encoding
from datanet_sql.ingest.reading import read_source


def people(locale: str, rows: int, seed: int) -> list[dict]:
    """Names, cities and streets in `locale`'s script, from Faker (a fixed seed)."""
    fake = Faker(locale)
    fake.seed_instance(seed)
    return [{"id": i, "name": fake.name(), "city": fake.city(), "street": fake.street_name()}
            for i in range(1, rows + 1)]


def csv_text(records: list[dict]) -> str:
    return "id,name,city,street\n" + "".join(
        f"{r['id']},{r['name']},{r['city']},{r['street']}\n" for r in records)


def written(path: Path, records: list[dict], encoding: str) -> Path:
    path.write_bytes(csv_text(records).encode(encoding))
    return path


# Shift_JIS, EUC-KR, GBK and Big5 as Windows writes them; a few rows to many.
EAST_ASIAN = [("ja_JP", "cp932"), ("ko_KR", "cp949"), ("zh_CN", "gbk"), ("zh_TW", "cp950")]
WESTERN = ["de_DE", "fr_FR", "es_ES", "pt_BR", "pt_PT", "sv_SE", "da_DK", "no_NO", "fi_FI",
           "is_IS"]


@pytest.mark.parametrize("locale,encoding", EAST_ASIAN)
@pytest.mark.parametrize("rows", [3, 40])
def test_a_double_byte_east_asian_file_is_decoded_not_read_as_latin1(tmp_path, locale,
                                                                     encoding, rows):
    records = people(locale, rows, seed=7)
    if encoding == "cp950":   # Faker's zh_TW has a few characters Big5 lacks
        records = [r for r in records if _encodes(r, encoding)]
    result = read_source(written(tmp_path / "people.csv", records, encoding), None, {}, {})
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert result.table.column("street").to_pylist() == [r["street"] for r in records]
    assert result.table.column("id").type == "int64"
    assert any(f"encoding {encoding}," in note for note in result.schema_notes)


@pytest.mark.parametrize("locale", WESTERN)
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_text_in_cp1252_or_latin1_keeps_being_read_as_cp1252(tmp_path, locale,
                                                                      encoding):
    records = [r for r in people(locale, 30, seed=3) if _encodes(r, encoding)]
    result = read_source(written(tmp_path / "people.csv", records, encoding), None, {}, {})
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert result.table.column("city").to_pylist() == [r["city"] for r in records]
    assert any("encoding cp1252," in note for note in result.schema_notes)


def test_a_short_western_word_that_also_decodes_as_gbk_stays_cp1252(tmp_path):
    """`Straße` and `Zürich` are valid GBK byte pairs; their cp1252 reading is Western."""
    path = tmp_path / "short.csv"
    path.write_bytes("city,street\nZürich,Straße\nGenève,Rue\n".encode("cp1252"))
    assert detect_encoding(path) == "cp1252"
    assert read_source(path, None, {}, {}).table.to_pylist()[0] == {"city": "Zürich",
                                                                    "street": "Straße"}


# Cyrillic (Windows and KOI8-R), Greek and Central European single-byte code pages.
SINGLE_BYTE = [("ru_RU", "cp1251"), ("ru_RU", "koi8-r"), ("uk_UA", "cp1251"),
               ("el_GR", "cp1253"), ("pl_PL", "cp1250")]


@pytest.mark.parametrize("locale,encoding", SINGLE_BYTE)
@pytest.mark.parametrize("rows", [3, 40])
def test_a_single_byte_cyrillic_greek_or_polish_file_is_decoded_not_read_as_cp1252(
        tmp_path, locale, encoding, rows):
    """Read as cp1252 they are mojibake (`Ïðèâåò`, `Wroc³aw`): each is read in its own code
    page, named in the note."""
    records = [r for r in people(locale, rows, seed=7) if _encodes(r, encoding)]
    result = read_source(written(tmp_path / "people.csv", records, encoding), None, {}, {})
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert result.table.column("city").to_pylist() == [r["city"] for r in records]
    assert any(f"encoding {encoding}," in note for note in result.schema_notes)


def test_capital_cyrillic_is_told_from_koi8_r_by_its_commonest_letters(tmp_path):
    """Words in capitals alone read as well-cased words in both cp1251 and KOI8-R (whose
    cases are swapped): the reading whose letters are Russian's commonest wins."""
    cities = ["МОСКВА", "ТОМСК", "САРАТОВ", "ВОРОНЕЖ", "НОВОСИБИРСК", "ЕКАТЕРИНБУРГ"]
    text = "id,city\n" + "".join(f"{i},{city}\n" for i, city in enumerate(cities))
    path = tmp_path / "cities.csv"
    path.write_bytes(text.encode("cp1251"))
    assert detect_encoding(path) == "cp1251"
    path.write_bytes(text.encode("koi8-r"))   # also Greek letters in cp1253, `ς` mid-word
    result = read_source(path, None, {}, {})
    assert result.table.column("city").to_pylist() == cities
    assert any("encoding koi8-r," in note for note in result.schema_notes)


def test_cyrillic_that_also_reads_as_chinese_is_refused_naming_both(tmp_path):
    """Words of even length in small letters are also valid GBK and Big5 byte pairs."""
    path = tmp_path / "words.csv"
    path.write_bytes("word\nдома рука нога пара\n".encode("cp1251"))
    with pytest.raises(IngestError) as refused:
        read_source(path, None, {}, {})
    assert "fits more than one encoding: cp1251 (Windows Cyrillic) and gbk (GBK)" in \
        str(refused.value)
    assert "options: {encoding: cp1251}" in str(refused.value)
    assert read_source(path, None, {"encoding": "cp1251"}, {}).table.column(
        "word").to_pylist() == ["дома рука нога пара"]


def _ambiguous(path: Path) -> Path:
    """Kanji alone: `年` is 0x94 0x4E in Shift_JIS, `”N` in cp1252 (a curly quote before a
    letter, as Western text has it); `東京都` is a run of symbols. 7 of 12 non-ASCII
    characters look Western: neither clearly Western nor clearly double-byte."""
    path.write_bytes(("year,place\n" + "年 " * 7 + ",東京都\n").encode("cp932"))
    return path


def test_text_that_is_neither_clearly_western_nor_double_byte_is_refused(tmp_path):
    path = _ambiguous(tmp_path / "mixed.csv")
    with pytest.raises(IngestError) as refused:
        read_source(path, None, {}, {})
    message = str(refused.value)
    assert str(path) in message and "cp932 (Shift_JIS)" in message
    assert "options: {encoding: cp932}" in message


def test_the_encoding_option_reads_what_detection_refuses(tmp_path):
    path = _ambiguous(tmp_path / "mixed.csv")
    assert read_source(path, None, {"encoding": "shift_jis"}, {}).table.column(
        "place").to_pylist() == ["東京都"]


@pytest.mark.parametrize("locale,encoding", [("ja_JP", "cp932"), ("de_DE", "cp1252")])
def test_ndjson_not_in_utf8_names_its_encoding_in_the_notes(tmp_path, locale, encoding):
    records = [r for r in people(locale, 20, seed=5) if _encodes(r, encoding)]
    path = tmp_path / "people.ndjson"
    path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n"
                             for r in records).encode(encoding))
    result = read_source(path, None, {}, {})
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert f"people.ndjson: encoding {encoding}" in result.schema_notes


def test_utf8_ndjson_has_no_encoding_note(tmp_path):
    path = tmp_path / "plain.ndjson"
    path.write_text('{"id": 1, "city": "Zürich"}\n', encoding="utf-8")
    assert not any("encoding" in n for n in read_source(path, None, {}, {}).schema_notes)


def test_a_bom_at_the_start_of_a_record_is_removed_and_named(tmp_path):
    """Two UTF-8 exports saved with a BOM each, then joined: the second BOM starts line 5."""
    first = "\ufeffid,name,score\n1,Ana,3\n2,Bo,4\n3,Cy,5\n".encode()
    second = "\ufeff4,Di,6\n5,\ufeffEd,7\n".encode()
    path = tmp_path / "joined.csv"
    path.write_bytes(first + second)
    result = read_source(path, None, {}, {})
    assert result.table.column("id").type == "int64"
    assert result.table.to_pylist()[3:] == [{"id": 4, "name": "Di", "score": 6},
                                            {"id": 5, "name": "Ed", "score": 7}]
    assert f"{path}: byte-order mark (U+FEFF) removed at the start of line(s) 5, 6: files " \
           f"saved with a BOM each, then joined" in result.schema_notes


def test_a_bom_inside_a_word_is_data_and_kept(tmp_path):
    path = tmp_path / "word.csv"
    path.write_bytes("id,name\n1,a\ufeffb\n".encode())
    result = read_source(path, None, {}, {})
    assert result.table.column("name").to_pylist() == ["a\ufeffb"]
    assert not any("byte-order" in n for n in result.schema_notes)


def test_a_bom_inside_a_utf16_file_is_removed_from_its_utf8_copy(tmp_path):
    path = tmp_path / "joined.tsv"
    path.write_bytes("id\tcity\n1\tZürich\n".encode("utf-16") + "2\tOslo\n".encode("utf-16"))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "city": "Zürich"}, {"id": 2, "city": "Oslo"}]
    assert any("removed at the start of line(s) 3" in n for n in result.schema_notes)


def test_a_bom_at_the_start_of_an_ndjson_line_is_removed_and_named(tmp_path):
    path = tmp_path / "joined.ndjson"
    path.write_bytes('\ufeff{"id": 1}\n{"id": 2}\n\ufeff{"id": 3}\n'.encode())
    result = read_source(path, None, {}, {})
    assert result.table.column("id").to_pylist() == [1, 2, 3] and not result.rejects
    assert "joined.ndjson: byte-order mark (U+FEFF) removed at the start of line(s) 3: " \
           "files saved with a BOM each, then joined" in result.schema_notes


def test_python_nan_in_ndjson_is_read_as_null_with_its_own_note(tmp_path):
    path = tmp_path / "scores.ndjson"
    path.write_text("".join(json.dumps({"id": i, "score": float("nan") if i % 3 == 0 else i})
                            + "\n" for i in range(1, 10)))
    result = read_source(path, None, {}, {})
    assert result.table.column("score").to_pylist() == [1, 2, None, 4, 5, None, 7, 8, None]
    assert result.schema_notes == [(
        "scores.ndjson: column score holds 3 NaN value(s) (what Python's json.dumps writes "
        "for a missing float; JSON has no NaN): read as NULL")]


@pytest.mark.parametrize("name,text", [
    ("rows.ndjson.gz", '{"id": 1, "city": "Zürich"}\n{"id": 2, "city": "Oslo"}\n'),
    ("rows.jsonl.gz", '{"id": 1, "city": "Zürich"}\n{"id": 2, "city": "Oslo"}\n'),
    ("rows.json.gz", '[{"id": 1, "city": "Zürich"}, {"id": 2, "city": "Oslo"}]'),
    ("rows.csv.gz", "id,city\n1,Zürich\n2,Oslo\n"),
    ("rows.tsv.gz", "id\tcity\n1\tZürich\n2\tOslo\n")])
def test_gzip_compressed_text_is_read_by_its_inner_extension(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    assert read_source(path, None, {}, {}).table.to_pylist() == [
        {"id": 1, "city": "Zürich"}, {"id": 2, "city": "Oslo"}]


def test_gzip_compressed_cp1252_csv_is_decompressed_then_decoded(tmp_path):
    path = tmp_path / "rows.csv.gz"
    path.write_bytes(gzip.compress("id;Größe\n1;Zürich\n".encode("cp1252")))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "grosse": "Zürich"}]


def test_a_gz_name_that_is_not_gzip_or_not_text_is_refused_by_name(tmp_path):
    fake = tmp_path / "rows.csv.gz"
    fake.write_text("id\n1\n")
    with pytest.raises(IngestError, match="cannot decompress the file as gzip") as refused:
        read_source(fake, None, {}, {})
    assert str(fake) in str(refused.value)
    sheet = tmp_path / "book.xlsx.gz"
    sheet.write_bytes(gzip.compress(b"x"))
    with pytest.raises(IngestError, match="only for text formats"):
        read_source(sheet, None, {}, {})


def _encodes(record: dict, encoding: str) -> bool:
    try:
        csv_text([record]).encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
