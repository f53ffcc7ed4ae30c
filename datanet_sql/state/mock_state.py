"""The manifest of a build on mocks, kept as a state for the next pull request.

A CI job on main builds on mocks (no production data there), so the state a pull request
compares with and defers to is that build's: its manifest in dbt's format, written to
`.datanet/mock-state/manifest.json` (the real target's `target/manifest.json` is left alone),
to be saved together with the mock warehouse `.datanet/mock.duckdb`.
"""

from __future__ import annotations

from pathlib import Path

from datanet_sql.artifacts.dbt_manifest import to_dbt_manifest
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest

MOCK_STATE = "mock-state"


def write_mock_state(manifest: Manifest, state_dir: Path, invocation_id: str) -> Path:
    path = state_dir / MOCK_STATE / "manifest.json"
    atomic.write_json(path, to_dbt_manifest(manifest, invocation_id))
    return path
