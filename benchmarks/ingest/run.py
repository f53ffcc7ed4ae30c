"""Score datanet's readers on the messy cases of `cases.py`.

`PYTHONPATH=. python benchmarks/ingest/run.py --cases CASES_DIR [--stage 1|2|3]
[--build] [--detail]` — run by hand, never from tests. Held-out (stage 2) failures are
printed only with `--detail`, so tuning on the dev stage does not peek at them.

Outcomes: correct; refused (a DatanetError: the user is told, nothing loaded); silently wrong
(the read returned but the table differs from the expectation: the worst outcome); crashed
(any other exception: a traceback a user would see).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import build
from cases import CASES, Case

from datanet_sql.errors import DatanetError
from datanet_sql.ingest.reading import ReadResult, read_source

SEEN_STAGES = (1, 2)   # stage 2 was looked at after its first score: it is dev now


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
    for column, (row, value) in case.values.items():
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


def score(case: Case, folder: Path) -> tuple[str, str, float]:
    start = time.perf_counter()
    try:
        result = read_source(folder / case.path, case.fmt, case.options, case.declared,
                             parent_key=case.parent_key)
    except DatanetError as error:
        return "refused", str(error).splitlines()[0], time.perf_counter() - start
    except Exception as error:  # noqa: BLE001 - a crash is an outcome the benchmark counts
        return "crashed", f"{type(error).__name__}: {error}", time.perf_counter() - start
    found = differences(case, result)
    outcome = "correct" if not found else "silently wrong"
    return outcome, "; ".join(found), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, required=True, help="folder of built cases")
    parser.add_argument("--stage", type=int, choices=(1, 2, 3))
    parser.add_argument("--build", action="store_true", help="(re)build the cases first")
    parser.add_argument("--detail", action="store_true", help="print held-out failures too")
    args = parser.parse_args()
    if args.build or not args.cases.exists():
        build(args.cases)
    totals: dict[tuple[int, str], int] = {}
    for case in CASES:
        if args.stage and case.stage != args.stage:
            continue
        outcome, detail, seconds = score(case, args.cases)
        totals[(case.stage, outcome)] = totals.get((case.stage, outcome), 0) + 1
        shown = detail if case.stage in SEEN_STAGES or args.detail else "(held out)"
        shown = shown if outcome != "correct" else ""
        print(f"{case.name:32} {outcome:15} {seconds:6.2f}s  {shown}")
    for stage in (1, 2, 3):
        counts = {o: n for (s, o), n in totals.items() if s == stage}
        if counts:
            print(f"stage {stage}: " + ", ".join(f"{o} {n}" for o, n in sorted(counts.items()))
                  + f" (of {sum(counts.values())})")


if __name__ == "__main__":
    main()
