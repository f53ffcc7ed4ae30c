"""Score datanet's semantic inference on the real-data benchmark (dataset.json).

Prints accuracy, macro F1, per-type precision/recall/F1, the hard cases and every miss.
Run: .venv/bin/python benchmarks/semantics/run.py [--model PATH] [--heldout]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path

from datanet_sql.semantics.classifier import load_or_train
from datanet_sql.semantics.infer import infer_column

DATASET = Path(__file__).with_name("dataset.json")


def _typed(values: list, sql_type: str) -> list:
    """Turn the JSON strings back into what a DuckDB fetch returns for temporal types."""
    t = sql_type.upper()
    if t.startswith("TIMESTAMP"):
        return [None if v is None else dt.datetime.fromisoformat(v) for v in values]
    if t == "DATE":
        return [None if v is None else dt.date.fromisoformat(v) for v in values]
    return values


def _f1_table(pairs: list[tuple[str, str]]) -> tuple[dict[str, tuple[float, float, float, int]], float]:
    labels = sorted({gold for gold, _ in pairs})
    table = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in pairs)
        fp = sum(g != lab and p == lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[lab] = (prec, rec, f1, tp + fn)
    return table, sum(v[2] for v in table.values()) / len(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None, help="pickle path (default: train in memory)")
    parser.add_argument("--heldout", action="store_true",
                        help="score heldout.json (columns never used to adjust inference)")
    args = parser.parse_args()
    data = json.loads((DATASET.with_name("heldout.json") if args.heldout else DATASET).read_text())
    t0 = time.perf_counter()
    model = load_or_train(args.model)
    t_train = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = [(col, infer_column(col["column"], col["sql_type"], _typed(col["values"], col["sql_type"]),
                                  model=model)) for col in data]
    t_infer = time.perf_counter() - t0
    pairs = [(col["label"], inf.semantic) for col, inf in results]
    table, macro = _f1_table(pairs)
    acc = sum(g == p for g, p in pairs) / len(pairs)
    hard = [(g, p) for (col, _), (g, p) in zip(results, pairs) if col["hard"]]
    print(f"columns: {len(pairs)} ({len(hard)} hard), types: {len(table)}")
    print(f"model: {t_train:.2f} s; inference: {1000 * t_infer / len(pairs):.1f} ms a column")
    print(f"\n{'type':16} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>4}")
    for lab, (p, r, f, n) in table.items():
        print(f"{lab:16} {p:6.2f} {r:6.2f} {f:6.2f} {n:4d}")
    print(f"\naccuracy: {acc:.3f}   macro F1: {macro:.3f}   hard cases: "
          f"{sum(g == p for g, p in hard)}/{len(hard)}")
    misses = [(col, inf) for col, inf in results if inf.semantic != col["label"]]
    print(f"\nmisses ({len(misses)}):")
    for col, inf in misses:
        print(f"  {col['table']}.{col['column']} [{col['sql_type']}]: {col['label']} -> {inf.semantic} "
              f"({inf.confidence:.2f}; {'; '.join(inf.evidence)})")
    confusions = Counter((col["label"], inf.semantic) for col, inf in misses)
    print("\nconfusions:", ", ".join(f"{g}->{p} x{c}" for (g, p), c in confusions.most_common()))


if __name__ == "__main__":
    main()
