"""The last compile's project and manifest, kept next to its stamp for the edit path.

A recompile after one model's SQL was edited needs what the last compile knew about every
other node (configs, relations, columns, compiled SQL) but none of the work that produced it:
loading and validating every YAML file, rendering, analysing and emitting a thousand models
from their caches. `keep` pickles the validated `Project` and the finished `Manifest` after a
compile that was stamped; `kept` gives them back to the edit path (edit_compile.py) only when
the stamp names this very state (an id written in both) and the same code wrote it, so a state
from another compile, a crash between the two writes or another datanet is never used.
"""

from __future__ import annotations

import gc
import pickle
import uuid
from pathlib import Path

from datanet_sql.compile.cache import CACHE_VERSION
from datanet_sql.compile.gc_budget import gc_paused
from datanet_sql.config.project import Project
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest

STATE = Path(".datanet") / "cache" / "last_state.pickle"


def keep(root: Path, project: Project, manifest: Manifest) -> str | None:
    """Write the state and return its id (for the stamp); None when it cannot be pickled
    (a value of a project's own making), so that the next edit compiles whole. The nodes'
    sqlglot trees are dropped first (a compile's last step: the edit path parses what it
    analyses again, and a data test's tree was a fifth of the state)."""
    state_id = uuid.uuid4().hex
    for node in manifest.nodes.values():
        node.expression = node.incremental_expression = node.rejects_expression = None
    with gc_paused():
        try:
            data = pickle.dumps((CACHE_VERSION, state_id, project, manifest),
                                protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            forget(root)
            return None
    atomic.write_bytes(root / STATE, data)
    return state_id


def kept(root: Path, state_id: object) -> tuple[Project, Manifest] | None:
    """The kept project and manifest, when `state_id` (the stamp's) names them."""
    if not isinstance(state_id, str):
        return None
    try:
        with gc_paused(), (root / STATE).open("rb") as handle:
            version, found, project, manifest = pickle.load(handle)
            # into the oldest generation: the first young collection would otherwise scan
            # every object unpickled (a tenth of a second for 1000 models)
            gc.freeze()
            gc.unfreeze()
    except Exception:  # noqa: BLE001 - an unreadable state only means compiling whole
        return None
    if version != CACHE_VERSION or found != state_id:
        return None
    return project, manifest


def forget(root: Path) -> None:
    (root / STATE).unlink(missing_ok=True)
