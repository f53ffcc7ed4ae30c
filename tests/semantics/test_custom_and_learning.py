"""Custom types from datanet.yml, user overrides as training data, and deterministic training."""

from __future__ import annotations

import pytest

from datanet_sql.errors import ConfigError
from datanet_sql.semantics import LabeledColumn, custom_types, get, infer_column
from datanet_sql.semantics.classifier import load, load_or_train, train
from datanet_sql.semantics.features import column_features
from datanet_sql.semantics.validators import read_values

CUSTOM = custom_types([
    {"name": "sku", "regex": r"^[A-Z]{3}-\d{4}$", "pii": False},
    {"name": "airport", "values": ["JFK", "LGA", "EWR", "ATL", "ORD", "LAX"]},
])


def test_custom_regex_type_wins(model) -> None:
    got = infer_column("code", "VARCHAR", ["ABC-1234", "XYZ-0001", "QRS-9876"] * 5, custom=CUSTOM, model=model)
    assert got.semantic == "sku"
    assert "regex" in got.evidence[0]


def test_custom_value_list_type(model) -> None:
    got = infer_column("code", "VARCHAR", ["JFK", "LGA", "ewr", "ATL"] * 5, custom=CUSTOM, model=model)
    assert got.semantic == "airport" and not got.pii


def test_custom_types_validate_config() -> None:
    with pytest.raises(ConfigError):
        custom_types([{"name": "bad", "regex": "(", "pii": False}])
    with pytest.raises(ConfigError):
        custom_types([{"name": "both", "regex": "x", "values": ["x"]}])
    with pytest.raises(ConfigError):
        custom_types([{"name": "typo", "regexp": "x"}])
    assert get("sku", CUSTOM).custom
    with pytest.raises(ConfigError, match="unknown semantic type"):
        get("nope")


def test_user_override_becomes_training_example(tmp_path) -> None:
    values = [f"B{i:05d}" for i in range(0, 400, 7)]
    labels = [LabeledColumn("badge", "VARCHAR", values, "employee_badge")]
    model = load_or_train(tmp_path / "m.pkl", labels, per_type=15)
    assert "employee_badge" in model.classes
    got = infer_column("badge", "VARCHAR", values[:30], model=model)
    assert got.semantic == "employee_badge"
    assert any("user confirmed" in e for e in got.evidence)
    # a column of the same shape under another name is now recognised by its values too
    other = infer_column("col_9", "VARCHAR", [f"B{i:05d}" for i in range(3, 300, 11)], model=model)
    assert other.semantic == "employee_badge"


def test_model_is_saved_loaded_and_rebuilt_when_labels_change(tmp_path, model_path, model) -> None:
    assert load(model_path) is not None
    assert load_or_train(model_path).fingerprint == model.fingerprint
    assert load(tmp_path / "missing.pkl") is None
    (tmp_path / "junk.pkl").write_bytes(b"not a pickle")
    assert load(tmp_path / "junk.pkl") is None


def test_training_is_deterministic() -> None:
    first, again = train(per_type=6), train(per_type=6)
    probe = column_features(read_values(["a@b.com", "x", "17", "2020-01-01"] * 3), "VARCHAR")
    assert again.classes == first.classes
    assert again.predict(probe) == first.predict(probe)
    assert again.fingerprint == first.fingerprint


def test_user_override_wins_over_inference(model) -> None:
    from datanet_sql.semantics import Inference

    values = ["2024-01-05", "2024-02-11", "2024-03-20"] * 5
    assert infer_column("signup", "VARCHAR", values, model=model).semantic == "date"
    override = Inference.confirmed("categorical")
    assert override.semantic == "categorical" and override.confidence == 1.0 and not override.pii
    assert Inference.confirmed("email").pii
    assert override.profile_fields() == {"semantic": "categorical", "semantic_confidence": 1.0, "pii": False}


def test_batch_inference_matches_single(model) -> None:
    from datanet_sql.semantics import infer_columns

    cols = [("email", "VARCHAR", ["a@b.com", "c@d.org"] * 5, None),
            ("empty", "VARCHAR", [None], None),
            ("qty", "INTEGER", [1, 2, 3, 2, 1, 5] * 3, 0.01)]
    batch = infer_columns(cols, model=model)
    single = [infer_column(n, t, v, distinct_ratio=r, model=model) for n, t, v, r in cols]
    assert batch == single and len(batch) == 3


def test_plain_load_keeps_the_model_learn_saved(tmp_path) -> None:
    """Compile loads without labels: it must not throw away what `datanet learn` trained."""
    path = tmp_path / "model.pkl"
    labels = [LabeledColumn("badge", "VARCHAR", [f"B{i:05d}" for i in range(0, 200, 7)], "employee_badge")]
    learned = load_or_train(path, labels, retrain=True, per_type=6)
    assert load_or_train(path).fingerprint == learned.fingerprint
    assert "employee_badge" in load_or_train(path).classes


def test_synthetic_columns_do_not_depend_on_hash_seed() -> None:
    """The model is rebuilt when missing: it must come out the same in every process."""
    import os
    import subprocess
    import sys

    code = ("import hashlib; from datanet_sql.semantics.synth import synthetic_columns; "
            "print(hashlib.sha256(repr(synthetic_columns(7, 4)).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1
