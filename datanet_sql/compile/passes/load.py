"""load: the Project's files -> nodes (sources, seeds, models, singular tests, snapshots).

Config precedence is dbt's: datanet.yml folder config < the model's YAML entry < the
`{{ config() }}` call in the file (applied by the render pass).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.python_refs import python_model_config, python_model_parents
from datanet_sql.compile.versions import ModelVersion, deprecation_warning, expand, latest_version
from datanet_sql.config.duckdb_sources import external_location
from datanet_sql.config.model_config import CONFIG_KEYS, MAPPING_KEYS, config_key
from datanet_sql.config.project import Located, ProjectFile
from datanet_sql.config.snapshot_config import SNAPSHOT_KEYS
from datanet_sql.config.specs import LoadSpec
from datanet_sql.errors import ConfigError, UnsupportedSqlError
from datanet_sql.fs.rel_paths import path_parts, path_stem
from datanet_sql.ingest.files import detect_format, source_options
from datanet_sql.project.fqn import in_resource_folder
from datanet_sql.project.hooks import HOOK_KEYS, as_list
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import MISSING_FAILS_READERS, READER, Column, Node
from datanet_sql.project.packages import PACKAGES_DIR

# keys of a model's YAML entry that are config, not documentation
_SPEC_CONFIG = ("materialized", "tags", "unique_key", "incremental_strategy", "schema_", "alias",
                "on_schema_change", "max_reject_rate", "access", "group")


def load(manifest: Manifest, ctx: CompileContext) -> Manifest:
    project = ctx.project
    manifest.warnings.extend(project.warnings)
    manifest.resources = list(project.resources)
    for table in project.source_tables:
        _add(manifest, _source_node(table, ctx))
        manifest.warnings += _unread_view_options(table) + _unread_database_options(table)
    yaml_by_name = specs_by_name(project.yaml_models, "model")
    manifest.warnings += [warning for located in yaml_by_name.values() if not located.spec.versions
                          and (warning := deprecation_warning(located.spec, located.spec.name,
                                                              located.path, located.line))]
    versions = _versions(yaml_by_name, manifest, {f.stem for f in project.sql_models})
    for seed in project.seeds:
        _add(manifest, _seed_node(seed, ctx))
    for file in project.sql_models:
        if file.stem in versions:
            located, version = versions.pop(file.stem)
            _add(manifest, _version_node(file, located, version, ctx))
            continue
        spec = yaml_by_name.pop(file.stem, None)
        if spec is not None and spec.spec.from_ is not None:
            raise ConfigError(f"model '{file.stem}' is defined twice: as {file.path} and as a "
                              f"declarative model", file=spec.path, line=spec.line,
                              hint="rename one of them or drop the `from:` key")
        _add(manifest, model_node(file, spec, ctx))
    for file in project.python_models:
        _add(manifest, _python_node(file, yaml_by_name.pop(file.stem, None), ctx))
    for located, version in versions.values():
        raise ConfigError(f"model '{located.spec.name}' version {version.version} has no file "
                          f"{version.file_stem}.sql", file=located.path, line=located.line,
                          model=located.spec.name,
                          hint=f"add models/{version.file_stem}.sql or set `defined_in:`")
    for name, located in yaml_by_name.items():
        if located.spec.from_ is None:
            manifest.warnings.append(_described_only(manifest, name, located))
            continue
        _add(manifest, _declarative_node(located, ctx))
    for file in project.singular_tests:
        node = Node(f"test.{file.stem}", file.stem, "test", file.path, raw_text=file.text,
                    checksum=file.checksum, test={"name": "singular", "severity": "error"},
                    package=package_name_at(ctx, file.path))
        node.config = {"severity": "error", **tests_folder_config(ctx, file.path)}
        _add(manifest, node)
    described = {spec.spec.get("name"): spec for spec in project.analysis_specs
                 if isinstance(spec.spec, dict)}
    for file in project.analyses:
        _add(manifest, _analysis_node(file, described.get(file.stem), ctx))
    from datanet_sql.compile.snapshots import snapshot_nodes  # it reads this module's helpers

    snapshots, warnings = snapshot_nodes(ctx)
    manifest.warnings += warnings
    for node in snapshots:
        _add(manifest, node)
    return manifest


def _described_only(manifest: Manifest, name: str, located: Located) -> str:
    """The warning for a `models:` entry with no model file. One naming a seed (dbt 0.x
    projects described seeds there) gives the seed its tests, as dbt's tests, which select
    from `ref(name)`, run on it; its description is ignored, as dbt ignores the patch."""
    where = f"{located.path}:{located.line}: model '{name}' is described"
    seed = manifest.nodes.get(f"seed.{name}")
    if seed is None or seed.spec is not None:
        return f"{where} but there is no models/**/{name}.sql; ignored"
    seed.spec, seed.column_specs = located.spec, list(located.spec.columns)
    seed.spec_path, seed.spec_line = located.path, located.line
    return (f"{where} under `models:` but is a seed: its tests run on the seed, as in dbt "
            f"(describe it under `seeds:`)")


def _add(manifest: Manifest, node: Node) -> None:
    if node.config.get("enabled") is False:  # dbt's `enabled: false`: as if not written
        return
    existing = manifest.nodes.get(node.unique_id)
    if existing is not None:
        raise ConfigError(f"{node.kind} '{node.name}' is defined twice (also in {existing.path})",
                          file=node.path, line=node.line, hint="names must be unique per kind")
    manifest.add(node)


def _versions(yaml_by_name: dict[str, Located], manifest: Manifest,
              stems: set[str]) -> dict[str, tuple[Located, ModelVersion]]:
    """The versions of each versioned model by the stem of their file (the model's entry is
    taken out of `yaml_by_name`). As in dbt, the latest version may live in the file named
    after the model itself (`m.sql`) when its own file (`m_v2.sql`, or `defined_in`) is absent."""
    found: dict[str, tuple[Located, ModelVersion]] = {}
    for name in [n for n, located in yaml_by_name.items() if located.spec.versions]:
        located = yaml_by_name.pop(name)
        latest = latest_version(located.spec)
        for version in expand(located.spec, file=located.path, line=located.line):
            if version.version == latest and version.file_stem not in stems and name in stems:
                version = replace(version, file_stem=name)
            found[version.file_stem] = (located, version)
            warning = deprecation_warning(version.spec, version.node_name, located.path,
                                          located.line)
            if warning:
                manifest.warnings.append(warning)
    return found


def specs_by_name(specs: list[Located], kind: str) -> dict[str, Located]:
    """YAML entries (models, snapshots) by name; a name described twice is an error at both."""
    result: dict[str, Located] = {}
    for located in specs:
        name = located.spec.name
        if name in result and _in_package(result[name]) != _in_package(located):
            # dbt: the project's description of a package's model wins over the package's
            result[name] = result[name] if _in_package(located) else located
            continue
        if name in result:
            raise ConfigError(f"{kind} '{name}' is described twice (also {result[name].path}:"
                              f"{result[name].line})", file=located.path, line=located.line)
        result[name] = located
    return result


def _in_package(located: Located) -> bool:
    return path_parts(located.path)[:1] == (PACKAGES_DIR,)


def folder_config(tree: dict[str, Any], project_name: str, path: str,
                  roots: tuple[str, ...] = ()) -> dict[str, Any]:
    """dbt-style folder config from datanet.yml: `models: {shop: {staging: {+materialized: view}}}`,
    matched from inside the resource path holding `path` (one of `roots`), as dbt's fqn."""
    config: dict[str, Any] = {}
    # folders below models/ (or `jaffle_shop/models/`), then the file
    parts = (*path_parts(in_resource_folder(path, roots))[:-1], path_stem(path))
    level: dict[str, Any] | None = tree
    _merge_level(config, level)
    if isinstance(level, dict) and isinstance(level.get(project_name), dict):
        level = level[project_name]
        _merge_level(config, level)
    for part in parts:
        if not isinstance(level, dict) or not isinstance(level.get(part), dict):
            break
        level = level[part]
        _merge_level(config, level)
    return config


