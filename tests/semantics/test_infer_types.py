"""Each built-in type is recognised from realistic values, and values beat misleading names."""

from __future__ import annotations

import datetime as dt

import pytest

from datanet_sql.semantics import infer_column

D = dt.date(2024, 1, 1)

CASES = [
    ("email", "VARCHAR", ["ann.lee@gmail.com", "bob@shop.co.uk", "c.diaz@example.org", "dj@x.io"] * 5, "email"),
    ("phone", "VARCHAR", ["+1 212-555-0147", "(415) 555-0199", "+44 20 7946 0958", "+49 30 901820"] * 5, "phone"),
    ("website", "VARCHAR", ["https://python.org/about", "http://duckdb.org", "https://a.b.com/x?y=1"] * 5, "url"),
    ("request_id", "VARCHAR", ["1b4e28ba-2fa1-11d2-883f-0016d3cca427", "6fa459ea-ee8a-3ca4-894e-db77e160355e",
                               "16fd2706-8baf-433b-82eb-8c7fada847da", "886313e1-3b8a-5372-9b90-0c9aee199e5d"] * 4, "uuid"),
    ("client_ip", "VARCHAR", ["192.168.1.10", "10.0.0.7", "8.8.8.8", "2001:db8::1", "172.16.4.2"] * 4, "ip_address"),
    ("card", "VARCHAR", ["4111111111111111", "5500005555555559", "340000000000009", "6011000990139424"] * 4,
     "credit_card"),
    ("signup_date", "DATE", [D + dt.timedelta(days=i * 7) for i in range(40)], "date"),
    ("created_at", "TIMESTAMP", [dt.datetime(2024, 1, 1, 8, 30) + dt.timedelta(minutes=97 * i) for i in range(40)],
     "timestamp"),
    ("opens", "VARCHAR", ["09:00", "10:30", "08:15", "12:00", "07:45", "11:20"] * 4, "time"),
    ("model_year", "INTEGER", [1998, 2004, 2011, 2015, 2019, 2020, 2021, 2007] * 4, "year"),
    ("unit_price", "DOUBLE", [19.99, 5.49, 120.0, 3.75, 49.95, 8.99, 15.25, 250.0] * 4, "money"),
    ("discount_pct", "DOUBLE", [10.0, 15.5, 5.0, 20.0, 12.5, 30.0, 7.5, 0.0] * 4, "percent"),
    ("country", "VARCHAR", ["US", "DE", "FR", "GB", "NL", "ES", "IT", "CA", "BR", "JP"] * 3, "country_code"),
    ("currency", "VARCHAR", ["USD", "EUR", "GBP", "JPY", "CHF", "CAD"] * 5, "currency_code"),
    ("zip", "VARCHAR", ["02134", "10001", "94105", "60614", "07030", "30301", "98101", "00501"] * 3, "postal_code"),
    ("customer_name", "VARCHAR", ["John Smith", "Maria Garcia", "Wei Chen", "Anna Müller", "James Brown",
                                  "Linda Johnson", "Robert Davis", "Sarah Wilson"] * 3, "person_name"),
    ("street", "VARCHAR", ["12 Main St", "450 Park Avenue", "7 Elm Road", "1600 Pennsylvania Ave NW",
                           "221B Baker Street", "35 Oak Lane"] * 3, "address"),
    ("city", "VARCHAR", ["Boston", "Chicago", "Seattle", "Denver", "Austin", "Portland", "Atlanta"] * 3, "city"),
    ("is_active", "BOOLEAN", [True, False, True, True, False] * 6, "boolean"),
    ("subscribed", "VARCHAR", ["Y", "N", "Y", "Y", "N"] * 6, "boolean"),
    ("status", "VARCHAR", ["shipped", "pending", "cancelled", "shipped", "returned"] * 8, "categorical"),
    ("order_id", "BIGINT", list(range(1001, 1061)), "identifier"),
    ("review", "VARCHAR", ["Great product, arrived on time and works as described.",
                           "The box was damaged but support replaced it within two days.",
                           "Not what I expected; the colour is much darker than the photos."] * 5, "free_text"),
    ("lat", "DOUBLE", [40.7128, 34.0522, 41.8781, 29.7604, 33.4484, 39.9526, 47.6062] * 3, "latitude"),
    ("lng", "DOUBLE", [-74.006, -118.2437, -87.6298, -95.3698, -112.074, -75.1652, -122.3321] * 3, "longitude"),
    ("quantity", "INTEGER", [1, 3, 2, 5, 1, 1, 4, 2, 7, 3, 2, 1] * 3, "numeric_measure"),
]


@pytest.mark.parametrize(("name", "sql_type", "values", "expected"), CASES, ids=[c[3] for c in CASES])
def test_each_type(model, name, sql_type, values, expected) -> None:
    got = infer_column(name, sql_type, values, model=model)
    assert got.semantic == expected, got
    assert got.evidence


