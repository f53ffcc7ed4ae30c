"""The real-data drift scenarios: a CSV export before and after an upstream change, a model,
and the outcome a careful engineer would accept, written down before the first run.

`before` is the first `n_before` rows of the base table, written as `fmt` writes them (the
export the contract is recorded from). The truth is the next export without drift: every row
of the base table (after `truth_rows`), written the same way; the expected rows are the model
(or `expected_model`, where a careful engineer would have edited the model) over the truth.
`after(truth)` writes the drifted export's text. `expect`: heal (the model must build and
return exactly the expected rows), refuse (no safe heal exists: the run must stop the model),
either (a correct heal or a refusal are both fine; wrong rows never are).

`split` is dev (tuned on) or heldout (looked at only to score).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

import tables as t

Frame = pd.DataFrame


def csv(df: Frame, **kw: object) -> str:
    out = io.StringIO()
    df.to_csv(out, index=False, **kw)
    return out.getvalue()


def renamed(mapping: dict[str, str]) -> Callable[[Frame], str]:
    return lambda df: csv(df.rename(columns=mapping))


def header(names: Callable[[list[str]], list[str]]) -> Callable[[Frame], str]:
    """The same rows with the header line rewritten (raw text: no reader dedupes it)."""
    def write(df: Frame) -> str:
        text = csv(df)
        first, rest = text.split("\n", 1)
        return ",".join(names(first.split(","))) + "\n" + rest
    return write


def _swap(a: str, b: str) -> Callable[[list[str]], list[str]]:
    return lambda names: [b if n == a else a if n == b else n for n in names]


def with_dates(fmt: str, column: str = "obs_date") -> Callable[[Frame], str]:
    def write(df: Frame) -> str:
        out = df.copy()
        out[column] = pd.to_datetime(out[column]).dt.strftime(fmt)
        return csv(out)
    return write


def edit(fn: Callable[[Frame], Frame]) -> Callable[[Frame], str]:
    return lambda df: csv(fn(df.copy()))


def _assign(df: Frame, **cols: object) -> Frame:
    for name, value in cols.items():
        df[name] = value(df) if callable(value) else value
    return df


def _rename_json(old: tuple[str, ...], new: tuple[str, ...]) -> Callable[[Frame], Frame]:
    def move(doc: dict) -> dict:
        node = doc
        for key in old[:-1]:
            node = node[key]
        value = node.pop(old[-1])
        node = doc
        for key in new[:-1]:
            node = node.setdefault(key, {})
        node[new[-1]] = value
        return doc
    return lambda df: _assign(df, attrs=lambda d: [json.dumps(move(json.loads(a))) for a in d["attrs"]])


def _drop_json(path: tuple[str, ...]) -> Callable[[Frame], Frame]:
    def drop(doc: dict) -> dict:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node.pop(path[-1])
        return doc
    return lambda df: _assign(df, attrs=lambda d: [json.dumps(drop(json.loads(a))) for a in d["attrs"]])


@dataclass(frozen=True)
class Scenario:
    name: str
    split: str
    table: Callable[[], Frame]
    n_before: int
    model: str
    after: Callable[[Frame], str] | None
    expect: str
    reason: str
    fmt: Callable[[Frame], str] = csv
    truth_rows: Callable[[Frame], Frame] | None = None
    expected_model: str | None = None


SRC = "{{ source('raw', 't') }}"
STORM_WIND = (f"SELECT status, count(*) AS n, round(avg(wind), 3) AS wind, "
              f"round(avg(pressure), 2) AS pressure FROM {SRC} GROUP BY status")
STORM_MONTH = (f"SELECT date_trunc('month', obs_date) AS month, count(*) AS n, "
               f"round(avg(wind), 2) AS wind FROM {SRC} GROUP BY 1")
STORM_POS = f"SELECT obs_id, name, lat, long FROM {SRC}"
NBA = f"SELECT player_id, first_name, last_name, team FROM {SRC}"
NBA_INITIALS = (f"SELECT upper(substr(last_name, 1, 1)) AS initial, count(*) AS n "
                f"FROM {SRC} GROUP BY 1")
CPS = (f"SELECT sector, gender, round(avg(wage), 3) AS wage, round(avg(education), 3) AS edu, "
       f"count(*) AS n FROM {SRC} GROUP BY sector, gender")
PCS = (f"SELECT ram, round(avg(price), 2) AS price, round(avg(hd), 2) AS hd, count(*) AS n "
       f"FROM {SRC} GROUP BY ram")
GAP = (f"SELECT continent, year, round(avg(lifeExp), 3) AS life, round(avg(gdpPercap), 2) AS gdp "
       f"FROM {SRC} GROUP BY continent, year")
RESUME = (f"SELECT name, city, count(*) AS n, sum(CASE WHEN call = 'yes' THEN 1 ELSE 0 END) "
          f"AS calls FROM {SRC} GROUP BY name, city")
INSPECT = (f"SELECT Year, count(*) AS n, round(avg(inspection_score), 3) AS score, "
           f"sum(NumberofLocations) AS locations FROM {SRC} GROUP BY Year")
STOPS_JSON = (f"SELECT json_extract_string(attrs, '$.person.race') AS race, count(*) AS n "
              f"FROM {SRC} GROUP BY 1")
STOPS_PRECINCT = (f"SELECT CAST(json_extract_string(attrs, '$.precinct') AS INTEGER) AS "
                  f"precinct, count(*) AS n FROM {SRC} GROUP BY 1")
MLB = f"SELECT player_id, name, team, HR FROM {SRC}"
PC_IDS = f"SELECT CAST(pc_id AS INTEGER) AS pc_id, price FROM {SRC}"
GAP_POP = (f"SELECT country, year, CAST(pop AS INTEGER) AS pop FROM {SRC}")

BIG = 3_000_000_000


def _big_ids(df: Frame) -> Frame:
    df = df.copy()
    df.loc[df.index >= 600, "pc_id"] = df.loc[df.index >= 600, "pc_id"] + BIG
    return df


def _world_rows(df: Frame) -> Frame:
    world = df.groupby("year", as_index=False).agg(pop=("pop", "sum"), lifeExp=("lifeExp", "mean"),
                                                   gdpPercap=("gdpPercap", "mean"))
    world["country"], world["continent"] = "World", "World"
    return pd.concat([df, world[df.columns]], ignore_index=True)


def _days_le_12(df: Frame) -> Frame:
    return df[pd.to_datetime(df.obs_date).dt.day <= 12].reset_index(drop=True)


SCENARIOS: list[Scenario] = [
    # -- kind 1: a file column whose raw text changed form -------------------------------
    Scenario("dates_dmy_ambiguous_batch", "dev", t.storms, 300, STORM_MONTH,
             with_dates("%d/%m/%Y"), "refuse",
             "contract m/d/Y; new batch d/m/Y with every day <= 12: the order cannot be known",
             fmt=with_dates("%m/%d/%Y"), truth_rows=_days_le_12),
    Scenario("dates_mdy_ambiguous_batch", "dev", t.storms, 300, STORM_MONTH,
             with_dates("%m/%d/%Y"), "either",
             "same text form as the contract, but every day <= 12: reading it is a guess",
             fmt=with_dates("%m/%d/%Y"), truth_rows=_days_le_12),
    Scenario("dates_iso_to_dmy_clear", "dev", t.storms, 300, STORM_MONTH,
             with_dates("%d/%m/%Y"), "heal",
             "days > 12 make d/m/Y the only reading: parse with it"),
    Scenario("decimal_comma_wind", "dev", t.storms, 300, STORM_WIND,
             edit(lambda d: _assign(d, lat=lambda x: x.lat.map(lambda v: f"{v}".replace(".", ",")))),
             "heal", "lat is not read; wind unchanged: nothing the model reads changed"),
    Scenario("decimal_comma_read_column", "dev", t.computers, 200, PCS,
             edit(lambda d: _assign(d, hd=lambda x: (x.hd / 10).map(lambda v: f"{v:.1f}".replace(".", ",")))),
             "refuse", "hd now '34,0' = 340/10: decimal comma AND a unit change; parsed values "
             "do not match the contract"),
    Scenario("thousands_separator", "heldout", t.storms, 300, STORM_WIND,
             edit(lambda d: _assign(d, pressure=lambda x: x.pressure.map(lambda v: f"{v:,}"))),
             "either", "'1,013' is 1013 with a thousands mark or 1.013 with a decimal comma: "
             "only 1013 matches the contract"),
    Scenario("dates_to_day_month_name", "heldout", t.mpls_stops, 400,
             f"SELECT stop_date, count(*) AS n FROM {SRC} GROUP BY 1",
             with_dates("%d %b %Y", "stop_date"), "heal", "'01 Jan 2017' is unambiguous"),
    Scenario("dates_dmy_ambiguous_mpls", "heldout", t.mpls_stops, 400,
             f"SELECT date_trunc('month', stop_date) AS m, count(*) AS n FROM {SRC} GROUP BY 1",
             with_dates("%d/%m/%Y", "stop_date"), "refuse",
             "contract m/d/Y; new batch d/m/Y, days <= 12 only",
             fmt=with_dates("%m/%d/%Y", "stop_date"),
             truth_rows=lambda d: d[pd.to_datetime(d.stop_date).dt.day <= 12].reset_index(drop=True)),
    # -- kind 2: PII columns swapped or changed meaning ----------------------------------
    Scenario("pii_first_last_swapped", "dev", t.nba, 200, NBA,
             header(_swap("first_name", "last_name")), "either",
             "first and last name headers swapped: heal by values or refuse; never the swap"),
    Scenario("pii_name_now_city", "dev", t.resumes, 400, RESUME,
             edit(lambda d: _assign(d, name=lambda x: x.city.str.title())), "refuse",
             "name now holds city names: a change of meaning under the same header"),
    Scenario("pii_name_form_changed", "heldout", t.mlb, 400, MLB,
             edit(lambda d: _assign(d, name=lambda x: x.name.map(
                 lambda v: " ".join(reversed([p.strip() for p in str(v).split(",")]))))),
             "refuse", "'Allard, K' became 'K Allard': the model would output other text"),
    Scenario("pii_swapped_name_initials", "heldout", t.nba, 200, NBA_INITIALS,
             header(_swap("first_name", "last_name")), "either",
             "first/last swapped under an aggregate of last_name"),
    # -- kind 3: rename chains -----------------------------------------------------------
    Scenario("rename_chain_price", "dev", t.computers, 200, PCS,
             renamed({"price": "unit_price", "hd": "price"}), "either",
             "price -> unit_price and hd -> price with rows grown: read unit_price, or refuse"),
    Scenario("rename_chain_wage", "dev", t.cps, 200, CPS,
             renamed({"wage": "hourly_wage", "education": "wage"}), "either",
             "wage -> hourly_wage, education -> wage: the name wage now means education"),
    Scenario("rename_chain_gapminder", "heldout", t.gapminder, 600, GAP,
             renamed({"lifeExp": "life_expectancy", "gdpPercap": "lifeExp"}), "either",
             "lifeExp -> life_expectancy and gdpPercap -> lifeExp"),
    Scenario("rename_rotation_three", "heldout", t.computers, 200, PCS,
             renamed({"price": "hd", "hd": "ram", "ram": "price"}), "either",
             "three read columns rotated their names"),
    # -- kind 4: case collisions ---------------------------------------------------------
    Scenario("case_collision_wage", "dev", t.cps, 200, CPS,
             edit(lambda d: _assign(d, Wage=lambda x: (x.wage * 100).round(0))), "refuse",
             "a new Wage (cents) beside wage: which one is meant cannot be told"),
    Scenario("case_collision_year", "heldout", t.inspections, 800, INSPECT,
             edit(lambda d: _assign(d, year=lambda x: x.Year - 2000)), "refuse",
             "a new `year` beside `Year`"),
    # -- kind 5: JSON kept as text in a CSV column ---------------------------------------
    Scenario("json_text_key_renamed", "dev", t.mpls_stops, 400, STOPS_JSON,
             edit(_rename_json(("person", "race"), ("person", "race_code"))), "heal",
             "person.race renamed person.race_code, same values"),
    Scenario("json_text_key_removed", "dev", t.mpls_stops, 400, STOPS_JSON,
             edit(_drop_json(("person", "race"))), "refuse", "the key the model reads is gone"),
    Scenario("json_text_key_moved", "heldout", t.mpls_stops, 400, STOPS_PRECINCT,
             edit(_rename_json(("precinct",), ("location", "precinct"))), "heal",
             "precinct moved under location, same values"),
    # -- kind 6: the model's own cast overflows -----------------------------------------
    Scenario("cast_int_overflow_ids", "dev", t.computers, 200, PC_IDS,
             csv, "heal", "ids passed 2^31: widen CAST to BIGINT",
             truth_rows=_big_ids,
             expected_model=f"SELECT CAST(pc_id AS BIGINT) AS pc_id, price FROM {SRC}"),
    Scenario("cast_int_overflow_pop", "heldout", t.gapminder, 600, GAP_POP,
             csv, "heal", "World totals pass 2^31: widen the cast",
             truth_rows=_world_rows,
             expected_model=f"SELECT country, year, CAST(pop AS BIGINT) AS pop FROM {SRC}"),
    # -- ordinary drift and decoys ---------------------------------------------------------
    Scenario("rename_business_name", "dev", t.inspections, 800,
             f"SELECT business_name, count(*) AS n FROM {SRC} GROUP BY 1",
             renamed({"business_name": "restaurant"}), "heal", "values identical"),
    Scenario("retype_int_to_float_text", "dev", t.inspections, 800, INSPECT,
             edit(lambda d: _assign(d, inspection_score=lambda x: x.inspection_score.astype(float))),
             "heal", "94 -> 94.0: same numbers"),
    Scenario("reorder_columns", "dev", t.cps, 200, CPS,
             lambda df: csv(df[list(reversed(df.columns))]), "heal", "order only"),
    Scenario("added_columns", "dev", t.gapminder, 600, GAP,
             edit(lambda d: _assign(d, iso=lambda x: x.country.str[:3].str.upper())), "heal",
             "a new column is ignored"),
    Scenario("dropped_read_column", "dev", t.cps, 200, CPS,
             lambda df: csv(df.drop(columns=["education"])), "refuse", "the model reads it"),
    Scenario("dropped_unread_column", "dev", t.cps, 200, CPS,
             lambda df: csv(df.drop(columns=["age"])), "heal", "the model does not read age"),
    Scenario("upper_case_headers", "dev", t.gapminder, 600, GAP,
             header(lambda names: [n.upper() for n in names]), "heal", "case only"),
    Scenario("rename_with_unit_decoy", "dev", t.storms, 300, STORM_WIND,
             edit(lambda d: _assign(d.rename(columns={"wind": "wind_kt"}),
                                    wind_kmh=lambda x: (x.wind_kt * 1.852).round(1))),
             "heal", "wind -> wind_kt (same values); wind_kmh is a scaled decoy"),
    Scenario("unit_change_pressure", "dev", t.storms, 300, STORM_WIND,
             edit(lambda d: _assign(d, pressure=lambda x: x.pressure / 10)), "refuse",
             "hPa -> kPa: numbers 10x smaller"),
    Scenario("na_tokens_in_numbers", "dev", t.gapminder, 600, GAP,
             edit(lambda d: _assign(d, lifeExp=lambda x: x.lifeExp.astype(object).where(
                 x.index % 50 != 7, "NA"))), "refuse",
             "NA replaced real numbers: the truth has values there"),
    Scenario("empty_export", "dev", t.cps, 200, CPS,
             lambda df: csv(df.iloc[:0]), "refuse", "an empty file would replace good rows"),
    Scenario("whitespace_padded_text", "heldout", t.resumes, 400, RESUME,
             edit(lambda d: _assign(d, city=lambda x: " " + x.city)), "either",
             "city padded with a space: trim back, or refuse"),
    Scenario("lat_long_swapped", "heldout", t.storms, 300, STORM_POS,
             header(_swap("lat", "long")), "either", "two numeric headers swapped"),
    Scenario("boolean_to_01", "heldout", t.inspections, 800,
             f"SELECT Weekend, count(*) AS n FROM {SRC} GROUP BY 1",
             edit(lambda d: _assign(d, Weekend=lambda x: x.Weekend.astype(int))), "either",
             "TRUE/FALSE became 1/0"),
    Scenario("rename_plus_price_decoy", "heldout", t.computers, 200, PCS,
             edit(lambda d: _assign(d.rename(columns={"price": "price_usd"}),
                                    price=lambda x: (x.price_usd * 0.87).round(0))), "either",
             "price -> price_usd and a new price in another currency"),
    Scenario("retype_text_ids_leading_zero", "heldout", t.storms, 300, STORM_POS,
             edit(lambda d: _assign(d, obs_id=lambda x: x.obs_id.map(lambda v: f"{v:06d}"))), "either",
             "ids zero-padded: the same numbers when read as integers"),
    Scenario("rename_chain_nba_team", "heldout", t.nba, 200, NBA,
             renamed({"team": "franchise", "position": "team"}), "either",
             "team -> franchise and position -> team"),
]

# -- held-out batch 2: written after dev reached 24/24, scored once -----------------------
CPS88 = (f"SELECT region, round(avg(wage), 2) AS wage, round(avg(experience), 3) AS exp, "
         f"count(*) AS n FROM {SRC} GROUP BY region")
BIRTHS = (f"SELECT habit, sex, round(avg(weight), 3) AS weight, round(avg(gained), 3) AS gained, "
          f"count(*) AS n FROM {SRC} GROUP BY habit, sex")
AVOCADO = (f"SELECT date_trunc('month', Date) AS month, round(avg(AveragePrice), 4) AS price "
           f"FROM {SRC} GROUP BY 1")
SW = f"SELECT name, homeworld, species FROM {SRC}"


def _avocado_window(df: Frame) -> Frame:
    return df[pd.to_datetime(df.Date).dt.day <= 12].reset_index(drop=True)


SCENARIOS += [
    Scenario("h2_swap_wage_experience", "heldout2", t.cps88, 500, CPS88,
             header(_swap("wage", "experience")), "either", "two numeric headers swapped"),
    Scenario("h2_rename_chain_weight", "heldout2", t.births, 300, BIRTHS,
             renamed({"weight": "weight_lbs", "gained": "weight"}), "either",
             "weight -> weight_lbs and gained -> weight"),
    Scenario("h2_dates_ambiguous_dmy", "heldout2", t.avocado, 60, AVOCADO,
             with_dates("%d/%m/%Y", "Date"), "refuse",
             "contract m/d/Y, new batch d/m/Y with days <= 12", fmt=with_dates("%m/%d/%Y", "Date"),
             truth_rows=_avocado_window),
    Scenario("h2_dates_iso_to_mdy", "heldout2", t.avocado, 60, AVOCADO,
             with_dates("%m/%d/%Y", "Date"), "heal", "days > 12 present: m/d/Y is certain"),
    Scenario("h2_case_collision_sex", "heldout2", t.births, 300, BIRTHS,
             edit(lambda d: _assign(d, Sex=lambda x: x.sex.str[0].str.upper())), "refuse",
             "a new Sex beside sex"),
    Scenario("h2_pii_names_replaced", "heldout2", t.starwars, 40, SW,
             edit(lambda d: _assign(d, name=lambda x: x.homeworld)), "refuse",
             "name now holds homeworlds"),
    Scenario("h2_rename_region", "heldout2", t.cps88, 500, CPS88,
             renamed({"region": "census_region"}), "heal", "same values"),
    Scenario("h2_unit_weight_kg", "heldout2", t.births, 300, BIRTHS,
             edit(lambda d: _assign(d, weight=lambda x: (x.weight * 0.4536).round(3))), "refuse",
             "pounds -> kilograms"),
    Scenario("h2_na_in_gained", "heldout2", t.births, 300, BIRTHS,
             edit(lambda d: _assign(d, gained=lambda x: x.gained.astype(object).where(
                 x.gained.notna(), "NA"))), "heal",
             "gained already had missing values; now written NA"),
    Scenario("h2_reorder_and_upper", "heldout2", t.cps88, 500, CPS88,
             lambda df: csv(df[list(reversed(df.columns))].rename(columns=str.upper)), "heal",
             "order and case only"),
]

# -- held-out batch 3: written after batch 2 was looked at, scored once ---------------------
FATAL = (f"SELECT year, sum(fatal) AS fatal, round(avg(beertax), 4) AS tax, "
         f"round(avg(unemp), 3) AS unemp FROM {SRC} GROUP BY year")
HEIGHTS = f"SELECT last_name, first_name, h_in FROM {SRC}"
SCORE = (f"SELECT state_abbr, count(*) AS n, round(avg(earnings_med), 1) AS earnings "
         f"FROM {SRC} GROUP BY state_abbr")
SCORE_IDS = f"SELECT CAST(unitid AS INTEGER) AS unitid, inst_name FROM {SRC}"


def _unitids_grown(df: Frame) -> Frame:
    df = df.copy()
    df.loc[df.index >= 500, "unitid"] = df.loc[df.index >= 500, "unitid"] * 10_000
    return df


SCENARIOS += [
    Scenario("h3_swap_tax_unemp", "heldout3", t.fatalities, 150, FATAL,
             header(_swap("beertax", "unemp")), "either", "two numeric headers swapped"),
    Scenario("h3_rename_chain_state", "heldout3", t.fatalities, 150, FATAL,
             renamed({"fatal": "fatalities", "spirits": "fatal"}), "either",
             "fatal -> fatalities and spirits -> fatal"),
    Scenario("h3_names_swapped", "heldout3", t.nba_heights, 200, HEIGHTS,
             header(_swap("first_name", "last_name")), "either", "PII headers swapped"),
    Scenario("h3_heights_cm", "heldout3", t.nba_heights, 200, HEIGHTS,
             edit(lambda d: _assign(d, h_in=lambda x: (x.h_in * 2.54).round(0))), "refuse",
             "inches -> centimetres under the same name"),
    Scenario("h3_similar_new_column", "heldout3", t.scorecard, 500, SCORE,
             edit(lambda d: _assign(d, state_abbr2=lambda x: x.state_abbr.str.lower())), "heal",
             "a new state_abbr2 (lower-cased copy) is only an added column"),
    Scenario("h3_case_collision_exact", "heldout3", t.scorecard, 500, SCORE,
             edit(lambda d: _assign(d, STATE_ABBR=lambda x: x.state_abbr.str.lower())), "refuse",
             "STATE_ABBR beside state_abbr"),
    Scenario("h3_rename_inst_name", "heldout3", t.scorecard, 500,
             f"SELECT inst_name, count(*) AS n FROM {SRC} GROUP BY 1",
             renamed({"inst_name": "institution"}), "heal", "same values, rows grew"),
    Scenario("h3_cast_overflow_unitid", "heldout3", t.scorecard, 500, SCORE_IDS, csv, "heal",
             "new unit ids pass 2^31: widen the cast", truth_rows=_unitids_grown,
             expected_model=f"SELECT CAST(unitid AS BIGINT) AS unitid, inst_name FROM {SRC}"),
    Scenario("h3_earnings_text_na", "heldout3", t.scorecard, 500, SCORE,
             edit(lambda d: _assign(d, earnings_med=lambda x: x.earnings_med.astype(object).where(
                 x.earnings_med.notna(), "NULL"))), "heal",
             "earnings already had missing values, now written NULL"),
    Scenario("h3_drop_unread", "heldout3", t.fatalities, 150, FATAL,
             lambda df: csv(df.drop(columns=["income", "spirits"])), "heal",
             "dropped columns the model does not read"),
]
