"""LabVIEW Measurement files (`.lvm`), the text file LabVIEW's Write To Measurement File
express VI writes: a header block of tags over the samples, not a header line.

Such a file opens with the line `LabVIEW Measurement` and a tag a line (`Writer_Version`,
`Separator` Tab or Comma, `Decimal_Separator`, `X_Columns`, `Time_Pref`, `Date`, ...), closed
by `***End_of_Header***`; then each segment (a call of the VI) may open with its own header
of tags (`Channels`, `Samples`, `X0`, `Delta_X`, ...) closed the same way, and the line
naming its columns, `X_Value`, the channels, `Comment`; its samples follow, the comment
mostly left out. `X_Columns` `No` leaves the x column blank (the x values are X0 + n *
Delta_X), `Multi` writes an `X_Value` before every channel. Read as a CSV, the header
blocks become rows and their tags the names: every column text, silently.

When the file's first line is `LabVIEW Measurement` alone and its file header closes in its
first lines, it is read from a copy: the names line as its header (`X_Value` dropped under
`X_Columns No`; each named `X_Value <channel>` under `Multi`), the samples of every segment
under it, with their `segment` number when there are several (their x values restart in
each), the header blocks and `***Start_Special***` blocks left out; the separator and a
decimal comma told, noted. A segment naming other columns than the first is refused (one
header cannot name both), and so is a signature line without its `***End_of_Header***`.
`options: {header: ...}` or `skip` say how the file is laid out: then it is left as it is.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.scratch import copy_path

_SIGNATURE = "LabVIEW Measurement"
_END = "***End_of_Header***"
_SPECIAL = ("***Start_Special***", "***End_Special***")
_SEPARATORS = {"Tab": "\t", "Comma": ","}
_HEAD_LINES = 40   # lines the file header may take
_LINE = 4096       # characters of a header line read: a file of one long line is not read whole
_SAMPLE = re.compile(r"[-+]?(\d+([.,]\d*)?([eE][-+]?\d+)?|[.,]\d+|NaN|Inf)")
_CHUNK = 1 << 20
_TOLD = ("header", "skip")


def with_lvm_layout(stack: ExitStack, path: Path, name: str, opts: dict[str, Any]
                    ) -> tuple[Path, list[str], dict[str, Any]]:
    """`path`, or a copy of it (removed with `stack`) of the samples under their names (see
    the module), the note, and the options telling the copy's delimiter, header and decimal
    separator (`name`: the file as the user knows it)."""
    tags = None if any(k in opts for k in _TOLD) else tags_of(path, name)
    if tags is None:
        return path, [], opts
    separator = _separator(tags, name)
    decimal = tags.get("Decimal_Separator", ".")
    if decimal == separator:
        raise IngestError(f"a LabVIEW Measurement file whose decimal separator is its field "
                          f"separator ({separator!r}): its values cannot be split", file=name,
                          hint="write the file again from LabVIEW with Separator: Tab")
    copy = copy_path(stack, path, "lvm")
    several = _end_marks(path) > 2   # the file header's mark and more than one segment's
    x_columns = tags.get("X_Columns", "One")
    with path.open(encoding="utf-8", newline="") as source, \
            copy.open("w", encoding="utf-8", newline="") as target:
        names, segments, specials = _copy_samples(source, target, separator, x_columns,
                                                  several, name)
    shown = {"\t": "tab", ",": "comma"}.get(separator, repr(separator))
    notes = [f"{name}: a LabVIEW Measurement file (.lvm): columns named from its X_Value "
             f"line ({', '.join(names)}), samples {shown}-separated; its header blocks "
             f"(tags to `***End_of_Header***`) not loaded"
             + (f"; {segments} segments, each sample's in a `segment` column (their x "
                f"values restart in each)" if several else "")
             + (f"; {specials} `***Start_Special***` block(s) not loaded" if specials else "")
             + ("; X_Columns No: the blank x column left out (x is X0 + n * Delta_X of the "
                "segment header)" if x_columns == "No" else "")
             + ("; Time_Pref Absolute: x_value is seconds since 1904-01-01 00:00 UTC, "
                "kept as numbers" if tags.get("Time_Pref") == "Absolute"
                and x_columns != "No" else "")]
    told = {"decimal_separator": ","} if decimal == "," else {}
    return copy, notes, {**opts, **told, "delimiter": separator, "header": True}


def tags_of(path: Path, name: str) -> dict[str, str] | None:
    """The file header's tags when the file's first line is LabVIEW's signature alone; None
    when it is not. A signature whose `***End_of_Header***` does not follow is refused."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        first = handle.readline(_LINE).lstrip("\ufeff").rstrip("\r\n")
        if not first.startswith(_SIGNATURE) or first[len(_SIGNATURE):].strip("\t,; "):
            return None
        mark = first[len(_SIGNATURE):][:1]   # the separator LabVIEW ends the line with
        tags: dict[str, str] = {}
        for _ in range(_HEAD_LINES):
            text = handle.readline(_LINE).rstrip("\r\n")
            cells = text.split(mark or ("\t" if "\t" in text else ","))
            if cells[0] == _END:
                return tags
            if len(cells) > 1:
                tags[cells[0]] = cells[1].strip()
    raise IngestError(f"the file opens with LabVIEW's signature line {_SIGNATURE!r} but no "
                      f"{_END} closes its header in the first {_HEAD_LINES} lines", file=name,
                      hint="set options: {skip: N, header: true} to read it as a plain CSV "
                           "from its names line")


