"""File names made from names a user chose (targets): one rule, so a lock and a folder of the
same target are named alike and no name can reach outside its folder."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]|^\.")


def file_name(name: str) -> str:
    """`name` with every character but letters, digits, `_`, `.` and `-` (and a leading dot,
    so `..` cannot climb out) written as `_`: `prod/eu` -> `prod_eu`."""
    return _UNSAFE.sub("_", name) or "_"
