"""An instrument's CSV appended run by run: each run's `Run,N` and `Sample,...` lines, the
header again, the readings, a blank line. The repeated headers are left out and the run
lines rejected (their raw text kept), so the readings keep their number types. On real
files."""

from __future__ import annotations

from pathlib import Path

from datanet_sql.ingest.reading import read_source


def run_blocks(path: Path, runs: int = 4) -> Path:
    """An analyser's export of `runs` runs, four readings each, appended one after another."""
    lines: list[str] = []
    for run in range(1, runs + 1):
        lines += [f"Run,{run}", f"Sample,subject {run} session 1", "subject,session,time,glucose"]
        lines += [f"{run},1,{minute},{3 + minute / 10}" for minute in (0, 5, 10, 15)]
        lines.append("")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_run_blocks_are_read_as_one_typed_table(tmp_path: Path) -> None:
    result = read_source(run_blocks(tmp_path / "glucose.csv"), None, {}, {})
    table = result.table
    assert table.num_rows == 16
    assert [str(t) for t in table.schema.types] == ["int64", "int64", "int64", "double"]
    assert table.column("subject").to_pylist() == [r for r in range(1, 5) for _ in range(4)]
    assert table.column("glucose").to_pylist()[4:6] == [3.0, 3.5]
    assert any("3 line(s) repeat the header" in n for n in result.schema_notes)
    assert any("above the header on line 3" in n and "'Run,1'" in n
               for n in result.schema_notes)
    # the later runs' lines are told apart as rejects, with what they said
    assert [r.raw for r in result.rejects] == [
        line for run in range(2, 5) for line in (f"Run,{run}", f"Sample,subject {run} session 1")]
    assert all(r.reason == "2 fields where the header has 4" for r in result.rejects)


def test_a_ragged_line_alone_does_not_make_words_numbers(tmp_path: Path) -> None:
    """Near miss: a short line among rows whose `code` column holds words as well as
    numbers; the column stays text, every value as written, the short line rejected."""
    path = tmp_path / "codes.csv"
    rows = [f"{i},{'A' + str(i) if i % 3 == 0 else i * 10},{i / 4}" for i in range(1, 13)]
    path.write_text("\n".join(["id,code,ratio", *rows[:6], "short,line", *rows[6:]]) + "\n")
    result = read_source(path, None, {}, {})
    table = result.table
    assert table.num_rows == 12
    assert str(table.schema.field("code").type) == "string"
    assert table.column("code").to_pylist()[:3] == ["10", "20", "A3"]
    assert str(table.schema.field("ratio").type) == "double"
    assert [r.raw for r in result.rejects] == ["short,line"]
    assert not any("repeat the header" in n for n in result.schema_notes)
