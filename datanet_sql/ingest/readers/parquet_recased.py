"""Parquet files of one glob that spell a column's name otherwise: one column, not two.

A folder gathered from several writers spells one column in more than one way: pandas and
Spark keep the names as written (`log_radon`), Snowflake's `COPY INTO @stage` and Oracle's
exports write every name upper-case (`LOG_RADON`), a hand-made export `Log Radon`. The
warehouse snake-cases every name, so these are one column there; read apart, each column
came twice (`log_radon_2`, `log_radon_2_2`), and DuckDB, which binds names blind to case,
filled both with the same values. So names that are equal but for case, or whose cleaned
name (`names.snake_case`) is the same, are read as one column, named as the first file
holding it names it, noted naming the files and their spellings.

One file holding two such names is refused where reading it would be wrong: two names
equal but for case (`Rate` and `rate`: DuckDB reads one of them twice and loses the
other), or two names of one cleaned name while other files spell it otherwise (which of the
two the others continue cannot be told). Two names of one cleaned name that no file spells
otherwise stay two columns, numbered as a file's repeated names are (`names.dedupe`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.names import snake_case

_SHOWN = 5   # spellings a note names for a file before `...`


def unite(schemas: dict[str, Any], notes: list[str]
          ) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """`schemas` ({file: its Arrow schema}) with each name spelled as the column is read,
    and {file: {name as read: name in the file}} for the files whose names change (none
    on the common path); `notes` told of them."""
    names = list(dict.fromkeys(n for schema in schemas.values() for n in schema.names))
    roots = _groups(names)
    shared = [root for root, count in Counter(roots.values()).items() if count > 1]
    if not shared:   # the common path: every name its own
        return schemas, {}
    apart = {root for root in shared if _kept_apart(schemas, roots, root)}
    written: dict[str, dict[str, str]] = {}
    for file, schema in schemas.items():
        renamed = {roots[n]: n for n in schema.names if roots[n] != n and roots[n] not in apart}
        if renamed:
            written[file] = renamed
    if not written:
        return schemas, {}
    united = {file: _renamed(schema, {n: roots[n] for n in schema.names
                                      if roots[n] not in apart})
              for file, schema in schemas.items()}
    spelled = "; ".join(f"{Path(f).name}: " + ", ".join(
        [f"{n} as {r}" for r, n in renamed.items()][:_SHOWN]) + (", ..." if len(
            renamed) > _SHOWN else "") for f, renamed in written.items())
    notes.append(f"column names spelled otherwise in some files (in case, or so that the "
                 f"cleaned name is the same) read as one column each, named as the first "
                 f"file holding it names it: {spelled}")
    return united, written


def _groups(names: list[str]) -> dict[str, str]:
    """{name: the first name of its group}: names equal but for case, or of one cleaned
    name, are one group, and so are the names those meet in turn."""
    order = {name: i for i, name in enumerate(names)}
    parent = {name: name for name in names}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    first: dict[tuple[str, str], str] = {}
    for name in names:
        keys = [("case", name.lower())] + ([("clean", snake_case(name))] if snake_case(name)
                                             else [])
        for key in keys:
            if key not in first:
                first[key] = name
                continue
            one, other = sorted((root(first[key]), root(name)), key=order.__getitem__)
            parent[other] = one
    return {name: root(name) for name in names}


def _kept_apart(schemas: dict[str, Any], roots: dict[str, str], root: str) -> bool:
    """Whether the group of `root` stays its names apart: some file holds two of them,
    and no file spells the group otherwise than that file; refused when two are equal but
    for case, or when another file spells the group a third way (see the module
    docstring)."""
    held = {f: [n for n in schema.names if roots[n] == root] for f, schema in schemas.items()}
    held = {f: group for f, group in held.items() if group}
    crowded = next(((f, group) for f, group in held.items() if len(group) > 1), None)
    if crowded is None:
        return False
    file, group = crowded
    lowered = [n.lower() for n in group]
    twins = [n for n in group if lowered.count(n.lower()) > 1]
    if twins:
        raise IngestError(
            f"columns {' and '.join(map(repr, twins))}: one name but for case in one file; "
            f"DuckDB reads Parquet names blind to case, so one would be read twice and the "
            f"other lost", file=file,
            hint="write the file with names that differ by more than case (rename one)")
    others = sorted({n for g in held.values() for n in g} - set(group))
    if others:
        raise IngestError(
            f"columns {' and '.join(map(repr, group))} are one column once cleaned "
            f"({snake_case(group[0])}), and other files spell it {', '.join(map(repr, others))}"
            f": which of them those continue cannot be told", file=file,
            hint="rename one of the two where the file is written, or read the files as "
                 "separate sources")
    return True


def _renamed(schema: Any, names: dict[str, str]) -> Any:
    """The Arrow schema with the fields in `names` renamed (each field's metadata kept)."""
    import pyarrow as pa

    return pa.schema([field.with_name(names.get(field.name, field.name)) for field in schema],
                     metadata=schema.metadata)
