"""Logs in the W3C extended log format (CloudFront's access logs, IIS's, a load balancer's):
the columns named by a `#Fields:` directive, not by a header line.

Such a log opens with directives, `#Version: 1.0` then `#Fields: date time c-ip ...` (the
names separated by spaces), perhaps `#Software:`, `#Date:` or `#Remark:`, and its records
follow with no header: tab-separated (CloudFront) or space-separated (IIS). Read as a CSV,
the directives are skipped or taken for records and every column is `column_1`...: the
names are lost, silently. IIS writes the directives again where a server restarted.

When the file's leading lines are all directives (`#Name: ...`), one of them `#Fields:`,
and the first record splits on a tab (or, holding none, on a space) into as many values as
`#Fields:` names (else the file is refused: which value is which cannot be told), the file
is read from a copy with the names as its header line and no
directive lines, the delimiter and header told, noted. A later `#Fields:` naming other
columns (the log's columns changed mid-file) is refused: one header cannot name both parts.
`options: {header: ...}` or `skip` say how the file is laid out: then it is left as it is;
a `delimiter` given (or a `.tsv`'s tab) is the records' delimiter.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.scratch import copy_path

_DIRECTIVE = re.compile(r"#[A-Za-z][\w-]*:")   # `#Version:`, `#Fields:`, `#Start-Date:`
_FIELDS = "#Fields:"
_HEAD_LINES = 20   # directive lines looked at before the first record
_TOLD = ("header", "skip")


def with_fields_header(stack: ExitStack, path: Path, name: str, opts: dict[str, Any]
                       ) -> tuple[Path, list[str], dict[str, Any]]:
    """`path`, or a copy of it (removed with `stack`) with the `#Fields:` names as its
    header line and no directive lines; the note; the options telling the copy's delimiter
    and header (`name`: the file as the user knows it)."""
    found = None if any(k in opts for k in _TOLD) else fields_of(path)
    if found is None:
        return path, [], opts
    names, record = found
    delimiter = opts.get("delimiter") or ("\t" if "\t" in record else " ")
    if len(record.split(delimiter)) != len(names):
        raise IngestError(
            f"a W3C extended log whose #Fields: line names {len(names)} columns "
            f"({' '.join(names)}), but its first record holds "
            f"{len(record.split(delimiter))} values: {record[:120]!r}", file=name,
            hint="set options: {skip: N, header: false, delimiter: ...} to read the records "
                 "without the directive lines, and name the columns in the model")
    copy = copy_path(stack, path, "w3c")
    dropped = 0
    with path.open("rb") as source, copy.open("wb") as target:
        target.write(delimiter.join(names).encode() + b"\n")
        for number, line in enumerate(source, start=1):
            if not _DIRECTIVE.match(line.decode("utf-8", "replace")):
                target.write(line)
                continue
            dropped += 1
            text = line.decode("utf-8", "replace").strip()
            if text.startswith(_FIELDS) and text[len(_FIELDS):].split() != names:
                raise IngestError(
                    f"line {number} {text!r} names other columns than the log's first "
                    f"`#Fields:` ({' '.join(names)}): the log's columns changed mid-file",
                    file=name, hint="split the file where its #Fields: line changes and "
                                    "load each part as its own source")
    shown = {"\t": "tab", " ": "space"}.get(delimiter, repr(delimiter))
    note = (f"{name}: a W3C extended log (CloudFront, IIS): columns named from its "
            f"#Fields: line ({len(names)} names), records {shown}-separated; {dropped} "
            f"directive line(s) (#Version:, #Fields:, ...) not loaded")
    return copy, [note], {**opts, "delimiter": delimiter, "header": True}


def fields_of(path: Path) -> tuple[list[str], str] | None:
    """The names of the `#Fields:` directive and the first record, when the file's leading
    lines are directives, one of them `#Fields:`; else None."""
    names: list[str] | None = None
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        for count, line in enumerate(handle):
            text = line.rstrip("\r\n")
            if count == _HEAD_LINES or not text.strip():
                return None
            if not _DIRECTIVE.match(text):
                break
            if text.startswith(_FIELDS):
                names = text[len(_FIELDS):].split()
        else:
            return None
    return (names, text) if names else None
