"""Text folded to ASCII for a column's name: accents dropped, letters written from a Latin
letter spelled by it, the marks named where they are what tells two names apart.

NFKD splits `é` into `e` and a mark, but leaves whole the letters that are their own
letters: Turkish `ı` (`Yıl` made `yl`), Nordic `ø` and `æ`, `ß`, `đ`, `ł`, `þ`. Dropped
as non-ASCII, they took a letter out of the name; their Unicode names say which Latin
letter they are written from (`LATIN SMALL LETTER DOTLESS I`, `... O WITH STROKE`), and a
few are spelled the way their languages spell them in ASCII (`ß` -> `ss`, `þ` -> `th`).
Letters of other scripts (Greek, Cyrillic, Devanagari) stay dropped, as before.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# the Latin letters NFKD leaves whole, by the words of their Unicode name
_LATIN = re.compile(r"LATIN (SMALL|CAPITAL) (?:LETTER|LIGATURE) (?:DOTLESS |OPEN )?"
                    r"([A-Z]{1,2}|SHARP S|THORN|ETH|ENG|SCHWA)(?: WITH .+)?")
_SPELLED = {"SHARP S": "ss", "THORN": "th", "ETH": "d", "ENG": "ng", "SCHWA": "e"}
# a mark's word where notation names it otherwise than Unicode (x̄ is "x bar", x̂ "x hat")
_MARK_WORDS = {"MACRON": "bar", "OVERLINE": "bar", "CIRCUMFLEX": "hat"}
_MARK_FILLER = {"COMBINING", "ACCENT", "ABOVE"}


def ascii_folded(text: str, marks: bool = False) -> str:
    """`text` in ASCII: `Şube Sayısı` -> `Sube Sayisi`, `Ørsted` -> `Orsted`, `Straße` ->
    `Strasse`. With `marks`, a mark on a Latin letter is named after it as a word of its
    own (`X̄` -> `X_bar_`, `X̃` -> `X_tilde_`), for names that differ by nothing else."""
    out: list[str] = []
    on_latin = False   # whether the last letter was folded to ASCII: its marks are named
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            out.append(char)
            on_latin = char.isalpha()
        elif unicodedata.category(char).startswith("M"):
            if marks and on_latin:
                out.append(f"_{_mark_word(char)}_")
        else:
            out.append(_latin_letter(char))
            on_latin = bool(out[-1])
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _latin_letter(char: str) -> str:
    """The ASCII letters of a Latin letter NFKD leaves whole (`ı` -> `i`, `Ø` -> `O`,
    `æ` -> `ae`); empty for a character of another kind or script. A capital's letters are
    all capitals (`Æ` -> `AE`, `Þ` -> `TH`), so `ÆBLE` and `Æble` fold to one word, not
    to `Ae` + `BLE` split as camelCase."""
    found = _LATIN.fullmatch(unicodedata.name(char, ""))
    if found is None:
        return ""
    case, word = found.groups()
    letters = _SPELLED.get(word, word.lower())
    return letters.upper() if case == "CAPITAL" else letters


@functools.lru_cache(maxsize=256)
def _mark_word(char: str) -> str:
    """A combining mark as a word: `bar` (macron), `tilde`, `hat` (circumflex), `dot`,
    `acute`, `dot_below`: from its Unicode name."""
    words = [w for w in unicodedata.name(char, "MARK").split() if w not in _MARK_FILLER]
    return "_".join(_MARK_WORDS.get(w, w.lower()) for w in words) or "mark"
