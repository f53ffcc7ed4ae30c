"""JSON-stat, the cube format statistics offices' APIs answer in (Eurostat, SSB, Statistics
Sweden and Finland's PxWeb, CSO, ONS): a dataset's dimensions, each with its categories in
order, and its values one flat list over them in row-major order (the last dimension
varying fastest): `{"class": "dataset", "id": ["country", "year"], "size": [8, 211],
"dimension": {"country": {"category": {"index": [...], "label": {...}}}, ...}, "value":
[0, 1, ...]}`. DuckDB reads it as one row of its metadata beside a list of numbers: no
table, and no error to say so.

Read as the cube unrolled: one row per cell, a column per dimension (named by its id)
holding the category's id, then `value`; a dimension whose categories are labelled other
than by their ids (`DE` labelled `Germany`) gets a column `<dimension>_label` beside it.
Values as an object (`{"0": 1.5, "7": 2.0}`, a sparse cube, as Eurostat sends it) are
NULL in the cells it leaves out, as `null` in a list is; a `status` per cell (`p`
provisional, `e` estimated) is a column `status`, one for the whole dataset said in the
note. The rest (`label`, `source`, `updated`, `extension`, each dimension's own label,
units and roles) is left out, named in the note. Version 2.0's dataset (`"class":
"dataset"`) and version 1's bundle of one dataset (`{"dataset": {"dimension": {"id": [...],
"size": [...], ...}, "value": [...]}}`, PxWeb's `json-stat`) alike.

Refused, naming what does not hold: a dimension whose categories do not number its size
or whose order is not given (several categories without an `index`), values that do not
fill the cube (a list of another length, a position past its end), a bundle of several
datasets (each a table of its own), and a column name taken twice (a dimension named
`value`): the cells could not be told apart surely.
"""

from __future__ import annotations

import json
import math
from itertools import product
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_sql import described

_KIND = "a JSON-stat dataset"
_CUBE = frozenset({"id", "size", "dimension", "value"})
_READ = frozenset({"version", "class", "id", "size", "dimension", "value", "status"})
_HINT = "ask the API for the dataset again (as JSON-stat 2.0), or save it as CSV"


def looks_json_stat(con: Any, table: str) -> bool:
    """`table` (the file as DuckDB read it) may be a JSON-stat dataset: the cube's `id`,
    `size`, `dimension` and `value` side by side (version 2.0), or objects each holding a
    `dimension` and a `value` (a version 1 bundle); worth parsing it whole to see."""
    types = described(con, table)
    if all(k.startswith("STRUCT(") and "dimension" in k and "value" in k
           for k in types.values()):
        return True
    return _CUBE <= set(types) and types["dimension"].startswith("STRUCT(")


def cube_rows(path: Path, label: str) -> tuple[list[dict[str, Any]], str] | None:
    """The cells of a JSON-stat dataset as rows (see the module docstring) and a note
    saying how they were read, naming `label` (`path` may be a copy); None when the file
    is no such dataset."""
    name = Path(label).name
    with open(path, encoding="utf-8-sig") as handle:
        try:
            whole = json.load(handle)
        except ValueError:
            return None
    found = _dataset(whole, name)
    if found is None:
        return None
    dataset, where = found
    ids, sizes = dataset["id"], dataset["size"]
    dimensions = [_categories(d, dataset["dimension"].get(d), n, name)
                  for d, n in zip(ids, sizes)]
    cells = math.prod(sizes)
    values = _cells(dataset["value"], cells, "value", name)
    status = dataset.get("status")
    if isinstance(status, list) and len(status) == 1 != cells:   # one status for all
        status = dataset["status"] = status[0]
    statuses = _cells(status, cells, "status", name) if isinstance(status, list | dict) \
        else None
    labelled = [d for d, categories in zip(ids, dimensions)
                if any(c != shown for c, shown in categories)]
    names = [*ids, *(f"{d}_label" for d in labelled), "value"] + (
        ["status"] if statuses is not None else [])
    if twice := sorted({n for n in names if [m.lower() for m in names].count(n.lower()) > 1}):
        raise IngestError(f"{_KIND} whose columns would name {', '.join(twice)} twice: "
                          f"its dimensions cannot be told from its values", file=name,
                          hint=_HINT)
    rows = []
    for number, cell in enumerate(product(*dimensions)):
        row = {d: category for d, (category, _) in zip(ids, cell)}
        row |= {f"{d}_label": shown for d, (_, shown) in zip(ids, cell) if d in labelled}
        row["value"] = values[number]
        if statuses is not None:
            row["status"] = statuses[number]
        rows.append(row)
    return rows, _note(name, where, dataset, dimensions, labelled, len(rows))


