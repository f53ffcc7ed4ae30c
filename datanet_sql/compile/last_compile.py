"""The last compile's inputs, stamped, so that an unchanged recompile reuses its output whole.

A recompile that finds nothing changed still imports sqlglot and pydantic, loads and
validates every YAML file, rebuilds every node from the cache and writes both manifests: 1.6 s
of CPU for 1000 models. After `datanet compile` wrote its output, `record` stamps what that
output was made from (`.datanet/cache/last_compile.json`):

- every file under the project root but those in its output and hidden folders (a new,
  removed or edited file, a package's or a CSV's, counts): size, modification time and, for files
  under 1 MiB or modified within two seconds of the scan, a hash of the content (a `touch`
  does not invalidate; an edit within the clock's resolution does);
- the environment variables templates and targets.yml read through `env_var()` (hashed: they
  may hold secrets), dbt's profiles.yml wherever it is looked for, and the semantic
  classifier (the project's, which `datanet learn` writes into `.datanet/`, or the user's);
- the project's folder, the options that change the output (--target, --profile, --dialect, --vars),
  the Python, datanet's code and the libraries its results depend on (sqlglot, Jinja,
  pydantic, DuckDB, PyYAML, numpy);
- the files written (manifest.json, the compiled SQL), so output another command rewrote
  since is not taken for this compile's.

`reusable` checks all of that with the standard library only (no sqlglot, no pydantic): when
nothing differs, `datanet compile` prints the last compile's report and stops. What cannot be
proved unchanged is never stamped, and the next compile runs whole: a compile that opened the
warehouse (sources that are warehouse tables) or whose templates queried it (run_query), a
project whose model, source or profile folders or source files lie outside its root or
behind a URL, a database source, a compile with failing or held-over nodes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.artifacts.ids import metadata, new_invocation_id
from datanet_sql.compile.cache import cache_version
from datanet_sql.config.profile_files import chosen, profile_files
from datanet_sql.fs import atomic

if TYPE_CHECKING:
    from datanet_sql.compile.context import CompileContext
    from datanet_sql.project.manifest import Manifest

STAMP = Path(".datanet") / "cache" / "last_compile.json"
DBT_MANIFEST = Path("target") / "manifest.json"
# output folders at the root (datanet's state, dbt's target/ and logs/), never inputs
_OUTPUT_DIRS = frozenset({".datanet", "target", "logs"})
_HASHED_SIZE = 1 << 20  # bytes: smaller files are hashed, so touching one does not invalidate
_RACY_NS = 2_000_000_000  # a file modified this close to the scan is hashed whatever its size
_LIBRARIES = ("sqlglot", "jinja2", "pydantic", "duckdb", "yaml", "numpy")  # numpy: the classifier
_FORMAT = 1

Stat = list[Any]  # [size, mtime_ns, sha1 or None]


@dataclass(frozen=True)
class Request:
    """The command's options that change what a compile writes."""

    project_dir: Path
    target: str | None
    dialect: str | None
    vars_text: str | None

    @property
    def root(self) -> Path:
        return self.project_dir.resolve()

    def key(self) -> dict[str, Any]:
        # the root too: a project copied elsewhere with its .datanet/ names other paths
        return {"root": str(self.root), "target": self.target, "dialect": self.dialect,
                "vars": self.vars_text or None, "profile": chosen(), "code": _code_version()}


@dataclass(frozen=True)
class Scan:
    """The project's files as they were before the compile read them."""

    started_ns: int
    files: dict[str, Stat]


@dataclass
class LastCompile:
    """A stamp that matched: the report to print again, and what to refresh."""

    root: Path
    stamp: dict[str, Any]
    # the project's files when the stamp was checked, as `scan` gives them (for the edit path)
    inputs: Scan | None = None

    @property
    def target(self) -> str:
        return str(self.stamp["target"])

    @property
    def report(self) -> dict[str, Any]:
        return dict(self.stamp["report"])

    def outputs_intact(self) -> bool:
        """The files the last compile wrote are still as it left them (checked again under
        the project lock: another command may have rewritten them meanwhile)."""
        base = f"{self.root}{os.sep}"
        return all(_stat(base + rel, hash_it=False)[:2] == stat[:2]
                   for rel, stat in self.stamp["outputs"].items())

    def refresh(self) -> bool:
        """Give dbt's manifest this command's invocation id and time, as a compile does (its
        nodes are unchanged, as dbt's partial parse keeps them), and stamp its new stat; False
        when the file does not start as artifacts/ids.py writes it or cannot be rewritten
        (the compile then runs whole, and reports what is wrong)."""
        path = self.root / DBT_MANIFEST
        try:
            data = new_header(path.read_bytes(), metadata("", new_invocation_id()))
            if data is None:
                return False
            atomic.write_bytes(path, data)
            self.stamp["outputs"][DBT_MANIFEST.as_posix()] = _stat(path, hash_it=False)
            atomic.write_json(self.root / STAMP, self.stamp)
        except OSError:
            return False
        return True


