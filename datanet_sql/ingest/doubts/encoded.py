"""Values that are not yet the values: base64 of JSON (a message queue's body) or text
cut before an escaped delimiter (every value ending in a backslash)."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import Seen

_BASE64_JSON = re.compile(r"^(?:eyJ|W3s|WyJ|ewo|ewog)[A-Za-z0-9+/]{12,}={0,2}$")
MIN_VALUES = 5
SHARE = 0.9
BACKSLASH_SHARE = 0.3


def check(seen: Seen) -> list[str]:
    notes = []
    for name, values in seen.texts().items():
        if len(values) < MIN_VALUES:
            continue
        if sum(bool(_BASE64_JSON.match(v)) for v in values) >= SHARE * len(values):
            notes.append(f"column {name} holds base64 of JSON ({values[0][:20]}...): the "
                         f"records are inside it; decode them before loading")
        elif sum(v.endswith("\\") for v in values) >= BACKSLASH_SHARE * len(values):
            fix = "pass options: {escape: '\\'}" if seen.fmt in ("csv", "tsv") else \
                "the values were cut where the source escaped a delimiter"
            notes.append(f"column {name}: values end in a backslash ({values[0][:20]!r}): a "
                         f"delimiter escaped inside values split at; {fix}")
    return notes
