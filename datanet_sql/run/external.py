"""dbt-duckdb's `external` materialization: the model's rows in a file, and a view over it.

As dbt-duckdb does, the query's rows are written with DuckDB's COPY (`format: csv | parquet |
json`, `options:` passed to COPY, `delimiter:`) to `location:`, by default
`<external_root>/<model>.<format>` (`external_root:` of the profile's output, default the
project's folder), and the model's relation is a view reading that file, so its children and
its tests read what a reader of the file reads.

Unlike dbt-duckdb, a rebuild never loses the last good file: the rows go to a temporary file
beside it, which is renamed over it only once written whole; if the view, a hook or a grant
then fails, the previous file is put back (the transaction puts back the previous view). An
empty result writes no row of NULLs (dbt-duckdb's way to keep the columns of a CSV or JSON
file): the view declares the query's columns and types instead.

Written files are local: a remote location (`s3://...`) or a partitioned output (a folder of
files: `partition_by`, `per_thread_output`) cannot be swapped in by a rename, and is refused.
Other engines have no COPY to files: an external model there is refused by name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import ConfigError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.run.materialize import Outcome, query_of

FORMATS = ("csv", "parquet", "json")
# dbt-duckdb's defaults of `<format>_read_options` (the view's reader)
_READ_DEFAULTS: dict[str, dict[str, Any]] = {"csv": {"auto_detect": True},
                                             "json": {"auto_detect": True},
                                             "parquet": {"union_by_name": False}}
_READERS = {"csv": "read_csv", "json": "read_json", "parquet": "read_parquet"}
_FOLDER_OPTIONS = ("partition_by", "per_thread_output")


@dataclass(frozen=True)
class ExternalFile:
    """Where and how an external model's rows are written and read back."""

    location: Path
    format: str
    write_options: dict[str, Any]  # COPY's, `FORMAT` first
    read_options: dict[str, Any]  # the view's reader's


