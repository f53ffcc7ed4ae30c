"""Totals rows read as records: a text value that is a total's label (`Grand Total`, `A
Total` under Excel's Subtotal), summing rows the table already holds. A bare `Total` is
left to the readers, which check its numbers are the sums: it may be a name (the oil
company) or a row whose numbers are its own."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import Seen

_LABEL = re.compile(r"(?i)^(?:grand\s*|sub)totals?:?$|^\S.*\s(?:sub)?totals?:?$")


def check(seen: Seen) -> list[str]:
    found = {name: [v for v in values if _LABEL.match(v.strip())]
             for name, values in seen.texts().items()}
    found = {n: v for n, v in found.items() if v}
    if not found:
        return []
    shown = ", ".join(f"{n} ({v[0]!r}{f' and {len(v) - 1} more' if len(v) > 1 else ''})"
                      for n, v in list(found.items())[:4])
    return [(f"column(s) {shown} label totals rows: sums of other rows read as records; "
            f"remove them (or filter them out downstream)")]

