"""The vocabulary of semantic types: one registry that every layer names types from.

Cleansing, mock generation, healing and the PII policy all key off these names, so they live in
one module; a project extends the set with `semantics: {custom_types: [...]}` in datanet.yml
(a regex or a list of values), and those types are tried before the built-in ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from datanet_sql.errors import ConfigError


@dataclass(frozen=True)
class SemanticType:
    """What a column means: a name the other layers dispatch on, and whether it is personal data."""

    name: str
    pii: bool
    description: str
    regex: str | None = None  # custom types: a full-match pattern on the string value
    values: frozenset[str] = field(default_factory=frozenset)  # custom types: allowed values
    custom: bool = False

    def matches(self, value: str) -> bool:
        """Whether one non-null value (as text) fits a custom type's regex or value list."""
        if self.regex is not None:
            return re.fullmatch(self.regex, value) is not None
        if self.values:
            return value in self.values or value.strip().lower() in self.values
        return False


_BUILTIN: tuple[SemanticType, ...] = (
    SemanticType("email", True, "an e-mail address"),
    SemanticType("phone", True, "a telephone number, national or international format"),
    SemanticType("url", False, "a web address (http, https, ftp or a bare domain with a path)"),
    SemanticType("uuid", False, "a 128-bit UUID/GUID in its hyphenated hex form"),
    SemanticType("ip_address", True, "an IPv4 or IPv6 address (personal data under GDPR)"),
    SemanticType("credit_card", True, "a payment card number (passes the Luhn checksum)"),
    SemanticType("date", False, "a calendar date without a time of day"),
    SemanticType("timestamp", False, "a point in time: date and time, or epoch seconds/ms"),
    SemanticType("time", False, "a time of day without a date"),
    SemanticType("year", False, "a calendar year (1900-2100 for current data)"),
    SemanticType("money", False, "an amount of money: price, cost, revenue, salary"),
    SemanticType("percent", False, "a percentage or ratio (0-100 or 0-1)"),
    SemanticType("country_code", False, "an ISO 3166 alpha-2 or alpha-3 country code"),
    SemanticType("currency_code", False, "an ISO 4217 currency code"),
    SemanticType("postal_code", True, "a postal/ZIP code: text, leading zeros matter"),
    SemanticType("person_name", True, "a person's first, last or full name"),
    SemanticType("address", True, "a street address"),
    SemanticType("city", False, "a city or town name"),
    SemanticType("boolean", False, "a yes/no flag however spelled (true/false, Y/N, 0/1)"),
    SemanticType("categorical", False, "a label from a small set (status, type, code list)"),
    SemanticType("identifier", False, "a key: unique or referencing one (ids, codes of rows)"),
    SemanticType("free_text", False, "sentences or descriptions written by people"),
    SemanticType("latitude", False, "a latitude in decimal degrees, -90 to 90"),
    SemanticType("longitude", False, "a longitude in decimal degrees, -180 to 180"),
    SemanticType("numeric_measure", False, "a quantity or count to sum, average or compare"),
    SemanticType("nested", False, "a STRUCT, LIST or MAP: its fields carry their own meanings"),
)

VOCABULARY: dict[str, SemanticType] = {t.name: t for t in _BUILTIN}
BUILTIN_NAMES: tuple[str, ...] = tuple(VOCABULARY)


def get(name: str, custom: Sequence[SemanticType] = ()) -> SemanticType:
    """The type called `name` (custom types first); a ConfigError names the known ones."""
    for t in custom:
        if t.name == name:
            return t
    if name in VOCABULARY:
        return VOCABULARY[name]
    known = [t.name for t in custom] + list(VOCABULARY)
    raise ConfigError(f"unknown semantic type {name!r}",
                      hint=f"use one of: {', '.join(known)}")


def is_pii(name: str | None, custom: Sequence[SemanticType] = ()) -> bool:
    """Whether a semantic type is personal data (unknown or missing types are not)."""
    if name is None:
        return False
    for t in custom:
        if t.name == name:
            return t.pii
    t = VOCABULARY.get(name)
    return bool(t and t.pii)


def custom_types(config: Iterable[Mapping[str, Any]] | None) -> list[SemanticType]:
    """Project types from datanet.yml `semantics: {custom_types: [...]}`.

    Each entry has `name` and either `regex` (full match) or `values` (a list); `pii` and
    `description` are optional. Errors are ConfigErrors naming the entry, for the CLI to print.
    """
    out: list[SemanticType] = []
    for i, entry in enumerate(config or ()):
        out.append(_custom_type(i, entry))
    return out


def _custom_type(i: int, entry: Mapping[str, Any]) -> SemanticType:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"semantics.custom_types[{i}] needs a `name`")
    unknown = set(entry) - {"name", "regex", "values", "pii", "description"}
    if unknown:
        raise ConfigError(f"semantics.custom_types[{i}] ({name}): unknown keys {sorted(unknown)}",
                          hint="allowed: name, regex, values, pii, description")
    regex, values = entry.get("regex"), entry.get("values")
    if (regex is None) == (values is None):
        raise ConfigError(f"semantic type {name!r} needs exactly one of `regex` or `values`")
    if regex is not None:
        try:
            re.compile(regex)
        except re.error as err:
            raise ConfigError(f"semantic type {name!r}: bad regex {regex!r}: {err}") from err
    vals = frozenset(str(v).strip().lower() for v in values or ()) | frozenset(
        str(v) for v in values or ())
    return SemanticType(name, bool(entry.get("pii", False)),
                        str(entry.get("description", f"project type {name}")),
                        regex=regex, values=vals, custom=True)
