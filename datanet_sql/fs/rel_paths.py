"""Parts and stems of project-relative paths (`models/staging/x.sql`), computed once per path.

A compile asks for the folders and the stem of the same few thousand paths many times (the
folder config of each model and of each data test, whose YAML file thousands of tests share,
a file's stem): a pathlib object each time was 23,000 objects per compile of the 1000-model
benchmark project. The paths are POSIX text by construction
(`relative_to(root).as_posix()`), so PurePosixPath splits them as Path did.
"""

from __future__ import annotations

import functools
from pathlib import PurePosixPath


@functools.cache
def path_parts(path: str) -> tuple[str, ...]:
    """`PurePosixPath(path).parts`: `('models', 'staging', 'x.sql')`."""
    return PurePosixPath(path).parts


@functools.cache
def path_stem(path: str) -> str:
    """`PurePosixPath(path).stem`: `x` for `models/staging/x.sql`."""
    return PurePosixPath(path).stem