def _merge_level(config: dict[str, Any], level: dict[str, Any] | None) -> None:
    for key, value in (level or {}).items():
        bare = config_key(key)
        if key.startswith("+") or bare in MAPPING_KEYS or \
                (bare in CONFIG_KEYS | SNAPSHOT_KEYS and not isinstance(value, dict)):
            merge_config(config, {bare: value})


def tests_folder_config(ctx: CompileContext, path: str) -> dict[str, Any]:
    """Folder config of `tests:` and `data_tests:` for a file at `path` (a YAML file declaring
    generic tests, or a singular test's .sql)."""
    return merge_config(kind_folder_config(ctx, "tests", path),
                        kind_folder_config(ctx, "data_tests", path))


def kind_folder_config(ctx: CompileContext, section: str, path: str) -> dict[str, Any]:
    """Folder config of `section` (`models`, `seeds`, `snapshots`, `tests`, `data_tests`) for
    the file at `path`: the project's; for an installed package's file, the package's own
    dbt_project.yml's, then the project's for that package (`seeds: {pkg: {+enabled:
    false}}`), which wins, as in dbt."""
    tree = getattr(ctx.project.spec, section)
    package = ctx.project.package_at(path)
    roots = ctx.project.resource_roots(package)
    if package is None:
        return folder_config(tree, ctx.project.name, path, roots)
    inner = package.inner(path) or path
    own = package.models if section == "models" else package.sections.get(section, {})
    return merge_config(folder_config(own, package.name, inner, roots),
                        folder_config(tree, package.name, inner, roots))


