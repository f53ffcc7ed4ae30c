"""Generate a datanet project of N SQL models, to measure the compiler on projects of any size.

Real projects are layered: staging models over sources, then chains of enrichments, rollups,
joins of two or three upstream models, window computations and time series. The generator
builds that shape and keeps a record of every model's output columns (name and kind), so a
downstream model only ever selects columns that exist upstream and only joins on keys that
both sides carry. The same seed always writes the same project (files and data).

    python benchmarks/gen_project.py --models 200 --out benchmarks/out/p200 [--seed 0]

or from Python: ``generate_project(Path("benchmarks/out/p200"), 200, seed=0)``.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROWS = 1000
KEYS = ("user_id", "account_id", "event_id")


@dataclass(frozen=True)
class Col:
    """An output column: its name, its kind (id, num, ts, cat) and the root word it came from."""

    name: str
    kind: str
    root: str


@dataclass
class Model:
    """A generated model: where it goes, its SQL, and what downstream models may read from it."""

    name: str
    folder: str
    sql: str
    cols: list[Col]
    grain: str | None  # the key the model is unique on, if any

    def of(self, kind: str) -> list[Col]:
        return [c for c in self.cols if c.kind == kind]

    @property
    def keys(self) -> list[str]:
        return [c.name for c in self.cols if c.kind == "id"]

    @property
    def ref(self) -> str:
        return "{{ ref('" + self.name + "') }}"


def _lines(cols: list[str], indent: int = 8) -> str:
    """Comma-separated select items, one a line."""
    pad = " " * indent
    return (",\n").join(pad + c for c in cols)


# --- sources and staging ------------------------------------------------------------------

def _write_sources(out: Path, rng: random.Random) -> None:
    """Three CSV sources of ROWS rows each, with nulls and mixed case like real data."""
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    t0 = datetime(2024, 1, 1)

    def when(days: int) -> str:
        return (t0 + timedelta(seconds=rng.randrange(days * 86400))).strftime("%Y-%m-%d %H:%M:%S")

    users = [{"user_id": i, "name": f"user {i}", "email": f"user{i}@example.com",
              "country": rng.choice(["US", "de", "FR", "gb", "ES", "NL"]),
              "plan": rng.choice(["free", "Pro", "team", "FREE"]), "signup_at": when(365),
              "age": rng.choice(["", *map(str, range(18, 80))]),
              "score": round(rng.uniform(0, 100), 2)} for i in range(1, ROWS + 1)]
    accounts = [{"account_id": i, "user_id": rng.randrange(1, ROWS + 1),
                 "balance": "" if rng.random() < 0.05 else round(rng.uniform(-500, 10000), 2),
                 "currency": rng.choice(["USD", "EUR", "GBP"]), "opened_at": when(365),
                 "status": rng.choice(["open", "Open", "closed", "frozen"]),
                 "credit_limit": rng.choice([500, 1000, 5000, 10000])} for i in range(1, ROWS + 1)]
    events = [{"event_id": i, "user_id": rng.randrange(1, ROWS + 1),
               "account_id": rng.randrange(1, ROWS + 1),
               "event_type": rng.choice(["view", "click", "purchase", "Refund", "PURCHASE"]),
               "occurred_at": when(365),
               "amount": "" if rng.random() < 0.3 else round(rng.uniform(1, 500), 2),
               "duration_ms": rng.randrange(10, 60000),
               "device": rng.choice(["web", "ios", "android", "Web"])} for i in range(1, ROWS + 1)]
    for name, rows in (("users", users), ("accounts", accounts), ("events", events)):
        with open(data / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


STAGING = {
    "users": ("user_id", [
        ("user_id", "cast(user_id as integer)", "id"),
        ("user_name", "trim(name)", "cat"),
        ("email", "lower(trim(email))", "cat"),
        ("country", "upper(trim(country))", "cat"),
        ("plan", "lower(trim(plan))", "cat"),
        ("signup_at", "cast(signup_at as timestamp)", "ts"),
        ("age", "cast(age as integer)", "num"),
        ("score", "cast(score as double)", "num"),
    ]),
    "accounts": ("account_id", [
        ("account_id", "cast(account_id as integer)", "id"),
        ("user_id", "cast(user_id as integer)", "id"),
        ("balance", "coalesce(cast(balance as decimal(14, 2)), 0)", "num"),
        ("currency", "upper(currency)", "cat"),
        ("opened_at", "cast(opened_at as timestamp)", "ts"),
        ("account_status", "lower(trim(status))", "cat"),
        ("credit_limit", "cast(credit_limit as integer)", "num"),
    ]),
    "events": ("event_id", [
        ("event_id", "cast(event_id as integer)", "id"),
        ("user_id", "cast(user_id as integer)", "id"),
        ("account_id", "cast(account_id as integer)", "id"),
        ("event_type", "lower(trim(event_type))", "cat"),
        ("occurred_at", "cast(occurred_at as timestamp)", "ts"),
        ("amount", "cast(amount as decimal(12, 2))", "num"),
        ("duration_ms", "cast(duration_ms as integer)", "num"),
        ("device", "lower(device)", "cat"),
    ]),
}


def staging_model(table: str) -> Model:
    """stg_<table>: typed, trimmed columns of one source, rows without a key dropped."""
    grain, spec = STAGING[table]
    items = [f"{expr} as {name}" for name, expr, _ in spec]
    num = next(name for name, _, kind in spec if kind == "num")
    sql = f"""-- stg_{table}: the {table} source, typed and tidied.
