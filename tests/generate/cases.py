"""Dirty values and the clean value each rule must produce (None + rejected when unparseable).

Shared by the DuckDB tests and the same checks on Postgres. Each case is
(semantic or rule list, sample-free raw values, expected outputs, expected rejected raws).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

D = Decimal

# name -> (semantic, rules, [(raw, expected main output)], extra expected outputs by name)
CASES: dict[str, dict] = {
    "text": {
        "semantic": "free_text",
        "values": [
            ("  hello   world ", "hello world"),
            ("\tTab\nnewline ", "Tab newline"),
            ("N/A", None),
            ("null", None),
            ("-", None),
            ("?", None),
            ("nan", None),
            ("", None),
            ("  ", None),
            ("NONE", None),
            ("ok", "ok"),
        ],
    },
    "boolean": {
        "semantic": "boolean",
        "values": [
            ("yes", True),
            ("No", False),
            ("Y", True),
            ("n", False),
            ("TRUE", True),
            ("false", False),
            ("t", True),
            ("F", False),
            ("1", True),
            ("0", False),
            (" on ", True),
            ("maybe", None),
            ("n/a", None),
        ],
        "rejects": ["maybe"],
    },
    "email": {
        "semantic": "email",
        "values": [
            (" John.Doe@Example.COM ", "john.doe@example.com"),
            ("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk"),
            ("mailto:x@y.io", "x@y.io"),
            ("bad@", None),
            ("no-at.example.com", None),
            ("a@b", None),
        ],
        "rejects": ["bad@", "no-at.example.com", "a@b"],
    },
    "url": {
        "semantic": "url",
        "values": [
            ("https://example.com/a?b=1", "https://example.com/a?b=1"),
            ("www.example.org", "https://www.example.org"),
            ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
            ("not a url", None),
            ("http://", None),
        ],
        "rejects": ["not a url", "http://"],
    },
    "phone": {
        "semantic": "phone",
        "values": [
            ("(415) 555-0123", "+14155550123"),
            ("+1 415 555 0123", "+14155550123"),
            ("001-415-555-0124", "+14155550124"),
            ("415.555.0125 x12", "+14155550125"),
            ("1-415-555-0126", "+14155550126"),
            ("+44 20 7946 0958", "+442079460958"),
            ("12", None),
        ],
        "rejects": ["12"],
    },
    "country": {
        "semantic": "country_code",
        "values": [
            ("us", "US"),
            (" de ", "DE"),
            ("Gbr", "GBR"),
            ("hk", "HK"),
            ("Germany", None),
            ("TBD", None),
        ],
        "rejects": ["Germany", "TBD"],
    },
    "currency": {
        "semantic": "currency_code",
        "values": [("usd", "USD"), ("Eur", "EUR"), ("dollars", None), ("ABC", None)],
        "rejects": ["dollars", "ABC"],
    },
    "uuid": {
        "semantic": "uuid",
        "values": [
            ("123E4567-E89B-12D3-A456-426614174000", "123e4567-e89b-12d3-a456-426614174000"),
            ("1234", None),
        ],
        "rejects": ["1234"],
    },
    "ip": {
        "semantic": "ip_address",
        "values": [
            ("192.168.0.1", "192.168.0.1"),
            ("2001:DB8::1", "2001:db8::1"),
            ("256.1.1.1", None),
        ],
        "rejects": ["256.1.1.1"],
    },
    "category": {
        "semantic": "categorical",
        "values": [
            ("Adelie", "Adelie"),
            ("ADELIE", "Adelie"),
            ("adelie ", "Adelie"),
            ("Gentoo", "Gentoo"),
            ("gentoo", "Gentoo"),
            ("Chinstrap", "Chinstrap"),
            ("CHINSTRAP", "Chinstrap"),
        ],
    },
    "date_day_first": {
        "semantic": "date",
        "values": [
            ("2024-01-05", date(2024, 1, 5)),
            ("05/01/2024", date(2024, 1, 5)),
            ("25/12/2023", date(2023, 12, 25)),
            ("5.1.2024", date(2024, 1, 5)),
            ("5 Jan 2024", date(2024, 1, 5)),
            ("Jan 5th, 2024", date(2024, 1, 5)),
            ("Fri, 5 January 2024", date(2024, 1, 5)),
            ("2024/1/5", date(2024, 1, 5)),
            ("20240105", date(2024, 1, 5)),
            ("1704412800", date(2024, 1, 5)),
            ("1704412800000", date(2024, 1, 5)),
            ("-122774400", date(1966, 2, 10)),
            ("2024-01-05T10:00:00Z", date(2024, 1, 5)),
            ("2024-Jan-05", date(2024, 1, 5)),
            ("2023-02-29", None),
            ("2024-02-29", date(2024, 2, 29)),
            ("31/04/2024", None),
            ("garbage", None),
            ("N/A", None),
        ],
        "rejects": ["2023-02-29", "31/04/2024", "garbage"],
    },
    "date_month_first": {
        "semantic": "date",
        "values": [
            ("01/05/2024", date(2024, 1, 5)),
            ("12/25/2023", date(2023, 12, 25)),
            ("1/5/2024", date(2024, 1, 5)),
        ],
    },
    "date_ambiguous": {
        "semantic": "date",
        "values": [
            ("01/05/2024", None),
            ("03/04/2024", None),
            ("2024-01-05", date(2024, 1, 5)),
            ("07/07/2024", date(2024, 7, 7)),
        ],
        "rejects": ["01/05/2024", "03/04/2024"],
        "issues": ["ambiguous day/month order"],
    },
    "date_option": {
        "rules": [{"date": {"day_first": False}}],
        "values": [("01/05/2024", date(2024, 1, 5)), ("03/04/2024", date(2024, 3, 4))],
    },
    "timestamp": {
        "semantic": "timestamp",
        "values": [
            ("2024-01-05 10:30", datetime(2024, 1, 5, 10, 30)),
            ("25/01/2024 3:30 pm", datetime(2024, 1, 25, 15, 30)),
            ("2024-01-05T10:30:15.250Z", datetime(2024, 1, 5, 10, 30, 15, 250000)),
            ("1704412800", datetime(2024, 1, 5)),
            ("1704412800500", datetime(2024, 1, 5, 0, 0, 0, 500000)),
            ("2024-01-05", datetime(2024, 1, 5)),
            ("5 Jan 2024 12:00 am", datetime(2024, 1, 5)),
            ("2024-01-05 25:00", None),
            ("2024-01-05 10:00+02:00", None),
        ],
        "rejects": ["2024-01-05 25:00", "2024-01-05 10:00+02:00"],
    },
    "money": {
        "semantic": "money",
        "values": [
            ("$1,234.50", D("1234.50")),
            ("1.234,50 €", D("1234.50")),
            ("(12.00)", D("-12.00")),
            ("-12", D("-12.00")),
            ("EUR 5", D("5.00")),
            ("US$ 3", D("3.00")),
            ("£0.99", D("0.99")),
            ("  $ 7.25 ", D("7.25")),
            ("abc", None),
            ("n/a", None),
        ],
        "extra": {
            "money_currency": ["USD", "EUR", None, None, "EUR", "USD", "GBP", "USD", None, None]
        },
        "rejects": ["abc"],
    },
    "money_one_currency": {
        "semantic": "money",
        "values": [("$1.50", D("1.50")), ("2", D("2.00")), ("USD 3", D("3.00")), ("x", None)],
        "extra": {"money_one_currency_currency": ["USD", "USD", "USD", None]},
        "rejects": ["x"],
    },
    "number_one_unit": {
        "semantic": "numeric_measure",
        "values": [("3,750 g", 3750.0), ("12", 12.0), ("7g", 7.0)],
        "extra": {"number_one_unit_unit": ["g", "g", "g"]},
    },
    "money_eu": {
        "semantic": "money",
        "values": [
            ("1.234,50", D("1234.50")),
            ("12,5", D("12.50")),
            ("1.000", D("1000.00")),
            ("3,00", D("3.00")),
        ],
    },
    "percent": {
        "semantic": "percent",
        "values": [("15%", 0.15), ("0.15", 0.15), ("-2.5 %", -0.025), ("100%", 1.0), ("x", None)],
        "rejects": ["x"],
    },
    "percent_points": {  # bare values above 1: the column writes points, and keeps them
        "semantic": "percent",
        "values": [("15", 15.0), ("15%", 15.0), ("7.5", 7.5), ("13.59 %", 13.59)],
    },
    "percent_fraction_exact": {  # the point moves in the text: no 0.15039999999999998
        "semantic": "percent",
        "values": [("15.04%", 0.1504), ("0.25", 0.25), ("7.255468185864766%", 0.07255468185864766),
                   ("-0.5 %", -0.005)],
    },
    "number": {  # the column is in g (most values): kg converts, other measures reject
        "semantic": "numeric_measure",
        "values": [
            ("3,750 g", 3750.0),
            ("12.5kg", 12500.0),
            (" 7 ", 7.0),
            ("1.2e3", 1200.0),
            ("-4 G", -4.0),
            ("g 12", None),
            ("1,2,3", None),
            ("12/45/2020", None),
            ("5 km/h", None),
            ("0.02872 kg", 28.72),
            ("250 mg", 0.25),
            ("4 m", None),
        ],
        "extra": {
            "number_unit": ["g", "g", "g", "g", "g", None, None, None, None, "g", "g", None]
        },
        "rejects": ["g 12", "1,2,3", "12/45/2020", "5 km/h", "4 m"],
        "issues": ["values in km/h, m do not convert to g"],
    },
    "number_lengths": {  # mm and cm in one column of mm: moved decimal points, exact
        "semantic": "numeric_measure",
        "values": [("94.1 mm", 94.1), ("9.41 cm", 94.1), ("181mm", 181.0), ("0.0915 m", 91.5),
                   ("89", 89.0), ("1,013 mm", 1013.0), ("-3.5cm", -35.0)],
        "extra": {"number_lengths_unit": ["mm"] * 7},
    },
    "latitude": {
        "semantic": "latitude",
        "values": [("45.5", 45.5), ("-33.9", -33.9), ("91", None)],
        "rejects": ["91"],
    },
    "year": {
        "semantic": "year",
        "values": [("2024", 2024), ("2024.0", 2024), ("24", None)],
        "rejects": ["24"],
    },
}
