"""InfluxDB line protocol (Telegraf's `file` output, what `influx write` takes): one point
a line, `measurement,tag=value,... field=value,... timestamp`.

A point is its measurement and tags (commas between them), a space, its fields (`key=value`
joined by commas: `1.5` a float, `1i` an integer, `1u` an unsigned one, `"text"` a string,
`t`/`false`... a boolean), a space and, if given, its time in nanoseconds since 1970 (UTC).
A comma, space or `=` inside a name is escaped with a backslash; a `#` line is a comment.
Read as a CSV (a `.txt` is one), the lines are split at their commas into columns named
from the first point: silently wrong.

When the first point and most of the next (in the file's first 64 KB) parse so, the file is
read point by point: a column for the measurement, each tag (text) and each field (its
type, the `i` dropped), and `time` (timestamps in UTC, cut to the microsecond); noted. A
field that is an integer on one line and a float on another is read as double, noted;
another mix of types (which InfluxDB itself refuses to write) is refused, as is a tag and
a field of the same name. The timestamps are nanoseconds, the format's default; when every
one of them would then fall within 116 days of 1970 and they all read as times after 1971
(or before 1969) in seconds, milliseconds or microseconds (`influx write --precision s`),
they are read so, noted; none fitting, or a mix, is refused. A line that does not parse
is a reject. influx_inspect export's `CREATE DATABASE` lines are left out, noted; its
points of several databases or retention policies (`# CONTEXT-DATABASE: ...`) refused.
`options: {delimiter: ...}` (or `header`, `skip`...) read the file as a CSV.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.shape import Raw

_HEAD_BYTES = 1 << 16   # the points looked at to tell the format: this runs for every CSV
_HEAD_POINTS = 20
_NAME = r"(?:[^,= \\]|\\.)+"            # a tag or field key, a tag value
_STRING = r'"(?:[^"\\]|\\.)*"'
_FIELD = rf'({_NAME})=({_STRING}|[^,\s"][^,\s]*)'
_POINT = re.compile(rf"((?:[^, \\#=]|\\.)(?:[^, \\=]|\\.)*)((?:,{_NAME}={_NAME})*) "
                    rf"({_FIELD}(?:,{_FIELD})*)(?: (?P<time>-?\d+))?")
_PAIR = re.compile(rf"({_NAME})=({_NAME})")
_FIELDS = re.compile(_FIELD)
_FLOAT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_INTEGER = re.compile(r"([-+]?\d+)[iu]")
_BOOLEANS = {"t": True, "T": True, "true": True, "True": True, "TRUE": True,
             "f": False, "F": False, "false": False, "False": False, "FALSE": False}
_ESCAPED = re.compile(r"\\([,= \\\"])")
# nanoseconds in a unit, and the span of |seconds| a time read in it must fall in to be taken
# for it (a year from 1970 to 2200): the units' spans do not overlap
_UNITS = {"nanoseconds": 1, "microseconds": 1_000, "milliseconds": 1_000_000,
          "seconds": 1_000_000_000}
_SPAN = (31_536_000, 7_258_118_400)
_NEAR_1970 = 10 ** 16   # nanoseconds: 116 days
_DDL = "CREATE DATABASE "   # influx_inspect export's DDL lines above its points
_CONTEXTS = ("# CONTEXT-DATABASE", "# CONTEXT-RETENTION-POLICY")   # and what they are in
_KINDS = {int: "integer", float: "float", str: "string", bool: "boolean"}
MEASUREMENT, TIME = "measurement", "time"


def found(path: Path) -> bool:
    """Whether the file's first point and most of the next (of its first 64 KB: this runs
    for every CSV) parse as line protocol, comments and empty lines aside (a broken line
    among them is a reject, not a reason to split the points at their commas)."""
    with path.open("rb") as handle:
        start = handle.read(_HEAD_BYTES)
    lines = start.decode("utf-8", "replace").splitlines()
    if len(start) == _HEAD_BYTES:
        lines = lines[:-1]   # cut short
    points = [line for line in lines
              if line.strip() and not line.startswith(("#", _DDL))]
    parsed = [_parsed(p) is not None for p in points[:_HEAD_POINTS]]
    return bool(parsed) and parsed[0] and 2 * sum(parsed) > len(parsed)


def read(stack: ExitStack, con: Any, path: Path) -> Raw:
    """The file's points as a table (see the module)."""
    import pyarrow as pa

    from datanet_sql.ingest.reading import Reject

    label = str(path)
    points, rejects, ddl, contexts = [], [], 0, {}
    for number, text in _lines(path):
        if text.startswith(_DDL):
            ddl += 1
            continue
        if not text or text.startswith("#"):
            key, _, value = text.partition(":")
            if key in _CONTEXTS:
                contexts.setdefault(key, set()).add(value.strip())
            continue
        point = _parsed(text)
        if point is None:
            rejects.append(Reject(label, str(number), "not a point of InfluxDB line protocol "
                                  "(measurement,tag=value field=value timestamp)", text))
        else:
            points.append((number, *point))
    _refuse_contexts(label, contexts)
    tags = _keys(p[2] for p in points)
    fields = _keys(p[3] for p in points)
    _refuse_clashes(label, tags, fields)
    kinds, notes = _kinds(label, points, fields)
    unit, said = _unit(label, [p[4] for p in points if p[4] is not None])
    table = pa.table({
        MEASUREMENT: pa.array([p[1] for p in points], pa.string()),
        **{t: pa.array([p[2].get(t) for p in points], pa.string()) for t in tags},
        **{f: _column(label, f, kinds[f], [p[3].get(f) for p in points]) for f in fields},
        TIME: pa.array([None if p[4] is None else p[4] * _UNITS[unit] // 1000
                        for p in points], pa.timestamp("us"))})
    measurements = sorted({p[1] for p in points})
    notes.insert(0, f"{label}: InfluxDB line protocol (Telegraf, influx write): "
                    f"{len(points)} point(s) of measurement(s) {', '.join(measurements)}, "
                    f"as columns {MEASUREMENT}, the tags ({', '.join(tags) or 'none'}) as "
                    f"text, the fields ({', '.join(fields)}) typed as written, {TIME} the "
                    f"timestamps in {unit} since 1970 as timestamps in UTC{said}")
    if ddl:
        notes.append(f"{label}: {ddl} line(s) `CREATE DATABASE ...` of influx_inspect "
                     f"export not loaded")
    untimed = sum(p[4] is None for p in points)
    if untimed:
        notes.append(f"{label}: {untimed} point(s) without a timestamp (InfluxDB gives them "
                     f"the time they are written): {TIME} NULL there")
    con.register("_dn_points", table)
    stack.callback(con.unregister, "_dn_points")
    return Raw(con, con.table("_dn_points"), label, rejects, notes)