with source as (

    select * from {{{{ source('raw', '{table}') }}}}

),

typed as (

    select
{_lines(items)}
    from source

)

select
{_lines([name for name, _, _ in spec], 4)},
    case
        when {num} is null then 'missing'
        when {num} < 0 then 'negative'
        else 'present'
    end as {num}_state
from typed
where {grain} is not null
"""
    cols = [Col(name, kind, name) for name, _, kind in spec] + [Col(f"{num}_state", "cat", num)]
    return Model(f"stg_{table}", "staging", sql, cols, grain)


# --- model templates ----------------------------------------------------------------------

class Namer:
    """Fresh column names for one model: '<op>_<root>_<model number>', never repeated."""

    def __init__(self, n: int, taken: set[str]) -> None:
        self.n, self.taken = n, set(taken)

    def __call__(self, op: str, root: str) -> str:
        name, k = f"{op}_{root}_{self.n}", 1
        while name in self.taken:
            k += 1
            name = f"{op}_{root}_{self.n}_{k}"
        self.taken.add(name)
        return name


def _pick(rng: random.Random, cols: list[Col], k: int) -> list[Col]:
    return rng.sample(cols, min(k, len(cols)))


def _passthrough(rng: random.Random, up: Model, k: int) -> list[Col]:
    """The keys plus a few other columns of upstream, in upstream order."""
    chosen = set(_pick(rng, [c for c in up.cols if c.kind != "id"], k))
    return [c for c in up.cols if c.kind == "id" or c in chosen]


def enrich(rng: random.Random, n: int, name: str, ups: list[Model]) -> Model:
    """One upstream: buckets (case when), defaults (coalesce), a month (date_trunc)."""
    up = ups[0]
    keep = _passthrough(rng, up, 3)
    new = Namer(n, {c.name for c in keep})
    items, cols, read = [c.name for c in keep], list(keep), set(keep)
    for num in _pick(rng, up.of("num"), 2):
        lo, hi = rng.choice([(0, 10), (10, 100), (50, 500), (100, 1000)])
        band, filled = new("band", num.root), new("filled", num.root)
        items += [f"coalesce({num.name}, 0) as {filled}",
                  f"case\n            when {num.name} is null then 'unknown'\n"
                  f"            when {num.name} < {lo} then 'low'\n"
                  f"            when {num.name} < {hi} then 'mid'\n"
                  f"            else 'high'\n        end as {band}"]
        cols += [Col(filled, "num", num.root), Col(band, "cat", num.root)]
        read.add(num)
    for ts in _pick(rng, up.of("ts"), 1):
        month = new("month", ts.root)
        items.append(f"date_trunc('month', {ts.name}) as {month}")
        cols.append(Col(month, "ts", ts.root))
        read.add(ts)
    for cat in _pick(rng, up.of("cat"), 1):
        flag = new("has", cat.root)
        items.append(f"case when {cat.name} is null then 0 else 1 end as {flag}")
        cols.append(Col(flag, "num", cat.root))
        read.add(cat)
    sql = f"""-- {name}: {up.name} with buckets, defaults and a month.
