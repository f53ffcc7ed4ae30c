"""Values declared public (reference tables, place names) are profiled whatever their count and
mocked verbatim; personal data stays out whatever a declaration says."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlglot import exp

from datanet_sql.cli.main import cli
from datanet_sql.mock import generate_mock
from datanet_sql.profile import profile_tables
from datanet_sql.profile.disclosure import Disclosure, disclosure

PEOPLE = {"first_name": "person_name", "last_name": "person_name", "address": "address"}


@pytest.fixture(scope="module")
def public_profiles(warehouse, frames):
    names = ("airlines", "airports", "flights", "riots")
    relations = {("raw", n): exp.table_(n, db="raw", quoted=True) for n in names}
    disclosures = {
        ("raw", "airlines"): Disclosure(public=frozenset({"carrier", "name"})),
        ("raw", "airports"): Disclosure(public=frozenset({"faa", "name"})),
        ("raw", "riots"): Disclosure(public=frozenset({"neighborhood"}), column_k={"type": 10}),
    }
    found = profile_tables(warehouse, relations, {("raw", "riots"): PEOPLE}, disclosures)
    return {p.table: p for p in found}


def test_public_columns_keep_every_value_with_its_frequency(public_profiles, frames):
    name = public_profiles["airports"].column("name")
    real = frames["airports"]["name"].value_counts()
    assert name.public is True and name.pii is False
    stored = {t["value"]: t["freq"] for t in name.top_values}
    assert set(stored) == set(real.index)
    assert stored["John F Kennedy Intl"] == pytest.approx(1 / len(frames["airports"]), rel=1e-3)
    assert (name.distribution or {})["kind"] == "categorical"
    neighborhood = public_profiles["riots"].column("neighborhood")
    assert {t["value"] for t in neighborhood.top_values} == set(frames["riots"]["neighborhood"])


def test_undeclared_columns_stay_k_anonymous_and_k_is_per_column(public_profiles, frames):
    riots = public_profiles["riots"]
    assert riots.column("address").top_values is None and riots.column("address").pii
    counts = frames["riots"]["type"].value_counts()
    assert {t["value"] for t in riots.column("type").top_values} == set(counts[counts >= 10].index)
    assert public_profiles["flights"].column("tailnum").public is None


def test_mocks_draw_public_values_each_once_and_keep_foreign_keys(public_profiles, frames):
    mocks = generate_mock(list(public_profiles.values()), seed=3)
    airports = mocks["raw.airports"].to_pandas()
    real = frames["airports"]
    assert set(airports["name"]) == set(real["name"]) and airports["faa"].is_unique
    assert set(airports["faa"]) == set(real["faa"])
    flights = mocks["raw.flights"].to_pandas()
    assert flights["origin"].isin(set(airports["faa"])).all()
    assert flights["carrier"].isin(set(mocks["raw.airlines"].to_pandas()["carrier"])).all()
    riots = mocks["raw.riots"].to_pandas()
    assert set(riots["neighborhood"]) <= set(frames["riots"]["neighborhood"])
    assert not set(riots["address"]) & set(frames["riots"]["address"])


def test_mock_category_counts_follow_the_profile_without_sampling_noise(public_profiles):
    mocks = generate_mock(list(public_profiles.values()), seed=11)
    riots = mocks["raw.riots"].to_pandas()
    n = len(riots)
    for top in public_profiles["riots"].column("neighborhood").top_values:
        assert abs((riots["neighborhood"] == top["value"]).sum() - top["freq"] * n) < 1.5


def test_personal_columns_are_never_public():
    semantics = {"email": "email", "country": "country_code", "code": "identifier"}
    table_level, refused = disclosure({"k": 3, "public": True}, semantics, list(semantics))
    assert table_level.public == {"country", "code"} and refused == [] and table_level.k == 3
    explicit, refused = disclosure({"columns": {"email": {"public": True}, "country": {"k": 2}}},
                                   semantics, list(semantics))
    assert explicit.public == frozenset() and refused == ["email"]
    assert explicit.k_for("country") == 2 and explicit.k_for("code") == 5


def _project(tmp_path: Path, table: str) -> Path:
    """A project whose one source table `raw.airports` has `table` (YAML) added to its entry."""
    root = tmp_path / "p"
    (root / "data").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "datanet.yml").write_text("name: p\n")
    rows = [("Zürich Flughafen", "ZRH", f"pilot{i}@example.com") for i in range(1)] + [
        (f"Airport {i}", f"A{i:02d}", f"pilot{i}@example.com") for i in range(1, 12)]
    (root / "data" / "airports.csv").write_text(
        "name,code,email\n" + "".join(f"{n},{c},{e}\n" for n, c, e in rows), encoding="utf-8")
    entry = textwrap.indent(textwrap.dedent(table).strip("\n"), " " * 8)
    sources = "sources:\n  - name: raw\n    tables:\n      - name: airports\n" \
              "        path: data/airports.csv\n"
    (root / "sources" / "raw.yml").write_text(sources + entry + "\n", encoding="utf-8")
    return root


def test_profile_command_writes_public_values_and_refuses_public_personal_data(tmp_path):
    root = _project(tmp_path, """
                profiling: {public: true}
                columns:
                  - {name: email, semantic: email}
        """)
    result = CliRunner().invoke(cli, ["profile", "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    summary = [line.split("\t") for line in result.output.splitlines()]
    assert summary[0] == ["wrote 1 profile(s): commit them"]
    assert summary[1] == ["profile", "rows", "columns", "with values", "formats only", "PII",
                          "public"]
    assert summary[2] == ["profiles/raw.airports.yml", "12", "3", "2", "email", "email",
                          "name, code"]
    profile = yaml.safe_load((root / "profiles" / "raw.airports.yml").read_text(encoding="utf-8"))
    columns = {c["name"]: c for c in profile["columns"]}
    assert "Zürich Flughafen" in {t["value"] for t in columns["name"]["top_values"]}
    assert columns["code"]["public"] is True
    assert "top_values" not in columns["email"] and "pilot1@example.com" not in str(profile)

    root = _project(tmp_path / "again", """
                columns:
                  - {name: email, semantic: email, profiling: {public: true}}
        """)
    result = CliRunner().invoke(cli, ["profile", "--project-dir", str(root)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "raw.airports.email" in result.output and "personal data" in result.output
    assert "sources/raw.yml" in result.output


@pytest.mark.parametrize("bad, message", [
    ("profiling: {public: yes please}", "public"),
    ("profiling: {min_category_count: 0}", "min_category_count"),
    ("profiling: {k: 3}", "k"),
])
def test_bad_profiling_settings_are_reported_with_their_file(tmp_path, bad, message):
    root = _project(tmp_path, bad)
    result = CliRunner().invoke(cli, ["compile", "--project-dir", str(root)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "raw.yml" in result.output and message in result.output


def test_a_profiling_declaration_for_a_missing_column_is_an_error(tmp_path):
    root = _project(tmp_path, """
                columns:
                  - {name: nmae, profiling: {public: true}}
        """)
    result = CliRunner().invoke(cli, ["profile", "--project-dir", str(root)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "column 'nmae', which the table does not have" in result.output
    assert "Did you mean 'name'?" in result.output
    assert not (root / "profiles").exists()


def test_keys_keep_formats_only_but_are_not_flagged_personal_data(tmp_path: Path) -> None:
    """`profile` agrees with `infer` and `ls --columns`: an order id is withheld from the
    profile (it can single out a person) but it is not PII; an e-mail is both."""
    root = tmp_path / "shop"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    result = CliRunner().invoke(cli, ["profile", "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    row = result.output.splitlines()[2].split("\t")
    assert row[4] == "order_id, customer_id" and row[5] == "-"
    profile = yaml.safe_load((root / "profiles" / "raw.orders.yml").read_text(encoding="utf-8"))
    order_id = next(c for c in profile["columns"] if c["name"] == "order_id")
    assert not order_id.get("pii") and not order_id.get("top_values")