def scan(project_dir: Path) -> Scan | None:
    """Every input file under the project root, before the compile reads any of them (and
    from now on, the environment variables it reads); None when a folder cannot be listed."""
    from datanet_sql.config.targets import forget_env_vars_read

    forget_env_vars_read()
    root = project_dir.resolve()
    started = time.time_ns()
    files = _input_files(root)
    if files is None:
        return None
    base = f"{root}{os.sep}"
    return Scan(started, {rel: _stat(base + rel, hash_it=True, racy_after=started - _RACY_NS)
                          for rel in files})


def forget(project_dir: Path) -> None:
    """Remove the stamp before a compile rewrites the output it describes."""
    (project_dir.resolve() / STAMP).unlink(missing_ok=True)


def record(request: Request, inputs: Scan | None, ctx: CompileContext, manifest: Manifest,
           report: dict[str, Any], state: str | None = None,
           env_also: dict[str, str | None] | None = None) -> bool:
    """Stamp a compile that wrote its output without errors; False (and no stamp) when its
    inputs cannot all be checked by `reusable`. `state` names the kept state the edit path
    may start from (kept_state.py), when there is one; `env_also` (the last stamp's
    environment variables, hashed) is kept for an edit path that rendered only some files."""
    from datanet_sql.config.targets import env_vars_read

    root = request.root
    if inputs is None or not stampable(ctx, manifest, root):
        return False
    # paths as text: thousands of tests share one file, and pathlib per node was a third of
    # a second for 1000 models
    outputs = {".datanet/manifest.json", DBT_MANIFEST.as_posix(),
               *(node.compiled_path for node in manifest.nodes.values() if node.compiled_path)}
    stamp = {"format": _FORMAT, "key": request.key(), "target": ctx.target["name"],
             "scanned_ns": inputs.started_ns, "inputs": inputs.files,
             "env": {**(env_also or {}),
                     **{name: _hash_text(value) for name, value in env_vars_read().items()}},
             "profiles": _profiles(root), "elsewhere": _elsewhere(ctx), "report": report,
             "state": state,
             "outputs": {rel: _stat(os.path.join(root, rel), hash_it=False)
                         for rel in sorted(outputs)}}
    atomic.write_json(root / STAMP, stamp)
    return True


def reusable(request: Request) -> LastCompile | None:
    """The last compile, when nothing it was made from has changed since; else None."""
    found = changed_since(request)
    return found[0] if found is not None and not found[1] else None


