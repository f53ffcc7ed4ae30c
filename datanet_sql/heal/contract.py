"""Contracts: what a source looked like when it was last trusted, read from its profile file.

A contract is the slice of `profiles/<source>.<table>.yml` that healing needs: names, types,
semantic types and a compact value fingerprint per column. Profiles are read as plain dicts and
unknown keys are ignored, so the profile, semantics and mock layers can each add their own
without breaking this reader. The same dataclasses describe the *live* table (see
`fingerprint.live_contract`), so a diff compares like with like.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

# engines whose tables can be fingerprinted (here, not in `fingerprint`: the runner asks it of
# every source after a run, and `fingerprint` parses its query templates when imported)
DIALECTS = ("duckdb", "postgres", "spark")


@dataclass(frozen=True)
class JsonPath:
    """One leaf key path inside a JSON or STRUCT column (`customer.id`), with its fingerprint."""

    path: str
    type: str | None = None
    top_hash: str | None = None
    distinct_count: int | None = None

    @property
    def leaf(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def parent(self) -> str:
        return self.path.rsplit(".", 1)[0] if "." in self.path else ""


@dataclass(frozen=True)
class ContractColumn:
    """One column: its name and type, and the value fingerprint that recognises it renamed.

    `parse_rates`, `date_formats`, `token_rate` (share of rows holding 'NA', '' ...),
    `clean_hash` (top_hash with those tokens read as NULL), `parsed_hash` (top_hash of text
    dates parsed with the one format that fits, or of decimal-comma numbers parsed), `top_freqs` (shares of all rows of
    the 20 most frequent values, largest first: no values, so PII-safe), `integral` and `mean` are live-only probes
    (computed by SQL when the live side is fingerprinted): they say whether a text column parses
    back to a type, which date formats fit every value, and whether numbers are whole.
    """

    name: str
    type: str
    semantic: str | None = None
    pii: bool = False
    null_rate: float | None = None
    distinct_count: int | None = None
    unique: bool | None = None
    min: Any = None
    max: Any = None
    mean: float | None = None
    top_hash: str | None = None
    avg_length: float | None = None
    pattern: str | None = None
    integral: bool | None = None
    token_rate: float | None = None
    clean_hash: str | None = None
    parsed_hash: str | None = None
    top_freqs: tuple[float, ...] = ()
    minhash: str | None = None
    parse_rates: dict[str, float] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ()
    json_paths: tuple[JsonPath, ...] = ()

    @property
    def has_values(self) -> bool:
        """Whether a value fingerprint exists (renames are never matched without one)."""
        return any(v is not None for v in (self.top_hash, self.distinct_count, self.min))


@dataclass(frozen=True)
class Contract:
    """A source table: its columns in live order and its row count (None when unknown)."""

    source: str
    table: str
    columns: tuple[ContractColumn, ...]
    row_count: int | None = None
    raw_header: tuple[str, ...] = ()     # a file source's header cells as written
    load_notes: tuple[str, ...] = ()     # what `ingest`'s reader decided (title rows, renames)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.table)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str, *, case_sensitive: bool = True) -> ContractColumn | None:
        """The column called `name` (or, case-insensitively, the only one that matches)."""
        for col in self.columns:
            if col.name == name:
                return col
        if case_sensitive:
            return None
        matches = [c for c in self.columns if c.name.lower() == name.lower()]
        return matches[0] if len(matches) == 1 else None


_COLUMN_FIELDS = {f.name for f in fields(ContractColumn)}


def _json_paths(raw: Any) -> tuple[JsonPath, ...]:
    if not isinstance(raw, list):
        return ()
    known = {f.name for f in fields(JsonPath)}
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(JsonPath(item))
        elif isinstance(item, dict) and "path" in item:
            out.append(JsonPath(**{k: v for k, v in item.items() if k in known}))
    return tuple(out)


def _top_freqs(raw: dict[str, Any]) -> tuple[float, ...]:
    """Shares of the most frequent values: `top_freqs`, or the freqs of the profile's top_values."""
    if raw.get("top_freqs"):
        return tuple(float(f) for f in raw["top_freqs"])
    freqs = [float(v["freq"]) for v in raw.get("top_values") or [] if isinstance(v, dict) and "freq" in v]
    return tuple(sorted(freqs, reverse=True)[:20])


