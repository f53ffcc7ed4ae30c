"""One module a source format (and the shared steps after reading), used by `ingest.reading`.

Each reader turns a file or a database table into a DuckDB relation over Arrow data plus the
bad records it met; `shape` then applies what every format shares (names, flattening,
declared types) so a CSV and a Parquet file with the same content give the same table.
"""
