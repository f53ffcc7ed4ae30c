"""Numbers written with a unit (`18.7 mm`, `3,250 g`, `4.2 kg`): how to read the unit, and which
units convert into each other.

One home for both users of it: the detector that tells a measure with unit suffixes from a
category (`compat.py`), and the cleansing rule that strips the unit and converts a value into
the column's unit (`generate/rules/numbers.py`). Only metric units of one family convert, and
only by moving the decimal point, so a conversion is exact (no float arithmetic): `9.41 cm` in a
column of millimetres is 94.1, `0.02872 kg` in one of grams is 28.72. Anything else (hours in a
column of minutes, pounds in one of kilograms, a unit of another family) is not guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# the numeric part of a value, then whatever follows it (a unit when it reads like one)
NUMBER_PREFIX = "^[-+]?[0-9.,]*[0-9]([eE][-+]?[0-9]+)? *"
UNIT = "^[a-zA-Z°µ%'\"][a-zA-Z0-9°µ%/²³'\". -]{0,19}$"  # g, km/h, °C, sq ft; not /45/2020
NUMBER_TEXT = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:[.,]\d+)?")

# unit (lower case) -> (family, power of ten of the family's base unit it stands for)
METRIC: dict[str, tuple[str, int]] = {
    "mg": ("mass", -3), "g": ("mass", 0), "kg": ("mass", 3),
    "mm": ("length", -3), "cm": ("length", -2), "dm": ("length", -1), "m": ("length", 0),
    "km": ("length", 3),
    "ml": ("volume", -3), "cl": ("volume", -2), "dl": ("volume", -1), "l": ("volume", 0),
}


def unit_of(text: str) -> str | None:
    """The unit after the number (`'18.7 mm'` -> `'mm'`), None for a bare number or no number."""
    match = re.match(NUMBER_PREFIX, text)
    if match is None:
        return None
    rest = text[match.end():].strip()
    return rest if rest and re.match(UNIT, rest) else None


def is_number_text(text: str) -> bool:
    """A bare number as exports write it: `1,013`, `-4.5`, `.5` (not `1.2.3`)."""
    return any(c.isdigit() for c in text) and NUMBER_TEXT.fullmatch(text) is not None


def key(unit: str) -> str:
    """Units compare without case and inner spaces (`KG`, `kg`, `k g`)."""
    return unit.lower().replace(" ", "")


def shift(unit: str, target: str) -> int | None:
    """How many decimal places a value in `unit` moves to be in `target` (None: no conversion)."""
    a, b = METRIC.get(key(unit)), METRIC.get(key(target))
    if key(unit) == key(target):
        return 0
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] - b[1]


def column_unit(units: Iterable[str]) -> str | None:
    """The unit a column is in: the most common one its values carry (ties: the first seen),
    in its most common spelling (`°C`, not `°c`)."""
    spellings = list(units)
    counts = Counter(key(u) for u in spellings)
    if not counts:
        return None
    top = counts.most_common(1)[0][0]
    return Counter(u for u in spellings if key(u) == top).most_common(1)[0][0]


def consistent(units: list[str]) -> bool:
    """The units could all be one measure: they convert into each other, or one unit dominates.

    `1A`, `2B`, `3C` (codes) are numbers followed by letters too, but no unit dominates them.
    """
    if not units:
        return False
    target = column_unit(units)
    assert target is not None
    convertible = sum(shift(u, target) is not None for u in units)
    return convertible >= 0.8 * len(units)
