"""Name evidence: split a column name into tokens and read what the tokens suggest.

Names are the cheapest evidence and the least reliable (`code`, `x`, `value`), so each hint has
a weight, and the caller only lets a name choose among types the values allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

STRONG, MEDIUM, WEAK = 4.0, 1.8, 0.8


def tokenise(name: str) -> list[str]:
    """`cust_email_addr` -> [cust, email, addr]; `EmailAddress` -> [email, address]; `col_7` -> [col, 7]."""
    tokens: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        tokens.extend(t.lower() for t in _CAMEL.findall(part))
    return tokens


@dataclass(frozen=True)
class NameHint:
    """One type a name suggests, how strongly, and the token(s) that said so (for evidence)."""

    semantic: str
    weight: float
    token: str


# token -> (semantic, weight); looked up for every token of the name
_TOKENS: dict[str, tuple[str, float]] = {}


def _add(semantic: str, weight: float, words: str) -> None:
    for w in words.split():
        _TOKENS[w] = (semantic, weight)


_add("email", STRONG, "email emails mail emailaddress mailto")
_add("phone", STRONG, "phone phones tel telephone mobile cell fax msisdn phonenumber")
_add("url", STRONG, "url urls uri website homepage href link weblink")
_add("uuid", STRONG, "uuid guid")
_add("ip_address", STRONG, "ip ipv4 ipv6 ipaddr ipaddress")
_add("credit_card", STRONG, "creditcard pan cc ccnum")
_add("date", STRONG, "date dob birthday birthdate dt")
_add("timestamp", STRONG, "timestamp ts datetime")
_add("timestamp", MEDIUM, "at time_hour created updated modified")
_add("time", WEAK, "time")
_add("year", STRONG, "year yr yyyy")
_add("money", STRONG, "price prices cost costs amount amt revenue salary salaries wage wages fee fees "
     "fare fares payment payments spend sales profit profits dollars usd eur gbp balance budget "
     "earnings expenditure income incomes pay paid charge charges tax msrp invoice gdp capital "
     "assets marketvalue premium rent")
_add("money", MEDIUM, "value total subtotal")
_add("percent", STRONG, "percent pct perc percentage humid humidity ret")
_add("percent", MEDIUM, "rate ratio share prop proportion unemp")
_add("country_code", MEDIUM, "country iso iso2 iso3 alpha2 alpha3 countrycode")
_add("currency_code", STRONG, "currency ccy curr")
_add("postal_code", STRONG, "zip zipcode postal postcode plz zcta")
_add("person_name", STRONG, "firstname lastname fullname surname forename author maintainer "
     "employee customer contact person")
_add("person_name", MEDIUM, "first last given middle family")
_add("person_name", WEAK, "name")  # values must contain common given or family names
_add("address", STRONG, "address addr street streetaddress address1 address2 line1 line2 road")
_add("city", STRONG, "city town municipality locality")
_add("boolean", STRONG, "is has flag active enabled bool yn")
_add("boolean", MEDIUM, "married union smoker")
_add("categorical", MEDIUM, "type status category kind class group gender sex species island "
     "carrier origin dest destination state region segment tier level mode color colour cut "
     "clarity variety site genus division league team source tz tzone weather manufacturer "
     "engine model symbol series party continent")
_add("identifier", STRONG, "id ids key pk fk uid sku tailnum isbn")
_add("identifier", MEDIUM, "ref num no nr number")
_add("free_text", STRONG, "description desc comment comments notes note text body message review "
     "summary remark remarks bio")
_add("latitude", STRONG, "lat latitude")
_add("latitude", MEDIUM, "y")
_add("longitude", STRONG, "lon lng long longitude")
_add("longitude", MEDIUM, "x")
_add("numeric_measure", MEDIUM, "count qty quantity length width height weight mass depth size "
     "distance duration delay speed temp temperature score age mm cm km kg lbs miles mpg "
     "minutes hours seconds month day hour minute sec population pop visits n alt altitude "
     "horsepower cylinders seats engines precip pressure wind gust visib")

# prefixes of run-together names (`percwhite`, `pctchange`)
_PREFIXES: dict[str, tuple[str, float]] = {"perc": ("percent", MEDIUM), "pct": ("percent", MEDIUM)}

# pairs of tokens that mean something their parts do not
_PAIRS: dict[tuple[str, str], tuple[str, float]] = {
    ("first", "name"): ("person_name", STRONG),
    ("last", "name"): ("person_name", STRONG),
    ("full", "name"): ("person_name", STRONG),
    ("given", "name"): ("person_name", STRONG),
    ("family", "name"): ("person_name", STRONG),
    ("middle", "name"): ("person_name", STRONG),
    ("country", "code"): ("country_code", STRONG),
    ("currency", "code"): ("currency_code", STRONG),
    ("zip", "code"): ("postal_code", STRONG),
    ("postal", "code"): ("postal_code", STRONG),
    ("ip", "address"): ("ip_address", STRONG),
    ("email", "address"): ("email", STRONG),
    ("credit", "card"): ("credit_card", STRONG),
    ("card", "number"): ("credit_card", STRONG),
    ("phone", "number"): ("phone", STRONG),
    ("created", "at"): ("timestamp", STRONG),
    ("updated", "at"): ("timestamp", STRONG),
    ("time", "hour"): ("timestamp", STRONG),
}


# tokens that make a name mean "a difference of" or "an error of": no longer a coordinate or a date
_MODIFIERS = frozenset("delta diff difference change chg err error std stddev var variance".split())
_MODIFIED = frozenset({"latitude", "longitude", "year", "date", "timestamp", "time"})


def name_hints(name: str) -> list[NameHint]:
    """Every hint the tokens of `name` give; pairs outrank their single tokens."""
    tokens = tokenise(name)
    hints = _hints(tokens)
    modifier = next((t for t in tokens if t in _MODIFIERS), None)
    if modifier is None:
        return hints
    kept = [h for h in hints if h.semantic not in _MODIFIED]
    return kept + [NameHint("numeric_measure", MEDIUM, modifier)]


def _hints(tokens: list[str]) -> list[NameHint]:
    hints: dict[str, NameHint] = {}
    joined = "".join(tokens)
    candidates = [(t, _TOKENS.get(t)) for t in tokens] + [(joined, _TOKENS.get(joined))]
    candidates += [(t, hit) for t in tokens for p, hit in _PREFIXES.items()
                   if t.startswith(p) and t not in _TOKENS]
    candidates += [(f"{a} {b}", _PAIRS.get((a, b))) for a, b in zip(tokens, tokens[1:])]
    for token, hit in candidates:
        if hit is None:
            continue
        semantic, weight = hit
        best = hints.get(semantic)
        if best is None or weight > best.weight:
            hints[semantic] = NameHint(semantic, weight, token)
    return sorted(hints.values(), key=lambda h: -h.weight)
