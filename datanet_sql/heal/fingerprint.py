"""The live side of a contract: one table's value fingerprint, computed with SQL in the warehouse.

Everything here is an aggregate query built as a sqlglot expression and run through the
adapter in its own dialect, so the same fingerprint comes out of DuckDB, Postgres or Spark and
no rows are pulled into Python (parse probes that would raise off DuckDB come from `probes`).
On DuckDB and Postgres one query asks everything of each column's groups (its distinct
values with their counts, `value_groups`: counts, distincts, min/max, the parse probes of text
columns, the top-values hash and frequencies, the dominant pattern, the MinHash), the means of
numbers from the rows; on Spark, where each subquery is a job, wide scans of the rows and one
grouped scan for the hashes (`grouped`). A query more only for what the first one shows:
date formats of date-like text, hashes of cleaned and parsed values. JSON and STRUCT columns
also get their leaf key paths, each with its own hash, so a moved key is recognised by its
values; JSON paths are found on DuckDB only (json_group_structure).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from sqlglot import exp, parse_one

from datanet_sql.adapters.base import Relation
from datanet_sql.errors import RelationNotFoundError
from datanet_sql.generate.sqlfn import SPARK_DIALECTS
from datanet_sql.heal.contract import Contract, ContractColumn, JsonPath
from datanet_sql.heal.probes import safe_cast, safe_strptime, text_order, token_null
from datanet_sql.heal.raw import is_csv, pinned_formats, raw_header, raw_text
from datanet_sql.heal.sketch import (TOP_HASH, minhash_cells, minhash_query, over_groups,
                                    signature, signatures)
from datanet_sql.heal.types import family
from datanet_sql.heal.value_groups import Over, group_value, grouped, regrouped

PARSE_TARGETS = ("BIGINT", "DOUBLE", "DATE", "TIMESTAMP", "BOOLEAN")
DATE_FORMATS = (
    "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y", "%m-%d-%Y",
    "%Y%m%d", "%d %b %Y", "%b %d, %Y", "%d/%m/%y", "%m/%d/%y",
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M",
)
TOP_N = 20

_TOP_FREQS = parse_one(
    "SELECT LIST(__n ORDER BY __n DESC) FROM (SELECT __n FROM __g ORDER BY __n DESC LIMIT 20) "
    "AS __freq", read="duckdb")
_SHAPE = ("REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(CAST(__v AS TEXT), '[A-Z]', 'A', 'g'), "
          "'[a-z]', 'a', 'g'), '[0-9]', '9', 'g')")
_PATTERN = parse_one(
    f"SELECT p FROM (SELECT {_SHAPE} AS p, SUM(__n) AS n FROM __g GROUP BY 1 ORDER BY n DESC, p "
    "LIMIT 1) AS __pat", read="duckdb")
# Postgres orders text by its collation: patterns tied on count are ordered byte by byte
_POSTGRES_PATTERN = parse_one(
    f"SELECT p FROM (SELECT {_SHAPE} AS p, SUM(__n) AS n FROM __g GROUP BY 1) AS __pat "
    "ORDER BY n DESC, p COLLATE \"C\" LIMIT 1", read="postgres")


def _as_table(relation: Relation | exp.Table | str) -> exp.Table:
    if isinstance(relation, Relation):
        return relation.table()
    if isinstance(relation, exp.Table):
        return relation
    return exp.to_table(relation)


def _plain(value: Any) -> Any:
    """A warehouse value as YAML-friendly data (numbers stay numbers, dates become ISO text)."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


def cleaned(col: exp.Expression, dialect: str,
            probe: Callable[[exp.Expression], exp.Expression]) -> exp.Expression:
    """`probe(token_null(col))`. Off DuckDB the probes are long guarded expressions that name
    their input many times, so the same value is written `CASE WHEN <token> THEN NULL ELSE
    probe(col) END` (every probe is NULL on NULL): a fraction of the SQL to build and send."""
    if dialect == "duckdb":
        return probe(token_null(col))
    test = token_null(col).args["ifs"][0].this
    return exp.Case(ifs=[exp.If(this=test, true=exp.null())], default=probe(col))


