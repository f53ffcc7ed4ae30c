"""targets.yml: warehouse connections, with `{{ env_var('X') }}` interpolated at load time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from datanet_sql.config.dbt_project import DBT_PROJECT, is_dbt_project, load_profile
from datanet_sql.config.profile_files import chosen, profile_files, profile_name
from datanet_sql.config.sandbox import new_template, render_limited, sandbox
from datanet_sql.config.specs import (
    DuckDBTarget,
    PostgresTarget,
    SparkTarget,
    Target,
    WarehouseTarget,
)
from datanet_sql.config.validate import config_error
from datanet_sql.config.yamlfile import YamlDocument, read_yaml
from datanet_sql.errors import ConfigError, DatanetError, did_you_mean

_TARGET = TypeAdapter(Target)
_TARGET_BY_TYPE = {"duckdb": DuckDBTarget, "postgres": PostgresTarget, "spark": SparkTarget,
                   **{k: WarehouseTarget for k in ("snowflake", "bigquery", "trino", "redshift")}}
_MISSING = object()
# every variable env_var() read in this process, with what it found: an unchanged recompile
# is reused only while each still reads the same (compile/last_compile.py)
_READ: dict[str, str | None] = {}


def env_var(name: str, default: Any = _MISSING, *,
            seen: dict[str, str | None] | None = None) -> str:
    """dbt's env_var(): the variable's value, its default, or an error naming it; what it
    found is also noted in `seen` (a render's record: a cached render is stale once a
    variable it read has changed)."""
    value = os.environ.get(name)
    _READ[name] = value
    if seen is not None:
        seen[name] = value
    if value is not None:
        return value
    if default is not _MISSING:
        return str(default)
    raise ConfigError(f"environment variable '{name}' is not set and has no default",
                      hint=f"export {name}=... or write env_var('{name}', 'default')")


def env_vars_read() -> dict[str, str | None]:
    """The variables env_var() read since `forget_env_vars_read` (None: unset), and what it
    found."""
    return dict(_READ)


def forget_env_vars_read() -> None:
    """Start noting afresh (a compile in a process that compiled before)."""
    _READ.clear()


def env_unchanged(seen: dict[str, str | None]) -> bool:
    """Whether each variable still holds what an earlier env_var() found (noted as read
    again: a render served from the cache read them too)."""
    if any(os.environ.get(name) != value for name, value in seen.items()):
        return False
    _READ.update(seen)
    return True


def interpolate(value: Any) -> Any:
    """Render Jinja in every string of a YAML tree, in the sandbox (only env_var is there)."""
    if isinstance(value, str) and "{{" in value:
        return _render_setting(value)
    if isinstance(value, dict):
        return {k: interpolate(v) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v) for v in value]
    return value


def _render_setting(text: str) -> str:
    import jinja2  # only when a value holds a template: keeps start-up light
    from jinja2.sandbox import SecurityError

    env = sandbox()
    try:
        return render_limited(env, new_template(env, text, "targets.yml"), {"env_var": env_var})
    except DatanetError as err:
        err.file = err.file or "targets.yml"
        raise
    except jinja2.TemplateError as err:
        refused = isinstance(err, SecurityError)
        raise ConfigError(f"{'refused' if refused else 'Jinja error'} in a setting: {err}",
                          file="targets.yml",
                          hint="a setting may only use {{ env_var('NAME', 'default') }}") from None


def load_targets(root: Path) -> tuple[YamlDocument | None, dict[str, Any]]:
    """Raw target dicts (not yet interpolated: secrets stay in the environment until used)."""
    path = root / "targets.yml"
    if chosen() and (path.exists() or not is_dbt_project(root)):
        raise ConfigError(f"--profile {chosen()} picks a profile of dbt's profiles.yml, but "
                          f"this project's targets come from "
                          f"{'targets.yml' if path.exists() else 'datanet.yml'}",
                          hint="drop --profile; pick a target of targets.yml with --target")
    if not path.exists():
        return None, _dbt_outputs(root) or {"dev": {"type": "duckdb"}}
    doc = read_yaml(path, display="targets.yml")
    if doc.data is None:
        return doc, {"dev": {"type": "duckdb"}}
    if not isinstance(doc.data, dict):
        raise ConfigError("targets.yml must map target names to settings", file="targets.yml",
                          line=1)
    return doc, doc.data


def resolve_target(root: Path, name: str) -> dict[str, Any]:
    """The validated settings of one target, with env vars filled in and defaults applied."""
    doc, raw = load_targets(root)
    profile = _profile_source(root) if doc is None else None
    if name not in raw:
        where = f"an output of profile '{profile[1][0]}'" if profile else "defined in targets.yml"
        raise ConfigError(f"target '{name}' is not {where}." + did_you_mean(name, raw),
                          file=profile[0].path if profile else "targets.yml",
                          hint=f"defined targets: {', '.join(raw) or 'none'}")
    try:
        settings = interpolate(raw[name] or {})
    except ConfigError as err:
        if profile and err.file == "targets.yml":  # the setting was written in profiles.yml
            err.file = profile[0].path
        raise
    kind = settings.get("type") if isinstance(settings, dict) else None
    try:
        spec = _TARGET.validate_python(settings)
    except ValidationError as err:
        source, prefix = (doc, ()) if doc is not None else profile or (None, ())
        if source is None:
            raise ConfigError(f"target '{name}': {err.errors()[0]['msg']}") from None
        model = _TARGET_BY_TYPE.get(str(kind), DuckDBTarget)
        raise config_error(model, source, err, (*prefix, name)) from None
    resolved = spec.model_dump(by_alias=True, exclude_none=True)
    resolved["name"] = name
    if resolved["type"] == "duckdb":
        path = Path(resolved.get("path") or f".datanet/{name}.duckdb")
        resolved["path"] = str(path if path.is_absolute() or str(path) == ":memory:" else root / path)
        resolved["external_root"] = str(root / resolved.get("external_root", "."))
    if resolved["type"] == "spark" and "warehouse_dir" not in resolved:
        resolved["warehouse_dir"] = str(root / ".datanet" / "spark-warehouse")
    return resolved


def duckdb_targets(root: Path) -> dict[str, dict[str, Any]]:
    """Every DuckDB target of targets.yml that resolves, by name (with its absolute path)."""
    _, raw = load_targets(root)
    found = {}
    for name, settings in raw.items():
        if not isinstance(settings, dict) or settings.get("type") != "duckdb":
            continue
        try:
            found[name] = resolve_target(root, name)
        except DatanetError:
            continue  # a target that does not resolve names no database file
    return found


def _profile_source(root: Path) -> tuple[YamlDocument, tuple[str, str]] | None:
    """For messages about a dbt project's targets: profiles.yml as read, and where its
    outputs are in it (`<profile>.outputs`)."""
    if not is_dbt_project(root):
        return None
    path = next((p for p in profile_files(root) if p.exists()), None)
    if path is None:
        return None
    data = read_yaml(root / DBT_PROJECT, display=DBT_PROJECT).data
    name = profile_name(data if isinstance(data, dict) else {})
    return read_yaml(path, display=path), (name, "outputs")


def _dbt_outputs(root: Path) -> dict[str, Any] | None:
    """A dbt project (datanet.yml beside it or not) without targets.yml: the outputs of its
    profile in profiles.yml."""
    if not is_dbt_project(root):
        return None
    doc = read_yaml(root / DBT_PROJECT, display=DBT_PROJECT)
    data = doc.data if isinstance(doc.data, dict) else {}
    profile = load_profile(root, profile_name(data))
    return profile.outputs if profile is not None else None


def target_threads(target: dict[str, Any]) -> int:
    """`threads:` of a target (4 when absent); 0 or less is a mistake, not a default."""
    threads = target.get("threads", 4)
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
        raise ConfigError(f"target '{target.get('name')}' has threads: {threads!r}",
                          file="targets.yml", hint="threads is a whole number, 1 or more")
    return threads
