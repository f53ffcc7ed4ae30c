"""Long integer ids a spreadsheet re-saved in scientific notation: a delivery opened in
Excel and saved again writes a number of 12 digits or more in its General format,
`1.20002E+12` for the meter id 1200023300000: six significant digits kept, the rest lost.
Read alone it is a double; loaded after exact ids, the table's integer column would widen
to double and take the rounded ids (many meters sharing one), with no word.

Digits lost cannot be brought back, so the batch is refused naming the column and the
file, when it is certain they were lost: the table's column is an integer holding long
ids with more digits than Excel keeps, and every long value of the batch's column is a
whole number of at most six significant digits (a sample of them: one cheap query over
the batch and one over the table). A double column of exact long integers (`...300000.0`,
as pandas writes ids beside a missing one) keeps every digit and is left as before.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import IngestError
from datanet_sql.ingest.as_table import INTEGERS
from datanet_sql.ingest.evolve import Shapes

FLOATS = {"DOUBLE", "FLOAT", "REAL"}
LONG = 10 ** 11   # Excel's General format writes 12 digits and more in scientific notation
KEPT = 6          # the significant digits it keeps at a column's usual width (1.20002E+12)
SAMPLE = 200      # long values of the batch looked at


def refuse_rounded_ids(adapter: Adapter, relation: Relation, query: exp.Select,
                       found: Shapes, name: str, files: tuple[str, ...],
                       file_column: str | None) -> None:
    """Refuse the batch `query` when a column of it holds long ids Excel rounded where the
    table's integer column holds exact ones (see the module docstring). A row's file is
    read from `file_column` when the batch has one, else the first of `files` is named."""
    have, incoming = found
    columns = [n for n, t in incoming if t in FLOATS and have.get(n) in INTEGERS]
    for column in columns:
        rounded = _rounded(adapter, query, column, file_column)
        if rounded and _exact_in_table(adapter, relation, column):
            value, file = rounded
            where = file or ", ".join(files[:1]) or "the batch"
            raise IngestError(
                f"source table {name}: column {column} of {where} holds long ids rounded to "
                f"{KEPT} significant digits or fewer ({_excel(value)}, as Excel writes a "
                f"number of 12 digits or more when it saves a file), where the table holds "
                f"them exact: the lost digits cannot be recovered, and loading them would "
                f"give many rows one id",
                file=file or (files[0] if files else None), column=column,
                hint="ask for the file as exported before it was opened in Excel (or saved "
                     f"with {column} formatted as Text or Number), and land it again")


def _rounded(adapter: Adapter, query: exp.Select, column: str, file_column: str | None
             ) -> tuple[float, str | None] | None:
    """A long value of `column` and its file when every long value sampled is a whole
    number of at most `KEPT` significant digits (none sampled: None)."""
    value = exp.column(column, quoted=True)
    picked = [value] + ([exp.column(file_column, quoted=True)] if file_column else [])
    sample = exp.select(*picked).from_(query.subquery("__dn_b")).where(
        exp.func("abs", value) >= exp.Literal.number(LONG)).limit(SAMPLE)
    rows = adapter.fetch(sample)[1]
    if not rows or not all(_few_digits(float(r[0])) for r in rows):
        return None
    return float(rows[0][0]), (rows[0][1] if file_column else None)


def _few_digits(value: float) -> bool:
    """A whole number written with at most `KEPT` significant digits."""
    return value.is_integer() and len(str(abs(int(value))).rstrip("0")) <= KEPT


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
