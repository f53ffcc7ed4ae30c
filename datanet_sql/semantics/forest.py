"""A fitted random forest as plain numpy arrays: predicting needs no scikit-learn import.

Importing scikit-learn (and scipy) costs about two seconds, the largest part of a cold
compile; the trees themselves are a few arrays. scikit-learn trains the forest, this class
carries it: the same splits (inputs compared as float32, like scikit-learn does) and the same
averaged leaf distributions, so predictions are identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class FlatTree:
    feature: np.ndarray  # split feature per node (-2 at leaves)
    threshold: np.ndarray
    left: np.ndarray  # child ids (-1 at leaves)
    right: np.ndarray
    proba: np.ndarray  # (n_nodes, n_classes) class distribution per node


@dataclass
class FlatForest:
    trees: list[FlatTree]
    classes: list[str]

    @classmethod
    def from_sklearn(cls, forest: Any) -> FlatForest:
        trees = []
        for estimator in forest.estimators_:
            tree = estimator.tree_
            value = tree.value[:, 0, :].astype(np.float64)
            totals = value.sum(axis=1, keepdims=True)
            proba = np.divide(value, totals, out=np.zeros_like(value), where=totals > 0)
            trees.append(FlatTree(tree.feature.copy(), tree.threshold.copy(),
                                  tree.children_left.copy(), tree.children_right.copy(), proba))
        return cls(trees, [str(c) for c in forest.classes_])

    def predict_proba(self, rows: list[list[float]]) -> np.ndarray:
        """Mean of the trees' leaf distributions, as scikit-learn's predict_proba."""
        x = np.asarray(rows, dtype=np.float32).astype(np.float64)
        index = np.arange(len(x))
        total = np.zeros((len(x), len(self.classes)))
        for tree in self.trees:
            node = np.zeros(len(x), dtype=np.intp)
            while True:
                inner = tree.left[node] != -1
                if not inner.any():
                    break
                feature = np.where(inner, tree.feature[node], 0)
                go_left = x[index, feature] <= tree.threshold[node]
                node = np.where(inner, np.where(go_left, tree.left[node], tree.right[node]),
                                node)
            total += tree.proba[node]
        return total / len(self.trees)
