"""Long integer ids a spreadsheet re-saved in scientific notation: a delivery opened in
Excel and saved again writes a number of 12 digits or more in its General format,
`1.20002E+12` for the meter id 1200023300000: six significant digits kept, the rest lost.
Read alone it is a double; loaded after exact ids, the table's integer column would widen
to double and take the rounded ids (many meters sharing one), with no word.

Digits lost cannot be brought back, so the batch is refused naming the column and the
file when it is certain they were lost: the batch's column is a double whose every value
is long (12 digits or more: ids, not amounts of any size) and some end in six zeros or
more (a number Excel wrote with six significant digits does), beside exact long ids in the
table's integer column or in the batch itself (a delivery of exact ids and its re-saved
copy landed together). One query over the batch; one probe of the table. A double column
of exact long integers (`1200023300000.0`, as pandas writes ids beside a missing one) keeps
every digit and is left as before; so is a column of amounts, short values among the long.
A file read alone is noted by its reader (`readers.csv_excel_ids`).
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import IngestError
from datanet_sql.ingest.as_table import INTEGERS, count_where
from datanet_sql.ingest.evolve import Shapes

FLOATS = {"DOUBLE", "FLOAT", "REAL"}
LONG = 10 ** 11   # Excel's General format writes 12 digits and more in scientific notation
KEPT = 6          # the significant digits it keeps at a column's usual width (1.20002E+12)


def refuse_rounded_ids(adapter: Adapter, relation: Relation, query: exp.Select,
                       found: Shapes, name: str, files: tuple[str, ...],
                       file_column: str | None) -> None:
    """Refuse the batch `query` when a column of it holds long ids Excel rounded where the
    table's integer column holds exact ones, or beside exact ones of the batch itself (see
    the module docstring). A row's file is read from `file_column` when the batch has
    one, else the first of `files` is named."""
    have, incoming = found
    columns = [n for n, t in incoming if t in FLOATS and have.get(n) in INTEGERS]
    if not columns:
        return
    counts = _counts(adapter, query, columns, file_column)
    for column in columns:
        values, long, rounded, example, file, exact = counts[column]
        if not rounded or long < values:  # not ids: short values beside them
            continue
        if long == rounded and not _exact_in_table(adapter, relation, column):
            continue
        where = file or (files[0] if files else "the batch")
        beside = f"beside exact ones ({int(exact)})" if exact is not None else \
            "where the table holds them exact"
        raise IngestError(
            f"source table {name}: column {column} of {where} holds long ids rounded to "
            f"{KEPT} significant digits ({_excel(example)}, as Excel writes a number of 12 "
            f"digits or more when it saves a file as CSV) {beside}: the lost digits cannot be "
            f"recovered, and loading them would give many rows one id",
            file=where, column=column,
            hint="ask for the file as exported before it was opened in Excel (or saved "
                 f"with {column} formatted as Text or Number), and land it again")


def _counts(adapter: Adapter, query: exp.Select, columns: list[str], file_column: str | None
            ) -> dict[str, tuple]:
    """Per column, over the batch (one query): its values, its long ones, those of them
    ending in `KEPT` zeros or more (rounded), the least rounded one and a file holding
    it (None without `file_column`), and the least long one not rounded (None: none)."""
    picked: list[exp.Expression] = []
    for n in columns:
        value = exp.column(n, quoted=True)
        size = exp.func("abs", value)
        long = exp.and_(size >= exp.Literal.number(LONG), size.copy() < exp.Literal.number(
            10 ** 16))  # past it no double is an exact integer; NaN and infinity neither
        ends = exp.case().when(long.copy(), exp.Mod(this=exp.cast(value.copy(), "BIGINT"),
                                                    expression=exp.Literal.number(
                                                        10 ** KEPT))).eq(0)
        rounded = exp.and_(long, ends)
        picked += [exp.func("count", value.copy()), count_where(long.copy()),
                   count_where(rounded), exp.func("min", exp.case().when(rounded.copy(),
                                                                          value.copy())),
                   exp.func("min", exp.case().when(rounded.copy(), exp.column(
                       file_column, quoted=True))) if file_column else exp.null(),
                   exp.func("min", exp.case().when(exp.and_(long.copy(), ends.copy().not_()),
                                                   value.copy()))]
    row = adapter.fetch_one(exp.select(*picked).from_(query.subquery("__dn_b")))
    assert row is not None  # an aggregate gives one row
    return {n: row[6 * i:6 * i + 6] for i, n in enumerate(columns)}


def _exact_in_table(adapter: Adapter, relation: Relation, column: str) -> bool:
    """The table holds a long id with more digits than Excel keeps (one row looked for):
    the ids were exact before this batch."""
    value = exp.column(column, quoted=True)
    probe = exp.select(exp.Literal.number(1)).from_(relation.table()).where(exp.and_(
        exp.func("abs", value) >= exp.Literal.number(LONG),
        exp.Mod(this=value.copy(), expression=exp.Literal.number(10 ** KEPT)).neq(0))).limit(1)
    return bool(adapter.fetch(probe)[1])


def _excel(value: float) -> str:
    """`value` as Excel's General format shows it (`1.20002E+12`)."""
    mantissa, exponent = f"{value:.{KEPT - 1}E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent)}"
