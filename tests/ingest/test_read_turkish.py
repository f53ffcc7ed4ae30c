"""Turkish text in Windows-1254 decodes as Windows-1252 too, into Icelandic letters
(`Şanlıurfa` as `Þanlýurfa`): it is told by its letters being Turkish's, placed as Turkish
places them, and read as cp1254; Icelandic, French and German files stay cp1252 with no
note; Turkish-looking text on too little evidence stays cp1252 with a note naming the
option."""

from __future__ import annotations

from pathlib import Path

import pytest
from faker import Faker
from test_load_modes import job, rows

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.readers.encoding import detect_encoding
from datanet_sql.ingest.reading import read_source


def people(locale: str, count: int, encoding: str) -> list[tuple[int, str, str, str]]:
    """Names, cities and streets in `locale` (Faker, a fixed seed) that `encoding` writes."""
    fake = Faker(locale)
    fake.seed_instance(7)
    records = [(i, fake.name(), fake.city(), fake.street_name()) for i in range(1, count + 1)]
    return [r for r in records
            if all(v.encode(encoding, errors="ignore").decode(encoding) == v for v in r[1:])]


def written(path: Path, records: list[tuple], encoding: str) -> Path:
    path.write_bytes(("id,name,city,street\n" + "".join(
        ",".join(map(str, r)) + "\n" for r in records)).encode(encoding))
    return path


def _words(path: Path, text: str, encoding: str) -> Path:
    """The comma-separated words of `text`, one a row."""
    path.write_bytes(("id,text\n" + "".join(
        f"{i},{word}\n" for i, word in enumerate(text.split(",")))).encode(encoding))
    return path


def _doubts(result: reading.ReadResult) -> list[str]:
    return [note for note in result.schema_notes if "Turkish" in note]


def test_turkish_names_in_windows_1254_are_decoded(tmp_path: Path) -> None:
    records = people("tr_TR", 40, "cp1254")
    path = written(tmp_path / "people.csv", records, "cp1254")
    assert detect_encoding(path) == "cp1254"
    result = read_source(path, None, {}, {})
    for index, name in enumerate(("name", "city", "street"), start=1):
        assert result.table.column(name).to_pylist() == [r[index] for r in records]
    assert not _doubts(result)


@pytest.mark.parametrize("text", [
    "Eskişehir,Şanlıurfa,Iğdır,Kırşehir,Muğla,Ağrı",
    "İSTANBUL,ŞİŞLİ,ÇAĞLAYAN,KADIKÖY",
    "Müşteri adı,Ayşe Kaya,Çanakkale,Gaziantep,İzmir",
])
def test_turkish_place_names_are_decoded(tmp_path: Path, text: str) -> None:
    path = _words(tmp_path / "sites.csv", text, "cp1254")
    assert detect_encoding(path) == "cp1254"
    assert read_source(path, None, {}, {}).table.column("text").to_pylist() == text.split(",")


@pytest.mark.parametrize("locale", ["is_IS", "fr_FR", "de_DE"])
def test_icelandic_french_and_german_names_stay_cp1252_without_a_note(
        tmp_path: Path, locale: str) -> None:
    records = people(locale, 40, "cp1252")
    path = written(tmp_path / "people.csv", records, "cp1252")
    assert detect_encoding(path) == "cp1252"
    result = read_source(path, None, {}, {})
    assert result.table.column("name").to_pylist() == [r[1] for r in records]
    assert result.table.column("city").to_pylist() == [r[2] for r in records]
    assert not _doubts(result)


@pytest.mark.parametrize("text", [
    "Þórður,Guðrún,Sigurður,Reykjavík,Ísafjörður,Þingvellir",   # ð after a consonant, ó, í
    "Genève,Zürich,Straße,Café,Ærø,Ýves",
    "25°C,Nº 5,5¾ m²,€ 10",
])
def test_icelandic_and_western_near_misses_stay_cp1252_without_a_note(
        tmp_path: Path, text: str) -> None:
    result = read_source(_words(tmp_path / "words.csv", text, "cp1252"), None, {}, {})
    assert result.table.column("text").to_pylist() == text.split(",")
    assert not _doubts(result)


CUSTODIANS = ["Smith", "Jones", "Þór", "Lee", "Kim"]


def test_a_concordance_load_file_in_cp1252_stays_cp1252(tmp_path: Path) -> None:
    """Its `þ` (0xFE, cp1254's `ş`) encloses every field, beside letters: no letter."""
    path = tmp_path / "production.dat"
    path.write_bytes("".join("\x14".join(f"þ{v}þ" for v in row) + "\r\n" for row in [
        ["BEGDOC", "ENDDOC", "CUSTODIAN"], *([f"MJ{n:06}", f"MJ{n + 1:06}", name]
                                             for n, name in enumerate(CUSTODIANS))]
    ).encode("cp1252"))
    assert detect_encoding(path) == "cp1252"
    result = read_source(path, "csv", {}, {})
    assert result.table.column("custodian").to_pylist() == CUSTODIANS
    assert not _doubts(result)


@pytest.mark.parametrize(("text", "encoding", "western", "turkish"), [
    ("Muğla,Ankara", "cp1254", "Muðla", "Muğla"),
    # Icelandic names whose letters could be Turkish's, none placed as only Turkish does
    ("Guðmundsson,Þorsteinn,Þorgeir", "cp1252", "Guðmundsson", "Guğmundsson"),
])
def test_text_that_fits_on_too_little_evidence_stays_cp1252_with_a_note(
        tmp_path: Path, text: str, encoding: str, western: str, turkish: str) -> None:
    path = _words(tmp_path / "places.csv", text, encoding)
    result = read_source(path, None, {}, {})
    assert result.table.column("text").to_pylist() == \
        text.encode(encoding).decode("cp1252").split(",")
    assert _doubts(result) == [
        (f"{path}: read as cp1252 (Western), but its letters fit Turkish text in cp1254 "
         f"('{western}' would be '{turkish}'), on too little text to decide: if so, set "
         f"options: {{encoding: cp1254}}")]


def test_a_naming_option_reads_the_file_as_named(tmp_path: Path) -> None:
    path = _words(tmp_path / "places.csv", "Muğla,Ankara", "cp1254")
    result = read_source(path, None, {"encoding": "cp1254"}, {})
    assert result.table.column("text").to_pylist() == ["Muğla", "Ankara"]
    assert not _doubts(result)


def test_lines_appended_in_windows_1254_to_a_utf8_file_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    path.write_bytes("id,site\n1,Eskişehir\n".encode() +
                     "2,Şanlıurfa\n3,Kırşehir\n4,Ağrı\n".encode("cp1254"))
    assert detect_encoding(path) == "utf-8+cp1254"
    assert read_source(path, None, {}, {}).table.column("site").to_pylist() == [
        "Eskişehir", "Şanlıurfa", "Kırşehir", "Ağrı"]


def test_a_windows_1254_delivery_after_a_utf8_one_loads_as_written(
        tmp_path: Path, adapter) -> None:
    """The grain board's first delivery UTF-8, its second from an old Windows tool."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text("id,site\n1,Muğla\n2,Iğdır\n", encoding="utf-8")
    (landing / "b.csv").write_bytes("id,site\n3,Şanlıurfa\n4,Kırşehir\n5,Ağrı\n"
                                    .encode("cp1254"))
    result = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (result.rows, result.rejects) == (5, 0)
    assert rows(adapter, "select id, site from shop.sales order by id") == [
        (1, "Muğla"), (2, "Iğdır"), (3, "Şanlıurfa"), (4, "Kırşehir"), (5, "Ağrı")]
