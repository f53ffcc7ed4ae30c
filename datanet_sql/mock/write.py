"""Write mock tables as Parquet or CSV files, for tools that read files.

Where each file goes is decided by run/mock_place.py (which refuses a path a source reads);
mocks written into a warehouse go through run/mocking.write_tables, for the same reason.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from datanet_sql.errors import ConfigError

FORMATS = ("parquet", "csv")


def write_files(tables: dict[str, pa.Table], paths: dict[str, Path]) -> list[Path]:
    """Write each table to its path (format from the suffix); returns the paths written."""
    for name, path in paths.items():
        if path.suffix.lstrip(".") not in FORMATS:
            raise ConfigError(f"unknown mock file format '{path.suffix}' for {name}",
                              hint=f"use one of: {', '.join(FORMATS)}")
    written = []
    for name, table in tables.items():
        path = paths[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, path)
        else:
            import pyarrow.csv as pcsv

            pcsv.write_csv(table, path)
        written.append(path)
    return written
