"""Text decoded with the wrong code page: UTF-8 bytes read as Latin-1 or cp1252 (`Ã³` for
`ó`, the file valid UTF-8 twice over), or a Western file read as a CJK code page (one
ideograph glued to Latin letters: `腎ape`). Names count as values here; a column a reader's
mojibake note already names is left to that note."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import Seen

_TWICE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac")
_GLUED = re.compile("[A-Za-z][\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]|"
                    "[\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef][A-Za-z]")


def check(seen: Seen) -> list[str]:
    found: dict[str, str] = {}
    texts = seen.texts()
    told = " ".join(n for n in seen.notes if "mojibake" in n)
    # a pattern a name only where a note told of mojibake: compiling one for each column
    # of every read cost more than the search itself
    for name in [n for n in seen.names
                 if not (told and re.search(rf"\b{re.escape(n)}\b", told))]:
        for value in [name, *texts.get(name, [])]:
            if _TWICE.search(value) or _GLUED.search(value):
                found[name] = value
                break
    if not found:
        return []
    shown = ", ".join(f"{n} ({v[:30]!r})" for n, v in list(found.items())[:6])
    return [(f"column(s) {shown} hold text that looks decoded with the wrong code page: "
            f"pass options: {{encoding: ...}} with the file's own (utf-8, cp1252, cp850, "
            f"...), or repair text encoded twice at its source")]
