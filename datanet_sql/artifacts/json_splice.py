"""Entries of a written JSON manifest replaced in place, the rest of its text kept.

After one model was edited, dbt's manifest of a 1000-model project (11.5 MB) and datanet's
(3.4 MB) differ from the last ones in a few entries; building and encoding them whole was a
third of the recompile. `replace_entries` finds each entry by its key inside a top-level
section and swaps its encoded text for the new value's, encoded as `json.dumps` encodes it
inside the whole (the same separators and `default`), so the file is byte for byte the one a
whole write would give. An entry that is not where it is expected (its key found elsewhere,
its value not the object it should be) gives None: the caller writes the whole manifest.
"""

from __future__ import annotations

import json
from typing import Any

_DECODER = json.JSONDecoder()


def dumps(value: Any) -> str:
    """JSON as the manifests are written (atomic.write_json: compact separators, values JSON
    cannot hold as text)."""
    return json.dumps(value, default=str)


def replace_entries(text: str, section: str, entries: dict[str, dict[str, Any]],
                    id_key: str = "unique_id") -> str | None:
    """`text` with each `entries[key]` put in place of the entry `key` of the top-level
    object `section`, in the order the section holds them (the order of `entries`); each old
    entry must be an object whose `id_key` equals the new one's."""
    found = text.find(f'{dumps(section)}: {{')
    if found < 0:
        return None
    pieces: list[str] = []
    done = 0
    position = found
    for key, value in entries.items():
        head = f"{dumps(key)}: "
        start = text.find(head + "{", position)
        if start < 0:
            return None
        start += len(head)
        try:
            old, end = _DECODER.raw_decode(text, start)
        except ValueError:
            return None
        if not isinstance(old, dict) or old.get(id_key) != value.get(id_key):
            return None
        pieces += [text[done:start], dumps(value)]
        done = position = end
    pieces.append(text[done:])
    return "".join(pieces)
