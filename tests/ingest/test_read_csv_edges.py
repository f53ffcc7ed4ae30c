"""How a CSV's lines split into fields where DuckDB's sniffer alone reads them wrong: a
control character as the delimiter (a Hive export's Ctrl-A), and a header line that alone
ends with the delimiter. On real files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.ingest.reading import read_source

BACTERIA = [("y", "p", "hi", "0", "X01", "placebo"), ("n", "a", "lo", "2", "X02", "drug, +")]


@pytest.mark.parametrize(
    "delimiter, named",
    [
        ("\x01", "Ctrl-A, Hive's default"),
        ("\x1f", "the ASCII unit separator"),
        ("\x1e", "the ASCII record separator"),
    ],
)
def test_a_control_character_delimiter_splits_the_lines(
    tmp_path: Path, delimiter: str, named: str
) -> None:
    """Hive's text export separates fields with Ctrl-A: every line splits on it alike, so
    it is the delimiter, before a comma inside a value (`drug, +`)."""
    path = tmp_path / "bacteria.txt"
    lines = ["y,ap,hilo,week,id,trt".replace(",", delimiter)] + [
        delimiter.join(row) for row in BACTERIA
    ]
    path.write_text("\n".join(lines) + "\n")
    result = read_source(path, "csv", {}, {})
    assert result.rejects == []
    assert result.table.column_names == ["y", "ap", "hilo", "week", "id", "trt"]
    assert result.table.column("trt").to_pylist() == ["placebo", "drug, +"]
    assert result.table.column("week").to_pylist() == [0, 2]
    assert (
        f"{path}: delimiter {delimiter!r} ({named}), which DuckDB's sniffer does not try: "
        "every sampled line splits on it alike" in result.schema_notes
    )


def test_a_control_character_on_some_lines_only_is_no_delimiter(tmp_path: Path) -> None:
    """A Ctrl-A inside one value of a comma-separated file (pasted from a terminal) does
    not split the lines alike: the file stays comma-separated, the value as written."""
    path = tmp_path / "notes.csv"
    path.write_text("id,note\n1,a\x01b\n2,plain\n3,c\x01d\x01e\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("note").to_pylist() == ["a\x01b", "plain", "c\x01d\x01e"]
    assert not any("Ctrl-A" in n for n in result.schema_notes)
