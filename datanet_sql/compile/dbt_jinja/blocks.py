"""dbt's block tags in macro files, turned into what plain Jinja knows.

`{% test name(...) %}` is a macro named `test_name` (as dbt stores it), `{% docs name %}`
text feeds `doc()`, and `{% materialization name, adapter='duckdb' %}` is the macro
`materialization_name_duckdb` (`default`: `materialization_name_default`), as dbt's
MaterializationExtension names it; the runner calls it for the models that name it
(`run/custom_materialization.py`). A block redefining one of datanet's own materializations
(table, view, incremental, ...) is cut out with a warning: datanet's keep their swap-in and
never-lose-data guarantees. Every newline is kept, so a line of the rewritten text is the
same line of the file (errors name the right line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TEST_OPEN = re.compile(r"\{%(-?)\s*test\s+(\w+)\s*\(")
_TEST_CLOSE = re.compile(r"\{%(-?)\s*endtest\s*(-?)%\}")
_DOCS = re.compile(r"\{%-?\s*docs\s+(\w+)\s*-?%\}(.*?)\{%-?\s*enddocs\s*-?%\}", re.DOTALL)
_MATERIALIZATION = re.compile(r"\{%(-?)\s*materialization\s+(\w+)\s*(.*?)(-?)%\}(.*?)"
                              r"\{%(-?)\s*endmaterialization\s*(-?)%\}", re.DOTALL)
_ADAPTER = re.compile(r"""^adapter\s*=\s*['"](\w+)['"]$""")
_LANGUAGES = re.compile(r",\s*supported_languages\s*=\s*\[[^\]]*\]")
# the materializations datanet builds itself: a block of one of these names is not run
BUILT_IN = ("view", "table", "incremental", "ephemeral", "seed", "snapshot", "test",
            "unit", "external")


@dataclass(frozen=True)
class Materialization:
    """One `{% materialization %}` block: its name, adapter (`default`), file and line."""

    name: str
    adapter: str
    file: str
    line: int

    @property
    def macro(self) -> str:
        """dbt's name of the block's macro (`get_materialization_macro_name`)."""
        return f"materialization_{self.name}_{self.adapter}"


@dataclass
class MacroText:
    """A macro file made plain Jinja, with what it held besides macros."""

    text: str
    docs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    materializations: list[Materialization] = field(default_factory=list)


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
        name, adapter = match.group(2), _adapter_of(match.group(3))
        if name in BUILT_IN:
            result.warnings.append(f"{path}:{line}: materialization '{name}' is datanet's own: "
                                   f"this block is not run (datanet's {name} keeps its "
                                   f"swap-in and never-lose-data guarantees)")
            return _blank(match.group(0))
        if adapter is None:
            result.warnings.append(f"{path}:{line}: materialization '{name}': its arguments "
                                   f"`{match.group(3).strip()}` are not dbt's (`default`, "
                                   f"`adapter='...'`, `supported_languages=[...]`): the block "
                                   f"is not run")
            return _blank(match.group(0))
        found = Materialization(name, adapter, path, line)
        result.materializations.append(found)
        return (f"{{%{match.group(1)} macro {found.macro}() {match.group(4)}%}}{match.group(5)}"
                f"{{%{match.group(6)} endmacro {match.group(7)}%}}")

    out = _DOCS.sub(docs, text)
    out = _MATERIALIZATION.sub(materialization, out)
    out = _TEST_OPEN.sub(lambda m: f"{{%{m.group(1)} macro test_{m.group(2)}(", out)
    result.text = _TEST_CLOSE.sub(lambda m: f"{{%{m.group(1)} endmacro {m.group(2)}%}}", out)
    return result


def _adapter_of(arguments: str) -> str | None:
    """The adapter of a block's arguments (`, default`, `, adapter='duckdb'`), None when one
    argument is not dbt's."""
    text = _LANGUAGES.sub("", arguments).strip()
    if text and not text.startswith(","):
        return None
    adapter = "default"
    for argument in (a.strip() for a in text.split(",")[1:]):
        found = _ADAPTER.match(argument)
        if found:
            adapter = found.group(1)
        elif argument != "default":
            return None
    return adapter


def _blank(block: str) -> str:
    """As many newlines as the block held: the lines after it keep their numbers."""
    return "\n" * block.count("\n")
