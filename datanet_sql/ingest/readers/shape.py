"""What every format shares after reading: names, flattening, child tables, declared types.

A reader hands over a DuckDB relation in the file's own names and nesting; this module
turns it into the warehouse's shape in DuckDB (never row by row): top-level names snake_cased
and unique, STRUCT fields flattened to `parent__child`, LIST columns split into child tables
with the parent's key, and declared types applied with TRY_CAST, a value that does not fit
becoming a reject instead of a NULL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.declared import declared_types, fits, misfit, on_names, shown
from datanet_sql.ingest.readers.names import dedupe, folded, renamed, snake_case, unique_names
from datanet_sql.ingest.readers.sql import column, ident, temp_table
from datanet_sql.ingest.readers.stream import Stream, of_query

if TYPE_CHECKING:
    import duckdb

    from datanet_sql.ingest.reading import ReadResult, Reject

SOURCE_FILE = "_dn_source_file"  # each row's file in a scan of several (readers.csv): kept
                                 # as named; a CSV's own names are cleaned before the scan
                                 # and never start with "_" (see names.snake_case)
RECORD = "_dn_record"        # 1-based record number a reader may provide
RECORD_NO = "_record_no"     # links child rows to their parent when no parent_key is given
NO_KEY = "no value in the primary key"  # how the reason of a row without its key begins
NO_HEADER = "no header line"   # how a headerless file's note begins (see ingest.by_position)
_NO_KEY = "_dn_no_key"       # the check of `required` columns, beside the declared types'


@dataclass
class Raw:
    """A reader's output: the relation in the file's own names, and what it met."""

    con: duckdb.DuckDBPyConnection
    relation: duckdb.DuckDBPyRelation | None    # None: an empty file, no columns
    label: str                                   # the file as rejects name it
    rejects: list[Reject] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    typed: set[str] = field(default_factory=set)  # declared columns the reader already cast
    materialized: str | None = None               # the relation is this temporary table
    # the file's own name of a column the relation had to name otherwise (DuckDB's names are
    # case-insensitive: JSON keys `Name` and `name` cannot both be columns of it)
    written: dict[str, str] = field(default_factory=dict)
    # columns named as the file names them, not snake_cased: pandas' `__index_level_0__`,
    # which cleaned would look like a column of the table's own (see parquet_index)
    verbatim: set[str] = field(default_factory=set)
    # the types the file itself declares (Flux's `#datatype`, see csv_flux), applied as the
    # user's `columns:` are, which win over them
    declared: dict[str, str] = field(default_factory=dict)


@dataclass
class _Plan:
    leaves: list[tuple[str, exp.Expression]] = field(default_factory=list)
    lists: list[tuple[str, exp.Expression, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # top-level names cleaned, JSON kept as text


def finish(raw: Raw, columns: dict[str, str], parent_key: list[str] | None,
           keep_nested: bool = False, required: list[str] | None = None) -> ReadResult:
    """The ReadResult of a reader's relation (see the module docstring). Its rows and child
    rows are `stream.Stream`s over `raw.con`, which must stay open until they are read.
    `required` are columns a row must have a value in (a merge's primary key: a row
    without its key has no place), a row without one being a reject like a misfit."""
    import pyarrow as pa

    from datanet_sql.ingest.reading import ReadResult

    if raw.relation is None:
        return ReadResult(pa.table({}), raw.rejects, {}, raw.notes)
    plan = _plan(raw.relation, keep_nested, raw.written, raw.verbatim)
    raw.notes += plan.notes
    columns = {**raw.declared, **(columns or {})}
    leaf_names = [name for name, _ in plan.leaves]
    declared = {k: v for k, v in on_names(declared_types(columns, raw.label), leaf_names).items()
                if k not in raw.typed}
    missing = [name for name in declared if name not in leaf_names]
    if missing:
        raw.notes.append(f"declared column(s) {', '.join(missing)} not in the file: added as NULL")
    keyed = _required(plan, required or [], raw.label)
    if not plan.lists and not declared and not keyed and RECORD not in raw.relation.columns:
        return ReadResult(_flat(raw, plan), raw.rejects, {}, raw.notes)
    need_record = bool(declared) or bool(keyed) or (bool(plan.lists) and not parent_key)
    source = _materialize(raw, need_record)
    keys = _parent_keys(plan, parent_key, raw.label)
    record = [column(RECORD)] if need_record or RECORD in raw.relation.columns else []
    parent = exp.select(*[e.as_(ident(n)) for n, e in plan.leaves], *record).from_(source)
    if not parent_key and plan.lists:
        parent = parent.select(column(RECORD).as_(ident(RECORD_NO)))
    good, rejects = _apply_declared(raw, parent, declared, keyed)
    children = {name: _child(raw.con, source, keys, expr, elem, rejects)
                for name, expr, elem in plan.lists}
    return ReadResult(good, _in_order(raw.rejects + rejects), children, raw.notes)


def _in_order(rejects: list[Reject]) -> list[Reject]:
    """The reader's rejects and the declared types' in record order (when numbered)."""
    if not all(r.record_no.isdigit() for r in rejects):
        return rejects
    return sorted(rejects, key=lambda r: (r.file, int(r.record_no)))


@dataclass
class Query:
    """Rows that stay in a DuckDB connection, as a query over them: what a reader hands a
    loader whose warehouse is that connection, in place of a pyarrow.Table, so the rows are
    never copied into Arrow and back. It answers `column_names` and `num_rows` as a table."""

    select: exp.Select
    num_rows: int

    @property
    def column_names(self) -> list[str]:
        return [e.alias_or_name for e in self.select.expressions]


def shaped(relation: duckdb.DuckDBPyRelation, source: exp.Table, parent_key: list[str] | None,
           label: str, record: exp.Expression
           ) -> tuple[exp.Select, dict[str, tuple[exp.Select, exp.Expression]], list[str]]:
    """`finish`'s shaping as queries over `source` (the reader's rows, a table of the
    connection that runs them) for a read with nothing to cast: the parent's rows, each
    array's child rows with the array's expression (to count its elements), and notes on
    what the plan noted. `record` numbers the rows when children link by `_record_no`."""
    plan = _plan(relation, keep_nested=False)
    keys = [(n, record if n == RECORD_NO else e)
            for n, e in _parent_keys(plan, parent_key, label)]
    parent = exp.select(*[e.as_(ident(n)) for n, e in plan.leaves]).from_(source)
    if plan.lists and not parent_key:
        parent = parent.select(record.as_(ident(RECORD_NO)))
    children = {name: (child_query(source, keys, expr, elem), expr)
                for name, expr, elem in plan.lists}
    return parent, children, plan.notes


def _flat(raw: Raw, plan: _Plan) -> Stream:
    """A table with no arrays and nothing to cast: renamed (and structs flattened) only."""
    assert raw.relation is not None
    source = raw.materialized
    if source is None:  # a relation of the reader's (over files, or Arrow): named, to query
        source = "_dn_read"
        raw.relation.create_view(source)
    return of_query(raw.con, exp.select(*[e.as_(ident(n)) for n, e in plan.leaves])
                    .from_(exp.to_table(source)))


def _plan(relation: duckdb.DuckDBPyRelation, keep_nested: bool,
          written: dict[str, str] | None = None, verbatim: set[str] | None = None) -> _Plan:
    """The leaves and lists of `relation`, its top-level names cleaned from the file's own
    (`written`, where the relation's differ), but those `verbatim`."""
    plan = _Plan()
    names = [c for c in relation.columns if c != RECORD]
    types = dict(zip(relation.columns, relation.types))
    own = [c for c in names if c != SOURCE_FILE and c not in (verbatim or set())]
    spelled = [(written or {}).get(c, c) for c in own]
    clean = dict(zip(own, unique_names(spelled)))
    plan.notes = renamed(spelled, list(clean.values()))
    for name in names:
        _walk(plan, clean.get(name, name), column(name), types[name], keep_nested)
    final = dedupe([n for n, _ in plan.leaves])
    plan.leaves = [(n, e) for n, (_, e) in zip(final, plan.leaves)]
    return plan


def _walk(plan: _Plan, name: str, expr: exp.Expression, dtype: Any, keep: bool) -> None:
    """Leaves for scalars, `parent__child` for STRUCT fields, a child table for a LIST; a
    JSON value (a key whose values are of different kinds: objects here, strings there) is
    text, see `_json_text`."""
    if dtype.id == "varchar" and str(dtype) == "JSON":
        plan.leaves.append((name, _json_text(expr)))
        plan.notes.append(f"column {name}: values of different kinds (objects, arrays, text, "
                          f"numbers) kept as text, objects and arrays as JSON")
    elif not keep and dtype.id == "struct":
        names = folded([child_name for child_name, _ in dtype.children])
        for named, (child_name, child_type) in zip(names, dtype.children):
            child = exp.func("struct_extract", expr, exp.Literal.string(child_name))
            _walk(plan, f"{name}__{named or 'field'}", child, child_type, keep)
    elif not keep and dtype.id == "list":
        plan.lists.append((name, expr, dtype.child))
    else:
        plan.leaves.append((name, expr))


def _json_text(expr: exp.Expression) -> exp.Expression:
    """A JSON value as text: a JSON string as the string itself (not its JSON spelling with
    quotes and escapes), anything else as its JSON text."""
    kind = exp.func("json_type", expr)
    return exp.case().when(kind.eq(exp.Literal.string("VARCHAR")), exp.func(
        "json_extract_string", expr, exp.Literal.string("$"))).else_(exp.cast(expr, "VARCHAR"))


def _materialize(raw: Raw, need_record: bool) -> exp.Table:
    """The relation as a temporary table (read more than once), with a record number when
    rejects or children need one; a reader's own temporary table is used as it is. The
    records the reader rejected (a CSV's ragged rows) are counted in the numbers (see
    `number_records`), and in a read of several files each file's records count from 1;
    otherwise the rows are numbered as they come."""
    relation = raw.relation
    if raw.materialized and (not need_record or RECORD in relation.columns):
        return exp.to_table(raw.materialized)
    file = SOURCE_FILE if SOURCE_FILE in relation.columns else None
    if need_record and RECORD not in relation.columns and \
            (file or any(r.record_no.isdigit() for r in raw.rejects)):
        relation = relation.select('*, row_number() OVER () AS "_dn_pos"')
        relation.create_view("_dn_unnumbered")
        raw.con.execute(temp_table("_dn_source", number_records(
            "_dn_unnumbered", "_dn_pos", file, raw.rejects)))
        return exp.to_table("_dn_source")
    if need_record and RECORD not in relation.columns:
        relation = relation.select(f'*, row_number() OVER () AS "{RECORD}"')
    relation.create("_dn_source")
    return exp.to_table("_dn_source")


def number_records(table: str, position: str, file: str | None, rejects: list[Reject],
                   paths: dict[str, str] | None = None) -> exp.Select:
    """`table`'s rows with their record number in their file as `RECORD`, `position` (their
    order as read, 1-based) dropped, in that order (the window reorders rows, and a merge's
    last row of a file wins): the k-th row read from a file is record k plus the
    records its reader rejected before it (a rejected record r, the j-th of its file, comes
    before the rows read after its r - j predecessors). `file` is the column naming each
    row's file in a read of several (their rows together, in file order); `paths` maps
    that column's paths to those the rejects name, when they differ."""
    by_path = {user: path for path, user in (paths or {}).items()}
    before: dict[str, list[int]] = {}
    for reject in rejects:
        if reject.record_no.isdigit():
            before.setdefault(by_path.get(reject.file, reject.file), []).append(
                int(reject.record_no))
    gaps = [(path, r - j) for path, numbers in before.items()
            for j, r in enumerate(sorted(numbers), start=1)]
    values = exp.Values(expressions=[exp.Tuple(expressions=[exp.Literal.string(p),
                                                            exp.Literal.number(n)])
                                     for p, n in gaps] or
                        [exp.Tuple(expressions=[exp.null(), exp.null()])],
                        alias=exp.TableAlias(this=exp.to_identifier("_dn_gaps"), columns=[
                            exp.to_identifier("path"), exp.to_identifier("read")]))
    at, in_file = exp.column(position), column(file) if file else None
    first = exp.Window(this=exp.func("min", at),
                       partition_by=[in_file] if in_file is not None else None)
    k = exp.Sub(this=at, expression=first) + exp.Literal.number(1)
    ranked = exp.select(exp.Star(), k.as_("_dn_k")).from_(table).subquery("_dn_r")
    here = exp.column("_dn_k", "_dn_r")
    skipped = exp.select(exp.func("count", exp.column("read"))).from_(values).where(
        exp.LT(this=exp.column("read"), expression=here))
    if file is not None:
        skipped = skipped.where(exp.column("path").eq(exp.column(file, "_dn_r", quoted=True)))
    record = exp.Add(this=here, expression=skipped.subquery()).as_(RECORD)
    return exp.select(exp.Star(except_=[at, exp.column("_dn_k")]), record).from_(ranked) \
        .order_by(exp.column(position, "_dn_r"))


def _required(plan: _Plan, required: list[str], label: str) -> list[str]:
    """The `required` columns by the names the table gets; one the file lacks is an error
    (every row would be without it). A file without a header line (its columns `column_1`
    ...) has none by name: its columns are the table's by position, the key checked there
    (`ingest.by_position.key_found`)."""
    names = [snake_case(k) for k in required]
    leaves = [n for n, _ in plan.leaves]
    missing = [k for k in names if k not in leaves]
    if missing and leaves == [f"column_{i}" for i in range(1, len(leaves) + 1)]:
        return []   # a file without a header line: the key is the table's by position
    if missing:
        raise IngestError(f"primary key column(s) {', '.join(missing)} not in the file",
                          file=label, column=missing[0],
                          hint=f"columns are: {', '.join(leaves)}; name them in primary_key")
    return names


def _parent_keys(plan: _Plan, parent_key: list[str] | None, label: str
                 ) -> list[tuple[str, exp.Expression]]:
    if not plan.lists:
        return []
    if not parent_key:
        return [(RECORD_NO, column(RECORD))]
    leaves = dict(plan.leaves)
    keys = [snake_case(k) for k in parent_key]
    unknown = [k for k in keys if k not in leaves]
    if unknown:
        raise IngestError(f"parent key column(s) {', '.join(unknown)} not in the file",
                          file=label, column=unknown[0],
                          hint=f"columns are: {', '.join(leaves)}")
    return [(k, leaves[k]) for k in keys]


def _apply_declared(raw: Raw, parent: exp.Select, declared: dict[str, tuple[exp.DataType, str]],
                    keyed: list[str]) -> tuple[Any, list[Reject]]:
    """Good rows with declared columns cast; rows where a value does not fit, or the key
    `keyed` is NULL in, as rejects."""
    names = [e.alias_or_name for e in parent.expressions]
    present = {n: t for n, t in declared.items() if n in names}
    bad: dict[str, exp.Expression] = {
        n: exp.and_(column(n).is_(exp.null()).not_(), exp.not_(fits(column(n), t[0])))
        for n, t in present.items()}
    if keyed:
        bad[_NO_KEY] = exp.or_(*[column(k).is_(exp.null()) for k in keyed])
    inner = parent.subquery("_dn_parent")
    rejects = _rejects(raw, inner, bad, present, keyed) if bad else []
    casts = [exp.TryCast(this=column(n), to=present[n][0]).as_(ident(n)) if n in present
             else column(n) for n in names if n != RECORD]
    casts += [exp.cast(exp.null(), t[0]).as_(ident(n)) for n, t in declared.items()
              if n not in present]
    good = exp.select(*casts).from_(inner)
    if bad:
        good = good.where(exp.not_(exp.or_(*bad.values())))
    return of_query(raw.con, good), rejects


def _rejects(raw: Raw, inner: exp.Subquery, bad: dict[str, exp.Expression],
             present: dict[str, tuple[exp.DataType, str]], keyed: list[str]) -> list[Reject]:
    from datanet_sql.ingest.reading import Reject

    flags = [e.as_(ident(f"_dn_bad_{i}")) for i, e in enumerate(bad.values())]
    query = exp.select("*", *flags).from_(inner).where(exp.or_(*bad.values()))
    query = query.order_by(column(RECORD))
    cursor = raw.con.sql(query.sql("duckdb"))
    names, rows = cursor.columns, cursor.fetchall()
    found = []
    for row in rows:
        record = dict(zip(names, row))
        reasons = [_without_key(keyed) if n == _NO_KEY else misfit(n, record[n], present[n][1])
                   for i, n in enumerate(bad) if record[f"_dn_bad_{i}"]]
        data = {k: v for k, v in record.items() if not k.startswith("_dn_")}
        found.append(Reject(record.get(SOURCE_FILE) or raw.label, str(record[RECORD]),
                            "; ".join(reasons),
                            json.dumps(data, default=lambda v: str(shown(v)))))
    return found


def _without_key(keyed: list[str]) -> str:
    return f"{NO_KEY} ({', '.join(keyed)}): a merge places each row by its key"


def _child(con: duckdb.DuckDBPyConnection, source: exp.Table,
           keys: list[tuple[str, exp.Expression]], expr: exp.Expression, elem: Any,
           rejects: list[Reject]) -> Stream:
    """One child table's rows, without the children of rejected records."""
    bad = [exp.Literal.number(int(r.record_no)) for r in rejects if r.record_no.isdigit()]
    skip = exp.not_(column(RECORD).isin(*bad)) if bad else None
    return of_query(con, child_query(source, keys, expr, elem, skip))


def child_query(source: exp.Table, keys: list[tuple[str, exp.Expression]],
                expr: exp.Expression, elem: Any, where: exp.Expression | None = None
                ) -> exp.Select:
    """One row per array element with the parent key and the element's 1-based `_index`;
    an element that is an object is flattened like the parent (arrays inside it are kept
    as LIST columns: one level of child tables)."""
    inner = exp.select(*[e.as_(ident(n)) for n, e in keys],
                       exp.func("generate_subscripts", expr, exp.Literal.number(1))
                       .as_(ident("_index")),
                       exp.Unnest(expressions=[expr]).as_(ident("value"))).from_(source)
    if where is not None:
        inner = inner.where(where)
    plan = _Plan()
    _walk(plan, "value", column("value"), elem, False)
    leaves = [(n.removeprefix("value__"), e)
              for n, e in plan.leaves + [(n, e) for n, e, _ in plan.lists]]
    return exp.select(*[column(n) for n, _ in keys], column("_index"),
                      *[e.as_(ident(n)) for n, e in leaves]).from_(inner.subquery("_dn_child"))
