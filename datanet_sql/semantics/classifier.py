"""The learning part: a small random forest over value features, trained in seconds.

It trains on Faker-made columns (synth.py) plus the labels a project confirmed (a `semantic:`
override in YAML is one), is pickled where the caller says (the compiler uses
`.datanet/semantics/model.pkl`), and is rebuilt, identically, when that file is missing or
was written by another version of the features.
"""

from __future__ import annotations

import logging

import hashlib
import pickle
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from datanet_sql.fs import atomic
from datanet_sql.semantics.features import FEATURE_NAMES, column_features
from datanet_sql.semantics.names import tokenise
from datanet_sql.semantics.validators import read_values

if TYPE_CHECKING:   # numpy comes with the forest: a compile served from its cache never loads it
    from datanet_sql.semantics.forest import FlatForest

MODEL_VERSION = 3  # bump when features or synthetic columns change meaning (3: numpy trees)
DEFAULT_SEED = 7


@dataclass(frozen=True)
class LabeledColumn:
    """A column whose semantic type a person confirmed: a training example for next time."""

    name: str
    sql_type: str
    values: Sequence[object]
    semantic: str


@dataclass
class SemanticModel:
    """The fitted forest (as numpy arrays: loading it imports no scikit-learn), its classes,
    and the column names users labelled (exact-name memory)."""

    forest: FlatForest
    classes: list[str]
    name_memory: dict[str, str] = field(default_factory=dict)
    version: int = MODEL_VERSION
    n_features: int = len(FEATURE_NAMES)
    fingerprint: str = ""

    def predict(self, features: list[float]) -> dict[str, float]:
        """Probability of each class for one column's feature vector."""
        probs = self.forest.predict_proba([features])[0]
        return {c: float(p) for c, p in zip(self.classes, probs)}

    def predict_many(self, rows: list[list[float]]) -> list[dict[str, float]]:
        """One batched call for many columns (a forest call has a fixed cost of ~5-40 ms)."""
        if not rows:
            return []
        return [{c: float(p) for c, p in zip(self.classes, probs)} for probs in self.forest.predict_proba(rows)]

    def remembered(self, name: str) -> str | None:
        """The type a user gave a column of this (normalised) name, if any."""
        return self.name_memory.get(_norm(name))


def _norm(name: str) -> str:
    return "_".join(tokenise(name))


def labels_fingerprint(extra: Sequence[LabeledColumn]) -> str:
    """A hash of the confirmed labels: the caller retrains when it changes."""
    h = hashlib.sha256(f"v{MODEL_VERSION}".encode())
    for col in sorted(extra, key=lambda c: (c.name, c.semantic)):
        h.update(f"{col.name}|{col.sql_type}|{col.semantic}|{len(col.values)}".encode())
    return h.hexdigest()[:16]


def _augment(col: LabeledColumn, rng: random.Random, copies: int) -> list[tuple[list[object], str]]:
    """Subsamples of a confirmed column, so one label weighs like several synthetic columns."""
    values = list(col.values)
    out = [(values, col.sql_type)]
    for _ in range(copies - 1):
        k = max(5, int(len(values) * rng.uniform(0.3, 1.0)))
        out.append((rng.sample(values, min(k, len(values))) if values else [], col.sql_type))
    return out


def train(extra: Sequence[LabeledColumn] = (), *, seed: int = DEFAULT_SEED,
          per_type: int = 50) -> SemanticModel:
    """Fit on synthetic columns plus `extra`; same inputs, same model."""
    from sklearn.ensemble import RandomForestClassifier

    from datanet_sql.semantics.synth import synthetic_columns

    X: list[list[float]] = []
    y: list[str] = []
    for semantic, values, sql_type in synthetic_columns(seed, per_type):
        X.append(column_features(read_values(values), sql_type))
        y.append(semantic)
    rng = random.Random(seed)
    for col in extra:
        for values, sql_type in _augment(col, rng, copies=8):
            X.append(column_features(read_values(values), sql_type))
            y.append(col.semantic)
    forest = RandomForestClassifier(n_estimators=80, min_samples_leaf=1, max_features="sqrt",
                                    class_weight="balanced", random_state=seed, n_jobs=1)
    forest.fit(X, y)
    from datanet_sql.semantics.forest import FlatForest

    memory = {_norm(c.name): c.semantic for c in extra}
    return SemanticModel(FlatForest.from_sklearn(forest), [str(c) for c in forest.classes_], memory,
                         fingerprint=labels_fingerprint(extra))


def save(model: SemanticModel, path: str | Path) -> None:
    # readers never see half a file, and two processes training at once never share a temp file
    atomic.write_bytes(Path(path), pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))


def load(path: str | Path) -> SemanticModel | None:
    """The model at `path`, or None when missing, unreadable or from other features."""
    try:
        model = pickle.loads(Path(path).read_bytes())
    except Exception:  # noqa: BLE001 - any unreadable cache (other sklearn, torn file) means retrain
        return None
    if not isinstance(model, SemanticModel) or model.version != MODEL_VERSION or \
            model.n_features != len(FEATURE_NAMES):
        return None
    return model


def load_or_train(path: str | Path | None, extra: Sequence[LabeledColumn] = (), *,
                  retrain: bool = False, per_type: int = 50) -> SemanticModel:
    """Load the model at `path`; train and save it when missing, stale for `extra`, or asked to.

    `datanet learn` calls this with retrain=True and the confirmed labels; compile calls it
    without labels and gets whatever model is saved (the last one `learn` made), so it pays
    training only when the file is missing (a few seconds), then only a pickle load.
    """
    if path is not None and not retrain:
        model = load(path)
        if model is not None and (not extra or model.fingerprint == labels_fingerprint(extra)):
            return model
    logging.getLogger(__name__).info(
        "training the column-semantics classifier%s (a few seconds, then cached)",
        f" on {len(extra)} confirmed labels" if extra else "")
    model = train(extra, per_type=per_type)
    if path is not None:
        save(model, path)
    return model


_DEFAULT: SemanticModel | None = None


def default_model() -> SemanticModel:
    """A process-wide model trained on synthetic columns only (for callers without a project)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = train()
    return _DEFAULT
