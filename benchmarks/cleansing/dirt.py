"""Seeded dirt: every clean value turned into a messy text the way real exports spoil them.

`dirty(value, semantic, rng)` returns one messy spelling of a clean typed value; NULLs become
null tokens. Only recoverable dirt is injected (the point is to measure restoration).
"""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal

NULL_TOKENS = ["", "N/A", "NA", "n/a", "null", "NULL", "none", "-", "?", "nan", "  "]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EPOCH = datetime(1970, 1, 1)


def clean_text(value: object, semantic: str) -> str:
    """How the clean value is written in a tidy CSV (the undirtied cells)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if (
        isinstance(value, float)
        and semantic in ("numeric_measure", "percent")
        and value.is_integer()
    ):
        return str(int(value)) if semantic == "numeric_measure" else repr(value)
    return str(value)


# the one unit each measured column is in (a column has one unit; values may omit it)
UNITS = {
    "bill_length_mm": "mm",
    "bill_depth_mm": "mm",
    "flipper_length_mm": "mm",
    "body_mass_g": "g",
    "dep_delay": "min",
    "air_time": "min",
    "distance": "mi",
    "precipitation": "mm",
    "temp_max": "°C",
    "temp_min": "°C",
    "wind": "m/s",
}


def dirty(value: object, semantic: str, rng: random.Random, column: str = "") -> str:
    if value is None:
        return rng.choice(NULL_TOKENS)
    if semantic == "numeric_measure":
        return _pad(_number(value, rng, UNITS.get(column, "")), rng)
    maker = DIRT.get(semantic, _text)
    return _pad(maker(value, rng), rng)


def _pad(text: str, rng: random.Random) -> str:
    return rng.choice(["", " ", "  ", "\t"]) + text + rng.choice(["", " ", "   "])


def _text(value: object, rng: random.Random) -> str:
    text = str(value)
    return text.replace(" ", rng.choice(["  ", " \t "])) if " " in text else text


def _categorical(value: object, rng: random.Random) -> str:
    text = str(value)
    return rng.choice([text.upper(), text.lower(), text.title(), text]).replace(" ", "  ")


def _number(value: object, rng: random.Random, unit: str = "") -> str:
    number = float(value)  # type: ignore[arg-type]
    text = str(int(number)) if number.is_integer() else repr(number)
    if number.is_integer() and abs(number) >= 1000 and rng.random() < 0.7:
        text = f"{int(number):,}"
    return text + (rng.choice(["", " ", ""]) + unit if unit and rng.random() < 0.7 else "")


def _year(value: object, rng: random.Random) -> str:
    return rng.choice([f"{value}", f"{value}.0"])


def _date(value: object, rng: random.Random) -> str:
    d: date = value  # type: ignore[assignment]
    seconds = int((datetime(d.year, d.month, d.day) - EPOCH).total_seconds())
    return rng.choice(
        [
            d.isoformat(),
            f"{d.day:02d}/{d.month:02d}/{d.year}",
            f"{d.day}/{d.month}/{d.year}",
            f"{d.day} {MONTHS[d.month - 1]} {d.year}",
            f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
            f"{d.year}{d.month:02d}{d.day:02d}",
            str(seconds),
            f"{d.day:02d}.{d.month:02d}.{d.year}",
        ]
    )


def _timestamp(value: object, rng: random.Random) -> str:
    t: datetime = value  # type: ignore[assignment]
    seconds = int((t - EPOCH).total_seconds())
    hour12 = t.hour % 12 or 12
    return rng.choice(
        [
            t.strftime("%Y-%m-%dT%H:%M:%SZ"),
            t.strftime("%Y-%m-%d %H:%M"),
            t.strftime("%d/%m/%Y %H:%M"),
            f"{t.day} {MONTHS[t.month - 1]} {t.year} {hour12}:{t.minute:02d} {'pm' if t.hour >= 12 else 'am'}",
            str(seconds),
            str(seconds * 1000),
        ]
    )


def _money(value: object, rng: random.Random) -> str:
    amount: Decimal = value  # type: ignore[assignment]
    us = f"{amount:,.2f}"
    eu = us.replace(",", "_").replace(".", ",").replace("_", ".")
    negative = amount < 0
    if negative:
        return f"({abs(amount):,.2f})"
    return rng.choice([f"${us}", f"{eu} $", f"USD {us}", us, f"US$ {eu}", f"$ {us}"])


def _percent(value: object, rng: random.Random) -> str:
    fraction = float(value)  # type: ignore[arg-type]
    points = round(fraction * 100, 6)
    points_text = str(int(points)) if points.is_integer() else str(points)
    return rng.choice([f"{points_text}%", f"{points_text} %", repr(fraction)])


def _phone(value: object, rng: random.Random) -> str:
    d = str(value)[2:]
    return rng.choice(
        [
            f"({d[:3]}) {d[3:6]}-{d[6:]}",
            f"{d[:3]}.{d[3:6]}.{d[6:]}",
            f"+1 {d[:3]} {d[3:6]} {d[6:]}",
            f"001 {d[:3]} {d[3:6]} {d[6:]}",
            f"1-{d[:3]}-{d[3:6]}-{d[6:]}",
            str(value),
        ]
    )


def _email(value: object, rng: random.Random) -> str:
    text = str(value)
    return rng.choice([text.upper(), text.title(), f"mailto:{text}", text])


def _url(value: object, rng: random.Random) -> str:
    text = str(value)
    return rng.choice([text.removeprefix("https://"), text])


def _boolean(value: object, rng: random.Random) -> str:
    return rng.choice(
        ["yes", "Y", "TRUE", "1", "t", "True"] if value else ["no", "N", "false", "0", "f", "FALSE"]
    )


def _country(value: object, rng: random.Random) -> str:
    return rng.choice([str(value).lower(), str(value).title(), str(value)])


DIRT = {
    "categorical": _categorical,
    "identifier": _text,
    "numeric_measure": _number,
    "year": _year,
    "date": _date,
    "timestamp": _timestamp,
    "money": _money,
    "percent": _percent,
    "phone": _phone,
    "email": _email,
    "url": _url,
    "boolean": _boolean,
    "country_code": _country,
}
