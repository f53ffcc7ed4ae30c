"""The load-level cases of stage 35 (lt1-lt4): deliveries over two runs from a school
district's payroll database, a race timer, a school survey's Excel hand-off and a student
information system, written with their expectations after stages 1-33 had all been seen,
and never run while they were written (held out). See `loads.py` for how a case is written
and run."""

from __future__ import annotations

from pathlib import Path

from build4 import _rdata
from build18 import _csv_text
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lt1: a school district's payroll table: the pay in Postgres' `money` type
PG_SOURCE_35 = per_run("stage35_bench_src")
RAISED = (1, 20, 40, 60, 71)  # the ids whose `base` and `total` run 2 raises
RAISE = 1250.5  # added to both (a step on the salary schedule)
PAY_COLUMNS = ["id", "degree", "years", "base", "total"]


def _teachers() -> list[tuple]:
    """openintro's `teacher` (St. Louis, Michigan teachers' salaries): id, degree, years,
    base pay and total pay (with FICA and retirement)."""
    frame = _rdata("openintro", "teacher")
    return [(int(r.id), r.degree, float(r.years), float(r.base), round(float(r.total), 2))
            for r in frame.itertuples(index=False)]


def _lt1_first() -> None:
    """The table `payroll` with `base money` and `total money`."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_35} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_35}")
        db.execute(f"CREATE TABLE {PG_SOURCE_35}.payroll (id integer PRIMARY KEY, degree text, "
                   f"years numeric, base money, total money)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_35}.payroll VALUES (%s, %s, %s, %s::numeric::money, "
                f"%s::numeric::money)", _teachers())


def _lt1_second() -> None:
    """Five teachers moved up a step on the salary schedule."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_35}.payroll SET base = base + %s::numeric::money, "
            f"total = total + %s::numeric::money WHERE id = %s",
            [(RAISE, RAISE, row) for row in RAISED])


def _lt1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_35} CASCADE")


def _lt1_expect() -> list[tuple]:
    """The table after run 2: the pay as numbers (dollars and cents), five raised."""
    return [(i, degree, years, base + (RAISE if i in RAISED else 0),
             round(total + (RAISE if i in RAISED else 0), 2))
            for i, degree, years, base, total in _teachers()]


# lt2: a race timer's second delivery writes the times `1:41:00`, not seconds
RACE_ROWS = 600  # the first runners of mosaicData's TenMileRace
RACE_SPLIT = 300  # rows of the first delivery
RACE_COLUMNS = ["id", "state", "time", "net", "age", "sex"]


def _race():
    """mosaicData's `TenMileRace` (Cherry Blossom ten-mile race: gun and net times in
    seconds), the first runners, `id` the bib's row."""
    return _rdata("mosaicData", "TenMileRace").head(RACE_ROWS).rename(
        columns={"rownames": "id"})[RACE_COLUMNS]


def clock(seconds: int) -> str:
    """Seconds as the timing company's new software writes them: `H:MM:SS`."""
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _lt2_second(folder: Path) -> None:
    """`race-2.csv`: the later runners, `time` and `net` written `1:41:00`."""
    rows = [RACE_COLUMNS] + [
        [r.id, "" if r.state != r.state else r.state, clock(int(r.time)), clock(int(r.net)),
         r.age, r.sex] for r in _race().iloc[RACE_SPLIT:].itertuples(index=False)]
    (folder / "landing" / "race-2.csv").write_text(_csv_text(rows))


def _lt2_expect() -> list[tuple]:
    """Every runner's times in seconds."""
    return [(int(r.id), None if r.state != r.state else r.state, int(r.time), int(r.net),
             int(r.age), r.sex) for r in _race().itertuples(index=False)]


# lt3: the second delivery saved by Excel with its `sep=;` line
SCHOOL_ROWS = 600  # the first pupils of MASS's nlschools
SCHOOL_SPLIT = 300
SCHOOL_COLUMNS = ["lang", "iq", "class", "gs", "ses", "comb"]


