"""A delivery writing clock durations (`1:41:00`) into a column the table holds as numbers, or
numbers into one it holds as clock durations: refused, not widened to text.

A timer's or a call centre's export changes software and the same column goes from seconds
(`6060`) to `h:mm:ss` (`1:41:00`), which the reader types TIME. Number and TIME have no
common type, so schema evolution would widen the column to text, every earlier value with
it (the warning is right for free text arriving in a number column, `evolve._to_text`, but
here both deliveries hold durations, each in its own spelling). Converting the clock to
seconds would be a guess: the numbers could be minutes, or hundredths. So the batch is
refused before any column changes, naming the file, the columns, a value of each and the
table's type, with what makes it explicit: a declared type, or the file re-exported in the
earlier spelling. One query over the batch (a value of each column and its file).
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest.evolve import Shapes, refresh_command

_CLOCK = (exp.DataType.Type.TIME, exp.DataType.Type.TIMETZ, exp.DataType.Type.INTERVAL)


def refuse_clock_into_numbers(adapter: Adapter, query: exp.Select, found: Shapes, name: str,
                              file_column: str | None, files: tuple[str, ...]) -> None:
    """Raise when a column of the batch `query` is a clock duration where the table `name`
    holds numbers, or the reverse (`found`, see `evolve.shapes`); the file is the batch's
    `file_column` on a row holding such a value, else the first of `files`."""
    have, incoming = found
    clashing = [(n, have[n], t) for n, t in incoming
                if n in have and t != have[n] and _clashes(have[n], t)]
    if not clashing:
        return
    batch = query.subquery("__dn_b")
    first = exp.column(clashing[0][0], quoted=True)
    values = [exp.func("min", exp.cast(exp.column(n, quoted=True), "VARCHAR"))
              for n, _, _ in clashing]
    where = [exp.func("min", exp.case().when(first.is_(exp.null()).not_(),
                                             exp.column(file_column, quoted=True)))] \
        if file_column else []
    row = adapter.fetch_one(exp.select(*values, *where).from_(batch)) or ()
    file = (row[len(clashing)] if file_column and len(row) > len(clashing) else None) or \
        (files[0] if files else name)
    shown = "; ".join(f"column {n}: {new} here (e.g. {v!r}), {old} in the table {name}"
                      for (n, old, new), v in zip(clashing, row))
    columns = ", ".join(n for n, _, _ in clashing)
    declared = ", ".join(f"{n}: varchar" for n, _, _ in clashing)
    raise IngestError(
        f"{shown}: numbers against h:mm:ss clock times, the same durations spelled "
        f"two ways; converting one to the other would assume the numbers' unit (seconds? "
        f"minutes?), and widening to text would turn every earlier value to text: the "
        f"batch is refused, nothing of it loaded",
        file=file, column=columns,
        hint=f"have the file re-exported in the spelling of the earlier deliveries, or "
             f"declare the column(s) (`columns: {{{declared}}}` keeps both spellings as "
             f"written) and load the table again from the start: {refresh_command(name)}")


def _clashes(old: str, new: str) -> bool:
    """One of the two DuckDB types is a number and the other a clock duration."""
    kinds = [exp.DataType.build(t, dialect="duckdb") for t in (old, new)]
    numbers = [k.is_type(*exp.DataType.NUMERIC_TYPES) for k in kinds]
    clocks = [k.is_type(*_CLOCK) for k in kinds]
    return (numbers[0] and clocks[1]) or (clocks[0] and numbers[1])
