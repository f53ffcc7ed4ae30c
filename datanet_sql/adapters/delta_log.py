"""Delta Lake table folders: the Parquet files its transaction log says are the table now.

A Delta table is Parquet files under a folder holding `_delta_log/`: each commit
(`00000000000000000001.json`, one JSON action a line) adds files and removes others (an
UPDATE, DELETE, MERGE or OPTIMIZE rewrites whole files), and a removed file stays on disk
until VACUUM. A glob over the folder (`nlsy/*.parquet`) read every file: the rewritten
rows twice, the old values among them, a silently wrong table. So the files of a glob
that lie in a Delta table are those its log lists as current, read as the log has it
(the commits replayed from the first, or from the last checkpoint when older commits are
gone), the others left out and named in a note; a path naming only removed files is
refused. What the log needs a Delta reader for (deletion vectors: rows deleted without
rewriting a file; column mapping: the files' columns named by ids), a gap in its commits or
a current file missing from disk is refused naming the log: the files alone are not the
table. The Parquet reader (`ingest/readers/parquet`, in place too), a load's landing
folder (`ingest/landing`) and the Postgres and Spark file sources (`files.parquet_parts`)
all read a Delta folder so. A load's files of earlier runs that the log removed since
(`removed`, with the commit that did) are followed by `ingest/delta_removed`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from datanet_sql.errors import IngestError

LOG = "_delta_log"
_COMMIT = re.compile(r"(\d{20})\.json")
_CHECKPOINT = re.compile(r"(\d{20})\.checkpoint(?:\.(\d{10})\.(\d{10}))?\.parquet")
_HINT = ("read the table with Spark or the delta-rs library (deltalake) and export it as "
         "Parquet, or point the source at the files the table holds now")


def table_root(file: str, known: dict[Path, Path | None] | None = None) -> Path | None:
    """The Delta table folder the file lies in (the nearest folder above it holding
    `_delta_log/`), or None; `known` remembers the folders looked at (a glob's files share
    them)."""
    known = {} if known is None else known
    folder = Path(file).parent
    if folder not in known:
        known[folder] = folder if (folder / LOG).is_dir() else \
            None if folder.parent == folder else table_root(str(folder), known)
    return known[folder]


def current(files: list[str]) -> tuple[list[str], dict[Path, tuple[int, list[str]]]]:
    """The files of `files` that are no Delta table's or their table's current files, in
    order, and for each Delta table among them its version and the files left out (those
    its log removed, and the log's own checkpoints)."""
    known: dict[Path, Path | None] = {}
    roots = {f: table_root(f, known) for f in files}
    tables: dict[Path, tuple[int, list[str]]] = {}
    kept = {f for f, root in roots.items() if root is None}
    for root in dict.fromkeys(r for r in roots.values() if r is not None):
        log = replay(root)
        mine = [f for f, r in roots.items() if r == root]
        kept |= {f for f in mine if Path(f).resolve() in log.live}
        tables[root] = log.version, [f for f in mine if f not in kept]
    return [f for f in files if f in kept], tables


def removed(files: Iterable[str]) -> dict[str, tuple[Path, Replay]]:
    """Those of `files` (a load's files of earlier runs, on disk or not) that lie in a Delta
    table whose log does not list them now, each with its table folder and the log as
    replayed (`Replay.removed_by` tells the commit): a later commit removed them."""
    known: dict[Path, Path | None] = {}
    logs: dict[Path, Replay] = {}
    found: dict[str, tuple[Path, Replay]] = {}
    for file in files:
        root = table_root(file, known)
        if root is None:
            continue
        if root not in logs:
            logs[root] = replay(root)
        if Path(file).resolve() not in logs[root].live:
            found[file] = root, logs[root]
    return found


def data_files(path: str, files: list[str], notes: list[str]) -> list[str]:
    """The files of `files` (those `path` names) that are their Delta tables' current
    files (`current`), the others named in `notes`; refused when a table's files matched
    are all removed ones."""
    kept, tables = current(files)
    for root, (version, gone) in tables.items():
        read = [f for f in kept if table_root(f) == root]
        if not read:
            raise IngestError(
                f"{', '.join(Path(f).name for f in gone)}: not in the Delta table {root.name} "
                f"as its log ({root.name}/{LOG}) has it at version {version} (removed by a "
                f"commit, or the log's own files): its rows are no longer the table's",
                file=path, hint=f"point the source at the table's current files "
                                f"({root.name}/*.parquet leaves the removed ones out)")
        notes.append(
            f"{root.name}: a Delta table: read as its log ({LOG}) has it at version "
            f"{version}, {len(read)} of the {len(read) + len(gone)} file(s) matched"
            + (f"; left out, removed by a commit or the log's own: "
               f"{', '.join(Path(f).name for f in gone)} (their rows are no longer the "
               f"table's; VACUUM deletes them)" if gone else ""))
    return kept


@dataclass(frozen=True)
class Replay:
    """A Delta table's log replayed: its latest version, its current data files (resolved
    paths), and the files a replayed commit removed with that commit's version (a file
    removed before the checkpoint the replay began from is in neither: `start` says
    where the commits begin)."""

    version: int
    live: set[Path]
    removed: dict[Path, int]
    start: int

    def removed_by(self, file: str) -> str:
        """The commit that removed `file` (not a current file), for messages."""
        version = self.removed.get(Path(file).resolve())
        return f"commit {version} ({version:020d}.json)" if version is not None else \
            f"a commit up to version {self.start - 1} (the log's checkpoint; the commits " \
            f"before it are cleaned up)"


def replay(root: Path) -> Replay:
    """The table's log replayed from its first commit (from the latest checkpoint when the
    earlier commits are gone); refused where the log asks for more than the files, or is
    incomplete."""
    log = root / LOG
    commits = {int(m[1]): p for p in log.iterdir() if (m := _COMMIT.fullmatch(p.name))}
    start, live = 0, {}
    if 0 not in commits:
        start, live = _checkpoint(log, root)
    versions = sorted(v for v in commits if v >= start)
    if versions != list(range(start, start + len(versions))) or not (versions or live):
        raise IngestError(f"the Delta log {root.name}/{LOG} lacks commits (found "
                          f"{_spans(sorted(commits))}, from version {start}): the table's "
                          f"files cannot be told", file=str(root), hint=_HINT)
    removed: dict[Path, int] = {}
    for version in versions:
        for line in commits[version].read_text(encoding="utf-8").splitlines():
            if line.strip():
                gone = _apply(json.loads(line), live, root)
                if gone is not None:
                    removed[gone] = version
    missing = [p for p in live if not p.is_file()]
    if missing:
        raise IngestError(f"the Delta log {root.name}/{LOG} lists file(s) not on disk: "
                          f"{', '.join(p.name for p in missing[:3])}: the folder holds part "
                          f"of the table", file=str(root),
                          hint="copy the whole table folder, or read it with Spark or deltalake")
    return Replay(versions[-1] if versions else start - 1, set(live),
                  {p: v for p, v in removed.items() if p not in live}, start)


def _apply(action: dict[str, Any], live: dict[Path, None], root: Path) -> Path | None:
    """One action of a commit (or a checkpoint's row) applied to `live`; the file it
    removes, if it is a `remove`."""
    if action.get("add"):
        add = action["add"]
        if add.get("deletionVector"):
            raise IngestError(f"the Delta log {root.name}/{LOG} deletes rows of "
                              f"{add['path']} with a deletion vector: read alone, the file "
                              f"holds them still", file=str(root), hint=_HINT)
        live[_file(root, add["path"])] = None
    elif action.get("remove"):
        gone = _file(root, action["remove"]["path"])
        live.pop(gone, None)
        return gone
    elif action.get("metaData"):
        # a checkpoint's map column reads as a list of (key, value) pairs
        mode = dict(action["metaData"].get("configuration") or {}).get(
            "delta.columnMapping.mode")
        if mode not in (None, "none"):
            raise IngestError(f"the Delta table {root.name} maps its columns by {mode} "
                              f"(delta.columnMapping.mode): the files' column names are not "
                              f"the table's", file=str(root), hint=_HINT)
    return None


def _file(root: Path, uri: str) -> Path:
    """A log's path of a data file (a URI relative to the table, or `file:` absolute) as
    a resolved path; refused for files elsewhere (`s3://`: a shallow clone)."""
    parsed = urlparse(uri)
    if parsed.scheme not in ("", "file"):
        raise IngestError(f"the Delta log {root.name}/{LOG} names a file at {uri}, outside "
                          f"the folder", file=str(root), hint=_HINT)
    return (root / unquote(parsed.path)).resolve()


def _checkpoint(log: Path, root: Path) -> tuple[int, dict[Path, None]]:
    """The version after the latest whole checkpoint and its current files (none found:
    0 and none; the commits then tell whether the log is whole)."""
    import pyarrow.parquet as pq

    parts: dict[int, list[Path]] = {}
    counts: dict[int, int] = {}
    for p in log.iterdir():
        if m := _CHECKPOINT.fullmatch(p.name):
            parts.setdefault(int(m[1]), []).append(p)
            counts[int(m[1])] = int(m[3] or 1)
    whole = [v for v, found in parts.items() if len(found) == counts[v]]
    if not whole:
        return 0, {}
    version = max(whole)
    live: dict[Path, None] = {}
    for part in sorted(parts[version]):
        table = pq.read_table(part)
        if "sidecar" in table.column_names:
            raise IngestError(f"the Delta log {root.name}/{LOG} keeps its checkpoint's files "
                              f"in sidecar files (a V2 checkpoint)", file=str(root),
                              hint=_HINT)
        for row in table.select([c for c in ("add", "metaData")
                                 if c in table.column_names]).to_pylist():
            _apply(row, live, root)
    return version + 1, live


def _spans(versions: list[int]) -> str:
    """Versions as runs (`0-3, 7`)."""
    runs: list[list[int]] = []
    for v in versions:
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) or "none"
