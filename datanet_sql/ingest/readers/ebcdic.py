"""Text still in EBCDIC: a mainframe's (z/OS, IBM i) export fetched by FTP in binary mode.

A mainframe writes text in an EBCDIC code page, where every letter, digit and line end sits
on another byte than in ASCII (`A` is 0xC1, `1` is 0xF1, a space 0x40, a line end NL 0x15
or LF 0x25); a transfer in ASCII mode converts it, one in binary mode (or a download from
a dataset viewer) does not. Read as cp1252 the file is one line of accented letters and
symbols, silently. Such text is told by its bytes: no ASCII line feed, no NUL, nearly every
byte one of EBCDIC's characters (0x40, its space, and up) or a control text holds (tab,
CR, line ends), letters (0x81-0xA9, 0xC1-0xE9) and digits (0xF0-0xF9) a good share of
them, and line ends among them. Ordinary text is not: whatever its encoding, its spaces,
digits, commas and line feeds are ASCII's, under 0x40, controls in EBCDIC; a binary file
has NULs and bytes of every value; UTF-16 is told before (`utf16`). Only text that is not UTF-8 is asked, so an ordinary file costs nothing.

The code pages agree on letters, digits and the usual punctuation, and differ in a few
bytes (`[`, `]`, `!`, `|`, the umlauts, `€`): cp037 (US and Canada) is read unless the
bytes say otherwise: cp273 (Germany, Austria) when its umlauts are letters inside words
where cp037 has brackets and bars, cp1140 (cp037 with `€`) when byte 0x9F is there. The
read is noted with the code page, and with the bytes the pages write differently when the
file has any, so a wrong guess among them is one `encoding:` option away.
"""

from __future__ import annotations

from collections import Counter

CODE_PAGES = ("cp037", "cp1140", "cp273", "cp500")  # Python's names, the ones chosen from
_TEXT_SHARE = 0.97      # of the bytes EBCDIC text uses
_LETTER_SHARE = 0.4     # of the bytes letters or digits
_LINE_ENDS = (0x25, 0x15)   # LF and NL; NL decodes as U+0085, read as a line end
_ASCII_BREAK = 0x0A
_EURO = 0x9F            # `€` in cp1140, `¤` in cp037
_LETTERS = {*range(0x81, 0x8A), *range(0x91, 0x9A), *range(0xA2, 0xAA), *range(0xC1, 0xCA),
            *range(0xD1, 0xDA), *range(0xE2, 0xEA), *range(0xF0, 0xFA)}
# EBCDIC's characters from 0x40 (the space) up, and the controls text holds (tab, CR, line
# ends); the bytes under 0x40 are ASCII's space, digits and punctuation, controls in EBCDIC
_TEXT = {*range(0x40, 0x100), 0x05, 0x0D, *_LINE_ENDS}
# the bytes where the code pages differ: what each page reads there
_VARIANT = frozenset(b for b in range(256) if len({bytes([b]).decode(p) for p in CODE_PAGES}) > 1)


def code_page(head: bytes) -> str | None:
    """The EBCDIC code page `head` (a file's first bytes, not UTF-8) is in, or None when
    its bytes are not EBCDIC text (see the module docstring)."""
    if not head or _ASCII_BREAK in head or 0 in head or not any(b in head for b in _LINE_ENDS):
        return None
    counts = Counter(head)
    letters = sum(counts[b] for b in _LETTERS)
    text = sum(counts[b] for b in _TEXT)
    if text < _TEXT_SHARE * len(head) or letters < _LETTER_SHARE * len(head):
        return None
    if _letters_in_words(head, "cp273") > _letters_in_words(head, "cp037"):
        return "cp273"
    return "cp1140" if _EURO in counts else "cp037"


def _letters_in_words(head: bytes, page: str) -> int:
    """How many of `head`'s bytes that the code pages write differently read as letters
    between two letters in `page`."""
    text = head.decode(page)
    return sum(head[i] in _VARIANT and text[i - 1:i + 2].isalpha()
               for i in range(1, len(text) - 1))


def is_code_page(encoding: str) -> bool:
    """Whether `encoding` (Python's name) is one of the EBCDIC code pages read here."""
    return encoding in CODE_PAGES


def lines(text: str) -> str:
    """Decoded EBCDIC text with its NL line ends (U+0085) as line feeds, what readers split
    lines on."""
    return text.replace("\x85", "\n")


def note(label: str, encoding: str, head: bytes) -> str:
    """The note on a file read as EBCDIC, naming its code page and, when `head` holds bytes
    the code pages write differently, what they were read as."""
    told = (f"{label}: the file is EBCDIC (IBM mainframe text, code page "
            f"{encoding.removeprefix('cp')}), read decoded")
    variant = sorted({b for b in head if b in _VARIANT})
    if not variant:
        return told + ": its letters, digits and punctuation are the same in every EBCDIC code page"
    shown = ", ".join(f"0x{b:02X} as '{bytes([b]).decode(encoding)}'" for b in variant[:5])
    others = ", ".join(p for p in CODE_PAGES if p != encoding)
    return (f"{told}; bytes other EBCDIC code pages read differently were read so: {shown}: "
            f"if they are wrong, set options: {{encoding: ...}} to the file's code page "
            f"({others}, ...)")
