"""Issue 12: the cleansing plan of a model over a warehouse relation is made from that
relation's current data. A sample that failed (the upstream model was not built yet) is never
cached, and a warehouse relation's sample is keyed by its row count, not only by its name."""

from __future__ import annotations

from pathlib import Path

from .helpers import run, statuses, write, write_project

# mixed forms, so the CSV reader keeps the column as text and cleansing decides the order
DATES = "id,joined\n1,25/01/2024\n2,03/02/2024\n3,13/12/2023\n4,\"Jan 5, 2024\"\n"
MODELS = """
models:
  - name: people
    from: ref('staged')
    materialized: table
    cleanse: auto
    columns:
      - {name: joined, semantic: date}
"""


def _project(root: Path) -> Path:
    return write_project(root, {
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                           "      - {name: people, path: data/people.csv}\n",
        "data/people.csv": DATES,
        "models/staged.sql": "select id, joined from {{ source('raw', 'people') }}",
        "models/people.yml": MODELS,
    })


def _compiled(root: Path) -> str:
    return (root / ".datanet" / "compiled" / "dev" / "people.sql").read_text()


def test_a_failed_sample_is_not_cached_and_the_next_compile_reads_the_built_model(
        tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert statuses(run(root))["people"] == "success"  # `staged` did not exist at compile time
    assert "date(day first)" not in _compiled(root)
    assert statuses(run(root))["people"] == "success"
    assert "date(day first)" in _compiled(root)  # planned from the built `staged`


def test_a_warehouse_sample_is_taken_again_when_the_relation_changes(tmp_path: Path) -> None:
    root = _project(tmp_path)
    run(root)
    run(root)
    write(root, "data/people.csv", "id,joined\n1,01/25/2024\n2,02/03/2024\n3,12/13/2023\n4,\"Jan 5, 2024\"\n")
    results = run(root)
    assert statuses(results)["people"] == "success"
    run(root)  # `staged` now holds month-first dates: a new sample, a new plan
    assert "date(month first)" in _compiled(root)
