"""Synthetic training columns made with Faker (seeded), one generator per semantic type.

Each generator returns the values of one column and the SQL type it would have, in the forms
real warehouses hold them (typed or as text from CSV, several locales and spellings), so the
classifier learns shapes rather than one format. Same seed, same columns, same model.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import uuid
from collections.abc import Callable

Column = tuple[list[object], str]
_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "en_CA", "pt_BR")


class Pools:
    """Values drawn once per type from Faker; columns are samples of these pools."""

    def __init__(self, seed: int, size: int = 240) -> None:
        from faker import Faker

        Faker.seed(seed)
        self.fake = Faker(list(_LOCALES))
        self.fake.seed_instance(seed)
        f, us = self.fake, self.fake["en_US"]
        loc = lambda fn: [fn(self.fake[lc]) for lc in _LOCALES for _ in range(size // len(_LOCALES))]  # noqa: E731
        self.email = [f.email() for _ in range(size)] + [f.company_email() for _ in range(size // 4)]
        self.phone = loc(lambda x: x.phone_number())
        self.url = [f.url() for _ in range(size)] + [f.uri() for _ in range(size)]
        self.first = loc(lambda x: x.first_name())
        self.last = loc(lambda x: x.last_name())
        self.full = loc(lambda x: x.name())
        self.street = loc(lambda x: x.street_address())
        self.address = loc(lambda x: x.address().replace("\n", ", "))
        # it_IT's city() depends on PYTHONHASHSEED (a set inside Faker): leave it out
        self.city = [self.fake[lc].city() for lc in _LOCALES if lc != "it_IT"
                     for _ in range(size // (len(_LOCALES) - 1))]
        self.postcode = loc(lambda x: x.postcode()) + [us.zipcode() for _ in range(size)]
        self.zip_plus4 = [us.zipcode_plus4() for _ in range(size // 4)]
        self.company = loc(lambda x: x.company())
        self.words = [us.word() for _ in range(size)]
        self.sentences = [us.sentence(nb_words=random.Random(i).randint(4, 18)) for i in range(size)]
        self.paragraphs = [us.paragraph() for _ in range(size // 2)]
        self.cards = [us.credit_card_number() for _ in range(size)]
        self.currency = [us.currency_code() for _ in range(size)]
        self.countries = [us.country_code() for _ in range(size)] + [
            us.country_code(representation="alpha-3") for _ in range(size)]
        self.country_names = [us.country() for _ in range(size)]
        self.jobs = [us.job() for _ in range(size // 2)]


def _pick(rng: random.Random, pool: list, n: int) -> list:
    return [rng.choice(pool) for _ in range(n)]


def _nulls(rng: random.Random, values: list) -> list:
    rate = rng.choice((0.0, 0.0, 0.05, 0.2))
    return [None if rng.random() < rate else v for v in values]


def _text_or_typed(rng: random.Random, values: list, typed: str) -> Column:
    """Half the time the column arrived as text (CSV), the other half typed by the warehouse."""
    if rng.random() < 0.35:
        return [None if v is None else str(v) for v in values], "VARCHAR"
    return values, typed


def gen_email(p: Pools, r: random.Random, n: int) -> Column:
    vals = _pick(r, p.email, n)
    return ([v.upper() for v in vals] if r.random() < 0.1 else vals), "VARCHAR"


def gen_phone(p: Pools, r: random.Random, n: int) -> Column:
    if r.random() < 0.3:
        fmt = r.choice(("({a}) {b}-{c}", "{a}-{b}-{c}", "+1 {a} {b} {c}", "{a}.{b}.{c}", "{a}{b}{c}"))
        return [fmt.format(a=r.randint(201, 989), b=r.randint(200, 999), c=f"{r.randint(0, 9999):04d}")
                for _ in range(n)], "VARCHAR"
    return _pick(r, p.phone, n), "VARCHAR"


def gen_url(p: Pools, r: random.Random, n: int) -> Column:
    return _pick(r, p.url, n), "VARCHAR"


def gen_uuid(p: Pools, r: random.Random, n: int) -> Column:
    vals = [str(uuid.UUID(int=r.getrandbits(128), version=4)) for _ in range(n)]
    return ([v.upper() for v in vals] if r.random() < 0.2 else vals), r.choice(("VARCHAR", "UUID"))


def gen_ip_address(p: Pools, r: random.Random, n: int) -> Column:
    v6 = r.random() < 0.25
    if v6:
        return [":".join(f"{r.getrandbits(16):x}" for _ in range(8)) for _ in range(n)], "VARCHAR"
    private = r.random() < 0.4
    return [f"{r.choice((10, 192, 172)) if private else r.randint(1, 223)}.{r.randint(0, 255)}."
            f"{r.randint(0, 255)}.{r.randint(1, 254)}" for _ in range(n)], "VARCHAR"


def gen_credit_card(p: Pools, r: random.Random, n: int) -> Column:
    return _pick(r, p.cards, n), "VARCHAR"


def _dates(r: random.Random, n: int) -> list[dt.date]:
    start = dt.date(r.randint(1950, 2022), 1, 1).toordinal()
    span = r.choice((30, 365, 3650, 20000))
    return [dt.date.fromordinal(start + r.randint(0, span)) for _ in range(n)]


def gen_date(p: Pools, r: random.Random, n: int) -> Column:
    ds = _dates(r, n)
    fmt = r.choice((None, None, "%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%b %d, %Y", "%d/%m/%Y"))
    if fmt is None:
        return ds, "DATE"
    return [d.strftime(fmt) for d in ds], "VARCHAR"


def gen_timestamp(p: Pools, r: random.Random, n: int) -> Column:
    base = dt.datetime(r.randint(1985, 2025), 1, 1)
    span = r.choice((3600 * 24, 3600 * 24 * 365, 3600 * 24 * 3650))
    ts = [base + dt.timedelta(seconds=r.randint(0, span)) for _ in range(n)]
    if r.random() < 0.15:  # hourly data lands on the hour
        ts = [t.replace(minute=0, second=0) for t in ts]
    kind = r.choice(("typed", "typed", "iso", "iso_t", "epoch_s", "epoch_ms", "us"))
    if kind == "typed":
        return ts, r.choice(("TIMESTAMP", "TIMESTAMP WITH TIME ZONE"))
    if kind.startswith("epoch"):
        mult = 1000 if kind == "epoch_ms" else 1
        vals = [int(t.replace(tzinfo=dt.timezone.utc).timestamp()) * mult for t in ts]
        return _text_or_typed(r, vals, "BIGINT")
    fmt = {"iso": "%Y-%m-%d %H:%M:%S", "iso_t": "%Y-%m-%dT%H:%M:%SZ", "us": "%m/%d/%Y %H:%M"}[kind]
    return [t.strftime(fmt) for t in ts], "VARCHAR"


def gen_time(p: Pools, r: random.Random, n: int) -> Column:
    fmt = r.choice(("%H:%M:%S", "%H:%M", "%I:%M %p"))
    vals = [dt.time(r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)) for _ in range(n)]
    if fmt == "%H:%M:%S" and r.random() < 0.5:
        return vals, "TIME"
    return [v.strftime(fmt) for v in vals], "VARCHAR"


def gen_year(p: Pools, r: random.Random, n: int) -> Column:
    lo = r.randint(1900, 2015)
    return _text_or_typed(r, [r.randint(lo, min(lo + r.choice((3, 10, 40, 80)), 2030)) for _ in range(n)],
                          r.choice(("INTEGER", "BIGINT", "SMALLINT")))


def gen_money(p: Pools, r: random.Random, n: int) -> Column:
    scale = 10 ** r.uniform(0, 5)
    kind = r.choice(("cents", "cents", "whole", "text", "neg"))
    vals: list[object] = [round(r.lognormvariate(0, 1) * scale, 2) for _ in range(n)]
    if kind == "whole":
        vals = [round(float(v), -1) if scale > 100 else float(int(v)) for v in vals]  # type: ignore[arg-type]
    if kind == "neg":
        vals = [round(v - scale, 2) for v in vals]  # type: ignore[operator]
    if kind == "text":
        sym = r.choice(("$", "€", "£", ""))
        return [f"{sym}{v:,.2f}" for v in vals], "VARCHAR"
    return _text_or_typed(r, vals, r.choice(("DOUBLE", "DECIMAL(12,2)")))


def gen_percent(p: Pools, r: random.Random, n: int) -> Column:
    kind = r.choice(("0_100", "0_1", "text", "change"))
    if kind == "0_1":
        return _text_or_typed(r, [round(r.random(), r.choice((2, 3, 4))) for _ in range(n)], "DOUBLE")
    if kind == "change":
        return _text_or_typed(r, [round(r.gauss(0, 3), 2) for _ in range(n)], "DOUBLE")
    vals = [round(r.betavariate(2, 2) * 100, r.choice((0, 1, 2))) for _ in range(n)]
    if kind == "text":
        return [f"{v}%" for v in vals], "VARCHAR"
    return _text_or_typed(r, vals, "DOUBLE")


def gen_country_code(p: Pools, r: random.Random, n: int) -> Column:
    size = r.randint(3, 60)
    three = r.random() < 0.4
    pool = [c for c in p.countries if (len(c) == 3) == three]
    return _pick(r, r.sample(pool, min(size, len(pool))), n), "VARCHAR"


def gen_currency_code(p: Pools, r: random.Random, n: int) -> Column:
    pool = r.sample(sorted(set(p.currency)), r.randint(2, 30))
    return _pick(r, pool, n), "VARCHAR"


def gen_postal_code(p: Pools, r: random.Random, n: int) -> Column:
    kind = r.choice(("mixed", "us", "us", "us_int", "plus4"))
    if kind == "us_int":
        return [r.randint(501, 99950) for _ in range(n)], r.choice(("INTEGER", "BIGINT"))
    if kind == "plus4":
        return _pick(r, p.zip_plus4, n), "VARCHAR"
    if kind == "us":
        return [f"{r.choice((r.randint(501, 9999), r.randint(10000, 99950))):05d}" for _ in range(n)], "VARCHAR"
    return _pick(r, p.postcode, n), "VARCHAR"


def gen_person_name(p: Pools, r: random.Random, n: int) -> Column:
    pool = r.choice((p.first, p.last, p.full, p.full))
    vals = _pick(r, pool, n)
    if r.random() < 0.1:
        vals = [v.upper() for v in vals]
    return vals, "VARCHAR"


def gen_address(p: Pools, r: random.Random, n: int) -> Column:
    return _pick(r, r.choice((p.street, p.street, p.address)), n), "VARCHAR"


def gen_city(p: Pools, r: random.Random, n: int) -> Column:
    return _pick(r, r.sample(p.city, r.randint(5, len(p.city))), n), "VARCHAR"


_MESSY_TRUE = ("true", "TRUE", "yes", "Y", "y", "1", "True")
_MESSY_FALSE = ("false", "FALSE", "no", "N", "n", "0", "False")


def gen_boolean(p: Pools, r: random.Random, n: int) -> Column:
    if r.random() < 0.2:  # hand-typed flags: many spellings of two answers
        share = r.uniform(0.05, 0.95)
        return [r.choice(_MESSY_TRUE) if r.random() < share else r.choice(_MESSY_FALSE)
                for _ in range(n)], "VARCHAR"
    pair = r.choice(((True, False), (True, False), ("Y", "N"), ("yes", "no"), ("Yes", "No"),
                     (1, 0), ("true", "false"), ("T", "F"), ("1", "0")))
    share = r.uniform(0.05, 0.95)
    vals = [pair[0] if r.random() < share else pair[1] for _ in range(n)]
    typed = "BOOLEAN" if isinstance(pair[0], bool) else "INTEGER" if isinstance(pair[0], int) else "VARCHAR"
    return vals, typed


def gen_categorical(p: Pools, r: random.Random, n: int) -> Column:
    k = r.randint(2, 25)
    kind = r.choice(("words", "words", "titles", "codes", "ints", "companies", "countries", "jobs"))
    if kind == "ints":
        pool: list = r.sample(range(1, 60), k)
        return _text_or_typed(r, _pick(r, pool, n), "INTEGER")
    if kind == "codes":
        length = r.randint(1, 4)
        pool = ["".join(r.choices(string.ascii_uppercase + (string.digits if r.random() < .3 else ""),
                                  k=length)) for _ in range(k)]
    elif kind == "titles":
        pool = [w.title() for w in r.sample(p.words, k)]
    elif kind == "companies":
        pool = r.sample(p.company, k)
    elif kind == "countries":
        pool = r.sample(p.country_names, k)
    elif kind == "jobs":
        pool = r.sample(p.jobs, k)
    else:
        pool = [w if r.random() < .7 else f"{w}_{r.choice(p.words)}" for w in r.sample(p.words, k)]
    weights = [r.random() ** 2 + 0.01 for _ in pool]
    return r.choices(pool, weights=weights, k=n), "VARCHAR"


def gen_identifier(p: Pools, r: random.Random, n: int) -> Column:
    kind = r.choice(("seq", "seq", "rand", "code", "hex", "fk"))
    start = r.choice((1, 1, 1000, 100000, 5_000_000))
    if kind == "seq":
        vals: list = r.sample(range(start, start + n * r.choice((1, 1, 3))), n)
        return _text_or_typed(r, vals, r.choice(("INTEGER", "BIGINT")))
    if kind == "fk":
        pool = r.sample(range(start, start + 10 * n), max(2, n // r.randint(2, 8)))
        return _text_or_typed(r, _pick(r, pool, n), r.choice(("INTEGER", "BIGINT")))
    if kind == "rand":
        return [r.randint(10**6, 10**12) for _ in range(n)], "BIGINT"
    if kind == "hex":
        return ["".join(r.choices("0123456789abcdef", k=r.choice((8, 12, 24, 32)))) for _ in range(n)], "VARCHAR"
    prefix = "".join(r.choices(string.ascii_uppercase, k=r.randint(0, 3)))
    sep = r.choice(("", "-", "_"))
    width = r.randint(3, 8)
    return [f"{prefix}{sep}{r.randint(0, 10**width - 1):0{width}d}" for _ in range(n)], "VARCHAR"


def gen_free_text(p: Pools, r: random.Random, n: int) -> Column:
    return _pick(r, r.choice((p.sentences, p.sentences, p.paragraphs)), n), "VARCHAR"


def gen_latitude(p: Pools, r: random.Random, n: int) -> Column:
    lo = r.uniform(-80, 70)
    width = r.choice((0.5, 5, 20, 150 - max(lo, -70)))
    vals = [round(r.uniform(lo, min(lo + width, 89.9)), r.choice((2, 4, 5, 6, 6))) for _ in range(n)]
    return _text_or_typed(r, vals, "DOUBLE")


def gen_longitude(p: Pools, r: random.Random, n: int) -> Column:
    lo = r.uniform(-179, 170)
    width = r.choice((0.5, 5, 40, 179.9 - lo))
    vals = [round(r.uniform(lo, min(lo + width, 179.9)), r.choice((2, 4, 5, 6, 6))) for _ in range(n)]
    return _text_or_typed(r, vals, "DOUBLE")


def gen_numeric_measure(p: Pools, r: random.Random, n: int) -> Column:
    kind = r.choice(("count", "normal", "lognormal", "small", "uniform", "signed"))
    if kind == "count":
        lam = 10 ** r.uniform(0, 4)
        return _text_or_typed(r, [int(r.gauss(lam, lam ** 0.5 + 1)) if lam > 30 else
                                  sum(r.random() < lam / 30 for _ in range(30)) for _ in range(n)], "BIGINT")
    if kind == "small":
        hi = r.choice((7, 12, 24, 31, 59, 100))
        return _text_or_typed(r, [r.randint(0 if hi in (24, 59) else 1, hi) for _ in range(n)], "INTEGER")
    mu, sd = r.uniform(-50, 500), 10 ** r.uniform(-1, 3)
    digits = r.choice((0, 1, 1, 2, 3))
    gen: Callable[[], float] = {
        "normal": lambda: r.gauss(mu, sd),
        "lognormal": lambda: r.lognormvariate(0, 1) * sd,
        "uniform": lambda: r.uniform(0, sd * 5),
        "signed": lambda: r.gauss(0, sd),
    }[kind]
    return _text_or_typed(r, [round(gen(), digits) for _ in range(n)], r.choice(("DOUBLE", "FLOAT", "DECIMAL(10,2)")))


GENERATORS: dict[str, Callable[[Pools, random.Random, int], Column]] = {
    name.removeprefix("gen_"): fn for name, fn in globals().items() if name.startswith("gen_")
}


def synthetic_columns(seed: int = 7, per_type: int = 50) -> list[tuple[str, list[object], str]]:
    """(semantic, values, sql_type) for `per_type` columns of every built-in type, deterministic."""
    pools = Pools(seed)
    rng = random.Random(seed)
    out: list[tuple[str, list[object], str]] = []
    for semantic, gen in GENERATORS.items():
        for _ in range(per_type):
            n = rng.choice((15, 40, 80, 150))
            values, sql_type = gen(pools, rng, n)
            out.append((semantic, _nulls(rng, values), sql_type))
    return out
