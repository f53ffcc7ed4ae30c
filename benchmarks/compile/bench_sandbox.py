"""What Jinja's sandbox (with datanet's limits) costs the render pass, against a plain Environment.

The render pass of each project runs with an empty cache (every template compiled and
rendered), REPS times with the project sandbox and REPS times with a plain
`jinja2.Environment` swapped in; the median CPU seconds of each are printed. Projects: the
example shop, the jaffle_shop and dbt_shop fixtures, and a generated project of N models that
all use Jinja (a loop over columns, `{% set %}`, filters and two macro calls each), so that
no model takes the `ref()`-only fast path that skips Jinja.

    .venv/bin/python benchmarks/compile/bench_sandbox.py [--models 300] [--reps 7]

Run by hand, once, when the machine is quiet (never from tests).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MACROS = """{% macro cents(c) %}({{ c }} * 100)::bigint{% endmacro %}
{% macro label(c) %}upper(trim({{ c }})){% endmacro %}
"""
MODEL = """{{{{ config(materialized='table') }}}}
{{% set cols = ['a', 'b', 'c', 'd', 'e', 'f'] %}}
select id,
{{% for c in cols %}}  sum(case when kind = '{{{{ c }}}}' then {{{{ cents('amount') }}}} end)
      as {{{{ c | lower }}}}_{i},
{{% endfor %}}  {{{{ label('kind') }}}} as kind_label
from {{{{ source('raw', 'events') }}}}
{{% if is_incremental() %}}where id > (select max(id) from {{{{ this }}}}){{% endif %}}
group by id, kind
"""


def generated_project(root: Path, models: int) -> Path:
    """N Jinja models over one CSV source, plus two macros."""
    files = {
        "datanet.yml": "name: bench\n", "targets.yml": "dev: {type: duckdb}\n",
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n      - name: events\n"
                           "        path: data/events.csv\n",
        "data/events.csv": "id,kind,amount\n1,a,2.5\n", "macros/m.sql": MACROS,
        **{f"models/m{i}.sql": MODEL.format(i=i) for i in range(models)},
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def render_seconds(root: Path, plain: bool, reps: int) -> float:
    """Median CPU seconds of the render pass over `root` with an empty cache."""
    import jinja2

    from datanet_sql.compile.passes import render as render_pass
    from datanet_sql.compile.passes.load import load
    from datanet_sql.compile.pipeline import make_context
    from datanet_sql.config.project import load_project
    from datanet_sql.config.sandbox import sandbox
    from datanet_sql.project.manifest import Manifest

    render_pass.sandbox = (lambda: jinja2.Environment(  # type: ignore[attr-defined]
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])) if plain else sandbox
    project = load_project(root)
    times = []
    for _ in range(reps):
        ctx = make_context(project, write=False)
        manifest = load(Manifest(project.name, ctx.target, ctx.dialect), ctx)
        started = time.process_time()
        render_pass.render(manifest, ctx)
        times.append(time.process_time() - started)
    render_pass.sandbox = sandbox  # type: ignore[attr-defined]
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=300)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="datanet-sandbox-") as tmp:
        projects = {
            "examples/shop": REPO / "examples" / "shop",
            "fixtures/jaffle_shop": REPO / "tests" / "fixtures" / "projects" / "jaffle_shop",
            "fixtures/dbt_shop": REPO / "tests" / "fixtures" / "projects" / "dbt_shop",
            f"generated, {args.models} Jinja models": generated_project(Path(tmp), args.models),
        }
        print("| project | plain Environment | sandbox | difference |")
        print("|---|---:|---:|---:|")
        for name, root in projects.items():
            plain = render_seconds(root, True, args.reps)
            boxed = render_seconds(root, False, args.reps)
            print(f"| {name} | {plain * 1000:.0f} ms | {boxed * 1000:.0f} ms | "
                  f"{(boxed / plain - 1) * 100:+.0f}% |")


if __name__ == "__main__":
    main()
