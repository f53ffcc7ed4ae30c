"""Score alerts against the truth: precision, recall, F1, false alarms per 100 table-runs.

Scored per table-run: an alerted table-run is a hit when an incident is there and one of its
alerts names a metric the incident touched (or `*`, the whole table); otherwise it is a false
alarm. Recall counts incidents (a table-run with an incident) that got a hit.

    python benchmarks/observe/score.py --set ../observe_dev --alerts alerts.csv
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def score(folder: Path, alerts_csv: Path) -> dict[str, float]:
    incidents: dict[tuple[str, int], set[str]] = defaultdict(set)
    kinds: dict[tuple[str, int], str] = {}
    for row in _read(folder / "truth.csv"):
        key = (row["table"], int(row["run"]))
        incidents[key].add(row["metric"])
        kinds[key] = row["kind"]
    alerted: dict[tuple[str, int], set[str]] = defaultdict(set)
    for row in _read(alerts_csv):
        alerted[(row["table"], int(row["run"]))].add(row["metric"])
    hits = {key for key, metrics in alerted.items()
            if key in incidents and ("*" in metrics or metrics & incidents[key])}
    false_alarms = len(alerted) - len(hits)
    table_runs = len(_read(folder / "metrics.csv"))
    precision = len(hits) / len(alerted) if alerted else 0.0
    recall = len(hits) / len(incidents) if incidents else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    missed: dict[str, int] = defaultdict(int)
    for key in incidents.keys() - hits:
        missed[kinds[key]] += 1
    return {"incidents": len(incidents), "alerted_table_runs": len(alerted), "hits": len(hits),
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "false_alarms_per_100": round(100 * false_alarms / table_runs, 3),
            "missed_by_kind": dict(sorted(missed.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, required=True, help="folder of generate.py")
    parser.add_argument("--alerts", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(score(args.set, args.alerts)))


if __name__ == "__main__":
    main()