def _aggregates(over: Over, sql_type: str,
                dialect: str = "duckdb") -> list[tuple[str, exp.Expression]]:
    """(probe key, aggregate) pairs for one column, chosen by its type family: over its rows,
    or over its groups (`value_groups`: there the mean is taken over the rows, `_row_probes`,
    so its float sum is the one a scan of the rows gives)."""
    col = over.value
    fam = family(sql_type)
    aggs: list[tuple[str, exp.Expression]] = [("nonnull", over.count(col.copy()))]
    if fam in ("json", "struct", "other"):
        return aggs
    ordered = text_order(col.copy(), dialect) if fam == "text" else col
    distinct = exp.Count(this=exp.Distinct(expressions=[col.copy()])) if over.weight is None \
        else exp.func("count", exp.Star())
    aggs += [("distinct", distinct),
             ("min", exp.func("min", ordered.copy())), ("max", exp.func("max", ordered.copy()))]
    if fam in ("integer", "float", "decimal") and over.weight is None:
        aggs.append(("mean", _mean(col)))
    if fam in ("float", "decimal"):
        aggs.append(("integral", exp.func("bool_and", col.copy().eq(exp.func("floor", col.copy())))))
    if fam == "timestamp":
        aggs.append(("integral", exp.func("bool_and", col.copy().eq(
            exp.cast(exp.cast(col.copy(), "DATE"), "TIMESTAMP")))))
    if fam == "text":
        aggs += _text_probes(over, dialect)
        if dialect == "duckdb":   # JSON documents kept as text (key paths: DuckDB only)
            aggs.append(("json", over.count(exp.Case(ifs=[exp.If(
                this=exp.and_(exp.func("json_valid", col.copy()),
                              exp.func("starts_with", exp.func("trim", col.copy()),
                                       exp.Literal.string("{"))),
                true=exp.Literal.number(1))]))))
    return aggs


def _mean(col: exp.Expression) -> exp.Expression:
    return exp.func("avg", exp.cast(col.copy(), "DOUBLE"))


def _text_probes(over: Over, dialect: str = "duckdb") -> list[tuple[str, exp.Expression]]:
    """Average length, null tokens, parse counts per type and per date format of a text column."""
    col = over.value
    clean = token_null(col)
    probes: list[tuple[str, exp.Expression]] = [
        ("avg_length", over.average(exp.func("length", col.copy()))),
        ("tokens", over.count(col.copy()) - over.count(clean)),
    ]
    for target in PARSE_TARGETS:
        probes.append((f"parse:{target}", over.count(cleaned(
            col, dialect, lambda v, t=target: safe_cast(v, t, dialect, check_only=True)))))
    ordered = text_order(clean.copy(), dialect)
    probes += [("parse:DOUBLE_COMMA", over.count(cleaned(
                   col, dialect, lambda v: decimal_comma(v, dialect)))),
               ("cmin", exp.func("min", ordered.copy())), ("cmax", exp.func("max", ordered.copy()))]
    return probes


def decimal_comma(value: exp.Expression, dialect: str = "duckdb") -> exp.Expression:
    """`TRY_CAST(REPLACE(value, ',', '.') AS DOUBLE)`: numbers written with a decimal comma."""
    swapped = exp.func("replace", value.copy(), exp.Literal.string(","), exp.Literal.string("."))
    return safe_cast(swapped, "DOUBLE", dialect)


def _format_probes(over: Over, dialect: str = "duckdb", formats: Sequence[str] = DATE_FORMATS
                   ) -> list[tuple[str, exp.Expression]]:
    """How many values each candidate date format parses (only for date-ish text)."""
    return [(f"format:{fmt}", over.count(cleaned(
        over.value, dialect, lambda v, f=fmt: safe_strptime(v, f, dialect, check_only=True))))
        for fmt in formats]


def _date_like(got: dict[str, Any]) -> bool:
    """Text whose values might be dates in a non-ISO format: worth probing formats for."""
    bounds = [str(got.get(k) or "") for k in ("cmin", "cmax")]
    return all(any(ch.isdigit() for ch in b) and len(b) <= 32 for b in bounds) and (
        got.get("parse:DATE") != got.get("nonnull"))


