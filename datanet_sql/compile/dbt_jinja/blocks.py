"""dbt's block tags in macro files, turned into what plain Jinja knows.

`{% test name(...) %}` is a macro named `test_name` (as dbt stores it), `{% docs name %}`
text feeds `doc()`, and `{% materialization %}` blocks are cut out with a warning, since
datanet builds relations itself. Every newline is kept, so a line of the rewritten text is the
same line of the file (errors name the right line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TEST_OPEN = re.compile(r"\{%(-?)\s*test\s+(\w+)\s*\(")
_TEST_CLOSE = re.compile(r"\{%(-?)\s*endtest\s*(-?)%\}")
_DOCS = re.compile(r"\{%-?\s*docs\s+(\w+)\s*-?%\}(.*?)\{%-?\s*enddocs\s*-?%\}", re.DOTALL)
_MATERIALIZATION = re.compile(r"\{%-?\s*materialization\s+(\w+).*?"
                              r"\{%-?\s*endmaterialization\s*-?%\}", re.DOTALL)


@dataclass
class MacroText:
    """A macro file made plain Jinja, with what it held besides macros."""

    text: str
    docs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def plain_jinja(text: str, path: str) -> MacroText:
    """The file's text with test, docs and materialization blocks rewritten (lines kept)."""
    result = MacroText(text)
    if "{%" not in text:
        return result

    def docs(match: re.Match[str]) -> str:
        result.docs[match.group(1)] = match.group(2).strip()
        return _blank(match.group(0))

    def materialization(match: re.Match[str]) -> str:
        line = match.string.count("\n", 0, match.start()) + 1
        result.warnings.append(f"{path}:{line}: custom materializations are not supported: "
                               f"'{match.group(1)}' is ignored (datanet builds view, table, "
                               f"incremental and ephemeral itself)")
        return _blank(match.group(0))

    out = _DOCS.sub(docs, text)
    out = _MATERIALIZATION.sub(materialization, out)
    out = _TEST_OPEN.sub(lambda m: f"{{%{m.group(1)} macro test_{m.group(2)}(", out)
    result.text = _TEST_CLOSE.sub(lambda m: f"{{%{m.group(1)} endmacro {m.group(2)}%}}", out)
    return result


def _blank(block: str) -> str:
    """As many newlines as the block held: the lines after it keep their numbers."""
    return "\n" * block.count("\n")
