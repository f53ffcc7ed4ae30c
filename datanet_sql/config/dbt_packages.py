"""The packages `dbt deps` left in `dbt_packages/<dir>/`, as the project that installs them
sees them: dbt builds a package's models and reads its YAML as part of that project (a package
such as dbt-project-evaluator is mostly models), with the package's own `dbt_project.yml`
giving their defaults (folder config, vars) and the root project's config winning over it.

One reading serves the macro namespaces (`compile/dbt_jinja/discover.py`), the files of the
package's nodes (models, seeds, snapshots, singular tests: `config/project.py`) and the config
and vars of each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from datanet_sql.config.dbt_project import project_vars
from datanet_sql.config.yamlfile import read_yaml
from datanet_sql.project.hooks import as_list
from datanet_sql.project.packages import PACKAGES_DIR, package_name

_SECTIONS = ("seeds", "snapshots", "tests", "data_tests", "analyses")
RUN_HOOK_KEYS = ("on-run-start", "on-run-end")


@dataclass(frozen=True)
class InstalledPackage:
    """One package folder: its name, where it is (from the project root) and its settings."""

    name: str
    folder: str  # "dbt_packages/<dir>"
    model_paths: tuple[str, ...] = ("models",)
    macro_paths: tuple[str, ...] = ("macros",)
    vars: dict[str, Any] = field(default_factory=dict)  # its dbt_project.yml's, the defaults
    models: dict[str, Any] = field(default_factory=dict)  # its `models:` folder config
    seed_paths: tuple[str, ...] = ("seeds",)
    snapshot_paths: tuple[str, ...] = ("snapshots",)
    test_paths: tuple[str, ...] = ("tests",)
    # its folder config of the other kinds: `seeds:`, `snapshots:`, `tests:`, `data_tests:`,
    # `analyses:`
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: str | None = None  # its dbt_project.yml's (dbt's runtime config shows it)
    # its `on-run-start` / `on-run-end` hooks as written (dbt runs them before the project's)
    run_hooks: dict[str, list[Any]] = field(default_factory=dict)
    analysis_paths: tuple[str, ...] = ("analyses",)
    docs_paths: tuple[str, ...] | None = None  # its docs-paths; None: every resource path

    def resource_paths(self) -> tuple[str, ...]:
        """Every folder of the package holding nodes or their YAML (dbt's all_source_paths)."""
        return (*self.model_paths, *self.seed_paths, *self.snapshot_paths,
                *self.analysis_paths, *self.test_paths, *self.macro_paths)

    def inner(self, path: str) -> str | None:
        """`path` (from the project root) as the package sees it (`models/x.sql`), or None
        when the file is not the package's."""
        prefix = f"{self.folder}/"
        return path[len(prefix):] if path.startswith(prefix) else None


def installed_packages(root: Path) -> list[InstalledPackage]:
    """Every package folder with a dbt_project.yml, in folder order."""
    base = root / PACKAGES_DIR
    found = []
    for folder in sorted(base.iterdir()) if base.is_dir() else []:
        if folder.name.startswith(".") or not (folder / "dbt_project.yml").exists():
            continue
        doc = read_yaml(folder / "dbt_project.yml")
        data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        name = package_name(folder)
        found.append(InstalledPackage(
            name, f"{PACKAGES_DIR}/{folder.name}",
            _paths(data, "model-paths", "models"), _paths(data, "macro-paths", "macros"),
            project_vars(_mapping(data.get("vars")), name), _mapping(data.get("models")),
            _paths(data, "seed-paths", "seeds"),
            _paths(data, "snapshot-paths", "snapshots"), _paths(data, "test-paths", "tests"),
            {key: _mapping(data.get(key)) for key in _SECTIONS},
            str(data["version"]) if data.get("version") is not None else None,
            {key: as_list(data.get(key)) for key in RUN_HOOK_KEYS},
            _paths(data, "analysis-paths", "analyses"),
            tuple(str(p) for p in data["docs-paths"])
            if isinstance(data.get("docs-paths"), list) else None))
    return found


def package_at(packages: list[InstalledPackage], path: str) -> InstalledPackage | None:
    """The package a project file belongs to (None: the root project's)."""
    if PurePosixPath(path).parts[:1] != (PACKAGES_DIR,):
        return None
    return next((p for p in packages if p.inner(path) is not None), None)


def vars_for_packages(raw: Any, packages: list[InstalledPackage],
                      cli_vars: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The project's vars each package's nodes see, as dbt gives them: the project's global
    vars, then those it scopes to the package (`vars: {pkg: {...}}`, which apply to that
    package's nodes and the macros they call, not to the project's), then `--vars`. The
    package's own dbt_project.yml vars are defaults under these (merged by the render pass,
    which renders their Jinja)."""
    return {p.name: {**project_vars(_mapping(raw), p.name), **cli_vars} for p in packages}


def _paths(data: dict[str, Any], key: str, default: str) -> tuple[str, ...]:
    paths = data.get(key)
    return tuple(str(p) for p in paths) if isinstance(paths, list) else (default,)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
