"""How a staged batch changes one warehouse table, per load mode, on every engine.

The loader stages a batch's rows (and the child rows of its arrays) as relations and calls
these inside the batch's transaction. One function per concern: a parent table's rows
(`write_rows`), a child table's rows (`write_child`), and removing rows (`delete_rows`),
which on Spark's Parquet tables, having no DELETE, rebuilds the table without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.ingest.as_table import typed_as_table
from datanet_sql.ingest.by_position import by_position, key_found
from datanet_sql.ingest.clock_times import refuse_clock_into_numbers
from datanet_sql.ingest.codelist_codes import refuse_codes_into_labels
from datanet_sql.ingest.cr_dr import refuse_cr_dr_into_numbers
from datanet_sql.ingest.empty_columns import typed_by_batch
from datanet_sql.ingest.evolve import (
    evolve_statements,
    retyped,
    retyped_if_empty,
    shapes,
)
from datanet_sql.ingest.excel_ids import refuse_rounded_ids
from datanet_sql.ingest.excel_serials import serials_as_times
from datanet_sql.ingest.padded_keys import key_value
from datanet_sql.ingest.renamed_header import refuse_renamed_header
from datanet_sql.ingest.typed_misfits import refuse_typed_misfits

FILE_COLUMN = "_datanet_file"
RECORD_NO = "_record_no"   # a child row's link to its parent row when there is no key
ORDER = "__dn_ord"         # the batch's row order (merge: the last row of a file wins)


@dataclass(frozen=True)
class Target:
    """Where and how one batch is written."""

    relation: Relation
    mode: str                   # replace | append | merge | incremental_files
    name: str                   # `source.table`, for messages
    policy: str                 # on_schema_change
    key: tuple[str, ...] = ()   # merge: the primary key
    cursor: str | None = None   # merge: the column whose highest value wins
    files: tuple[str, ...] = ()  # the landed files the batch is (incremental_files)
    replace: bool = False       # the batch is the whole table (replace)
    rowless: bool = False       # the batch has no rows (a header-only file): see `_apply`
    headerless: tuple[str, ...] = ()  # the batch's files, when headerless: see `by_position`
    trimmed: tuple[str, ...] = ()  # merge: the text keys the batch pads (see padded_keys)
    warnings: list[str] = field(default_factory=list)  # what the user must hear (the load's)
    loaded_as: str = ""         # the `load:` table a full refresh reloads (a child's parent)


def write_rows(adapter: Adapter, target: Target, view: str | exp.Table | exp.Subquery,
               columns: list[str], notes: list[str]) -> None:
    """The staged batch `view` into the table, as its mode says: a view's name, or a table
    expression or query named by its alias (DuckDB's reader over the files, read where it
    stands: a view over it would be bound, and its files sniffed, once more per statement)."""
    exists = adapter.list_columns(target.relation) is not None
    if target.mode == "merge":  # the record number only links the batch's child rows
        columns = [c for c in columns if c != RECORD_NO]
    merge_key = list(target.key) if target.mode == "merge" else None
    _apply(adapter, target, winners(target, view, columns, exists), columns, notes, merge_key,
           exists)


def positioned(adapter: Adapter, target: Target, rows: exp.Table | exp.Subquery,
               columns: list[str], notes: list[str]) -> tuple[exp.Table | exp.Subquery,
                                                              list[str]]:
    """The batch's rows and columns, a headerless batch's named as the table's by position
    (`by_position`) before anything finds a column by name: a merge ranks the rows by its
    key and cursor. Under merge the key is then checked (`key_found`): the reader could
    not find it by name."""
    if not target.headerless or target.replace:
        return rows, columns
    if adapter.list_columns(target.relation) is not None:
        query = exp.select(exp.Star()).from_(rows.copy())
        query, columns, _ = by_position(adapter, query, columns,
                                        shapes(adapter, target.relation, query),
                                        {FILE_COLUMN, RECORD_NO, ORDER}, target.headerless,
                                        target.name, notes)
        rows = query.subquery(rows.alias_or_name)
    if target.mode == "merge":
        key_found(adapter, rows, columns, list(target.key), target.headerless, target.name)
    return rows, columns


def write_child(adapter: Adapter, parent: Target, child: Target, view: str | None,
                columns: list[str], parent_view: str | exp.Table, parent_columns: list[str],
                notes: list[str]) -> None:
    """A child table of an array field, written after its parent: its rows follow the
    parent's mode. `view` is None when the batch has no rows of this child (its old rows may
    still have to go). Under merge, the child rows of each merged parent key are replaced by
    those of the batch's winning row, joined on the batch's record number."""
    exists = adapter.list_columns(child.relation) is not None
    if parent.mode == "merge":  # children of the merged parents are replaced by the batch's
        if not exists and view is None:
            return
        parents = winners(parent, parent_view, parent_columns, True).subquery("__dn_p")
        if exists:
            keys = [exp.column(k, quoted=True) for k in parent.key]
            probe = keys[0] if len(keys) == 1 else exp.Tuple(expressions=keys)
            merged = exp.select(*[exp.column(k, "__dn_p", quoted=True) for k in parent.key])
            delete_rows(adapter, child.relation, exp.In(this=probe, query=exp.Subquery(
                this=merged.from_(parents))))
        if view is None:
            return
        query = exp.select(*[exp.column(k, "__dn_p", quoted=True) for k in parent.key],
                           *[exp.column(c, "__dn_c", quoted=True) for c in columns
                             if c != RECORD_NO]).from_(exp.to_table(view).as_("__dn_c")).join(
            parents, on=exp.column(RECORD_NO, "__dn_c", quoted=True).eq(
                exp.column(RECORD_NO, "__dn_p", quoted=True)))
        names = [*parent.key, *[c for c in columns if c != RECORD_NO]]
        _apply(adapter, child, query, names, notes, None, exists)
        return
    if view is None:
        if exists and child.replace:
            adapter.execute(adapter.drop(child.relation))
        elif exists and child.files and child.mode == "incremental_files":
            delete_rows(adapter, child.relation, of_files(FILE_COLUMN, child.files))
        return
    query = exp.select(*[exp.column(c, quoted=True) for c in columns]).from_(view)
    _apply(adapter, child, query, columns, notes, None, exists)


def _apply(adapter: Adapter, target: Target, query: exp.Select, columns: list[str],
           notes: list[str], merge_key: list[str] | None, exists: bool) -> None:
    """`query`'s rows into the table. A batch without rows changes no column of a table
    that exists: the types a reader gives a header alone (text) are no evidence, and
    widening the table's integers to text for a header-only file would be silently wrong;
    a re-delivered file now without rows still withdraws its earlier rows. Likewise a
    column NULL in every row of the batch keeps the table's type, and integers a
    spreadsheet grouped with commas go into an integer column as integers (`as_table`);
    long ids Excel rounded are refused (`excel_ids`) and Excel serial day numbers go into a
    timestamp column as instants when certain (`excel_serials`); a headerless file's
    columns are already the table's (`positioned`). Clock durations arriving in a number
    column (or numbers in a clock column) are refused (`clock_times`), as are amounts
    marked CR/DR in a number column (`cr_dr`), typed values of another family than the
    table's (integers into a timestamp column, `typed_misfits`), codelist codes into a
    column of labels (`codelist_codes`) and a batch renaming every column
    (`renamed_header`). The reverse of an
    empty batch column: a table column holding only NULL takes the batch's type where
    widening would make its values text (`empty_columns`), retyped as a widened column is
    (where ALTER ... TYPE is refused, Postgres under a view, or absent, Spark's Parquet
    tables, the table is made anew with the column cast)."""
    if target.rowless and exists and not target.replace:
        if target.mode == "incremental_files" and target.files:
            delete_rows(adapter, target.relation, of_files(FILE_COLUMN, target.files))
        return
    found = shapes(adapter, target.relation, query) if exists and not target.replace else None
    retypes: list[exp.Alter] = []
    if found is not None:
        in_file = FILE_COLUMN if FILE_COLUMN in columns else None
        refuse_renamed_header(adapter, query, found, {FILE_COLUMN, RECORD_NO, ORDER},
                              target.name, in_file, target.files)
        query, found = typed_as_table(adapter, query, found, notes)
        found, retypes = typed_by_batch(adapter, target.relation, query, found, target.name,
                                        target.policy, target.files, in_file, notes)
        for refuse_against_table in (refuse_rounded_ids, refuse_codes_into_labels):
            refuse_against_table(adapter, target.relation, query, found, target.name,
                                 target.files, in_file)
        query, found = serials_as_times(adapter, target.relation, query, found, target.name,
                                        target.files, in_file, notes)
        for refuse in (refuse_clock_into_numbers, refuse_cr_dr_into_numbers,
                       refuse_typed_misfits):
            refuse(adapter, query, found, target.loaded_as or target.name, in_file,
                   target.files)
    if found is None or retyped_if_empty(adapter, target.relation, found, notes):
        _made_anew(adapter, target.relation, query, exists)
        return
    for statement in [*retypes, *evolve_statements(adapter, target.relation, found,
                                                   target.policy, target.name, notes,
                                                   target.warnings,
                                                   target.loaded_as or target.name)]:
        if retyped(statement) and not (adapter.retypes_viewed_columns and
                                       adapter.supports_column_retype):
            _made_anew(adapter, target.relation, _retyped_copy(adapter, target.relation,
                                                               statement), exists=True)
        else:
            adapter.execute(statement)
    if target.mode == "incremental_files" and target.files:
        delete_rows(adapter, target.relation, of_files(FILE_COLUMN, target.files))
    if merge_key:
        for statement in adapter.merge_statements(target.relation, query, merge_key, columns):
            adapter.execute(statement)
    else:
        adapter.execute(adapter.insert_into(target.relation, query, columns))


def _made_anew(adapter: Adapter, relation: Relation, query: exp.Select, exists: bool) -> None:
    """The table made from `query`; one that exists is built beside it and swapped in (in
    the load's transaction), as a model's table is: a model built as a view over the
    source keeps reading it (Postgres refused to drop a table a view depends on, failing
    every `replace` load whose file changed)."""
    if not exists:
        adapter.execute(adapter.create_table_as(relation, query))
        return
    temp = adapter.temp_relation(relation)
    adapter.execute(adapter.create_table_as(temp, query))
    adapter.swap_in(relation, temp)


def _retyped_copy(adapter: Adapter, relation: Relation, alter: exp.Alter) -> exp.Select:
    """The table's rows with the column `alter` retypes cast to its new type (or as its
    USING says), in the table's column order: what a table is made anew from where ALTER
    ... TYPE is refused."""
    action = alter.args["actions"][0]
    names = [c.name for c in adapter.list_columns(relation) or []]
    value = action.args.get("using") or exp.cast(exp.column(action.name, quoted=True),
                                                 action.args["dtype"])
    return exp.select(*[value.as_(exp.to_identifier(n, quoted=True)) if n == action.name
                        else exp.column(n, quoted=True) for n in names]).from_(relation.table())


def winners(target: Target, view: str | exp.Table | exp.Subquery, columns: list[str],
            table_exists: bool) -> exp.Select:
    """The batch as the table receives it: for merge, one row per primary key (the highest
    cursor value, then the last in the file) and none older than the table's own row; its
    padded text keys trimmed (`padded_keys`)."""
    source = view.copy() if isinstance(view, exp.Expression) else exp.to_table(view)
    query = exp.select(*[key_value(target, c).as_(c, quoted=True) if c in target.trimmed
                         else exp.column(c, quoted=True) for c in columns]).from_(source)
    if target.mode != "merge":
        return query
    keys = [key_value(target, k) for k in target.key]
    order = [exp.Ordered(this=exp.column(target.cursor, quoted=True), desc=True,
                         nulls_first=False)] if target.cursor else []
    order.append(exp.Ordered(this=exp.column(ORDER), desc=True))
    rank = exp.Window(this=exp.func("row_number"), partition_by=keys,
                      order=exp.Order(expressions=order))
    query = query.qualify(exp.EQ(this=rank, expression=exp.Literal.number(1)))
    if target.cursor and table_exists:
        newer = exp.select(exp.Literal.number(1)).from_(
            target.relation.table().as_("__dn_t")).where(exp.and_(
                *[exp.column(k, "__dn_t", quoted=True).eq(
                    key_value(target, k, source.alias_or_name)) for k in target.key],
                exp.column(target.cursor, "__dn_t", quoted=True) >
                exp.column(target.cursor, source.alias_or_name, quoted=True)))
        query = query.where(exp.Not(this=exp.Exists(this=newer)))
    return query


def delete_rows(adapter: Adapter, relation: Relation, condition: exp.Expression) -> None:
    """Remove the rows of `relation` where `condition` holds. Spark's Parquet tables have no
    DELETE: the table is rebuilt without them under a temporary name and swapped in."""
    if adapter.dialect != "spark":
        adapter.execute(exp.delete(relation.table(), where=condition))
        return
    keep = exp.select("*").from_(relation.table()).where(
        exp.not_(exp.func("coalesce", condition, exp.false())))
    temp = adapter.temp_relation(relation)
    adapter.transaction([adapter.create_table_as(temp, keep),
                         *adapter.swap_statements(relation, temp, "table")])


def of_files(column: str, paths: tuple[str, ...]) -> exp.Condition:
    """The rows (or ledger rows) of the given landed files."""
    return exp.column(column, quoted=True).isin(*[exp.Literal.string(p) for p in paths])
