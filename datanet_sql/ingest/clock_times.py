"""A delivery writing clock durations (`1:41:00`) into a column the table holds as numbers, or
numbers into one it holds as clock durations: refused, not widened to text.

A timer's or a call centre's export changes software and the same column goes from seconds
(`6060`) to `h:mm:ss` (`1:41:00`), which the reader types TIME (`101:00`, minutes past an
hour, it leaves text). Number and TIME have no common type, so schema evolution would widen
the column to text, every earlier value with it (the warning is right for free text
arriving in a number column, `evolve._to_text`, but here both deliveries hold durations,
each in its own spelling). Converting the clock to seconds would be a guess: the numbers
could be minutes, or hundredths. So the batch is refused before any column changes, naming
the file, the columns, a value of each and the table's type, with what makes it explicit:
a declared type, or the file re-exported in the earlier spelling. A text column is taken
for clock times only when every value of the batch is one. One query over the batch.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest.as_table import TEXT, count_where
from datanet_sql.ingest.evolve import Shapes, refresh_command
from datanet_sql.ingest.readers.sql import column

_CLOCK = (exp.DataType.Type.TIME, exp.DataType.Type.TIMETZ, exp.DataType.Type.INTERVAL)
# a duration as a clock writes it: `1:41:00`, `59:59`, `101:00.5` (hours or minutes first)
CLOCK_TEXT = r"^[0-9]{1,3}(:[0-5][0-9]){1,2}([.,][0-9]+)?$"


def refuse_clock_into_numbers(adapter: Adapter, query: exp.Select, found: Shapes, name: str,
                              file_column: str | None, files: tuple[str, ...]) -> None:
    """Raise when a column of the batch `query` is clock durations where the table `name`
    holds numbers, or the reverse (`found`, see `evolve.shapes`); the file is the batch's
    `file_column` on a row holding such a value, else the first of `files`."""
    have, incoming = found
    typed = [(n, have[n], t) for n, t in incoming
             if n in have and t != have[n] and _clashes(have[n], t)]
    texts = [(n, have[n], t) for n, t in incoming
             if n in have and t in TEXT and _number(have[n])]
    if not typed and not texts:
        return
    columns = [*typed, *texts]
    values = [exp.func("min", exp.cast(column(n), "VARCHAR")) for n, _, _ in columns]
    others = [count_where(exp.and_(column(n).is_(exp.null()).not_(), exp.RegexpLike(
        this=exp.func("trim", column(n)), expression=exp.Literal.string(CLOCK_TEXT)).not_()))
        for n, _, _ in texts]
    given = [exp.func("count", column(n)) for n, _, _ in texts]
    first = column(columns[0][0])
    where = [exp.func("min", exp.case().when(first.is_(exp.null()).not_(),
                                             column(file_column)))] if file_column else []
    row = adapter.fetch_one(exp.select(*values, *others, *given, *where).from_(
        query.subquery("__dn_b"))) or ()
    example = dict(zip([n for n, _, _ in columns], row))
    counts = row[len(columns):len(columns) + 2 * len(texts)]
    clocks = {n for (n, _, _), other, count in zip(texts, counts, counts[len(texts):])
              if count and not other}
    clashing = [c for c in columns if c in typed or c[0] in clocks]
    if not clashing:
        return
    file = (row[-1] if file_column else None) or (files[0] if files else name)
    _refuse(clashing, example, name, file)


def _refuse(clashing: list[tuple[str, str, str]], example: dict[str, str], name: str,
            file: str) -> None:
    shown = "; ".join(f"column {n}: {'clock times' if new in TEXT else new} here (e.g. "
                      f"{example[n]!r}), {old} in the table {name}" for n, old, new in clashing)
    declared = ", ".join(f"{n}: varchar" for n, _, _ in clashing)
    raise IngestError(
        f"{shown}: numbers against h:mm:ss clock times, the same durations spelled two "
        f"ways; converting one to the other would assume the numbers' unit (seconds? "
        f"minutes?), and widening to text would turn every earlier value to text: the "
        f"batch is refused, nothing of it loaded",
        file=file, column=", ".join(n for n, _, _ in clashing),
        hint=f"have the file re-exported in the spelling of the earlier deliveries, or "
             f"declare the column(s) (`columns: {{{declared}}}` keeps both spellings as "
             f"written) and load the table again from the start: {refresh_command(name)}")


def _number(duck_type: str) -> bool:
    return exp.DataType.build(duck_type, dialect="duckdb").is_type(*exp.DataType.NUMERIC_TYPES)


def _clashes(old: str, new: str) -> bool:
    """One of the two DuckDB types is a number and the other a clock duration."""
    kinds = [exp.DataType.build(t, dialect="duckdb") for t in (old, new)]
    clocks = [k.is_type(*_CLOCK) for k in kinds]
    return (_number(old) and clocks[1]) or (clocks[0] and _number(new))