def _separator(tags: dict[str, str], name: str) -> str:
    """The field separator the `Separator` tag names (a tab when none is written)."""
    written = tags.get("Separator", "Tab")
    if written in _SEPARATORS or len(written) == 1:
        return _SEPARATORS.get(written, written)
    raise IngestError(f"a LabVIEW Measurement file whose Separator tag is {written!r}, "
                      f"neither Tab, Comma nor one character", file=name,
                      hint="set options: {skip: N, header: true, delimiter: ...}")


def _end_marks(path: Path) -> int:
    """How many `***End_of_Header***` marks the file holds (read in chunks, not parsed)."""
    mark, count, tail = _END.encode(), 0, b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            data = tail + chunk
            count += data.count(mark)
            tail = data[-(len(mark) - 1):]   # a mark split between chunks is whole next time
    return count


def _copy_samples(source: Any, target: Any, separator: str, x_columns: str, several: bool,
                  name: str) -> tuple[list[str], int, int]:
    """Write the names line and the samples of `source` (past its file header) to `target`;
    the names, the segments and the special blocks met."""
    names: list[str] | None = None
    segments = specials = 0
    state = "file header"
    for number, line in enumerate(source, start=1):
        text = line.rstrip("\r\n")
        first = text.split(separator, 1)[0].strip()
        if state in ("file header", "segment header"):
            state = "names" if first == _END and state == "segment header" else \
                "samples" if first == _END else state
        elif state == "special":
            state = "samples" if first == _SPECIAL[1] else state
        elif not text.strip(separator + " "):
            continue
        elif first == _SPECIAL[0]:
            state, specials = "special", specials + 1
        elif state == "names" or first == "X_Value":   # (a segment without its header)
            written = _names(text.split(separator), x_columns, number, name)
            if names is not None and written != names:
                raise IngestError(
                    f"line {number}: segment {segments + 1} names the columns "
                    f"{', '.join(written)}, the first segment {', '.join(names)}: one header "
                    f"cannot name both", file=name,
                    hint="split the file where its segments' channels change and load each "
                         "part as its own source")
            if names is None:
                names = written
                target.write(separator.join(["segment"] * several + names) + "\n")
            state, segments = "samples", segments + 1
        elif first and not _SAMPLE.fullmatch(first):
            state = "segment header"
        elif names is None:
            raise IngestError(f"line {number}: a sample before any X_Value line names the "
                              f"columns", file=name,
                              hint="set options: {skip: N, header: false} and name the "
                                   "columns in the model")
        else:
            if x_columns == "No":
                text = text.removeprefix(separator)
            if names[-1] == "Comment" and text.count(separator) == len(names) - 2:
                text += separator   # no comment written: the Comment field left out
            target.write(f"{segments}{separator}" * several + text + "\n")
    if names is None:
        raise IngestError("a LabVIEW Measurement file with no X_Value line naming its "
                          "columns", file=name, hint="set options: {skip: N, header: false}")
    return names, segments, specials


def _names(written: list[str], x_columns: str, number: int, name: str) -> list[str]:
    """The columns of a segment's names line: `X_Value` left out under `X_Columns No` (its
    column is blank), each named after its channel under `Multi`."""
    if not written or written[0] != "X_Value":
        raise IngestError(f"line {number}: {_END} is followed by {written[:3]!r}, not the "
                          f"X_Value line naming the columns", file=name,
                          hint="set options: {skip: N, header: true} at the names line")
    if x_columns == "No":
        return written[1:]
    if x_columns == "Multi":
        return [f"X_Value {written[i + 1]}" if n == "X_Value" and i + 1 < len(written) else n
                for i, n in enumerate(written)]
    return written
