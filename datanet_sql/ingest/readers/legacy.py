"""Which legacy encoding a file that is not UTF-8 is in: Windows-1252 (Western text) or
one of the double-byte East Asian encodings (Shift_JIS, GBK, Big5, EUC-KR).

None of datanet's dependencies detects encodings (charset-normalizer and chardet are not
among them), and the question is narrow, so it is answered here from the text itself:

- Western text read as cp1252 has its non-ASCII characters alone or in pairs (`Größe`,
  `«\xa0`), letters and the usual punctuation (curly quotes, dashes, `€`, `°`, `²`).
  Double-byte text read as cp1252 is runs of them and the symbols no prose holds (`ƒ`,
  `ˆ`, `‰`, C1 control characters): `年流量` in Shift_JIS is `”N—¬—Ê`. The share of
  non-ASCII characters that look Western (`western_share`) keeps a real cp1252 file on
  cp1252 without trying anything else, so such files read exactly as before.
- Otherwise each double-byte candidate decodes the file strictly, and one whose text is
  mostly characters of its script (kana or kanji for cp932, Hangul syllables for cp949,
  Chinese characters for GBK and Big5) wins. Korean and Japanese text also decode as
  Chinese (EUC-KR's Hangul sits where GB2312 keeps its hanzi), so a file with kana is
  Japanese, one mostly of KS X 1001's Hangul Korean, then GBK (whose bytes are all valid
  Big5, while Big5's commonest characters read as kana or Greek in GBK), then Big5.
- When the cp1252 reading is neither clearly Western nor clearly double-byte and some
  double-byte encoding fits, the read is refused naming the file and the `encoding:`
  option, never guessed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from datanet_sql.errors import IngestError

WESTERN_ENOUGH = 0.9    # cp1252 kept, no other encoding tried
DOUBLE_BYTE = 0.5       # below this share of Western characters, double-byte text is asked
SCRIPT_SHARE = 0.9      # a candidate's text must be this much of its script
EVIDENCE = 8            # non-ASCII characters a candidate must read (90% of its script)

# Characters of Western text that are not letters, as cp1252 writes them.
_WESTERN_MARKS = set("‘’‚“”„–—…€«»°·\xa0²³µ½¼¾§©®™£¥¢±×¿¡ªº´•")


def _kana(c: str) -> bool:
    return "\u3040" <= c <= "\u30ff"


def _hangul(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3" or "\u3130" <= c <= "\u318f"


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def _cjk_marks(c: str) -> bool:
    """CJK punctuation and full-width forms, which every one of these encodings writes."""
    return "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff60"


def _in(codec: str) -> Callable[[str], bool]:
    """Whether a character is one of `codec`'s own (its common, older set): a Korean or
    Japanese text read as Chinese, or the reverse, lands on the rare characters of the
    extensions (GBK's beyond GB2312, UHC's Hangul beyond KS X 1001)."""
    def encodes(c: str) -> bool:
        try:   # two bytes: Python's euc_kr spells other syllables as 8-byte make-up codes
            return len(c.encode(codec)) == 2
        except UnicodeEncodeError:
            return False
    return encodes


_GB2312, _KSX1001, _BIG5 = _in("gb2312"), _in("euc_kr"), _in("big5")

# Each candidate (Python's codec name, as Windows writes it) and what its text is made of,
# in the order they are preferred when more than one fits (see the module docstring).
CANDIDATES = {
    "cp932": lambda c: _kana(c) or _han(c) or _cjk_marks(c),             # Shift_JIS
    "cp949": lambda c: (_hangul(c) and _KSX1001(c)) or _cjk_marks(c),    # EUC-KR / UHC
    "gbk": lambda c: (_han(c) and _GB2312(c)) or _cjk_marks(c),          # GB2312 / GBK
    "cp950": lambda c: (_han(c) and _BIG5(c)) or _cjk_marks(c),          # Big5
}
_NAMES = {"cp932": "Shift_JIS", "cp949": "EUC-KR", "gbk": "GBK", "cp950": "Big5"}


def western_share(text: str) -> float:
    """The share of `text`'s non-ASCII characters that look like Western text read right:
    in a run of at most two non-ASCII characters, a Latin letter or a mark of
    `_WESTERN_MARKS`; a pair of letters only inside a word (`Größe`, not `ÖÐ` alone, which
    is `中` in GBK). 1.0 when there are none."""
    total = western = 0
    i = 0
    while i < len(text):
        if text[i].isascii():
            i += 1
            continue
        end = i
        while end < len(text) and not text[end].isascii():
            end += 1
        run = text[i:end]
        total += len(run)
        if len(run) <= 2:
            in_word = (i > 0 and text[i - 1].isalpha()) or (end < len(text) and
                                                             text[end].isalpha())
            western += sum(_looks_western(c, len(run) == 1 or in_word) for c in run)
        i = end
    return western / total if total else 1.0


def _looks_western(c: str, placed: bool) -> bool:
    if c in _WESTERN_MARKS:
        return True
    return placed and c != "ƒ" and unicodedata.category(c).startswith("L") and \
        "LATIN" in unicodedata.name(c, "")


def choose(path: Path, sample: bytes, decodes: Callable[[str], bool]) -> str | None:
    """The double-byte encoding `sample` (the file's first bytes that are not all ASCII) is
    in, or None for cp1252 (see the module docstring); `decodes(encoding)` says whether the
    whole span the caller checks decodes strictly. Refuses when the evidence is mixed."""
    western = western_share(sample.decode("cp1252", errors="replace"))
    if western >= WESTERN_ENOUGH:
        return None
    fits = {}
    for name, in_script in CANDIDATES.items():
        text = sample.decode(name, errors="ignore")   # the sample may cut a character
        wide = [c for c in text if not c.isascii()]
        share = sum(map(in_script, wide)) / len(wide) if wide else 0.0
        if share >= SCRIPT_SHARE and len(wide) >= EVIDENCE and decodes(name):
            fits[name] = text
    if not fits:
        return None
    if western <= DOUBLE_BYTE:
        if "cp932" in fits and any(map(_kana, fits["cp932"])):
            return "cp932"
        return next(name for name in ("cp949", "gbk", "cp950", "cp932") if name in fits)
    tried = ", ".join(f"{name} ({_NAMES[name]})" for name in fits)
    raise IngestError(
        f"the file is not UTF-8, and its text fits more than one encoding: cp1252 (Western, "
        f"{western:.0%} of its non-ASCII characters look so) and {tried}",
        file=str(path), hint=f"name the encoding in the source's options, e.g. options: "
                             f"{{encoding: {next(iter(fits))}}} (or cp1252)")
