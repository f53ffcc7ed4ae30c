"""A previous manifest (and run results) read from `--state DIR`, in one shape for comparing.

The state is dbt's manifest v12, the file datanet writes to `target/manifest.json` (and dbt
itself writes): its `compiled_code` and per-column `meta.datanet.lineage` are what the column
diff needs, so nothing else has to be kept between runs. The current project is put through
the same reader (`from_manifest`) so both sides are compared field by field in one shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from datanet_sql.errors import ConfigError

_KINDS = ("model", "seed", "snapshot", "test", "source", "unit_test")
# config keys that say how a node is run, not what it holds: dbt leaves them out of
# state:modified.configs too
_UNCOMPARED_CONFIG = ("meta", "docs", "tags", "contract", "access", "group", "unique_id")


@dataclass(frozen=True)
class PriorColumn:
    name: str
    type: str | None
    lineage: tuple[str, ...]  # datanet ids of the parent columns it is computed from


@dataclass
class PriorNode:
    """One node of a manifest, as the comparison needs it."""

    dbt_id: str
    datanet_id: str
    name: str
    kind: str
    checksum: str
    config: dict[str, Any]
    relation: tuple[str | None, str | None, str | None]  # database, schema, identifier
    materialized: str | None
    contract: bool
    columns: dict[str, PriorColumn]
    compiled_code: str | None
    depends_on: tuple[str, ...]  # dbt ids
    macros: tuple[str, ...]
    path: str = ""


@dataclass
class PriorState:
    """A manifest's nodes keyed by datanet id, plus the run results beside it (if any)."""

    folder: Path
    dialect: str
    nodes: dict[str, PriorNode] = field(default_factory=dict)
    macros: dict[str, str] = field(default_factory=dict)  # unique id -> checksum of its SQL
    # unique id -> the macros it calls: a node lists those it calls itself, as dbt does
    macro_calls: dict[str, tuple[str, ...]] = field(default_factory=dict)
    results: dict[str, str] = field(default_factory=dict)  # node id -> status of the last run

    @cached_property
    def relation_names(self) -> dict[tuple[str, str], str]:
        """(schema, identifier) of each relation -> the id of the node it holds."""
        return {(str(n.relation[1]), str(n.relation[2])): n.datanet_id
                for n in self.nodes.values() if n.kind != "test" and n.relation[2]}


def load_state(folder: Path) -> PriorState:
    """The manifest in `folder` (or in `folder/target/`); an error naming what was looked for
    when there is none, or it is datanet's internal `.datanet/manifest.json`."""
    path = _manifest_path(folder)
    data = _read_json(path)
    if "dbt_schema_version" not in data.get("metadata", {}):
        raise ConfigError(f"{path} is datanet's internal manifest, not the dbt-compatible one "
                          "--state reads", file=str(path),
                          hint="pass the folder holding target/manifest.json (datanet compile "
                               "writes it), or a copy of that file")
    state = from_manifest(data, path.parent)
    state.results = _results(path.parent, state)
    return state


def _manifest_path(folder: Path) -> Path:
    for candidate in (folder / "manifest.json", folder / "target" / "manifest.json"):
        if candidate.is_file():
            return candidate
    raise ConfigError(f"--state {folder}: no manifest.json there (nor in {folder}/target/)",
                      hint="save target/manifest.json of the run to compare with (e.g. main's "
                           "last build) and pass its folder to --state")


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"cannot read {path}: {err}", file=str(path),
                          hint="pass a manifest.json written by `datanet compile` or dbt")
    if not isinstance(data, dict):
        raise ConfigError(f"{path} is not a manifest (not a JSON object)", file=str(path))
    return data


def from_manifest(data: dict[str, Any], folder: Path) -> PriorState:
    """A dbt-format manifest (a dict) in the comparison's shape."""
    from datanet_sql.compile.compile_target import TARGET_DIALECTS

    adapter = str(data.get("metadata", {}).get("adapter_type") or "duckdb")
    state = PriorState(folder, TARGET_DIALECTS.get(adapter, adapter))
    entries = [*data.get("nodes", {}).values(), *data.get("sources", {}).values(),
               *data.get("unit_tests", {}).values()]
    for entry in entries:
        if entry.get("resource_type") in _KINDS:
            node = _node(entry, str(data.get("metadata", {}).get("project_name", "")))
            state.nodes[node.datanet_id] = node
    state.macros = {uid: str(m.get("macro_sql", "")) for uid, m in
                    data.get("macros", {}).items()}
    state.macro_calls = {uid: tuple((m.get("depends_on") or {}).get("macros") or ())
                         for uid, m in data.get("macros", {}).items()}
    return state


def _node(entry: dict[str, Any], package: str) -> PriorNode:
    config = entry.get("config") or {}
    meta = (entry.get("meta") or {}).get("datanet") or {}
    dbt_id = str(entry["unique_id"])
    return PriorNode(
        dbt_id=dbt_id, datanet_id=str(meta.get("unique_id") or _datanet_id(dbt_id, package)),
        name=str(entry.get("name")), kind=str(entry["resource_type"]),
        checksum=str((entry.get("checksum") or {}).get("checksum", "")),
        config={k: v for k, v in config.items() if k not in _UNCOMPARED_CONFIG},
        relation=(entry.get("database"), entry.get("schema"),
                  entry.get("identifier") or entry.get("alias") or entry.get("name")),
        materialized=config.get("materialized"),
        contract=bool((config.get("contract") or {}).get("enforced")),
        columns={name: PriorColumn(name, col.get("data_type"), tuple(
            ((col.get("meta") or {}).get("datanet") or {}).get("lineage") or ()))
            for name, col in (entry.get("columns") or {}).items()},
        compiled_code=entry.get("compiled_code"),
        depends_on=tuple((entry.get("depends_on") or {}).get("nodes") or ()),
        macros=tuple((entry.get("depends_on") or {}).get("macros") or ()),
        path=str(entry.get("original_file_path") or ""))


def _datanet_id(dbt_id: str, package: str) -> str:
    """`model.shop.orders` -> `model.orders` (a manifest dbt itself wrote has no datanet ids)."""
    kind, _, rest = dbt_id.partition(".")
    return f"{kind}.{rest.removeprefix(package + '.')}"


def _results(folder: Path, state: PriorState) -> dict[str, str]:
    """Each node's status in the run_results.json beside the manifest (dbt's or datanet's)."""
    path = folder / "run_results.json"
    if not path.is_file():
        return {}
    by_dbt_id = {n.dbt_id: n.datanet_id for n in state.nodes.values()}
    return {by_dbt_id.get(str(r.get("unique_id")), str(r.get("unique_id"))): str(r["status"])
            for r in _read_json(path).get("results", []) if "status" in r}
