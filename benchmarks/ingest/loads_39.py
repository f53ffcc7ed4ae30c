"""The load-level cases of stage 39 (lx1-lx4): deliveries over two runs from a borehole
log's single-precision values in Postgres, a temperature logger's downloads, a lab's weighings
converted to Parquet and a trial's exports, written with their expectations after stages
1-38 had all been seen, and never run while they were written (held out). See `loads.py`
for how a case is written and run."""

from __future__ import annotations

from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lx1: a borehole's resistivity log in Postgres, the resistivity a single-precision `real`
PG_SOURCE_39 = per_run("stage39_bench_src")
REVISED = (3, 40, 101)   # the samples run 2 re-measures
REVISION = 250           # ohms added to their resistance
LOG_COLUMNS = ["id", "depth", "kohms"]


def _samples() -> list[tuple[int, float, float]]:
    """DAAG's `fruitohms` (128 kiwifruit: juice content, electrical resistance) as a
    borehole's samples: id, the juice as the depth in metres, the resistance in kilo-ohms
    to two decimals (4.86, which a float4 holds as 4.860000133514404)."""
    frame = _rdata("DAAG", "fruitohms")
    return [(i + 1, float(r.juice), round(int(r.ohms) / 1000, 2))
            for i, r in enumerate(frame.itertuples(index=False))]


def _revised(sample: int, kohms: float) -> float:
    """A sample's resistance after run 2: `REVISION` ohms higher for the re-measured."""
    return round(kohms + REVISION / 1000, 2) if sample in REVISED else kohms


def _lx1_first() -> None:
    """The table `samples`, `depth` and `kohms` Postgres's single-precision `real`."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_39} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_39}")
        db.execute(f"CREATE TABLE {PG_SOURCE_39}.samples (id integer PRIMARY KEY, "
                   f"depth real NOT NULL, kohms real)")
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {PG_SOURCE_39}.samples VALUES (%s, %s, %s)",
                               _samples())


def _lx1_second() -> None:
    """Three samples re-measured: their resistance `REVISION` ohms higher."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(f"UPDATE {PG_SOURCE_39}.samples SET kohms = %s WHERE id = %s",
                           [(_revised(i, kohms), i) for i, _, kohms in _samples()
                            if i in REVISED])


def _lx1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_39} CASCADE")


def _lx1_expect() -> list[tuple]:
    """After run 2: each value as Postgres writes the `real` (4.86), three revised."""
    return [(i, depth, _revised(i, kohms)) for i, depth, kohms in _samples()]


# lx2: a temperature logger's downloads, the second holding every reading since deployment
LOGGER_COLUMNS = ["day", "time", "temp", "activ"]
FIRST_DOWNLOAD = 57  # the readings of the first download


def _readings():
    """MASS's `beav1` (114 readings of a beaver's body temperature every ten minutes: day
    of year, time as hhmm, temperature, activity)."""
    return _rdata("MASS", "beav1")[LOGGER_COLUMNS]


def _lx2_expect() -> list[tuple]:
    """Every reading once."""
    return [(int(r.day), int(r.time), float(r.temp), int(r.activ))
            for r in _readings().itertuples(index=False)]


# lx3: a lab's weighings converted to Parquet, the second file's weights float32
WEIGHING_COLUMNS = ["litter", "mother", "weight"]
WEIGHING_SPLIT = 30  # the first file's weighings


def _weighings():
    """HSAUR's `foster` (61 rat litters: the litter's and the foster mother's genotype, the
    litter's weight in grams to one decimal)."""
    return _rdata("HSAUR", "foster").rename(columns={"litgen": "litter", "motgen": "mother"})


