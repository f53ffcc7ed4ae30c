"""Turn a pydantic ValidationError into one line per bad field, naming the file and line."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from datanet_sql.config.yamlfile import YamlDocument, key_line
from datanet_sql.errors import ConfigError, did_you_mean

M = TypeVar("M", bound=BaseModel)
_NONE = object()  # `pop`'s default: the key was not there


def validate(model: type[M], doc: YamlDocument, data: Any | None = None,
             prefix: tuple[str | int, ...] = ()) -> M:
    """Validate `data` (default: the whole document) against `model`.

    `prefix` is where `data` sits inside the document, so error lines point at the right place.
    """
    payload = doc.data if data is None else data
    if payload is None:
        payload = {}
    try:
        return model.model_validate(payload)
    except ValidationError as err:
        raise config_error(model, doc, err, prefix) from None


def validate_package_file(model: type[M], doc: YamlDocument) -> tuple[M, list[str]]:
    """Validate an installed package's YAML as dbt 1.9 reads it: a key no spec knows
    (dbt_project_evaluator 0.8.0's `descritption:`) is ignored there, not refused, since the
    project's author cannot fix it. Each such key is dropped from `doc.data` and warned about
    once per file, naming the file, line and key; any other problem is refused as usual."""
    warnings: dict[str, str] = {}
    while True:
        try:
            return model.model_validate(doc.data or {}), list(warnings.values())
        except ValidationError as err:
            unknown = [_doc_loc(e) for e in err.errors() if e["type"] == "extra_forbidden"]
            dropped = [loc for loc in unknown if _parent(doc.data, loc).pop(loc[-1], _NONE)
                       is not _NONE]
            if not dropped:
                raise config_error(model, doc, err) from None
            for loc in dropped:
                found = unknown_key_error(doc, loc, _fields_at(model, loc[:-1]))
                warnings.setdefault(str(loc[-1]), f"{doc.path}:{found.line or 1}: "
                                    f"{found.message} Ignored, as dbt 1.9 ignores it in an "
                                    "installed package's YAML.")


def _parent(data: Any, loc: list[Any]) -> dict[str, Any]:
    """The mapping holding the key at `loc` (pydantic's union tags in `loc` skipped)."""
    for part in loc[:-1]:
        if (isinstance(data, list) and isinstance(part, int) and part < len(data)
                or isinstance(data, dict) and part in data):
            data = data[part]
    return data if isinstance(data, dict) else {}


def _doc_loc(error: Any, prefix: tuple[str | int, ...] = ()) -> list[Any]:
    """Where a pydantic error sits in the document: its loc without union and validator tags."""
    loc = [p for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper() and "[" in p)]
    return list(prefix) + [p for p in loc if p not in _UNION_TAGS]


def config_error(model: type[BaseModel], doc: YamlDocument, err: ValidationError,
                 prefix: tuple[str | int, ...] = ()) -> ConfigError:
    """One readable ConfigError for the first problem (and a count of the others)."""
    first = err.errors()[0]
    loc = _doc_loc(first, prefix)
    where = ".".join(str(p) for p in loc) or "(top level)"
    if first["type"] == "extra_forbidden":
        return unknown_key_error(doc, loc, _fields_at(model, loc[len(prefix):-1]),
                                 _more(err))
    message = f"{where}: {first['msg']}"
    if first["type"] == "literal_error":
        message = message.rstrip(".") + "."
        message += did_you_mean(str(first.get("input")), _literal_choices(first))
    return ConfigError(_owner(doc, loc) + message + _more(err), file=doc.path,
                       line=doc.line_of(loc))


def unknown_key_error(doc: YamlDocument, loc: list[Any], allowed: list[str],
                      more: str = "") -> ConfigError:
    """The one wording of a key a YAML mapping at `loc[:-1]` does not take: the owner, where,
    the key it may be a typo of, and the allowed keys."""
    key = str(loc[-1])
    where = ".".join(str(p) for p in loc[:-1]) or "file"
    message = f"unknown key '{key}' in {where}." + did_you_mean(key, allowed)
    hint = f"allowed keys: {', '.join(sorted(allowed))}" if allowed else None
    return ConfigError(_owner(doc, loc) + message + more, file=doc.path,
                       line=key_line(doc, loc), hint=hint)


def _more(err: ValidationError) -> str:
    more = len(err.errors()) - 1
    return f" (and {more} more problem{'s' if more > 1 else ''} in this file)" if more else ""


def _owner(doc: YamlDocument, loc: list[Any]) -> str:
    """`model 'm': ` when the problem sits inside a named entry of a schema file."""
    kinds = {"models": "model", "seeds": "seed", "sources": "source", "snapshots": "snapshot"}
    if len(loc) < 2 or loc[0] not in kinds or not isinstance(loc[1], int):
        return ""
    try:
        name = doc.data[loc[0]][loc[1]]["name"]
    except (KeyError, IndexError, TypeError):
        return ""
    return f"{kinds[loc[0]]} '{name}': " if isinstance(name, str) else ""


_UNION_TAGS = {"duckdb", "postgres", "spark", "snowflake", "bigquery", "trino", "redshift"}


def _literal_choices(error: dict[str, Any]) -> list[str]:
    expected = str(error.get("ctx", {}).get("expected", ""))
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part]


def _fields_at(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """The keys a nested model at `loc` accepts (by alias), for the did-you-mean."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = _field(current, str(part))
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    if not isinstance(current, type) or not issubclass(current, BaseModel):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _field(model: Any, key: str) -> Any:
    if not isinstance(model, type) or not issubclass(model, BaseModel):
        return None
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _inner_model(annotation: Any) -> Any:
    """Unwrap list[X] / X | None to the pydantic model X."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
