"""The project lock: one command at a time may build or write artifacts for a project's target.

Two `datanet run`s on the same `.datanet/` and target would interleave builds of the same
tables and overwrite each other's compiled SQL, manifest and results; SQLMesh found the same
with concurrent plans (duplicate rows, reported only at the end). So a command takes the lock
before it touches anything, and a second one is refused at once, naming who holds it, or
waits if asked to.

The lock is an `flock` on `.datanet/locks/<target>.lock`: the kernel releases it when the
holder exits in any way, kill -9 included, so a dead holder never blocks anyone. The file
holds a JSON record of the holder (PID, command, start time, host) for the message; the
holder empties it on release, so a record found by the next holder means its process died
without releasing: that one is taken over, and the caller is told.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from datanet_sql.errors import ProjectLockedError
from datanet_sql.fs.names import file_name


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a project lock."""

    pid: int
    command: str
    started_at: float
    host: str

    def describe(self) -> str:
        since = datetime.fromtimestamp(self.started_at, timezone.utc).strftime(
            "%Y-%m-%d %H:%M:%S UTC")
        host = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"PID {self.pid}{host} since {since} (command {self.command})"

    def alive(self) -> bool:
        """Whether the holder's process still exists (on this host; elsewhere, assume so)."""
        return self.host != socket.gethostname() or process_alive(self.pid)


def process_alive(pid: int | None) -> bool:
    """Whether a process of this host with this PID exists."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def lock_path(state_dir: Path, target: str) -> Path:
    return state_dir / "locks" / f"{file_name(target)}.lock"


@contextlib.contextmanager
def project_lock(state_dir: Path, target: str, command: str, wait: float = 0.0,
                 on_wait: Callable[[Holder | None], None] | None = None,
                 on_takeover: Callable[[Holder], None] | None = None) -> Iterator[None]:
    """Hold the lock of `target` for the block.

    Raises ProjectLockedError when another process holds it after `wait` seconds (0: at once);
    `on_wait` is called once if this one starts waiting, `on_takeover` with the record of a
    holder that died without releasing.
    """
    path = lock_path(state_dir, target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        _acquire(fd, path, wait, on_wait)
        stale = _read(fd)
        _write(fd, Holder(os.getpid(), command, time.time(), socket.gethostname()))
        if stale is not None and on_takeover is not None:
            on_takeover(stale)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # released cleanly: the next holder finds no record
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, wait: float,
             on_wait: Callable[[Holder | None], None] | None) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _read_settled(fd)
        if time.monotonic() >= deadline:
            raise ProjectLockedError(
                f"the project is locked by {holder.describe() if holder else 'another datanet'}"
                f": nothing was done",
                file=path, hint="wait for it to finish, or pass --wait SECONDS to queue behind "
                                "it")
        if not told and on_wait is not None:
            on_wait(holder)
            told = True
        time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))


def _read(fd: int) -> Holder | None:
    """The record in the lock file, or None when it is empty or being written."""
    raw = os.pread(fd, 4096, 0)
    try:
        return Holder(**json.loads(raw)) if raw.strip() else None
    except (ValueError, TypeError):
        return None


def _read_settled(fd: int) -> Holder | None:
    """The holder's record, allowing it a moment to write it after taking the lock: until then
    the file is empty or still holds the record of a dead holder it is taking over."""
    for _ in range(50):
        holder = _read(fd)
        if holder is not None and holder.alive():
            return holder
        time.sleep(0.02)
    return None


def _write(fd: int, holder: Holder) -> None:
    data = json.dumps(asdict(holder)).encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