def _lines(path: Path) -> Any:
    """(number, text) of the file's lines, their ends and trailing spaces cut; a byte that
    is not UTF-8 (line protocol is UTF-8) refused, naming its line."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield number, line.decode("utf-8").rstrip()
            except UnicodeDecodeError:
                raise IngestError(f"line {number} of InfluxDB line protocol is not UTF-8 "
                                  f"(the format's encoding): {line[:120]!r}", file=path,
                                  hint="write the file as UTF-8 and load it again") from None


def _parsed(line: str) -> tuple[str, dict[str, str], dict[str, Any], int | None] | None:
    """A line's measurement, tags, fields and timestamp; None when it is no point."""
    match = _POINT.fullmatch(line.rstrip())
    if match is None:
        return None
    fields = {}
    for key, written in _FIELDS.findall(match.group(3)):
        value = _value(written)
        if value is None:
            return None
        fields[_unescaped(key)] = value
    tags = {_unescaped(k): _unescaped(v) for k, v in _PAIR.findall(match.group(2))}
    stamp = match.group("time")
    return _unescaped(match.group(1)), tags, fields, None if stamp is None else int(stamp)


def _value(written: str) -> Any:
    """A field's value as its spelling types it; None when it is no field value."""
    if written.startswith('"'):
        return _ESCAPED.sub(r"\1", written[1:-1])
    if (integer := _INTEGER.fullmatch(written)) is not None:
        return int(integer.group(1))
    if _FLOAT.fullmatch(written):
        return float(written)
    return _BOOLEANS.get(written)


def _unescaped(name: str) -> str:
    return _ESCAPED.sub(r"\1", name)


