"""One trained model for the whole session (training takes a few seconds), cached under tmp."""

from __future__ import annotations

import pytest

from datanet_sql.semantics.classifier import SemanticModel, load_or_train


@pytest.fixture(scope="session")
def model_path(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("semantics") / "model.pkl"


@pytest.fixture(scope="session")
def model(model_path) -> SemanticModel:
    return load_or_train(model_path)
