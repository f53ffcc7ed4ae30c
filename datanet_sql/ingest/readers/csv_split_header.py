"""A header written on two lines: a question's name over several columns, its answers'
names on the line under it.

SurveyMonkey's CSV export heads a question with several answer columns (a multiple choice,
a matrix, an "Other (please specify)") by its text over the first column only, blank over
the others, and writes each column's answer option on the second line (`Response`,
`Product A`, `Open-Ended Response`), blank under the respondent's metadata columns. Read
with one header line, the blank names become `column_8`, `column_9` and the second line a
row of words, which turns every number column under it to text. It is told by the blank
names: the line under the header holds no number, a word under every column of each
question that spans several (the named column and the blank-named ones right of it), and a
blank under the first column, which is numbers below (the respondent's id); a blank-named
column without a word under it, a number on that line, or a value under the first column
(a data row: `Ann,likes tea,see file,`) leave the header one line. The columns of such a
question are named `<question> <option>`, a question of one column keeps its name, and the
line is left out as a units line is (`csv_values`), noted.
"""

from __future__ import annotations

import re

from datanet_sql.ingest.readers.csv_layout import NUMBER
from datanet_sql.ingest.readers.missing_words import MISSING_WORDS

_SHOWN = 3   # joined names a note quotes


def _spans(written: list[str]) -> list[tuple[int, int]]:
    """(first, end) of each named column with the blank-named ones right of it."""
    starts = [i for i, name in enumerate(written) if name.strip()]
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(written)])]


def second_line(written: list[str], under: list[str], numbers: list[bool]) -> bool:
    """The record `under` the header `written` is the header's second line (see the module
    docstring): a blank name right of a named one, every column of such a span a word below,
    no number and no missing-value word on the line, a blank under the first column, which
    `numbers` marks (the columns read as numbers, the line's blanks NULL)."""
    if len(under) != len(written) or not written or not written[0].strip():
        return False
    words = [f.strip() for f in under]
    if any(re.fullmatch(NUMBER, w) or w in MISSING_WORDS for w in words if w):
        return False
    wide = [(s, e) for s, e in _spans(written) if e - s > 1]
    return bool(wide) and all(words[i] for s, e in wide for i in range(s, e)) and \
        bool(numbers) and numbers[0] and not words[0]


def joined(written: list[str], under: list[str]) -> list[str]:
    """The names of the two lines: `<question> <option>` in a span of several columns, the
    name alone where it heads one column."""
    names = list(written)
    for s, e in _spans(written):
        if e - s > 1:
            names[s:e] = [f"{written[s].strip()} {under[i].strip()}" for i in range(s, e)]
    return names


def note(written: list[str], under: list[str]) -> str:
    """The note naming a few joined columns and the line left out."""
    shown = [n for n, w in zip(joined(written, under), written) if n != w or not w.strip()]
    more = f", and {len(shown) - _SHOWN} more" if len(shown) > _SHOWN else ""
    return (f"the header is written on two lines (a survey export's questions over their "
            f"answer options, as SurveyMonkey writes them): columns of a question spanning "
            f"several are named '<question> <option>' ({', '.join(map(repr, shown[:_SHOWN]))}"
            f"{more}); line 1 under the header left out")
