"""A delivery writing a column of labels as its codelist's codes: refused, not widened.

A clinical or survey export writes a coded variable either by its label (`Misoprostol`,
`Placebo`) or by its code (`1`, `2`), per the exporter's setting; the codelist mapping one
to the other is rarely delivered with the data. When a table's text column holds labels
only (few distinct values, each repeated, none a number) and a batch brings the column as
small integers only, schema evolution would keep the column text and load `'2'` beside
`Placebo`: two spellings of one value, which no model can group or filter right, and which
only the codelist can join. So the batch is refused before any column changes, naming the
file, the column and an example of both. Not refused: a text column already holding a
number (codes and labels were mixed before, or the values are ids), a column of free text
(most values distinct), and integers too many or too large to be codes.

One aggregate over the batch and one over a sample of the table, run only when a text
column receives integers.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import IngestError
from datanet_sql.ingest.as_table import INTEGERS, TEXT, count_where
from datanet_sql.ingest.evolve import Shapes, refresh_command

MAX_CODES = 20      # distinct values a codelist column holds, in the table and the batch
MAX_CODE = 99       # the largest code: a codelist numbers its entries from 0 or 1
SAMPLE = 10_000     # the table's rows looked at for labels
_NUMBER = r"^\s*[-+]?[0-9]*\.?[0-9]+\s*$"  # a label spelled as a number


def refuse_codes_into_labels(adapter: Adapter, relation: Relation, query: exp.Select,
                             found: Shapes, name: str, files: tuple[str, ...],
                             file_column: str | None) -> None:
    """Raise when a column of the batch `query` is small integer codes only where the table
    `name` (`relation`) holds it as labels (see the module docstring). The file named is
    the batch's `file_column` on a row holding a code, else the first of `files`."""
    have, incoming = found
    for column in [n for n, t in incoming if t in INTEGERS and have.get(n) in TEXT]:
        codes = _codes(adapter, query, column, file_column)
        if codes is None:
            continue
        label = _label(adapter, relation, column)
        if label is None:
            continue
        example, file = codes
        where = file or (files[0] if files else name)
        raise IngestError(
            f"source table {name}: column {column} of {where} holds small integer codes only "
            f"(e.g. {example}) where the table holds it as labels (e.g. {label!r}), none a "
            f"number: the file writes the column as its codelist's codes, and loading them "
            f"would put {str(example)!r} beside {label!r} in one column; which label a code "
            f"stands for is not in the data, so the batch is refused, nothing of it loaded",
            file=where, column=column,
            hint=f"ask for the file exported with {column} as labels, as the earlier "
                 f"deliveries are, and land it again; or, if the codes are meant, declare "
                 f"`columns: {{{column}: varchar}}` and load the table again from the start: "
                 f"{refresh_command(name)}")


def _codes(adapter: Adapter, query: exp.Select, column: str, file_column: str | None
           ) -> tuple[int, str | None] | None:
    """(the least code, a file holding it) when the batch's `column` holds values, all
    from 0 to `MAX_CODE` and at most `MAX_CODES` distinct; None otherwise."""
    value = exp.column(column, quoted=True)
    row = adapter.fetch_one(exp.select(
        exp.func("count", value), exp.func("count", exp.Distinct(expressions=[value.copy()])),
        exp.func("min", value.copy()), exp.func("max", value.copy()),
        exp.func("min", exp.case().when(value.copy().is_(exp.null()).not_(),
                                        exp.column(file_column, quoted=True)))
        if file_column else exp.null(),
    ).from_(query.subquery("__dn_b")))
    if not row or not row[0]:
        return None
    _, distinct, least, most, file = row
    if distinct > MAX_CODES or least < 0 or most > MAX_CODE:
        return None
    return int(least), file


def _label(adapter: Adapter, relation: Relation, column: str) -> str | None:
    """A label of the table's `column` when, over a sample of its rows, it holds values,
    at most `MAX_CODES` distinct ones each repeated on average, none spelled as a number;
    None otherwise (free text, numbers as text, an empty column)."""
    value = exp.column(column, quoted=True)
    sample = exp.select(value).from_(relation.table()).limit(SAMPLE).subquery("__dn_t")
    row = adapter.fetch_one(exp.select(
        exp.func("count", value.copy()),
        exp.func("count", exp.Distinct(expressions=[value.copy()])),
        count_where(exp.RegexpLike(this=value.copy(), expression=exp.Literal.string(_NUMBER))),
        exp.func("min", value.copy()),
    ).from_(sample))
    if not row or not row[0]:
        return None
    values, distinct, numbers, label = row
    if numbers or distinct > MAX_CODES or values < 2 * distinct:
        return None
    return str(label)
