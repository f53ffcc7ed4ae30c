"""Canvas LMS's gradebook export: the lines Canvas writes under the header are not students.

Canvas heads its gradebook CSV `Student,ID,SIS User ID,SIS Login ID,Section` (or
`LastName,FirstName,ID,...`; `Integration ID` and `Root Account` where an institution turns
them on), then one column per assignment (`Quiz 1 (1234)`) and its totals (`Current Score`,
`Final Score`, ...). Under the header it writes, before any student:

- when an assignment's grades are posted by hand, a line blank but for `Manual Posting`
  (older Canvas: `Muted`) over those assignments;
- always, `    Points Possible` (four spaces first) with blank ids, each assignment's maximum
  and `(read only)` over the totals.

Read as records, `Points Possible` is one more student with no id, and its `(read only)`
turns every total column into text: silently wrong. Canvas's own importer skips exactly
these lines (a first field holding `Points Possible`; a line of `Muted` and blanks). They
are left out here when the header is Canvas's (its first name `Student` or `LastName`, an
`ID` among the next two) and the lines are as Canvas writes them (the `ID` field blank):
the file is read from the first student (`csv_dialect`, as a header apart), noted. A line
that is not so (a student named so, with an id; another tool's header) stays a record.
"""

from __future__ import annotations

from pathlib import Path

from datanet_sql.ingest.readers.csv_layout import reader

POINTS = "Points Possible"
HIDDEN = ("Muted", "Manual Posting")   # a `Manual Posting (scores hidden ...)` too
_HEAD_LINES = 3    # the header, the hidden line, the points line
_HEAD_CHARS = 1 << 18   # looked at by `found`: a file of one huge line is not read whole


def lines_under(path: Path, delimiter: str, quote: str, skip: int) -> list[str]:
    """What Canvas's lines under the header at line `skip` (0-based) of `path` are, one
    word a line (`['Points Possible']`, or `['Manual Posting', 'Points Possible']` under a
    hidden line); none when the header is not Canvas's or the lines are not so."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for _ in range(skip):
            handle.readline()
        lines = reader((handle.readline() for _ in range(_HEAD_LINES)), delimiter, quote)
        rows = [row for row in lines if row]
    if len(rows) < 2 or not _canvas_header(rows[0]):
        return []
    at = [f.strip() for f in rows[0]].index("ID")
    under = rows[1:]
    if _hidden(under[0], at) and len(under) > 1 and _points(under[1], at):
        return [next(f.strip() for f in under[0] if f.strip()), POINTS]
    return [POINTS] if _points(under[0], at) else []


def note(words: list[str], skip: int) -> str:
    """What was left out, naming the lines as the user's file numbers them (the header
    on line `skip + 1`)."""
    shown = " and ".join(f"line {skip + 2 + i} ({w!r})" for i, w in enumerate(words))
    hidden = ", the assignments whose grades are posted by hand" if len(words) > 1 else ""
    return (f"Canvas gradebook export: {shown} under the header: each assignment's points "
            f"possible{hidden}, not students: left out")


def found(path: Path) -> bool:
    """A cheap look (the first lines' text, no delimiter known yet) at whether a file may
    hold Canvas's lines: such a file is read on its own, where `lines_under` decides."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        head = handle.read(_HEAD_CHARS).splitlines()[1:_HEAD_LINES]
    return any(POINTS in line for line in head)


def _canvas_header(header: list[str]) -> bool:
    names = [f.strip() for f in header]
    return len(names) > 2 and names[0] in ("Student", "LastName") and "ID" in names[1:3]


def _points(row: list[str], at: int) -> bool:
    return len(row) > at and row[0].strip() == POINTS and not row[at].strip()


def _hidden(row: list[str], at: int) -> bool:
    words = [f.strip() for f in row if f.strip()]
    return len(row) > at and not row[0].strip() and not row[at].strip() and bool(words) \
        and all(w.startswith(HIDDEN) for w in words)
