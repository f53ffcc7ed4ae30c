"""Fields inside nested JSON and STRUCT columns: `infer`, `ls --columns`, the manifest and the
profile show each field's semantic type and PII flag (`address.postal_code`), and model columns
read from a field inherit them through lineage (dot, bracket, JSON path; CTEs; a model that
passes the whole column on), on real DuckDB over NDJSON sources written here."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pytest
import sqlglot
import yaml
from click.testing import CliRunner, Result
from sqlglot.optimizer.qualify import qualify

from datanet_sql.cli.main import cli
from datanet_sql.semantics.fields import field_read

CITIES = ["Springfield", "Riverton", "Lakewood", "Fairview", "Greenville", "Madison"]
STREETS = ["Main St", "Oak Avenue", "Elm Road", "Maple Drive", "Cedar Lane"]

MODELS = {
    "customer_zip": "select customer_id, address.postal_code as zip,\n"
                    "  json_extract_string(address, '$.postal_code') as zip2,\n"
                    "  address['street'] as street, upper(address.city) as town,\n"
                    "  address as whole\n"
                    "from {{ source('raw', 'customers') }}\n",
    "stg_customers": "select customer_id, address from {{ source('raw', 'customers') }}\n",
    "zips": "with c as (select * from {{ ref('stg_customers') }})\n"
            "select c.customer_id, c.address.postal_code as zip, c.address.city as town,\n"
            "  count(c.address.postal_code) over () as zips\nfrom c\n",
    "event_zip": "select customer_id, address ->> '$.postal_code' as zip,\n"
                 "  address ->> '$.geo.lat' as lat\nfrom {{ source('raw', 'events') }}\n",
}


def _address(rng: random.Random) -> dict[str, str]:
    return {"street": f"{rng.randint(1, 400)} {rng.choice(STREETS)}",
            "postal_code": f"{rng.randint(10000, 99999)}", "city": rng.choice(CITIES)}


def _write(root: Path) -> Path:
    rng = random.Random(7)
    (root / "data").mkdir(parents=True)
    for folder in ("models", "sources"):
        (root / folder).mkdir()
    (root / "datanet.yml").write_text("name: nest\ntarget: dev\n")
    (root / "targets.yml").write_text("dev: {type: duckdb}\n")
    customers = [{"customer_id": i, "address": _address(rng)} for i in range(1, 151)]
    # a JSON column: most values objects (one with a nested `geo`), some plain strings
    events = [{"customer_id": i, "address": "unknown" if i % 10 == 0 else
               {**_address(rng), "geo": {"lat": rng.uniform(-60, 60)}}} for i in range(1, 151)]
    for name, rows in (("customers", customers), ("events", events)):
        (root / "data" / f"{name}.ndjson").write_text(
            "".join(json.dumps(r) + "\n" for r in rows))
    (root / "sources" / "raw.yml").write_text(yaml.safe_dump({"sources": [{
        "name": "raw", "tables": [{"name": n, "path": f"data/{n}.ndjson", "format": "ndjson"}
                                  for n in ("customers", "events")]}]}))
    for name, sql in MODELS.items():
        (root / "models" / f"{name}.sql").write_text(sql)
    return root


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("nested") / "p")


@pytest.fixture(scope="module")
def columns(project: Path) -> dict[tuple[str, str], tuple[str, str, bool]]:
    """`ls --columns`: (node, column) -> (type, semantic, pii)."""
    result = invoke("ls", "--columns", "--project-dir", project)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    return {(r[0], r[1]): (r[2], r[3], r[4] == "yes") for r in rows}


def test_ls_columns_lists_each_field_of_a_struct_with_its_semantic_type(columns: dict) -> None:
    assert columns[("raw.customers", "address.postal_code")][1:] == ("postal_code", True)
    assert columns[("raw.customers", "address.street")][1:] == ("address", True)
    assert columns[("raw.customers", "address.city")][1:] == ("city", False)
    # the document holds personal data, so the whole column is flagged
    assert columns[("raw.customers", "address")][1:] == ("nested", True)


def test_fields_of_a_json_column_are_found_from_its_objects(columns: dict) -> None:
    assert columns[("raw.events", "address")][2] is True
    assert columns[("raw.events", "address.postal_code")][1:] == ("postal_code", True)
    assert columns[("raw.events", "address.geo.lat")][1:] == ("latitude", False)


def test_model_columns_read_from_a_field_inherit_it(columns: dict) -> None:
    for model, column, semantic, pii in [
            ("customer_zip", "zip", "postal_code", True),       # address.postal_code
            ("customer_zip", "zip2", "postal_code", True),      # json_extract_string(...)
            ("customer_zip", "street", "address", True),        # address['street']
            ("customer_zip", "town", "city", False),            # upper(address.city)
            ("customer_zip", "whole", "nested", True),          # the whole document
            ("zips", "zip", "postal_code", True),               # via a model, then a CTE
            ("zips", "town", "city", False),
            ("zips", "zips", "numeric_measure", False),         # a count reveals no zip
            ("event_zip", "zip", "postal_code", True),          # ->> '$.postal_code' on JSON
            ("event_zip", "lat", "latitude", False)]:
        assert columns[(model, column)][1:] == (semantic, pii), (model, column)
    assert columns[("stg_customers", "address.postal_code")][1:] == ("postal_code", True)


def test_manifest_and_build_agree(project: Path) -> None:
    result = invoke("build", "--project-dir", project)
    assert result.exit_code == 0, result.output
    manifest = json.loads((project / ".datanet" / "manifest.json").read_text())
    address = manifest["nodes"]["source.raw.customers"]["columns"]["address"]
    assert address["pii"] is True and address["fields"]["postal_code"]["semantic"] == "postal_code"
    with duckdb.connect(str(project / ".datanet" / "dev.duckdb"), read_only=True) as con:
        rows = con.execute("select zip, zip2, street from main.customer_zip "
                           "order by customer_id limit 2").fetchall()
        raw = con.execute("select address.postal_code, address.street from read_json_auto(?) "
                          "limit 2", [str(project / "data" / "customers.ndjson")]).fetchall()
    assert [(z, s) for z, _, s in rows] == raw and all(z == z2 for z, z2, _ in rows)


def test_infer_prints_a_row_per_field_with_its_evidence(project: Path) -> None:
    result = invoke("infer", "--output", "json", "--project-dir", project)
    assert result.exit_code == 0, result.output
    rows = {(r["table"], r["column"]): r for r in json.loads(result.stdout)}
    postal = rows[("customers", "address.postal_code")]
    assert postal["semantic"] == "postal_code" and postal["pii"] is True
    assert postal["field"] == {"column": "address", "path": "postal_code"}
    assert any("postal" in e for e in postal["evidence"])


def test_profile_records_each_fields_semantic_type_and_pii(project: Path) -> None:
    result = invoke("profile", "--project-dir", project)
    assert result.exit_code == 0, result.output
    assert "address.postal_code" in result.stdout
    profile = yaml.safe_load((project / "profiles" / "raw.customers.yml").read_text())
    address = next(c for c in profile["columns"] if c["name"] == "address")
    fields = {f["path"]: f for f in address["fields"]}
    assert address["pii"] is True
    assert (fields["postal_code"]["semantic"], fields["postal_code"]["pii"]) == ("postal_code", True)
    assert (fields["city"]["semantic"], fields["city"]["pii"]) == ("city", False)
    first = json.loads((project / "data" / "customers.ndjson").read_text().splitlines()[0])
    text = (project / "profiles" / "raw.customers.yml").read_text()
    assert first["address"]["postal_code"] not in text and first["address"]["street"] not in text


@pytest.mark.parametrize("sql, column, path", [
    ("select a.b.c from t", "a", "b.c"),
    ("select a['b'] from t", "a", "b"),
    ("select json_extract_string(a, '$.b.c') from t", "a", "b.c"),
    ("select a ->> '$.b' from t", "a", "b"),
    ("select a[1] from t", None, None),                   # an array subscript
    ("select a ->> ('$.' || k) from t", None, None),      # a path computed per row
])
def test_field_reads_are_recognised_by_form(sql: str, column: str | None,
                                            path: str | None) -> None:
    schema = {"t": {"a": "STRUCT(b STRUCT(c INT))", "k": "VARCHAR"}}
    query = qualify(sqlglot.parse_one(sql, read="duckdb"), schema=schema, dialect="duckdb")
    found = field_read(query.selects[0].this)  # the tree as the compiler sees it, qualified
    assert ((found[0].name, found[1]) if found else (None, None)) == (column, path)
