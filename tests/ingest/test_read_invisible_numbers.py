"""Numbers carrying invisible format characters (`readers.invisible`): a listings scrape whose
prices were copied from a web page, eleven ending in a zero-width space (U+200B), had its
`price` column read as text. A column whose every value is a number once those characters
are removed is read as numbers, noted; a column with any other value keeps its text."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

ZWSP = "\u200b"


def price(i: int) -> int:
    return 100_000 + 250 * i


def listings(marked: dict[int, str], rows: int = 40) -> str:
    """A scrape of `rows` listings (`id,price,fuel`), the `marked` rows' prices written so
    (`{}` standing for the digits)."""
    lines = ["Id,Price,Fuel"] + [f"{i},{marked.get(i, '{}').format(price(i))},gás"
                                 for i in range(rows)]
    return "\n".join(lines) + "\n"


def read(tmp_path: Path, text: str, name: str = "listings.csv") -> reading.ReadResult:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_source(tmp_path / name, None, {}, {})


def note(label: Path | str, held: str, kind: str = "integer") -> str:
    return (f"{label}: column price: {held}, invisible beside or inside the digits (text "
            f"copied from a web page or a PDF); without them every value is a number: read "
            f"as {kind}, the characters removed")


def test_prices_ending_in_a_zero_width_space_are_integers_noted(tmp_path: Path) -> None:
    read_ = read(tmp_path, listings({i: "{}" + ZWSP for i in (0, 5, 17, 39)}))
    assert str(read_.table.schema.field("price").type) == "int64"
    assert read_.table.column("price").to_pylist() == [price(i) for i in range(40)]
    assert read_.table.column("fuel").to_pylist() == ["gás"] * 40
    assert note(tmp_path / "listings.csv", "4 value(s) hold a zero-width space (U+200B)") \
        in read_.schema_notes


@pytest.mark.parametrize(("written", "value", "held"), [
    ("\u2060{}", price(3), "1 value(s) hold a word joiner (U+2060)"),
    ("{}\u200c\u200d", price(3), ("1 value(s) hold a zero-width non-joiner (U+200C), "
                                  "1 a zero-width joiner (U+200D)")),
    ("1\ufeff{}", int(f"1{price(3)}"), "1 value(s) hold a zero-width no-break space (U+FEFF)"),
    ("1\u00ad{}", int(f"1{price(3)}"), "1 value(s) hold a soft hyphen (U+00AD)"),
    (ZWSP + "{}" + ZWSP, price(3), "1 value(s) hold a zero-width space (U+200B)"),
])
def test_each_invisible_character_around_or_inside_the_digits(
        tmp_path: Path, written: str, value: int, held: str) -> None:
    read_ = read(tmp_path, listings({3: written}))
    assert read_.table.column("price").to_pylist()[:5] == [
        price(0), price(1), price(2), value, price(4)]
    assert str(read_.table.schema.field("price").type) == "int64"
    assert note(tmp_path / "listings.csv", held) in read_.schema_notes


def test_decimals_blanks_and_a_lone_character_read_as_doubles(tmp_path: Path) -> None:
    """A value that is only the character is blank (NULL), as an empty field is."""
    text = "id,rate\n1,2.5\u200b\n2,\n3,\u200b\n4,-0.75\n5,1e3\u2060\n"
    read_ = read(tmp_path, text)
    assert read_.table.column("rate").to_pylist() == [2.5, None, None, -0.75, 1000.0]
    assert str(read_.table.schema.field("rate").type) == "double"
    assert note(tmp_path / "listings.csv", "2 value(s) hold a zero-width space (U+200B), "
                "1 a word joiner (U+2060)", "double").replace("price", "rate") \
        in read_.schema_notes


@pytest.mark.parametrize(("marked", "kept"), [
    # a word among them: the column is text, every value as written
    ({2: "{}" + ZWSP, 7: "call"}, {2: f"{price(2)}{ZWSP}", 7: "call"}),
    # a soft hyphen before the digits may be a PDF's minus sign: no number
    ({2: "{}" + ZWSP, 7: "\u00ad{}"}, {2: f"{price(2)}{ZWSP}", 7: f"\u00ad{price(7)}"}),
    # a narrow no-break space is a visible space (French thousands), not invisible
    ({2: "{}" + ZWSP, 7: "12\u202f345"}, {2: f"{price(2)}{ZWSP}", 7: "12\u202f345"}),
])
def test_a_column_with_another_value_keeps_its_text(tmp_path: Path, marked: dict[int, str],
                                                     kept: dict[int, str]) -> None:
    read_ = read(tmp_path, listings(marked))
    values = read_.table.column("price").to_pylist()
    assert str(read_.table.schema.field("price").type) == "string"
    assert {i: values[i] for i in kept} == kept
    assert values[0] == str(price(0))
    assert not any("the characters removed" in n for n in read_.schema_notes)


def test_text_with_invisible_characters_stays_as_written(tmp_path: Path) -> None:
    text = f"id,name\n1,Ann{ZWSP}\n2,Bo\u2060b\n3,Zoë\n"
    read_ = read(tmp_path, text)
    assert read_.table.to_pylist() == [{"id": 1, "name": f"Ann{ZWSP}"},
                                       {"id": 2, "name": "Bo\u2060b"}, {"id": 3, "name": "Zoë"}]
    assert not any("the characters removed" in n for n in read_.schema_notes)


def test_numbers_without_invisible_characters_read_as_before(tmp_path: Path) -> None:
    read_ = read(tmp_path, listings({}))
    assert read_.table.column("price").to_pylist() == [price(i) for i in range(40)]
    assert not any("the characters removed" in n for n in read_.schema_notes)


def test_a_character_past_duckdbs_type_sample(tmp_path: Path) -> None:
    """DuckDB typed the column from its sample, integers: the value past it made the read
    take types from every row, the column text; it is checked there."""
    read_ = read(tmp_path, listings({25_000: "{}" + ZWSP}, rows=30_000))
    assert str(read_.table.schema.field("price").type) == "int64"
    assert read_.table.column("price").to_pylist()[24_999:25_002] == [
        price(24_999), price(25_000), price(25_001)]
    assert note(tmp_path / "listings.csv", "1 value(s) hold a zero-width space (U+200B)") \
        in read_.schema_notes


def test_a_folder_whose_one_file_holds_them(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(listings({}))
    (tmp_path / "b.csv").write_text(listings({1: "{}" + ZWSP}))
    read_ = read_source(tmp_path / "*.csv", None, {}, {})
    assert read_.table.column("price").to_pylist() == [price(i) for i in range(40)] * 2
    assert note(f"{tmp_path}/*", "1 value(s) hold a zero-width space (U+200B)") \
        in read_.schema_notes


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
@pytest.mark.parametrize("mode", ["replace", "incremental_files"])
def test_loaded_as_integers(tmp_path: Path, kind: str, mode: str) -> None:
    """Into DuckDB the warehouse's own scan declines the file (its column is converted),
    which the Arrow read then loads; into Postgres the Arrow read does."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text(listings({i: "{}" + ZWSP for i in (0, 9)}, rows=10))
    if mode == "incremental_files":
        (landing / "b.csv").write_text(listings({}, rows=10))
    with local_or_pg_place(kind, tmp_path, "lfszw_zw") as place:
        table = f"t_{uuid.uuid4().hex[:8]}"
        load(place.adapter, place.job(tmp_path, table, mode), reading)
        files = 1 if mode == "replace" else 2
        assert place.rows(table, "id, price", "1, 2") == sorted(
            [(i, price(i)) for i in range(10)] * files)
        assert place.rows(table, "sum(price)") == [(sum(price(i) for i in range(10)) * files,)]
