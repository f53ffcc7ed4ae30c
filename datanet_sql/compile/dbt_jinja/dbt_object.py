"""dbt's Python objects as templates see them: a run result in on-run-end's `results`, its
node, its timings. Templates read their fields as attributes or keys and call `to_dict()`
(elementary serialises each run result, node and timing so)."""

from __future__ import annotations

from typing import Any


class DbtObject(dict[str, Any]):
    """A dbt object's fields: `obj.status`, `obj['status']`, `obj.to_dict()`."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def to_dict(self, omit_none: bool = False) -> dict[str, Any]:
        return {key: value.to_dict(omit_none) if isinstance(value, DbtObject) else value
                for key, value in self.items() if not (omit_none and value is None)}


class DbtConfig(DbtObject):
    """A node's config as a run result carries it: a key the node's kind does not have reads
    None, as dbt's config objects answer (dbt_artifacts reads `test.node.config.full_refresh`
    of tests, which have none)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # Python's own probes (`__html__`) are not config keys
            raise AttributeError(name)
        return self.get(name)

    def __missing__(self, key: str) -> None:
        return None
