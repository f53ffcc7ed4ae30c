"""Names of a query's columns that have no alias, as the engine running the SQL gives them.

sqlglot's qualify names an expression without an alias `_col_N` (and a cast or a subscript
by the column inside it), where DuckDB names it by the expression as its own parser prints
it (`(1 - a)`, `CAST(a AS INTEGER)`) and Postgres by its rule (`?column?`, the function's
name, the cast's type). Left to qualify, such a column would be renamed silently in the
table built and in the catalog its readers are checked against. So right after parsing,
each such projection of a query whose columns are read (the query itself, its CTEs, its
derived tables) gets the engine's name as its alias: the catalog records it and the emitted
SQL keeps it, whatever the target.

Each projection's text is cut from the SQL by its tokens (select lists split at their own
commas); DuckDB's name is its parser's (`json_serialize_sql` and back), Postgres's follows
its FigureColname. A projection whose text cannot be found, or a dialect whose rule datanet
does not know, is refused naming the column: an alias is then the fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.tokens import Token, TokenType

from datanet_sql.errors import UnsupportedSqlError

# token types that end a select list at its own depth
_LIST_ENDS = frozenset({
    TokenType.FROM, TokenType.WHERE, TokenType.GROUP_BY, TokenType.HAVING, TokenType.QUALIFY,
    TokenType.WINDOW, TokenType.ORDER_BY, TokenType.LIMIT, TokenType.OFFSET, TokenType.UNION,
    TokenType.EXCEPT, TokenType.INTERSECT, TokenType.INTO, TokenType.FETCH,
    TokenType.SEMICOLON})
_OPENS = frozenset({TokenType.L_PAREN, TokenType.L_BRACKET, TokenType.L_BRACE})
_CLOSES = frozenset({TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.R_BRACE})

Span = tuple[int, int]


def name_outputs(tree: exp.Expression, sql: str, dialect: str, where: str,
                 file: str | None) -> None:
    """Alias, in place, each unnamed projection of `tree` (parsed from `sql`) whose name its
    readers see with the name `dialect`'s engine gives it. `where` (`model 'm'`) and `file`
    say whose column a refusal is about."""
    unnamed = [(select, i) for select in tree.find_all(exp.Select) if _read_by_name(select)
               for i, projection in enumerate(select.expressions) if _unnamed(projection)]
    if not unnamed:
        return
    texts = _projection_texts(sql, dialect, list(tree.find_all(exp.Select)))
    if dialect == "duckdb":
        names = _duckdb_names(unnamed, texts, dialect)
    elif dialect == "postgres":
        names = [_postgres_name(select.expressions[i], texts) for select, i in unnamed]
    else:
        names = [None] * len(unnamed)
    for (select, i), name in zip(unnamed, names, strict=True):
        projection = select.expressions[i]
        if name is None:
            raise _refusal(projection, texts, dialect, where, file)
        alias = exp.to_identifier(name, quoted=True)
        alias.meta["case_sensitive"] = True  # kept as the engine spells it (`count() OVER ()`)
        projection.replace(exp.alias_(projection, alias))


def _unnamed(projection: exp.Expression) -> bool:
    """A projection qualify would name itself wrongly: not aliased, and not a column, a star
    (DuckDB's `COLUMNS(...)` too) or a struct field read (named by the column or field, which
    qualify gets right)."""
    return not isinstance(projection, exp.Alias) and \
        not isinstance(projection.unnest(), exp.Column | exp.Star | exp.Columns | exp.Dot)


def _read_by_name(select: exp.Select) -> bool:
    """Whether the select's column names are seen: the query's own (its first branch for a
    UNION), a CTE's, a derived table's; not a scalar or IN/EXISTS subquery's."""
    node: exp.Expression = select
    while True:
        parent = node.parent
        if parent is None or isinstance(parent, exp.CTE | exp.From | exp.Join):
            return True
        if isinstance(parent, exp.SetOperation):
            if parent.this is not node:
                return False
        elif not isinstance(parent, exp.Subquery):
            return False
        node = parent


