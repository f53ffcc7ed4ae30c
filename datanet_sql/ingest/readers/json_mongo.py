"""MongoDB Extended JSON, as `mongoexport` writes it (NDJSON by default, an array with
`--jsonArray`; `--jsonFormat=relaxed` or `canonical`): values of BSON types JSON has not
are wrapped in an object of one `$` key, `{"_id": {"$oid": "5f..."}}`,
`{"$date": "2024-01-02T03:04:05Z"}`. Read as any JSON, they flatten to `_id__oid`,
`created__date` and numbers kept as text: a silently wrong table.

A value is unwrapped where DuckDB types it (in every row of the file) as such a wrapper,
at the top level, in nested objects and in lists, in DuckDB SQL over the staged table:

- `$oid` and `$uuid` as text; `$binary` as its base64 text, or as a UUID's text when every
  value is of subtype 04 (how mongoexport writes a UUID);
- `$date` (an ISO text, or milliseconds since 1970 as `{"$numberLong": ...}` or a number,
  the forms relaxed and canonical mode write) as a timestamp with time zone (UTC);
- `$numberInt` and `$numberLong` as bigint, `$numberDouble` as double (its NaN read as
  NULL, as JSON's NaN is, noted), `$numberDecimal` as decimal(38, s), s the most digits
  after the point any value has, so no digit is lost; text (noted) when a value does not
  fit. Relaxed mode writes numbers plain but a double's NaN or Infinity wrapped: a column
  of plain numbers and such wrappers is read as numbers as well.

Values of one column in several wrapped forms that do not combine so (a date here, an id
there), a wrapper some text of which does not read (a `$date` that is no date), or a
column mixing wrapped and plain values otherwise (some ids `$oid`, others plain text) are
kept as written, noted naming the column: guessing their one type could be wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column, ident, replace_table

_INTEGERS = ("$numberInt", "$numberLong")
NUMBERS = (*_INTEGERS, "$numberDouble", "$numberDecimal")
_TEXTS = ("$oid", "$uuid")
_DECIMAL = r"-?[0-9]+(\.[0-9]+)?"
_WIDEST = 38  # digits DECIMAL(38, s) holds
_UUID_BASE64 = r"[A-Za-z0-9+/]{22}=="  # 16 bytes
_UUID_SUBTYPE = "04"
_UUID_PARTS = (r"^(.{8})(.{4})(.{4})(.{4})(.{12})$", r"\1-\2-\3-\4-\5")

# a value's row-level test from one of its own (through the lists it is in), by aggregate
Wrap = Callable[[exp.Expression, str], exp.Expression]


def unwrapped(con: Any, table: str, name: str) -> list[str]:
    """`table` (a JSON file's staged rows) rewritten with its Extended JSON values
    unwrapped (see the module docstring), with the notes; nothing when it holds none."""
    relation = con.table(table)
    columns = [(c, t) for c, t in zip(relation.columns, relation.types) if c != RECORD]
    reading = _Reading()
    while True:  # walked again while the walk asks tests not yet answered
        reading.start()
        found = [(c, reading.value(column(c), dtype, c, _row)) for c, dtype in columns]
        if not reading.tests:
            break
        reading.decide(con, table)
    values = [column(c) if v is None else v.as_(ident(c)) for c, v in found]
    kept = [f"{name}: {n}" for n in reading.kept]
    if not reading.read:
        return kept
    record = [column(RECORD)] if RECORD in relation.columns else []
    replace_table(con, table, exp.select(*values, *record).from_(table))
    read = f"{name}: mongoexport Extended JSON, read unwrapped: " + ", ".join(reading.read)
    return [read] + [f"{name}: {n}" for n in reading.nans] + kept


def _row(test: exp.Expression, aggregate: str) -> exp.Expression:
    """A top-level value's test, aggregated over the rows by `_Reading.decide`."""
    return test


_UNASKED = object()  # the answer to a test not yet made


@dataclass
class _Reading:
    """The unwrapping, walked over the same types until every test it asks (each keyed by
    its value's path, `tests`) has its answer from `decide`; then the walk builds the
    values and the notes. A test that only matters when another holds is asked after it
    (a column of JSON values is looked into only once one is a wrapper), so a file with no
    wrappers costs at most one scan of cheap tests."""

    tests: dict[str, tuple[exp.Expression, str]] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)
    nans: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    _depth: int = 0

    def start(self) -> None:
        """A new walk: no tests asked, no notes."""
        self.tests, self.read, self.nans, self.kept = {}, [], [], []

    def decide(self, con: Any, table: str) -> None:
        """The answers to the tests asked, in one scan of `table`."""
        tests = [exp.func(aggregate, test) for test, aggregate in self.tests.values()]
        found = con.execute(exp.select(*tests).from_(table).sql("duckdb")).fetchall()[0]
        self.answers.update(zip(self.tests, found))

    def ask(self, key: str, test: exp.Expression, aggregate: str, wrap: Wrap) -> Any:
        """The answer to `test` aggregated over all values at `key` (`bool_and`, `bool_or`,
        `max`, `sum`); `_UNASKED` until `decide` answered it."""
        if key in self.answers:
            return self.answers[key]
        self.tests[key] = (wrap(test, aggregate), aggregate)
        return _UNASKED

    def value(
        self, expr: exp.Expression, dtype: Any, path: str, wrap: Wrap
    ) -> exp.Expression | None:
        """The unwrapped value of `expr` (of DuckDB type `dtype`, at `path`), None where
        nothing in it is unwrapped; `wrap` turns a test of it into one of its row."""
        if str(dtype) == "JSON":
            return self._plain_or_wrapped(expr, path, wrap)
        if dtype.id == "list":
            return self._each(expr, dtype.child, path, wrap)
        if dtype.id != "struct" or not dtype.children:
            return None
        kinds = dict(dtype.children)
        if set(kinds) <= set(NUMBERS):
            text = exp.func("coalesce", *[exp.cast(_field(expr, k), "VARCHAR") for k in kinds])
            return self._number(
                text, ", ".join(sorted(kinds, key=NUMBERS.index)), _number_kind(kinds), path, wrap
            )
        if len(kinds) == 1 and (key := next(iter(kinds))) in _TEXTS:
            return self._read(exp.cast(_field(expr, key), "VARCHAR"), path, key, "text")
        if set(kinds) == {"$date"}:
            return self._date(_field(expr, "$date"), kinds["$date"], path, wrap)
        if set(kinds) in ({"$binary"}, {"$binary", "$type"}):
            return self._binary(expr, kinds, path, wrap)
        fields = {k: self.value(_field(expr, k), t, f"{path}.{k}", wrap) for k, t in kinds.items()}
        if all(v is None for v in fields.values()):
            return None
        rebuilt = exp.Struct(
            expressions=[
                exp.PropertyEQ(this=ident(k), expression=_field(expr, k) if v is None else v)
                for k, v in fields.items()
            ]
        )
        return exp.Case(
            ifs=[exp.If(this=exp.Is(this=expr, expression=exp.null()), true=exp.null())],
            default=rebuilt,
        )

    def _read(self, value: exp.Expression, path: str, wrapper: str, kind: str) -> exp.Expression:
        self.read.append(f"{path} ({wrapper}) as {kind}")
        return value

    def _keep(self, path: str, why: str) -> None:
        self.kept.append(f"column {path}: {why}: kept as written")

    def _number(
        self, text: exp.Expression, shown: str, kind: str, path: str, wrap: Wrap
    ) -> exp.Expression | None:
        """A number (its value as `text`, wrapped as `shown` says) as `kind`: BIGINT,
        DOUBLE, or DECIMAL (its scale decided from the values)."""
        if kind == "DECIMAL":
            fits = self.ask(
                f"{path}:decimal",
                _or_null(text, exp.func("regexp_full_match", text, exp.Literal.string(_DECIMAL))),
                "bool_and",
                wrap,
            )
            scale = self.ask(
                f"{path}:scale",
                exp.func(
                    "length",
                    exp.func("split_part", text, exp.Literal.string("."), exp.Literal.number(2)),
                ),
                "max",
                wrap,
            )
            digits = self.ask(
                f"{path}:digits",
                exp.func(
                    "length",
                    exp.func(
                        "ltrim",
                        exp.func(
                            "split_part", text, exp.Literal.string("."), exp.Literal.number(1)
                        ),
                        exp.Literal.string("-"),
                    ),
                ),
                "max",
                wrap,
            )
            if _UNASKED in (fits, scale, digits):
                return None
            if fits is False or (digits or 0) + (scale or 0) > _WIDEST:
                return self._read(
                    text, path, shown, f"text (a value is no number of up to {_WIDEST} digits)"
                )
            decimal = f"DECIMAL({_WIDEST},{scale or 0})"
            return self._read(exp.cast(text, decimal), path, shown, decimal.lower())
        number: exp.Expression = exp.TryCast(this=text, to=exp.DataType.build(kind))
        fits = self.ask(
            f"{path}:{kind}",
            _or_null(text, exp.Not(this=exp.Is(this=number, expression=exp.null()))),
            "bool_and",
            wrap,
        )
        nans = (
            self.ask(f"{path}:nan", exp.cast(exp.func("isnan", number), "INTEGER"), "sum", wrap)
            if kind == "DOUBLE"
            else None
        )
        if _UNASKED in (fits, nans):
            return None
        if fits is False:
            self._keep(path, f"values in {shown} that are no {kind.lower()}")
            return None
        if nans:
            self.nans.append(
                f'column {path} holds {nans} NaN value(s) ({{"$numberDouble": '
                f'"NaN"}}): read as NULL, as JSON\'s NaN is'
            )
            number = exp.Case(
                ifs=[exp.If(this=exp.func("isnan", number), true=exp.null())], default=number
            )
        return self._read(number, path, shown, kind.lower())

    def _date(
        self, inner: exp.Expression, dtype: Any, path: str, wrap: Wrap
    ) -> exp.Expression | None:
        """A `$date`'s ISO text or milliseconds as a timestamp with time zone (UTC)."""
        millis: exp.Expression | None = None
        if dtype.id == "struct" and dict(dtype.children).keys() == {"$numberLong"}:
            millis = _field(inner, "$numberLong")
        elif dtype.id in ("bigint", "ubigint", "integer", "hugeint"):
            millis = inner
        if millis is not None:
            stamp: exp.Expression = exp.func(
                "timezone",
                exp.Literal.string("UTC"),
                exp.func("epoch_ms", exp.TryCast(this=millis, to=exp.DataType.build("BIGINT"))),
            )
        elif str(dtype) == "JSON":  # an ISO text in some rows, milliseconds in others
            long = exp.func("json_extract_string", inner, exp.Literal.string('$."$numberLong"'))
            stamp = exp.Case(
                ifs=[
                    exp.If(
                        this=exp.func("json_type", inner).eq(exp.Literal.string("VARCHAR")),
                        true=exp.TryCast(
                            this=exp.func("json_extract_string", inner, exp.Literal.string("$")),
                            to=exp.DataType.build("TIMESTAMPTZ"),
                        ),
                    )
                ],
                default=exp.func(
                    "timezone",
                    exp.Literal.string("UTC"),
                    exp.func(
                        "epoch_ms",
                        exp.TryCast(
                            this=exp.func("coalesce", long, exp.cast(inner, "VARCHAR")),
                            to=exp.DataType.build("BIGINT"),
                        ),
                    ),
                ),
            )
        elif dtype.id in ("varchar", "timestamp with time zone"):
            stamp = exp.TryCast(this=inner, to=exp.DataType.build("TIMESTAMPTZ"))
        elif dtype.id in ("timestamp", "date"):  # no zone written: mongoexport writes UTC
            stamp = exp.func("timezone", exp.Literal.string("UTC"), exp.cast(inner, "TIMESTAMP"))
        else:
            self._keep(path, f"$date values of type {dtype} that are no date")
            return None
        fits = self.ask(
            f"{path}:date",
            _or_null(inner, exp.Not(this=exp.Is(this=stamp, expression=exp.null()))),
            "bool_and",
            wrap,
        )
        if fits is _UNASKED:
            return None
        if fits is False:
            self._keep(path, "$date values that are no date")
            return None
        return self._read(stamp, path, "$date", "timestamp (UTC)")

    def _binary(
        self, expr: exp.Expression, kinds: dict[str, Any], path: str, wrap: Wrap
    ) -> exp.Expression | None:
        """A `$binary` (canonical `{"base64", "subType"}`, or the legacy base64 text beside
        `$type`) as its base64 text, or as a UUID's text when every value is subtype 04."""
        if kinds["$binary"].id == "struct" and dict(kinds["$binary"].children).keys() == {
            "base64",
            "subType",
        }:
            data, subtype = (_field(_field(expr, "$binary"), k) for k in ("base64", "subType"))
        elif kinds["$binary"].id == "varchar" and kinds.get("$type") is not None:
            data, subtype = _field(expr, "$binary"), _field(expr, "$type")
        else:
            self._keep(path, "$binary values of an unknown form")
            return None
        uuids = self.ask(
            f"{path}:uuid",
            _or_null(
                data,
                exp.and_(
                    exp.func("lower", exp.cast(subtype, "VARCHAR")).eq(
                        exp.Literal.string(_UUID_SUBTYPE)
                    ),
                    exp.func("regexp_full_match", data, exp.Literal.string(_UUID_BASE64)),
                ),
            ),
            "bool_and",
            wrap,
        )
        if uuids is _UNASKED:
            return None
        if not uuids:
            return self._read(exp.cast(data, "VARCHAR"), path, "$binary", "base64 text")
        text = exp.func(
            "regexp_replace",
            exp.func("lower", exp.func("hex", exp.func("from_base64", data))),
            *map(exp.Literal.string, _UUID_PARTS),
        )
        return self._read(text, path, "$binary subtype 04", "UUID text")

    def _plain_or_wrapped(
        self, expr: exp.Expression, path: str, wrap: Wrap
    ) -> exp.Expression | None:
        """A value DuckDB typed JSON (of several kinds): relaxed mode's plain numbers beside
        wrapped ones (a double's NaN) read as numbers; wrapped values beside other plain
        ones kept, noted."""
        kind = exp.func("json_type", expr)
        keys = exp.func("json_keys", expr)
        wrapper = exp.and_(
            kind.eq(exp.Literal.string("OBJECT")),
            exp.func("len", keys).eq(exp.Literal.number(1)),
            exp.func(
                "starts_with",
                exp.func("list_extract", keys, exp.Literal.number(1)),
                exp.Literal.string("$"),
            ),
        )
        numeric = exp.func(
            "list_contains",
            exp.Array(expressions=[exp.Literal.string(k) for k in ("BIGINT", "UBIGINT", "DOUBLE")]),
            kind,
        )
        number_wrappers = exp.Array(expressions=[exp.Literal.string(k) for k in NUMBERS])
        wrapped_number = exp.and_(wrapper, exp.func("list_has_all", number_wrappers, keys))
        any_wrapped = self.ask(
            f"{path}:wrapped", exp.func("coalesce", wrapper, exp.false()), "bool_or", wrap
        )
        if any_wrapped is _UNASKED or not any_wrapped:  # the rest asked only after this
            return None
        numbers = self.ask(
            f"{path}:numbers",
            _or_null(expr, exp.or_(numeric, wrapped_number, kind.eq(exp.Literal.string("NULL")))),
            "bool_and",
            wrap,
        )
        if numbers is _UNASKED:
            return None
        if not numbers:
            self._keep(path, "values wrapped as Extended JSON beside plain ones")
            return None
        found = {
            k: self.ask(
                f"{path}:{k}",
                exp.func(
                    "coalesce", exp.func("list_contains", keys, exp.Literal.string(k)), exp.false()
                ),
                "bool_or",
                wrap,
            )
            for k in NUMBERS
        }
        doubles = self.ask(f"{path}:double", kind.eq(exp.Literal.string("DOUBLE")), "bool_or", wrap)
        if _UNASKED in [*found.values(), doubles]:
            return None
        present = [k for k, there in found.items() if there]
        text = exp.Case(
            ifs=[
                exp.If(
                    this=kind.eq(exp.Literal.string("OBJECT")),
                    true=exp.func(
                        "coalesce",
                        *[
                            exp.func("json_extract_string", expr, exp.Literal.string(f'$."{k}"'))
                            for k in NUMBERS
                        ],
                    ),
                )
            ],
            default=exp.func("json_extract_string", expr, exp.Literal.string("$")),
        )
        shown = ", ".join(["plain numbers", *present])
        return self._number(
            text,
            shown,
            _number_kind([*present] + (["$numberDouble"] if doubles else [])),
            path,
            wrap,
        )

    def _each(
        self, items: exp.Expression, dtype: Any, path: str, wrap: Wrap
    ) -> exp.Expression | None:
        """The unwrapped value of each element of the list `items`; a test of an element
        is aggregated over its list, then over the rows."""
        self._depth += 1
        name = f"_dn_m{self._depth}"

        def lambda_(body: exp.Expression) -> exp.Expression:
            return exp.Lambda(this=body, expressions=[exp.to_identifier(name)])

        inner: Wrap = lambda test, aggregate: wrap(
            exp.func(
                "list_aggregate",
                exp.func("list_transform", items, lambda_(test)),
                exp.Literal.string(aggregate),
            ),
            aggregate,
        )
        element = self.value(exp.column(name), dtype, f"{path}[]", inner)
        self._depth -= 1
        return None if element is None else exp.func("list_transform", items, lambda_(element))


def _number_kind(wrappers: Any) -> str:
    """How numbers wrapped as `wrappers` are read: decimal when any is, else double when
    any is, else bigint."""
    return (
        "DECIMAL"
        if "$numberDecimal" in wrappers
        else "DOUBLE"
        if "$numberDouble" in wrappers
        else "BIGINT"
    )


def _field(expr: exp.Expression, key: str) -> exp.Expression:
    return exp.func("struct_extract", expr, exp.Literal.string(key))


def _or_null(value: exp.Expression, test: exp.Expression) -> exp.Expression:
    """`test` of a value, true where the value is NULL (a test of what is there)."""
    return exp.or_(exp.Is(this=value, expression=exp.null()), test)
