"""Both manifests after an edit, patched: only the entries of the nodes compiled again are
built and encoded, the rest of each file's text is kept (artifacts/json_splice.py).

The edit path (edit_compile.py) runs only when the nodes' set, order, parents and configs are
the last compile's, so no other part of either manifest can differ: dbt's parent and child
maps, macros and resources, datanet's warnings and resources. dbt's header gets this compile's
invocation id and time, as a whole write would. Where an entry cannot be found as expected,
that manifest is written whole (the same bytes, slower).
"""

from __future__ import annotations

from pathlib import Path

from datanet_sql.artifacts.dbt_manifest import node_entry, write_dbt_manifest
from datanet_sql.artifacts.ids import TARGET_DIR, dbt_unique_id, metadata
from datanet_sql.artifacts.json_splice import replace_entries
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.gc_budget import gc_paused
from datanet_sql.compile.last_compile import new_header
from datanet_sql.compile.passes.emit import write_files
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest

_DBT_NODE_KINDS = ("model", "seed", "test", "snapshot")  # dbt's `nodes:` (sources apart)


def patch_manifests(manifest: Manifest, ctx: CompileContext, files: dict[Path, str],
                    changed: set[str]) -> None:
    """emit's writes for the edit path: the compiled `files`, then datanet's and dbt's
    manifests with the entries of `changed` (node ids) replaced."""
    write_files(files, ctx)
    nodes = [manifest.nodes[uid] for uid in manifest.order if uid in changed]
    with gc_paused():
        ours = ctx.project.state_dir / "manifest.json"
        if not _patch(ours, {node.unique_id: node.to_dict() for node in nodes}):
            manifest.write(ours)
        dbt = {dbt_unique_id(node.unique_id, manifest): node_entry(node, manifest)
               for node in nodes if node.kind in _DBT_NODE_KINDS}
        if not _patch(ctx.project.root / TARGET_DIR / "manifest.json", dbt, ctx.invocation_id):
            write_dbt_manifest(manifest, ctx.project.root, ctx.invocation_id)


def _patch(path: Path, entries: dict[str, dict[str, object]],
           invocation_id: str | None = None) -> bool:
    """Replace `entries` in the file's `nodes` section (and dbt's header's id and time when
    `invocation_id` is given); False when the file cannot be patched."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    patched = replace_entries(text, "nodes", entries)
    if patched is not None and invocation_id is not None:
        patched = _with_header(patched, invocation_id)
    if patched is None:
        return False
    atomic.write_text(path, patched)
    return True


def _with_header(text: str, invocation_id: str) -> str | None:
    """dbt's manifest with this compile's `generated_at` and `invocation_id` (its first keys,
    as artifacts/ids.py writes them)."""
    data = new_header(text.encode(), metadata("", invocation_id))
    return None if data is None else data.decode()
