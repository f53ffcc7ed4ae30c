"""A dbt project read as it is: dbt_project.yml becomes the project spec, profiles.yml the
targets, so a dbt user runs `datanet build` in their project with nothing added.

Keys that change what gets built are translated; keys about dbt's own bookkeeping (log and
target paths, version pins, cloud ids) have nothing to do here and are read silently; keys
datanet accepts but does not act on yet are named in a warning, so nothing is ignored without
a word. `targets.yml` wins where it exists, and each top-level key `datanet.yml` sets
replaces the translated one (config/settings_docs.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.config.profile_files import chosen, profile_files, profile_name
from datanet_sql.config.selectors import INDIRECT_MODES
from datanet_sql.config.specs import ObserveSpec
from datanet_sql.config.validate import validate
from datanet_sql.config.yamlfile import YamlDocument, read_yaml
from datanet_sql.errors import ConfigError, did_you_mean
from datanet_sql.project.packages import uninstalled_warning

DBT_PROJECT = "dbt_project.yml"
OBSERVE_VAR = "datanet"  # vars: {datanet: {history: ..., profile_metrics: ..., calendar: ...}}

_PATHS = {"model-paths": "models", "seed-paths": "seeds", "macro-paths": "macros",
          "test-paths": "tests", "snapshot-paths": "snapshots", "analysis-paths": "analyses",
          "docs-paths": "docs"}
# dbt 0.x's names, still read by dbt 1.9 (with a deprecation) when the new one is absent
_OLD_PATHS = {"source-paths": "model-paths", "data-paths": "seed-paths"}
_SAME = ("name", "version", "profile", "config-version", "models", "seeds", "tests",
         "data_tests", "on-run-start", "on-run-end", "unit_tests", "snapshots", "analyses",
         "quoting")
_BOOKKEEPING = frozenset({"target-path", "clean-targets", "log-path", "packages-install-path",
                          "require-dbt-version", "asset-paths",
                          "flags", "dbt-cloud", "query-comment", "vars", "dispatch",
                          # config of resources datanet reads and lists (project/resources.py)
                          "semantic-models", "saved-queries", "metrics", "exposures"})
_NOT_YET = frozenset({"restrict-access", "sources"})
_QUOTED_PARTS = ("database", "schema", "identifier")
# `flags:` that tune dbt itself (logs, parsing, telemetry): nothing for datanet to do; any other
# flag but `indirect_selection` (read) changes what dbt does, and warns
_DBT_ONLY_FLAGS = frozenset({
    "send_anonymous_usage_stats", "use_colors", "use_colors_file", "partial_parse",
    "printer_width", "version_check", "static_parser", "use_experimental_parser", "write_json",
    "populate_cache", "cache_selected_only", "log_format_file", "log_level", "log_level_file",
    "quiet", "introspect", "show_resource_report"})
# flags datanet acts on as dbt does
_READ_FLAGS = frozenset({"indirect_selection", "skip_nodes_if_on_run_start_fails"})
# dbt's adapter types that datanet runs, and the dialect their SQL is written in
_ENGINES = {"duckdb": "duckdb", "postgres": "postgres", "spark": "spark",
            "databricks": "spark", "snowflake": "snowflake", "bigquery": "bigquery",
            "trino": "trino", "redshift": "redshift"}


def is_dbt_project(root: Path) -> bool:
    return (root / DBT_PROJECT).exists()


def project_spec_data(root: Path, with_profile: bool = True,
                      ) -> tuple[YamlDocument, dict[str, Any], list[str]]:
    """dbt_project.yml as datanet.yml data, plus warnings naming what is not acted on yet;
    the default target and dialect come from profiles.yml `with_profile` (a project with
    datanet.yml and targets.yml beside it reads no profiles.yml)."""
    doc = read_yaml(root / DBT_PROJECT, display=DBT_PROJECT)
    if not isinstance(doc.data, dict):
        raise ConfigError("dbt_project.yml must be a mapping of settings", file=DBT_PROJECT,
                          line=1)
    raw: dict[str, Any] = doc.data
    data: dict[str, Any] = {key: raw[key] for key in _SAME if key in raw}
    raw = {**raw, **_renamed_paths(doc, raw)}
    paths = {ours: list(raw[theirs]) for theirs, ours in _PATHS.items() if theirs in raw}
    paths["sources"] = paths.get("models", ["models"])  # dbt declares sources in model YAML
    data["paths"] = paths
    if "quoting" in raw:
        data["quoting"] = _quoting(doc, raw["quoting"])
    data["vars"] = project_vars(raw.get("vars") or {}, str(raw.get("name", "")))
    data.update(_observe_settings(doc))
    warnings = [_warning(doc, key) for key in raw if key not in _PATHS and key not in _SAME
                and key not in _BOOKKEEPING and key not in _OLD_PATHS]
    warnings += [f"{DBT_PROJECT}:{doc.line_of([old]) or 1}: '{old}' is dbt's old name of "
                 f"'{new}', read as it (rename it: dbt deprecates it)"
                 for old, new in _OLD_PATHS.items() if old in raw]
    warnings += _flag_warnings(doc, raw.get("flags"))
    warnings.append(uninstalled_warning(root))
    profile = load_profile(root, profile_name(raw)) if with_profile else None
    if profile is not None:
        data["profile"] = profile.name  # `--profile` wins, as target.profile_name shows
        warnings += profile.warnings()
        data["target"] = profile.default_target
        kind = str((profile.outputs.get(profile.default_target) or {}).get("type", "duckdb"))
        data["dialect"] = _ENGINES.get(kind, "duckdb")
    return doc, data, [w for w in warnings if w]


def dispatch_order(root: Path) -> dict[str, list[str]]:
    """`dispatch:` of dbt_project.yml: per macro namespace, the packages searched in order
    (read by the macro namespaces of the render pass; {} for a datanet.yml project)."""
    if not is_dbt_project(root):
        return {}
    doc = read_yaml(root / DBT_PROJECT, display=DBT_PROJECT)
    entries = doc.data.get("dispatch") if isinstance(doc.data, dict) else None
    order: dict[str, list[str]] = {}
    for i, entry in enumerate(entries or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("search_order"), list) \
                or not entry.get("macro_namespace"):
            raise ConfigError("a `dispatch:` entry needs `macro_namespace:` and a "
                              "`search_order:` list", file=DBT_PROJECT,
                              line=doc.line_of(["dispatch", i]),
                              hint="write `- {macro_namespace: dbt_utils, search_order: "
                                   "[my_project, dbt_utils]}`")
        order[str(entry["macro_namespace"])] = [str(p) for p in entry["search_order"]]
    return order


def indirect_selection(root: Path, given: str | None) -> str:
    """Which tests a selection takes along: the command's `--indirect-selection` (or
    DBT_INDIRECT_SELECTION), else `flags: {indirect_selection: ...}` of dbt_project.yml, else
    dbt's default, eager."""
    if given is not None:
        return given or "eager"
    return str(_flag(root, "indirect_selection") or "eager")


