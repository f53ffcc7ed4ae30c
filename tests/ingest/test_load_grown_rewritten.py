"""A file read from a rewritten copy (its head lines turned into one header) that grows under
`append`: a LabVIEW Measurement file gaining a segment, a pandas CSV of several column levels
gaining rows. Their new lines cannot be read under the file's head as it is written, so the
table is refused by name and keeps its rows, never given the new lines read under the wrong
header."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_read_csv_lvm import file_header, segment_header, write

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load

LVM = [*file_header(), *segment_header(1), "X_Value\tHeight\tComment", "1903.0\t-1.12",
       "1903.5\t-1.16"]
LEVELS = [",,bif,bif", ",,mean,count", "metal,conc,,", "Ag,0.03,1.08,3", "Ag,0.06,2.53,3"]
GROWN = {"river.lvm": [*segment_header(1), "X_Value\tHeight\tComment", "1904.0\t-1.35"],
         "metals.csv": ["Zn,0.04,1.01,4"]}


@pytest.mark.parametrize(("name", "lines", "rows"), [("river.lvm", LVM, 2),
                                                     ("metals.csv", LEVELS, 2)])
def test_a_grown_file_read_from_a_rewritten_head_is_refused_under_append(
        tmp_path: Path, adapter: DuckDBAdapter, name: str, lines: list[str], rows: int) -> None:
    path = write(tmp_path / name, lines)
    spec = {"mode": "append", "primary_key": [], "cursor": None, "path": name, "dsn": None,
            "format": None, "source_table": None, "options": {}, "on_bad_row": "reject",
            "columns": {}}
    job = LoadJob("lab", "samples", Relation("samples", "lab"), "main", tmp_path, spec)
    assert load(adapter, job, reading).rows == rows
    before = adapter.fetch("select * from lab.samples")[1]
    write(path, [*lines, *GROWN[name]])
    with pytest.raises(IngestError, match="rows are not appended to a file of this format"):
        load(adapter, job, reading)
    assert adapter.fetch("select * from lab.samples")[1] == before
