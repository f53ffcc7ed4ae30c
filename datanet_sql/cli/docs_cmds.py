"""docs generate, docs serve: the project's static docs site in target/."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from datanet_sql.cli.options import parse_vars, project_dir_option, project_options

if TYPE_CHECKING:  # imported when serving: every other command starts without it
    import http.server


@click.group()
def docs() -> None:
    """The docs site: models, columns, lineage, tests and run history."""


@docs.command()
@project_options
def generate(project_dir: Path, target: str | None, vars_text: str | None) -> None:
    """Compile, then write target/index.html, its data file and target/catalog.json."""
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.docs import generate_site
    from datanet_sql.observe.history import history_target

    started = time.perf_counter()
    manifest, ctx = compile_project(project_dir, target=target, vars=parse_vars(vars_text))
    folder = generate_site(manifest, ctx.project.root, ctx.project.state_dir, ctx.invocation_id,
                           history_target(ctx))
    count = sum(1 for node in manifest.in_order("source", "seed", "model"))
    click.echo(f"Docs of {count} nodes written to {folder / 'index.html'} (and catalog.json) in "
               f"{time.perf_counter() - started:.2f}s; view with `datanet docs serve`.")


@docs.command()
@project_dir_option
@click.option("--port", default=8080, show_default=True, help="The port on localhost.")
def serve(project_dir: Path, port: int) -> None:
    """Serve target/ on http://127.0.0.1:PORT until Ctrl-C."""
    import http.server

    from datanet_sql.artifacts.ids import TARGET_DIR
    from datanet_sql.errors import DocsError

    folder = project_dir / TARGET_DIR
    if not (folder / "index.html").is_file():
        raise DocsError(f"no docs site in {folder}",
                        hint="run `datanet docs generate` first")
    handler = _quiet_handler(folder)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as err:
        raise DocsError(f"cannot serve on port {port}: {err.strerror}",
                        hint="pick another with --port") from None
    click.echo(f"Serving {folder} on http://127.0.0.1:{server.server_port}/ (Ctrl-C stops)")
    with server:
        server.serve_forever()


def _quiet_handler(folder: Path) -> Callable[..., http.server.BaseHTTPRequestHandler]:
    """A file handler for `folder` that prints no line per request (a view loads two files)."""
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return None

    return functools.partial(Quiet, directory=str(folder))


COMMANDS = [docs]
