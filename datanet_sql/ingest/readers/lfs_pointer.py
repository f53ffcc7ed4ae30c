"""Files that are a Git LFS pointer, not the data: a repository checked out without
`git lfs` (or with `GIT_LFS_SKIP_SMUDGE=1`, or a CI cache) leaves, in place of each large
file, the few lines Git LFS stores in Git:

    version https://git-lfs.github.com/spec/v1
    oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393
    size 12345

Read as CSV that was a table of one column named after the first line and two rows,
loaded without a word; as Parquet or a workbook, an error about a damaged file that hid
the cause. Whatever the format, such a file is refused, naming the object's size and
that `git lfs pull` fetches it.

What a pointer is follows Git LFS's specification (docs/spec.md of git-lfs): under 1024
bytes of UTF-8, every line `key value` (keys of `[a-z0-9.-]`), `version` first, naming
the spec (`https://git-lfs.github.com/spec/v1`, or `https://hawser.github.com/spec/v1`,
the name Git LFS still accepts from its first releases), then `oid sha256:<64 hex>` and
`size` (a file cut short without them is refused too: no table starts with that line).
Lines ending CRLF (a checkout with `core.autocrlf`) are pointers too. Only the
file's size and its first KB are looked at: a CSV with a column `version`, values
`oid ...`, or a file mentioning git-lfs on a later line is no pointer.
"""

from __future__ import annotations

import re
from pathlib import Path

from datanet_sql.errors import IngestError

_MOST = 1024   # the spec's bound on a pointer's size, in bytes
_VERSIONS = ("https://git-lfs.github.com/spec/v1", "https://hawser.github.com/spec/v1")
_LINE = re.compile(r"([a-z0-9.-]+) ([^\r\n]*)")
_OID = re.compile(r"sha256:[0-9a-f]{64}")


def pointer_size(path: Path) -> int | None:
    """The size, in bytes, of the object the file is a Git LFS pointer to (-1 when the
    pointer lacks its oid or size); None when the file is no pointer (see the module
    docstring)."""
    if path.stat().st_size >= _MOST:
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.replace("\r\n", "\n").removesuffix("\n").split("\n")
    pairs = [_LINE.fullmatch(line) for line in lines]
    if not all(pairs) or pairs[0][1] != "version" or pairs[0][2] not in _VERSIONS:
        return None
    values = {pair[1]: pair[2] for pair in pairs}
    whole = _OID.fullmatch(values.get("oid", "")) and values.get("size", "").isdigit()
    return int(values["size"]) if whole else -1


def refuse_pointer(path: Path) -> None:
    """Refuse a file that is a Git LFS pointer in place of the data it names (one cut
    short, without its oid or size, too: its first line is the spec's, no table's)."""
    size = pointer_size(path)
    if size is not None:
        what = "an object" if size < 0 else f"an object of {size} bytes"
        raise IngestError(f"the file is a Git LFS pointer to {what} that was never fetched, "
                          f"not the data (a checkout without git-lfs, or a repository's ZIP "
                          f"download, leaves such pointers)", file=str(path),
                          hint="run `git lfs pull` in the repository (or fetch the file from "
                               "where the data lives), then load again")
