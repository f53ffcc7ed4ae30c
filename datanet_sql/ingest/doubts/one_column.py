"""One wide text column whose every value holds another delimiter the same number of times:
records of several fields read as one (the delimiter not guessed: Ctrl-A or another control
character, a backquote, a space, or each line quoted whole); or whose every value is fields
enclosed in a quote character no reader tries (`þ1þþ2þ`, a load file's fields with nothing
between them)."""

from __future__ import annotations

from collections import Counter

from datanet_sql.ingest.doubts.seen import DATABASES, Seen

CANDIDATES = {",": "','", ";": "';'", "\t": "'\\t'", "|": "'|'", "`": "'`'", "\x01": "'\\x01'",
              " ": "' '", ":": "':'", "~": "'~'", "^": "'^'"}
MIN_VALUES = 5
SHARE = 0.9           # of the values holding the delimiter as often as the most do
MIN_SPACES = 3        # spaces a value needs to be records (names and phrases hold fewer)
MIN_QUOTED = 2        # fields a value of quoted fields holds at least
ODD_ASCII = "^~|#"      # ASCII characters an export encloses fields in; other odd quotes
# are non-ASCII (`þ`): a path's `/` or a phrase's `*` or `-` around words are text


def _control(char: str) -> bool:
    """A control character no person types (a tab and line breaks are text's own)."""
    return ord(char) < 32 and char not in "\t\r\n"


def check(seen: Seen) -> list[str]:
    data = [n for n in seen.names if n != "_record_no"]
    texts = seen.texts()
    if len(data) != 1 or data[0] not in texts or len(texts[data[0]]) < MIN_VALUES:
        return []
    name, values = data[0], texts[data[0]]
    controls = {c: f'"\\x{ord(c):02x}"' for c in sorted(set(values[0]))
                if _control(c) and c not in CANDIDATES}
    for char, shown in {**CANDIDATES, **controls}.items():
        times, often = Counter(v.count(char) for v in values).most_common(1)[0]
        if times >= (MIN_SPACES if char == " " else 1) and often >= SHARE * len(values):
            fix = "split the column at the source (or in a model)" \
                if seen.fmt in DATABASES else f"pass options: {{delimiter: {shown}}}"
            return [(f"one column {name}, every value of which holds {shown} {times} time(s) "
                    f"({values[0][:60]!r}): records of {times + 1} fields read as one; "
                    f"{fix}")]
    return _odd_quote(name, values, seen.fmt in DATABASES)


def _odd_quote(name: str, values: list[str], table: bool) -> list[str]:
    """The doubt on values that all start and end with one character (non-ASCII, as `þ`
    is, or one of `ODD_ASCII`) held an even number of times, `MIN_QUOTED` fields' worth at least: fields
    enclosed in it, read as one (`table`: a database's, split at the source)."""
    quote = values[0][:1]
    if not quote or quote.isspace() or quote.isascii() and quote not in ODD_ASCII:
        return []
    enclosed = sum(len(v) > 1 and v[0] == v[-1] == quote and v.count(quote) % 2 == 0 and
                   v.count(quote) >= 2 * MIN_QUOTED for v in values)
    if enclosed < SHARE * len(values):
        return []
    fix = "split the column at the source (or in a model)" if table else \
        f"pass options: {{quote: {quote!r}, delimiter: ...}} (the character between the fields)"
    return [(f"one column {name}, every value of which is fields enclosed in {quote!r} "
             f"({values[0][:60]!r}): a quote character no reader tried, records of several "
             f"fields read as one; {fix}")]
