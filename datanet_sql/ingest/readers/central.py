"""Whether text that reads as Western cp1252 is Central European: Czech, Slovak, Polish,
Hungarian, Slovene, Croatian or Romanian in Windows-1250 or ISO-8859-2.

The three code pages share ASCII and most accented letters (`á`, `é`, `ó`, `ü`), and differ
in some two dozen bytes, where each gives another letter or a symbol: cp1250's `ř` is
cp1252's `ø`, `ą` is `¹`, `ť` is `»` in ISO-8859-2, `ő` is `õ`. Czech text read as cp1252 is
still letters (`Pøíliš`), so symbols alone do not tell it; the letters do: a reading is
plausible when the letters of its words (those beside another letter, not a lone symbol
between fields) are the alphabet of one language, in pairs that language writes (`õ` is
Portuguese before `e` only, so `Gyõr` is not). `Pøíliš kùò` is no Western language's
(`ø` is Danish, `í` Spanish, `ù` French), `Příliš kůň` is Czech's. A reading wins only when
it is nearly all one language's letters, clearly more so than the cp1252 reading, and the
bytes that differ between them say so more than once (or cp1252 cannot decode them, or
reads a symbol inside a word); when one Central European reading fits better on less
evidence (a single `Győr`), cp1252 is kept and the read says which encoding to name. Text
that fits both (`Genève` is `Genčve`, Czech letters both) stays cp1252, as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

# Each language's small letters beyond ASCII, by the code page it is written in.
WESTERN = {
    "German": "äöüß",
    "French": "àâæçéèêëîïôœùûüÿ",
    "Spanish": "áéíñóúü",
    "Portuguese": "áâãàçéêíóôõú",
    "Italian": "àèéìíîòóùú",
    "Catalan": "àçèéíïòóúü",
    "Dutch": "áéíóúàèëïöü",
    "Danish and Norwegian": "æøåéó",
    "Swedish": "åäöé",
    "Finnish": "äöåšž",
    "Icelandic": "áðéíóúýþæö",
    "Estonian": "äöõüšž",
}
CENTRAL = {
    "Czech": "áčďéěíňóřšťúůýž",
    "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Polish": "ąćęłńóśźż",
    "Hungarian": "áéíóöőúüű",
    "Slovene": "čšž",
    "Croatian": "čćđšž",
    "Romanian": "ăâîşţ",
}
CODE_PAGES = ("cp1250", "iso8859-2")  # preferred in this order when both fit alike
FITS = 0.95  # share of a reading's letters in one language's alphabet
EVIDENCE = 3  # letters the cp1252 reading has outside its language's more than this one
_WORD = re.compile(r"\w+")
_BEYOND_ASCII = re.compile(rb"[\x80-\xff]")
_GLUED = set("ªº¹²³°")  # marks Western text writes beside a letter
# Letters a language writes only before these (Portuguese `õ` in `-ões`, `põe`): Hungarian
# `Győr` read as cp1252 is `Gyõr`, Portuguese letters but no Portuguese pair.
_BEFORE = {"Portuguese": {"õ": "e"}}


@dataclass(frozen=True)
class Judgement:
    """A Central European code page that reads the text better than cp1252, whether on
    enough evidence to read it so, and a word of it both ways (for the note)."""

    encoding: str
    enough: bool
    example: tuple[str, str]  # (as cp1252 reads it, as `encoding` does)


def in_words(sample: bytes, readings: dict[str, str]) -> list[int]:
    """Where `sample` has a byte beyond ASCII beside a letter or another such byte: a
    word's letters, in every reading alike; without the punctuation all readings share (a
    curly apostrophe, a soft hyphen), which is no letter of any language."""

    def lettered(i: int) -> bool:
        return 0 <= i < len(sample) and (sample[i] > 0x7F or chr(sample[i]).isalpha())

    return [
        i
        for i in (match.start() for match in _BEYOND_ASCII.finditer(sample))
        if (lettered(i - 1) or lettered(i + 1))
        and not (
            len({text[i] for text in readings.values()}) == 1
            and unicodedata.category(next(iter(readings.values()))[i])[0] in "PZ"
        )
    ]


def misses(text: str, at: list[int], alphabets: dict[str, str]) -> int:
    """How many of the characters at `at` are not letters of the alphabet of `alphabets`'
    language most of them are of (nor where that language writes them, `_BEFORE`)."""
    if not at:
        return 0
    pairs = Counter((text[i].lower(), text[i + 1 : i + 2].lower()) for i in at)
    return len(at) - max(
        sum(
            n
            for (c, after), n in pairs.items()
            if c in alphabet
            and (c not in _BEFORE.get(language, {}) or after in _BEFORE[language][c])
        )
        for language, alphabet in alphabets.items()
    )


def _readings(sample: bytes) -> dict[str, str]:
    """The sample in cp1252 and each Central European code page that decodes it."""
    found = {}
    for name in ("cp1252", *CODE_PAGES):
        try:
            found[name] = sample.decode(name)
        except UnicodeDecodeError:
            continue
    return found


def judged(sample: bytes) -> Judgement | None:
    """The Central European code page `sample` reads better in than in cp1252 (see the
    module docstring), or None."""
    readings = _readings(sample)
    at = in_words(sample, readings)
    ranked = sorted(
        (misses(readings[n], at, CENTRAL), n) for n in CODE_PAGES if n in readings
    )  # ties: cp1250 first
    if not ranked:
        return None
    fewest, name = ranked[0]
    text = readings[name]
    if not at or fewest > (1 - FITS) * len(at):
        return None
    western = readings.get("cp1252")
    if western is None:  # a byte cp1252 lacks: latin-1 would read a control character
        return Judgement(name, True, example(text, text, at))
    differ = [i for i in at if western[i] != text[i] and text[i].isalpha()]
    more = misses(western, at, WESTERN) - fewest
    if not differ or more <= 0:
        return None
    # cp1252 reads a symbol inside a word (`Wroc³aw`), which no Western word holds; one
    # beside a letter (`£ódŸ`) counts twice, unless Western words hold it so (`Nº`, `m²`)
    inside = any(
        not western[i].isalpha()
        and 0 < i < len(text) - 1
        and text[i - 1].isalpha()
        and text[i + 1].isalpha()
        for i in differ
    )
    beside = sum(not western[i].isalpha() and western[i] not in _GLUED for i in differ)
    enough = inside or more + beside >= EVIDENCE
    return Judgement(name, enough, example(western, text, differ))


def example(western: str, text: str, differ: list[int]) -> tuple[str, str]:
    """The word holding the first character that differs, in both readings."""
    first = differ[0] if differ else 0
    for word in _WORD.finditer(text):
        if word.start() <= first < word.end():
            return western[word.start() : word.end()], word.group()
    return western[first], text[first]


def choose(sample: bytes, decodes: Callable[[str], bool]) -> str | None:
    """The Central European code page `sample` is in, on enough evidence, when the whole
    span the caller checks decodes in it (`decodes`); None for cp1252."""
    found = judged(sample)
    return found.encoding if found and found.enough and decodes(found.encoding) else None


def doubt(label: str, sample: bytes) -> str | None:
    """The note on a file read as cp1252 whose text fits a Central European code page
    better, on too little evidence to read it so (`judged`); None when it does not."""
    found = judged(sample)
    if found is None or found.enough:
        return None
    western, central = found.example
    return (
        f"{label}: read as cp1252 (Western), but its letters fit Central European text in "
        f"{found.encoding} better ('{western}' would be '{central}'), on too little text "
        f"to decide: if so, set options: {{encoding: {found.encoding}}}"
    )