def _column_from_probes(name: str, sql_type: str, got: dict[str, Any], rows: int) -> ContractColumn:
    nonnull = int(got.get("nonnull") or 0)
    usable = nonnull - int(got.get("tokens") or 0)
    parse_rates = {k.split(":", 1)[1]: round(int(v or 0) / usable, 4)
                   for k, v in got.items() if k.startswith("parse:") and usable > 0}
    formats = tuple(k.split(":", 1)[1] for k, v in got.items()
                    if k.startswith("format:") and usable > 0 and int(v or 0) == usable)
    distinct = got.get("distinct")
    return ContractColumn(
        name=name, type=sql_type,
        null_rate=round(1 - nonnull / rows, 4) if rows else None,
        distinct_count=int(distinct) if distinct is not None else None,
        unique=(distinct == nonnull == rows) if distinct is not None and rows else None,
        min=_plain(got.get("min")), max=_plain(got.get("max")),
        mean=float(got["mean"]) if got.get("mean") is not None else None,
        avg_length=round(float(got["avg_length"]), 3) if got.get("avg_length") is not None else None,
        integral=got.get("integral"),
        token_rate=round(int(got["tokens"]) / rows, 4) if "tokens" in got and rows else None,
        parse_rates=parse_rates, date_formats=formats,
    )


def _scan(adapter: Any, rel: exp.Expression, probes: list[tuple[str, str, exp.Expression]],
          stats: dict[str, dict[str, Any]]) -> int:
    """One aggregate scan of (column, key, aggregate) probes into `stats`; returns the rows."""
    select: list[exp.Expression] = [exp.alias_(exp.func("count", exp.Star()), "__rows")]
    select += [exp.alias_(agg, f"__p{i}") for i, (_, _, agg) in enumerate(probes)]
    _, rows = _fetch(adapter, exp.select(*select).from_(rel.copy(), copy=False))
    for (name, key, _), value in zip(probes, rows[0][1:]):
        stats.setdefault(name, {})[key] = value
    return int(rows[0][0])


def _group_scan(adapter: Any, rel: exp.Table,
                per_column: dict[str, Callable[[exp.Table], list[tuple[str, exp.Expression]]]],
                stats: dict[str, dict[str, Any]],
                row_probes: Sequence[tuple[str, str, exp.Expression]] = ()) -> int:
    """One query: each named column grouped once (a materialized CTE `__g<i>`) and its
    aggregates over those groups (`per_column[name](table of its groups)`), beside the row
    count and `row_probes` over the rows, into `stats`; returns the rows. A file scan is read
    once (the columns asked about) into a CTE of its own first, not once per column."""
    source: exp.Expression = rel
    ctes: list[exp.CTE] = []
    if not isinstance(rel.this, exp.Identifier):   # read_csv('...') and the like
        needed = dict.fromkeys([*per_column, *(name for name, _, _ in row_probes)])
        ctes.append(_cte("__rows", exp.select(*[exp.column(n, quoted=True) for n in needed]
                                              or [exp.Literal.number(1)]).from_(rel.copy())))
        source = exp.to_table("__rows")
    row_part = exp.select(exp.alias_(exp.func("count", exp.Star()), "__rows"), *[
        exp.alias_(agg, f"__r{i}") for i, (_, _, agg) in enumerate(row_probes)]).from_(
        source.copy(), copy=False)
    query = exp.select("*").from_(row_part.subquery("__r", copy=False), copy=False)
    keys: list[tuple[str, str]] = []
    for i, (name, probes) in enumerate(per_column.items()):   # built in place: the tree is large
        groups = exp.to_table(f"__g{i}")
        ctes.append(_cte(groups.name, grouped(exp.column(name, quoted=True), source)))
        aggs = probes(groups)
        part = exp.select(*[exp.alias_(agg, f"__p{len(keys) + j}", copy=False)
                            for j, (_, agg) in enumerate(aggs)], copy=False).from_(groups, copy=False)
        query = query.join(part.subquery(f"__a{i}", copy=False), join_type="cross", copy=False)
        keys += [(name, key) for key, _ in aggs]
    query.set("with_", exp.With(expressions=ctes) if ctes else None)
    _, rows = _fetch(adapter, query)
    row = rows[0]
    for (name, key, _), value in zip(row_probes, row[1:]):
        stats.setdefault(name, {})[key] = value
    for (name, key), value in zip(keys, row[1 + len(row_probes):]):
        stats.setdefault(name, {})[key] = value
    return int(row[0])


def _fetch(adapter: Any, query: exp.Expression) -> tuple[list[str], list[tuple]]:
    """Run a query built for this one call, printed without sqlglot's defensive copy of the
    whole tree (the printer may change the tree, which is not used again): copying a
    fingerprint's query took longer than printing it."""
    return adapter.fetch(query.sql(dialect=adapter.dialect, copy=False))


