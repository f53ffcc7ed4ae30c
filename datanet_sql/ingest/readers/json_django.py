"""Django's fixtures, as `manage.py dumpdata` writes them (`--format json`, the default, an
array; `--format jsonl`, one a line): each record `{"model": "awards.oscar", "pk": 1,
"fields": {...}}`, the model's fields apart from its primary key. DuckDB reads it as columns
`model`, `pk` and a `fields` object, whose fields then come through as `fields__name`:
no table of the model, and no error to say so.

Read as one row per record: `pk` (the primary key, under the name the fixture gives it:
its field's own name is not in the file) and the fields under their own names; `model`,
the same in every row, left out and named in the note. A fixture dumped with
`--natural-primary` holds no `pk`: the rows are the fields alone. A many-to-many field (a
list of keys) is a list column, as any JSON list is.

Taken only when every record holds exactly `model` (an `app_label.model_name`) and
`fields` (an object), and maybe `pk`. Refused, naming them: a fixture of several models
(`dumpdata` of an app, or of the whole project: each model is a table of its own, and
mixing their rows loses which model a row is of) and a field named `pk` (Django forbids
it: the file is no fixture Django wrote, and the primary key could not be told from it).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_sql import described, file_objects

_RECORD = frozenset({"model", "pk", "fields"})
_MODEL = re.compile(r"[A-Za-z_]\w*\.[A-Za-z_]\w*")
_KIND = "a Django fixture (manage.py dumpdata)"
_SHOWN = 3   # models a refusal names


def looks_django(con: Any, table: str) -> bool:
    """`table` (the file as DuckDB read it) is a Django fixture's records: a text `model`
    and an object `fields`, beside them only `pk` (worth parsing the file to see,
    `django_rows`)."""
    types = described(con, table)
    return {"model", "fields"} <= set(types) <= _RECORD and types["model"] == "VARCHAR" \
        and types["fields"].startswith("STRUCT(")


def django_rows(path: Path, label: str) -> tuple[list[dict[str, Any]], str] | None:
    """The rows of a Django fixture of one model (see the module docstring) and a note
    saying how they were read, naming `label` (`path` may be a copy); None when the file
    is not such a fixture."""
    name = Path(label).name
    records = file_objects(path)
    if not records or not all(_fixture_record(r) for r in records):
        return None
    models = Counter(r["model"] for r in records)
    if len(models) > 1:
        shown = ", ".join(f"{m} ({n})" for m, n in models.most_common(_SHOWN))
        more = f" and {len(models) - _SHOWN} more" if len(models) > _SHOWN else ""
        raise IngestError(f"{_KIND} of {len(models)} models: {shown}{more}; each is a "
                          f"table of its own", file=name,
                          hint="dump each model to a file of its own: manage.py dumpdata "
                               "app_label.ModelName")
    if any("pk" in r["fields"] for r in records):
        raise IngestError(f"{_KIND} whose fields hold one named pk beside the record's pk: "
                          f"the primary key cannot be told", file=name,
                          hint="dump the model again with manage.py dumpdata")
    keyed = any("pk" in r for r in records)
    rows = [({"pk": r.get("pk")} if keyed else {}) | r["fields"] for r in records]
    (model,) = models
    key = "its primary key in column pk" if keyed else "no pk (natural keys)"
    return rows, (f"{name}: {_KIND} of model {model}: read each record's fields under "
                  f"their own names, {key}, as {len(rows)} rows; left out: model")



def _fixture_record(record: Any) -> bool:
    """`record` is one of a fixture's: its model's label, its fields and maybe its pk."""
    return isinstance(record, dict) and {"model", "fields"} <= set(record) <= _RECORD and \
        isinstance(record["model"], str) and _MODEL.fullmatch(record["model"]) is not None \
        and isinstance(record["fields"], dict)
