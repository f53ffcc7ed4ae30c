"""Column semantics: what every column means, how sure we are, and whether it is personal data.

Public API (the compiler's semantics pass and the `infer`/`learn` commands call these):
vocabulary (types, custom types), infer_column / infer_relation (evidence -> Inference),
the classifier (train / load_or_train), and propagate / is_pii (through column lineage).
"""

from __future__ import annotations

from datanet_sql.semantics.classifier import (
    LabeledColumn,
    SemanticModel,
    default_model,
    load_or_train,
    train,
)
from datanet_sql.semantics.infer import Inference, infer_column, infer_columns
from datanet_sql.semantics.propagate import is_pii, propagate
from datanet_sql.semantics.sample import distinct_ratios, infer_relation, sample_relation
from datanet_sql.semantics.vocabulary import VOCABULARY, SemanticType, custom_types, get

__all__ = [
    "VOCABULARY",
    "Inference",
    "LabeledColumn",
    "SemanticModel",
    "SemanticType",
    "custom_types",
    "default_model",
    "distinct_ratios",
    "get",
    "infer_column",
    "infer_columns",
    "infer_relation",
    "is_pii",
    "load_or_train",
    "propagate",
    "sample_relation",
    "train",
]
