"""Profiles as plain data: the one YAML file shared by semantics, healing and mock generation.

A profile is the contract healing checks and the recipe mock generation follows, so it must
round-trip without losing what other layers wrote: every dataclass keeps the keys it does not
know in `extra` and writes them back. Floats are shortened on write so diffs in git stay small.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from datanet_sql.fs import atomic

# semantic types whose values a profile never writes down: personal data, plus keys (a
# customer id singles out a person as well as an e-mail does) and free text (it quotes people).
# Only the personal ones are *flagged* PII, as `infer` and `ls --columns` flag them.
WITHHELD_SEMANTICS = frozenset({
    "email", "phone", "person_name", "address", "free_text", "identifier", "ip_address",
    "postal_code",
})


@dataclass
class ColumnProfile:
    """What one column looks like: fingerprint statistics plus the recipe to mock it."""

    name: str
    type: str
    semantic: str | None = None
    semantic_confidence: float | None = None
    confirmed: bool | None = None
    pii: bool = False            # personal data, as the semantic vocabulary says
    public: bool | None = None   # values declared public (reference data): written whatever k
    null_rate: float = 0.0
    distinct_count: int | None = None
    unique: bool = False
    min: Any = None
    max: Any = None
    top_hash: str | None = None
    avg_length: float | None = None
    pattern: str | None = None
    quantiles: list[Any] | None = None
    top_values: list[dict[str, Any]] | None = None
    distribution: dict[str, Any] | None = None
    # the leaf key paths of a STRUCT or JSON column, each with the semantic type and PII flag
    # a compile inferred for it: {path, type, semantic, semantic_confidence, pii}
    fields: list[dict[str, Any]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def withheld(self) -> bool:
        """Values never written into the profile (formats and shapes only)."""
        return (self.pii or self.semantic in WITHHELD_SEMANTICS) and not self.public

    @property
    def pii_names(self) -> list[str]:
        """What is personal here: the column, or the fields that make it so
        (`address.postal_code`)."""
        personal = [f"{self.name}.{f['path']}" for f in self.fields or () if f.get("pii")]
        return personal or ([self.name] if self.pii else [])

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColumnProfile:
        return _from_dict(cls, data)


def field_entry(path: str, sql_type: str | None, semantic: str | None,
                confidence: float | None, pii: bool) -> dict[str, Any]:
    """One entry of `ColumnProfile.fields`, in the order the profile is read."""
    return {"path": path, "type": sql_type, "semantic": semantic,
            "semantic_confidence": confidence, "pii": bool(pii)}


@dataclass
class TableProfile:
    """A source table: row count, columns in live order, dependencies between them, keys."""

    source: str
    table: str
    row_count: int = 0
    columns: list[ColumnProfile] = field(default_factory=list)
    dependencies: list[dict[str, Any]] = field(default_factory=list)
    keys: dict[str, Any] = field(default_factory=dict)
    profiled_at: str | None = None
    locale: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """`source.table`: how foreign keys and file names refer to this table."""
        return f"{self.source}.{self.table}"

    def column(self, name: str) -> ColumnProfile | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def primary_key(self) -> list[str]:
        return list(self.keys.get("primary") or [])

    @property
    def foreign_keys(self) -> list[dict[str, Any]]:
        return list(self.keys.get("foreign") or [])

    def to_dict(self) -> dict[str, Any]:
        data = _to_dict(self, skip={"columns"})
        data["columns"] = [c.to_dict() for c in self.columns]
        return _ordered(data, ["source", "table", "profiled_at", "locale", "row_count",
                               "columns", "dependencies", "keys"])

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TableProfile:
        profile = _from_dict(cls, {k: v for k, v in data.items() if k != "columns"})
        profile.columns = [ColumnProfile.from_dict(c) for c in data.get("columns") or []]
        return profile


def profile_path(directory: str | Path, source: str, table: str) -> Path:
    """`profiles/<source>.<table>.yml`: one file per source table."""
    return Path(directory) / f"{source}.{table}.yml"


def load_profile(path: str | Path) -> TableProfile:
    """Read one profile file; unknown keys are kept in `extra`, never rejected."""
    from datanet_sql.errors import ConfigError

    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        return TableProfile.from_dict(data)
    except (yaml.YAMLError, TypeError, AttributeError) as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        raise ConfigError(f"profile is not readable: {str(err).splitlines()[0]}", file=path,
                          line=line + 1 if line is not None else None,
                          hint="fix the file, or re-run `datanet profile` to rewrite it") from err


def load_profiles(directory: str | Path) -> list[TableProfile]:
    """Every `*.yml` profile of a directory, in name order (stable for a seed)."""
    return [load_profile(p) for p in sorted(Path(directory).glob("*.yml"))]


def save_profiles(profiles: list[TableProfile], directory: str | Path) -> list[Path]:
    """Write each profile to `<directory>/<source>.<table>.yml`."""
    return [save_profile(p, profile_path(directory, p.source, p.table)) for p in profiles]


def stored_form(profile: TableProfile) -> dict[str, Any]:
    """The profile as its file holds it once written and read back (short floats, dates as
    ISO text): equal to a file's parsed contents exactly when writing would change nothing,
    which is cheaper to know than by dumping the YAML and comparing texts."""
    return _clean(profile.to_dict())


def save_profile(profile: TableProfile, path: str | Path) -> Path:
    """Write a profile as stable, readable YAML (short floats, keys in a fixed order)."""
    path = Path(path)
    text = yaml.dump(stored_form(profile), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100, default_flow_style=None)
    if path.exists() and _untimed(path.read_text(encoding="utf-8")) == _untimed(text):
        return path  # profiles are committed: unchanged data must leave no git diff
    atomic.write_text(path, text)  # a profile is a contract: never half written
    return path


def _untimed(text: str) -> list[str]:
    """A profile's lines without its `profiled_at` time stamp."""
    return [line for line in text.splitlines() if not line.startswith("profiled_at:")]


