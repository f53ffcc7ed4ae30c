"""Column names as a warehouse wants them: trimmed, ASCII snake_case, unique.

Exports carry headers like ` Körpermasse (g) `, `Order ID` and the same name three times;
a loader that keeps them verbatim makes every model quote them and breaks on the duplicate.
"""

from __future__ import annotations

import re
import unicodedata

_SURVEY_MARKS = {"_uuid", "_submission_time"}   # KoboToolbox's and Ona's export's own columns
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
# letters NFKD does not split into an ASCII base and a mark
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe",
                          "Œ": "Oe", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th"})


def snake_case(name: str) -> str:
    """`Schnabellänge (mm)` -> `schnabellange_mm`, `orderID` -> `order_id`; accents folded
    to ASCII so every engine accepts the name unquoted."""
    decomposed = unicodedata.normalize("NFKD", str(name).translate(_LETTERS))
    folded = decomposed.encode("ascii", "ignore").decode()
    words = _NON_WORD.sub("_", _CAMEL.sub("_", folded.strip())).strip("_").lower()
    return re.sub("_+", "_", words)


def unique_names(names: list[str], empty: str = "column") -> list[str]:
    """snake_cased names, an empty one called `column_<n>` (1-based position), duplicates
    numbered in order of appearance: `temp`, `temp_2`, `temp_3`; a survey export's system
    columns keep their leading `_` (see `_survey_system`)."""
    system = _survey_system(names)
    return dedupe([("_" if name in system else "") + snake_case(name)
                   or f"{empty}_{position}" for position, name in enumerate(names, start=1)])


def _survey_system(names: list[str]) -> set[str]:
    """The names of KoboToolbox's (and Ona's) own columns in its export, when the names hold
    them (`_uuid` and `_submission_time`, which only these tools write): every name written
    with a leading `_` (`_id`, `_uuid`, `_index`, `_validation_status`). Stripped, `_id`
    (the submission's id) became `id`, taken by a form's own question `id` or numbered
    `id_2` beside it, and the forms' users know them by Kobo's names."""
    written = {str(n) for n in names}
    if not _SURVEY_MARKS <= written:
        return set()
    return {n for n in written if n.startswith("_") and snake_case(n)}


def dedupe(names: list[str]) -> list[str]:
    """Names made unique by numbering the second and later copies (`a`, `a_2`, `a_3`)."""
    result: list[str] = []
    seen: set[str] = set()
    for base in names:
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}_{n}"
        seen.add(candidate)
        result.append(candidate)
    return result


def renamed(written: list[str], final: list[str]) -> list[str]:
    """A note naming the header cells whose warehouse name differs (`'Order ID' -> order_id`),
    so a user looking for the column as the file spells it learns where it went."""
    changed = [f"{w!r} -> {f}" for w, f in zip(written, final) if str(w) != f]
    return [f"columns renamed: {', '.join(changed)}"] if changed else []
