"""Columns whose every value starts with the same `name=` (or `name:`): `key=value` records
(a log line, a metrics protocol) split at a delimiter as if they were delimited text; the
keys belong in the names, not in every value."""

from __future__ import annotations

import re
from collections import Counter

from datanet_sql.ingest.doubts.seen import Seen

_KEY = re.compile(r"^\s*([A-Za-z_][\w.\-]{0,40})\s*[=:](?!//)")
MIN_VALUES = 5
SHARE = 0.9
MIN_COLUMNS = 2       # one column of `a=b` text can be data; two such columns are a layout


def check(seen: Seen) -> list[str]:
    found = {}
    for name, values in seen.texts().items():
        keys = Counter(m[1] if (m := _KEY.match(v)) else None for v in values)
        key, often = keys.most_common(1)[0] if keys else (None, 0)
        if key is not None and len(values) >= MIN_VALUES and often >= SHARE * len(values):
            found[name] = key
    if len(found) < MIN_COLUMNS:
        return []
    shown = ", ".join(f"{name} ({key}=...)" for name, key in list(found.items())[:6])
    return [(f"column(s) {shown} start every value with the same key: key=value records "
            f"read as delimited text, the names not in the header; they need a reader of "
            f"their layout, or the keys stripped into a header")]
