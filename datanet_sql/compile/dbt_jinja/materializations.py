"""Which `{% materialization %}` block builds a model, chosen as dbt chooses it
(`Manifest.find_materialization_macro_by_name`): a block for the target's adapter wins over a
`default` one; among blocks of the same adapter, the project's wins over a package's. Two
packages offering the same block at the same rank are refused: which one dbt would take
depends on the order it read them, and a guess could build the wrong thing.
"""

from __future__ import annotations

import difflib

from datanet_sql.compile.dbt_jinja.blocks import Materialization
from datanet_sql.compile.dbt_jinja.discover import MacroPackage
from datanet_sql.config.model_config import MATERIALIZATIONS
from datanet_sql.errors import ConfigError


def is_custom(materialized: str) -> bool:
    """A model's `materialized` that no builder of datanet's own takes."""
    return materialized not in MATERIALIZATIONS


def find_materialization(packages: list[MacroPackage], name: str, adapter_type: str,
                         file: str | None = None, model: str | None = None
                         ) -> tuple[str, Materialization]:
    """(package, block) of the materialization `name` for `adapter_type`; a ConfigError
    naming what was searched (and a likely typo) when there is none, or two tie (naming the
    model's `file` and `model`)."""
    ranked: list[tuple[tuple[int, int], str, Materialization]] = []
    for package in packages:
        for block in package.materializations:
            if block.name == name and block.adapter in (adapter_type, "default"):
                rank = (block.adapter == adapter_type, package.is_root)
                ranked.append(((int(rank[0]), int(rank[1])), package.name, block))
    if not ranked:
        known = sorted({b.name for p in packages for b in p.materializations} |
                       set(MATERIALIZATIONS))
        close = difflib.get_close_matches(name, known, 1)
        raise ConfigError(f"materialized '{name}' is neither datanet's own "
                          f"({', '.join(MATERIALIZATIONS)}) nor a `{{% materialization {name}, "
                          f"adapter='{adapter_type}' %}}` or `default` block of the project or "
                          f"its packages" + (f". Did you mean '{close[0]}'?" if close else ""),
                          file=file, model=model,
                          hint="fix the model's `materialized`, or add the block to a macro "
                               "file (and `dbt deps` the package that has it)")
    ranked.sort(key=lambda found: found[0], reverse=True)
    best = [found for found in ranked if found[0] == ranked[0][0]]
    if len(best) > 1:
        where = ", ".join(f"{b.file}:{b.line} ({package})" for _, package, b in best)
        raise ConfigError(f"materialization '{name}' for {adapter_type} is defined more than "
                          f"once at the same rank: {where}", file=file, model=model,
                          hint="keep one, or copy the one to use into the project's own "
                               "macros (the project's block wins over packages')")
    _, package, block = ranked[0]
    return package, block