with base as (

    select
{_lines([c.name for c in up.cols if c in read])}
    from {up.ref}

),

enriched as (

    select
{_lines(items)}
    from base

)

select * from enriched
"""
    return Model(name, "intermediate", sql, cols, up.grain)


def _measures(rng: random.Random, up: Model, new: Namer,
              n_nums: int = 2) -> tuple[list[str], list[Col]]:
    """count(*) plus sums, averages and maxima of upstream numbers, first/last of a time."""
    rows = new("rows", up.name.rsplit("_", 1)[-1])
    items, cols = [f"count(*) as {rows}"], [Col(rows, "num", "rows")]
    for num in _pick(rng, up.of("num"), n_nums):
        for op, fn in rng.sample([("total", "sum"), ("avg", "avg"), ("max", "max")], 2):
            col = new(op, num.root)
            items.append(f"{fn}({num.name}) as {col}")
            cols.append(Col(col, "num", num.root))
    for ts in _pick(rng, up.of("ts"), 1):
        first, last = new("first", ts.root), new("last", ts.root)
        items += [f"min({ts.name}) as {first}", f"max({ts.name}) as {last}"]
        cols += [Col(first, "ts", ts.root), Col(last, "ts", ts.root)]
    return items, cols


def rollup(rng: random.Random, n: int, name: str, ups: list[Model]) -> Model:
    """One upstream grouped by one of its keys: counts, sums, averages, first and last."""
    up = ups[0]
    key = rng.choice(up.keys)
    new = Namer(n, {key})
    items, cols = _measures(rng, up, new)
    rows = cols[0].name
    activity = new("activity", key.split("_")[0])
    sql = f"""-- {name}: {up.name} rolled up to one row per {key}.
with source_rows as (

    select *
    from {up.ref}
    where {key} is not null

),

rolled_up as (

    select
        {key},
{_lines(items)}
    from source_rows
    group by {key}

)

select
    rolled_up.*,
    case
        when {rows} >= 5 then 'frequent'
        when {rows} >= 2 then 'repeat'
        else 'single'
    end as {activity}
from rolled_up
"""
    return Model(name, "intermediate", sql, [Col(key, "id", key), *cols,
                                             Col(activity, "cat", "activity")], key)


def join(rng: random.Random, n: int, name: str, ups: list[Model]) -> Model:
    """A left model joined to one or two others, each rolled up to the join key first."""
    left, rights = ups[0], ups[1:]
    key = rng.choice([k for k in left.keys if all(k in r.keys for r in rights)])
    keep = _passthrough(rng, left, 4)
    new = Namer(n, {c.name for c in keep})
    ctes, joins, items, cols = [], [], [f"base.{c.name}" for c in keep], list(keep)
    for i, right in enumerate(rights, 1):
        alias = f"side_{i}"
        measures, mcols = _measures(rng, right, new, 2 if len(rights) == 1 else 1)
        ctes.append(f"{alias} as (\n\n    select\n        {key},\n{_lines(measures)}\n"
                    f"    from {right.ref}\n    group by {key}\n\n)")
        joins.append(f"left join {alias}\n    on base.{key} = {alias}.{key}")
        for col in mcols:
            expr = f"coalesce({alias}.{col.name}, 0)" if col.kind == "num" else f"{alias}.{col.name}"
            items.append(f"{expr} as {col.name}")
        cols += mcols
    base_cols = _lines([c.name for c in keep])
    sql = (f"-- {name}: {left.name} joined to {', '.join(r.name for r in rights)} on {key}.\n"
           f"with base as (\n\n    select\n{base_cols}\n    from {left.ref}\n\n),\n\n"
           + ",\n\n".join(ctes)
           + f"\n\nselect\n{_lines(items, 4)}\nfrom base\n" + "\n".join(joins) + "\n")
    return Model(name, "intermediate", sql, cols, left.grain)


def window(rng: random.Random, n: int, name: str, ups: list[Model]) -> Model:
    """Per-key sequence numbers, running totals, previous values and deviation from the mean."""
    up = ups[0]
    key = rng.choice([k for k in up.keys if k != up.grain] or up.keys)
    ts, num = rng.choice(up.of("ts")), rng.choice(up.of("num"))
    keep = _passthrough(rng, up, 2)
    keep += [c for c in (ts, num) if c not in keep]
    new = Namer(n, {c.name for c in keep})
    tie = f", {up.grain}" if up.grain and up.grain != key else ""
    over = f"partition by {key} order by {ts.name}{tie}"
    seq, run, prev, dev = (new("seq", key.split("_")[0]), new("running", num.root),
                           new("prev", num.root), new("vs_avg", num.root))
    sql = f"""-- {name}: {up.name} with per-{key} running figures over {ts.name}.
