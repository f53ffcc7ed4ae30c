"""sqlglot building blocks the readers share: quoted names and DuckDB's `name := value`
table-function arguments built from Python values (never pasted into SQL text)."""

from __future__ import annotations

import os
import tempfile
import uuid
from typing import Any

from sqlglot import exp

# what a reader's DuckDB holds in memory before it spills to disk (DuckDB's own default is
# 80% of the machine's memory, so a large file read into a reader's tables grew to that),
# beside the JSON reader's buffers: two of the largest object it accepts per thread
READER_MEMORY_MB = 256
JSON_OBJECT_BYTES = 1 << 26   # the default of a JSON source's `options: {max_object_size:}`
LINE_SPLIT = "\x01"  # a delimiter no JSON or CSV text holds (Hive's aside): a line is one field


def connect(json_object_bytes: int = JSON_OBJECT_BYTES) -> Any:
    """A private in-memory DuckDB for one read: no progress bar on the user's terminal, a
    bounded memory (see READER_MEMORY_MB; the JSON buffers for objects of up to
    `json_object_bytes`), spilling to a directory of its own under the
    system's temporary folder (DuckDB's default is `.tmp` in the working directory), which
    DuckDB creates when it first spills and removes when the connection closes."""
    import duckdb

    con = duckdb.connect()
    threads = int(con.execute("SELECT current_setting('threads')").fetchall()[0][0])
    budget = READER_MEMORY_MB + threads * 2 * (json_object_bytes >> 20)
    spill = os.path.join(tempfile.gettempdir(), f"datanet-read-{uuid.uuid4().hex[:12]}")
    for setting, value in (("enable_progress_bar", False), ("memory_limit", f"{budget}MB"),
                           ("temp_directory", spill)):
        con.execute(exp.Set(expressions=[exp.SetItem(this=exp.EQ(
            this=exp.to_identifier(setting), expression=literal(value)))]).sql("duckdb"))
    return con


def temp_table(name: str, query: exp.Select) -> str:
    """CREATE TEMPORARY TABLE `name` AS `query`, in DuckDB's SQL."""
    return exp.Create(this=exp.to_table(name), kind="TABLE", expression=query,
                      properties=exp.Properties(expressions=[exp.TemporaryProperty()])
                      ).sql("duckdb")


def replace_table(con: Any, table: str, query: exp.Select) -> None:
    """Temporary table `table` replaced by `query`'s rows (which may read `table`): how the
    readers rewrite staged rows in place."""
    staged = f"{table}_dn_new"
    con.execute(temp_table(staged, query))
    con.execute(exp.Drop(tables=[exp.to_table(table)], kind="TABLE").sql("duckdb"))
    con.execute(exp.Alter(this=exp.to_table(staged), kind="TABLE", actions=[
        exp.AlterRename(this=exp.to_table(table))]).sql("duckdb"))


def append_arrow(con: Any, table: str, rows: Any, create: bool,
                 shaped: Any = None) -> None:
    """Arrow `rows` (a pyarrow.Table) into the temporary table `table` of `con` (created from
    them when `create`), through `shaped` (a function of the rows' table name giving the
    SELECT to insert; all their columns when None): how a reader that parses in Python
    hands DuckDB a large file in bounded chunks."""
    con.register("_dn_rows", rows)
    try:
        source = exp.to_table("_dn_rows")
        query = shaped(source) if shaped else exp.select("*").from_(source)
        con.execute(temp_table(table, query) if create else
                    exp.insert(query, exp.to_table(table)).sql("duckdb"))
    finally:
        con.unregister("_dn_rows")


def ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def column(name: str) -> exp.Column:
    return exp.column(ident(name))


def count_if(condition: exp.Expression) -> exp.Expression:
    """How many rows meet `condition` (one that is NULL counts as not met); 0 over no rows
    (DuckDB's `count_if` gives NULL there, as `sum` does)."""
    return exp.func("coalesce", exp.func("count_if", exp.func("coalesce", condition,
                                                               exp.false())),
                    exp.Literal.number(0))


def named(name: str, value: Any) -> exp.Expression:
    """`name := value` for read_csv / read_json / sniff_csv."""
    return exp.PropertyEQ(this=exp.to_identifier(name), expression=literal(value))


def literal(value: Any) -> exp.Expression:
    """A Python value (bool, int, str, list, dict) as a DuckDB literal."""
    if isinstance(value, exp.Expression):
        return value
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int):
        return exp.Literal.number(value)
    if isinstance(value, list):
        return exp.Array(expressions=[literal(v) for v in value])
    if isinstance(value, dict):
        return exp.Struct(expressions=[exp.PropertyEQ(this=ident(k), expression=literal(v))
                                       for k, v in value.items()])
    return exp.Literal.string(str(value))


def lines_of(path: Any) -> exp.Table:
    """The file's lines as rows of one column `line`, as written (no quote, no escape), in
    file order: read by DuckDB, so a large file is never read line by line in Python."""
    return exp.Table(this=exp.func(
        "read_csv", exp.Literal.string(str(path)), named("columns", {"line": "VARCHAR"}),
        named("header", False), named("delim", LINE_SPLIT), named("quote", ""),
        named("escape", ""), named("auto_detect", False), named("strict_mode", False),
        named("max_line_size", 1 << 30)))


def write_lines(con: Any, query: exp.Select, path: Any) -> None:
    """The one column of `query` written to `path` as lines, each as it is (no quoting)."""
    params = {"FORMAT": exp.var("csv"), "HEADER": exp.false(), "QUOTE": exp.Literal.string(""),
              "ESCAPE": exp.Literal.string(""), "DELIMITER": exp.Literal.string(LINE_SPLIT)}
    copy = exp.Copy(this=query.subquery(), kind=False, files=[exp.Literal.string(str(path))],
                    params=[exp.CopyParameter(this=exp.var(k), expression=v)
                            for k, v in params.items()])
    con.execute(copy.sql("duckdb"))
