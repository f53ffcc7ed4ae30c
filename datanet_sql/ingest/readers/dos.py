"""Whether text that is not UTF-8 was written by a DOS program in code page 850 (DOS Latin-1,
the OEM code page of Western Europe's consoles, which older accounting, point-of-sale and
batch programs still write), not by Windows in cp1252.

The two place Western letters on different bytes: cp850's `é` is `0x82`, cp1252's low quote
`‚`; its `É` (`0x90`) is a byte cp1252 leaves undefined, so `Départ` reads as `D‚part` and
`Étape` does not decode at all. Read as cp1252, DOS text is symbols and holes inside words;
read as cp850 it is letters of one Western language, cased as words are. Both must hold: a
Windows file read as cp850 is letters too, but in the wrong case inside words (`Café` as
`CafÚ`) and of no one language. cp850 is chosen over cp437 (the American DOS page), which
agrees with it on the accented small letters and lacks the capitals `Á`, `Â`, `À`, `Ê`.
"""

from __future__ import annotations

from datanet_sql.ingest.readers import central

CODE_PAGE = "cp850"
EVIDENCE = 3   # letters in words the judgement needs


def reading(sample: bytes) -> str | None:
    """`sample` (bytes that are not all ASCII) read as cp850, when its bytes say so on
    enough evidence (see the module docstring), else None. Whether its words are cased as
    words is `legacy`'s to judge, as for every single-byte code page."""
    found = _judged(sample)
    return found[0] if found and found[1] >= EVIDENCE else None


def doubt(label: str, sample: bytes) -> str | None:
    """The note on a file read as cp1252 whose few letters in words read as DOS text
    (`Niccol•` as `Niccolò`), too few to read it so; None when it does not."""
    found = _judged(sample)
    if found is None or found[1] >= EVIDENCE:
        return None
    text, _, first = found
    western, dos = central.example(sample.decode("cp1252", errors="replace"), text, [first])
    return (f"{label}: read as cp1252 (Western), but its few letters beyond ASCII read as a "
            f"DOS program's code page 850 ('{western}' would be '{dos}'), too few to "
            f"decide: if so, set options: {{encoding: {CODE_PAGE}}}")


def _judged(sample: bytes) -> tuple[str, int, int] | None:
    """(`sample` in cp850, how many letters in words there are, where the first is) when
    most of its bytes beyond ASCII inside words are symbols or holes in cp1252 and letters
    in cp850, nearly all of one Western language's alphabet; else None."""
    dos = sample.decode(CODE_PAGE)
    windows = sample.decode("cp1252", errors="replace")
    at = central.in_words(sample, {CODE_PAGE: dos, "cp1252": windows})
    if not at:
        return None
    odd = sum(dos[i].isalpha() and not windows[i].isalpha() for i in at)
    if 2 * odd < len(at) or central.misses(dos, at, central.WESTERN) > (1 - central.FITS) * \
            len(at):
        return None
    return dos, len(at), at[0]
