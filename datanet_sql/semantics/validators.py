"""Value evidence: validators (regex, checksum, range) and the per-column statistics they feed.

A sample is read once into `ValueStats` (text forms, parsed numbers, shares that match each
validator); the classifier's features and the rule that values win over names both read it, so
the values are only walked once per column.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from datanet_sql.semantics.reference import (
    BOOLEAN_WORDS,
    COUNTRY_ALPHA2,
    COUNTRY_ALPHA3,
    CURRENCY_CODES,
)
from datanet_sql.semantics.units import is_number_text, unit_of

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
URL = re.compile(r"(?:https?|ftp)://[^\s/$.?#][^\s]*|www\.[^\s]+\.[a-z]{2,}[^\s]*", re.I)
UUID = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?")
IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:/\d{1,2})?")
IPV6 = re.compile(r"(?=.*:)[0-9a-fA-F:]{2,39}(?:/\d{1,3})?")
PHONE = re.compile(r"\+?[\d\s().-]{7,22}(?:\s*(?:x|ext\.?)\s*\d{1,5})?")
POSTAL = re.compile(
    r"\d{5}(?:-\d{4})?"  # US ZIP, ZIP+4
    r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"  # UK
    r"|[A-Z]\d[A-Z] ?\d[A-Z]\d"  # Canada
    r"|\d{4}(?: ?[A-Z]{2})?"  # AT, BE, CH, DK, NL, AU ...
    r"|\d{3}-\d{4}|\d{2}-\d{3}|\d{6}",  # JP, PL, IN/CN/RU
    re.I,
)
DATE_PATTERNS = (
    re.compile(r"\d{4}-\d{1,2}-\d{1,2}"),
    re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}"),
    re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}"),
    re.compile(r"\d{4}/\d{1,2}/\d{1,2}"),
    re.compile(r"\d{8}"),
    re.compile(r"(?:\d{1,2} )?[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}"),
)
TIME = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?: ?[AaPp][Mm])?")
TIMESTAMP = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}| ?[A-Z]{3})?"
    r"|\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?"
)
MONEY_TEXT = re.compile(r"[-+]?\s*[$€£¥]\s*-?[\d,]+(?:\.\d+)?|[-+]?[\d,]+(?:\.\d+)?\s*(?:USD|EUR|GBP|€|\$)", re.I)
PERCENT_TEXT = re.compile(r"[-+]?\d+(?:[.,]\d+)?\s*%")
UNIT_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?\s?(?:[a-zA-Zµ°]{1,5}\.?|°[CF])(?:/[a-zA-Z]{1,3})?")
HOUSE_NUMBER = re.compile(r"\d{1,6}[A-Za-z]?,?\s+[A-Za-zÀ-ÿ]+\.?\s+[A-Za-zÀ-ÿ]+|[A-Za-zÀ-ÿ .'-]+\s\d{1,5}[a-z]?(?:,|$)")
_NUMBER_CLEAN = re.compile(r"[$€£¥%,\s]|USD|EUR|GBP", re.I)
STREET_WORDS = frozenset("st st. street ave ave. avenue rd rd. road blvd blvd. boulevard dr dr. drive ln lane "
                         "way ct court pl place pkwy highway hwy suite apt unit sq square terrace".split())
ORG_WORDS = frozenset("inc inc. corp corp. co co. llc ltd ltd. company airlines airline airways airport "
                      "municipal regional international intl field county university bank group "
                      "association club hospital school college center centre".split())

_PERSON_NAMES: frozenset[str] | None = None


def person_names() -> frozenset[str]:
    """Common given and family names (Faker's lists for a few locales), lower-cased, loaded once."""
    global _PERSON_NAMES
    if _PERSON_NAMES is None:
        import importlib

        words: set[str] = set()
        for locale in ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR"):
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
                words.update(w.lower() for w in getattr(provider, attr, ()) or ())
        _PERSON_NAMES = frozenset(words)
    return _PERSON_NAMES


def has_person_name(s: str) -> bool:
    names = person_names()
    return any(w.strip(".,()").lower() in names for w in s.split())


# what hand-made files write for "no value": read as NULL, not as a category
NULL_TOKENS = frozenset({"null", "n/a", "none", "nan", "nil", "-", "--", "?", "#n/a", "(null)"})

EPOCH_S = (3.0e8, 4.2e9)  # 1979 .. 2103
EPOCH_MS = (3.0e11, 4.2e12)


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum that payment card numbers carry (catches random 16-digit numbers)."""
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = ord(ch) - 48
        if i % 2 == parity:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def is_ip(s: str) -> bool:
    if IPV4.fullmatch(s):
        return True
    if s.count(":") >= 2 and IPV6.fullmatch(s):
        try:
            import ipaddress

            ipaddress.ip_network(s, strict=False)
            return True
        except ValueError:
            return False
    return False


def is_phone(s: str) -> bool:
    if not PHONE.fullmatch(s):
        return False
    main = re.split(r"\s*(?:x|ext\.?)\s*", s, maxsplit=1)[0]
    digits = sum(c.isdigit() for c in main)
    longest = 17 if main.startswith("00") else 15  # 00 + country code + 15 digits
    return 7 <= digits <= longest and (not s.isdigit() or len(s) >= 10)


def is_date(s: str) -> bool:
    return len(s) <= 20 and any(p.fullmatch(s) for p in DATE_PATTERNS) and not s.isdigit() or (
        len(s) == 8 and s.isdigit() and s[:2] in ("19", "20") and "01" <= s[4:6] <= "12")


def to_text(value: object) -> str | None:
    """The text form a value is judged by; None for SQL NULL and NaN."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    text = str(value).strip()
    return None if not text or text.lower() in NULL_TOKENS else text


def to_number(value: object, text: str) -> float | None:
    """The number a value stands for ('$1,200.50' and '12%' included), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if not text or len(text) > 30 or not any(c.isdigit() for c in text):
        return None
    try:
        return float(_NUMBER_CLEAN.sub("", text))
    except ValueError:
        return None


@dataclass
class ValueStats:
    """One column's sample, read once: texts, numbers and the share matching each validator."""

    n_total: int
    texts: list[str]
    numbers: list[float]
    raw_types: set[str]
    shares: dict[str, float] = field(default_factory=dict)
    distinct: int = 0

    @property
    def n(self) -> int:
        return len(self.texts)

    def share(self, key: str) -> float:
        return self.shares.get(key, 0.0)


def read_values(values: Sequence[object]) -> ValueStats:
    """Walk the sample once; validators run on distinct texts only (samples repeat a lot)."""
    texts: list[str] = []
    numbers: list[float] = []
    raw_types: set[str] = set()
    drop_na = _r_style_na(values)
    for v in values:
        t = to_text(v)
        if t is None or (drop_na and t == "NA"):
            continue
        texts.append(t)
        raw_types.add(type(v).__name__)
        num = to_number(v, t)
        if num is not None and math.isfinite(num):
            numbers.append(num)
    stats = ValueStats(len(values), texts, numbers, raw_types)
    stats.distinct = len(set(texts))
    stats.shares = _shares(texts) if texts else {}
    stats.shares["numeric"] = len(numbers) / len(texts) if texts else 0.0
    return stats


def _r_style_na(values: Sequence[object]) -> bool:
    """'NA' is R's missing value in numbers read as text; elsewhere it may be Namibia."""
    texts = [v for v in values if isinstance(v, str) and v.strip() and v.strip() != "NA"]
    if len(texts) == sum(isinstance(v, str) for v in values) or not texts:
        return False
    numeric = sum(to_number(t, t.strip()) is not None for t in texts[:200])
    return numeric >= 0.9 * min(len(texts), 200)


_CHECKS: dict[str, object] = {
    "email": lambda s: EMAIL.fullmatch(s) is not None,
    "url": lambda s: URL.fullmatch(s) is not None,
    "uuid": lambda s: UUID.fullmatch(s) is not None,
    "ip": is_ip,
    "phone": is_phone,
    "luhn": lambda s: (d := s.replace(" ", "").replace("-", "")).isdigit() and 13 <= len(d) <= 19 and luhn_ok(d),
    "country2": lambda s: s.upper() in COUNTRY_ALPHA2 and len(s) == 2 and s.isalpha(),
    "country3": lambda s: s.upper() in COUNTRY_ALPHA3 and len(s) == 3 and s.isalpha(),
    "currency": lambda s: s.upper() in CURRENCY_CODES and len(s) == 3,
    "postal": lambda s: POSTAL.fullmatch(s) is not None,
    "bool_word": lambda s: s.lower() in BOOLEAN_WORDS,
    "date": is_date,
    "timestamp": lambda s: TIMESTAMP.fullmatch(s) is not None,
    "time": lambda s: TIME.fullmatch(s) is not None,
    "money_text": lambda s: MONEY_TEXT.fullmatch(s) is not None,
    "percent_text": lambda s: PERCENT_TEXT.fullmatch(s) is not None,
    "alpha_words": lambda s: all(w.replace(".", "").replace("-", "").replace("'", "").isalpha()
                                 for w in s.split()),
    "street": lambda s: any(c.isdigit() for c in s) and any(
        w.lower().strip(",") in STREET_WORDS for w in s.split()),
    "org": lambda s: any(w.lower().strip(",") in ORG_WORDS for w in s.split()),
    "title_case": lambda s: all(w[:1].isupper() for w in s.split() if w[:1].isalpha()) and any(
        c.islower() for c in s),
    "person_word": has_person_name,
    "unit_number": lambda s: UNIT_NUMBER.fullmatch(s) is not None,
    "measure_text": lambda s: is_number_text(s) or unit_of(s) is not None,
    "house_number": lambda s: HOUSE_NUMBER.match(s) is not None,
    "leading_zero": lambda s: len(s) > 1 and s[0] == "0" and s.isdigit(),
    "code_like": lambda s: len(s) <= 12 and " " not in s and s.upper() == s and any(c.isalpha() for c in s),
}


_MAX_DISTINCT_CHECKED = 300  # validators see at most this many distinct values (with counts)


def _shares(texts: list[str]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for t in texts:
        if t in counts:
            counts[t] += 1
        elif len(counts) < _MAX_DISTINCT_CHECKED:
            counts[t] = 1
    total = sum(counts.values())
    out: dict[str, float] = {}
    for key, check in _CHECKS.items():
        hit = sum(c for t, c in counts.items() if check(t))  # type: ignore[operator]
        out[key] = hit / total
    out["country"] = max(out["country2"], out["country3"])
    return out


def epoch_unit(numbers: Sequence[float]) -> str | None:
    """'s' or 'ms' when every number is an integer in the epoch range of that unit."""
    if not numbers or any(x != int(x) for x in numbers):
        return None
    lo, hi = min(numbers), max(numbers)
    if EPOCH_S[0] <= lo and hi <= EPOCH_S[1]:
        return "s"
    if EPOCH_MS[0] <= lo and hi <= EPOCH_MS[1]:
        return "ms"
    return None


def share_in(numbers: Sequence[float], lo: float, hi: float) -> float:
    if not numbers:
        return 0.0
    return sum(lo <= x <= hi for x in numbers) / len(numbers)
