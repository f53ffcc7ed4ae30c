"""Wide results stay readable: a table wider than the terminal prints as records."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from datanet_sql.cli import output

HEADERS = [f"column_{i}" for i in range(15)]
ROWS = [[f"value {r}-{i}" for i in range(15)] for r in range(2)]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    def make(width: int) -> None:
        console = Console(file=io.StringIO(), force_terminal=True, width=width, highlight=False)
        monkeypatch.setattr(output, "console", lambda: console)
        monkeypatch.setattr(output, "_piped", lambda: False)  # stdout is a terminal
    return make


def test_a_table_too_wide_for_the_terminal_prints_as_records(terminal, capsys) -> None:
    terminal(120)
    output.print_table(HEADERS, ROWS)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("-[ record 1 ]")
    assert "column_14 | value 0-14" in lines
    assert sum(line.startswith("-[ record") for line in lines) == 2


def test_a_table_that_fits_stays_a_table(terminal, capsys) -> None:
    terminal(400)
    output.print_table(HEADERS[:3], [row[:3] for row in ROWS])
    printed = output.console().file.getvalue()
    assert "column_0" in printed and "value 1-2" in printed and "record" not in printed
    assert capsys.readouterr().out == ""


def test_records_are_asked_for_by_name_even_when_piped(capsys) -> None:
    output.print_table(["a", "long_name"], [[1, None]], vertical=True)
    assert capsys.readouterr().out.splitlines() == ["-[ record 1 ]---", "a         | 1",
                                                    "long_name | "]


def test_piped_tables_stay_tab_separated(capsys) -> None:
    output.print_table(["a", "b"], [[1, None]])
    assert capsys.readouterr().out == "a\tb\n1\t\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_long_steps_say_what_they_do_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from datanet_sql.semantics.classifier import load_or_train

    logger = logging.getLogger("datanet_sql")
    handlers = list(logger.handlers)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    output.show_progress_notes()
    assert logger.handlers == handlers  # piped: nothing added, nothing printed
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    try:
        output.show_progress_notes()
        load_or_train(None, per_type=5)
    finally:
        for handler in logger.handlers[len(handlers):]:
            logger.removeHandler(handler)
    assert "training the column-semantics classifier" in terminal.getvalue()


def test_a_pipe_gets_tab_separated_lines_without_rich(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Printed to a pipe (a CI log, `| grep`), a table is plain lines, decided without
    importing rich; a variable that makes rich take the pipe for a terminal leaves it to rich."""
    def no_rich() -> Console:
        raise AssertionError("rich asked")

    monkeypatch.setattr(output, "console", no_rich)
    for name in output._TERMINAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    output.print_table(["status", "nodes"], [["success", 3]], title="run on dev")
    assert capsys.readouterr().out == "run on dev\nstatus\tnodes\nsuccess\t3\n"
    monkeypatch.setenv("FORCE_COLOR", "1")
    with pytest.raises(AssertionError, match="rich asked"):
        output.print_table(["status", "nodes"], [["success", 3]])
