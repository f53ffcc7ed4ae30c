"""Column names as a warehouse wants them: trimmed, ASCII snake_case, unique.

Exports carry headers like ` Körpermasse (g) `, `Order ID` and the same name three times;
a loader that keeps them verbatim makes every model quote them and breaks on the duplicate.
"""

from __future__ import annotations

import re
from collections import Counter

from datanet_sql.ingest.readers.folding import ascii_folded

_SURVEY_MARKS = {"_uuid", "_submission_time"}   # KoboToolbox's and Ona's export's own columns
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
_MARKS_NOTE = "names alike but for their marks, which ASCII names drop: the marks spelled " \
             "out to keep them apart"


def snake_case(name: str, marks: bool = False) -> str:
    """`Schnabellänge (mm)` -> `schnabellange_mm`, `orderID` -> `order_id`, `Yıl` -> `yil`;
    folded to ASCII (`folding`) so every engine accepts the name unquoted. With `marks`,
    the marks on letters are named (`X̄` -> `x_bar`), see `folded`."""
    text = ascii_folded(str(name), marks)
    words = _NON_WORD.sub("_", _CAMEL.sub("_", text.strip())).strip("_").lower()
    return re.sub("_+", "_", words)


def folded(names: list[str], prefixes: list[str] | None = None) -> list[str]:
    """The names snake_cased (after their `prefixes`), the marks named in those that would
    otherwise be one name though written apart only by marks: an SPC chart's `X̄` (mean)
    and `X̃` (median) are `x_bar` and `x_tilde`, not `x` and `x_2` (which is the mean?);
    `X` beside `X̄` stays `x`. Names alike however written (`Temp`, `temp`) are left to
    `dedupe`. Empty where nothing of a name folds to ASCII (`Μήκος`)."""
    prefixes = prefixes or [""] * len(names)
    plain = [p + snake_case(n) for p, n in zip(prefixes, names)]
    crowded = {n for n, count in Counter(plain).items() if count > 1 and n}
    if not crowded:
        return plain
    spelled = [p + snake_case(n, marks=True) if f in crowded else f
               for p, n, f in zip(prefixes, names, plain)]
    spellings: dict[str, set[str]] = {}
    for s, f in zip(spelled, plain):
        spellings.setdefault(f, set()).add(s)
    return [s if len(spellings[f]) > 1 else f for s, f in zip(spelled, plain)]


def unique_names(names: list[str], empty: str = "column") -> list[str]:
    """snake_cased names (`folded`), an empty one called `column_<n>` (1-based position),
    duplicates numbered in order of appearance: `temp`, `temp_2`, `temp_3`; a survey
    export's system columns keep their leading `_` (see `_survey_system`)."""
    system = _survey_system(names)
    cleaned = folded(names, ["_" if name in system else "" for name in names])
    return dedupe([name or f"{empty}_{position}"
                   for position, name in enumerate(cleaned, start=1)])


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
    marked = any(snake_case(w) != f == snake_case(w, marks=True) for w, f in zip(written, final))
    return [f"columns renamed: {', '.join(changed)}" + (f" ({_MARKS_NOTE})" if marked else "")
            ] if changed else []
