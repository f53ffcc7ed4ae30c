"""Seeded dirt by kind of column: how a clean value is written, and how exports spoil it.

Only recoverable dirt: every spoiled value still says what its clean value was (a value in
kilograms in a column of grams carries its unit). Numbers are written from their decimal text,
so converting a unit never adds float noise to the dirty value itself.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from tables import Kind

NULL_TOKENS = ["N/A", "NA", "n/a", "null", "-", "", "  ", "?", "none"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def number_text(value: object) -> str:
    """A number as a tidy export writes it: `89` for 89.0, `7.255468` (no float noise)."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    text = format(number.normalize(), "f")
    return text


def clean_text(value: object, kind: Kind) -> str:
    """How the clean value is written in the tidy part of the file (NULL: an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if kind.name in ("number", "measure", "percent", "money"):
        return number_text(value)
    return str(value)


def dirty(value: object, kind: Kind, rng: random.Random) -> str:
    """One messy spelling of a clean value (a null token when it is missing)."""
    if value is None:
        return rng.choice(NULL_TOKENS)
    maker = {"number": _number, "measure": _measure, "percent": _percent, "money": _money,
             "category": _category, "date": _date}[kind.name]
    return _pad(maker(value, kind, rng), rng)


def _pad(text: str, rng: random.Random) -> str:
    return rng.choice(["", " ", "  ", "\t"]) + text + rng.choice(["", " ", "   "])


def _thousands(text: str) -> str:
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    return sign + grouped + (f".{fraction}" if fraction else "")


def _number(value: object, kind: Kind, rng: random.Random) -> str:
    text = number_text(value)
    if "." not in text and rng.random() < 0.3:
        return text + ".0"
    if abs(Decimal(text)) >= 1000 and rng.random() < 0.7:
        return _thousands(text)
    return text


def _measure(value: object, kind: Kind, rng: random.Random) -> str:
    text, unit = number_text(value), kind.unit
    if kind.family and rng.random() < 0.25:  # the same measure written in another unit
        unit, factor = rng.choice(sorted(kind.family.items()))
        text = format((Decimal(text) / Decimal(factor)).normalize(), "f")
    if abs(Decimal(text)) >= 1000 and rng.random() < 0.6:
        text = _thousands(text)
    if rng.random() < 0.15 and unit == kind.unit:
        return text  # a bare number in the column's own unit
    return text + rng.choice([" ", "", " "]) + unit


def _percent(value: object, kind: Kind, rng: random.Random) -> str:
    text = number_text(value)
    return rng.choice([f"{text}%", f"{text} %", f"{text}%", text])


def _money(value: object, kind: Kind, rng: random.Random) -> str:
    amount = Decimal(number_text(value))
    return rng.choice([f"${amount:,.2f}", f"{amount:,}", f"$ {amount}", f"USD {amount:,.2f}"])


def _category(value: object, kind: Kind, rng: random.Random) -> str:
    text = str(value)
    styled = rng.choice([text.upper(), text.lower(), text.title(), text])
    if styled == text:  # a spelling that differs by whitespace only
        return text.replace(" ", "  ") if " " in text else " " + text
    return styled.replace(" ", rng.choice([" ", "  "]))


def _date(value: object, kind: Kind, rng: random.Random) -> str:
    d: date = value  # type: ignore[assignment]
    first, second = (d.day, d.month) if kind.order == "dmy" else (d.month, d.day)
    name = MONTHS[d.month - 1]
    return rng.choice([
        f"{first:02d}/{second:02d}/{d.year}",
        f"{first}/{second}/{d.year}",
        f"{name} {d.day}, {d.year}",
        f"{d.day} {name[:3]} {d.year}",
        f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.year}{d.month:02d}{d.day:02d}",
    ])