def _cte(name: str, query: exp.Expression) -> exp.CTE:
    return exp.CTE(this=query, alias=exp.TableAlias(this=exp.to_identifier(name)),
                   materialized=True)


def _wide_stats(adapter: Any, rel: exp.Table, columns: Sequence[tuple[str, str]]
                ) -> tuple[int, dict[str, dict[str, Any]]]:
    """Row count plus every column's aggregates (and off Spark its top values and MinHash,
    `_tops`); date formats only where values look dated."""
    stats: dict[str, dict[str, Any]] = {name: {} for name, _ in columns}
    if adapter.dialect in SPARK_DIALECTS:
        rows = _row_stats(adapter, rel, columns, stats)
    else:
        rows = _group_scan(adapter, rel, {
            name: lambda g, t=sql_type: _aggregates(Over.groups(), t, adapter.dialect)
            + _tops(g, t, adapter.dialect)
            for name, sql_type in columns if family(sql_type) not in _UNGROUPED}, stats,
            _row_probes(columns))
    dated = [name for name, sql_type in columns
             if family(sql_type) == "text" and rows and _date_like(stats[name])]
    fitting = _fitting_formats(adapter, dated, stats) if dated else {}
    if fitting and adapter.dialect in SPARK_DIALECTS:
        _scan(adapter, rel, [(n, key, agg) for n, formats in fitting.items() for key, agg in
                             _format_probes(Over(exp.column(n, quoted=True)), adapter.dialect,
                                            formats)], stats)
    elif fitting:
        _group_scan(adapter, rel, {n: lambda _, f=formats: _format_probes(
            Over.groups(), adapter.dialect, f) for n, formats in fitting.items()}, stats)
    return rows, stats


# a column of these is not grouped: its values may not compare (Postgres' json) or are
# fingerprinted by their key paths (`_extra_tops`)
_UNGROUPED = ("json", "struct", "other")


def _row_probes(columns: Sequence[tuple[str, str]]) -> list[tuple[str, str, exp.Expression]]:
    """What grouped columns take from the rows: the mean of a number (a float sum over the
    rows, not a sum of products), and the values of columns that are not grouped."""
    probes = []
    for name, sql_type in columns:
        col = exp.column(name, quoted=True)
        if family(sql_type) in _UNGROUPED:
            probes.append((name, "nonnull", exp.func("count", col)))
        elif family(sql_type) in ("integer", "float", "decimal"):
            probes.append((name, "mean", _mean(col)))
    return probes


def _row_stats(adapter: Any, rel: exp.Table, columns: Sequence[tuple[str, str]],
               stats: dict[str, dict[str, Any]]) -> int:
    """Spark's way (a subquery there is a job of its own): aggregates over the rows, the
    COUNT(DISTINCT)s in a scan apart (beside them Spark copies every row once per count)."""
    probes = [(name, key, agg) for name, sql_type in columns
              for key, agg in _aggregates(Over(exp.column(name, quoted=True)), sql_type,
                                          adapter.dialect)]
    distinct = [p for p in probes if p[1] == "distinct"]
    if distinct:
        _scan(adapter, rel, distinct, stats)
    return _scan(adapter, rel, [p for p in probes if p[1] != "distinct"], stats)


def _tops(groups: exp.Table, sql_type: str, dialect: str) -> list[tuple[str, exp.Expression]]:
    """A grouped column's top-values hash, top frequencies, dominant shape (text) and MinHash."""
    pattern = _POSTGRES_PATTERN if dialect == "postgres" else _PATTERN
    wanted = [("hash", TOP_HASH), ("freqs", _TOP_FREQS)] + \
        ([("pattern", pattern)] if family(sql_type) == "text" else [])
    return [(what, exp.Subquery(this=over_groups(template, groups))) for what, template in wanted
            ] + [("minhash", exp.Subquery(this=minhash_cells(groups, sql_type)))]


