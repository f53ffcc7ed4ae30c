"""Options every command shares (--project-dir, --target, --vars, --select, ...)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from datanet_sql.config.selectors import INDIRECT_MODES
from datanet_sql.errors import ConfigError

if TYPE_CHECKING:
    from datanet_sql.compile.dbt_jinja.invocation import Invocation


def parse_vars(text: str | None, option: str = "--vars") -> dict[str, Any]:
    """`--vars '{key: value}'` (or `--args`) as YAML (dbt's format)."""
    if not text:
        return {}
    import yaml  # here, not at the top: an unchanged recompile never parses --vars

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ConfigError(f"{option} is not valid YAML: {err}",
                          hint=f"write {option} '{{start_date: 2024-01-01}}'") from None
    if not isinstance(value, dict):
        raise ConfigError(f"{option} must be a mapping", hint=f"write {option} '{{key: value}}'")
    return value


def target_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--target / -t, read from DBT_TARGET when not given, as dbt reads it: every command
    that takes a target takes it the same way (a CI job exports it once)."""
    return click.option("--target", "-t", default=None, envvar="DBT_TARGET", help=help)


def project_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--project-dir, --target, --profile and --vars; the command runs as the invocation dbt's
    templates see (`flags.WHICH`, `invocation_args_dict`)."""
    func = as_invocation(func)
    func = click.option("--vars", "vars_text", default=None,
                        help="YAML mapping of project variables, e.g. '{day: 2024-01-01}'.")(func)
    func = target_option("A target of targets.yml (a dbt project: an output of its "
                         "profile).")(func)
    func = click.option("--profile", default=None, envvar="DBT_PROFILE",
                        help="dbt projects: the profile of profiles.yml to read, over "
                             "`profile:` of dbt_project.yml (as dbt's --profile).")(func)
    return project_dir_option(func)


# the options templates see in `invocation_args_dict`, by datanet's parameter name -> dbt's
_DBT_OPTIONS = {"select": "select", "exclude": "exclude", "selector": "selector",
                "target": "target", "profile": "profile", "threads": "threads",
                "full_refresh": "full_refresh",
                "store_failures": "store_failures", "fail_fast": "fail_fast",
                "warn_error": "warn_error", "indirect_selection": "indirect_selection",
                "vars_text": "vars", "warn_error_options": "warn_error_options",
                "state_dir": "state", "defer": "defer", "favor_state": "favor_state",
                "macro": "macro", "args_text": "args", "project_dir": "project_dir"}


def as_invocation(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run the command as dbt's invocation of the same name and options."""

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        from datanet_sql.compile.dbt_jinja.invocation import invoked
        from datanet_sql.config.profile_files import chosen_profile

        with invoked(invocation_of(click.get_current_context())), \
                chosen_profile(kwargs.pop("profile", None)):
            return func(*args, **kwargs)

    return command


def invocation_of(ctx: click.Context) -> Invocation:
    """The running command as dbt names it (`docs generate` is `generate`)."""
    return invocation_from(str(ctx.info_name), ctx.params)


def invocation_from(which: str, params: dict[str, Any]) -> Invocation:
    """Command `which` with its options (by datanet's parameter names) under dbt's names;
    vars and warn-error options parsed as dbt parses them."""
    from datanet_sql.compile.dbt_jinja.invocation import Invocation, command_line

    options: dict[str, Any] = {}
    for name, value in params.items():
        if name not in _DBT_OPTIONS or value in (None, ()):
            continue
        if name == "vars_text":
            value = parse_vars(value)
        elif name == "warn_error_options":
            given = parse_vars(value, "--warn-error-options")
            value = {"include": given.get("error", given.get("include", [])),
                     "exclude": given.get("warn", given.get("exclude", []))}
        elif name in ("project_dir", "state_dir"):
            value = str(Path(value).resolve())
        options[_DBT_OPTIONS[name]] = value
    return Invocation(which, options, command_line())


def project_dir_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--project-dir", type=click.Path(path_type=Path), default=None,
                        callback=_project_dir,
                        help="The project directory (default: the nearest folder, from the "
                             "current one up, that holds datanet.yml).")(func)


PROJECT_FILES = ("datanet.yml", "dbt_project.yml")


def _project_dir(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """Without --project-dir, the project is found as git and dbt find theirs: the current
    folder or the nearest parent holding a project file (the current folder when none does,
    so the error names it)."""
    if value is not None:
        return value
    here = Path.cwd()
    for folder in (here, *here.parents):
        if any((folder / name).is_file() for name in PROJECT_FILES):
            return folder
    return Path(".")


class ManyValuesOption(click.Option):
    """A `multiple=True` option that, as dbt's `--select`, also takes the values that follow
    it up to the next option: `-s orders customers --exclude stg_a stg_b`. Each value is
    recorded as if the option had been given once per value."""

    def add_to_parser(self, parser: Any, ctx: click.Context) -> None:
        super().add_to_parser(parser, ctx)
        for name in self.opts:
            option = parser._long_opt.get(name) or parser._short_opt.get(name)
            if option is None:
                continue
            record = option.process

            def process(value: Any, state: Any, record: Callable[..., Any] = record) -> None:
                record(value, state)
                while state.rargs and not state.rargs[0].startswith("-"):
                    record(state.rargs.pop(0), state)

            option.process = process


def selection_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--select, --exclude and --selector; a named selector reaches the command as the
    selection `selector:NAME`, so every command selects through one function."""

    @functools.wraps(func)
    def command(*args: Any, selector: str | None, **kwargs: Any) -> Any:
        if selector:
            if kwargs.get("select"):
                raise click.UsageError("--selector and --select cannot be combined: put the "
                                       "selection in the selector's definition")
            kwargs["select"] = (f"selector:{selector}",)
        return func(*args, **kwargs)

    command = click.option("--selector", default=None, metavar="NAME",
                           help="A named selection of selectors.yml.")(command)
    command = click.option("--exclude", multiple=True, cls=ManyValuesOption,
                           help="Nodes to leave out.")(command)
    return click.option("--select", "-s", multiple=True, cls=ManyValuesOption,
                        help="dbt selection syntax: model, +model, model+, @model, tag:x, "
                             "path:dir, config.materialized:table, ...")(command)


def indirect_selection_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """dbt's --indirect-selection (also DBT_INDIRECT_SELECTION): which tests a selection of
    models takes along (see `project/indirect.py`); without it, dbt_project.yml's
    `flags: {indirect_selection: ...}`, else eager."""
    return click.option("--indirect-selection", "indirect_selection",
                        type=click.Choice(INDIRECT_MODES), default=None,
                        envvar="DBT_INDIRECT_SELECTION",
                        help="Tests taken along with the selected models: eager (any parent "
                             "selected; the default), cautious (all), buildable (all, or their "
                             "ancestors), empty (none).")(func)
def state_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--state DIR and --state-children, for commands that compare without building (`ls`,
    `compile`, `diff`): the command receives `state`, a StateRequest read before anything is
    compiled (the compile rewrites target/, which may be the folder given), or None."""
    return _state_options(func, with_defer=False)


def state_defer_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--state DIR, --state-children, --defer and --favor-state, for commands that build."""
    return _state_options(func, with_defer=True)


def _state_options(func: Callable[..., Any], with_defer: bool) -> Callable[..., Any]:
    @functools.wraps(func)
    def command(*args: Any, state_dir: Path | None, state_children: str, defer: bool = False,
                favor_state: bool = False, **kwargs: Any) -> Any:
        if state_dir is None and (defer or favor_state):
            raise click.UsageError("--defer and --favor-state need --state DIR: the manifest "
                                   "whose relations unselected parents are read from")
        if favor_state and not defer:
            raise click.UsageError("--favor-state applies to --defer: give both")
        kwargs["state"] = None
        if state_dir:  # imported only then: the state module brings in the whole compiler
            from datanet_sql.state.request import StateRequest

            kwargs["state"] = StateRequest.read(state_dir, defer, favor_state,
                                                state_children == "all")
        return func(*args, **kwargs)

    command = click.option("--state-children", type=click.Choice(["columns", "all"]),
                           default="columns", show_default=True,
                           help="Children `state:modified+` takes: those reading a changed "
                                "column, or all (dbt's behaviour).")(command)
    if with_defer:
        command = click.option("--favor-state", is_flag=True,
                               help="With --defer: read unselected parents from the state "
                                    "even where they exist in the target.")(command)
        command = click.option("--defer", is_flag=True,
                               help="Read unselected parents from the relations of the "
                                    "--state manifest when the target does not have "
                                    "them.")(command)
    return click.option("--state", "state_dir", type=click.Path(path_type=Path), default=None,
                        help="A previous run's folder (manifest.json, run_results.json) for "
                             "state:modified, result:error and --defer.")(command)