def package_name_at(ctx: CompileContext, path: str) -> str | None:
    """The installed package a file is of (None: the project's own)."""
    package = ctx.project.package_at(path)
    return package.name if package else None


_UPDATED = ("meta", "quoting", "column_types", "docs", "contract")  # dbt's MergeBehavior.Update


def merge_config(config: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`config.update(extra)`, except that tags and hooks add up and `meta` (and dbt's other
    mappings merged key by key: quoting, column_types, docs, contract) is updated (as in
    dbt: folder + YAML + config(), in that order)."""
    for key, value in extra.items():
        if key in _UPDATED and isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}
        elif config_key(key) in HOOK_KEYS:
            config[config_key(key)] = as_list(config.get(config_key(key))) + as_list(value)
        elif key == "tags" and config.get("tags"):
            old = [config["tags"]] if isinstance(config["tags"], str) else list(config["tags"])
            new = [value] if isinstance(value, str) else list(value or [])
            config["tags"] = list(dict.fromkeys(old + new))
        else:
            config[key] = value
    return config


def spec_config(spec: Any) -> dict[str, Any]:
    """Config keys written on a model's YAML entry (directly or under `config:`)."""
    config = {k.lstrip("+"): v for k, v in (spec.config or {}).items()}
    for key in _SPEC_CONFIG:
        value = getattr(spec, key, None)
        if value not in (None, []):
            config[key.rstrip("_")] = value
    return config


def _relation(ctx: CompileContext, name: str, config: dict[str, Any]) -> Relation:
    return Relation(str(config.get("alias") or name), str(config.get("schema") or ctx.schema))


def model_node(file: ProjectFile, spec: Located | None, ctx: CompileContext) -> Node:
    config = merge_config({"materialized": "view"},
                          kind_folder_config(ctx, "models", file.path))
    node = Node(f"model.{file.stem}", file.stem, "model", file.path, raw_text=file.text,
                checksum=file.checksum, package=package_name_at(ctx, file.path))
    if spec is not None:
        merge_config(config, spec_config(spec.spec))
        node.description = spec.spec.description
        node.column_specs = list(spec.spec.columns)
        node.spec = spec.spec
        node.spec_path, node.spec_line = spec.path, spec.line
    node.config = config
    # render sets it again after `config()`; set here so that a model whose render fails (or
    # that is never rendered) still has one for the tests attached to it
    node.relation = _relation(ctx, node.name, config)
    return node


def _python_node(file: ProjectFile, spec: Located | None, ctx: CompileContext) -> Node:
    """A dbt Python model (`def model(dbt, session)`). On DuckDB it runs in-process when it
    is built, as dbt-duckdb runs it (run/python_model.py): a table or incremental model whose
    columns are known once built, so it is held over to run time like a model whose Jinja
    asks the warehouse. Elsewhere it is refused by name; only its readers are skipped."""
    node = model_node(ProjectFile(file.path, ""), spec, ctx)
    node.raw_text, node.checksum = file.text, file.checksum
    node.depends_on = python_model_parents(file.text)
    written = spec_config(spec.spec) if spec is not None else {}
    # dbt: a table unless its YAML says otherwise (folder config does not count), then the
    # code's own `dbt.config()`
    merge_config(node.config, {"materialized": written.get("materialized", "table"),
                               **python_model_config(file.text)})
    node.relation = _relation(ctx, node.name, node.config)
    if ctx.target["type"] != "duckdb":
        node.error = UnsupportedSqlError(
            f"Python models run on DuckDB targets only; target '{ctx.target['name']}' is "
            f"{ctx.target['type']}", file=file.path, model=file.stem,
            hint="build it on a DuckDB target, rewrite it as a SQL model, or build its table "
                 "elsewhere and declare it as a source").render()
    elif node.materialized not in ("table", "incremental"):
        node.error = ConfigError(
            f"Python model '{file.stem}' is materialized '{node.materialized}': a Python "
            f"model builds a table or an incremental table", file=file.path,
            model=file.stem, hint="set dbt.config(materialized='table')").render()
    node.held_over = "a Python model: its columns are known once it is built"
    return node


def _analysis_node(file: ProjectFile, spec: Located | None, ctx: CompileContext) -> Node:
    """A dbt analysis: a query rendered (its refs and sources resolved) into the compiled
    output and listed, never run; its `analyses:` YAML entry gives its description and
    config."""
    node = Node(f"analysis.{file.stem}", file.stem, "analysis", file.path, raw_text=file.text,
                checksum=file.checksum, package=package_name_at(ctx, file.path))
    node.config = kind_folder_config(ctx, "analyses", file.path)
    if spec is not None:
        merge_config(node.config, dict(spec.spec.get("config") or {}))
        node.description = spec.spec.get("description")
        node.spec_path, node.spec_line = spec.path, spec.line
    return node


def _version_node(file: ProjectFile, located: Located, version: ModelVersion,
                  ctx: CompileContext) -> Node:
    """One version of a versioned model: a model named `<model>_v<version>`."""
    model = model_node(file, Located(version.spec, located.path, located.line), ctx)
    model.unique_id, model.name = f"model.{version.node_name}", version.node_name
    merge_config(model.config, version.config)
    model.relation = _relation(ctx, model.name, model.config)
    model.version = version.version
    model.latest_version = latest_version(located.spec)
    return model


def _declarative_node(located: Located, ctx: CompileContext) -> Node:
    spec = located.spec
    config = merge_config({"materialized": "view", **folder_config(
        ctx.project.spec.models, ctx.project.name, located.path,
        ctx.project.resource_roots())}, spec_config(spec))
    from datanet_sql.compile.cache import digest

    node = Node(f"model.{spec.name}", spec.name, "model", located.path, located.line,
                config=config, description=spec.description, spec=spec,
                column_specs=list(spec.columns),
                checksum=digest(spec.model_dump(mode="json", by_alias=True)))
    node.relation = _relation(ctx, spec.name, config)
    return node


def _seed_node(file: ProjectFile, ctx: CompileContext) -> Node:
    name = path_stem(file.path)
    config = kind_folder_config(ctx, "seeds", file.path)
    spec = next((s for s in ctx.project.seed_specs if s.spec.name == name), None)
    node = Node(f"seed.{name}", name, "seed", file.path, config=config,
                package=package_name_at(ctx, file.path))
    if spec is not None:
        merge_config(node.config, {k.lstrip("+"): v for k, v in spec.spec.config.items()})
        node.description = spec.spec.description
        node.column_specs = list(spec.spec.columns)
        node.spec = spec.spec
        node.spec_path, node.spec_line = spec.path, spec.line
    node.config["materialized"] = "seed"
    node.relation = _relation(ctx, name, node.config)
    node.checksum = _seed_checksum(ctx.project.root / file.path)
    return node


_WORKBOOK = (".xlsx", ".xlsm")  # Excel files, which only datanet's reader reads (openpyxl)
_BIG_SEED = 1024 * 1024  # dbt hashes a seed's text up to 1 MiB, and names a bigger one by path


def _seed_checksum(path: Path) -> str:
    """dbt's checksum of a seed: the sha256 of its text stripped ('' for a seed over 1 MiB,
    which dbt's manifest names by its path); read again only when the file changes."""
    stat = path.stat()
    return "" if stat.st_size > _BIG_SEED else _text_sha256(str(path), stat.st_mtime_ns,
                                                            stat.st_size)


@functools.lru_cache(maxsize=1024)
def _text_sha256(path: str, mtime_ns: int, size: int) -> str:
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    return hashlib.sha256(text.strip().encode()).hexdigest()


def source_relation(source: Any, table: Any, default_schema: str, shared: bool) -> Relation:
    """Where a source table lives: its `table:` relation, or where a file source is exposed.

    File sources are exposed as `<source>.<table>` in DuckDB's project-local file; in a shared
    warehouse (`shared`: Postgres, Spark, ...) they are loaded into `<schema>_<source>` so two
    projects (or two targets) never overwrite each other's raw data.
    """
    if table.table:
        parts = table.table.split(".")
        return Relation(parts[-1], parts[-2] if len(parts) > 1 else source.schema_ or default_schema)
    schema = source.schema_ or (f"{default_schema}_{source.name}" if shared else source.name)
    return Relation(table.identifier or table.name, schema)


def _unread_view_options(located: Any) -> list[str]:
    """The warning for `options:` on a Parquet or JSON file read in place (no `load:`): the
    view reads it with DuckDB's defaults, so options only the loader's readers take (encoding,
    nested, max_object_size, ...) would otherwise be dropped without a word."""
    table = located.table
    if table.load is not None or not table.options or not table.path:
        return []
    try:
        format = detect_format(table.path, table.format)
    except ConfigError:
        return []   # the source node itself says what is wrong with the path
    if format not in ("json", "parquet"):
        return []   # CSV views take the portable options (and refuse unknown ones)
    keys = ", ".join(sorted(table.options))
    return [f"{located.path}:{located.line}: source table "
            f"'{located.source.name}.{table.name}': options ({keys}) have no effect on a "
            f"{format} file read in place; add `load:` to ingest it with them"]


# the options a database source's reader takes: SQLite text in a legacy encoding is decoded
# with `encoding` (see ingest/readers/sqlite_text.py); a Postgres table comes typed
_DATABASE_OPTIONS = {"sqlite": ("encoding",), "postgres": ()}


def _unread_database_options(located: Any) -> list[str]:
    """The warning for `options:` a database table's reader does not take (a CSV's
    `delimiter` left on a source moved to SQLite): dropped without a word otherwise."""
    table = located.table
    if not table.source_table or not table.options:
        return []
    kind = "postgres" if table.dsn and not table.path else "sqlite"
    unread = sorted(k for k in table.options if k not in _DATABASE_OPTIONS[kind])
    if not unread:
        return []
    taken = ", ".join(_DATABASE_OPTIONS[kind]) or "none"
    warning = (f"{located.path}:{located.line}: source table "
               f"'{located.source.name}.{table.name}': options ({', '.join(unread)}) have no "
               f"effect on a {kind} table (the options it takes: {taken})")
    return [warning]


def _source_node(located: Any, ctx: CompileContext) -> Node:
    source, table = located.source, located.table
    uid = f"source.{source.name}.{table.name}"
    reader = None
    if not table.path and not table.table:  # dbt-duckdb's file sources
        location = external_location(source, table, located.path, located.line)
        if location is not None and location.path:
            table = table.model_copy(update={"path": location.path})
        elif location is not None:
            reader = _reader(location.call, located, ctx)
    if table.path and table.table:
        raise ConfigError(f"source table '{source.name}.{table.name}' has both `path:` and "
                          f"`table:`", file=located.path, line=located.line,
                          hint="a source is either a file (path) or a relation (table)")
    if table.load is None and _workbook(table):
        table = table.model_copy(update={"load": LoadSpec()})
        located = replace(located, table=table)
    relation = source_relation(source, table, ctx.schema, ctx.target["type"] != "duckdb")
    config: dict[str, Any] = {"tags": list(source.tags) + list(table.tags)}
    for key in ("on_schema_change", "on_source_outage"):
        config[key] = getattr(table, key) or getattr(source, key) or getattr(ctx.project.spec, key)
    for key in ("freshness", "loaded_at_field"):  # the table's own (even null) wins
        config[key] = _table_or_source(key, source, table)
    if (table.dsn or table.source_table) and table.load is None:
        raise ConfigError(f"source table '{source.name}.{table.name}' reads a database "
                          f"(`dsn:`/`source_table:`) but has no `load:`", file=located.path,
                          line=located.line, hint="add `load: {mode: replace}` (or merge, "
                                                  "append): database tables are loaded, not viewed")
    if table.load is not None:
        config["load"] = _load_config(located)
    elif reader:
        config[READER] = reader
    elif table.path:
        config["path"] = table.path
        try:
            config["format"] = detect_format(table.path, table.format)
        except ConfigError as err:
            raise ConfigError(f"source table '{source.name}.{table.name}': {err.message}",
                              file=located.path, line=located.line, hint=err.hint) from None
        config["options"] = source_options(table.path, table.format, table.options)
    if ctx.project.dbt_mode:  # dbt never checks a source: a missing table fails its readers
        config[MISSING_FAILS_READERS] = True
    config["profiling"] = _profiling(ctx.project.spec.profiling.min_category_count,
                                     [source.profiling, table.profiling], table.columns)
    node = Node(uid, f"{source.name}.{table.name}", "source", located.path, located.line,
                relation=relation, config=config, description=table.description, spec=table,
                source_spec=source, column_specs=list(table.columns),
                package=package_name_at(ctx, located.path))
    node.columns = {c.name: Column(c.name, c.data_type or c.type, c.description,
                                   semantic=c.semantic) for c in table.columns}
    return node


def _workbook(table: Any) -> bool:
    """Whether a source table's file is an Excel workbook: no warehouse can read one in
    place, so without `load:` it is loaded as `load: {mode: replace}` (each run reloads it
    when its content changed), as a view over it would always show its current content."""
    if not table.path:
        return False
    suffix = Path(table.path.rstrip("*")).suffix.lower()
    return (table.format or "").lower() == "xlsx" or (not table.format and suffix in _WORKBOOK)


def _reader(call: exp.Table, located: Any, ctx: CompileContext) -> str:
    """dbt-duckdb's table function call of a source (`read_csv(...)`), as DuckDB's SQL: only
    a DuckDB target reads it."""
    if ctx.target["type"] != "duckdb":
        raise ConfigError(f"source table '{located.source.name}.{located.table.name}': its "
                          f"external_location is a DuckDB table function call "
                          f"({call.sql('duckdb')}), which the {ctx.target['type']} target "
                          "cannot read", file=located.path, line=located.line,
                          hint="run on a DuckDB target, or give the file's path as "
                               "external_location (datanet loads files on every engine)")
    return call.sql("duckdb")


def _table_or_source(key: str, source: Any, table: Any) -> Any:
    """A source table's `key` (top level or under `config:`), else its source's; a table
    that sets it to null opts out, as in dbt."""
    for level in (table, source):
        if key in level.config:
            return level.config[key]
        if key in level.model_fields_set:
            return getattr(level, key)
    return None


def _load_config(located: Any) -> dict[str, Any]:
    """What `datanet ingest` needs of a table with `load:`, as plain data for the manifest:
    such a table is loaded into the warehouse instead of exposed as a view over its files."""
    source, table = located.source, located.table
    name = f"{source.name}.{table.name}"
    if bool(table.path) == bool(table.dsn):
        raise ConfigError(f"source table '{name}' has `load:` and needs exactly one of `path:` "
                          f"(a file or glob) and `dsn:` (a database)", file=located.path,
                          line=located.line, hint="add `path: landing/*.csv` or `dsn: ...`")
    if table.dsn and not table.source_table:
        raise ConfigError(f"source table '{name}' reads a database but names no table",
                          file=located.path, line=located.line,
                          hint="add `source_table:` (the table inside the database)")
    path, dsn = _database_file(located) or (table.path, table.dsn)
    if table.load.mode == "incremental_files" and not path:
        raise ConfigError(f"source table '{name}': load mode incremental_files needs `path:`",
                          file=located.path, line=located.line,
                          hint="use merge or append for a database table")
    if "same_content" in table.load.model_fields_set and not path:
        raise ConfigError(f"source table '{name}': `same_content` is about files with the same "
                          f"bytes, and a database table has none",
                          file=located.path, line=located.line,
                          hint="remove `same_content` (it applies to `path:` sources)")
    return {"mode": table.load.mode, "primary_key": list(table.load.primary_key),
            "same_content": table.load.same_content,
            "cursor": table.load.cursor, "path": path, "dsn": dsn,
            "format": "sqlite" if dsn and table.path else
                      table.format or ("postgres" if dsn else None),
            "source_table": table.source_table, "options": dict(table.options),
            "on_bad_row": table.on_bad_row,
            "columns": {c.name: c.data_type or c.type for c in table.columns
                        if c.data_type or c.type}}


def _database_file(located: Any) -> tuple[None, str] | None:
    """A SQLite file given by `path:` with `source_table:` (as `dsn:` gives it too) is a
    database, not a file to read: (no path, the file as its dsn). None for anything else;
    `source_table:` with a file of another format is refused, as it names nothing there."""
    table = located.table
    if not (table.path and table.source_table):
        return None
    from datanet_sql.errors import IngestError
    from datanet_sql.ingest.reading import source_format  # here: only such a table needs it

    try:
        fmt = source_format(Path(table.path), table.format)
    except IngestError:
        fmt = None
    if fmt != "sqlite":
        raise ConfigError(f"source table '{located.source.name}.{table.name}' names "
                          f"`source_table: {table.source_table}`, but its path "
                          f"{table.path} is not a SQLite database", file=located.path,
                          line=located.line, hint="remove `source_table:` (it names a table "
                          "inside a database), or set `format: sqlite`")
    return None, table.path


def _profiling(project_k: int, levels: list[Any], columns: list[Any]) -> dict[str, Any]:
    """The effective `profiling:` of a source table as plain data for the manifest.

    `levels` are the source's and the table's `profiling:` specs (None when absent), the table's
    winning; `columns` the table's column specs, each with its own optional `profiling:`.
    """
    k, public = project_k, False
    for level in levels:
        if level is not None:
            k = level.min_category_count or k
            public = level.public if level.public is not None else public
    per_column: dict[str, dict[str, Any]] = {}
    for column in columns:
        spec = getattr(column, "profiling", None)
        if spec is not None:
            per_column[column.name] = {key: value for key, value in
                                       (("k", spec.min_category_count), ("public", spec.public))
                                       if value is not None}
    return {"k": k, "public": public, "columns": per_column}
