"""Sexagesimal angles in a CSV read as the text written, where the column's name says so.

Astronomy catalogues write right ascension in hours, minutes and seconds of arc time
(`20:33:07.3`) and declination, hour angle, in the same colons. DuckDB's sniffer types such
a column TIME where every value is under 24 hours: an angle read as a clock reading, a
silently wrong table (`ra` compared with times of day); a signed declination
(`+41:12:30`) or one past 24 is text already. The values alone cannot tell a right
ascension from a time of day, so only a column whose name says it is an angle (`ra`,
`RAJ2000`, `right_ascension`, `dec`, `DE_J2000`, `hour_angle`) is read as text, the text as
written (never converted to degrees: hours or degrees is the name's to say), and named in a
note with the declaration that reads it as times. A column named otherwise (`time`,
`start`) reads as before.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datanet_sql.ingest.readers.csv_dialect import Dialect

# an angle's name, an epoch or frame after it: ra, ra_j2000, raj2000, dej2000, decl, ha
_ANGLE = re.compile(
    r"(ra|right_?ascension|dec|decl|declination|de(?=_?[jb]\d)|ha|hour_?angle)"
    r"(_?(j|b)\d{4}(_?\d)?|_?(icrs|fk4|fk5|hms|dms|sex|sexagesimal|obs))?")


def angle_name(name: str) -> bool:
    """`name` (as written or cleaned) names an angle: right ascension, declination, hour
    angle."""
    return _ANGLE.fullmatch(re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")) is not None


def with_angles(dialect: Dialect, declared: dict[str, Any]) -> Dialect:
    """The dialect with the columns DuckDB typed TIME (none `declared`) whose
    name is an angle's read as text, each named in a note."""
    written = dict(zip(dialect.names, dialect.header_row or dialect.names))
    angles = tuple(n for n, t in zip(dialect.names, dialect.types)
                   if t == "TIME" and n not in declared
                   and (angle_name(n) or angle_name(written.get(n, n))))
    if not angles:
        return dialect
    notes = tuple(f"column {n} holds sexagesimal angles (its name says an angle: right "
                  f"ascension, declination, hour angle): read as the text written, not as "
                  f"times of day (declare the column TIME to read them as times)"
                  for n in angles)
    return replace(dialect, angles=angles, notes=(*dialect.notes, *notes), types=[
        "VARCHAR" if n in angles else t for n, t in zip(dialect.names, dialect.types)])