with ordered as (

    select
{_lines([c.name for c in keep])}
    from {up.ref}
    where {ts.name} is not null

)

select
{_lines([c.name for c in keep], 4)},
    row_number() over ({over}) as {seq},
    sum({num.name}) over (
        {over}
        rows between unbounded preceding and current row
    ) as {run},
    lag({num.name}) over ({over}) as {prev},
    {num.name} - avg({num.name}) over (partition by {key}) as {dev}
from ordered
"""
    cols = keep + [Col(seq, "num", "seq"), Col(run, "num", num.root), Col(prev, "num", num.root),
                   Col(dev, "num", num.root)]
    return Model(name, "intermediate", sql, cols, up.grain)


def timeseries(rng: random.Random, n: int, name: str, ups: list[Model]) -> Model:
    """Daily or monthly totals of one upstream, with a rolling average across periods."""
    up = ups[0]
    ts = rng.choice(up.of("ts"))
    grain = rng.choice(["day", "week", "month"])
    new = Namer(n, set())
    period = new("period", grain)
    items, cols = _measures(rng, up, new)
    total = next((c for c in cols[1:] if c.kind == "num"), cols[0])
    rolling = new("rolling", total.root)
    sql = f"""-- {name}: {up.name} per {grain} of {ts.name}.
with periods as (

    select
        date_trunc('{grain}', {ts.name}) as {period},
{_lines(items)}
    from {up.ref}
    where {ts.name} is not null
    group by date_trunc('{grain}', {ts.name})

)

select
    periods.*,
    avg({total.name}) over (
        order by {period}
        rows between 2 preceding and current row
    ) as {rolling}
