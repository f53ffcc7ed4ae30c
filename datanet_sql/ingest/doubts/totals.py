"""Totals rows read as records: a text value that is a total's label (`Grand Total`, `A
Total` under Excel's Subtotal), summing rows the table already holds. A bare `Total` counts
only on the table's last row: anywhere else it may be a name (the oil company)."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import Seen

_LABEL = re.compile(r"(?i)^(?:grand\s*|sub)totals?:?$|^\S.*\s(?:sub)?totals?:?$")
_BARE = re.compile(r"(?i)^totals?:?$")


def check(seen: Seen) -> list[str]:
    whole = seen.rows <= seen.sample.num_rows
    found = {name: [v for i, v in enumerate(values) if _LABEL.match(v.strip()) or
                    (whole and i == seen.rows - 1 and _BARE.match(v.strip()))]
             for name, values in _by_row(seen).items()}
    found = {n: v for n, v in found.items() if v}
    if not found:
        return []
    shown = ", ".join(f"{n} ({v[0]!r}{f' and {len(v) - 1} more' if len(v) > 1 else ''})"
                      for n, v in list(found.items())[:4])
    return [(f"column(s) {shown} label totals rows: sums of other rows read as records; "
            f"remove them (or filter them out downstream)")]


def _by_row(seen: Seen) -> dict[str, list[str]]:
    """The sample's text columns, a value a row (NULL as '')."""
    return {name: ["" if v is None else v for v in seen.sample.column(name).to_pylist()]
            for name in seen.texts()}
