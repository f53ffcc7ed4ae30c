"""Entries of a written JSON manifest replaced in place, the rest of its bytes kept.

After one model was edited, dbt's manifest of a 1000-model project (11.5 MB) and datanet's
(3.4 MB) differ from the last ones in a few entries; building and encoding them whole was a
third of the recompile. `replace_entries` finds each entry by its key inside a top-level
section and swaps its encoded text for the new value's, encoded as `json.dumps` encodes it
inside the whole (the same separators and `default`; ASCII, so a character is a byte), so the
file is byte for byte the one a whole write would give. The old entry is decoded on its own
(from its key to the next entry's) and must be an object with the new one's id: an entry not
where it is expected gives None, and the caller writes the whole manifest.
"""

from __future__ import annotations

import json
from typing import Any

_DECODER = json.JSONDecoder()


def dumps(value: Any) -> str:
    """JSON as the manifests are written (atomic.write_json: default separators, ASCII, values
    JSON cannot hold as text)."""
    return json.dumps(value, default=str)


def replace_entries(data: bytes, section: str, entries: dict[str, dict[str, Any]],
                    following: dict[str, str | None], id_key: str = "unique_id"
                    ) -> list[memoryview | bytes] | None:
    """The pieces of `data` with `entries[key]` in place of the entry `key` of the top-level
    object `section`, in the section's order; `following[key]` is the key of the entry after
    it in the section (None for its last). The pieces (views of `data`, no copy of its
    megabytes) are written one after the other; the first starts at `data`'s start."""
    position = data.find(f'{dumps(section)}: {{'.encode())
    if position < 0:
        return None
    view = memoryview(data)
    pieces: list[memoryview | bytes] = []
    done = 0
    for key, value in entries.items():
        head = f"{dumps(key)}: ".encode()
        start = data.find(head + b"{", position)
        if start < 0:
            return None
        start += len(head)
        after = following.get(key)
        stop = data.find(f", {dumps(after)}: {{".encode(), start) if after is not None else -1
        try:
            old, length = _DECODER.raw_decode(data[start:stop if stop >= 0 else None].decode())
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(old, dict) or old.get(id_key) != value.get(id_key):
            return None
        pieces += [view[done:start], dumps(value).encode()]
        done = position = start + length
    pieces.append(view[done:])
    return pieces