# -- where each projection is written -----------------------------------------------------
def _projection_texts(sql: str, dialect: str,
                      selects: list[exp.Select]) -> dict[int, str]:
    """id(projection) -> its text in `sql`, for each of `selects` whose select list is found:
    a list of as many projections, each holding the positioned tokens of its projection. The
    deepest selects choose first, the tightest list each, so that a subquery's list is not
    taken for the projection around it (and a list serves one select only)."""
    lists = list(_select_lists(Dialect.get_or_raise(dialect).tokenize(sql)))
    taken: set[int] = set()
    texts: dict[int, str] = {}
    for select in sorted(selects, key=_depth, reverse=True):
        projections = select.expressions
        found = [n for n, spans in enumerate(lists) if n not in taken
                 and len(spans) == len(projections)
                 and all(_inside(p, span) for p, span in zip(projections, spans, strict=True))]
        if not found:
            continue
        best = min(found, key=lambda n: lists[n][-1][1] - lists[n][0][0])
        taken.add(best)
        for projection, (start, end) in zip(projections, lists[best], strict=True):
            texts[id(projection)] = sql[start:end + 1]
    return texts


def _depth(select: exp.Select) -> int:
    depth, node = 0, select.parent
    while node is not None:
        depth += isinstance(node, exp.Select)
        node = node.parent
    return depth


def _inside(projection: exp.Expression, span: Span) -> bool:
    return all(span[0] <= node.meta["start"] <= span[1] for node in projection.walk()
               if "start" in node.meta)


@dataclass
class _OpenList:
    """A select list being read: its depth in brackets, its first token's index, the spans
    of its projections so far and the first and last character of the current one."""

    depth: int
    begins: int
    spans: list[Span] = field(default_factory=list)
    first: int | None = None
    last: int = 0

    def cut(self) -> None:
        if self.first is not None:
            self.spans.append((self.first, self.last))
        self.first = None


def _select_lists(tokens: list[Token]) -> Iterator[list[Span]]:
    """Each SELECT's list as the spans (first and last character) of its projections."""
    lists: list[_OpenList] = []  # the innermost last
    depth = 0
    for index, token in enumerate(tokens):
        kind = token.token_type
        if kind in _CLOSES:
            depth -= 1
            while lists and lists[-1].depth > depth:
                lists[-1].cut()
                yield lists.pop().spans
        plain = index == 0 or tokens[index - 1].token_type != TokenType.DOT
        top = lists[-1] if lists else None
        if top is not None and top.depth == depth and plain and index >= top.begins:
            if kind in _LIST_ENDS and not _distinct_from(tokens, index):
                top.cut()
                yield lists.pop().spans
            elif kind == TokenType.COMMA:
                top.cut()
                continue
        for open_list in lists:
            if index >= open_list.begins:
                open_list.first = token.start if open_list.first is None else open_list.first
                open_list.last = token.end
        if kind == TokenType.SELECT and plain:
            lists.append(_OpenList(depth, _past_distinct(tokens, index + 1)))
        if kind in _OPENS:
            depth += 1
    while lists:
        lists[-1].cut()
        yield lists.pop().spans


def _distinct_from(tokens: list[Token], index: int) -> bool:
    """`a IS [NOT] DISTINCT FROM b`: a FROM inside a projection."""
    return tokens[index].token_type == TokenType.FROM and index > 0 and \
        tokens[index - 1].token_type == TokenType.DISTINCT


def _past_distinct(tokens: list[Token], index: int) -> int:
    """The first token of a select list: past `DISTINCT [ON (...)]` or `ALL`."""
    if index < len(tokens) and tokens[index].token_type in (TokenType.DISTINCT, TokenType.ALL):
        index += 1
        if index < len(tokens) and tokens[index].token_type == TokenType.ON:
            depth = 0
            for index in range(index + 1, len(tokens)):  # noqa: B020 - the scan goes on
                depth += tokens[index].token_type in _OPENS
                depth -= tokens[index].token_type in _CLOSES
                if depth == 0:
                    return index + 1
    return index


