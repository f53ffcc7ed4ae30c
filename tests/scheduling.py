"""How the suite's tests are shared between the two xdist workers: whole files, slowest
first, and every test that runs on Spark on one worker.

`--dist loadgroup` hands each worker whole work units in collection order, a few tests
ahead. Each test's unit is its file (so a file's module fixtures are made once, as
`--dist loadfile` would), except the tests that run on Spark, which form one unit: Spark
keeps one JVM a process, and its start and warm-up (the JIT compiling Catalyst) cost 15-30
CPU seconds a worker, paid once instead of twice.

The units run slowest first: in file order a unit of a minute or more could come last, one
worker running it while the other idled (measured on 2 cores: xdist's default reorder, by
number of tests, put the one-test Spark files last, and a core was idle for the last 1.5-2
minutes). Handing out the longest units first (the longest-processing-time rule) leaves
only short ones for the end. The seconds per file come from `file_seconds.json`, written by
a run with `--write-file-seconds` (each file's setup, call and teardown summed as the
controller sees them). A file missing from it (a new one) counts as a short file; the order
of a file's own tests is never changed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

SECONDS = Path(__file__).with_name("file_seconds.json")
UNKNOWN = 1.0  # a file the record does not know yet: placed among the short ones
SPARK = "spark"  # the unit of every test whose id names Spark (its engine parameter, its file)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--write-file-seconds", action="store_true",
                     help=f"record each test file's seconds in {SECONDS.name}, which orders "
                          "the files of later runs slowest first")


@pytest.hookimpl(tryfirst=True)  # before xdist names each test's group in its node id
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files by their recorded seconds, slowest first (a stable sort: a file's own tests
    keep their order), each test in its file's work unit or in Spark's."""
    seconds = json.loads(SECONDS.read_text(encoding="utf-8")) if SECONDS.exists() else {}
    items.sort(key=lambda item: -seconds.get(_file(item.nodeid), UNKNOWN))
    for item in items:
        on_spark = "spark" in item.nodeid.lower()
        item.add_marker(pytest.mark.xdist_group(SPARK if on_spark else _file(item.nodeid)))


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
    return nodeid.split("::", 1)[0].split("@", 1)[0]
