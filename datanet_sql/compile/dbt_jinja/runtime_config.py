"""dbt's runtime config as templates reach it: `builtins.ref.config` (dbt's `ref` is a
resolver object that holds the command's RuntimeConfig). Packages read the project's name,
the command's `--vars` and the installed packages' versions there (elementary's `metadata`
model stores `dependencies['elementary'].version`; its invocation record the vars).

Only what dbt's RuntimeConfig shows of the project is here, read-only: `project_name`,
`version`, `profile_name`, `target_name`, `vars` (`.to_dict()` gives the project's own),
`cli_vars`, `args` (the command's selection, as `invocation_args_dict` has it) and
`dependencies` (the project and each installed package: `project_name`, `version`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from datanet_sql.config.project import Project


@dataclass(frozen=True)
class ProjectView:
    """One project of `dependencies`: its name and the version its dbt_project.yml gives."""

    project_name: str
    version: str | None


@dataclass(frozen=True)
class Vars:
    """dbt's VarProvider: `to_dict()` is the project's `vars:`."""

    values: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)


@dataclass(frozen=True)
class RuntimeConfig(ProjectView):
    profile_name: str | None = None
    target_name: str | None = None
    vars: Vars = field(default_factory=lambda: Vars({}))
    cli_vars: dict[str, Any] = field(default_factory=dict)
    args: SimpleNamespace = field(default_factory=SimpleNamespace)
    dependencies: dict[str, ProjectView] = field(default_factory=dict)


def runtime_config(project: Project, args: dict[str, Any]) -> RuntimeConfig:
    """The project's runtime config; `args` is the command's (`invocation_args_dict`)."""
    own = ProjectView(project.name, _text(project.spec.version))
    packages = {p.name: ProjectView(p.name, p.version) for p in project.packages}
    return RuntimeConfig(own.project_name, own.version, project.spec.profile or project.name,
                         project.target_name, Vars(dict(project.spec.vars)),
                         dict(project.cli_vars), SimpleNamespace(**args),
                         {own.project_name: own, **packages})


class RuntimeRef:
    """`builtins.ref`: the render's `ref`, called as it is, with dbt's `.config`."""

    def __init__(self, ref: Callable[..., Any], config: RuntimeConfig) -> None:
        self._ref = ref
        self.config = config

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._ref(*args, **kwargs)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