def external_file(node: Node, adapter: Adapter, root: str) -> ExternalFile:
    """The model's file, from its config and the target's `external_root`, as dbt-duckdb
    names it; a location datanet cannot swap atomically is refused naming the model."""
    config = node.config
    options = config.get("options") or {}
    if not isinstance(options, dict):
        raise _refused(node, "`options` must be a mapping of COPY options")
    folder = [key for key in _FOLDER_OPTIONS if options.get(key)]
    if folder:
        raise _refused(node, f"`options: {folder[0]}` writes a folder of files, which datanet "
                             "cannot replace atomically; not supported yet")
    fmt = str(config.get("format") or "")
    if fmt and fmt not in FORMATS:
        raise _refused(node, f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    location = str(config.get("location") or "")
    if not location:
        root_dir = str(adapter.config.get("external_root") or ".")
        location = f"{root_dir}/{node.relation.name}.{fmt or 'parquet'}"
    if "://" in location:
        raise _refused(node, f"location {location} is not a local file; datanet writes "
                             "external models to local files only")
    if not fmt:
        suffix = Path(location).suffix.lstrip(".").lower()
        fmt = suffix if suffix in FORMATS else "parquet"
    write = {"format": fmt, **{k: v for k, v in options.items() if k != "format"}}
    if config.get("delimiter"):
        write["delimiter"] = config["delimiter"]
    if fmt == "csv":
        write.setdefault("header", True)
    read = config.get(f"{fmt}_read_options") or _READ_DEFAULTS[fmt]
    path = Path(location)
    return ExternalFile(path if path.is_absolute() else Path(root) / path, fmt, write, dict(read))


def build_external(adapter: Adapter, node: Node, root: str,
                   wrap: Callable[[Callable[[], Outcome]], Outcome]) -> Outcome:
    """Write the rows, swap the file in, then (re)create the view; `wrap` runs the build in
    the node's hooks and transaction, whose failure puts the previous file back."""
    if adapter.dialect != "duckdb":
        raise _refused(node, f"it is materialized 'external' (dbt-duckdb's files), which "
                             f"datanet builds on DuckDB only, not on {adapter.dialect}",
                       hint="materialize it as a table on this target")
    spec = external_file(node, adapter, root)
    with swapped_file(spec.location) as swap:
        return wrap(lambda: _write_and_expose(adapter, node, spec, swap))


def _write_and_expose(adapter: Adapter, node: Node, spec: ExternalFile,
                      swap: FileSwap) -> Outcome:
    query = query_of(node, adapter)
    rows = adapter.execute(exp.Copy(this=exp.Subquery(this=query), kind=False,
                                     files=[exp.Literal.string(str(swap.temp))],
                                     params=[_param(k, v) for k, v in spec.write_options.items()]))
    swap.install()
    read = dict(spec.read_options)
    if not rows and spec.format != "parquet":  # an empty CSV or JSON file has no columns
        columns = adapter.describe_query(adapter.sql(query))
        read.update(columns={c.name: c.type for c in columns},
                    **({"header": True} if spec.format == "csv" else {}))
    _expose(adapter, node, spec, read)
    return Outcome(rows=rows, message=f"wrote {spec.location} ({spec.format}), created view")


def _expose(adapter: Adapter, node: Node, spec: ExternalFile, read: dict[str, Any]) -> None:
    """The model's relation: a view reading its file."""
    reader = exp.func(_READERS[spec.format], exp.Literal.string(str(spec.location)),
                      *[_named(k, v) for k, v in read.items()])
    assert node.relation is not None, "an external model has a relation"
    adapter.replace_view(node.relation, exp.select("*").from_(reader))


def register_upstream(adapter: Adapter, manifest: Manifest, selected: set[str],
                      root: str) -> list[str]:
    """dbt-duckdb's `register_upstream_external_models()`: the view of each external model
    that a selected node reads but this run does not build, made again over the model's
    file (a fresh or in-memory warehouse has none). A file never written is skipped, and
    named in the returned warnings: its readers then fail on the missing relation."""
    warnings: list[str] = []
    parents = {p for uid in selected if uid in manifest.nodes
               for p in manifest.nodes[uid].depends_on if p not in selected}
    for parent in sorted(parents):
        node = manifest.nodes.get(parent)
        if node is None or node.kind not in ("model", "seed") or node.materialized != "external":
            continue
        spec = external_file(node, adapter, root)
        if not spec.location.exists():
            warnings.append(f"register_upstream_external_models: external model "
                            f"'{node.name}' has no file {spec.location} yet (build it first)")
            continue
        assert node.relation is not None, "an external model has a relation"
        adapter.execute(adapter.create_schema(adapter.schema_of(node.relation)))
        _expose(adapter, node, spec, spec.read_options)
    return warnings


class FileSwap:
    """A temporary file beside `final` (same folder: the rename is atomic), and the previous
    file kept aside by a hard link until the block succeeds."""

    def __init__(self, final: Path) -> None:
        self.final = final
        # the name keeps the file's suffixes: DuckDB picks compression from them (`.csv.gz`)
        self.temp = final.with_name(f".__dn_{uuid.uuid4().hex[:12]}.{final.name}")
        self.backup: Path | None = None

    def install(self) -> None:
        """Rename the written file over the final one (readers see the old or the new)."""
        if self.final.exists():
            self.backup = self.temp.with_name(self.temp.name + ".previous")
            try:
                os.link(self.final, self.backup)
            except OSError:  # a file system without hard links
                shutil.copy2(self.final, self.backup)
        os.replace(self.temp, self.final)

    def rollback(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()
        if self.backup is not None:
            os.replace(self.backup, self.final)

    def done(self) -> None:
        if self.backup is not None:
            self.backup.unlink(missing_ok=True)


@contextlib.contextmanager
def swapped_file(final: Path) -> Iterator[FileSwap]:
    """The swap of `final`: rolled back if the block fails, its backup removed if not."""
    final.parent.mkdir(parents=True, exist_ok=True)
    swap = FileSwap(final)
    try:
        yield swap
    except BaseException:
        swap.rollback()
        raise
    swap.done()


def _param(key: str, value: Any) -> exp.CopyParameter:
    return exp.CopyParameter(this=exp.var(key.upper()), expression=_value(value))


def _named(key: str, value: Any) -> exp.Expression:
    return exp.PropertyEQ(this=exp.to_identifier(key), expression=_value(value))


def _value(value: Any) -> exp.Expression:
    """A COPY or reader option's value as SQL: a `columns` mapping as a struct of type
    names, booleans and numbers as themselves, anything else as a string."""
    if isinstance(value, dict):
        return exp.Struct(expressions=[
            exp.PropertyEQ(this=exp.Literal.string(str(k)), expression=exp.Literal.string(str(v)))
            for k, v in value.items()])
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, (int, float)):
        return exp.Literal.number(value)
    return exp.Literal.string(str(value))


def _refused(node: Node, why: str, hint: str | None = None) -> ConfigError:
    return ConfigError(f"external model '{node.name}': {why}", file=node.path, model=node.name,
                       hint=hint or "see dbt-duckdb's external materialization in README.md, "
                                    "\"dbt projects\"")