def _fitting_formats(adapter: Any, names: list[str], stats: dict[str, dict[str, Any]]
                     ) -> dict[str, list[str]]:
    """The date formats of `names` worth a scan of the table. A format counts only when it
    parses every usable value (`_column_from_probes`, `_parsed_dates`), so one that fails on a
    column's least or greatest value (`cmin`, `cmax`) cannot, and is left out after a scan of
    those two values: the flights' `tailnum` (`N14228`) was probed with every format over 1M
    rows (0.4 s) to find none."""
    bounds = exp.Values(
        expressions=[exp.Tuple(expressions=[exp.Literal.string(str(stats[n][key])) for n in names])
                     for key in ("cmin", "cmax")],
        alias=exp.TableAlias(this=exp.to_identifier("_dn_bounds"),
                             columns=[exp.to_identifier(n, quoted=True) for n in names]))
    probes = [(n, key, agg) for n in names
              for key, agg in _format_probes(Over(exp.column(n, quoted=True)), adapter.dialect)]
    fits: dict[str, dict[str, Any]] = {}
    pairs = _scan(adapter, bounds, probes, fits)
    found: dict[str, list[str]] = {}
    for n, key, _ in probes:
        if int(fits[n][key] or 0) == pairs:
            found.setdefault(n, []).append(key.split(":", 1)[1])
    return found


def _hashes(adapter: Any, rel: exp.Table, values: Sequence[tuple[str, exp.Expression, bool]]
            ) -> dict[str, Any]:
    """Spark: top-values hash (and pattern when asked) per value expression over the rows, in
    one grouped scan (`heal.grouped`)."""
    if not values:
        return {}
    from datanet_sql.heal.grouped import grouped_tops
    return grouped_tops(adapter, rel, values)


def _extra_tops(adapter: Any, rel: exp.Table,
                extras: Sequence[tuple[str, str, Callable[[exp.Expression], exp.Expression]]],
                families: dict[str, str]) -> dict[str, Any]:
    """Off Spark: `hash:`/`freqs:` of each (key, column, derived value) in one query, the
    derived value (a cleaned text, parsed dates, a JSON key) grouped from its column's groups
    (computed once per distinct value), or from the rows for a column that is not grouped."""
    if not extras:
        return {}
    ctes: list[exp.CTE] = []
    select: list[exp.Expression] = []
    keys: list[str] = []
    for i, (key, name, derive) in enumerate(extras):
        col = exp.column(name, quoted=True)
        groups = grouped(derive(col), rel) if families[name] in _UNGROUPED \
            else regrouped(derive(group_value()), grouped(col, rel))
        table = exp.to_table(f"__x{i}")
        ctes.append(_cte(table.name, groups))
        for what, template in (("hash", TOP_HASH), ("freqs", _TOP_FREQS)):
            select.append(exp.alias_(exp.Subquery(this=over_groups(template, table)),
                                     f"__h{len(keys)}"))
            keys.append(f"{what}:{key}")
    query = exp.select(*select)
    query.set("with_", exp.With(expressions=ctes))
    _, rows = _fetch(adapter, query)
    return dict(zip(keys, rows[0]))


