"""Whether text that reads as Western cp1252 is Turkish in Windows-1254.

cp1254 is cp1252 but for six bytes, where it puts Turkish letters in Icelandic's places:
0xD0 `Ğ` (`Ð`), 0xDD `İ` (`Ý`), 0xDE `Ş` (`Þ`), 0xF0 `ğ` (`ð`), 0xFD `ı` (`ý`), 0xFE `ş`
(`þ`). A Turkish file therefore decodes as cp1252 with no error, into Icelandic letters
(`Şanlıurfa` is `Þanlýurfa`, `Muğla` `Muðla`), and the alphabets `central` judges by do
not tell them apart: both readings are one language's letters. Icelandic text, though,
writes `ð`, `ý` and `þ` beside `á`, `é`, `í`, `ó`, `ú` and `æ` (`Þórður`, `Guðrún`: nearly
half its letters beyond ASCII), which Turkish never writes; Turkish writes `ğ` only after a
vowel (Icelandic's `ð` follows consonants too: `Sigurður`); and Icelandic writes `þ` at a
word's start and `ý` seldom last, where Turkish's `ş` and `ı` stand anywhere (`Eskişehir`,
`Ağrı`). So the text is read as cp1254 when those bytes stand in words, the cp1254
reading's letters in words are nearly all Turkish's (`ç ğ ı İ ö ş ü`, the circumflexed
`â î û`), each `ğ` after a vowel, the letters that differ from cp1252 come `EVIDENCE` times
or more, and one of them stands where Icelandic's would not (a `ş` inside a word, a `ı` at
its end). On less (a single `Muğla`; a few names such as `Guðmundsson` and `Þorsteinn`,
which are Icelandic in cp1252 and could be Turkish in cp1254), cp1252 is kept and the read
says which encoding to name (`doubt`). A Concordance load file's `þ` (0xFE), which encloses
every field and so stands beside letters, is no letter of either: where most lines open
with it, its bytes are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from datanet_sql.ingest.readers import central

CODE_PAGE = "cp1254"
EVIDENCE = 3   # letters that differ from cp1252 the judgement needs
_DIFFERENT = frozenset(b"\xd0\xdd\xde\xf0\xfd\xfe")   # where cp1254 is not cp1252
_THORN = 0xFE   # cp1252's `þ`, cp1254's `ş`
_LETTERS = set("çğıöşüâîûÇĞİÖŞÜÂÎÛ")                 # Turkish's letters beyond ASCII
_SOFT_G = set("ğĞ")
_VOWELS = set("aeıioöuüâîûAEIİOÖUÜÂÎÛ")


@dataclass(frozen=True)
class Judgement:
    """Text that reads as Turkish in cp1254: whether on enough evidence to read it so,
    and a word of it both ways (for the note)."""

    enough: bool
    example: tuple[str, str]   # (as cp1252 reads it, as cp1254 does)


def judged(sample: bytes) -> Judgement | None:
    """Whether `sample` reads as Turkish in cp1254 rather than as cp1252 (see the module
    docstring); None when it does not, or when no byte that differs stands in a word."""
    try:
        turkish = sample.decode(CODE_PAGE)
    except UnicodeDecodeError:   # a byte cp1254 leaves undefined (cp1252's `Ž`, `ž`)
        return None
    western = sample.decode("cp1252", errors="replace")
    quoted = _thorn_quoted(sample)
    at = [i for i in central.in_words(sample, {"cp1252": western, CODE_PAGE: turkish})
          if turkish[i].isalpha()   # a `°` or `²` beside a number is no language's letter
          and not (quoted and sample[i] == _THORN)]
    differ = [i for i in at if sample[i] in _DIFFERENT]
    if not differ:
        return None
    misplaced = sum(not _turkish(turkish, i) for i in at)
    if misplaced > (1 - central.FITS) * len(at):
        return None
    enough = len(differ) >= EVIDENCE and any(_not_icelandic(turkish, i) for i in differ)
    return Judgement(enough, central.example(western, turkish, differ))


def _thorn_quoted(sample: bytes) -> bool:
    """Whether most of the sample's lines open with 0xFE: a Concordance load file's `þ`,
    enclosing every field (`csv_concordance`), which cp1254 reads as `ş`, the first letter
    of no Turkish line by habit (a line opens with a capital or a number)."""
    lines = [line for line in sample.splitlines() if line]
    return 2 * sum(line[0] == _THORN for line in lines) > len(lines)


def _not_icelandic(text: str, i: int) -> bool:
    """Whether the letter at `i` (one where cp1254 and cp1252 differ) stands where
    Icelandic's letter on its byte would not: `ş` (`þ`) past a word's start, `ı` (`ý`) at
    its end."""
    if text[i] in "şŞ":
        return i > 0 and text[i - 1].isalpha()
    return text[i] == "ı" and not text[i + 1:i + 2].isalpha()


def _turkish(text: str, i: int) -> bool:
    """Whether the letter at `i` is one Turkish writes there: one of its letters, `ğ` only
    after a vowel."""
    letter = text[i]
    return letter in _LETTERS and (letter not in _SOFT_G or i > 0 and text[i - 1] in _VOWELS)


def choose(sample: bytes, decodes: Callable[[str], bool]) -> str | None:
    """cp1254 when `sample` reads as Turkish on enough evidence and the whole span the
    caller checks decodes in it (`decodes`); None for cp1252."""
    found = judged(sample)
    return CODE_PAGE if found and found.enough and decodes(CODE_PAGE) else None


def doubt(label: str, sample: bytes) -> str | None:
    """The note on a file read as cp1252 whose few letters read as Turkish in cp1254, too
    few to read it so; None when they do not."""
    found = judged(sample)
    if found is None or found.enough:
        return None
    western, turkish = found.example
    return (f"{label}: read as cp1252 (Western), but its letters fit Turkish text in "
            f"{CODE_PAGE} ('{western}' would be '{turkish}'), on too little text to decide: "
            f"if so, set options: {{encoding: {CODE_PAGE}}}")