def changed_since(request: Request) -> tuple[LastCompile, list[str]] | None:
    """The last compile and the input files added, removed or edited since (paths from the
    root, with /), when nothing else it was made from has changed (options, environment,
    profiles, classifier, code, its output); else None. The edit path (edit_compile.py)
    recompiles from it when the only changes are files it covers."""
    root = request.root
    try:
        stamp = json.loads((root / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("format") != _FORMAT or \
            stamp.get("key") != request.key():
        return None
    last = LastCompile(root, stamp)
    same = _env_same(stamp["env"]) and stamp["profiles"] == _profiles(root) and \
        all(_stat(path, hash_it=False) == stat for path, stat in stamp["elsewhere"].items()) \
        and last.outputs_intact()
    found = _changed_inputs(root, stamp["inputs"], stamp["scanned_ns"]) if same else None
    if found is None:
        return None
    last.inputs = found[1]
    return last, found[0]


def stampable(ctx: CompileContext, manifest: Manifest, root: Path) -> bool:
    """Whether everything the compile read is among what `reusable` checks."""
    if ctx.adapter is not None or ctx.dbt_jinja is not None and (
            ctx.dbt_jinja.introspective or ctx.dbt_jinja.per_command_used):
        return False  # the warehouse or the command's flags were read: neither is a file
    if any(node.error or node.held_over for node in manifest.nodes.values()):
        return False
    paths = ctx.project.spec.paths
    folders = [*paths.models, *paths.sources, *paths.seeds, *paths.macros, *paths.tests,
               *paths.snapshots, paths.profiles]
    files = [str(t.table.path) for t in ctx.project.source_tables if t.table.path]
    if any(t.table.dsn for t in ctx.project.source_tables):
        return False
    return all("://" not in p and _scanned_place(root, p) for p in folders + files)


def _scanned_place(root: Path, path: str) -> bool:
    """A path (a folder, a file, a glob) that lies under the root, outside the folders a
    scan skips: a scan sees every file it can name."""
    try:
        parts = (root / path).resolve().relative_to(root).parts
    except ValueError:
        return False
    return not parts or not _skipped(parts[0], top=True)


def _skipped(name: str, *, top: bool) -> bool:
    """Folders no compile reads: bytecode, and at the root the output folders and hidden ones
    (.git, .venv: the loader ignores hidden paths; a package's own may hold macros)."""
    return name == "__pycache__" or top and (name in _OUTPUT_DIRS or name.startswith("."))


def _input_files(root: Path) -> list[str] | None:
    """Paths (from the root, with /) of every file but those in skipped folders; None when a
    folder cannot be listed (the compile reports it if it reads there)."""
    found: list[str] = []
    stack: list[tuple[str | Path, str]] = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if _skipped(name, top=not prefix):
                        continue
                    if entry.is_dir():
                        stack.append((entry.path, f"{prefix}{name}/"))
                    else:
                        found.append(f"{prefix}{name}")
        except OSError:
            return None
    return found


def _stat(path: str | Path, *, hash_it: bool, racy_after: int | None = None) -> Stat:
    """[size, mtime_ns, sha1]: the hash for small files (or any file modified after
    `racy_after`) when `hash_it`; [None, None, None] for a missing file. (Paths may be text:
    building a Path per file costs more than its stat.)"""
    try:
        info = os.stat(path)
    except OSError:
        return [None, None, None]
    racy = racy_after is not None and info.st_mtime_ns >= racy_after
    digest = _hash_file(path) if hash_it and (info.st_size < _HASHED_SIZE or racy) else None
    return [info.st_size, info.st_mtime_ns, digest]


def _changed_inputs(root: Path, recorded: dict[str, Stat], scanned_ns: int
                    ) -> tuple[list[str], Scan] | None:
    """The files added, removed or edited since the scan (each file is unchanged when of
    the same stat, not modified near the scan, or of the same size and hash), and the files
    as they are now, as `scan` would give them (an unchanged file's recorded stat reused, not
    hashed again); None when a folder cannot be listed."""
    started = time.time_ns()
    files = _input_files(root)
    if files is None:
        return None
    changed = sorted(set(recorded).difference(files))
    base = f"{root}{os.sep}"
    now_files: dict[str, Stat] = {}
    for rel in files:
        if rel in recorded:
            size, mtime, digest = recorded[rel]
            now = _stat(base + rel, hash_it=False)
            if now[0] == size and (now[1] == mtime and mtime < scanned_ns - _RACY_NS or
                                   digest is not None and _hash_file(base + rel) == digest):
                now_files[rel] = recorded[rel]
                continue
        changed.append(rel)
        now_files[rel] = _stat(base + rel, hash_it=True, racy_after=started - _RACY_NS)
    return changed, Scan(started, now_files)


def _env_same(recorded: dict[str, str | None]) -> bool:
    return all(_hash_text(os.environ.get(name)) == digest for name, digest in recorded.items())


def _profiles(root: Path) -> dict[str, Stat]:
    """dbt's profiles.yml in each folder it is looked for: present or not, and its content."""
    return {str(path): _stat(path, hash_it=True) for path in profile_files(root)}


def _elsewhere(ctx: CompileContext) -> dict[str, Stat]:
    """Files a compile reads outside the scanned folders, by path, present or not: the
    semantic classifier, the project's (`.datanet/semantics/`, which `datanet learn` writes)
    and the shared one in the user's cache."""
    from datanet_sql.compile.semantics_step import model_path, user_model_path

    return {str(path): _stat(path, hash_it=False) for path in (model_path(ctx), user_model_path())}


def _code_version() -> list[Any]:
    """The code whose results the stamp holds: Python, datanet (its version and files), and
    each library it depends on by its package file's stat (an upgrade rewrites it)."""
    libraries = []
    for name in _LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        stat = _stat(Path(origin), hash_it=False)[:2] if origin else None
        libraries.append([name, origin, stat])
    return [sys.version, cache_version(), libraries]


def _hash_file(path: str | Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha1(handle.read()).hexdigest()
    except OSError:
        return None


def _hash_text(value: str | None) -> str | None:
    return None if value is None else hashlib.sha256(value.encode()).hexdigest()


_HEADER = re.compile(rb'^\{"metadata": \{"dbt_schema_version": "[^"]*", "dbt_version": "[^"]*", '
                     rb'"generated_at": "([^"]*)", "invocation_id": "([^"]*)"')


def new_header(data: bytes, head: dict[str, Any]) -> bytes | None:
    """dbt's manifest with the `generated_at` and `invocation_id` of `head` (artifacts/ids.py's
    metadata: the first keys, in the order it writes them); None when it does not start so."""
    match = _HEADER.match(data)
    if match is None:
        return None
    start, end = match.span(1)
    id_start, id_end = match.span(2)
    return (data[:start] + head["generated_at"].encode() + data[end:id_start] +
            head["invocation_id"].encode() + data[id_end:])
