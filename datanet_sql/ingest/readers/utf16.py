"""UTF-16 text that its BOM does not announce, or that ends inside a character.

Excel's "Unicode text" writes a BOM, but other exporters write UTF-16 without one, and a
file copied or written while being read can end inside a character. Without a BOM such a
file decodes as UTF-8 (a NUL byte is valid UTF-8) and would be read with a NUL beside
every letter; cut mid-character, it does not decode at all. ASCII text in UTF-16 has a NUL
byte in every code unit, always on the same side (after the letter little-endian, before
it big-endian), which no other text has (fixed-width padding is runs of NULs, both bytes of
a unit), so that side tells the byte order. A file that ends inside a character (an odd
byte count, or half a surrogate pair) lost its last character: its last line is cut and
left out, and said so, rather than read as a shorter value.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

HEAD = 4096  # bytes whose NUL pattern is judged (even: whole code units)
NUL_SHARE = 0.25  # of the code units must have a NUL (ASCII characters) ...
SAME_SIDE = 0.95  # ... that many of them on the same side, the other byte not NUL
_TAIL = 1 << 16  # bytes read back from the end at a time to find the last line break
_ORDERS = ("utf-16-le", "utf-16-be")


def order_by_nuls(head: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the file's first bytes `head` (no BOM) are UTF-16
    by the NUL bytes of their ASCII characters (see the module docstring), else None."""
    if b"\x00" not in head:  # nearly every file: no need to pair its bytes
        return None
    units = list(zip(head[0::2], head[1::2]))
    with_nul = [unit for unit in units if 0 in unit]
    if len(with_nul) < max(4, NUL_SHARE * len(units)):
        return None
    for order, side in zip(_ORDERS, (1, 0)):
        alone = sum(unit[side] == 0 and unit[1 - side] != 0 for unit in with_nul)
        if alone >= SAME_SIDE * len(with_nul):
            try:  # a lone surrogate is no UTF-16; a character the sample cuts is fine
                codecs.getincrementaldecoder(order)().decode(head[: len(head) // 2 * 2])
            except UnicodeDecodeError:
                return None
            return order
    return None


def byte_order(path: Path, encoding: str) -> str:
    """`utf-16-le` or `utf-16-be` of a file read as `encoding` (Python's codec name): the
    BOM's order for plain `utf-16` (little-endian without one, as Python reads it)."""
    if encoding != "utf-16":
        return encoding
    with path.open("rb") as handle:
        return "utf-16-be" if handle.read(2) == codecs.BOM_UTF16_BE else "utf-16-le"


@dataclass(frozen=True)
class Cut:
    """Where a UTF-16 file that ends inside a character is read to."""

    keep: int  # the bytes read: through the last line break before the cut character
    dropped: str  # the cut last line, as far as it goes ('' when only a line break was cut)


def cut(path: Path, encoding: str) -> Cut | None:
    """How a UTF-16 file (read as `encoding`) ends inside a character, or None when it ends
    whole. A last odd byte that begins a line break (little-endian `\\n` or `\\r`) ended a
    whole line; otherwise the last line is cut, and is read to its line break."""
    order, size = byte_order(path, encoding), path.stat().st_size
    whole = size // 2 * 2
    with path.open("rb") as handle:
        handle.seek(whole - 2 if whole >= 2 else 0)
        last, odd = handle.read(2), handle.read(1)
        if len(last) == 2 and 0xD8 <= last[order == "utf-16-le"] <= 0xDB:
            whole -= 2  # the first half of a surrogate pair, its second cut off
        elif not odd:
            return None
        if order == "utf-16-le" and odd in (b"\n", b"\r"):
            return Cut(whole, "")
        newline = "\n".encode(order)
        end = whole
        while end > 0:
            start = max(0, end - _TAIL)
            handle.seek(start)
            data = handle.read(whole - start)
            at = next(
                (i for i in range(end - start - 2, -1, -2) if data[i : i + 2] == newline), None
            )
            if at is not None or start == 0:
                keep = start + at + 2 if at is not None else 0
                return Cut(
                    keep,
                    data[keep - start :].decode(order, errors="replace").removeprefix("\ufeff"),
                )
            end = start
    return Cut(0, "")


def note(label: str, cut_at: Cut) -> str:
    """The read's note on the character cut off the file's end, and the line left out."""
    if not cut_at.dropped:
        return (
            f"{label}: the file ends inside a character (UTF-16 with an odd byte count: "
            f"cut while written or copied); only a line break was cut, every line read"
        )
    return (
        f"{label}: the file ends inside a character (UTF-16 with an odd byte count or "
        f"half a character: cut while written or copied); its last line, cut short, "
        f"was left out: {cut_at.dropped!r}; load the whole file to read it"
    )
