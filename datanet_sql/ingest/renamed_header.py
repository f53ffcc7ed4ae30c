"""A delivery none of whose column names the table has, and as many of them as the table
has: refused, not added beside the table's columns.

An app switched to German exports `Lebensmittel,Kalorien,Fett,...` where its first export
wrote `item,calories,fat,...`: the same columns in the same order under other names.
Schema evolution by name added five new columns, NULL in every earlier row, and left the
table's own NULL in every new one. A schema change keeps some names; one renaming every
column is almost never one, but taking the new names for the old by position would be a
guess too (a reordered export, another table's file landed in the folder). So the batch is
refused before any column changes, naming the file, its names and the table's, with what
to do: rename the columns in the file, or load it as a table of its own. A headerless file
(`column_1..N`) is named by position before (`by_position`); a delivery keeping one of the
table's names evolves as before. The names alone decide; one query over the batch finds
the files to name.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest.evolve import Shapes


def refuse_renamed_header(adapter: Adapter, query: exp.Select, found: Shapes,
                          internal: set[str], name: str, file_column: str | None,
                          files: tuple[str, ...]) -> None:
    """Raise when every column of the batch `query` (`found`, see `evolve.shapes`; the
    loader's own `internal` columns aside) is new to the table `name` and there are as many
    as the table's; the files named are those in the batch's `file_column`, else the first
    of `files`."""
    have, incoming = found
    table = [n for n in have if n not in internal]
    batch = [n for n, _ in incoming if n not in internal]
    if not table or len(batch) != len(table) or set(batch) & set(table):
        return
    file = files[0] if files else name
    if file_column:
        column = exp.column(file_column, quoted=True)
        first, last = adapter.fetch_one(exp.select(exp.func("min", column), exp.func(
            "max", column)).from_(query.subquery("__dn_b"))) or (None, None)
        file = (first if first == last else f"{first} .. {last}") if first else file
    raise IngestError(
        f"its {len(batch)} column(s) are all new to the table {name}, which has as many: "
        f"{', '.join(batch)} here, {', '.join(table)} in the table. A schema change keeps "
        f"some names; every column renamed is a header in another language or another "
        f"table's file, and adding them would leave NULL in every earlier row: the batch is "
        f"refused, nothing of it loaded",
        file=file,
        hint="rename the columns in the file to the table's (in their order, if they are "
             "the same columns), or, if it is another table, land it in a folder of its own "
             "and load it as a table of its own")