from periods
"""
    return Model(name, "marts", sql, [Col(period, "ts", grain), *cols,
                                      Col(rolling, "num", total.root)], None)


Template = Callable[[random.Random, int, str, list[Model]], Model]


# --- the project --------------------------------------------------------------------------

def _recent(rng: random.Random, models: list[Model], k: int = 1) -> list[Model]:
    """k distinct models, later ones likelier, so chains grow deep as well as wide."""
    chosen: list[Model] = []
    while len(chosen) < min(k, len(models)):
        pick = rng.choices(models, weights=[i + 1 for i in range(len(models))])[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _join_inputs(rng: random.Random, models: list[Model]) -> list[Model] | None:
    """A left model and one or two others that share one of its keys."""
    left = _recent(rng, [m for m in models if m.keys])[0]
    key = rng.choice(left.keys)
    others = [m for m in models if key in m.keys and m is not left]
    if not others:
        return None
    return [left, *_recent(rng, others, rng.choice([1, 1, 2]))]


def _plan(rng: random.Random, models: list[Model]) -> tuple[Template, list[Model]] | None:
    """A template and upstream models it can use, or None when this draw does not fit."""
    template = rng.choices([enrich, rollup, join, window, timeseries], weights=[3, 3, 4, 2, 1])[0]
    if template is join:
        ups = _join_inputs(rng, models)
        return (join, ups) if ups else None
    needs: dict[Template, Callable[[Model], bool]] = {
        enrich: lambda m: True, rollup: lambda m: bool(m.keys),
        window: lambda m: bool(m.keys and m.of("ts") and m.of("num")),
        timeseries: lambda m: bool(m.of("ts")),
    }
    fitting = [m for m in models if needs[template](m)]
    return (template, _recent(rng, fitting)) if fitting else None


def _next_model(rng: random.Random, n: int, models: list[Model], total: int) -> Model:
    """Model number n: draws until a template fits and its SQL is 20-60 lines."""
    mart = n >= max(3, int(total * 0.85))
    for _ in range(200):
        planned = _plan(rng, models)
        if planned is None:
            continue
        template, ups = planned
        prefix = "mart" if mart or template is timeseries else "int"
        model = template(rng, n, f"{prefix}_{n:04d}_{template.__name__}", ups)
        if 20 <= model.sql.count("\n") <= 60:
            model.folder = "marts" if prefix == "mart" else "intermediate"
            return model
    raise RuntimeError(f"no template fitted model {n}")  # not reached with the 3 staging models


PROJECT_YML = """name: generated
target: dev
on_schema_change: warn
models:
  generated:
    staging:
      +materialized: view
    intermediate:
      +materialized: view
    marts:
      +materialized: table
"""

TARGETS_YML = """dev:
  type: duckdb
  path: .datanet/dev.duckdb
"""

SOURCES_YML = """sources:
  - name: raw
    tables:
      - name: events
        path: data/events.csv
      - name: users
        path: data/users.csv
      - name: accounts
        path: data/accounts.csv
"""


def _schema_yml(models: list[Model]) -> str:
    """unique + not_null on the grain of every model that has one."""
    lines = ["models:"]
    for m in models:
        if m.grain:
            lines += [f"  - name: {m.name}", "    columns:", f"      - name: {m.grain}",
                      "        tests: [unique, not_null]"]
    return "\n".join(lines) + "\n"


def build_models(n_models: int, seed: int = 0) -> list[Model]:
    """The models of a project, in dependency order (no files written)."""
    rng = random.Random(seed)
    models = [staging_model(t) for t in ("events", "users", "accounts")][:n_models]
    for n in range(len(models), n_models):
        models.append(_next_model(rng, n, models, n_models))
    return models


def generate_project(out_dir: Path, n_models: int, seed: int = 0) -> None:
    """Write a complete project of n_models SQL models (plus its data) into out_dir."""
    out_dir = Path(out_dir)
    models = build_models(n_models, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_sources(out_dir, random.Random(seed + 1))
    (out_dir / "datanet.yml").write_text(PROJECT_YML, encoding="utf-8")
    (out_dir / "targets.yml").write_text(TARGETS_YML, encoding="utf-8")
    (out_dir / "sources").mkdir(exist_ok=True)
    (out_dir / "sources" / "raw.yml").write_text(SOURCES_YML, encoding="utf-8")
    (out_dir / ".gitignore").write_text(".datanet/\n", encoding="utf-8")
    for folder in ("staging", "intermediate", "marts"):
        group = [m for m in models if m.folder == folder]
        if not group:
            continue
        (out_dir / "models" / folder).mkdir(parents=True, exist_ok=True)
        for m in group:
            (out_dir / "models" / folder / f"{m.name}.sql").write_text(m.sql, encoding="utf-8")
        (out_dir / "models" / folder / "schema.yml").write_text(_schema_yml(group),
                                                                encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate a datanet project of N SQL models.")
    parser.add_argument("--models", type=int, required=True, help="number of SQL models")
    parser.add_argument("--out", type=Path, required=True, help="directory to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.models < 1:
        parser.error("--models must be at least 1")
    generate_project(args.out, args.models, args.seed)
    print(f"wrote {args.models} models to {args.out}")


if __name__ == "__main__":
    main()
