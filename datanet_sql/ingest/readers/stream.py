"""Rows handed to a loader in record batches of bounded size, never as one Arrow table.

A reader keeps a file's rows in its private DuckDB connection (`sql.connect`, which spills
to disk past `READER_MEMORY`) and hands the loader a `Stream`: the rows' Arrow schema, their
count, and record batches of at most `BATCH_ROWS` rows made when the warehouse takes them.
The loader stages them one batch at a time inside its transaction (a DuckDB warehouse into
a temporary table, Postgres by COPY), so a file of any size loads within a fixed memory
budget; held whole as Arrow, 1M rows of 19 columns took about 0.5 GB, one big file a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlglot import exp

if TYPE_CHECKING:
    import pyarrow

BATCH_ROWS = 100_000  # rows per record batch: about 50 MB of a 19-column table


@dataclass
class Stream:
    """Rows with a known schema and count, as record batches made on demand (each call of
    `batches` reads them again; a reader's connection must stay open until then)."""

    schema: pyarrow.Schema
    num_rows: int
    batches: Callable[[], Iterator[pyarrow.RecordBatch]]
    query: exp.Select | None = None   # the rows as a query of the reader's connection `con`
    con: Any = None

    @property
    def column_names(self) -> list[str]:
        return list(self.schema.names)

    def reader(self) -> pyarrow.RecordBatchReader:
        """The rows as Arrow's stream, which adapters stage batch by batch."""
        import pyarrow as pa

        return pa.RecordBatchReader.from_batches(self.schema, self.batches())

    def read_all(self) -> pyarrow.Table:
        return self.reader().read_all()

    def with_column(self, name: str, values: Callable[[pyarrow.RecordBatch, int], Any],
                    kind: pyarrow.DataType) -> Stream:
        """The rows with column `name` (replaced in place, or added last): the Arrow array
        `values(batch, offset)` of each batch, `offset` being the rows of the batches before."""
        import pyarrow as pa

        field = pa.field(name, kind)
        index = self.schema.get_field_index(name)
        schema = self.schema.set(index, field) if index >= 0 else self.schema.append(field)

        def batches() -> Iterator[pyarrow.RecordBatch]:
            offset = 0
            for batch in self.batches():
                column = values(batch, offset).cast(kind)
                yield batch.set_column(index, field, column) if index >= 0 else \
                    batch.append_column(field, column)
                offset += batch.num_rows
        return Stream(schema, self.num_rows, batches)


def of_query(con: Any, query: exp.Select, rows: int | None = None) -> Stream:
    """The rows of `query` on a reader's DuckDB connection `con`; `rows` their count when
    the caller knows it, else counted here. An INTERVAL column comes as Arrow's
    month_day_nano, months, days and time apart (a Postgres source's `6 years`, see
    `adapters.intervals`), or as a duration where no value has months or days (a Parquet
    duration's count, as it was written: `_durations`)."""
    sql = query.sql("duckdb")
    schema = con.sql(sql).limit(0).to_arrow_table().schema
    if rows is None:
        count = exp.select(exp.func("count", exp.Star())).from_(query.subquery("_dn_rows"))
        rows = int(con.execute(count.sql("duckdb")).fetchall()[0][0])
    durations = _durations(con, query, schema)
    if not durations:
        return Stream(schema, rows, lambda: iter(con.sql(sql).to_arrow_reader(BATCH_ROWS)),
                      query, con)
    import pyarrow as pa

    from datanet_sql.adapters.intervals import as_durations

    shaped = pa.schema([f.with_type(pa.duration("us")) if f.name in durations else f
                        for f in schema])

    def batches() -> Iterator[pyarrow.RecordBatch]:
        for batch in con.sql(sql).to_arrow_reader(BATCH_ROWS):
            yield from as_durations(pa.Table.from_batches([batch]), durations).to_batches()
    return Stream(shaped, rows, batches, query, con)


def _durations(con: Any, query: exp.Select, schema: pyarrow.Schema) -> set[str]:
    """The INTERVAL columns of `query` none of whose values has months or days: durations
    (one scan, only where there is an INTERVAL column)."""
    import pyarrow as pa

    spans = [f.name for f in schema if pa.types.is_interval(f.type)]
    if not spans:
        return set()
    checks = [exp.func("coalesce", exp.func("bool_or", exp.or_(*(
        exp.NEQ(this=exp.func("datepart", exp.Literal.string(part), exp.column(n, quoted=True)),
                expression=exp.convert(0)) for part in ("year", "month", "day")))),
        exp.false()) for n in spans]
    found = con.execute(exp.select(*checks).from_(query.subquery("_dn_spans"))
                        .sql("duckdb")).fetchall()[0]
    return {n for n, calendar in zip(spans, found) if not calendar}


def of_table(table: pyarrow.Table) -> Stream:
    return Stream(table.schema, table.num_rows,
                  lambda: iter(table.to_batches(max_chunksize=BATCH_ROWS)))


def chain(tables: list[Any]) -> Any:
    """Several reads' rows as one, unioned by name (a column a part lacks is NULL there),
    types unified by `unified`: a pyarrow.Table when every part is one, else a Stream that
    reads the parts one after the other."""
    import pyarrow as pa

    if len(tables) == 1:
        return tables[0]
    parts = [of_table(t) if isinstance(t, pa.Table) else t for t in tables]
    schema = unified(parts)

    def batches() -> Iterator[pyarrow.RecordBatch]:
        for part in parts:
            for batch in part.batches():
                yield conform(batch, schema)
    if all(isinstance(t, pa.Table) for t in tables):
        return pa.Table.from_batches(list(batches()), schema)
    return Stream(schema, sum(p.num_rows for p in parts), batches)


def unified(parts: list[Stream]) -> pyarrow.Schema:
    """The columns of all parts, in order of appearance, each typed as Arrow's permissive
    promotion types it (int32 + int64 -> int64, int + double -> double) over the parts
    that have rows: a part without rows (a header-only file: all text) says nothing of a
    column's type, and text would have widened the other files' numbers. Types no
    promotion joins (a number in one file, text in another) become text, as a table's
    column widens on a later load (ingest.evolve). Arrow refused such a pair outright
    (`Unable to merge`), which crashed a `replace` of a glob whose files disagree."""
    import pyarrow as pa

    with_rows = [p for p in parts if p.num_rows] or parts
    kinds: dict[str, list[pyarrow.DataType]] = {}
    for part in parts:
        for f in part.schema:
            kinds.setdefault(f.name, [])
    for part in with_rows:
        for f in part.schema:
            kinds[f.name].append(f.type)
    fields = []
    for name, types in kinds.items():
        if not types:  # only in parts without rows
            types = [p.schema.field(name).type for p in parts if name in p.schema.names]
        try:
            kind = pa.unify_schemas([pa.schema([pa.field(name, t)]) for t in types],
                                    promote_options="permissive").field(0).type
        except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
            kind = pa.string()
        fields.append(pa.field(name, kind))
    return pa.schema(fields)


def conform(batch: pyarrow.RecordBatch, schema: pyarrow.Schema) -> pyarrow.RecordBatch:
    """`batch` in `schema`'s columns and types: cast where it has the column, NULL where not."""
    import pyarrow as pa

    names = batch.schema.names
    return pa.RecordBatch.from_arrays(
        [batch.column(f.name).cast(f.type) if f.name in names
         else pa.nulls(batch.num_rows, f.type) for f in schema], schema=schema)
