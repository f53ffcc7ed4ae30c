"""Tables of a SQLite file (standard library) or a Postgres database (psycopg), in batches.

Rows come in cursor order from a server-side cursor (Postgres) or sqlite3's own cursor, at
most `batch_rows` at a time, so a large table never sits in memory whole. SQLite checks no
types, so its declared column types count as declared types (text in an INTEGER column is a
reject), unless most of a column's values are of another storage class (text in every row
of an INTEGER column): then it is read as stored, noted (`sqlite_stored`); the user's
`columns:` override them. A reject's record number is the row's primary
key (its rowid when SQLite has none), so it can be found in the source. SQLite lets a key
other than an INTEGER PRIMARY KEY hold NULL (Postgres makes every key column NOT NULL):
such a row's record number is its rowid, said as such (`rowid 7`), and its reason says
the key is missing. A SQLite TEXT value that is not UTF-8 (an old app's Latin-1) is read in
the encoding its column's values are in, noted (`sqlite_text`). SQLite's integers are
64-bit: a column of them is `bigint` where a value does not fit 32 bits
(`sqlite_integers`), and timestamps where its values are .NET ticks (`dotnet_ticks`). The
empty string an app stores in a numeric column for an empty field is NULL, noted
(`sqlite_blanks`). Postgres' `character(n)` values come without the blanks Postgres pads
them with, as Postgres compares them (`pg_char`); its `money` is numeric, and its dates,
intervals and doubles are read whatever the server's locale and styles (`pg_locale`); an
interval keeps its months and days apart from its time (`pg_interval`). A
SQLite file an app left with a hot journal is read as last committed, from a copy
(`sqlite_journal`). A column declared
DECIMAL or NUMERIC holding numbers is read as its declared type, not as the INTEGER its
whole values are stored as (`sqlite_decimals`). A GeoPackage's (or SpatiaLite's) geometry
column, declared `POINT` (which holds `INT`), is its BLOBs as hex, noted (`sqlite_geometry`).
A BLOB holding UTF-8 text is that text; other bytes in a number column are a reject, never
the number their hex spells (`sqlite_blobs`); a BLOB column of a double's eight bytes each
(an app's packed number) is those doubles where every one is plausible, noted, a refusal
where unsure (`sqlite_packed`). The first batch passes the generic doubt
checks that apply to a table (`doubts.check_table`): its values, and names that are values.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest import doubts
from datanet_sql.ingest.readers import (
    dotnet_ticks,
    pg_char,
    pg_interval,
    pg_locale,
    pg_real,
    pg_values,
    shape,
    sqlite_blanks,
    sqlite_blobs,
    sqlite_decimals,
    sqlite_geometry,
    sqlite_integers,
    sqlite_journal,
    sqlite_packed,
    sqlite_stored,
    sqlite_text,
)
from datanet_sql.ingest.readers.declared import declared_types
from datanet_sql.ingest.readers.shape import NO_KEY, RECORD, Raw
from datanet_sql.ingest.readers.sql import column, connect, ident

if TYPE_CHECKING:
    from datanet_sql.ingest.reading import ReadResult, Reject

_INTEGER = re.compile(r"-?(0|[1-9]\d*)")         # no leading zeros: `0123` is an id, text
_DECIMAL = re.compile(r"-?(0|[1-9]\d*)\.\d+")
_SQLITE_TYPES = (("INT", "integer"), ("REAL", "double"), ("FLOA", "double"), ("DOUB", "double"))
_ROWID = "rowid "  # how a record number that is a SQLite rowid begins


class _Opened(NamedTuple):
    """A source table opened: its database, key, the types its columns are read as (a
    SQLite file's as declared, an integer's width and .NET ticks told by the values), the
    columns declared text, the columns read as ticks and the notes on them, and the
    numeric columns whose `''` is missing (`sqlite_blanks`), with their declared types, and
    the geometry columns with theirs (`sqlite_geometry`); the columns to select where not
    every one as it is (a Postgres `money` cast, `pg_locale`); the columns of packed
    doubles with their byte orders (`sqlite_packed`)."""

    db: Any
    key: list[str]
    declared: dict[str, str]
    texts: set[str]
    ticks: set[str]
    notes: list[str]
    blanks: dict[str, str]
    geometry: dict[str, str]
    selected: list[exp.Expression] | None = None
    packed: dict[str, str] | None = None


def read_batches(fmt: str, location: str, table: str, columns: dict[str, str],
                 cursor: str | None, after: Any, batch_rows: int,
                 required: list[str] | None = None, encoding: str | None = None
                 ) -> Iterator[ReadResult]:
    """The table's rows in batches (see the module docstring); `encoding`: the one a SQLite
    file's TEXT values that are not UTF-8 are in (the source's `options: {encoding: ...}`),
    else told column by column (`sqlite_text`)."""
    open_db = _sqlite if fmt == "sqlite" else _postgres
    label = f"{fmt}:{location}#{table}" if fmt == "sqlite" else f"postgres:{table}"
    decoder = sqlite_text.Decoder(label, encoding)
    with ExitStack() as stack:
        opened = open_db(stack, location, table, declared_types(columns, label))
        db, key, declared_by_db, texts, ticks, notes, blanks, geometry, selected, packed = opened
        rows = db.cursor("datanet_read") if fmt == "postgres" else db.cursor()
        sqlite = fmt == "sqlite"
        rows.execute(_query(fmt, _relation(fmt, db, table), key, cursor, after, sqlite,
                            sqlite and not cursor and _has_rowid(db, table), selected))
        names = [d[0] for d in rows.description]
        types = _postgres_types(rows.description) if fmt == "postgres" else [None] * len(names)
        if fmt == "postgres":
            notes = notes + pg_char.notes(rows.description[1:]) \
                + pg_values.notes(rows.description[1:]) \
                + pg_interval.notes(rows.description[1:]) \
                + pg_real.notes(rows.description[1:])   # the record column is text
        declared = {**declared_by_db, **(columns or {})}
        numbers = sqlite_blobs.numbers(blanks, declared_by_db)
        con = connect()
        stack.callback(con.close)
        first = True
        while (batch := rows.fetchmany(batch_rows)) or first:
            table, said, rejected = _arrow(names, types, batch, texts, decoder, ticks, blanks,
                                           numbers, geometry, packed or {}, location)
            relation = con.from_arrow(_without(table, rejected))
            read_ = shape.finish(Raw(con, relation, label, _rejects(label, names, batch, rejected),
                                     notes + said), declared, None,
                                 required=required).in_memory()
            _say_keyless(read_.rejects, key)
            if first:   # its first rows are the doubts' sample
                doubts.check_table(read_, label, fmt)
            yield read_
            first, notes = False, []   # said once, on the first batch
            con.execute("DROP TABLE IF EXISTS _dn_source")


def _without(table: Any, rejected: dict[int, list[str]]) -> Any:
    """The Arrow table without the rows that are rejects."""
    if not rejected:
        return table
    import pyarrow as pa

    return table.filter(pa.array([i not in rejected for i in range(table.num_rows)]))


def _rejects(label: str, names: list[str], rows: list[tuple[Any, ...]],
             rejected: dict[int, list[str]]) -> list[Reject]:
    """The rejects of the rows `rejected` names (their index in `rows`, with reasons), each
    numbered by its record column and showing its values as stored, BLOBs as hex."""
    from datanet_sql.ingest.reading import Reject

    def raw(row: tuple[Any, ...]) -> str:
        return json.dumps({name: sqlite_blobs.shown(v) if isinstance(v, bytes) else v
                           for name, v in zip(names[1:], row[1:])}, default=str)

    return [Reject(label, str(rows[i][0]), "; ".join(reasons), raw(rows[i]))
            for i, reasons in sorted(rejected.items())]


def _relation(fmt: str, db: Any, table: str) -> exp.Table:
    """The source table as its database spells it, quoted where it must be: a SQLite name
    whole (SQLite folds case either way; `order` unquoted was a syntax error, crashing the
    read), a Postgres name as its catalog writes it (`public."order"`), the case it was
    resolved in kept."""
    if fmt == "sqlite":
        return exp.Table(this=exp.to_identifier(table, quoted=True))
    spelled = db.execute("SELECT to_regclass(%s)::text", (table,)).fetchone()[0]
    return exp.to_table(spelled, dialect="postgres")


def _query(fmt: str, table: exp.Table, key: list[str], cursor: str | None, after: Any,
           rowid: bool, inserted: bool = False,
           selected: list[exp.Expression] | None = None) -> str:
    """SELECT <key> AS _dn_record, * FROM table [WHERE cursor >= ?] ORDER BY cursor|key;
    `selected`: the columns in place of `*` (see `_Opened`).
    the record is `rowid <n>` where a key column is NULL (`rowid`: a SQLite table, whose
    rows all have one). `inserted`: ORDER BY rowid instead of the key, the order the rows
    were inserted in, as `SELECT *` in SQLite shows them (a key of UUID bytes or names
    would shuffle the loaded table)."""
    parts = [_sqlite_text(column(k)) if rowid else exp.cast(column(k), "TEXT") for k in key]
    record: exp.Expression = parts[0]
    for part in parts[1:]:  # NULL when any key column is (concat_ws would skip it)
        record = exp.DPipe(this=exp.DPipe(this=record, expression=exp.Literal.string(",")),
                           expression=part)
    if rowid and key != ["rowid"]:
        record = exp.func("coalesce", record, exp.DPipe(
            this=exp.Literal.string(_ROWID), expression=exp.cast(column("rowid"), "TEXT")))
    select = exp.select(record.as_(ident(RECORD)), *(selected or [exp.Star()])) \
        .from_(table)
    if cursor:    # compared as read: a money cursor as its numeric, as `after` was read
        read_as = next((e.this for e in selected or [] if e.alias_or_name == cursor and
                        isinstance(e, exp.Alias)), column(cursor))
        if after is not None:
            select = select.where(read_as >= exp.convert(after))
        select = select.order_by(read_as)
    order = [column("rowid")] if inserted else [column(k) for k in key]
    select = select.order_by(*order, append=bool(cursor))
    return select.sql(fmt)


def _has_rowid(db: Any, table: str) -> bool:
    """Whether a SQLite table has rowids (every table but one made `WITHOUT ROWID`)."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                     (table,)).fetchone()
    return not (row and re.search(r"WITHOUT\s+ROWID", row[0] or "", re.IGNORECASE))


