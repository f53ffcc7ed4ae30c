"""Docs and benchmarks speak to contributors on any machine: no absolute paths of one machine.

A path like a checkout's location or a virtualenv under one person's folder breaks for the
next reader; temporary folders come from `tempfile`, everything else is relative to the repo.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|tmp|root|home/\w+)/")


def _tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(["git", "ls-files", *patterns], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    return [REPO / line for line in out.splitlines()]


def test_docs_and_benchmarks_name_no_absolute_machine_paths() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in _tracked("docs", "benchmarks", "README.md")
        if path.suffix in {".md", ".py"} and path.exists()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MACHINE_PATH.search(line)
    ]
    assert offenders == []
