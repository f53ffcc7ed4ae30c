"""Every value wrapped in its type's name: columns flattened from `{"string": "Control"}`,
`{"long": 6}` (Avro's JSON encoding of nullable fields) end in `__string`, `__long`."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import Seen

_TYPED = re.compile(r"__(?:string|long|int|double|float|boolean|bytes|number|integer)$")
SHARE = 0.7           # of the columns named so
MIN_TYPED = 3


def check(seen: Seen) -> list[str]:
    data = [n for n in seen.names if n != "_record_no"]
    typed = [n for n in data if _TYPED.search(n)]
    if len(typed) < MIN_TYPED or len(typed) < SHARE * len(data):
        return []
    return [(f"columns {', '.join(typed[:4])} ... end in a type's name: every value wrapped "
            f"in its type (Avro's JSON unions); unwrap the values at the source (or read the "
            f"Avro file itself)")]
