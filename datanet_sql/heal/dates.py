"""Pick the format of text dates from the formats every value parses with; refuse ambiguity.

`fingerprint` probes each candidate format in SQL (how many values TRY_STRPTIME parses), so
only the formats that fit *every* value arrive here. When a day-first and a month-first
format both fit (all days and months <= 12), the dates cannot be read safely.
"""

from __future__ import annotations

ISO_DATE = "%Y-%m-%d"


def swapped(fmt: str) -> str:
    return fmt.replace("%d", "\x00").replace("%m", "%d").replace("\x00", "%m")


def has_time(fmt: str) -> bool:
    return "%H" in fmt


def choose_format(formats: tuple[str, ...], *, want_time: bool) -> tuple[str | None, str]:
    """(format, why) for dates, or (None, why not) when none or more than one reading fits."""
    fitting = [f for f in formats if has_time(f) == want_time] or (
        [f for f in formats if not has_time(f)] if want_time else [])
    if not fitting:
        return None, "no known date format parses every value"
    ambiguous = [f for f in fitting if swapped(f) != f and swapped(f) in fitting]
    if ambiguous:
        return None, (f"dates are ambiguous: both {ambiguous[0]} and {swapped(ambiguous[0])} "
                      "parse every value (day and month both <= 12)")
    if len(fitting) > 1 and ISO_DATE in fitting:
        return ISO_DATE, f"every value parses as {ISO_DATE}"
    best = fitting[0]
    others = [f for f in fitting[1:] if f.replace("%y", "%Y") != best]
    if others:
        return None, f"several date formats parse every value: {', '.join(fitting)}"
    return best, f"every value parses with {best} and no other format"
