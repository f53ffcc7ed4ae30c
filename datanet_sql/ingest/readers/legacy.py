"""Which legacy encoding a file that is not UTF-8 is in: Windows-1252 (Western text), DOS
code page 850 (Western text from a DOS program), one of the double-byte East Asian
encodings (Shift_JIS, GBK, Big5, EUC-KR), or a single-byte code page of another script
(Cyrillic cp1251 and KOI8-R, Greek cp1253, Central European cp1250 and ISO-8859-2,
Turkish cp1254).

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
- Cyrillic or Greek text read as cp1252 is words of accented Latin letters with no ASCII
  letter (`Ïðèâåò` for `Привет`), which Western text never is (`western_share` is low).
  Each single-byte candidate then decodes the file strictly, and one whose words are each
  made of its script's letters alone, cased as words are (`Привет`, `ПРИВЕТ`, not
  `пРИВЕТ`: cp1251 read as KOI8-R swaps the cases; Greek's `ς` only at a word's end),
  fits. When two fit (all-capital or all-small text), the one whose letters are more often
  the language's commonest wins, by a clear margin only.
- Central European text in cp1250 or ISO-8859-2 read as cp1252 is Western letters, some
  with symbols inside words (`Wroc³aw`), some not (`Pøíliš`): it is told by whose
  language's alphabet its letters are (`central`).
- Turkish text in cp1254 read as cp1252 is Icelandic letters (`Þanlýurfa` for
  `Şanlıurfa`) without Icelandic's commonest (`á`, `ó`, `æ`...): told by its letters in
  cp1254 being Turkish's, placed as Turkish places them (`turkish`).
- DOS text in code page 850 read as cp1252 is symbols and undefined bytes inside words
  (`D‚part`): it is told first, by its letters in cp850 being one Western language's,
  cased as words are (`dos`).
- When the evidence is mixed (neither clearly Western nor clearly double-byte while a
  double-byte encoding fits; a single-byte and a double-byte encoding both fitting; two
  single-byte ones no frequency tells apart), the read is refused naming the file and the
  `encoding:` option, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import central, dos, turkish

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
# Single-byte code pages of other scripts: (script, the language's commonest letters).
SINGLE_BYTE = {"cp1251": ("CYRILLIC", set("оеаинтсрвл")),          # Windows Cyrillic
               "koi8-r": ("CYRILLIC", set("оеаинтсрвл")),          # Unix Russian
               "cp1253": ("GREEK", set("αοειτσνηρυ"))}              # Windows Greek
COMMON_MARGIN = 0.15    # how much more often one reading's letters are the commonest
_NAMES = {"cp932": "Shift_JIS", "cp949": "EUC-KR", "gbk": "GBK", "cp950": "Big5",
          "cp1251": "Windows Cyrillic", "koi8-r": "KOI8-R", "cp1253": "Windows Greek"}
_WORDS = re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f]+")  # runs between ASCII non-letters


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
    """The legacy encoding `sample` (the file's first bytes that are not all ASCII) is in,
    double-byte or single-byte, or None for cp1252 (see the module docstring);
    `decodes(encoding)` says whether the whole span the caller checks decodes strictly.
    Refuses when the evidence is mixed."""
    if (text := dos.reading(sample)) is not None and _words_share(text, "LATIN") >= SCRIPT_SHARE:
        return dos.CODE_PAGE
    western = western_share(sample.decode("cp1252", errors="replace"))
    if western >= WESTERN_ENOUGH:
        return _latin(sample, decodes)
    single = _single_byte(path, sample, decodes)
    fits = {}
    for name, in_script in CANDIDATES.items():
        text = sample.decode(name, errors="ignore")   # the sample may cut a character
        wide = [c for c in text if not c.isascii()]
        share = sum(map(in_script, wide)) / len(wide) if wide else 0.0
        if share >= SCRIPT_SHARE and len(wide) >= EVIDENCE and decodes(name):
            fits[name] = text
    if single and fits:
        _refuse(path, f"{single} ({_NAMES[single]}) and "
                      f"{', '.join(f'{n} ({_NAMES[n]})' for n in fits)}", single)
    if single or not fits:
        return single or _latin(sample, decodes)
    if western <= DOUBLE_BYTE:
        if "cp932" in fits and any(map(_kana, fits["cp932"])):
            return "cp932"
        return next(name for name in ("cp949", "gbk", "cp950", "cp932") if name in fits)
    tried = ", ".join(f"{name} ({_NAMES[name]})" for name in fits)
    _refuse(path, f"cp1252 (Western, {western:.0%} of its non-ASCII characters look so) and "
                  f"{tried}", next(iter(fits)), "cp1252")


def _latin(sample: bytes, decodes: Callable[[str], bool]) -> str | None:
    """The code page of Latin letters other than cp1252's `sample` is in: Central European
    (`central`) or Turkish (`turkish`); None for cp1252."""
    return central.choose(sample, decodes) or turkish.choose(sample, decodes)


def _refuse(path: Path, fitting: str, example: str, other: str | None = None) -> NoReturn:
    """The read refused: the text fits the encodings `fitting` names."""
    raise IngestError(
        f"the file is not UTF-8, and its text fits more than one encoding: {fitting}",
        file=str(path), hint=f"name the encoding in the source's options, e.g. options: "
                             f"{{encoding: {example}}}" + (f" (or {other})" if other else ""))


def _single_byte(path: Path, sample: bytes, decodes: Callable[[str], bool]) -> str | None:
    """The Cyrillic or Greek code page `sample` is in (see the module docstring), or None;
    refused when two fit and the commonest letters do not tell them apart."""
    fits = {}
    for name, (script, common) in SINGLE_BYTE.items():
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        letters = [c.lower() for word in _WORDS.findall(text) for c in word if not c.isascii()]
        if len(letters) >= EVIDENCE and _words_share(text, script) >= SCRIPT_SHARE and \
                decodes(name):
            fits[name] = sum(c in common for c in letters) / len(letters)
    ranked = sorted(fits, key=fits.__getitem__, reverse=True)
    if len(ranked) > 1 and fits[ranked[0]] - fits[ranked[1]] < COMMON_MARGIN:
        _refuse(path, " and ".join(f"{n} ({_NAMES[n]})" for n in ranked), ranked[0])
    return ranked[0] if ranked else None


def _words_share(text: str, script: str) -> float:
    """The share of `text`'s words holding a letter that is not ASCII that are words of
    `script`: its letters only, cased as words are (all small, all capital, or a capital
    first), a final sigma last. 0.0 when there are none."""
    words = [w for w in _WORDS.findall(text) if not w.isascii()]
    good = sum(all(c.isalpha() and unicodedata.name(c, "").startswith(script) for c in w)
               and (w.islower() or w.isupper() or w[1:].islower() or len(w) == 1)
               and "ς" not in w[:-1]   # Greek's final sigma ends a word
               for w in words)
    return good / len(words) if words else 0.0
