"""The last compile's project and manifest, kept next to its stamp for the edit path.

A recompile after one model's SQL was edited needs what the last compile knew about every
other node (configs, relations, columns, compiled SQL) but none of the work that produced it:
loading and validating every YAML file, rendering, analysing and emitting a thousand models
from their caches. `keep` pickles the validated `Project` and the finished `Manifest` after a
whole compile (the base, 9 MB for 1000 models); after an edit path, `keep_edits` writes only
what it changed since the base (the edited files' text and the nodes compiled again), so an
edit does not pay for pickling the whole project again. `kept` gives them back, the edits
applied, only when the stamp names this very state (ids written in both) and the same code
wrote it: a state from another compile, a crash between two writes or another datanet is
never used.
"""

from __future__ import annotations

import gc
import pickle
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.compile.cache import cache_version
from datanet_sql.compile.gc_budget import gc_paused
from datanet_sql.config.project import Project
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

if TYPE_CHECKING:
    from datanet_sql.compile.context import CompileContext

STATE = Path(".datanet") / "cache" / "last_state.pickle"
EDITS = Path(".datanet") / "cache" / "last_state_edits.pickle"
# past this many nodes changed since the base, an edit writes a new base
_MAX_EDITED_NODES = 500


@dataclass
class Kept:
    """The kept state with its edits applied, and what they were (to be kept again)."""

    project: Project
    manifest: Manifest
    base: str
    files: dict[str, str] = field(default_factory=dict)  # edited file -> its text
    nodes: set[str] = field(default_factory=set)  # nodes compiled again since the base


def keep(root: Path, project: Project, manifest: Manifest, *,
         background: bool = False) -> str | None:
    """Write a base state and return its id (for the stamp); None when it cannot be pickled
    (a value of a project's own making), so that the next edit compiles whole. The nodes'
    sqlglot trees are dropped first (a compile's last step: the edit path parses what it
    analyses again, and a data test's tree was a fifth of the state). In the `background`
    (a large project's whole compile, whose command then ends) a forked child writes it,
    not waited for: 0.05-0.1 s of pickling and writing 9 MB for 1000 models kept off the
    compile's end. Until the child is done, or if it fails, the stamp names a state that is
    not there, and the next edit compiles whole."""
    base = uuid.uuid4().hex
    _drop_trees(manifest.nodes.values())
    if background:
        from datanet_sql.compile.forks import fork_child

        if fork_child(partial(_write_base, root, base, project, manifest)) is not None:
            return base
    return base if _write_base(root, base, project, manifest) else None


def keep_compiled(ctx: CompileContext, manifest: Manifest) -> str | None:
    """`keep` after a whole compile whose command then ends: in the background for a large
    project that may fork (as dbt's manifest is written, emit.py)."""
    from datanet_sql.compile import forks
    from datanet_sql.compile.passes.emit import MANIFEST_CHILD_NODES

    background = len(manifest.nodes) >= MANIFEST_CHILD_NODES and forks.may_fork(ctx)
    return keep(ctx.project.root, ctx.project, manifest, background=background)


def _write_base(root: Path, base: str, project: Project, manifest: Manifest) -> bool:
    if not _write(root / STATE, (cache_version(), base, project, manifest)):
        forget(root)
        return False
    (root / EDITS).unlink(missing_ok=True)
    return True


def keep_edits(root: Path, kept: Kept, files: dict[str, str], nodes: set[str]) -> str | None:
    """After an edit path: its files and nodes, with those of the edits since the base, next
    to the base (a new base when they grew large); the state's id for the stamp."""
    every = kept.nodes | nodes
    if len(every) > _MAX_EDITED_NODES:
        return keep(root, kept.project, kept.manifest)
    changed = [kept.manifest.nodes[uid] for uid in every if uid in kept.manifest.nodes]
    _drop_trees(changed)
    edits = uuid.uuid4().hex
    if not _write(root / EDITS, (cache_version(), kept.base, edits, {**kept.files, **files},
                                 changed)):
        return None
    return f"{kept.base}:{edits}"


def kept(root: Path, state_id: object) -> Kept | None:
    """The kept project and manifest, with the edits since the base applied, when
    `state_id` (the stamp's) names them."""
    if not isinstance(state_id, str):
        return None
    base, _, edits = state_id.partition(":")
    loaded = _read(root / STATE)
    if loaded is None or loaded[:2] != (cache_version(), base):
        return None
    project, manifest = loaded[2:]
    state = Kept(project, manifest, base)
    if edits:
        found = _read(root / EDITS)
        if found is None or found[:3] != (cache_version(), base, edits):
            return None
        state.files = found[3]
        for file in project.sql_models:
            file.text = state.files.get(file.path, file.text)
        for node in found[4]:
            manifest.nodes[node.unique_id] = node
            state.nodes.add(node.unique_id)
    return state


def forget(root: Path) -> None:
    (root / STATE).unlink(missing_ok=True)
    (root / EDITS).unlink(missing_ok=True)


def _drop_trees(nodes: Iterable[Node]) -> None:
    for node in nodes:
        node.expression = node.incremental_expression = node.rejects_expression = None


def _write(path: Path, value: tuple[Any, ...]) -> bool:
    with gc_paused():
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return False
    atomic.write_bytes(path, data)
    return True


def _read(path: Path) -> tuple[Any, ...] | None:
    try:
        with gc_paused(), path.open("rb") as handle:
            value = pickle.load(handle)
            # into the oldest generation: the first young collection would otherwise scan
            # every object unpickled (a tenth of a second for 1000 models)
            gc.freeze()
            gc.unfreeze()
    except Exception:  # noqa: BLE001 - an unreadable state only means compiling whole
        return None
    return value if isinstance(value, tuple) else None

