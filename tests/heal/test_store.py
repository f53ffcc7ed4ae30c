"""The contract store (the one reader and writer of profiles/) and the MinHash sketch."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from datanet_sql.heal import ContractStore
from datanet_sql.heal.sketch import containment


def test_accept_records_the_fingerprint_and_keeps_other_layers_keys(fp, tmp_path: Path) -> None:
    live = fp("SELECT range AS id, 'name ' || (range % 40) AS full_name FROM range(100)")
    store = ContractStore(tmp_path)
    path = store.path(("raw", "t"))
    path.write_text(yaml.safe_dump({"source": "raw", "table": "t", "locale": "nl_NL",
                                    "columns": [{"name": "id", "mock": {"kind": "sequence"}}]}))
    written = store.accept(("raw", "t"), live, {"full_name": ("person_name", True)})
    assert written == path
    data = yaml.safe_load(path.read_text())
    assert data["locale"] == "nl_NL" and data["columns"][0]["mock"] == {"kind": "sequence"}
    name = data["columns"][1]
    assert name["pii"] is True and "min" not in name and "max" not in name
    assert len(name["minhash"]) == 256        # a sketch, never the values
    recorded = store.recorded(("raw", "t"))
    assert recorded is not None and recorded.column("full_name").minhash == name["minhash"]
    assert store.accept(("raw", "t"), live, {"full_name": ("person_name", True)}) is None


def test_an_unchanged_contract_with_unrounded_floats_is_not_dumped_again(
        fp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a live contract's floats (a mean of 49.5 / 7) never equal the file's short ones,
    so every run dumped the whole profile YAML to find it unchanged."""
    import datanet_sql.profile.model as profile_model

    live = fp("SELECT range / 7 AS ratio, range AS id FROM range(100)")
    store = ContractStore(tmp_path)
    store.accept(("raw", "t"), live)
    before = store.path(("raw", "t")).read_text()
    assert live.column("ratio").mean != yaml.safe_load(before)["columns"][0]["mean"]

    def no_dump(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged contract was dumped again")

    monkeypatch.setattr(profile_model, "save_profile", no_dump)
    assert ContractStore(tmp_path).accept(("raw", "t"), live) is None
    assert store.path(("raw", "t")).read_text() == before


def test_minhash_tells_a_grown_column_from_another_one(fp) -> None:
    before = fp("SELECT 'w' || range AS word FROM range(300)", "a").column("word")
    grown = fp("SELECT 'w' || range AS word FROM range(900)", "b").column("word")
    other = fp("SELECT 'x' || range AS word FROM range(900)", "c").column("word")
    inside = containment(before.minhash, grown.minhash, before.distinct_count, grown.distinct_count)
    outside = containment(before.minhash, other.minhash, before.distinct_count,
                          other.distinct_count)
    assert inside is not None and inside > 0.8
    assert outside is not None and outside < 0.1


def test_numbers_hash_alike_whatever_their_type(fp) -> None:
    ints = fp("SELECT range AS v FROM range(200)", "a").column("v")
    floats = fp("SELECT CAST(range AS DOUBLE) AS v FROM range(200)", "b").column("v")
    assert ints.minhash == floats.minhash
