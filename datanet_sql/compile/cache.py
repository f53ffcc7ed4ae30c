"""Compilation cache by content hash: an unchanged project recompiles nothing.

Two levels, both keyed by hashes of what the result depends on: rendering (a file's text and
the project-wide render context) and analysis (the rendered SQL, the upstream columns the
model is checked against, and the dialects).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

import datanet_sql
from datanet_sql import __version__
from datanet_sql.fs import atomic


def _code_fingerprint() -> str:
    """The installed datanet's code by file sizes and modification times (a stat per module,
    about a millisecond): a cache written by other code, even of the same version number (an
    editable install, a dev build), is never reused, since what it holds came from that code."""
    root = Path(datanet_sql.__file__).parent
    stats = sorted((str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
                   for p in root.rglob("*.py"))
    return hashlib.sha1(repr(stats).encode()).hexdigest()[:12]


CACHE_VERSION = f"{__version__}-{_code_fingerprint()}"


def digest(*parts: Any) -> str:
    """A stable hash of JSON-able parts."""
    payload = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha1(payload.encode()).hexdigest()


class CompileCache:
    """A pickle of {namespace: {node id: (key, value)}} under .datanet/cache/."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._data: dict[str, dict[str, tuple[str, Any]]] = {}
        self._dirty = False
        # every put, in order, while a list (a forked worker's results: level_workers.py)
        self.journal: list[tuple[str, str, str, Any]] | None = None
        if path is not None and path.exists():
            try:
                with path.open("rb") as handle:
                    version, data = pickle.load(handle)
                if version == CACHE_VERSION:
                    self._data = data
            except Exception:  # noqa: BLE001 - a corrupt cache is simply rebuilt
                self._data = {}

    def get(self, namespace: str, node_id: str, key: str) -> Any | None:
        entry = self._data.get(namespace, {}).get(node_id)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, namespace: str, node_id: str, key: str, value: Any) -> None:
        self._data.setdefault(namespace, {})[node_id] = (key, value)
        self._dirty = True
        if self.journal is not None:
            self.journal.append((namespace, node_id, key, value))

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        # two compiles at once each write their own temporary file; the last rename wins
        with atomic.replacing(self.path) as handle:
            pickle.dump((CACHE_VERSION, self._data), handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._dirty = False