def _sqlite_text(value: exp.Expression) -> exp.Expression:
    """A SQLite key value as text; a BLOB (which CAST would turn into bytes that are not
    UTF-8, crashing the read) as `uuid_text` spells it, so rejects name the key as its
    readers know it."""
    hexed = exp.func("lower", exp.func("hex", value))
    pieces = [exp.func("substr", hexed, exp.convert(start), exp.convert(size))
              for start, size in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
    spelled: exp.Expression = pieces[0]
    for piece in pieces[1:]:
        spelled = exp.DPipe(this=exp.DPipe(this=spelled, expression=exp.Literal.string("-")),
                            expression=piece)
    blob = exp.EQ(this=exp.func("typeof", value), expression=exp.Literal.string("blob"))
    return exp.Case(ifs=[
        exp.If(this=exp.and_(blob, exp.EQ(this=exp.func("length", value),
                                          expression=exp.convert(16))), true=spelled),
        exp.If(this=blob, true=hexed)], default=exp.cast(value, "TEXT"))


def uuid_text(value: bytes) -> str:
    """Bytes as text: 16 bytes (a UUID stored as a BLOB) in the UUID's canonical spelling,
    any other length as lower-case hex."""
    return str(uuid.UUID(bytes=value)) if len(value) == 16 else value.hex()


def _say_keyless(rejects: list[Any], key: list[str]) -> None:
    """The reasons of rejects numbered by their rowid (their key is NULL) say so, and that
    the key is missing unless the reason already does (a merge's on the same key)."""
    if key == ["rowid"]:  # a table without a declared key: every record is its rowid
        return
    missing = f"{NO_KEY} ({', '.join(key)})"
    for reject in rejects:
        if reject.record_no.startswith(_ROWID):
            reject.reason += " (record_no is the row's SQLite rowid)" \
                if missing in reject.reason else \
                f"; {missing}: record_no is the row's SQLite rowid"


def _sqlite(stack: ExitStack, location: str, table: str,
            user: dict[str, tuple[exp.DataType, str]]) -> _Opened:
    """The database, its key, its declared types (an integer column's width told by its
    values, `sqlite_integers`; one mostly of another storage class read as stored,
    `sqlite_stored`), its columns declared text (whose BLOBs may be text an app
    passed as bytes, see `sqlite_blobs`) and those read as .NET ticks (`dotnet_ticks`;
    `user`: the source's `columns:`, parsed)."""
    if not Path(location).is_file():
        raise IngestError("no such SQLite file", file=location)
    db, journal = sqlite_journal.connect(stack, location)
    db.text_factory = sqlite_text.text_factory  # text that is not UTF-8 comes as its bytes
    info = db.execute(exp.select("name", "type", "pk").from_(exp.func(
        "pragma_table_info", exp.Literal.string(table))).sql("sqlite")).fetchall()
    if not info:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        raise IngestError(f"no table '{table}' in the database", file=location,
                          hint=f"tables are: {', '.join(tables) or '(none)'}")
    key = [name for name, _, pk in sorted(info, key=lambda r: r[2]) if pk] or ["rowid"]
    geometry = sqlite_geometry.columns({name: kind for name, kind, _ in info})
    kinds = {name: kind for name, kind, _ in info if name not in geometry}
    texts = {name for name, kind in kinds.items() if sqlite_blanks.affinity(kind) == "TEXT"}
    declared = {name: next((t for prefix, t in _SQLITE_TYPES if prefix in kind.upper()), None)
                for name, kind in kinds.items()}
    relation = _relation("sqlite", db, table)
    integers = sqlite_integers.read_as(db, relation, kinds, user)
    declared |= integers.types | sqlite_decimals.read_as(db, relation, kinds)
    stored = sqlite_stored.read_as(db, relation, kinds, declared, integers.others, user)
    declared |= stored.types
    packed = sqlite_packed.read_as(db, relation, kinds, user, location)
    declared |= dict.fromkeys(packed.orders, "double")
    return _Opened(db, key, {k: v for k, v in declared.items() if v}, texts, integers.ticks,
                   journal + integers.notes + stored.notes + packed.notes,
                   sqlite_blanks.numeric(kinds, user), geometry, packed=packed.orders)


def _postgres(stack: ExitStack, location: str, table: str,
              user: dict[str, tuple[exp.DataType, str]]) -> _Opened:
    """The database and the table's primary key; Postgres types the columns itself (see
    `_postgres_types`), so `user`, the source's `columns:`, is applied later alone."""
    try:
        import psycopg
    except ImportError:
        raise IngestError("reading Postgres needs psycopg",
                          hint="pip install 'psycopg[binary]'") from None
    try:
        db = psycopg.connect(location)
    except psycopg.Error as error:
        raise IngestError(f"cannot connect to Postgres: {str(error).splitlines()[0]}") from None
    stack.callback(db.close)
    pg_locale.register(db)
    pg_values.register(db)
    pg_char.register(db)
    pg_interval.register(db)
    found = db.execute("SELECT to_regclass(%s)::oid", (table,)).fetchone()[0]
    if found is None:
        raise IngestError(f"no table '{table}' in the Postgres database",
                          hint="name it as schema.table")
    key = [r[0] for r in db.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
        " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s AND i.indisprimary"
        " ORDER BY array_position(i.indkey, a.attnum)", (found,))]
    if not key:
        raise IngestError(f"table '{table}' has no primary key",
                          hint="rejects are named by primary key; add one to the table")
    selected, notes = pg_locale.selected(db, found)
    return _Opened(db, key, {}, set(), set(), notes, {}, {}, selected)


