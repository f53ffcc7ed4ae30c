"""The one home of recorded contracts: `profiles/<source>.<table>.yml`, read and written here.

The compiler reads a source's contract to heal the models that read it, the runner records a
contract after a successful run, and `datanet heal --accept` records one after a person
checked a change: all three go through a `ContractStore`. A profile file is shared with the
profile, semantics and mock layers, so a write merges the contract's keys into the file and
keeps every other key; it never writes a raw value of a PII column, nor the extremes of a
text column (often values seen once).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from datanet_sql.heal.contract import Contract
    from datanet_sql.profile.model import TableProfile

Key = tuple[str, str]


def source_key(node: Any) -> Key:
    """A source node's (source, table): the name of its contract file."""
    source, _, table = node.name.partition(".")
    return source, table


class ContractStore:
    """Contracts of one project's sources, read once per store."""

    @classmethod
    def of_project(cls, project: Any) -> ContractStore:
        """The contracts of a loaded project: its `paths.profiles` folder."""
        return cls(project.root / project.spec.paths.profiles)

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._read: dict[Key, dict[str, Any] | None] = {}

    def path(self, key: Key) -> Path:
        return self.directory / f"{key[0]}.{key[1]}.yml"

    def _profile(self, key: Key) -> dict[str, Any] | None:
        if key not in self._read:
            path = self.path(key)
            data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
            self._read[key] = data if isinstance(data, dict) else None
        return self._read[key]

    def recorded(self, key: Key) -> Contract | None:
        """The recorded contract (None when the source has none yet: its next run records it)."""
        from datanet_sql.heal.contract import contract_from_profile  # ingest asks only `path`

        data = self._profile(key)
        return contract_from_profile(data) if data and data.get("columns") else None

    def text(self, key: Key) -> str | None:
        """The contract file as written (what a cached heal depends on)."""
        path = self.path(key)
        return path.read_text(encoding="utf-8") if path.exists() else None

    def accept(self, key: Key, live: Contract,
               known: Mapping[str, tuple[str | None, bool]] | None = None) -> Path | None:
        """Record `live` as the contract of `key`, keeping other layers' keys; `known` gives
        columns' semantic types and PII flags the compiler inferred. None when the file
        already says exactly that (no churn in git)."""
        from datanet_sql.profile.model import save_profile

        profile = self._merged(key, live, known)
        if profile is None:
            return None
        path = save_profile(profile, self.path(key))
        self._read.pop(key, None)
        return path

    def holds(self, key: Key, live: Contract,
              known: Mapping[str, tuple[str | None, bool]] | None = None) -> bool:
        """Whether the file already says exactly what `accept` would write."""
        return self._merged(key, live, known) is None

    def _merged(self, key: Key, live: Contract,
                known: Mapping[str, tuple[str | None, bool]] | None) -> TableProfile | None:
        """The profile `accept` would write, or None when the file holds it already, judged
        on the values as the file would hold them: a live contract's floats are unrounded,
        the file's are short, so comparing them raw dumped the whole YAML after every run to
        find it unchanged."""
        from datanet_sql.heal.contract import merge_into_profile
        from datanet_sql.profile.model import TableProfile, stored_form

        previous = self._profile(key)
        merged = merge_into_profile(previous, live)
        for column in merged["columns"]:
            semantic, pii = (known or {}).get(column["name"], (None, False))
            if semantic and not column.get("semantic"):
                column["semantic"], column["pii"] = semantic, pii
            _keep_private(column)
        profile = TableProfile.from_dict(merged)
        return None if stored_form(profile) == previous else profile


def _keep_private(column: dict[str, Any]) -> None:
    """No min/max of a PII column or of text: the fingerprint keeps hashes and shapes instead."""
    from datanet_sql.profile.stats import kind_of

    if column.get("pii") or kind_of(str(column.get("type", ""))) in ("string", "other"):
        for key in ("min", "max"):
            column.pop(key, None)
