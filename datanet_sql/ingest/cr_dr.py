"""A delivery writing its amounts unsigned with `CR`/`DR` after them (`5.10 DR`) into a
column the table holds as numbers: refused, not widened to text.

A bank's new export (or a QIF/OFX converter, a UK bank's statement) writes `5.10 DR` where
the earlier statements wrote `-5.10`. The reader types such a column text, and schema
evolution would widen the table's number column to text, every earlier amount with it.
Reading a sign would be a guess: which of credit and debit is money out depends on whose
side the statement is written from (a current account's debit is a payment; a card
statement's debit is a charge, which its own signed exports write positive). So the batch
is refused before any column changes, naming the file, the column, a value and the table's
type, with what makes it explicit. A column is taken for such amounts only when every value
of the batch is one (`12.00 CR`, `1,234.56DR`, `3 dr`); other text still widens, with the
warning. A file read alone keeps the text as written (see the reader traps table). One
query over the batch.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest.as_table import TEXT, count_where
from datanet_sql.ingest.evolve import Shapes, refresh_command
from datanet_sql.ingest.readers.sql import column
from datanet_sql.ingest.typed_misfits import family

# an unsigned amount with a credit or debit mark after it, upper-cased: `5.10 DR`, `1,234CR`
CR_DR = r"^[0-9][0-9,]*([.][0-9]+)? ?(CR|DR)$"


def refuse_cr_dr_into_numbers(adapter: Adapter, query: exp.Select, found: Shapes, name: str,
                              file_column: str | None, files: tuple[str, ...]) -> None:
    """Raise when a text column of the batch `query` is amounts marked `CR`/`DR` in every
    row where the table `name` holds numbers (`found`, see `evolve.shapes`); the file is
    the batch's `file_column` on a row holding such a value, else the first of `files`."""
    have, incoming = found
    texts = [n for n, t in incoming if n in have and t in TEXT and family(have[n]) == "number"]
    if not texts:
        return
    marked = {n: exp.RegexpLike(this=exp.Upper(this=exp.func("trim", column(n))),
                                expression=exp.Literal.string(CR_DR)) for n in texts}
    picked = [e for n in texts for e in (
        exp.func("count", column(n)),
        count_where(exp.and_(column(n).is_(exp.null()).not_(), marked[n].not_())),
        exp.func("min", column(n)))]
    files_of = [exp.func("min", exp.case().when(column(n).is_(exp.null()).not_(),
                                                column(file_column)))
                for n in texts] if file_column else []
    row = adapter.fetch_one(exp.select(*picked, *files_of).from_(query.subquery("__dn_b")))
    assert row is not None  # an aggregate gives one row
    for i, text in enumerate(texts):
        count, others, example = row[3 * i:3 * i + 3]
        if count and not others:
            file = (row[3 * len(texts) + i] if file_column else None) or \
                (files[0] if files else name)
            _refuse(text, have[text], example, name, file)


def _refuse(column: str, old: str, example: str, name: str, file: str) -> None:
    raise IngestError(
        f"column {column}: amounts written unsigned with CR/DR after them (e.g. {example!r}), "
        f"{old} in the table {name}: which of credit and debit is negative depends on whose "
        f"side the statement is written from (an account's debit is money out, a card's is "
        f"a charge), so a sign read from them would be a guess, and widening to text would "
        f"turn every earlier amount to text: the batch is refused, nothing of it loaded",
        file=file, column=column,
        hint=f"have the file exported with signed amounts, as the earlier deliveries are "
             f"(`-5.10`), or declare the column (`columns: {{{column}: varchar}}` keeps both "
             f"as written) and load the table again from the start: {refresh_command(name)}")