def _walk_structure(node: Any, prefix: str = "") -> Iterable[tuple[str, str]]:
    """Leaf (path, type) pairs of DuckDB's json_group_structure output; arrays are leaves."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _walk_structure(child, f"{prefix}.{key}" if prefix else str(key))
    elif prefix:
        yield prefix, "ARRAY" if isinstance(node, list) else str(node)


def _struct_paths(dtype: exp.DataType, prefix: str = "") -> Iterable[tuple[str, str]]:
    for field_def in dtype.expressions:
        key = field_def.name
        kind = field_def.args.get("kind")
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(kind, exp.DataType) and kind.this == exp.DataType.Type.STRUCT:
            yield from _struct_paths(kind, path)
        else:
            yield path, kind.sql("duckdb") if kind is not None else "UNKNOWN"


def json_value(col: exp.Expression, path: str, sql_type: str) -> exp.Expression:
    """The expression reading `path` from a JSON (as text) or STRUCT column."""
    parts = path.split(".")
    if family(sql_type) == "struct":
        node: exp.Expression = col.copy()
        for part in parts:
            node = exp.Dot(this=node, expression=exp.to_identifier(part, quoted=True))
        return node
    json_path = exp.JSONPath(expressions=[exp.JSONPathRoot()] + [exp.JSONPathKey(this=p) for p in parts])
    return exp.JSONExtractScalar(this=col.copy(), expression=json_path)


def _json_text(got: dict[str, Any]) -> bool:
    """A text column every value of which is a JSON object: its keys are fingerprinted."""
    return bool(got.get("nonnull")) and got.get("json") == got.get("nonnull")


def key_paths(adapter: Any, rel: exp.Table, name: str, sql_type: str) -> list[tuple[str, str]]:
    """Leaf (dotted path, type) pairs of a STRUCT or JSON column: from its type, or for JSON
    from the values (DuckDB only); healing fingerprints them, semantics infers each one."""
    if family(sql_type) == "struct":
        from datanet_sql.heal.types import parse_type
        return list(_struct_paths(parse_type(sql_type)))
    if adapter.dialect != "duckdb":
        return []  # key paths of JSON values are discovered by DuckDB's json_group_structure
    document = exp.cast(exp.column(name, quoted=True), "JSON")
    # objects only: a string or number among them would make the whole structure just `JSON`
    query = exp.select(exp.func("json_group_structure", document)).from_(rel.copy()).where(
        exp.func("json_type", document.copy()).eq(exp.Literal.string("OBJECT")))
    _, rows = adapter.fetch(query)
    raw = rows[0][0] if rows else None
    return list(_walk_structure(json.loads(raw))) if raw else []


def live_contract(adapter: Any, relation: Relation | exp.Table | str,
                  columns: Sequence[tuple[str, str]] | None = None, *,
                  source: str = "", table: str = "") -> Contract | None:
    """Fingerprint a live table the way its contract was fingerprinted; None when it is missing.

    `columns` is [(name, type), ...] as the warehouse reports them; when omitted they are
    listed through the adapter (which needs a Relation).
    """
    rel = _as_table(relation)
    if columns is None and not isinstance(rel.this, exp.Identifier):
        try:   # a file scan such as read_csv('...'): ask the engine what it would return
            columns = [(c.name, c.type) for c in adapter.describe_query(
                exp.select("*").from_(rel.copy()).sql(dialect=adapter.dialect))]
        except RelationNotFoundError:
            return None
    if columns is None:
        listed = adapter.list_columns(relation if isinstance(relation, Relation)
                                      else Relation(rel.name, rel.db or None))
        if listed is None:
            return None
        columns = [(c.name, c.type) for c in listed]
    try:
        rows, stats = _wide_stats(adapter, rel, columns)
    except RelationNotFoundError:
        return None
    table = table or rel.name
    if rows == 0:
        cols = tuple(ContractColumn(name=n, type=t) for n, t in columns)
        return Contract(source=source, table=table, columns=cols, row_count=0)
    found = Contract(source=source, table=table, row_count=rows,
                     columns=tuple(_finish(adapter, rel, columns, stats, rows)))
    return _with_raw_text(adapter, rel, found) if is_csv(rel) else found


def _with_raw_text(adapter: Any, rel: exp.Table, found: Contract) -> Contract:
    """A CSV source's raw header, and the date formats the raw text of each date column fits
    (the reader parsed it with one of them; a batch that fits two orders is ambiguous)."""
    pinned = pinned_formats(rel)   # a format the project pinned is not the reader's guess
    dated = [c for c in found.columns if family(c.type) in ("date", "timestamp")
             and family(c.type) not in pinned]
    formats: dict[str, tuple[str, ...]] = {}
    if dated:
        stats: dict[str, dict[str, Any]] = {}
        _group_scan(adapter, raw_text(rel), {col.name: lambda _: _raw_probes(adapter.dialect)
                                             for col in dated}, stats)
        for col in dated:
            got = stats[col.name]
            usable = int(got.get("nonnull") or 0) - int(got.get("tokens") or 0)
            formats[col.name] = tuple(k.split(":", 1)[1] for k, v in got.items()
                                      if k.startswith("format:") and usable
                                      and int(v or 0) == usable)
    columns = tuple(replace(c, date_formats=formats[c.name]) if c.name in formats else c
                    for c in found.columns)
    return replace(found, columns=columns, raw_header=raw_header(adapter, rel))


def _raw_probes(dialect: str) -> list[tuple[str, exp.Expression]]:
    """Values, null tokens and the rows each date format parses, of a column's raw text."""
    over = Over.groups()
    return [("nonnull", over.count(over.value.copy())),
            ("tokens", over.count(over.value.copy()) - over.count(token_null(over.value))),
            *_format_probes(over, dialect)]


