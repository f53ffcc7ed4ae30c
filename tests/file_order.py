"""The suite's files, slowest first, so the two xdist workers finish together.

`--dist loadfile` hands each worker whole files in collection order, a few ahead. In
alphabetical order a file of a minute or more (Spark, whole projects on three engines) can
come last, and one worker then runs it while the other is idle: measured on 2 cores, the
last 1.5-2 minutes of a 10-minute run had a core idle. Handing out the longest files first
(the classic longest-processing-time rule) leaves only short files for the end.

The seconds per file come from `file_seconds.json`, written by a run with
`--write-file-seconds` (each file's setup, call and teardown summed as the controller sees
them). A file missing from it (a new one) counts as a short file; its tests' order inside the
file is never changed, so module fixtures and the order a file's tests were written in hold.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

SECONDS = Path(__file__).with_name("file_seconds.json")
UNKNOWN = 1.0  # a file the record does not know yet: placed among the short ones


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--write-file-seconds", action="store_true",
                     help=f"record each test file's seconds in {SECONDS.name}, which orders "
                          "the files of later runs slowest first")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files by their recorded seconds, slowest first; a file's own tests keep their order
    (a stable sort on the file's seconds alone)."""
    seconds = json.loads(SECONDS.read_text(encoding="utf-8")) if SECONDS.exists() else {}
    items.sort(key=lambda item: -seconds.get(_file(item.nodeid), UNKNOWN))


class _FileSeconds:
    """Sums each file's reported seconds (xdist sends every report to the controller)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[_file(report.nodeid)] += report.duration

    def pytest_sessionfinish(self) -> None:
        ordered = dict(sorted(((f, round(s, 1)) for f, s in self.seconds.items()),
                              key=lambda pair: -pair[1]))
        SECONDS.write_text(json.dumps(ordered, indent=0) + "\n", encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--write-file-seconds") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(_FileSeconds(), "file_seconds_writer")


def _file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]