def _refuse_contexts(label: str, contexts: dict[str, set[str]]) -> None:
    """influx_inspect export's points of several databases (or retention policies, one
    the other's downsampling) would be one table's rows with nothing to tell them apart."""
    for key, names in contexts.items():
        if len(names) > 1:
            raise IngestError(
                f"influx_inspect export holding the points of {len(names)} "
                f"{key.removeprefix('# CONTEXT-').lower().replace('-', ' ')}s "
                f"({', '.join(sorted(names))}): one table cannot keep them apart",
                file=label, hint="export one at a time (influx_inspect export -database "
                                 "NAME -retention NAME) and load each as its own source")


def _keys(maps: Any) -> list[str]:
    """The keys of `maps` in the order first met."""
    return list(dict.fromkeys(k for m in maps for k in m))


def _refuse_clashes(label: str, tags: list[str], fields: list[str]) -> None:
    """A tag and a field (or either and a column this reader adds) of one name would be
    one column: which value is which could not be told."""
    clash = sorted((set(tags) & set(fields)) | ({MEASUREMENT, TIME} & {*tags, *fields}))
    if clash:
        raise IngestError(
            f"InfluxDB line protocol whose key(s) {', '.join(clash)} name both a tag and a "
            f"field, or the {MEASUREMENT} or {TIME} column this reader adds", file=label,
            hint="rename the key in the file (or in Telegraf's config: `rename` processor) "
                 "and load it again")


def _kinds(label: str, points: list[Any], fields: list[str]) -> tuple[dict[str, type], list[str]]:
    """Each field's Python type; an integer and float field read as float, noted; another
    mix refused."""
    kinds, notes = {}, []
    for name in fields:
        seen: dict[type, int] = {}
        for number, _, _, values, _ in points:
            if name in values:
                seen.setdefault(type(values[name]), number)
        if set(seen) == {int, float}:
            notes.append(f"{label}: field {name!r} is an integer on line {seen[int]} and a "
                         f"float on line {seen[float]}: read as double")
            kinds[name] = float
        elif len(seen) > 1:
            said = ", ".join(f"{_KINDS[k]} on line {n}" for k, n in seen.items())
            raise IngestError(f"field {name!r} of InfluxDB line protocol is {said}: one column "
                              f"cannot hold both (InfluxDB refuses such a write too)",
                              file=label, column=name,
                              hint="write the field with one type in every point, or split "
                                   "the file where its type changes")
        else:
            kinds[name] = next(iter(seen))
    return kinds, notes


def _column(label: str, name: str, kind: type, values: list[Any]) -> Any:
    """A field's values as an Arrow column of its type; an integer past bigint refused."""
    import pyarrow as pa

    arrow = {int: pa.int64(), float: pa.float64(), str: pa.string(), bool: pa.bool_()}[kind]
    try:
        return pa.array([None if v is None else kind(v) for v in values], arrow)
    except OverflowError:
        raise IngestError(f"field {name!r} of InfluxDB line protocol holds an integer past "
                          f"the range of bigint", file=label, column=name,
                          hint="write the field as a float (no `i` or `u` after it)") from None


def _unit(label: str, stamps: list[int]) -> tuple[str, str]:
    """The unit of the timestamps (see the module) and what to add to the note."""
    short = [s for s in stamps if abs(s) < _NEAR_1970]
    if not short or len(short) < len(stamps):
        if short:
            raise IngestError(
                f"InfluxDB line protocol whose timestamps mix nanoseconds (e.g. "
                f"{next(s for s in stamps if abs(s) >= _NEAR_1970)}) and shorter ones "
                f"(e.g. {short[0]}): what each counts cannot be told", file=label,
                hint="write every point's timestamp in nanoseconds (the format's default)")
        cut = any(s % 1000 for s in stamps)
        return "nanoseconds", ", cut to the microsecond" if cut else ""
    for unit, nanos in _UNITS.items():
        if all(_SPAN[0] <= abs(s) * nanos / 1e9 < _SPAN[1] for s in stamps):
            return unit, (" (InfluxDB's default is nanoseconds, but as such every one would "
                          "fall within 116 days of 1970)")
    raise IngestError(
        f"InfluxDB line protocol whose timestamps (e.g. {stamps[0]}) are no nanoseconds "
        f"(every one within 116 days of 1970) and fit no other unit: what they count cannot "
        f"be told", file=label,
        hint="write the points again with nanosecond timestamps (the format's default)")
