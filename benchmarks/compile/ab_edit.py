"""Compare two checkouts of datanet on one-edit recompiles, alternating, in CPU seconds.

bench_compile.py times one edit per run, whose CPU seconds move by a third with the load of
the shared machine; a change worth a tenth of a second is only seen side by side. Each tree
(a folder holding `datanet_sql/`, e.g. `git archive main | tar -x -C ../base`) gets its
own copy of one generated project (seed 0) and a cold compile; then, in turns, the same staging
model gets one more column and each tree recompiles it (a fresh process each time, start-up
included). Every line printed is one recompile: the load average, the tree, its CPU seconds.

    python benchmarks/compile/ab_edit.py ../base . [--size 1000] [--rounds 6]

Run by hand (never from tests).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen_project import generate_project
from tree_compile import compile_from

_MODEL = Path("models") / "staging" / "stg_accounts.sql"  # the first staging model


def compile_cpu(tree: Path, project: Path) -> float:
    """User + system CPU seconds of `datanet compile` run from `tree`."""
    usage = compile_from(tree, project)[1]
    return usage.ru_utime + usage.ru_stime


def add_column(project: Path, round_: int) -> None:
    """One more column in the staging model (its children read it: they are analysed too)."""
    path = project / _MODEL
    head, sep, tail = path.read_text(encoding="utf-8").rpartition("\nfrom ")
    path.write_text(f"{head},\n    {round_} as bench_extra_{round_}{sep}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", type=Path, nargs=2, help="two folders holding datanet_sql/")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="datanet-ab-"))
    try:
        generate_project(root / "generated", args.size, seed=0)
        projects = []
        for i, tree in enumerate(args.trees):
            project = root / f"tree{i}"
            shutil.copytree(root / "generated", project)
            print(f"{tree}: cold {compile_cpu(tree.resolve(), project):.2f} s CPU", flush=True)
            projects.append(project)
        for round_ in range(args.rounds):
            for tree, project in zip(args.trees, projects):
                add_column(project, round_)
                cpu = compile_cpu(tree.resolve(), project)
                print(f"load {os.getloadavg()[0]:.1f}  {tree}: one edit {cpu:.2f} s CPU",
                      flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
