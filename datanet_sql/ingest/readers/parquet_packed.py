"""Parquet integer columns packed as NetCDF packs them (CF conventions), read unpacked.

A climate file converted from NetCDF (xarray's `to_dataframe().to_parquet()`, a hand
conversion keeping each variable's attributes) stores a dewpoint in tenths as an int16, and
says how to unpack it only in the field's metadata: `scale_factor` 0.1 and maybe
`add_offset`, with `_FillValue` (or `missing_value`) the packed number of a missing value.
Every reader but the NetCDF libraries ignores that metadata: 7.0 °C read as 70, silently
ten times too large. An integer column carrying `scale_factor` or `add_offset` is read as
`x * scale_factor + add_offset` in DOUBLE (the arithmetic done in decimals, so 70 * 0.1 is
7.0, not 7.000000000000001), its fill values NULL, noted naming the column and how. A
float column with them is read as it is, noted: a converter that unpacked the values may
have kept the attributes, and unpacking twice would be as wrong as not at all. Metadata
that is no number, or a column packed in some files and not others, is refused: no
reading of it is safe.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from sqlglot import exp

from datanet_sql.errors import IngestError

_KEYS = (b"scale_factor", b"add_offset")
_FILLS = (b"_FillValue", b"missing_value")


class Packing(NamedTuple):
    """How a column's integers unpack: x * scale + offset, NULL where x is a fill value."""

    scale: Decimal
    offset: Decimal
    fills: tuple[Decimal, ...]


def packed(schemas: dict[str, Any], notes: list[str]) -> list[str]:
    """The integer columns every file ({file: its Arrow schema}) holding them packs (see
    the module docstring), `notes` told of them and of float columns carrying packing
    attributes; refused when a column is packed in some files and not in others."""
    import pyarrow.types as pt

    found: dict[str, dict[str, Any]] = {}
    for file, schema in schemas.items():
        for field in schema:
            found.setdefault(field.name, {})[file] = field
    names = []
    for name, fields in found.items():
        packings = {file: packing(file, field) for file, field in fields.items()}
        if all(p is None for p in packings.values()):
            continue
        if any(p is None for p in packings.values()):
            raise IngestError(
                f"column {name}: packed (scale_factor/add_offset in the field's metadata) in "
                f"{_names(f for f, p in packings.items() if p)} but not in "
                f"{_names(f for f, p in packings.items() if p is None)}: its values are "
                f"in two units", file=next(iter(fields)),
                hint="read the files apart, or write them packed alike")
        if not all(pt.is_integer(f.type) for f in fields.values()):
            notes.append(f"column {name}: scale_factor/add_offset in the field's metadata but "
                         f"the values are not integers: read as they are (unpack it in a "
                         f"model if the converter did not)")
            continue
        names.append(name)
        shown = "; ".join(dict.fromkeys(_said(p) for p in packings.values() if p))
        notes.append(f"column {name}: packed integers in the file (CF conventions: {shown}): "
                     f"read unpacked as DOUBLE, x * scale_factor + add_offset")
    return names


def packing(file: str, field: Any) -> Packing | None:
    """The field's packing from its metadata, None when it has none; refused when the
    metadata is not a number."""
    meta = field.metadata or {}
    if not any(key in meta for key in _KEYS):
        return None
    try:
        found = Packing(Decimal(meta.get(b"scale_factor", b"1").decode()),
                        Decimal(meta.get(b"add_offset", b"0").decode()),
                        tuple(Decimal(meta[key].decode()) for key in _FILLS if key in meta))
    except (InvalidOperation, UnicodeDecodeError):
        found = None
    if found is None or not all(n.is_finite() for n in (found.scale, found.offset, *found.fills)):
        raise IngestError(f"column {field.name}: scale_factor/add_offset/_FillValue in the "
                          f"field's metadata is not a number ({_shown(meta)})", file=file,
                          hint="fix the metadata, or drop it to read the packed integers")
    return found


def unpacked(value: exp.Expression, file: str, field: Any) -> exp.Expression:
    """`value`, the column `field` of one file: unpacked when it is a packed integer."""
    import pyarrow.types as pt

    found = packing(file, field)
    if found is None or not pt.is_integer(field.type):
        return value
    number = exp.cast(exp.Add(this=exp.Mul(this=value, expression=_decimal(found.scale)),
                              expression=_decimal(found.offset)), "DOUBLE")
    if not found.fills:
        return number
    return exp.If(this=value.isin(*[_decimal(f) for f in found.fills]), true=exp.null(),
                  false=number)


def _decimal(number: Decimal) -> exp.Expression:
    """A DuckDB decimal literal of `number` (`0.1`, not the double 0.1000000000000000055)."""
    return exp.Literal.number(format(number, "f"))


def _shown(meta: dict[bytes, bytes]) -> str:
    return ", ".join(f"{k.decode(errors='replace')} {v.decode(errors='replace')}"
                     for k, v in meta.items() if k in _KEYS + _FILLS)


def _said(found: Packing) -> str:
    fills = f", _FillValue {', '.join(map(str, found.fills))} as NULL" if found.fills else ""
    return f"scale_factor {found.scale}, add_offset {found.offset}{fills}"


def _names(files: Any) -> str:
    return ", ".join(sorted(Path(f).name for f in files))
