"""Per-operation decisions: heal (with what rewrite, evidence and confidence) or refuse (why).

Each function looks at one diff operation for one column the model reads, with the contract
and live fingerprints of that column, and returns a `Fix` (what the rewrite must do) or a
reason string for refusing. Nothing here touches SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass

from datanet_sql.heal import diff as d
from datanet_sql.heal.contract import ContractColumn
from datanet_sql.heal.dates import choose_format
from datanet_sql.heal.types import family, int_range

PARSE_KEY = {"integer": "BIGINT", "float": "DOUBLE", "decimal": "DOUBLE", "date": "DATE",
             "timestamp": "TIMESTAMP", "boolean": "BOOLEAN"}


@dataclass(frozen=True)
class Fix:
    """What the rewrite does to one read column: read `live_name`, then convert.

    action: rename | cast | try_cast | parse_date | to_text | json_path | qualify |
    expand_star | widen_cast (the model's own CAST of the column, to `to_type`).
    `decimal_comma`: read "2,5" as 2.5 before casting.
    """

    action: str
    confidence: float
    evidence: tuple[str, ...]
    live_name: str | None = None
    to_type: str | None = None
    date_format: str | None = None
    clean_tokens: bool = False
    rejects: float = 0.0
    path: str | None = None
    new_path: str | None = None
    decimal_comma: bool = False


def rename_fix(op: d.Renamed | d.Recased) -> Fix:
    if isinstance(op, d.Recased):
        return Fix("rename", 0.99, (f"only {op.new} matches {op.column} ignoring case",), op.new)
    return Fix("rename", op.confidence, op.evidence, op.new)


def _within(col: ContractColumn, sql_type: str) -> bool:
    bounds = int_range(sql_type)
    if bounds is None:
        return True
    try:
        return bounds[0] <= float(col.min) and float(col.max) <= bounds[1]
    except (TypeError, ValueError):
        return False


def _whole(value: object) -> bool:
    try:
        return float(value) == int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return False


def retype_fix(op: d.Retyped, old: ContractColumn, new: ContractColumn) -> Fix | str:
    """Cast back to the contract type where lossless; guarded parse where it may not be."""
    handler = {"widened": _widened, "narrowed": _narrowed, "to_text": _to_text,
               "text_to_typed": _text_to_typed}.get(op.kind)
    if handler is None:
        return f"type changed from {op.old} to {op.new}, which has no safe conversion back"
    return handler(op, old, new)


def _cast(op: d.Retyped, confidence: float, *evidence: str) -> Fix:
    return Fix("cast", confidence, (f"{op.new} -> {op.old} is lossless", *evidence),
               to_type=op.old)


def _widened(op: d.Retyped, old: ContractColumn, new: ContractColumn) -> Fix | str:
    old_f, new_f = family(op.old), family(op.new)
    if old_f == new_f == "text":
        return Fix("cast", 1.0, ("text widened: values unchanged",), to_type=op.old)
    if old_f == "integer" and new_f != "integer" and new.integral is not True:
        return f"{op.column} was {op.old} and now holds fractional {op.new} values"
    if old_f == "date" and new.integral is not True:
        return f"{op.column} was a DATE and now holds times of day ({op.new})"
    if not _within(new, op.old):
        return f"{op.column} now holds values outside the range of {op.old}"
    return _cast(op, 0.95, f"live values fit {op.old}")


def _narrowed(op: d.Retyped, old: ContractColumn, new: ContractColumn) -> Fix | str:
    old_f, new_f = family(op.old), family(op.new)
    if old_f == new_f == "integer":
        return _cast(op, 0.95, "a narrower integer holds the same values")
    exact = old.integral is True or (old_f == "timestamp" and old.integral is True)
    if not exact and old_f in ("float", "decimal") and _whole(old.min) and _whole(old.max) \
            and old.mean is not None and _whole(old.mean):
        exact = True
    if exact:
        return _cast(op, 0.85, "the contract values were whole, nothing was lost")
    return (f"{op.column} went from {op.old} to {op.new}: precision may have been lost "
            "upstream, casting back cannot restore it")


def _null_agreement(old: ContractColumn, new: ContractColumn, rejects: float) -> bool:
    """Whether nulls + null tokens + rejected values add up to the contract's null rate."""
    if old.null_rate is None or new.null_rate is None:
        return False
    tokens = new.token_rate or 0.0
    live_nulls = new.null_rate + tokens + rejects * (1 - new.null_rate - tokens)
    return abs(live_nulls - old.null_rate) <= 0.01


def _to_text(op: d.Retyped, old: ContractColumn, new: ContractColumn) -> Fix | str:
    fam = family(op.old)
    if fam not in PARSE_KEY:
        return f"{op.column} became text and {op.old} cannot be parsed back"
    missing = (new.null_rate or 0) + (new.token_rate or 0)
    if old.null_rate == 0 and missing > 0:
        return (f"{op.column} never had a missing value and became text with {missing:.1%} "
                "missing ('NA', '' or NULL): they may stand for values that were lost")
    rate = new.parse_rates.get(PARSE_KEY[fam])
    if fam in ("date", "timestamp") and (rate or 0) < 1.0:
        return _text_dates(op, old, new)
    if rate is None:
        return f"{op.column} became text and no parse probe was recorded for it"
    if rate < 1.0 and fam == "float" and new.parse_rates.get("DOUBLE_COMMA") == 1.0:
        if old.top_hash and new.parsed_hash == old.top_hash:
            return Fix("try_cast", 0.95, ("every value parses with a decimal comma",
                                          "parsed values hash like the contract"),
                       to_type=op.old, clean_tokens=bool(new.token_rate), decimal_comma=True)
        return (f"{op.column} became text with commas that may be decimal or thousands "
                "separators, and the parsed values do not match the contract")
    agree = _null_agreement(old, new, 1 - rate)
    confidence = rate if agree else rate * 0.9
    evidence = (f"{rate:.1%} of values parse as {op.old}",
                "null rate matches the contract" if agree else "null rate differs from the contract")
    return Fix("try_cast", round(confidence, 3), evidence, to_type=op.old,
               clean_tokens=bool(new.token_rate), rejects=round(1 - rate, 4))


def _text_dates(op: d.Retyped, old: ContractColumn, new: ContractColumn) -> Fix | str:
    fmt, why = choose_format(new.date_formats, want_time=family(op.old) == "timestamp")
    if fmt is None:
        return f"{op.column} became text: {why}"
    return Fix("parse_date", 0.95, (why,), to_type=op.old, date_format=fmt,
               clean_tokens=bool(new.token_rate))


def _text_to_typed(op: d.Retyped, old: ContractColumn, new: ContractColumn) -> Fix | str:
    if old.top_hash and new.top_hash and old.top_hash == new.top_hash:
        return Fix("to_text", 0.95, ("the values cast to text hash the same as the contract",),
                   to_type=op.old)
    if old.top_hash and new.top_hash:
        return (f"{op.column} became {op.new} and its values no longer read back as the same "
                "text (e.g. leading zeros or formatting lost)")
    if old.pattern and old.pattern == new.pattern and str(old.min) == str(new.min):
        return Fix("to_text", 0.85, ("same pattern and minimum as text",), to_type=op.old)
    return f"{op.column} became {op.new}; no evidence that its text form is unchanged"


def widen_cast_fix(cast_type: str, live: ContractColumn) -> Fix | str | None:
    """The model casts a source column to `cast_type`, an integer type: when the live values
    no longer fit it, the narrowest wider integer that holds them (None: they still fit)."""
    if int_range(cast_type) is None or _within(live, cast_type):
        return None
    if live.min is None or live.max is None:
        return None
    narrow = int_range(cast_type)
    for wider in ("BIGINT", "HUGEINT"):
        bounds = int_range(wider)
        if bounds and narrow and bounds[1] > narrow[1] and _within(live, wider):
            return Fix("widen_cast", 0.95, (f"live values {live.min}..{live.max} fit {wider}",
                                            f"the model's CAST to {cast_type} would overflow"),
                       to_type=wider)
    return f"values {live.min}..{live.max} fit no integer type the model could cast to"


def json_fix(op: d.JsonKeyMoved, read_path: str) -> Fix:
    new_path = op.new_path + read_path[len(op.path):]
    return Fix("json_path", op.confidence, op.evidence, path=read_path, new_path=new_path)