def _pupils():
    """MASS's `nlschools` (Dutch eighth-grade pupils' language scores, IQ, class size and
    family status), the first pupils, the names lower-cased."""
    frame = _rdata("MASS", "nlschools").head(SCHOOL_ROWS).drop(columns=["rownames"])
    return frame.set_axis(SCHOOL_COLUMNS, axis=1)


def _lt3_second(folder: Path) -> None:
    """`pupils-2.csv`: the later pupils as a European Excel saves them for Excel: `sep=;`
    on the first line, then `;`-separated."""
    text = "sep=;\n" + _pupils().iloc[SCHOOL_SPLIT:].to_csv(index=False, sep=";")
    (folder / "landing" / "pupils-2.csv").write_text(text)


def _lt3_expect() -> list[tuple]:
    return [(int(r.lang), float(r.iq), int(r[2]), int(r.gs), int(r.ses), int(r.comb))
            for r in _pupils().itertuples(index=False)]


# lt4: the second delivery's columns in another order (the SIS report's layout edited)
EXAM_ROWS = 1000  # the first students of mlmRev's Exam
EXAM_SPLIT = 500
EXAM_COLUMNS = ["school", "student", "sex", "normexam", "standlrt"]
EXAM_REORDERED = ["student", "school", "standlrt", "normexam", "sex"]


def _exams():
    """mlmRev's `Exam` (inner London pupils' normalised exam scores and their intake
    reading test), the first pupils."""
    frame = _rdata("mlmRev", "Exam").head(EXAM_ROWS)
    return frame.rename(columns={"standLRT": "standlrt"})[EXAM_COLUMNS]


def _lt4_second(folder: Path) -> None:
    """`exam-2.csv`: the later pupils, the columns reordered: the two integer columns and
    the two double columns swapped (a reader matching by position reads each as the
    other, silently)."""
    (folder / "landing" / "exam-2.csv").write_text(
        _exams().iloc[EXAM_SPLIT:][EXAM_REORDERED].to_csv(index=False))


def _lt4_expect() -> list[tuple]:
    return [(int(r.school), int(r.student), r.sex, float(r.normexam), float(r.standlrt))
            for r in _exams().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lt1_teacher_pg_money",
        35,
        "replace from a school district's Postgres payroll table whose `base` and `total` "
        "are of the type `money` (`$45,388.00` as Postgres writes it), five raised in run 2: "
        "71 rows, the pay as numbers (dollars and cents), run 2's raises; or a refusal "
        "naming the columns; never the pay NULL, dropped, or the `$45,388.00` text",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lt1_first(), lambda folder: _lt1_second()],
        _lt1_expect,
        columns=PAY_COLUMNS,
        cleanup=_lt1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_35}.payroll\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lt2_tenmilerace_clock_times_delivery",
        35,
        "incremental_files over `landing/*.csv`: a race timer's first delivery writes `time` "
        "and `net` as seconds (`6060`), the second, from its new software, as `1:41:00`: "
        "600 rows, the times in seconds; or a refusal naming the file and the columns; "
        "never the second delivery's times NULL or its rows rejected silently",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "race-1.csv", _race().iloc[:RACE_SPLIT]), _lt2_second],
        _lt2_expect,
        columns=RACE_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lt3_nlschools_excel_sep_line",
        35,
        "incremental_files over `landing/*.csv`: a plain delivery, then one saved by a "
        "European Excel with `sep=;` on its first line and `;` between fields: 600 rows, the "
        "same six number columns; or a refusal naming the file; never `sep=;` taken for the "
        "header, or each line one text field",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "pupils-1.csv", _pupils().iloc[:SCHOOL_SPLIT]),
         _lt3_second],
        _lt3_expect,
        columns=SCHOOL_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lt4_exam_columns_reordered_delivery",
        35,
        "incremental_files over `landing/*.csv`: a student information system's second "
        "delivery has its columns in another order (`student,school,standlrt,normexam,sex`): "
        "1000 rows, each value under its own name; or a refusal naming the file; never "
        "`school` and `student`, or `normexam` and `standlrt`, swapped by position",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "exam-1.csv", _exams().iloc[:EXAM_SPLIT]), _lt4_second],
        _lt4_expect,
        columns=EXAM_COLUMNS,
        refuse_ok=True,
    ),
]
