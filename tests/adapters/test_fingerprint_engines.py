"""Healing contracts fingerprint a table in its own warehouse: the same real table (Palmer
penguins, plus text columns written the way exports write them: dates as d/m/Y text, numbers
with a decimal comma, 'NA' tokens, yes/no flags) gives the same fingerprint on DuckDB, Postgres
and Spark, field by field. Only the top-values hashes may differ (each engine hashes its own
text of the values, and only ever compares them with its own)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa
import pytest
from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.heal import live_contract
from datanet_sql.heal.contract import Contract
from datanet_sql.heal.types import family

HASHES = ("top_hash", "clean_hash", "parsed_hash")


def _penguins() -> pa.Table:
    """344 penguins, with columns of every family the fingerprint treats differently."""
    import palmerpenguins

    frame = palmerpenguins.load_penguins()
    rows = frame.to_dict("records")
    day = [dt.date(int(r["year"]), 1 + i % 12, 1 + i % 28) for i, r in enumerate(rows)]
    mass = [None if r["body_mass_g"] != r["body_mass_g"] else int(r["body_mass_g"]) for r in rows]
    bill = [None if r["bill_length_mm"] != r["bill_length_mm"] else r["bill_length_mm"]
            for r in rows]
    return pa.table({
        "species": [r["species"] for r in rows],
        "sex": [None if r["sex"] != r["sex"] else r["sex"] for r in rows],
        "bill_length_mm": pa.array(bill, pa.float64()),
        "bill_depth": pa.array([None if b is None else Decimal(f"{b / 2:.2f}") for b in bill],
                               pa.decimal128(6, 2)),
        "body_mass_g": pa.array(mass, pa.int64()),
        "observed_on": pa.array(day, pa.date32()),
        "observed_at": pa.array([dt.datetime.combine(d, dt.time(8 + i % 10, 5 * (i % 12)))
                                 for i, d in enumerate(day)], pa.timestamp("us")),
        "observed_text": [f"{d.day:02d}/{d.month:02d}/{d.year}" if i % 17 else "NA"
                          for i, d in enumerate(day)],
        "iso_text": [d.isoformat() for d in day],
        "stamp_text": [f"{d.isoformat()} {8 + i % 10:02d}:{5 * (i % 12):02d}:00"
                       for i, d in enumerate(day)],
        "mass_text": ["NA" if m is None else str(m) for m in mass],
        "bill_comma": ["" if b is None else f"{b}".replace(".", ",") for b in bill],
        "heavy": ["yes" if (m or 0) > 4000 else "no" for m in mass],
    })


def _fingerprint(adapter: Adapter) -> Contract:
    relation = Relation("fp_penguins", adapter.schema_of(Relation("fp_penguins")))
    adapter.load_arrow(relation, _penguins())
    found = live_contract(adapter, relation, source="raw", table="penguins")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def reference() -> Contract:
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    return _fingerprint(DuckDBAdapter({"path": ":memory:", "schema": "main"}))


def test_reference_fingerprint_reads_the_export_columns(reference: Contract) -> None:
    """What the other engines must reproduce is worth reproducing."""
    col = reference.column
    assert reference.row_count == 344
    assert col("observed_text").date_formats == ("%d/%m/%Y",)
    assert col("observed_text").parse_rates["DATE"] == 0 and col("observed_text").token_rate
    assert col("iso_text").parse_rates["DATE"] == 1 and col("stamp_text").parse_rates["DATE"] == 1
    assert col("mass_text").parse_rates["BIGINT"] == 1 and col("heavy").parse_rates["BOOLEAN"] == 1
    assert col("bill_comma").parse_rates["DOUBLE_COMMA"] == 1
    assert col("bill_comma").parse_rates["DOUBLE"] < 0.1  # only the round ones read as numbers
    assert col("observed_text").parsed_hash and col("bill_comma").parsed_hash
    assert col("observed_on").integral is None and col("observed_at").integral is False


@pytest.mark.parametrize("engine", ["postgres", "spark"])
def test_fingerprint_matches_duckdb(engine: str, reference: Contract,
                                    request: pytest.FixtureRequest) -> None:
    found = _fingerprint(request.getfixturevalue(f"{engine}_adapter"))
    assert found.row_count == reference.row_count
    assert [c.name for c in found.columns] == [c.name for c in reference.columns]
    for want in reference.columns:
        got = found.column(want.name)
        assert family(got.type) == family(want.type), (engine, want.name, got.type)
        for field, value in vars(want).items():
            if field in HASHES:
                assert bool(getattr(got, field)) == bool(value), (engine, want.name, field)
            elif field == "mean" and value is not None:
                assert got.mean == pytest.approx(value, rel=1e-9), (engine, want.name)
            elif field not in ("type", "json_paths"):
                assert getattr(got, field) == value, (engine, want.name, field)


# text values a parse probe must judge as DuckDB's TRY_CAST / TRY_STRPTIME do (DuckDB's
# oddities are left out: year 0, 24:00:00, hexadecimal, 1_000, inf and -infinity as dates)
TRICKY = [
    "1", " 1 ", "+1", "-2.5", "1.5", "1e3", ".5", "5.", "1,5", "12abc", "", "abc", "NaN", "9223372036854775807", "9223372036854775808", "2024-01-05",
    "2024-1-5", "2024/01/05", "2024 01 05", "2024.01.05", "20240105", "2024-02-30", "2023-02-29",
    "2024-02-29", "1900-02-29", "2000-02-29", "0024-02-29", "24-2-29", "2024-04-31",
    "2024-01-05 10:00:00", "2024-01-05T10:00:00", "2024-01-05 10:00", "2024-01-05  9:05",
    "2024-01-05 10:00:00.1234567", "2024-01-05T10:00:00Z", "2024-01-05 10:00:00+05:30",
    "2024-01-05 10:60:00", "2024-13-01", "true", "TRUE", "t", "yes", "n", "on", "0", "True ",
    "05/01/2024", "5/1/2024", "5/1/24", "31/04/2024", "29/02/24", "02/29/2004", "12/31/2024",
    "05/01/2024 10:00", "13/01/2024 00:00", "01/13/2024 23:59", "05 Jan 2024", "5  JAN 2024",
    "5 January 2024", "Jan 5, 2024", "Jan 5,2024", "Feb 29, 1996", "29 Feb 2023", "05/01/68",
    "05/01/69", "20230229", "05.01.2024", "31-12-2024", "12-31-2024", "  5/1/2024 ",
]


def _judged(adapter: Adapter) -> dict[str, list[object]]:
    """Every probe on every tricky value, as text (NULL where it does not parse)."""
    from sqlglot import exp

    from datanet_sql.heal.fingerprint import DATE_FORMATS
    from datanet_sql.heal.probes import safe_cast, safe_strptime

    relation = Relation("fp_tricky", adapter.schema_of(Relation("fp_tricky")))
    adapter.load_arrow(relation, pa.table({"v": pa.array(TRICKY, pa.string())}))
    v, dialect = exp.column("v", quoted=True), adapter.dialect
    probes = [safe_cast(v, t, dialect) for t in ("BIGINT", "DOUBLE", "DATE", "TIMESTAMP")]
    probes += [safe_strptime(v, f, dialect, date=date) for f in DATE_FORMATS
               for date in (False, True)]
    flags = [safe_cast(v, t, dialect, check_only=True) for t in ("DATE", "TIMESTAMP")]
    flags += [safe_strptime(v, f, dialect, check_only=True) for f in DATE_FORMATS]
    _, rows = adapter.fetch(exp.select(v, *[exp.cast(p, "TEXT") for p in probes],
                                       *[exp.Not(this=exp.Is(this=f, expression=exp.null()))
                                         for f in flags],
                                       exp.cast(safe_cast(v, "BOOLEAN", dialect), "INT"))
                            .from_(relation.table()))
    return {row[0]: [_same(x) for x in row[1:]] for row in rows}


def _same(value: object) -> object:
    """Engines spell the same number or time differently as text."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value.replace("T", " ")
        return "nan" if number != number else number
    return value


@pytest.mark.parametrize("engine", ["postgres", "spark"])
def test_parse_probes_judge_values_as_duckdb_does(engine: str, duckdb_adapter: Adapter,
                                                  request: pytest.FixtureRequest) -> None:
    want = _judged(duckdb_adapter)
    got = _judged(request.getfixturevalue(f"{engine}_adapter"))
    assert got == want
