"""What a profile may write of a table's values.

By default a profile is k-anonymous: a value is written only when at least k rows hold it, and
values of PII columns are never written. A source can declare columns (or whole tables) public:
reference data such as airport or airline names, country names, product catalogues, whose
values are published anyway and which mocks need verbatim (models filter and join on them).
Personal data stays out whatever a declaration says: person names, e-mails, phones, street
addresses, postal codes and IP addresses are never public.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

PERSONAL_SEMANTICS = frozenset({
    "person_name", "email", "phone", "address", "postal_code", "ip_address",
})


@dataclass(frozen=True)
class Disclosure:
    """k for a table (and per column), and the columns whose values are public."""

    k: int = 5
    column_k: Mapping[str, int] = field(default_factory=dict)
    public: frozenset[str] = frozenset()

    def k_for(self, column: str) -> int:
        """Public values are written whatever their count; others need k rows."""
        return 1 if column in self.public else self.column_k.get(column, self.k)

    def is_public(self, column: str) -> bool:
        return column in self.public


def disclosure(profiling: Mapping[str, Any] | None, semantics: Mapping[str, str | None],
               column_names: list[str], default_k: int = 5) -> tuple[Disclosure, list[str]]:
    """The Disclosure of one table, and the columns a declaration named public but that hold
    personal data (the caller reports them: they stay private)."""
    profiling = profiling or {}
    k = int(profiling.get("k", default_k))
    declared = profiling.get("columns") or {}
    public: set[str] = set()
    refused: list[str] = []
    for name in column_names:
        own = declared.get(name, {})
        wanted = own.get("public", profiling.get("public", False))
        if not wanted:
            continue
        if semantics.get(name) in PERSONAL_SEMANTICS:
            if own.get("public"):
                refused.append(name)
            continue
        public.add(name)
    column_k = {n: int(c["k"]) for n, c in declared.items() if "k" in c}
    return Disclosure(k, column_k, frozenset(public)), refused
