"""Compare two checkouts of datanet on cold compiles, alternating, in CPU seconds.

A cold compile forks workers that analyse each DAG level beside the compiling process, so its
wall time on a quiet machine follows the compiling process's own CPU (the critical path), not
the CPU of all processes; on the shared machine, wall seconds mostly measure waiting for a
core. Each compile here reports both: the compiling process's own CPU (`getrusage(SELF)` at
exit) and the total with its workers (from `os.wait4`). Each tree (a folder holding
`datanet_sql/`, e.g. `git archive main datanet_sql | tar -x -C ../base`) compiles the same
generated project (seed 0) from nothing, in turns, a fresh process each time (start-up
included). Every line printed is one compile: the load average, the tree, its seconds.

    python benchmarks/compile/ab_cold.py ../base . [--size 1000] [--rounds 5]

Run by hand (never from tests).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen_project import generate_project
from tree_compile import compile_from

# the compiling process prints its own CPU seconds as it ends (datanet's main() and the forked
# workers end with os._exit: only the process that started prints)
_CODE = ("import os, resource, sys\n"
         "_parent, _exit = os.getpid(), os._exit\n"
         "def _own(code):\n"
         "    if os.getpid() == _parent:\n"
         "        usage = resource.getrusage(resource.RUSAGE_SELF)\n"
         "        print(f'own-cpu {usage.ru_utime + usage.ru_stime}', file=sys.stderr)\n"
         "        sys.stderr.flush()\n"
         "    _exit(code)\n"
         "os._exit = _own\n"
         "from datanet_sql.cli.main import main\n"
         "main()\n")


def cold_compile(tree: Path, project: Path) -> tuple[float, float, float]:
    """Wall seconds, the compiling process's own CPU seconds and the total CPU seconds with
    its workers, of `datanet compile` from nothing, run from `tree`."""
    shutil.rmtree(project / ".datanet", ignore_errors=True)
    shutil.rmtree(project / "target", ignore_errors=True)
    started = time.perf_counter()
    stderr, usage = compile_from(tree, project, _CODE)
    wall = time.perf_counter() - started
    own = next(float(line.split()[1]) for line in stderr.splitlines()
               if line.startswith("own-cpu "))
    return wall, own, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", type=Path, nargs=2, help="two folders holding datanet_sql/")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="datanet-ab-"))
    try:
        generate_project(root / "project", args.size, seed=0)
        for _ in range(args.rounds):
            for tree in args.trees:
                wall, own, total = cold_compile(tree.resolve(), root / "project")
                print(f"load {os.getloadavg()[0]:.1f}  {tree}: cold {wall:.2f} s wall, "
                      f"{own:.2f} s CPU in the compiling process, {total:.2f} s in all",
                      flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
