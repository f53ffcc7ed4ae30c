"""Build both sets, run datanet's backtest and the Elementary baseline, print the scores.

    python benchmarks/observe/run.py --work ../observe_bench [--sensitivity medium]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import elementary
import generate
import score

from datanet_sql.observe.anomaly import backtest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="a folder under /tmp")
    parser.add_argument("--sensitivity", default="medium")
    parser.add_argument("--stages", default="dev,heldout")
    args = parser.parse_args()
    for name in args.stages.split(","):
        folder = args.work / name
        generate.simulate(generate.STAGES[name], folder)
        backtest(folder / "metrics.csv", folder / "tables.csv", folder / "calendar.csv",
                 folder / "datanet.csv", args.sensitivity)
        elementary.main_for(folder / "metrics.csv", folder / "elementary.csv")
        for method in ("datanet", "elementary"):
            print(name, method, json.dumps(score.score(folder, folder / f"{method}.csv")))


if __name__ == "__main__":
    main()
