"""`datanet ls` as `dbt ls` lists (benchmarks/dbt_projects/ls_compare.py compares the two on
real projects): the kinds listed by default, dbt's selector forms and `--output json` keys.
Every expected list is what dbt 1.9 (`dbt ls`) gives for the same project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hooks_helpers import datanet, dbt_project

FILES = {
    "dbt_project.yml": "name: shop\nversion: '1.0'\nconfig-version: 2\nprofile: shop\n"
                       "models:\n  shop:\n    staging: {+tags: [stg]}\n"
                       "    marts: {+materialized: table}\n",
    "seeds/codes.csv": "id,code\n1,a\n2,b\n",
    "models/staging/stg_codes.sql": "select id, code from {{ ref('codes') }}",
    "models/staging/stg_events.sql": "select * from {{ source('raw', 'events') }}",
    "models/marts/orders.sql": "select id from {{ ref('stg_codes') }}",
    "models/marts/summary.sql": "select count(*) as n from {{ ref('orders') }}",
    "models/staging/schema.yml": """
version: 2
sources:
  - name: raw
    schema: main
    tags: [landing]
    tables:
      - name: events
        columns:
          - name: id
            tests: [not_null]
models:
  - name: stg_codes
    columns:
      - name: id
        tests:
          - unique
          - not_null:
              config: {enabled: "{{ target.type in ['bigquery'] }}"}  # off: not listed
""",
    "models/reports/exposures.yml": "version: 2\nexposures:\n  - name: weekly\n"
                                    "    type: dashboard\n    owner: {email: a@b.c}\n"
                                    "    depends_on: [ref('summary')]\n",
    "tests/no_negative.sql": "select * from {{ ref('orders') }} where id < 0",
    "analyses/top.sql": "select count(*) from {{ ref('orders') }}",
}
NOT_NULL = "test.shop.source_not_null_raw_events_id.e0dfd1a6a7"
UNIQUE = "test.shop.unique_stg_codes_id.25cc4b7b06"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ls") / "p"
    files = dict(FILES)
    project = files.pop("dbt_project.yml")
    root = dbt_project(path, files)
    (root / "dbt_project.yml").write_text(project)
    return root


def _ids(root: Path, *flags: str) -> list[str]:
    result = datanet("ls", "--project-dir", root, "--output", "json", *flags)
    assert result.exit_code == 0, result.output
    return sorted(record["dbt_unique_id"] for record in json.loads(result.stdout))


def test_analyses_are_listed_only_when_asked_for(root: Path) -> None:
    everything = ["exposure.shop.weekly", "model.shop.orders", "model.shop.stg_codes", "model.shop.stg_events",
                  "model.shop.summary", "seed.shop.codes", "source.shop.raw.events",
                  "test.shop.no_negative", NOT_NULL, UNIQUE]
    assert _ids(root) == everything
    assert _ids(root, "--resource-type", "default") == everything
    assert _ids(root, "--resource-type", "all") == sorted(["analysis.shop.top", *everything])
    assert _ids(root, "--resource-type", "analysis", "--resource-type", "seed") == [
        "analysis.shop.top", "seed.shop.codes"]


def test_a_bare_path_or_file_selects_as_dbt_reads_it(root: Path) -> None:
    assert _ids(root, "-s", "models/staging") == [
        "model.shop.stg_codes", "model.shop.stg_events", "source.shop.raw.events", NOT_NULL,
        UNIQUE]
    assert _ids(root, "-s", "stg_codes.sql") == ["model.shop.stg_codes", UNIQUE]
    # a generic test's fqn holds its YAML file's folders, so the folder's name selects it
    assert _ids(root, "-s", "staging", "--indirect-selection", "empty") == [
        "model.shop.stg_codes", "model.shop.stg_events", NOT_NULL, UNIQUE]
    assert _ids(root, "-s", "shop.marts.*") == ["model.shop.orders", "model.shop.summary",
                                                "test.shop.no_negative"]


def test_source_selectors_take_globs_and_the_package(root: Path) -> None:
    for selector in ("source:*", "source:raw.ev*", "source:shop.raw.events"):
        assert _ids(root, "-s", selector, "--indirect-selection", "empty") == [
            "source.shop.raw.events"], selector
    unknown = datanet("ls", "--project-dir", root, "-s", "source:other.*")
    assert "the selector 'source:other.*' matches nothing" in unknown.output  # dbt: a warning


def test_a_source_test_takes_the_sources_tags(root: Path) -> None:
    assert _ids(root, "-s", "tag:landing", "--indirect-selection", "empty") == [
        "source.shop.raw.events", NOT_NULL]


def test_json_holds_dbts_ls_keys(root: Path) -> None:
    result = datanet("ls", "--project-dir", root, "--output", "json", "-s", "staging",
                     "source:raw")
    records = {r["dbt_unique_id"]: r for r in json.loads(result.stdout)}
    keys = ("package_name", "original_file_path", "alias", "tags", "fqn", "source_name")
    assert {key: records[UNIQUE].get(key) for key in keys} == {
        "package_name": "shop", "original_file_path": "models/staging/schema.yml",
        "alias": "unique_stg_codes_id", "tags": [], "fqn": ["shop", "staging",
                                                            "unique_stg_codes_id"],
        "source_name": None}
    assert {key: records["model.shop.stg_codes"].get(key) for key in keys} == {
        "package_name": "shop", "original_file_path": "models/staging/stg_codes.sql",
        "alias": "stg_codes", "tags": ["stg"], "fqn": ["shop", "staging", "stg_codes"],
        "source_name": None}
    weekly = datanet("ls", "--project-dir", root, "--output", "json", "-s", "exposure:weekly")
    assert json.loads(weekly.stdout)[0]["fqn"] == ["shop", "reports", "weekly"]
    source = records["source.shop.raw.events"]
    assert (source["source_name"], source["fqn"], source["unique_id"]) == (
        "raw", ["shop", "raw", "events"], "source.raw.events")  # unique_id: datanet's own
