"""The load-level cases of stage 28 (lm1-lm4): deliveries over two or three runs, written with
their expectations after stages 1-27 had all been seen, and never run while they were
written (held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pandas as pd
from build4 import _rdata
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lm1: an ERP replica's Postgres table whose codes are `character(n)`, padded by Postgres
PG_SOURCE_28 = per_run("stage28_bench_src")
FX_CURRENCIES = ["dm", "bp", "cd", "dy", "sf"]  # Garch's columns: the rates against the dollar
FX_REVISED = [("dm", 10), ("bp", 400), ("cd", 901), ("dy", 1500), ("sf", 1866)]  # (currency,
# row) whose rate run 2 corrects
FX_CORRECTION = 0.0001


def _fx_rates():
    """Ecdat's `Garch` (daily exchange rates against the dollar, 1980-1987), long: one row
    per currency and day, the day from its `yymmdd` number, the weekday's name."""
    frame = _rdata("Ecdat", "Garch")
    days = [datetime.date(1900 + int(d) // 10000, int(d) // 100 % 100, int(d) % 100)
            for d in frame.date]
    return [(currency, i, day, weekday, float(rate))
            for currency in FX_CURRENCIES
            for i, (day, weekday, rate) in enumerate(zip(days, frame.day, frame[currency]))]


def _lm1_first() -> None:
    """The table `fx_rates` as an ERP's replica holds it: the currency `character(8)` and
    the weekday `character(9)`, which Postgres pads with blanks to their length."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_28} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_28}")
        db.execute(f"CREATE TABLE {PG_SOURCE_28}.fx_rates (currency character(8), "
                   "rate_date date, weekday character(9), rate double precision, "
                   "PRIMARY KEY (currency, rate_date))")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_28}.fx_rates VALUES (%s, %s, %s, %s)",
                [(c, day, weekday, rate) for c, _, day, weekday, rate in _fx_rates()],
            )


def _lm1_second() -> None:
    """Five rates corrected in the replica."""
    import psycopg

    days = {(c, i): day for c, i, day, _, _ in _fx_rates()}
    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_28}.fx_rates SET rate = rate + %s "
            "WHERE currency = %s AND rate_date = %s",
            [(FX_CORRECTION, c, days[(c, i)]) for c, i in FX_REVISED])


def _lm1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_28} CASCADE")


def _lm1_expect() -> list[tuple]:
    """The codes as Postgres compares them and casts them to text: without the padding."""
    return [(c, day.isoformat(), weekday,
             rate + (FX_CORRECTION if (c, i) in FX_REVISED else 0))
            for c, i, day, weekday, rate in _fx_rates()]


# lm2: the second delivery split by size into two volumes
IRATES_SPLIT = 300  # rows of the first delivery
IRATES_COLUMNS = ["id", "r1", "r2", "r3", "r5", "r6", "r11", "r12", "r36", "r60", "r120"]


def _irates():
    """Ecdat's `Irates` (US interest rates by maturity, monthly), `id` the month."""
    return _rdata("Ecdat", "Irates").set_axis(IRATES_COLUMNS, axis=1)


def _lm2_second(folder: Path) -> None:
    """The second delivery as 7-Zip's split (or `split -b`) leaves it for a mail server's
    size limit: `irates-2.csv.001` and `.002`, the CSV's bytes cut at their middle, inside
    a record."""
    data = _irates().iloc[IRATES_SPLIT:].to_csv(index=False).encode()
    middle = len(data) // 2
    (folder / "landing" / "irates-2.csv.001").write_bytes(data[:middle])
    (folder / "landing" / "irates-2.csv.002").write_bytes(data[middle:])


def _lm2_expect() -> list[tuple]:
    return [(int(r[0]), *map(float, r[1:])) for r in _irates().itertuples(index=False)]


# lm3: the cursor's spelling changes between deliveries (a .NET exporter's instants)
K401K_SPLIT = 1000  # rows of the first delivery
K401K_COLUMNS = ["id", "prate", "mrate", "totpart", "totelg", "age", "totemp", "sole"]
FIRST_EXPORT = datetime.datetime(2024, 1, 10, 8, 0)  # row i stamped i * 30 s after it
SECOND_EXPORT = datetime.datetime(2024, 1, 11, 9, 0)  # the revisions and new rows
K401K_REVISED = [3, 77, 150, 298, 411, 502, 640, 733, 861, 999]  # ids raised in run 2
K401K_STALE = [12, 260, 488, 705, 950]  # ids re-sent older than loaded (the same day)
PRATE_CHANGE = 1.5


def _plans():
    """wooldridge's `k401k` (401(k) plans' participation rates), `id` the plan."""
    frame = _rdata("wooldridge", "k401k").rename(columns={"rownames": "id"})
    return frame[K401K_COLUMNS]


def _first_stamp(plan: int) -> datetime.datetime:
    return FIRST_EXPORT + datetime.timedelta(seconds=30 * plan)


def _lm3_first(folder: Path) -> None:
    """The first export: `modified_at` written `2024-01-10 08:00:30`."""
    frame = _plans().iloc[:K401K_SPLIT]
    _land(folder, "plans-1.csv", frame.assign(
        modified_at=[f"{_first_stamp(p):%Y-%m-%d %H:%M:%S}" for p in frame.id]))


def _dotnet(moment: datetime.datetime) -> str:
    """An instant as .NET's round-trip format writes a UTC one: `2024-01-11T09:00:00.0000000Z`."""
    return f"{moment:%Y-%m-%dT%H:%M:%S}.0000000Z"


def _lm3_second(folder: Path) -> None:
    """The second export, from the ERP's new exporter (.NET): `modified_at` written
    `2024-01-11T09:00:00.0000000Z`; ten plans revised, five re-sent with an older `prate`
    stamped half an hour before their loaded row (the same day, so the text sorts after
    it: `T` after the blank), and the rest new."""
    plans = _plans()
    revised = plans[plans.id.isin(K401K_REVISED)].assign(prate=lambda f: f.prate + PRATE_CHANGE)
    stale = plans[plans.id.isin(K401K_STALE)].assign(prate=lambda f: f.prate - PRATE_CHANGE)
    new = plans.iloc[K401K_SPLIT:]
    rows = [
        revised.assign(modified_at=_dotnet(SECOND_EXPORT)),
        stale.assign(modified_at=[_dotnet(_first_stamp(p) - datetime.timedelta(minutes=30))
                                  for p in stale.id]),
        new.assign(modified_at=_dotnet(SECOND_EXPORT)),
    ]
    _land(folder, "plans-2.csv", pd.concat(rows))


def _lm3_expect() -> list[tuple]:
    """Every plan once, the ten revisions applied, the five stale rows not."""
    return [(int(r.id), r.prate + (PRATE_CHANGE if r.id in K401K_REVISED else 0), r.mrate,
             *(int(v) for v in r[3:])) for r in _plans().itertuples(index=False)]


# lm4: a delivery encrypted with OpenPGP, decrypted in a later run
YEN_SPLIT = 400  # weeks of the first delivery
YEN_COLUMNS = ["week", "s", "f", "s30"]


def _yen():
    """Ecdat's `Yen` (the yen-dollar spot and forward rates, weekly from 1975), `week` the
    day from its `yyyymmdd` number."""
    frame = _rdata("Ecdat", "Yen").drop(columns=["rownames"])
    frame = frame.rename(columns={"date": "week"})
    return frame.assign(week=[datetime.date(int(d) // 10000, int(d) // 100 % 100,
                                            int(d) % 100).isoformat() for d in frame.week])


def _lm4_encrypted(folder: Path) -> None:
    """The bank's SFTP drop: `yen-2.csv.pgp`, the delivery encrypted with OpenPGP (a
    public-key session key packet, then the encrypted data packet: bytes no reader can
    read without the key)."""
    noise = random.Random(28)
    session = bytes([0x85, 0x01, 0x0C, 0x03]) + noise.randbytes(267)  # tag 1, 268 bytes
    data = bytes([0xD2, 0xCF, 0x40, 0x01]) + noise.randbytes(4095)  # tag 18, 4096 bytes
    path = folder / "landing" / "yen-2.csv.pgp"
    path.write_bytes(session + data)


def _lm4_decrypted(folder: Path) -> None:
    """Someone decrypted it: `yen-2.csv` lands beside the `.pgp`."""
    _land(folder, "yen-2.csv", _yen().iloc[YEN_SPLIT:])


def _lm4_expect() -> list[tuple]:
    return [(r.week, float(r.s), float(r.f), float(r.s30)) for r in _yen().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lm1_garch_pg_padded_char_codes",
        28,
        "replace from a Postgres table whose `currency` is `character(8)` and `weekday` "
        "`character(9)` (Postgres pads them: `dm      `), run 2 after five rates were "
        "corrected: 9335 rows, `currency` `dm` and `weekday` `monday` without the padding "
        "(as Postgres compares them and casts them to text), run 2's rates; never the "
        "blanks kept (`currency = 'dm'` then matches nothing)",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lm1_first(), lambda folder: _lm1_second()],
        _lm1_expect,
        columns=["currency", "rate_date", "weekday", "rate"],
        cleanup=_lm1_drop,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_28}.fx_rates\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lm2_irates_split_volumes",
        28,
        "incremental_files over `landing/*`: a CSV delivery, then the next split by size "
        "into `irates-2.csv.001` and `irates-2.csv.002` (cut inside a record): 531 rows, "
        "the volumes joined in order; or a refusal naming them; never each volume read as "
        "a CSV of its own (the cut record rejected or half of it a header)",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "irates-1.csv", _irates().iloc[:IRATES_SPLIT]),
            _lm2_second,
        ],
        _lm2_expect,
        columns=IRATES_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lm3_k401k_merge_cursor_respelled",
        28,
        "merge on `id` with cursor `modified_at`: the first export writes it "
        "`2024-01-10 08:00:30`, the second (a .NET exporter) `2024-01-11T09:00:00.0000000Z`; "
        "ten plans revised, five re-sent older than loaded (half an hour earlier, the same "
        "day): 1534 rows, the ten revisions applied, the five stale rows not (their loaded "
        "`prate` kept); never the cursor compared as text (`T` sorts after the blank)",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"],
         "cursor": "modified_at"},
        [_lm3_first, _lm3_second],
        _lm3_expect,
        columns=K401K_COLUMNS,
    ),
    LoadCase(
        "lm4_yen_pgp_encrypted_delivery",
        28,
        "incremental_files over `landing/*`: a CSV delivery, then `yen-2.csv.pgp` "
        "(OpenPGP-encrypted bytes), then in run 3 its decrypted `yen-2.csv`: 778 rows, "
        "both deliveries once; or a refusal naming the `.pgp` file in run 2; never its "
        "encrypted bytes loaded as rows",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "yen-1.csv", _yen().iloc[:YEN_SPLIT]),
            _lm4_encrypted,
            _lm4_decrypted,
        ],
        _lm4_expect,
        columns=YEN_COLUMNS,
        refuse_ok=True,
    ),
]
