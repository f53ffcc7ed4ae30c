"""A Jinja failure as a TemplateError naming the file and line it happened in: the model's
own file, or the macro file of a package (macro templates' lines mapped back to files)."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from datanet_sql.compile.dbt_jinja.registry import PREFIX, MacroRegistry
from datanet_sql.errors import DatanetError, TemplateError


@contextmanager
def template_errors(path: str, model: str, registry: MacroRegistry) -> Iterator[None]:
    """Run the body (a render); what Jinja or a template raises becomes a TemplateError."""
    import jinja2
    from jinja2.sandbox import SecurityError

    def where(frame: tuple[str, int | None]) -> tuple[str, int | None]:
        name, line = frame
        if not name.startswith(PREFIX):
            return name, line
        found = registry.where(name, line) if line is not None else None
        return found if found is not None else (path, None)

    try:
        yield
    except DatanetError as err:
        if err.line is None:
            err.file, err.line = where(_template_frame(err, path))
        err.model = err.model or model
        raise
    except jinja2.TemplateSyntaxError as err:
        file, line = where((err.filename or path, err.lineno))
        raise TemplateError(f"Jinja syntax error: {err.message}", file=file, line=line,
                            model=model) from None
    except SecurityError as err:
        file, line = where(_template_frame(err, path))
        raise TemplateError(f"refused: {err}", file=file, line=line, model=model,
                            hint="templates may use ref, source, var, env_var, config, "
                                 "this, target, is_incremental and macros; not Python "
                                 "internals") from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError,
            OverflowError, RecursionError, IndexError,
            ZeroDivisionError) as err:  # RecursionError: in a macro file's body
        file, line = where(_template_frame(err, path))
        if isinstance(err, RecursionError):
            raise TemplateError("the template nests too deeply (a loop or macro calling "
                                "itself?)", file=file, line=line, model=model) from None
        raise TemplateError(f"Jinja error: {err}", file=file, line=line, model=model,
                            hint="check the names used in {{ }} and {% %}") from None


def _template_frame(err: BaseException, path: str) -> tuple[str, int | None]:
    """(template name, line) of the innermost template frame of the error, or of the error it
    replaced (a RecursionError turned into a limit error); (path, None) when there is none."""
    for error in (err, err.__context__):
        tb: TracebackType | None = error.__traceback__ if error is not None else None
        frames = traceback.extract_tb(tb) if tb is not None else []
        for frame in reversed(frames):
            if frame.filename == path or frame.filename.startswith(PREFIX):
                return frame.filename, frame.lineno
    return path, None