# -- DuckDB: its parser prints the name ----------------------------------------------------
def _duckdb_names(unnamed: list[tuple[exp.Select, int]], texts: dict[int, str],
                  dialect: str) -> list[str | None]:
    """DuckDB names an unaliased expression by its parse tree printed back (ToString): each
    select's texts are parsed by DuckDB (with the select's WINDOW clause, which its parser
    inlines), and each expression printed alone."""
    from datanet_sql.compile.source_schemas import describer

    con = describer().connection
    names: dict[tuple[int, int], str | None] = {}
    for select in dict.fromkeys(select for select, _ in unnamed):
        indexes = [i for s, i in unnamed if s is select]
        found = [texts.get(id(select.expressions[i])) for i in indexes]
        if None in found:
            continue
        # `SELECT NULL WINDOW w AS (...)` as sqlglot prints it, the texts in place of NULL
        stub = exp.select(exp.null())
        stub.set("windows", [w.copy() for w in select.args.get("windows") or []])
        text = stub.sql(dialect).replace("SELECT NULL", f"SELECT {', '.join(found)}", 1)
        parsed = json.loads(con.execute("SELECT json_serialize_sql(?)", [text]).fetchone()[0])
        entries = [] if parsed.get("error") else parsed["statements"][0]["node"]["select_list"]
        if len(entries) != len(indexes):
            continue
        for i, entry in zip(indexes, entries, strict=True):
            names[(id(select), i)] = _printed_alone(con, parsed, entry)
    return [names.get((id(select), i)) for select, i in unnamed]


def _printed_alone(con: object, parsed: dict, entry: dict) -> str | None:
    statement = parsed["statements"][0]
    alone = {**parsed, "statements": [{**statement, "node": {
        **statement["node"], "select_list": [entry], "from_table": {"type": "EMPTY",
                                                                    "alias": "", "sample": None},
        "modifiers": []}}]}
    text = con.execute("SELECT json_deserialize_sql(?::JSON)",  # type: ignore[attr-defined]
                       [json.dumps(alone)]).fetchone()[0]
    return text[len("SELECT "):] if text.startswith("SELECT ") else None


# -- Postgres: FigureColname ----------------------------------------------------------------
# the names Postgres's parser gives the types a cast is written with (`1::int` is `int4`)
_PG_TYPES = {
    exp.DataType.Type.INT: "int4", exp.DataType.Type.BIGINT: "int8",
    exp.DataType.Type.SMALLINT: "int2", exp.DataType.Type.TEXT: "text",
    exp.DataType.Type.VARCHAR: "varchar", exp.DataType.Type.CHAR: "bpchar",
    exp.DataType.Type.DECIMAL: "numeric", exp.DataType.Type.DOUBLE: "float8",
    exp.DataType.Type.FLOAT: "float4", exp.DataType.Type.BOOLEAN: "bool",
    exp.DataType.Type.DATE: "date", exp.DataType.Type.TIMESTAMP: "timestamp",
    exp.DataType.Type.TIMESTAMPTZ: "timestamptz", exp.DataType.Type.INTERVAL: "interval",
    exp.DataType.Type.TIME: "time", exp.DataType.Type.JSON: "json",
    exp.DataType.Type.JSONB: "jsonb", exp.DataType.Type.UUID: "uuid"}
# constructs Postgres names by a word of their own
_PG_WORDS: dict[type[exp.Expression], str] = {
    exp.Tuple: "row", exp.Exists: "exists", exp.Array: "array", exp.AtTimeZone: "timezone"}
_UNKNOWN = object()
# a projection starting with one of these is not a function's call
_NOT_CALLS = frozenset({TokenType.STRING, TokenType.NUMBER, TokenType.NOT, TokenType.DASH,
                        TokenType.PLUS})


def _postgres_name(projection: exp.Expression, texts: dict[int, str]) -> str | None:
    """Postgres's name of an unaliased projection: its FigureColname, `?column?` when that
    finds none; None when datanet cannot tell."""
    name = _pg_figure(projection, texts.get(id(projection)), texts)
    if name is _UNKNOWN:
        return None
    return name[0] if name[0] else "?column?"  # type: ignore[index]