def _parsed_dates(got: dict[str, Any], dialect: str = "duckdb"
                  ) -> Callable[[exp.Expression], exp.Expression] | None:
    """Text dates parsed with the one format that fits them (as a function of the column),
    so a renamed date column that also became text still hashes like its contract."""
    from datanet_sql.heal.dates import choose_format

    usable = int(got.get("nonnull") or 0) - int(got.get("tokens") or 0)
    if usable <= 0:
        return None
    short = float(got.get("avg_length") or 0) <= 10
    for target in ("DATE",) if short else ("TIMESTAMP",):
        if int(got.get(f"parse:{target}") or 0) == usable:
            return lambda col, t=target: cleaned(col, dialect, lambda v: safe_cast(v, t, dialect))
    formats = tuple(k.split(":", 1)[1] for k, v in got.items()
                    if k.startswith("format:") and v and int(v) == usable)
    for want_time in (False, True):
        fmt, _ = choose_format(formats, want_time=want_time)
        if fmt is not None and (("%H" in fmt) == want_time):
            return lambda col, f=fmt, d=not want_time: cleaned(
                col, dialect, lambda v: safe_strptime(v, f, dialect, date=d))
    if int(got.get("parse:DOUBLE_COMMA") or 0) == usable > int(got.get("parse:DOUBLE") or 0):
        return lambda col: cleaned(col, dialect, lambda v: decimal_comma(v, dialect))
    return None


def _finish(adapter: Any, rel: exp.Table, columns: Sequence[tuple[str, str]],
            stats: dict[str, dict[str, Any]], rows: int) -> list[ContractColumn]:
    """Add hashes, patterns and JSON key paths to the aggregated columns."""
    on_spark = adapter.dialect in SPARK_DIALECTS
    plain: list[tuple[str, exp.Expression, bool]] = []
    extras: list[tuple[str, str, Callable[[exp.Expression], exp.Expression]]] = []
    paths: dict[str, list[tuple[str, str]]] = {}
    for name, sql_type in columns:
        got = stats[name]
        if family(sql_type) in ("json", "struct") or _json_text(got):
            paths[name] = key_paths(adapter, rel, name, sql_type)
            extras += [(f"{name}\x00{p}", name, lambda c, p=p, t=sql_type: json_value(c, p, t))
                       for p, t in paths[name] if t != "ARRAY"]
        elif family(sql_type) != "other":
            plain.append((name, exp.column(name, quoted=True), family(sql_type) == "text"))
            if got.get("tokens"):
                extras.append((f"{name}\x00clean", name, token_null))
            parse = _parsed_dates(got, adapter.dialect)
            if parse is not None:
                extras.append((f"{name}\x00parsed", name, parse))
    if on_spark:
        found = _hashes(adapter, rel, plain + [(key, derive(exp.column(name, quoted=True)), False)
                                               for key, name, derive in extras])
        sketches = _minhashes(adapter, rel, columns)
    else:
        found = _extra_tops(adapter, rel, extras, {n: family(t) for n, t in columns})
        found |= {f"{what}:{name}": stats[name].get(what) for name, *_ in plain
                  for what in ("hash", "freqs", "pattern")}
        sketches = {name: signature(stats[name].get("minhash")) for name, _ in columns}
    out = []
    for name, sql_type in columns:
        column = _column_from_probes(name, sql_type, stats[name], rows)
        json_paths = tuple(JsonPath(p, t, found.get(f"hash:{name}\x00{p}"))
                           for p, t in paths.get(name, []))
        out.append(ContractColumn(**{**vars(column), "top_hash": found.get(f"hash:{name}"),
                                     "pattern": found.get(f"pattern:{name}"),
                                     "clean_hash": found.get(f"hash:{name}\x00clean"),
                                     "parsed_hash": found.get(f"hash:{name}\x00parsed"),
                                     "top_freqs": tuple(round(n / rows, 6) for n in
                                                        found.get(f"freqs:{name}") or ()),
                                     "minhash": sketches.get(name),
                                     "json_paths": json_paths}))
    return out


def _minhashes(adapter: Any, rel: exp.Table, columns: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Spark: each plain column's MinHash signature of its distinct values (`heal.sketch`)."""
    wanted = [(name, exp.column(name, quoted=True), sql_type) for name, sql_type in columns
              if family(sql_type) not in _UNGROUPED]
    query = minhash_query(rel, wanted)
    return signatures(adapter.fetch(query)[1]) if query is not None else {}
