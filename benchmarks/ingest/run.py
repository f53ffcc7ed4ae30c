"""Score datanet's readers on the messy cases of `cases.py`.

`PYTHONPATH=. python benchmarks/ingest/run.py --cases CASES_DIR [--stage 1|...|39]
[--build] [--detail]` — run by hand, never from tests. Held-out failures (of stages not in
SEEN_STAGES: 39 now) are printed only with `--detail`, so
tuning on the dev stages does not peek at them. Stages 4-39 also have load-level cases
(`loads.py`): deliveries over several runs into a DuckDB file in a fresh folder under
CASES_DIR (stages 6-39's partly through the real `datanet ingest` command).

Outcomes: correct; refused (a DatanetError: the user is told, nothing loaded); wrong, noted
(the table differs from the expectation only in columns that the read's notes name, so the
user is told which columns to look at: still a miss); silently wrong (the read returned but
the table differs from the expectation, and no note names where: the worst outcome);
crashed (any other exception: a traceback a user would see).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import build
from case import Case
from cases import CASES
from load_scorer import LoadCase, run_case
from loads import LOAD_CASES

from datanet_sql.errors import DatanetError
from datanet_sql.ingest.reading import ReadResult, read_source

SEEN_STAGES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
               26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39)  # looked at after their first scores: dev now
STAGES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
          26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39)


def kind(arrow_type: Any) -> str:
    import pyarrow.types as pt

    checks = [(pt.is_integer, "integer"), (pt.is_floating, "double"), (pt.is_decimal, "decimal"),
              (pt.is_date, "date"), (pt.is_timestamp, "timestamp"), (pt.is_boolean, "boolean"),
              (lambda t: pt.is_string(t) or pt.is_large_string(t), "varchar")]
    return next((name for check, name in checks if check(arrow_type)), str(arrow_type))


def differences(case: Case, result: ReadResult) -> list[str]:
    """What differs from the expectation, one line each (empty: correct)."""
    table, found = result.table, []
    if case.rows is not None and table.num_rows != case.rows:
        found.append(f"rows {table.num_rows} != {case.rows}")
    if case.rejects is not None:
        got = {r.record_no for r in result.rejects}
        if got != case.rejects:
            found.append(f"rejects {sorted(got)} != {sorted(case.rejects)}")
    if case.columns is not None and table.column_names != case.columns:
        found.append(f"columns {table.column_names} != {case.columns}")
    for column, expected in case.types.items():
        got = kind(table.schema.field(column).type) if column in table.column_names else "missing"
        if got not in (expected if isinstance(expected, tuple) else (expected,)):
            found.append(f"type of {column}: {got} != {expected}")
    for column, wanted in case.values.items():
        for row, value in wanted if isinstance(wanted, list) else [wanted]:
            got = table.column(column)[row].as_py() if column in table.column_names and \
                row < table.num_rows else "missing"
            if got != value and not (isinstance(value, float) and isinstance(got, float)
                                     and abs(got - value) < 1e-9):
                found.append(f"{column}[{row}] = {got!r} != {value!r}")
    for key, (rows, columns) in case.children.items():
        child = result.children.get(key)
        if child is None:
            found.append(f"no child table {key} (got {sorted(result.children)})")
        elif child.num_rows != rows or not set(columns) <= set(child.column_names):
            found.append(f"child {key}: {child.num_rows} rows, {child.column_names}")
    notes = " ".join(result.schema_notes)
    found += [f"no schema note about {word}" for word in case.notes if word not in notes]
    return found


def accepted(case: Case, result: ReadResult) -> list[str]:
    """The differences from the main expectation, or none when an alternative matches."""
    found = differences(case, result)
    if found and any(not differences(replace(case, **alt), result)
                     for alt in case.alternatives):
        return []
    return found


_ABOUT_A_COLUMN = re.compile(r"^(?:type of (\S+):|(\S+)\[\d+\] = )")


def noted(found: list[str], notes: list[str]) -> bool:
    """Whether every difference is about a column (its type or a value) that a note names:
    a difference in the rows kept, the rejects or the column list never is."""
    said = " ".join(notes)
    columns = [match and (match[1] or match[2]) for match in map(_ABOUT_A_COLUMN.match, found)]
    return bool(found) and all(
        name and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", said) for name in columns)


def score(case: Case, folder: Path) -> tuple[str, str, float]:
    """Read one case and judge it."""
    def read() -> tuple[list[str], bool]:
        result = read_source(folder / case.path, case.fmt, case.options, case.declared,
                             parent_key=case.parent_key)
        found = accepted(case, result)
        return found, noted(found, result.schema_notes)
    return judged(read, case.refuse_ok)


def score_load(case: LoadCase, folder: Path) -> tuple[str, str, float]:
    """Run one load-level case in a fresh folder under `folder` and judge it."""
    work = folder / "loads" / case.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return judged(lambda: (run_case(case, work), False), case.refuse_ok)


def judged(attempt: Callable[[], tuple[list[str], bool]], refuse_ok: bool
           ) -> tuple[str, str, float]:
    """The outcome of `attempt` (which returns the differences found and whether the notes
    name every column they are about), its detail and time."""
    start = time.perf_counter()
    try:
        found, told = attempt()
    except DatanetError as error:
        first = str(error).splitlines()[0]
        outcome = ("correct", f"refused, which is fine: {first}") if refuse_ok else \
            ("refused", first)
        return *outcome, time.perf_counter() - start
    except Exception as error:  # noqa: BLE001 - a crash is an outcome the benchmark counts
        return "crashed", f"{type(error).__name__}: {error}", time.perf_counter() - start
    outcome = "correct" if not found else "wrong, noted" if told else "silently wrong"
    return outcome, "; ".join(found), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, required=True, help="folder of built cases")
    parser.add_argument("--stage", type=int, choices=STAGES,
                        help="one stage; without it, every dev stage (SEEN_STAGES)")
    parser.add_argument("--build", action="store_true", help="(re)build the cases first")
    parser.add_argument("--detail", action="store_true", help="print held-out failures too")
    args = parser.parse_args()
    if args.build or not args.cases.exists():
        build(args.cases)
    totals: dict[tuple[int, str], int] = {}
    every = [(c, score) for c in CASES] + [(c, score_load) for c in LOAD_CASES]
    for case, scorer in every:
        if case.stage != args.stage and (args.stage or case.stage not in SEEN_STAGES):
            continue  # a held-out stage is scored only when named: never by a dev-stage run
        outcome, detail, seconds = scorer(case, args.cases)
        totals[(case.stage, outcome)] = totals.get((case.stage, outcome), 0) + 1
        shown = detail if case.stage in SEEN_STAGES or args.detail else "(held out)"
        shown = shown if outcome != "correct" else ""
        print(f"{case.name:32} {outcome:15} {seconds:6.2f}s  {shown}")
    for stage in STAGES:
        counts = {o: n for (s, o), n in totals.items() if s == stage}
        if counts:
            print(f"stage {stage}: " + ", ".join(f"{o} {n}" for o, n in sorted(counts.items()))
                  + f" (of {sum(counts.values())})")


if __name__ == "__main__":
    main()
