"""WhatsApp's "Export chat" text (`_chat.txt`): a message a line, some going on over more.

iPhone's export writes `[13/07/1990, 09:00:00] Sender: text`, Android's `13/07/1990, 09:00 -
Sender: text` (the date in the phone's order, a 12-hour clock with `AM`/`PM` in some
locales); a message with line breaks goes on over the next lines without the prefix, and
a message without a sender (`Messages and calls are end-to-end encrypted`, a member
added) has none. Read as a CSV, its lines were split at their commas (the date from the
time) and each continuation line was a reject or a row of its own: silently wrong.

When the first line and most of the next (in the file's first 64 KB) begin so, most of
them with a sender, the file is read message by message: `date`, `time`, `sender` (NULL for a message without one) and
`text`, each continuation line joined to its message with its line break; noted. The
order of day and month is told by the dates (a day past 12 in one place, none in the
other); where none tells it, or they disagree, `date` is the text as written, noted, and
`options: {dateformat: '%d/%m/%Y'}` reads it. `options: {delimiter: ...}` (or `header`,
`skip`...) read the file as a CSV.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.shape import Raw

_HEAD_BYTES = 1 << 16   # the lines looked at to tell the format: this runs for every CSV
_HEAD_LINES = 20
_DATE = r"((\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4}))"
_TIME = r"(\d{1,2}:\d{2}(?::\d{2})?(?:[\s\u202f]?[AaPp]\.?\s?[Mm]\.?)?)"
_START = re.compile(rf"\u200e?(?:\[{_DATE},? {_TIME}\] |{_DATE},? {_TIME} - )(.*)")
_SENDER = re.compile(r"([^:]{1,80}?): (.*)", re.DOTALL)
_CLOCKS = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p")
_TABLE = "_dn_chat"


def found(path: Path) -> bool:
    """Whether the file's first line and most of the next (of its first 64 KB: this runs
    for every CSV) begin as a WhatsApp export's messages, most of those with a sender."""
    with path.open("rb") as handle:
        start = handle.read(_HEAD_BYTES)
    lines = start.decode("utf-8-sig", "replace").splitlines()
    if len(start) == _HEAD_BYTES:
        lines = lines[:-1]   # cut short
    lines = [line for line in lines if line.strip()][:_HEAD_LINES]
    starts = [_START.fullmatch(line) for line in lines]
    begun = [m for m in starts if m]
    sent = [m for m in begun if _SENDER.fullmatch(_rest(m))]
    return bool(starts) and starts[0] is not None and 2 * len(begun) > len(lines) \
        and 2 * len(sent) > len(begun)


def read(stack: ExitStack, con: Any, path: Path, encoding: str | None,
         dateformat: str | None) -> Raw:
    """The file's messages as a table (see the module)."""
    import pyarrow as pa

    label = str(path)
    # [line, date as written, day or month, month or day, year, time, text]
    messages: list[list[Any]] = []
    for number, line in _lines(path, encoding or "utf-8-sig"):
        match = _START.fullmatch(line)
        if match:
            groups = [g for g in match.groups()[:-1] if g is not None]
            messages.append([number, *groups, _rest(match)])
        elif messages:
            messages[-1][-1] += "\n" + line
        elif line.strip():
            raise IngestError(f"line {number} is no message of a WhatsApp chat export "
                              f"(`[dd/mm/yyyy, hh:mm:ss] Sender: text`): {line[:120]!r}",
                              file=path, hint="set options: {delimiter: ...} to read it as a CSV")
    for message in messages:
        message[-1] = message[-1].rstrip("\n")
    continued = sum("\n" in m[-1] for m in messages)
    dates, said = _dates(label, messages, dateformat)
    senders = [_SENDER.fullmatch(m[-1]) for m in messages]
    table = pa.table({
        "date": dates,
        "time": pa.array([_clock(label, m[0], m[5]) for m in messages], pa.time64("us")),
        "sender": pa.array([s[1] if s else None for s in senders], pa.string()),
        "text": pa.array([s[2] if s else m[-1] for s, m in zip(senders, messages)],
                         pa.string())})
    note = (f"{label}: a WhatsApp chat export ({len(messages)} message(s) of lines "
            f"`[date, time] sender: text`): read as its messages, columns date, time, "
            f"sender and text; {continued} message(s) going on over more lines joined to "
            f"their first, line breaks kept{said}")
    con.register(_TABLE, table)
    stack.callback(con.unregister, _TABLE)
    return Raw(con, con.table(_TABLE), label, [], [note])


def _rest(match: re.Match[str]) -> str:
    return match.groups()[-1]


def _lines(path: Path, encoding: str) -> Any:
    """(number, text) of the file's lines, their ends cut; a byte not in `encoding` refused,
    naming its line."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield number, line.decode(encoding).rstrip("\r\n")
            except UnicodeDecodeError:
                raise IngestError(f"line {number} of the chat export is not {encoding}: "
                                  f"{line[:120]!r}", file=path,
                                  hint="set options: {encoding: ...} to the file's") from None


def _dates(label: str, messages: list[list[Any]], dateformat: str | None) -> tuple[Any, str]:
    """The messages' dates as Arrow's, in the order of day and month the dates tell (or
    `dateformat`'s); text as written where none does, or they disagree; with what the
    note says of them."""
    import pyarrow as pa

    written = [m[1] for m in messages]
    if dateformat:
        try:
            return pa.array([dt.datetime.strptime(w, dateformat).date() for w in written],
                            pa.date32()), f"; dates read as {dateformat}"
        except ValueError as error:
            raise IngestError(f"a date of the chat export does not read as {dateformat}: "
                              f"{error}", file=label, hint="write dateformat as the dates are written: "
                              "'%d/%m/%Y', '%m/%d/%y', '%d.%m.%y'...") from None
    first = any(int(m[2]) > 12 for m in messages)
    second = any(int(m[3]) > 12 for m in messages)
    if first == second:
        why = "a day past 12 in both places" if first else "no day past 12"
        return pa.array(written, pa.string()), (
            f"; date kept as written ({why}: the order of day and month is unknown), set "
            f"options: {{dateformat: '%d/%m/%Y'}} (or '%m/%d/%Y') to read it as dates")
    day, month = (2, 3) if first else (3, 2)
    try:
        dates = [dt.date(_year(m[4]), int(m[month]), int(m[day])) for m in messages]
    except ValueError:
        bad = next(m for m in messages if not _valid(_year(m[4]), int(m[month]), int(m[day])))
        raise IngestError(f"line {bad[0]}: the date {bad[1]} of a chat message is no day "
                          f"(read {'day' if first else 'month'} first)", file=label,
                          hint="set options: {dateformat: ...} to the dates' order") from None
    return pa.array(dates, pa.date32()), (
        f"; dates read {'day' if first else 'month'} first, as a day past 12 shows "
        f"({written[next(i for i, m in enumerate(messages) if int(m[day]) > 12)]})")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _year(written: str) -> int:
    return int(written) + (2000 if len(written) == 2 else 0)


def _clock(label: str, line: int, written: str) -> dt.time:
    """A message's time as written (24 hours, or 12 with AM/PM, seconds or not)."""
    text = re.sub(r"[\s\u202f]+", " ", written.replace(".", "")).upper()
    text = re.sub(r"(\d)([AP]M)$", r"\1 \2", text)
    for clock in _CLOCKS:
        try:
            return dt.datetime.strptime(text, clock).time()
        except ValueError:
            continue
    raise IngestError(f"line {line}: the time {written!r} of a chat message does not read",
                      file=label, hint="write times as hh:mm[:ss] [AM|PM]")