def skip_nodes_if_on_run_start_fails(root: Path) -> bool:
    """dbt's behaviour flag: a failed on-run-start hook skips every node (dbt 1.9's default,
    false, runs them all the same)."""
    return _flag(root, "skip_nodes_if_on_run_start_fails") is True


def _flag(root: Path, name: str) -> Any:
    """A flag of dbt_project.yml's `flags:` (None in a datanet.yml project)."""
    if not is_dbt_project(root):
        return None
    flags = read_yaml(root / DBT_PROJECT, display=DBT_PROJECT).data.get("flags")
    return flags.get(name) if isinstance(flags, dict) else None


def _flag_warnings(doc: YamlDocument, flags: Any) -> list[str]:
    """`flags:` is a mapping; its `indirect_selection` one of dbt's modes; the flags datanet
    does not act on and that change what dbt does are named."""
    if flags is None:
        return []
    if not isinstance(flags, dict):
        raise ConfigError("`flags:` is a mapping of dbt's flags", file=DBT_PROJECT,
                          line=doc.line_of(["flags"]))
    mode = flags.get("indirect_selection", "eager")
    if mode not in INDIRECT_MODES:
        raise ConfigError(f"flags: indirect_selection '{mode}' is not one of "
                          f"{', '.join(INDIRECT_MODES)}", file=DBT_PROJECT,
                          line=doc.line_of(["flags", "indirect_selection"]))
    return [f"{DBT_PROJECT}:{doc.line_of(['flags', key]) or 1}: flag '{key}' has no effect in "
            f"datanet (give the command's option instead, where it has one)"
            for key in flags if key not in _DBT_ONLY_FLAGS and key not in _READ_FLAGS]


