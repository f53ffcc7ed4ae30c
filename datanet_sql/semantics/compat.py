"""Which semantic types the values allow: the rule that lets values win over a name.

Each check reads a column's `ValueStats` and returns (allowed, evidence). A name or the
classifier may only choose among allowed types, so `code` holding airport codes cannot become a
country code, and a ZIP column with leading zeros can never be a numeric measure.
"""

from __future__ import annotations

from collections.abc import Callable

from datanet_sql.semantics.features import sql_family
from datanet_sql.semantics.units import consistent, unit_of
from datanet_sql.semantics.validators import ValueStats, epoch_unit, share_in

Check = Callable[[ValueStats, str, float], tuple[bool, str]]
_STRICT = 0.85  # share of values a format validator must match
_TRUE = frozenset({"true", "t", "yes", "y", "1", "on"})


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _share_check(key: str, label: str, need: float = _STRICT) -> Check:
    def check(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
        share = s.share(key)
        return share >= need, f"{_pct(share)} match {label}"
    return check


def _numeric(s: ValueStats, fam: str) -> bool:
    return fam in ("integer", "float", "decimal") or (s.n > 0 and s.share("numeric") >= 0.95)


def _ints(s: ValueStats) -> bool:
    return bool(s.numbers) and all(x == int(x) for x in s.numbers)


def _timestamp(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam == "timestamp":
        return True, "SQL type is a timestamp"
    unit = epoch_unit(s.numbers) if _numeric(s, fam) and s.share("leading_zero") == 0 else None
    if unit and s.distinct > 2:
        return True, f"integers in the epoch-{'seconds' if unit == 's' else 'milliseconds'} range"
    share = s.share("timestamp")
    return share >= _STRICT, f"{_pct(share)} parse as date and time"


def all_midnight(s: ValueStats) -> bool:
    """Timestamps that all fall at 00:00:00 are dates loaded as timestamps (CSV, pandas)."""
    stamps = [t for t in s.texts if len(t) >= 19 and t[10] in " T"]
    return bool(stamps) and len(stamps) == s.n and all(t[11:19] == "00:00:00" for t in stamps)


def _date(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam == "date":
        return True, "SQL type is DATE"
    if all_midnight(s):
        return True, "every timestamp is at midnight"
    share = s.share("date")
    return share >= _STRICT and fam not in ("integer", "float"), f"{_pct(share)} parse as dates"


def _time(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam == "time":
        return True, "SQL type is TIME"
    share = s.share("time")
    return share >= _STRICT, f"{_pct(share)} parse as times of day"


def _year(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if not (_numeric(s, fam) and _ints(s)):
        return False, "not whole numbers"
    share = share_in(s.numbers, 1000, 2100)
    return share >= 0.98, f"{_pct(share)} whole numbers in 1000-2100"


def _range(lo: float, hi: float, label: str) -> Check:
    def check(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
        if not _numeric(s, fam) or not s.numbers:
            return False, "not numeric"
        share = share_in(s.numbers, lo, hi)
        fractional = sum(x != int(x) for x in s.numbers) / len(s.numbers)
        return share == 1.0 and fractional >= 0.25, f"all values within {label}"
    return check


def _money(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if s.share("money_text") >= 0.5:
        return True, f"{_pct(s.share('money_text'))} written as amounts with a currency"
    if s.share("leading_zero") > 0.0:
        return False, "leading zeros"
    return _numeric(s, fam) and fam != "boolean", "numeric values"


def _percent(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if s.share("percent_text") >= 0.5:
        return True, f"{_pct(s.share('percent_text'))} written with %"
    if not _numeric(s, fam) or not s.numbers or s.share("leading_zero") > 0:
        return False, "not numeric"
    return share_in(s.numbers, -1000, 1000) == 1.0, "numbers within +-1000"


def _measure(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam == "string" and s.share("unit_number") >= 0.8:
        return True, f"{_pct(s.share('unit_number'))} are numbers with a unit"
    if fam == "string" and with_units(s):
        return True, f"{_pct(s.share('measure_text'))} are numbers, some with a unit of one measure"
    if s.share("leading_zero") > 0.0:
        return False, f"{_pct(s.share('leading_zero'))} have leading zeros (codes, not numbers)"
    return _numeric(s, fam) and fam != "boolean", "numeric values"


def with_units(s: ValueStats) -> bool:
    """Numbers, some written with a unit, the units all of one measure (`94.1 mm`, `9.41 cm`,
    `94.1`): a measure, not a category, however few distinct values it has."""
    if s.share("measure_text") < 0.9:
        return False
    units = [u for u in map(unit_of, s.texts) if u and u != "%"]  # `%`: the percent check's
    return len(units) >= max(2, 0.02 * s.n) and consistent(units)


def _postal(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam in ("float", "decimal") or (s.numbers and not _ints(s)):
        return False, "fractional numbers"
    if fam == "integer" or (s.share("numeric") == 1.0 and s.share("leading_zero") == 0):
        share = share_in(s.numbers, 500, 99999)
        return share == 1.0, f"{_pct(share)} integers fit a 5-digit ZIP (leading zeros lost)"
    share = s.share("postal")
    return share >= _STRICT, f"{_pct(share)} match postal code formats"


def _boolean(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam == "boolean":
        return True, "SQL type is BOOLEAN"
    distinct = {t.lower() for t in s.texts}
    truths = {t in _TRUE for t in distinct}
    spellings = len({t for t in s.texts})
    if len(distinct) <= 2 and s.share("bool_word") == 1.0:
        return True, f"{len(distinct)} distinct yes/no-like values"
    if s.share("bool_word") >= 0.98 and len(truths) == 2 and fam == "string":
        return True, f"{spellings} spellings of yes/no ({_pct(s.share('bool_word'))} of values)"
    return False, "not a two-valued flag"


def _words(max_words: int, need: float = 0.9) -> Check:
    def check(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
        if fam != "string" or not s.texts:
            return False, "not text"
        lengths = {len(t) for t in s.texts}
        if (s.share("code_like") >= 0.8 and sum(lengths) / len(lengths) <= 4) or (
                len(lengths) == 1 and max(lengths) <= 4):
            return False, "short fixed-length codes"
        short = sum(len(t.split()) <= max_words and len(t) <= 60 for t in s.texts) / s.n
        share = s.share("alpha_words")
        return share >= need and short >= need, f"{_pct(share)} are words of letters"
    return check


def _person(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    ok, why = _words(5)(s, fam, ratio)
    known, org = s.share("person_word"), s.share("org")
    if not ok:
        return ok, why
    ok = known >= 0.55 and org < 0.3 and s.distinct >= 5
    return ok, f"{_pct(known)} contain a common given or family name"


def _address(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    street, house = s.share("street"), s.share("house_number")
    ok = fam == "string" and (street >= 0.3 or (house >= 0.6 and street >= 0.05))
    return ok, f"{_pct(max(street, house))} look like street addresses"


def _free_text(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    multi = sum(len(t.split()) >= 4 or len(t) >= 40 for t in s.texts) / max(s.n, 1)
    return fam == "string" and multi >= 0.5, f"{_pct(multi)} have four words or more"


def _categorical(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam in ("float", "decimal", "date", "timestamp", "time") or (s.numbers and not _ints(s)):
        return False, "continuous values"
    ok = fam == "string" or ratio <= 0.5 or s.distinct <= 12
    return ok, f"{s.distinct} distinct values in {s.n}"


def _identifier(s: ValueStats, fam: str, ratio: float) -> tuple[bool, str]:
    if fam in ("float", "decimal", "date", "timestamp", "time", "boolean") or (s.numbers and not _ints(s)):
        return False, "not key-like values"
    spaced = sum(" " in t for t in s.texts) / max(s.n, 1)
    return spaced <= 0.1 and ratio >= 0.9, f"distinct ratio {ratio:.2f}"


CHECKS: dict[str, Check] = {
    "email": _share_check("email", "the e-mail pattern"),
    "phone": _share_check("phone", "phone number formats"),
    "url": _share_check("url", "the URL pattern"),
    "uuid": _share_check("uuid", "the UUID pattern", 0.95),
    "ip_address": _share_check("ip", "IPv4/IPv6 addresses", 0.95),
    "credit_card": _share_check("luhn", "card numbers with a valid Luhn checksum", 0.95),
    "date": _date,
    "timestamp": _timestamp,
    "time": _time,
    "year": _year,
    "money": _money,
    "percent": _percent,
    "country_code": _share_check("country", "ISO 3166 country codes", 0.9),
    "currency_code": _share_check("currency", "ISO 4217 currency codes", 0.9),
    "postal_code": _postal,
    "person_name": _person,
    "address": _address,
    "city": _words(5),
    "boolean": _boolean,
    "categorical": _categorical,
    "identifier": _identifier,
    "free_text": _free_text,
    "latitude": _range(-90, 90, "[-90, 90]"),
    "longitude": _range(-180, 180, "[-180, 180]"),
    "numeric_measure": _measure,
}


def allowed_types(stats: ValueStats, sql_type: str, ratio: float) -> dict[str, str]:
    """Every built-in type the values allow, with the evidence sentence for each."""
    fam = sql_family(sql_type)
    out: dict[str, str] = {}
    for name, check in CHECKS.items():
        ok, why = check(stats, fam, ratio)
        if ok:
            out[name] = why
    return out