def test_pii_flags_follow_the_vocabulary(model) -> None:
    assert infer_column("email", "VARCHAR", ["a@b.com", "c@d.org"] * 5, model=model).pii
    assert not infer_column("status", "VARCHAR", ["a", "b"] * 5, model=model).pii


def test_evidence_is_human_readable(model) -> None:
    got = infer_column("cust_email_addr", "VARCHAR", ["a@x.com", "bob@y.org"] * 10, model=model)
    assert "name token 'email'" in got.evidence
    assert any("match the e-mail pattern" in e for e in got.evidence)
    assert 0.9 <= got.confidence <= 1.0


def test_empty_column_falls_back_to_name(model) -> None:
    got = infer_column("EmailAddress", "VARCHAR", [None, None], model=model)
    assert got.semantic == "email" and got.confidence < 0.9


# -- values win over names -------------------------------------------------------------------

AIRPORTS = ["JFK", "LGA", "EWR", "ATL", "ORD", "LAX", "SFO", "BOS", "SEA", "DEN", "MIA", "DFW"]


def test_code_holding_airport_codes_is_categorical(model) -> None:
    got = infer_column("code", "VARCHAR", AIRPORTS * 10, model=model)
    assert got.semantic == "categorical"


def test_x_y_holding_coordinates(model) -> None:
    lon = [-73.778925, -73.872611, -74.168667, -84.428067, -87.904842, -118.408075, -122.374889, -71.005181]
    lat = [40.639751, 40.777245, 40.6925, 33.636719, 41.978603, 33.942536, 37.618972, 42.364347]
    assert infer_column("x", "DOUBLE", lon * 3, model=model).semantic == "longitude"
    assert infer_column("y", "DOUBLE", lat * 3, model=model).semantic == "latitude"


def test_epoch_integers_are_timestamps(model) -> None:
    seconds = [1357052400 + 3600 * i * 7 for i in range(50)]
    assert infer_column("created", "BIGINT", seconds, model=model).semantic == "timestamp"
    millis = [s * 1000 for s in seconds]
    got = infer_column("event", "BIGINT", millis, model=model)
    assert got.semantic == "timestamp"
    assert any("epoch" in e for e in got.evidence)


def test_zip_codes_with_leading_zeros_are_never_measures(model) -> None:
    zips = ["02134", "01003", "10001", "06511", "07030", "00501", "08540", "03755"] * 4
    for name in ("zip", "code", "col_3", "amount"):
        got = infer_column(name, "VARCHAR", zips, model=model)
        assert got.semantic != "numeric_measure" and got.semantic != "money", (name, got)
    assert infer_column("zip", "VARCHAR", zips, model=model).semantic == "postal_code"


def test_misleading_email_name_with_numbers(model) -> None:
    got = infer_column("email", "BIGINT", list(range(1, 80)), model=model)
    assert got.semantic != "email"


# -- messy hand-made files ---------------------------------------------------------------------

def test_many_spellings_of_yes_and_no_are_boolean(model) -> None:
    values = ["no", "false", "0", "N", "n", "FALSE", "true", "yes", "TRUE", "1", "Y", "y"] * 5
    got = infer_column("marketing_opt_in", "VARCHAR", values, model=model)
    assert got.semantic == "boolean"
    assert any("spellings of yes/no" in e for e in got.evidence)


def test_null_tokens_do_not_count_as_values(model) -> None:
    values = ["+1-202-555-0143", "N/A", "(415) 555-0199x123", "NULL", "+44 20 7946 0958", "null",
              "001-517-876-8961x861", "+49 30 901820"] * 4
    assert infer_column("phone", "VARCHAR", values, model=model).semantic == "phone"


def test_numbers_with_units_are_measures(model) -> None:
    values = ["1.1 kg", "925 g", "160 g", "2.5 kg", "430 g", "75g", "1.2 kg"] * 4
    assert infer_column("weight", "VARCHAR", values, model=model).semantic == "numeric_measure"


def test_nested_types_are_not_guessed(model) -> None:
    got = infer_column("shipping", "STRUCT(city VARCHAR, postal_code VARCHAR)", [{"city": "Oslo"}], model=model)
    assert got.semantic == "nested" and not got.pii


def test_product_names_with_numbers_are_not_addresses(model) -> None:
    values = [f"{a} {b} {n}" for a, b, n in zip(["Rustic", "Classic", "Eco", "Smart", "Pro"] * 6,
                                                ["Knife", "Lamp", "Board Game", "Pan", "Stapler", "Mug"] * 5,
                                                range(100, 130))]
    assert infer_column("name", "VARCHAR", values, model=model).semantic != "address"
