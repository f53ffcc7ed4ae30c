"""The dbt twin of a generated project, and a timed dbt command, for the speed benchmarks.

`benchmarks/gen_project.py` writes a datanet project; dbt-core + dbt-duckdb can build the very
same models once they get a `dbt_project.yml`, a DuckDB profile and the sources declared the
dbt-duckdb way (`meta.external_location`, reading the same CSV files). The model files and
their `schema.yml` tests are copied unchanged, so both tools compile and run identical SQL.

dbt is never a datanet dependency: pass the `dbt` executable of a separate environment
(`--dbt .dbt-venv/bin/dbt`: dbt-core 1.9.11 + dbt-duckdb 1.9.6 where these figures were taken).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import time
from pathlib import Path

import yaml


def write_dbt_twin(project: Path, out: Path) -> Path:
    """Copy the generated `project` into `out` as a dbt project on DuckDB; returns `out`."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(project / "models", out / "models")
    spec = yaml.safe_load((project / "datanet.yml").read_text(encoding="utf-8"))
    name = spec["name"]
    (out / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": name, "profile": name, "config-version": 2, "model-paths": ["models"],
        "models": spec.get("models", {})}), encoding="utf-8")
    (out / "profiles.yml").write_text(yaml.safe_dump({name: {"target": "dev", "outputs": {
        "dev": {"type": "duckdb", "path": str(out / "dev.duckdb"), "threads": 1}}}}),
        encoding="utf-8")
    sources = yaml.safe_load((project / "sources" / "raw.yml").read_text(encoding="utf-8"))
    data = (project / "data").resolve()
    for source in sources["sources"]:
        source["meta"] = {"external_location": f"read_csv_auto('{data}/{{name}}.csv')"}
        for table in source["tables"]:
            table.pop("path", None)
    (out / "models" / "sources.yml").write_text(
        yaml.safe_dump({"version": 2, **sources}), encoding="utf-8")
    return out


def timed_dbt(dbt: str, command: str, project: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `dbt COMMAND` in `project`."""
    return timed_process([dbt, command, "--project-dir", str(project), "--profiles-dir",
                          str(project)], project)


def child_env(**extra: str) -> dict[str, str]:
    """This environment for a measured child, with bytecode caching on: an installed package
    has its .pyc files, and PYTHONDONTWRITEBYTECODE (set on some CI machines) would make every
    child compile datanet's sources again, a tenth of a second or more per process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def timed_process(argv: list[str], cwd: Path, stdin: str = "") -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, check=False, cwd=cwd, input=stdin, capture_output=True,
                          text=True, env=child_env(DBT_SEND_ANONYMOUS_USAGE_STATS="false"))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{' '.join(argv[:3])} failed:\n{(done.stderr or done.stdout)[-3000:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
