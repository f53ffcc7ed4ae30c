"""Where a reader writes a file again without what DuckDB cannot read (a W3C log's
directives, pandas' level lines, a LabVIEW file's header blocks, ...): a folder of its own,
removed with the read's `ExitStack`, the copy keeping the file's name, so its extension
still tells the format and DuckDB's messages name the file the user knows."""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path


def copy_path(stack: ExitStack, path: Path, kind: str) -> Path:
    """The path of `path`'s rewritten copy, in a folder `datanet-<kind>-...` removed with
    `stack`; nothing is written there yet."""
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix=f"datanet-{kind}-"))
    return Path(folder) / path.name
