"""Landed files whose names a glob misses only by case, as Windows and mainframe tools write them.

A glob is case-sensitive on Linux: `landing/*.csv` passes over `dietox-2.CSV`, which a
Windows export, an FTP transfer from a mainframe or an old DOS tool (8.3 names, all upper
case) names so. Listed by the glob alone, such a delivery never loads and no one is told,
while on the Windows machine that wrote it the same pattern matches. The file name part of
the pattern is matched again ignoring case (its folders are the user's own paths, kept as
written), and a file found only so is loaded like the others, with a warning naming it
when it first loads, so the guess is visible and the user can widen or narrow the pattern.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from pathlib import Path

_WILDCARDS = "*?["


def case_only(pattern: str) -> list[Path]:
    """The files that the last part of the glob `pattern` matches when case is ignored and
    not as written. Empty (and no listing) for a named file, or a last part with no letter
    whose case could differ (`landing/*`)."""
    folder, name = os.path.split(pattern)
    if not any(ch in name for ch in _WILDCARDS) or name.lower() == name.upper():
        return []
    anycase = re.compile(fnmatch.translate(name), re.IGNORECASE)
    found = []
    for top in glob.glob(folder, recursive=True) if folder else [""]:
        if top and not os.path.isdir(top):
            continue
        with os.scandir(top or os.curdir) as entries:
            found += [Path(top, e.name) for e in entries
                      if anycase.match(e.name) and not fnmatch.fnmatchcase(e.name, name)
                      and e.is_file()]
    return found


def warning(file: str, pattern: str) -> str:
    """The warning about a file (`file`, as the warehouse names it) loaded although the
    source's `pattern` matches its name only when case is ignored."""
    return (f"{file}: the path {pattern} matches this file's name only when case is ignored "
            f"(Windows and mainframe tools write names such as `.CSV`): loaded as a delivery "
            f"like the others. If it is not one, move it out of the folder; to match such "
            f"names on purpose, write both cases in the pattern (e.g. `*.[cC][sS][vV]`)")
