"""`datanet compile` of one checkout (a folder holding `datanet_sql/`) in a fresh process: the
one way the A/B scripts start a side, so both sides run their own code.

The child runs in `tree`: `python -c` puts its working directory first on sys.path, ahead of
PYTHONPATH, so a child started from a checkout imported that checkout's datanet_sql whatever
tree it was given (both sides of a comparison once ran the same code).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dbt_twin import child_env

MAIN = "from datanet_sql.cli.main import main; main()"


def compile_from(tree: Path, project: Path, code: str = MAIN
                 ) -> tuple[str, resource.struct_rusage]:
    """The child's stderr and its resource usage (workers included: `os.wait4`), after
    `python -c code compile --project-dir project` run from `tree`; it must succeed."""
    child = subprocess.Popen([sys.executable, "-c", code, "compile", "--project-dir",
                              str(project)], env=child_env(PYTHONPATH=str(tree)), cwd=tree,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    stderr = child.stderr.read() if child.stderr else ""
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"datanet compile from {tree} failed:\n{stderr}")
    return stderr, usage
