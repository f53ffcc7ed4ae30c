"""Both manifests after an edit, patched: only the entries of the nodes compiled again are
built and encoded, the rest of each file's bytes is kept (artifacts/json_splice.py).

The edit path (edit_compile.py) runs only when the nodes' set, order, parents and configs are
the last compile's, so no other part of either manifest can differ: dbt's parent and child
maps, macros and resources, datanet's warnings and resources. dbt's header gets this compile's
invocation id and time, as a whole write would. Where an entry cannot be found as expected,
that manifest is written whole (the same bytes, slower).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from datanet_sql.artifacts.dbt_manifest import node_entry, write_dbt_manifest
from datanet_sql.artifacts.ids import TARGET_DIR, dbt_unique_id, metadata
from datanet_sql.artifacts.json_splice import replace_entries
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.gc_budget import gc_paused
from datanet_sql.compile.last_compile import new_header
from datanet_sql.compile.passes.emit import write_files
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

_DBT_NODE_KINDS = ("model", "seed", "test", "snapshot")  # dbt's `nodes:` (sources apart)
_HEADER_BYTES = 1024  # dbt's header's id and time lie within the file's first bytes


def patch_manifests(manifest: Manifest, ctx: CompileContext, files: dict[Path, str],
                    changed: set[str]) -> None:
    """emit's writes for the edit path: the compiled `files`, then datanet's and dbt's
    manifests with the entries of `changed` (node ids) replaced."""
    write_files(files, ctx)
    with gc_paused():
        ours = ctx.project.state_dir / "manifest.json"
        if not _patch(ours, _entries(manifest, changed, (), str, Node.to_dict)):
            manifest.write(ours)
        dbt = _entries(manifest, changed, _DBT_NODE_KINDS,
                       lambda uid: dbt_unique_id(uid, manifest),
                       lambda node: node_entry(node, manifest))
        if not _patch(ctx.project.root / TARGET_DIR / "manifest.json", dbt, ctx.invocation_id):
            write_dbt_manifest(manifest, ctx.project.root, ctx.invocation_id)


Entries = tuple[dict[str, dict[str, Any]], dict[str, str | None]]


def _entries(manifest: Manifest, changed: set[str], kinds: tuple[str, ...],
             key: Callable[[str], str], entry: Callable[[Node], dict[str, Any]]) -> Entries:
    """The new entries of the changed nodes among those of `kinds` (all when empty) by their
    key in the section, in its order, and the key of the entry after each."""
    section = [uid for uid in manifest.order if not kinds or manifest.nodes[uid].kind in kinds]
    entries: dict[str, dict[str, Any]] = {}
    following: dict[str, str | None] = {}
    for index, uid in enumerate(section):
        if uid in changed:
            entries[key(uid)] = entry(manifest.nodes[uid])
            after = section[index + 1] if index + 1 < len(section) else None
            following[key(uid)] = None if after is None else key(after)
    return entries, following


def _patch(path: Path, entries: Entries, invocation_id: str | None = None) -> bool:
    """Replace the entries in the file's `nodes` section (and dbt's header's id and time when
    `invocation_id` is given); False when the file cannot be patched."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    pieces = replace_entries(data, "nodes", *entries)
    if pieces is not None and invocation_id is not None:
        pieces = _with_header(pieces, invocation_id)
    if pieces is None:
        return False
    with atomic.replacing(path) as handle:
        for piece in pieces:
            handle.write(piece)
    return True


def _with_header(pieces: list[memoryview | bytes], invocation_id: str
                 ) -> list[memoryview | bytes] | None:
    """dbt's manifest with this compile's id and time, its first bytes alone rewritten."""
    head = new_header(bytes(pieces[0][:_HEADER_BYTES]), metadata("", invocation_id))
    return None if head is None else [head, pieces[0][_HEADER_BYTES:], *pieces[1:]]