def _postgres_types(description: Any) -> list[Any]:
    """Arrow types from the result's column types, so every batch has the same schema (a
    numeric(8,2) stays decimal(8,2) whatever values a batch holds, a time is a time64
    that holds 24:00:00, a time with time zone text, see `pg_values`; an interval its
    months, days and time, see `pg_interval`; a real a double of its value as Postgres
    writes it, see `pg_real`); None: inferred."""
    import pyarrow as pa

    by_oid = {16: pa.bool_(), 21: pa.int16(), 23: pa.int32(), 20: pa.int64(),
              pg_real.REAL: pa.float64(), 701: pa.float64(), 25: pa.string(), 1043: pa.string(),
              1042: pa.string(), 1082: pa.date32(), 1083: pa.time64("us"),
              pg_values.TIMETZ: pa.string(), 1114: pa.timestamp("us"),
              1184: pa.timestamp("us", tz="UTC"), pg_interval.INTERVAL: pg_interval.arrow_type()}
    types = []
    for column_ in description:
        if column_.type_code == 1700 and column_.precision:
            types.append(pa.decimal128(column_.precision, column_.scale or 0))
        else:
            types.append(by_oid.get(column_.type_code))
    return types


def _arrow(
    names: list[str], types: list[Any], rows: list[tuple[Any, ...]], texts: set[str],
    decoder: sqlite_text.Decoder, ticks: set[str], blanks: dict[str, str],
    numbers: dict[str, str], geometry: dict[str, str], packed: dict[str, str], location: str
) -> tuple[Any, list[str], dict[int, list[str]]]:
    """Columns as Arrow arrays, notes on the columns whose values mix types (SQLite
    keeps each value's own storage class, see `_mixed`), that Python cannot hold (Postgres
    infinities, see `pg_values`), whose text is not UTF-8 (SQLite, see `sqlite_text`) or
    that are bytes (text an app passed as bytes, see `sqlite_blobs`; else as text, see
    `uuid_text`, spelled as the record numbers of a BLOB key are), and {row index: the
    reasons it is a reject} for the rows holding bytes in a number column (`sqlite_blobs`).
    `texts`: the columns declared text; `ticks`: those read as .NET ticks (`dotnet_ticks`);
    `blanks`: the numeric ones whose `''` is missing, with their declared types
    (`sqlite_blanks`); `numbers`: those of them read as numbers, whose BLOBs are no number
    (`sqlite_blobs`); `geometry`: those holding shapes, with theirs (`sqlite_geometry`);
    `packed`: those holding doubles' bytes, with their byte orders (`sqlite_packed`, which
    names `location` where it refuses)."""
    import pyarrow as pa

    arrays, notes, rejected = [], [], {}
    for index, arrow_type in enumerate(types):
        values, held = pg_values.held(names[index], [row[index] for row in rows], arrow_type)
        if names[index] in blanks:
            values, blanked = sqlite_blanks.blanked(names[index], blanks[names[index]], values)
            notes += blanked
        if names[index] in numbers:
            values, reasons, said = sqlite_blobs.in_number(names[index], numbers[names[index]],
                                                           values)
            notes += said
            for row, reason in reasons.items():
                rejected.setdefault(row, []).append(reason)
        if names[index] in geometry:
            values, shapes = sqlite_geometry.as_hex(names[index], geometry[names[index]], values)
            notes += shapes
        if names[index] in ticks:
            values = dotnet_ticks.moments(values)
        if names[index] in packed:
            values = sqlite_packed.unpack(names[index], packed[names[index]], values,
                                          [row[0] for row in rows], location)
        values, decoded = decoder.decode(names[index], values, noted=names[index] != RECORD)
        notes += held + decoded
        if names[index] in texts or any(isinstance(v, str) for v in values):
            values, decoded = sqlite_blobs.as_text(values)
            notes += sqlite_blobs.texts_note(names[index], decoded)
        if any(isinstance(v, bytes) for v in values):
            values = [uuid_text(v) if isinstance(v, bytes) else v for v in values]
            notes.append(f"column {names[index]}: binary values (BLOB) read as text: 16 bytes"
                         " as a UUID (8-4-4-4-12), other lengths as hex")
        try:
            arrays.append(pa.array(values, type=arrow_type))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            array, note = _mixed(names[index], values)
            arrays.append(array)
            notes.append(note)
    return pa.table(arrays, names=names), notes, rejected


def _mixed(name: str, values: list[Any]) -> tuple[Any, str]:
    """A column of integers, reals and text (an untyped SQLite column): numbers when every
    value is a number or text plainly spelling one (`136882`, `12.50`; not `0123`, an id
    whose zeros a number would lose), integers when every number is whole; else text."""
    import pyarrow as pa

    stored = f"column {name}: values stored as " \
        f"{', '.join(sorted({type(v).__name__ for v in values if v is not None}))}: read as"
    numbers = [_number(v) for v in values]
    if all(n is not None or v is None for n, v in zip(numbers, values)):
        whole = all(n is None or float(n).is_integer() for n in numbers)
        typed = [None if n is None else int(n) if whole else float(n) for n in numbers]
        return pa.array(typed), f"{stored} {'integer' if whole else 'double'}"
    return pa.array([None if v is None else str(v) for v in values]), f"{stored} text"


def _number(value: Any) -> int | float | None:
    """`value` as a number when it is one or text that plainly spells one; None otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return float(value)
    return None
