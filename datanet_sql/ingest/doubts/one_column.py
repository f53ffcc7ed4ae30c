"""One wide text column whose every value holds another delimiter the same number of times:
records of several fields read as one (the delimiter not guessed: Ctrl-A, a backquote, a
space, or each line quoted whole)."""

from __future__ import annotations

from collections import Counter

from datanet_sql.ingest.doubts.seen import DATABASES, Seen

CANDIDATES = {",": "','", ";": "';'", "\t": "'\\t'", "|": "'|'", "`": "'`'", "\x01": "'\\x01'",
              " ": "' '", ":": "':'", "~": "'~'", "^": "'^'"}
MIN_VALUES = 5
SHARE = 0.9           # of the values holding the delimiter as often as the most do
MIN_SPACES = 3        # spaces a value needs to be records (names and phrases hold fewer)


def check(seen: Seen) -> list[str]:
    data = [n for n in seen.names if n != "_record_no"]
    texts = seen.texts()
    if len(data) != 1 or data[0] not in texts or len(texts[data[0]]) < MIN_VALUES:
        return []
    name, values = data[0], texts[data[0]]
    for char, shown in CANDIDATES.items():
        times, often = Counter(v.count(char) for v in values).most_common(1)[0]
        if times >= (MIN_SPACES if char == " " else 1) and often >= SHARE * len(values):
            fix = "split the column at the source (or in a model)" \
                if seen.fmt in DATABASES else f"pass options: {{delimiter: {shown}}}"
            return [(f"one column {name}, every value of which holds {shown} {times} time(s) "
                    f"({values[0][:60]!r}): records of {times + 1} fields read as one; "
                    f"{fix}")]
    return []
