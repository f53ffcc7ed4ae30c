"""Atomic file replacement: every artifact under .datanet/ is written through here.

A reader (another datanet, a CI step, an editor) sees either the old file or the new one,
never half of one: the bytes go to a temporary file with a name unique to this write, in the
same folder (so the rename stays on one file system), and `os.replace` swaps it in. A fixed
temporary name (`compile.tmp`) would be shared by two processes writing at once; a unique one
is not. If the write fails or the process is interrupted, the temporary file is removed and
the old file is left as it was. A process killed with -9 can leave a `.<name>.*.tmp` behind,
which no reader ever opens.

No fsync: the guarantee is against processes dying mid-write (Ctrl-C, kill -9, two writers),
not against the machine losing power.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes 0600 files; an artifact gets the mode a plain open() would have given it
_MODE = 0o666 & ~_umask()


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[IO[bytes]]:
    """A binary handle whose bytes replace `path` when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # not on Windows
                os.fchmod(handle.fileno(), _MODE)
            yield handle
        os.replace(tmp, path)
    except BaseException:  # Ctrl-C included: the old file stays, the temporary one goes
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    with replacing(path) as handle:
        handle.write(data)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` atomically."""
    write_bytes(path, text.encode(encoding))


def write_json(path: Path, data: Any, indent: int | None = None) -> None:
    """Replace `path` with `data` as JSON (values JSON cannot hold written as text)."""
    write_text(path, json.dumps(data, indent=indent, default=str))