def _dataset(whole: Any, name: str) -> tuple[dict[str, Any], str] | None:
    """The dataset the file holds (version 2.0's, or the one of a version 1 bundle, its
    `id` and `size` brought up from `dimension`) and where it lies; None when the file is
    no JSON-stat dataset."""
    if not isinstance(whole, dict):
        return None
    if whole.get("class") == "dataset" and _cube(whole):
        return whole, ""
    bundled = {k: v for k, v in whole.items() if _bundled(v)}
    if not bundled or len(bundled) != len(whole):
        return None
    if len(bundled) > 1:
        raise IngestError(f"a JSON-stat bundle of {len(bundled)} datasets "
                          f"({', '.join(bundled)}), each a table of its own", file=name,
                          hint="save each dataset in a file of its own")
    (key, inner), = bundled.items()
    dimension = inner["dimension"]
    dataset = {**inner, "id": dimension.get("id"), "size": dimension.get("size"),
               "dimension": {k: v for k, v in dimension.items() if k not in ("id", "size")}}
    return (dataset, f"{key}.") if _cube(dataset) else None


def _bundled(value: Any) -> bool:
    """`value` is a dataset of a version 1 bundle: its `dimension` lists their ids and
    sizes, beside its `value`."""
    dimension = value.get("dimension") if isinstance(value, dict) else None
    return isinstance(dimension, dict) and "value" in value and \
        isinstance(dimension.get("id"), list) and isinstance(dimension.get("size"), list)


def _cube(dataset: dict[str, Any]) -> bool:
    """`dataset` names its dimensions (`id`) and their sizes, one each, and holds them."""
    ids, sizes, dimension = dataset.get("id"), dataset.get("size"), dataset.get("dimension")
    return isinstance(ids, list) and bool(ids) and all(isinstance(d, str) for d in ids) and \
        isinstance(sizes, list) and len(sizes) == len(ids) and all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sizes) and \
        isinstance(dimension, dict) and "value" in dataset


def _categories(dimension_id: str, dimension: Any, size: int, name: str
                ) -> list[tuple[str, str]]:
    """A dimension's categories in their order, each its id and its label (the id when
    it has none); refused when they are not given or do not number `size`."""
    category = dimension.get("category") if isinstance(dimension, dict) else None
    index = category.get("index") if isinstance(category, dict) else None
    labels = category.get("label") if isinstance(category, dict) else None
    labels = labels if isinstance(labels, dict) else {}
    if isinstance(index, list):
        ids = index
    elif isinstance(index, dict) and sorted(index.values()) == list(range(len(index))):
        ids = sorted(index, key=index.__getitem__)
    elif index is None and len(labels) == 1:   # one category may go without an index
        ids = list(labels)
    else:
        ids = None
    if ids is None or len(ids) != size or not all(isinstance(i, str) for i in ids):
        raise IngestError(f"{_KIND} whose dimension {dimension_id} does not list its "
                          f"{size} categories in order (dimension.{dimension_id}.category."
                          f"index): its cells cannot be placed", file=name, hint=_HINT)
    return [(i, str(labels.get(i, i))) for i in ids]


def _cells(given: Any, cells: int, key: str, name: str) -> list[Any]:
    """One value per cell of the cube from `given` (`value` or `status`): a list of
    them, or an object of the positions it holds (the others NULL); refused when it does
    not fill the cube."""
    if isinstance(given, list) and len(given) == cells:
        return given
    if isinstance(given, dict) and all(k.isdigit() and int(k) < cells for k in given):
        filled: list[Any] = [None] * cells
        for position, value in given.items():
            filled[int(position)] = value
        return filled
    held = f"{len(given)} " if isinstance(given, list | dict) else ""
    raise IngestError(f"{_KIND} whose {key} holds {held}entries that do not fill its "
                      f"{cells} cells (the product of size): its cells cannot be placed",
                      file=name, hint=_HINT)


def _note(name: str, where: str, dataset: dict[str, Any],
          dimensions: list[list[tuple[str, str]]], labelled: list[str], rows: int) -> str:
    """What the reader did with the dataset, and what it left out."""
    shape = ", ".join(f"{d} ({len(c)})" for d, c in zip(dataset["id"], dimensions))
    said = f"{name}: {_KIND}: its cube of {shape} unrolled into {rows} rows of each " \
           f"dimension's category and the value"
    if labelled:
        said += f", the categories' labels in {', '.join(f'{d}_label' for d in labelled)}"
    if isinstance(dataset.get("status"), str):
        said += f"; status {dataset['status']!r} for every value"
    left = [f"{where}{k}" for k in dataset if k not in _READ] + [
        f"{where}dimension.{d}.{k}" for d in dataset["id"]
        if isinstance(dataset["dimension"].get(d), dict)
        for k in dataset["dimension"][d] if k != "category"]
    return said + (f"; left out: {', '.join(left)}" if left else "")