def column_from_dict(raw: dict[str, Any]) -> ContractColumn:
    """A profile's column entry as a ContractColumn; unknown keys are ignored."""
    values = {k: v for k, v in raw.items() if k in _COLUMN_FIELDS}
    values["json_paths"] = _json_paths(raw.get("json_paths"))
    values["date_formats"] = tuple(raw.get("date_formats") or ())
    values["parse_rates"] = dict(raw.get("parse_rates") or {})
    values["top_freqs"] = _top_freqs(raw)
    values["type"] = str(raw.get("type") or "UNKNOWN")
    values["name"] = str(raw["name"])
    return ContractColumn(**values)


def contract_from_profile(profile: dict[str, Any]) -> Contract:
    """Read a profile dict (as loaded from `profiles/<source>.<table>.yml`) as a Contract."""
    columns = tuple(column_from_dict(c) for c in profile.get("columns") or [])
    row_count = profile.get("row_count")
    return Contract(source=str(profile.get("source", "")), table=str(profile.get("table", "")),
                    columns=columns, row_count=int(row_count) if row_count is not None else None,
                    raw_header=tuple(str(h) for h in profile.get("raw_header") or ()),
                    load_notes=tuple(str(n) for n in profile.get("load_notes") or ()))


# keys of the contract fingerprint written back to a profile on `datanet heal --accept`
_PROFILE_KEYS = ("name", "type", "semantic", "null_rate", "distinct_count", "unique", "min",
                 "max", "mean", "top_hash", "avg_length", "pattern", "minhash")


def column_to_dict(col: ContractColumn) -> dict[str, Any]:
    """The contract keys of one column, PII-safe (no min/max for PII columns)."""
    out: dict[str, Any] = {}
    for key in _PROFILE_KEYS:
        value = getattr(col, key)
        if value is None or (col.pii and key in ("min", "max")):
            continue
        out[key] = value
    if col.date_formats:
        out["date_formats"] = list(col.date_formats)
    if col.top_freqs:
        out["top_freqs"] = [round(f, 4) for f in col.top_freqs]
    if col.json_paths:
        out["json_paths"] = [{k: v for k, v in vars(p).items() if v is not None}
                             for p in col.json_paths]
    return out


def merge_into_profile(profile: dict[str, Any] | None, live: Contract) -> dict[str, Any]:
    """A profile dict updated with the live contract (for `datanet heal --accept`).

    Keys other layers wrote (semantic confidence, mock recipe, ...) are kept for columns that
    still exist under the same name; the column list follows the live order.
    """
    base = dict(profile or {})
    old = {c.get("name"): c for c in base.get("columns") or [] if isinstance(c, dict)}
    columns = []
    for col in live.columns:
        entry = dict(old.get(col.name, {}))
        entry.update(column_to_dict(col))
        if col.semantic is None and "semantic" in old.get(col.name, {}):
            entry["semantic"] = old[col.name]["semantic"]
        columns.append(entry)
    base.update(source=live.source, table=live.table, row_count=live.row_count, columns=columns)
    if live.raw_header:
        base["raw_header"] = list(live.raw_header)
    if live.load_notes:
        base["load_notes"] = list(live.load_notes)
    return base


def with_columns(contract: Contract, columns: list[ContractColumn]) -> Contract:
    return replace(contract, columns=tuple(columns))


def live_contract(adapter: Any, relation: Any, columns: Any = None, *, source: str = "",
                  table: str = "") -> Contract | None:
    """Fingerprint a live table through the adapter (see `heal.fingerprint.live_contract`)."""
    from datanet_sql.heal.fingerprint import live_contract as compute

    return compute(adapter, relation, columns, source=source, table=table)