def _lx3_file(folder: Path, name: str, frame, single: bool) -> None:
    """A Parquet file of weighings, `weight` a double, or from the converter's update on a
    float32 (68.2 held as 68.19999694824219)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({
        "litter": list(frame.litter), "mother": list(frame.mother),
        "weight": pa.array([float(w) for w in frame.weight],
                           pa.float32() if single else pa.float64())}), path)


def _lx3_expect() -> list[tuple]:
    """Every weight as the lab wrote it, to one decimal (68.2, not 68.19999694824219)."""
    return [(r.litter, r.mother, float(r.weight)) for r in _weighings().itertuples(index=False)]


# lx4: a trial's exports, the second with `treatment` as its codelist's codes
TRIAL_COLUMNS = ["study", "treatment", "classification"]
TRIAL_SPLIT = 99                                 # the first export's patients
CODELIST = {"Misoprostol": "1", "Placebo": "2"}  # the trial's codes, in no file


def _patients():
    """HSAUR's `Lanza` (198 patients of four trials of misoprostol: study, treatment, the
    damage found by endoscopy, 1 to 5)."""
    return _rdata("HSAUR", "Lanza")[TRIAL_COLUMNS]


def _lx4_second(folder: Path) -> None:
    """`trial-2.csv`: the later patients, `treatment` written as its code (`1`, `2`) the
    way the sponsor's new export writes a coded variable; the codelist not delivered."""
    frame = _patients().iloc[TRIAL_SPLIT:]
    _land(folder, "trial-2.csv", frame.assign(treatment=frame.treatment.map(CODELIST)))


def _lx4_expect() -> list[tuple]:
    """Every patient's treatment by its name (which no run can know without the codelist:
    only a refusal meets this case)."""
    return [(r.study, r.treatment, int(r.classification))
            for r in _patients().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lx1_fruitohms_pg_real",
        39,
        "replace from a borehole log's Postgres table whose `kohms` is a single-precision "
        "`real` (4.86, as Postgres writes it), three re-measured in run 2: 128 rows, each "
        "value as Postgres writes it; or a refusal naming `kohms`; never 4.860000133514404 "
        "(the float4's bits widened to a double), NULL, or a crash",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lx1_first(), lambda folder: _lx1_second()],
        _lx1_expect,
        columns=LOG_COLUMNS,
        cleanup=_lx1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_39}.samples\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lx2_beav1_cumulative_download",
        39,
        "incremental_files over `landing/*.csv`: a temperature logger's downloads, the "
        "second holding every reading since deployment (the first's 57 again, then 57 "
        "new): 114 rows, each reading once; or a refusal naming the file and its rows "
        "already loaded; never 171 rows with the first 57 twice",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "beaver-1.csv", _readings().iloc[:FIRST_DOWNLOAD]),
         lambda folder: _land(folder, "beaver-2.csv", _readings())],
        _lx2_expect,
        columns=LOGGER_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lx3_foster_parquet_float32_delivery",
        39,
        "incremental_files over `landing/*.parquet`: a lab's weighings, the second file's "
        "`weight` a float32 where the first's was a double: 61 rows, every weight to its "
        "one decimal (68.2); or a refusal naming the file and `weight`; never "
        "68.19999694824219 in the double column, or the column turned to text",
        {"mode": "incremental_files", "path": "landing/*.parquet"},
        [lambda folder: _lx3_file(folder, "weighing-1.parquet",
                                  _weighings().iloc[:WEIGHING_SPLIT], single=False),
         lambda folder: _lx3_file(folder, "weighing-2.parquet",
                                  _weighings().iloc[WEIGHING_SPLIT:], single=True)],
        _lx3_expect,
        columns=WEIGHING_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lx4_lanza_codelist_codes_delivery",
        39,
        "incremental_files over `landing/*.csv`: a trial's exports, the second writing "
        "`treatment` as its codelist's codes (`1`, `2`) where the first wrote the names "
        "(`Misoprostol`): a refusal naming the file and `treatment` (the codelist is not "
        "delivered); never `1` and `Misoprostol` side by side in one text column",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "trial-1.csv", _patients().iloc[:TRIAL_SPLIT]),
         _lx4_second],
        _lx4_expect,
        columns=TRIAL_COLUMNS,
        refuse_ok=True,
    ),
]
