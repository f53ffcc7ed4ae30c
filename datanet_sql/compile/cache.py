"""Compilation cache by content hash: an unchanged project recompiles nothing.

Two levels, both keyed by hashes of what the result depends on: rendering (a file's text and
the project-wide render context) and analysis (the rendered SQL, the upstream columns the
model is checked against, and the dialects).
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
import uuid
from pathlib import Path
from typing import Any

import datanet_sql
from datanet_sql import __version__
from datanet_sql.fs import atomic


@functools.cache
def cache_version() -> str:
    """datanet's version and its installed code by file sizes and modification times (a
    stat per module): a cache written by other code, even of the same version number (an
    editable install, a dev build), is never reused, since what it holds came from that code.
    Computed when a cache is first read or written, not on import: the 400 stats take 10 ms
    of a command (`datanet ingest`) that keeps no cache."""
    root = Path(datanet_sql.__file__).parent
    stats = sorted((str(p.relative_to(root)), *_size_and_time(p)) for p in root.rglob("*.py"))
    return f"{__version__}-{hashlib.sha1(repr(stats).encode()).hexdigest()[:12]}"


def _size_and_time(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def digest(*parts: Any) -> str:
    """A stable hash of JSON-able parts."""
    payload = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha1(payload.encode()).hexdigest()


class CompileCache:
    """A pickle of {namespace: {node id: (key, value)}} under .datanet/cache/, and next to it
    the entries put since by compiles that saved only those (`save_puts`: an edited model's
    recompile writes a few entries, not the 7 MB of a 1000-model project's cache again)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._data: dict[str, dict[str, tuple[str, Any]]] = {}
        self._dirty = False
        self._base = ""  # the id of the whole pickle loaded, which the puts' file names
        # entries put since the whole pickle was written: the puts' file, then this compile's
        self._puts: list[tuple[str, str, str, Any]] = []
        # every put, in order, while a list (a forked worker's results: level_workers.py)
        self.journal: list[tuple[str, str, str, Any]] | None = None
        if path is not None and path.exists():
            try:
                with path.open("rb") as handle:
                    version, data, base = pickle.load(handle)
                if version == cache_version():
                    self._data, self._base = data, base
                    self._load_puts()
            except Exception:  # noqa: BLE001 - a corrupt cache is simply rebuilt
                self._data, self._base, self._puts = {}, "", []

    @property
    def _puts_path(self) -> Path:
        assert self.path is not None
        return self.path.with_name(f"{self.path.stem}-puts.pickle")

    def _load_puts(self) -> None:
        """The entries saved after the whole pickle (when they name it)."""
        try:
            with self._puts_path.open("rb") as handle:
                version, base, puts = pickle.load(handle)
        except FileNotFoundError:
            return
        if (version, base) == (cache_version(), self._base):
            for namespace, node_id, key, value in puts:
                self._data.setdefault(namespace, {})[node_id] = (key, value)
            self._puts = puts

    def get(self, namespace: str, node_id: str, key: str) -> Any | None:
        entry = self._data.get(namespace, {}).get(node_id)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, namespace: str, node_id: str, key: str, value: Any) -> None:
        self._data.setdefault(namespace, {})[node_id] = (key, value)
        self._dirty = True
        self._puts.append((namespace, node_id, key, value))
        if self.journal is not None:
            self.journal.append((namespace, node_id, key, value))

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        # two compiles at once each write their own temporary file; the last rename wins
        self._base = uuid.uuid4().hex
        with atomic.replacing(self.path) as handle:
            pickle.dump((cache_version(), self._data, self._base), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        self._puts_path.unlink(missing_ok=True)
        self._dirty = False
        self._puts = []

    def save_puts(self) -> None:
        """Save only the entries put since the whole pickle was written (all of it again when
        they grew past a tenth of its entries, or there is none)."""
        if self.path is None or not self._dirty:
            return
        if not self._base or len(self._puts) > sum(map(len, self._data.values())) // 10:
            self.save()
            return
        with atomic.replacing(self._puts_path) as handle:
            pickle.dump((cache_version(), self._base, self._puts), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        self._dirty = False
