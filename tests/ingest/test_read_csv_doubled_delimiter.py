"""A CSV delimited by two characters (`||`): read on `|` alone, every other column would be
blank-named and empty (`column_2`, `column_4`), silently wrong."""

from __future__ import annotations

from datanet_sql.ingest.reading import read_source


def test_a_doubled_pipe_delimiter_is_read_as_one(tmp_path):
    (tmp_path / "feed.csv").write_text("actual||estimated||error\n10||12||2\n7||||-1\n30||25||-5\n")
    result = read_source(tmp_path / "feed.csv", None, {}, {})
    assert result.table.column_names == ["actual", "estimated", "error"]
    assert result.table.column("estimated").to_pylist() == [12, None, 25]
    assert result.table.column("error").to_pylist() == [2, -1, -5]
    assert result.rejects == []
    notes = [n.split(": ", 1)[1] for n in result.schema_notes]
    assert (
        "delimiter '||': read on '|' alone, every other column would have no name and "
        "no value" in notes
    )


def test_a_single_pipe_past_the_sample_is_text_of_its_field(tmp_path):
    """Read on `||`, a lone `|` in a value is the value's own (`1|8`), never a split."""
    rows = "".join(f"{i}||{i * 2}||x\n" for i in range(5))
    (tmp_path / "feed.csv").write_text(f"a||b||c\n{rows}9||1|8||y\n")
    result = read_source(tmp_path / "feed.csv", None, {}, {})
    assert result.table.column_names == ["a", "b", "c"]
    assert result.table.column("b").to_pylist() == ["0", "2", "4", "6", "8", "1|8"]
    assert result.rejects == []


def test_a_named_empty_column_between_filled_ones_stays(tmp_path):
    """Near-miss: an empty column with a name is a column, the delimiter single."""
    (tmp_path / "p.csv").write_text("a|note|b|memo|c\n1||2||3\n4||5||6\n")
    result = read_source(tmp_path / "p.csv", None, {}, {})
    assert result.table.column_names == ["a", "note", "b", "memo", "c"]
    assert result.table.column("b").to_pylist() == [2, 5]
    assert not any("'||'" in n for n in result.schema_notes)
