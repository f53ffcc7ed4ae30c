"""dbt's names and id hashes of generic tests, so dbt-ecosystem tools match datanet's tests.

dbt names a generic test after its type, the node it tests and its arguments
(`accepted_values_orders_status__placed__shipped`); a name of 64 characters or more is cut
to 30 and an md5 of the whole, which is then the relation its stored failures go to (the
full name stays the node's name). Its unique id ends with ten hex digits of an md5 over the
name and the test's metadata. These follow dbt-core 1.9's parser, so the same YAML gives the
same names and ids in both tools.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

_MAX_NAME = 64
_HASH_LENGTH = 10


def generic_test_names(kind: str, namespace: str | None, tested: str, on_source: bool,
                       args: dict[str, Any]) -> tuple[str, str]:
    """(short name, full name) of a generic test; `tested` is the model's name, or for a
    source `<source>_<table>`; `args` hold `column_name` and the test's arguments."""
    test_type = f"source_{kind}" if on_source else kind
    if namespace:
        test_type = f"{namespace}_{test_type}"
    flat: list[str] = []
    for name in sorted(args):
        value = args[name]
        parts = list(value.values()) if isinstance(value, dict) else \
            list(value) if isinstance(value, (list, tuple)) else [value]
        flat += [re.sub("[^0-9a-zA-Z_]+", "_", str(part)) for part in parts]
    identifier = f"{test_type}_{tested}"
    full = f"{identifier}_{'__'.join(flat)}"
    if len(full) < _MAX_NAME:
        return full, full
    return f"{identifier[:30]}_{_md5(full)}", full


def model_argument(model: str | None, source: tuple[str, str] | None,
                   version: str | None = None) -> str:
    """The `model` argument dbt hands a generic test (part of what its id hashes); a test
    of one version of a model names it (`ref('customers', version='1')`)."""
    if source:
        target = f"source('{source[0]}', '{source[1]}')"
    elif version is not None:
        target = f"ref('{model}', version='{version}')"
    else:
        target = f"ref('{model}')"
    return f"{{{{ get_where_subquery({target}) }}}}"


def test_hash(name: str, namespace: str | None, kind: str, kwargs: dict[str, Any]) -> str:
    """The ten hex digits that end a generic test's dbt unique id."""
    metadata = {"namespace": namespace, "name": kind, "kwargs": kwargs}
    return _md5(name + repr(_hashable(metadata)))[-_HASH_LENGTH:]


def _hashable(value: Any) -> Any:
    """dbt's own flattening: dicts with sorted keys, lists kept, everything else str()."""
    if type(value) is dict:
        return {key: _hashable(value[key]) for key in sorted(value)}
    if type(value) is list:
        return [_hashable(item) for item in value]
    return str(value)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()
