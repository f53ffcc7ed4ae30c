"""Semantic types and PII through the compiler: a model's columns inherit them through CTEs,
joins, aggregates, CASE and window functions, and a YAML `semantic:` wins over inference."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from datanet_sql.cli.main import cli

CUSTOMERS = "id,email,first_name,amount,country\n" + "".join(
    f"{i},user{i}@example.com,{name},{i * 3}.50,{cc}\n"
    for i, (name, cc) in enumerate([("Ana", "ES"), ("Bo", "SE"), ("Chloé", "FR"), ("Dev", "IN"),
                                    ("Eva", "DE"), ("Finn", "IE"), ("Gus", "US"), ("Hana", "JP")]
                                   * 5, start=1))

MODEL = """
with base as (
    select c.id, lower(c.email) as email, c.first_name, c.amount, c.country
    from {{ source('raw', 'customers') }} c
),
joined as (
    select b.*, o.id as other_id from base b join base o on o.id = b.id
)
select
    email,
    first_name || ' ' || first_name as full_name,
    count(email) as emails,
    sum(amount) as revenue,
    case when country = 'ES' then 'home' else 'abroad' end as market,
    row_number() over (partition by email order by amount) as rn,
    max(country) as country
from joined
group by email, first_name, country, amount
"""


def test_semantics_flow_through_ctes_joins_aggregates_case_and_windows(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "data").mkdir(parents=True)
    (root / "models").mkdir()
    (root / "sources").mkdir()
    (root / "datanet.yml").write_text("name: p\n")
    (root / "targets.yml").write_text("dev: {type: duckdb}\n")
    (root / "data" / "customers.csv").write_text(CUSTOMERS)
    (root / "sources" / "raw.yml").write_text(textwrap.dedent("""
        sources:
          - name: raw
            tables:
              - name: customers
                path: data/customers.csv
                columns:
                  - {name: amount, semantic: money}
        """))
    (root / "models" / "people.sql").write_text(MODEL)
    result = CliRunner().invoke(cli, ["compile", "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((root / ".datanet" / "manifest.json").read_text())
    source = manifest["nodes"]["source.raw.customers"]["columns"]
    assert source["email"]["semantic"] == "email" and source["email"]["pii"] is True
    assert source["amount"]["semantic"] == "money"  # the YAML override wins
    assert source["amount"]["confidence"] == 1.0
    model = manifest["nodes"]["model.people"]["columns"]
    assert (model["email"]["semantic"], model["email"]["pii"]) == ("email", True)
    assert model["full_name"]["semantic"] == "person_name" and model["full_name"]["pii"]
    assert model["emails"]["semantic"] == "numeric_measure" and not model["emails"]["pii"]
    assert model["revenue"]["semantic"] == "money"
    assert model["country"]["semantic"] == "country_code"
    assert model["market"]["semantic"] == "categorical"
    assert model["email"]["lineage"] == ["source.raw.customers.email"]


def test_unicode_and_mixed_case_columns_keep_lineage_and_semantics(tmp_path: Path) -> None:
    root = tmp_path / "u"
    for folder in ("data", "models", "sources"):
        (root / folder).mkdir(parents=True)
    (root / "datanet.yml").write_text("name: u\n")
    (root / "data" / "uni.csv").write_text(
        "Kundennummer,straße,Größe\n" + "".join(f"{i},Hauptstraße {i},{i}.5\n" for i in range(30))
        + ",,\n", encoding="utf-8")
    (root / "sources" / "raw.yml").write_text(
        "sources:\n  - name: raw\n    tables:\n      - {name: uni, path: data/uni.csv}\n")
    (root / "models" / "u.sql").write_text(
        "select Größe as size, straße as street from {{ source('raw', 'uni') }}\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    model = json.loads((root / ".datanet" / "manifest.json").read_text(encoding="utf-8"))[
        "nodes"]["model.u"]["columns"]
    assert model["size"]["lineage"] == ["source.raw.uni.Größe"]
    assert model["size"]["semantic"] is not None
    shown = CliRunner().invoke(cli, ["show", "u", "--project-dir", str(root), "--format", "csv",
                                     "--limit", "2"])
    assert shown.output.splitlines()[1] == "0.5,Hauptstraße 0"