def project_vars(raw: dict[str, Any], project: str) -> dict[str, Any]:
    """dbt vars: global ones, plus those scoped to this project (`vars: {project: {...}}`);
    a package's own dbt_project.yml is read the same way."""
    scoped = raw.get(project) if isinstance(raw.get(project), dict) else {}
    return {**{k: v for k, v in raw.items() if k != project}, **scoped}


def _observe_settings(doc: YamlDocument) -> dict[str, Any]:
    """datanet's history, profile_metrics and calendar, kept in dbt_project.yml under
    `vars: {datanet: {...}}` (dbt ignores a var nobody reads), validated where they sit."""
    settings = (doc.data.get("vars") or {}).get(OBSERVE_VAR)
    if settings is None:
        return {}
    spec = validate(ObserveSpec, doc, settings, prefix=("vars", OBSERVE_VAR))
    return {name: getattr(spec, name) for name in spec.model_fields_set}


def _renamed_paths(doc: YamlDocument, raw: dict[str, Any]) -> dict[str, Any]:
    """`source-paths` / `data-paths` as `model-paths` / `seed-paths`; both names of one
    setting is an error, as in dbt."""
    renamed = {}
    for old, new in _OLD_PATHS.items():
        if old in raw and new in raw:
            raise ConfigError(f"'{old}' and '{new}' cannot both be defined: '{old}' is dbt's "
                              f"old name of '{new}'", file=DBT_PROJECT,
                              line=doc.line_of([old]), hint=f"keep only '{new}'")
        if old in raw:
            renamed[new] = raw[old]
    return renamed


def _quoting(doc: YamlDocument, quoting: Any) -> dict[str, bool]:
    """`quoting: {database: bool, schema: bool, identifier: bool}`, checked here: a misspelt
    part or a value that is not a boolean would otherwise quote silently."""
    if quoting is None:
        return {}
    if not isinstance(quoting, dict):
        raise ConfigError("`quoting:` must be a mapping of database, schema, identifier to "
                          "true or false", file=DBT_PROJECT, line=doc.line_of(["quoting"]),
                          hint="write `quoting: {identifier: false}`")
    for part, value in quoting.items():
        if part not in _QUOTED_PARTS or not isinstance(value, bool):
            raise ConfigError(f"`quoting: {{{part}: {value}}}`: dbt quotes database, schema "
                              f"and identifier, each true or false", file=DBT_PROJECT,
                              line=doc.line_of(["quoting", part]) or doc.line_of(["quoting"]),
                              hint="write true or false" if part in _QUOTED_PARTS else
                              f"the parts are database, schema, identifier."
                              f"{did_you_mean(str(part), _QUOTED_PARTS)}")
    return dict(quoting)


def _warning(doc: YamlDocument, key: str) -> str:
    line = doc.line_of([key]) or 1
    if key in _NOT_YET:
        return f"{DBT_PROJECT}:{line}: '{key}' is not supported by datanet yet and has no effect"
    known = sorted(_NOT_YET | _BOOKKEEPING | set(_PATHS) | set(_SAME))
    return f"{DBT_PROJECT}:{line}: unknown key '{key}', ignored.{did_you_mean(key, known)}"