def _pg_figure(node: exp.Expression, text: str | None, texts: dict[int, str]) -> object:
    """(name or None, strength) as Postgres's FigureColnameInternal: 2 for a column's or a
    function's name, 1 for a type's or `case`, 0 for none; _UNKNOWN for what datanet cannot
    tell. `text` is the node's own text when known (a function's name is read from it: sqlglot
    reads `now()` as CURRENT_TIMESTAMP)."""
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Column | exp.Dot):
        return node.output_name, 2
    if isinstance(node, exp.Cast):
        written = text if text and not text.lstrip().upper().startswith("CAST") else None
        inner = _pg_figure(node.this, written, texts)
        if inner is _UNKNOWN or inner[1] == 2:  # type: ignore[index]
            return inner
        kind = _PG_TYPES.get(node.to.this)
        return (kind, 1) if kind else _UNKNOWN
    if isinstance(node, exp.Interval):
        return "interval", 1
    if isinstance(node, exp.Case):
        default = node.args.get("default")
        inner = _pg_figure(default, None, texts) if default is not None else (None, 0)
        return inner if inner is _UNKNOWN or inner[1] == 2 else ("case", 1)  # type: ignore[index]
    if isinstance(node, exp.Bracket | exp.Collate):
        return _pg_figure(node.this, text, texts)
    if isinstance(node, exp.Subquery) and isinstance(node.this, exp.Select):
        first = node.this.expressions[0]
        if isinstance(first, exp.Alias):
            return first.alias, 2
        inner = _pg_figure(first, texts.get(id(first)), texts)
        return inner if inner is _UNKNOWN else (inner[0] or "?column?", 2)  # type: ignore[index]
    for kind, word in _PG_WORDS.items():
        if isinstance(node, kind):
            return word, 2
    if isinstance(node, exp.Trim):
        position = str(node.args.get("position") or "").upper()
        return {"LEADING": "ltrim", "TRAILING": "rtrim"}.get(position, "btrim"), 2
    called = _called(text)
    if isinstance(node, exp.Binary | exp.Unary | exp.Predicate | exp.Literal | exp.Null |
                  exp.Boolean | exp.Paren):
        return (called, 2) if called and text and _one_call(text) else (None, 0)
    if isinstance(node, exp.Anonymous) and called is None:
        return node.name if node.this.quoted else node.name.lower(), 2
    if isinstance(node, exp.Func | exp.Window | exp.Filter | exp.WithinGroup):
        return (called, 2) if called else _UNKNOWN
    return _UNKNOWN


def _called(text: str | None) -> str | None:
    """The function a projection's text starts by calling (`pg_catalog.upper(x)` -> upper),
    or the keyword it is (`current_date`); folded to lower case unless quoted."""
    if not text:
        return None
    tokens = Dialect.get_or_raise("postgres").tokenize(text)
    index = 0
    while index + 2 < len(tokens) and tokens[index + 1].token_type == TokenType.DOT:
        index += 2
    word = tokens[index]
    if word.token_type in _NOT_CALLS or word.token_type in _OPENS:
        return None
    quoted = word.token_type == TokenType.IDENTIFIER
    if len(tokens) == index + 1 or tokens[index + 1].token_type == TokenType.L_PAREN:
        return word.text if quoted else word.text.lower()
    return None


def _one_call(text: str) -> bool:
    """Whether the text is one call `f(...)` (sqlglot reads `mod(a, b)` as an operator)."""
    depth = 0
    tokens = Dialect.get_or_raise("postgres").tokenize(text)
    for index, token in enumerate(tokens):
        depth += token.token_type in _OPENS
        depth -= token.token_type in _CLOSES
        if depth == 0 and token.token_type in _CLOSES:
            return index == len(tokens) - 1
    return False


def _refusal(projection: exp.Expression, texts: dict[int, str], dialect: str,
             where: str, file: str | None) -> UnsupportedSqlError:
    text = texts.get(id(projection)) or projection.sql(dialect)
    line = next((n.meta["line"] for n in projection.walk() if "line" in n.meta), None)
    return UnsupportedSqlError(
        f"{where}: the column `{text}` has no alias, and datanet cannot tell the name "
        f"{dialect} gives it (its table would otherwise get another name)",
        file=file, line=line, column=text, hint=f"give it a name: `{text} as <name>`")


