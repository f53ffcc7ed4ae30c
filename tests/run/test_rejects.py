"""Cleansing rejects at run time: `<model>__rejects` holds every value a rule could not parse,
the run reports the count, and `max_reject_rate` fails the model before it replaces its table."""

from __future__ import annotations

from pathlib import Path

from .helpers import query, run, statuses, write, write_project

GOOD = "id,email,joined\n1, Ana@Example.com ,2024-01-05\n2,bo@example.com,05 Jan 2024\n" \
       "3,N/A,20240105\n4,cy@example.org,2024-02-01\n"
BAD_ROWS = "5,not an email,2024-03-01\n6,still@bad,someday\n"
MODEL = """
models:
  - name: people
    from: source('raw', 'people')
    materialized: table
    cleanse: auto
    max_reject_rate: {rate}
    columns:
      - {{name: email, semantic: email}}
      - {{name: joined, semantic: date}}
"""


def _project(root: Path, rate: float) -> Path:
    return write_project(root, {
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                           "      - {name: people, path: data/people.csv}\n",
        "data/people.csv": GOOD,
        "models/people.yml": MODEL.format(rate=rate),
    })


def test_rejects_table_holds_unparsable_values_with_their_reason(tmp_path: Path) -> None:
    root = _project(tmp_path, rate=0.5)
    write(root, "data/people.csv", GOOD + BAD_ROWS)
    results = run(root)
    assert statuses(results)["people"] == "success"
    message = next(r.message for r in results.results if r.name == "people")
    assert "3 rejects in main.people__rejects" in message
    rejects = query(root, "select key, column_name, raw_value, rule from main.people__rejects "
                          "order by key, column_name")
    assert rejects == [("5", "email", "not an email", "email"),
                       ("6", "email", "still@bad", "email"),
                       ("6", "joined", "someday", "date(day/month order per value)")]
    people = query(root, "select id, email, cast(joined as varchar) from main.people order by id")
    assert people[:4] == [(1, "ana@example.com", "2024-01-05"), (2, "bo@example.com", "2024-01-05"),
                          (3, None, "2024-01-05"), (4, "cy@example.org", "2024-02-01")]
    assert people[4][1] is None and people[5][2] is None  # rejected values are NULL, rows kept


def test_max_reject_rate_fails_the_model_and_keeps_its_previous_table(tmp_path: Path) -> None:
    root = _project(tmp_path, rate=0.2)
    assert statuses(run(root))["people"] == "success"
    write(root, "data/people.csv", GOOD + BAD_ROWS)
    results = run(root)
    assert statuses(results)["people"] == "error"
    message = next(r.message for r in results.results if r.name == "people")
    assert "exceed max_reject_rate 20.0%" in message and "people__rejects" in message
    assert query(root, "select count(*) from main.people") == [(4,)]  # the previous table