@dataclass
class Profile:
    """One profile of profiles.yml: its default target and its outputs as datanet targets."""

    name: str
    path: Path
    default_target: str
    outputs: dict[str, dict[str, Any]]
    unused: dict[str, list[str]]  # per output, the keys datanet does not act on

    def warnings(self) -> list[str]:
        return [f"{self.path}: output '{target}': {', '.join(keys)} not used by datanet "
                f"(no effect)" for target, keys in self.unused.items() if keys]


def load_profile(root: Path, name: str) -> Profile | None:
    """The named profile, from where dbt looks: $DBT_PROFILES_DIR, the project, ~/.dbt."""
    path = next((p for p in profile_files(root) if p.exists()), None)
    if path is None and chosen():
        raise ConfigError(f"--profile {name}: no profiles.yml in "
                          f"{', '.join(str(p.parent) for p in profile_files(root))}",
                          hint="write the profile in profiles.yml there, or drop --profile")
    if path is None:
        return None
    doc = read_yaml(path, display=path)
    profiles = doc.data if isinstance(doc.data, dict) else {}
    if name not in profiles:
        named_by = "given by --profile" if chosen() else "named in dbt_project.yml"
        raise ConfigError(f"profile '{name}' ({named_by}) is not in {path}." +
                          did_you_mean(name, [p for p in profiles if p != "config"]),
                          file=path, hint="add it to profiles.yml, or fix " +
                          ("--profile" if chosen() else "`profile:` in dbt_project.yml"))
    profile = profiles[name] or {}
    outputs = profile.get("outputs") or {}
    default = str(profile.get("target") or next(iter(outputs), "dev"))
    return Profile(name, path, default,
                   {target: to_datanet_target(settings or {}, path, target)
                    for target, settings in outputs.items()},
                   {target: _unused(settings or {}) for target, settings in outputs.items()})


# the keys of a dbt output each engine's mapping reads (cloud outputs pass everything on)
_USED = {"duckdb": {"path", "external_root"}, "postgres": {"host", "port", "user", "password", "pass", "dbname",
                                          "database", "connect_timeout"},
         "spark": {"method"}, "databricks": {"method"}}


def _unused(settings: dict[str, Any]) -> list[str]:
    used = _USED.get(str(settings.get("type")))
    if used is None:
        return []
    return sorted(k for k in settings if k not in used | {"type", "schema", "threads"})


def to_datanet_target(settings: dict[str, Any], path: Path, name: str) -> dict[str, Any]:
    """One dbt output as a targets.yml entry (still with its `{{ env_var() }}` unrendered)."""
    kind = str(settings.get("type", ""))
    common = {k: settings[k] for k in ("schema", "threads") if k in settings}
    if kind == "duckdb":
        return {"type": "duckdb", **common,
                **{k: settings[k] for k in ("path", "external_root") if k in settings}}
    if kind == "postgres":
        renamed = {"pass": "password", "database": "dbname"}
        keys = ("host", "port", "user", "password", "pass", "dbname", "database",
                "connect_timeout")
        return {"type": "postgres", **common,
                **{renamed.get(k, k): settings[k] for k in keys if k in settings}}
    if kind in ("spark", "databricks") and settings.get("method", "session") == "session":
        return {"type": "spark", **common}
    if kind in _ENGINES and kind not in ("duckdb", "postgres", "spark", "databricks"):
        extra = {k: v for k, v in settings.items() if k not in ("type", "schema", "threads")}
        dataset = {"schema": settings["dataset"]} if "dataset" in settings else {}
        return {"type": kind, **common, **dataset, **extra}
    raise ConfigError(f"output '{name}' of {path} has type '{kind}'"
                      f"{' with method ' + repr(settings.get('method')) if 'method' in settings else ''}"
                      ", which datanet cannot run",
                      file=path, hint="datanet runs duckdb, postgres and spark (method: session) "
                                      "and compiles for snowflake, bigquery, trino, redshift")
