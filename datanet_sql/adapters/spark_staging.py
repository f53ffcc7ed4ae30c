"""Rows streamed into Spark through Parquet files, so the driver never holds a batch whole.

`createDataFrame` takes a whole Arrow table: a stream of record batches (an ingestion
batch, `ingest.readers.stream`) had to be read whole into Python and copied whole into the
driver's JVM. Instead each record batch is appended to one Parquet file (a row group each)
in a temporary folder, which Spark reads lazily (`spark.read.parquet`) through the batch's
view. The file's types are those createDataFrame gives the same Arrow columns: a null
column is text, a timestamp without a time zone is the session's local time (Parquet
would otherwise make it TIMESTAMP_NTZ), nanoseconds are cut to microseconds (unsigned
integers, which createDataFrame refuses, are read as the next wider signed type). Times,
durations and intervals, which Spark's Parquet reader refuses or reads as integers, are not
staged so (`stageable`): such rows go through createDataFrame as before (intervals as
durations, `intervals.as_durations`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow


def stageable(schema: pyarrow.Schema) -> bool:
    """Whether Spark reads these columns back from Parquet as createDataFrame types them."""
    import pyarrow as pa

    return not any(pa.types.is_time(t) or pa.types.is_duration(t) or pa.types.is_interval(t)
                   for field in schema for t in _types(field.type))


def write(rows: pyarrow.RecordBatchReader, path: Path, time_zone: str) -> None:
    """The record batches, one at a time, as the row groups of the Parquet file `path`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([field.with_type(_spark_type(field.type, time_zone))
                        for field in rows.schema])
    with pq.ParquetWriter(path, schema, coerce_timestamps="us",
                          allow_truncated_timestamps=True) as writer:
        for batch in rows:
            writer.write_batch(batch.cast(schema))


def _spark_type(kind: pyarrow.DataType, time_zone: str) -> pyarrow.DataType:
    import pyarrow as pa

    if pa.types.is_null(kind):
        return pa.string()
    if pa.types.is_timestamp(kind) and kind.tz is None:
        return pa.timestamp("us", time_zone)
    if pa.types.is_struct(kind):
        return pa.struct([f.with_type(_spark_type(f.type, time_zone)) for f in kind])
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        make = pa.list_ if pa.types.is_list(kind) else pa.large_list
        return make(kind.value_field.with_type(_spark_type(kind.value_type, time_zone)))
    return kind


def _types(kind: pyarrow.DataType) -> Iterator[pyarrow.DataType]:
    """The type and every type nested in it."""
    yield kind
    for index in range(kind.num_fields):
        yield from _types(kind.field(index).type)