# -- helpers ---------------------------------------------------------------------------------
_COLUMN_ORDER = [f.name for f in fields(ColumnProfile) if f.name != "extra"]


def _to_dict(obj: Any, skip: set[str] = frozenset()) -> dict[str, Any]:
    """Dataclass fields (without empty optionals) followed by the keys other layers added."""
    data: dict[str, Any] = {}
    for f in fields(obj):
        if f.name in skip or f.name == "extra":
            continue
        value = getattr(obj, f.name)
        if value is None or (isinstance(value, (list, dict)) and not value and f.name != "columns"):
            continue
        data[f.name] = value
    for key, value in obj.extra.items():
        data.setdefault(key, value)
    return data


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)} - {"extra"}
    kwargs = {k: v for k, v in data.items() if k in known}
    extra = {k: v for k, v in data.items() if k not in known}
    return cls(**kwargs, extra=extra)


def _ordered(data: dict[str, Any], order: list[str]) -> dict[str, Any]:
    head = {k: data[k] for k in order if k in data}
    return {**head, **{k: v for k, v in data.items() if k not in head}}


def short_float(value: float, digits: int = 6) -> float | int:
    """Round to `digits` significant digits: readable YAML, stable diffs."""
    if value is None or not math.isfinite(value):
        return value
    if value == int(value) and abs(value) < 1e15:
        return float(int(value)) if isinstance(value, float) else int(value)
    return float(f"{value:.{digits}g}")


def _clean(value: Any) -> Any:
    """Make values YAML-safe: numpy scalars to Python, dates to ISO text, short floats."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return short_float(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    return str(value)


class _Dumper(yaml.SafeDumper):
    """Lists of scalars in flow style ([1, 2, 3]); mappings in block style."""


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(not isinstance(v, (dict, list)) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    flow = len(data) <= 3 and all(not isinstance(v, (dict, list)) for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)
