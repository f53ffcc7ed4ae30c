"""Central European text in Windows-1250 or ISO-8859-2 whose cp1252 reading is letters too
(`Pøíliš`) is told from Western text by whose alphabet its letters are: Czech, Slovak,
Polish, Hungarian, Slovene and Croatian files are decoded; Western files stay cp1252 with no
note; text that fits on too little evidence stays cp1252 with a note naming the option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from faker import Faker

from datanet_sql.ingest.readers.encoding import detect_encoding
from datanet_sql.ingest.reading import read_source

CENTRAL = ["cs_CZ", "sk_SK", "pl_PL", "hu_HU", "sl_SI", "hr_HR"]
WESTERN = [
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pt_PT",
    "nl_NL",
    "da_DK",
    "sv_SE",
    "fi_FI",
    "is_IS",
    "fr_CH",
]
CODE_PAGES = ("cp1250", "iso8859-2")


def people(locale: str, rows: int, encoding: str) -> list[dict]:
    """Names, cities and streets in `locale` (Faker, a fixed seed) that `encoding` writes."""
    fake = Faker(locale)
    fake.seed_instance(11)
    records = [
        {"id": i, "name": fake.name(), "city": fake.city(), "street": fake.street_name()}
        for i in range(1, rows + 1)
    ]
    return [
        r
        for r in records
        if all(
            str(v).encode(encoding, errors="ignore").decode(encoding) == str(v)
            and "," not in str(v)
            for v in r.values()
        )
    ]


def written(path: Path, records: list[dict], encoding: str) -> Path:
    path.write_bytes(
        (
            "id,name,city,street\n"
            + "".join(f"{r['id']},{r['name']},{r['city']},{r['street']}\n" for r in records)
        ).encode(encoding)
    )
    return path


def _words(path: Path, text: str, encoding: str) -> Path:
    """The comma-separated words of `text`, one a row."""
    path.write_bytes(
        ("id,text\n" + "".join(f"{i},{word}\n" for i, word in enumerate(text.split(",")))).encode(
            encoding
        )
    )
    return path


def _doubts(result) -> list[str]:
    return [note for note in result.schema_notes if "fit Central European" in note]


@pytest.mark.parametrize("locale", CENTRAL)
@pytest.mark.parametrize("encoding", CODE_PAGES)
def test_central_european_names_are_decoded_in_their_code_page(tmp_path, locale, encoding):
    records = people(locale, 40, encoding)
    path = written(tmp_path / "people.csv", records, encoding)
    result = read_source(path, None, {}, {})
    for name in ("name", "city", "street"):
        assert result.table.column(name).to_pylist() == [r[name] for r in records]
    other = CODE_PAGES[encoding == "cp1250"]
    # Hungarian's letters are the same bytes in both: either name reads it alike
    alike = path.read_bytes().decode(other, errors="replace") == path.read_text(encoding)
    told = {f"encoding {name}," for name in ((encoding, other) if alike else (encoding,))}
    assert any(t in note for note in result.schema_notes for t in told)
    assert not _doubts(result)


@pytest.mark.parametrize("encoding", CODE_PAGES)
@pytest.mark.parametrize(
    "text",
    [
        "Příliš žluťoučký kůň úpěl ďábelské ódy",
        "Łódź,Kraków,Gdańsk,Żółć",
        "Győr,Szőlő utca,Tűzoltó,Kőbánya",
    ],
)
def test_a_line_of_czech_polish_or_hungarian_is_decoded(tmp_path, encoding, text):
    path = _words(tmp_path / "words.csv", text, encoding)
    assert detect_encoding(path) in CODE_PAGES
    assert read_source(path, None, {}, {}).table.column("text").to_pylist() == text.split(",")


@pytest.mark.parametrize("locale", WESTERN)
def test_western_names_stay_cp1252_without_a_note(tmp_path, locale):
    records = people(locale, 40, "cp1252")
    result = read_source(written(tmp_path / "people.csv", records, "cp1252"), None, {}, {})
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert result.table.column("street").to_pylist() == [r["street"] for r in records]
    assert not any(
        f"encoding {name}" in note for name in CODE_PAGES for note in result.schema_notes
    )
    assert not _doubts(result)


@pytest.mark.parametrize(
    "text",
    [
        "Genève,Hélène,Crème brûlée,Noël,François",  # è is cp1250's č: Czech letters too
        "Città,perché,più,Forlì,così",  # ì ù are ě ů
        "Søren Jørgensen,Bjørn,Kierkegård,Ærø",  # ø is ř
        "España,Peñón,Nº 5,Mª José,5¾ m²,°C",  # ñ is ń, º ª are ş Ş
        "Camões,Guimarães,São João",  # õ is ő, ã is ă
        "Zürich,Straße,Göteborg,Västerås,€ 10",
    ],
)
def test_western_near_misses_stay_cp1252_without_a_note(tmp_path, text):
    result = read_source(_words(tmp_path / "words.csv", text, "cp1252"), None, {}, {})
    assert result.table.column("text").to_pylist() == text.split(",")
    assert not _doubts(result)


def test_text_that_fits_on_too_little_evidence_stays_cp1252_with_a_note(tmp_path):
    """Two Hungarian words: `õ` and `û` are Western letters (Portuguese, French), `ő` and
    `ű` Hungarian ones; too little to read it otherwise, so the note says what to set."""
    path = tmp_path / "places.csv"
    path.write_bytes("id,place\n1,Győr\n2,Szűcs\n".encode("cp1250"))
    result = read_source(path, None, {}, {})
    assert result.table.column("place").to_pylist() == ["Gyõr", "Szûcs"]
    assert _doubts(result) == [
        (
            f"{path}: read as cp1252 (Western), but its letters fit Central European text in "
            f"cp1250 better ('Gyõr' would be 'Győr'), on too little text to decide: if so, set "
            f"options: {{encoding: cp1250}}"
        )
    ]
    named = read_source(path, None, {"encoding": "cp1250"}, {})
    assert named.table.column("place").to_pylist() == ["Győr", "Szűcs"]
    assert not _doubts(named)


def test_western_words_of_several_languages_that_read_as_czech_get_a_note_not_czech(tmp_path):
    """`Genève`, `Søren`, `Málaga` are Czech letters in cp1250 (`Genčve`, `Sřren`) and no
    one Western language's: thin evidence, so cp1252 is kept, and the note says so."""
    path = tmp_path / "names.csv"
    path.write_bytes("id,name\n1,Genève\n2,Søren\n3,Málaga\n".encode("cp1252"))
    result = read_source(path, None, {}, {})
    assert result.table.column("name").to_pylist() == ["Genève", "Søren", "Málaga"]
    assert len(_doubts(result)) == 1 and "'Genève' would be 'Genčve'" in _doubts(result)[0]


def test_ndjson_in_cp1250_is_decoded(tmp_path):
    records = people("cs_CZ", 20, "cp1250")
    path = tmp_path / "people.ndjson"
    path.write_bytes(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("cp1250")
    )
    result = read_source(path, None, {}, {})
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert "people.ndjson: encoding cp1250" in result.schema_notes
