"""Profiles learned from real DuckDB tables: statistics, dependencies, keys, YAML, privacy."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from datanet_sql.profile import load_profile, profile_path, save_profile
from datanet_sql.profile.model import TableProfile


def test_statistics_match_the_data(profiles, frames):
    flights, real = profiles["flights"], frames["flights"]
    assert flights.row_count == len(real)
    dep = flights.column("dep_time")
    assert abs(dep.null_rate - real["dep_time"].isna().mean()) < 1e-6
    assert dep.min == real["dep_time"].min() and dep.max == real["dep_time"].max()
    assert flights.column("origin").distinct_count == real["origin"].nunique()
    assert flights.column("tailnum").pattern == "A999AA"
    assert flights.column("carrier").top_hash and len(flights.column("carrier").top_hash) == 8
    assert profiles["airlines"].column("carrier").unique


def test_categories_are_k_anonymous(profiles, frames):
    for name, profile in profiles.items():
        for col in profile.columns:
            for top in col.top_values or []:
                assert round(top["freq"] * profile.row_count) >= 5, (name, col.name, top)


def test_dependencies_found_and_confirmed(profiles):
    deps = profiles["flights"].dependencies
    derived = {d["column"]: d for d in deps if d["kind"] == "derived"}
    assert derived["sched_dep_time"]["expr"] == '"hour" * 100 + "minute"'
    assert any(d["kind"] == "date_parts" and d["month"] == "month" for d in deps)
    composed = next(d for d in deps if d["kind"] == "compose_time")
    assert composed["column"] == "time_hour" and composed["offset"] in (14400.0, 18000.0)
    nulls = next(d for d in deps if d["kind"] == "null_group")
    assert {"dep_time", "arr_time", "air_time"} <= set(nulls["columns"])
    copula = next(d for d in deps if d["kind"] == "gaussian_copula")
    i, j = copula["columns"].index("air_time"), copula["columns"].index("distance")
    assert copula["correlation"][i][j] > 0.9


def test_keys_are_detected_with_sql(profiles):
    assert profiles["airlines"].primary_key == ["carrier"]
    assert profiles["airports"].primary_key == ["faa"]
    fks = {fk["columns"][0]: fk for fk in profiles["flights"].foreign_keys}
    assert fks["carrier"]["references"] == "raw.airlines" and fks["carrier"]["to"] == ["carrier"]
    assert fks["origin"]["references"] == "raw.airports"
    # a few destinations are missing from airports: a key with orphans (test_foreign_keys.py)
    assert fks["dest"]["references"] == "raw.airports" and 0 < fks["dest"]["orphans"] < 0.05


def test_yaml_round_trip_keeps_unknown_keys(profiles, tmp_path):
    profile = profiles["penguins"]
    path = save_profile(profile, profile_path(tmp_path, profile.source, profile.table))
    assert path == Path(tmp_path) / "raw.penguins.yml"
    data = yaml.safe_load(path.read_text())
    data["owner"] = "healing"
    data["columns"][0]["confirmed_by"] = "someone"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    loaded = load_profile(path)
    assert loaded.extra["owner"] == "healing"
    assert loaded.columns[0].extra["confirmed_by"] == "someone"
    save_profile(loaded, path)
    again = load_profile(path)
    assert again.to_dict() == loaded.to_dict()
    assert again.column("species").top_values == profile.column("species").top_values
    assert again.dependencies == yaml.safe_load(yaml.safe_dump(loaded.dependencies))


def test_profiles_never_hold_real_pii(profiles, frames, tmp_path):
    """The privacy scan: no real name or address of a person appears in any written profile."""
    for profile in profiles.values():
        save_profile(profile, profile_path(tmp_path, profile.source, profile.table))
    text = "\n".join(p.read_text() for p in Path(tmp_path).glob("*.yml"))
    people = frames["riots"]
    secrets = set(people["first_name"]) | set(people["last_name"]) | set(people["address"])
    leaked = sorted(s for s in secrets if len(s) >= 4 and s in text)
    assert leaked == []
    riots = profiles["riots"]
    for name in ("first_name", "last_name", "address"):
        col = riots.column(name)
        assert col.pii and col.min is None and col.top_values is None
        assert col.distribution["kind"] == "faker"


def test_from_dict_ignores_unknown_and_missing_keys():
    profile = TableProfile.from_dict({"source": "s", "table": "t", "future": 1,
                                      "columns": [{"name": "a", "type": "INTEGER", "x": 2}]})
    assert profile.column("a").extra == {"x": 2} and profile.extra == {"future": 1}
    assert profile.to_dict()["future"] == 1


def test_a_query_can_be_profiled_like_a_table(warehouse):
    from sqlglot import parse_one

    from datanet_sql.profile import profile_table

    query = parse_one("SELECT species, body_mass_g FROM raw.penguins WHERE island = 'Biscoe'")
    profile = profile_table(warehouse, query, "raw", "biscoe")
    assert profile.row_count == 168 and [c.name for c in profile.columns] == ["species", "body_mass_g"]
    assert {t["value"] for t in profile.column("species").top_values} == {"Adelie", "Gentoo"}


def test_a_broken_profile_file_is_a_user_error(tmp_path):
    import pytest

    from datanet_sql.errors import ConfigError

    path = tmp_path / "raw.bad.yml"
    path.write_text("source: raw\ncolumns: [\n  - name: a\n")
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    assert info.value.file == str(path) and "datanet profile" in info.value.hint


def test_fingerprints_match_what_healing_computes_live(warehouse, profiles):
    from datanet_sql.heal.fingerprint import live_contract

    live = {c.name: c for c in live_contract(warehouse, "raw.penguins").columns}
    for col in profiles["penguins"].columns:
        assert col.top_hash == live[col.name].top_hash, col.name
        if col.pattern:
            assert col.pattern == live[col.name].pattern, col.name


def test_re_profiling_unchanged_data_leaves_the_committed_file_alone(profiles, tmp_path):
    """Profiles are committed: a new time stamp alone must not make a git diff."""
    profile = copy.deepcopy(profiles["penguins"])   # the fixture is shared by the session
    path = save_profile(profile, profile_path(tmp_path, profile.source, profile.table))
    before = path.read_text()
    profile.profiled_at = "2030-01-01T00:00:00Z"
    save_profile(profile, path)
    assert path.read_text() == before
    profile.row_count += 1
    save_profile(profile, path)
    assert "2030-01-01" in path.read_text()  # a real change is written, with its time
