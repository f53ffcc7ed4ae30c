"""The generic doubt checks (`doubts`) on a batch DuckDB's own scan loaded into a DuckDB
warehouse, whose rows never pass through Arrow (see loader._scan_into).

Reading the files again for a sample would cost a sniff of each (0.1 s a file); the rows
are in the warehouse's table once the scan's INSERT ran, so the sample is the first
`SAMPLE_ROWS` rows the batch inserted, one query in its transaction (about 2 ms), and the
head the first file's first lines, as a read of the file into Arrow has them. The checks
are the same functions on the same `Seen`, so a file says the same doubt whichever path
loaded it; a refusal raised here rolls the batch back, the table untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.ingest.doubts import found
from datanet_sql.ingest.doubts.seen import SAMPLE_ROWS, Sample, Seen, head_of, of_duckdb
from datanet_sql.ingest.file_reads import about_layout

if TYPE_CHECKING:
    from datanet_sql.ingest.readers.csv_scan import Scan


def doubted(con: Any, scan: Scan, fmt: str, table: exp.Table, columns: list[str],
            where: exp.Expression | None, offset: int, counts: tuple[int, int],
            declared: bool) -> list[str]:
    """The notes of the doubts about the rows `scan` inserted into `table` (`counts`: how
    many, and how many it rejected) under `columns` (the scan's own, or a headerless
    batch's named as the table's by position): those of `table` `where` it names the
    batch's files, or past its first `offset` rows (the rows it held before a batch of one
    file); without the file's label, as a loader's read says them (`about_layout`). `fmt`:
    csv or tsv; `declared`: whether the source declares column types. Raises `IngestError`
    where no table read so can be right (`doubts.found`)."""
    names = [n for n in scan.columns if n != scan.filename]
    single = Path(next(iter(scan.files.values()))) if len(scan.files) == 1 else None
    seen = Seen(scan.label, fmt, counts[0], counts[1], names,
                _sample(con, table, dict(zip(columns, scan.columns)), names, where, offset),
                scan.notes(), head=head_of(single) if single is not None else [], path=single)
    return about_layout(found(seen, declared), scan.label)


def _sample(con: Any, table: exp.Table, named: dict[str, str], names: list[str],
            where: exp.Expression | None, offset: int) -> Sample:
    """The batch's first rows in `table`, each column under the scan's name (`named`: the
    table's name of each of the scan's columns)."""
    query = exp.select(*[exp.column(t, quoted=True).as_(n, quoted=True)
                         for t, n in named.items() if n in names]).from_(table.copy())
    if where is not None:
        query = query.where(where)
    elif offset:
        query = query.offset(offset)
    return of_duckdb(con.execute(query.limit(SAMPLE_ROWS).sql("duckdb")))
