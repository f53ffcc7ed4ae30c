"""Time `datanet docs generate` on a generated 1,000-model project, and the page in Chromium.

Steps: write the project (benchmarks/gen_project.py), `datanet build` it so state.db holds a
run of every node (the site's history), then time in subprocesses, as a user meets them:
`datanet docs generate` (a warm compile plus the site) and `datanet compile` alone (so the
site's own share is the difference); then the site's own step in this process from the
compiled manifest. With --browser, headless Chromium opens the page on the model with the most
parents and reports the page's own performance measure (navigation to data loaded, to first
page drawn) and a column click's redraw.

    .venv/bin/python benchmarks/docs/bench_docs.py [--models 1000] [--keep DIR [--reuse]] [--browser]

Run by hand, when the machine is quiet (never from tests).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
REPO = Path(__file__).resolve().parents[2]

from gen_project import generate_project


def datanet(*args: str) -> tuple[float, float]:
    """Seconds one CLI command took in its own process: wall clock, and CPU (user + system,
    from the children's rusage: the figure that holds when other jobs load the machine)."""
    # bytecode cached as an installed datanet has it (a shell with PYTHONDONTWRITEBYTECODE
    # recompiles every module: a second of imports no user pays)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "datanet_sql.cli.main", *args], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return time.perf_counter() - started, cpu


def best(times: list[tuple[float, float]]) -> str:
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    return (f"{min(walls):.2f}s wall, {min(cpus):.2f}s CPU (best of {len(times)}; wall "
            f"{', '.join(f'{t:.2f}' for t in walls)})")


def in_process(root: Path) -> tuple[float, int]:
    """The site's own step from a compiled manifest: CPU seconds and the data file's bytes."""
    sys.path.insert(0, str(REPO))
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.docs import generate_site
    from datanet_sql.docs.site import DATA_FILE
    from datanet_sql.observe.history import history_target

    manifest, ctx = compile_project(root)
    started = time.process_time()
    folder = generate_site(manifest, ctx.project.root, ctx.project.state_dir, ctx.invocation_id,
                           history_target(ctx))
    return time.process_time() - started, (folder / DATA_FILE).stat().st_size


def browser_time(root: Path, repeat: int) -> list[dict[str, float]]:
    """The page's own performance measure on the model with the most parents, in a fresh
    headless Chromium each time: ms from navigation to the data script having run (`data`) and
    to the first page drawn (`drawn`), the drawing alone (`render`), the nodes in the graph,
    and a column click's redraw with column edges (`click`)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    from datanet_sql.docs.site import read_data

    nodes = read_data(root / "target")["nodes"]
    widest = max(nodes, key=lambda uid: len(nodes[uid]["parents"]))
    column = nodes[widest]["columns"][0]["name"]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(arg)
    found = []
    for _ in range(repeat):
        driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
        try:
            driver.get((root / "target" / "index.html").as_uri() + f"#n={widest}")
            [measure] = driver.execute_script(
                "return performance.getEntriesByName('datanet:first-render')"
                ".map(e => [e.startTime, e.duration])")
            drawn = len(driver.find_elements(By.CSS_SELECTOR, "svg#graph g.node"))
            click = driver.execute_script(
                "const t = performance.now(); pickColumn(current, arguments[0]);"
                "return performance.now() - t;", column)
            found.append({"data": measure[0], "render": measure[1],
                          "drawn": measure[0] + measure[1], "nodes": drawn, "click": click})
        finally:
            driver.quit()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="write the project here")
    parser.add_argument("--reuse", action="store_true",
                        help="the --keep project is already built: skip writing and building")
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="docs_bench_")) / "project"
    if not (args.reuse and args.keep):
        shutil.rmtree(root, ignore_errors=True)
        generate_project(root, args.models, seed=0)
        built = datanet("build", "--project-dir", str(root))
        print(f"{args.models} models; build (history for the site): {built[0]:.1f}s")
    compiles = [datanet("compile", "--project-dir", str(root)) for _ in range(args.repeat)]
    docs = [datanet("docs", "generate", "--project-dir", str(root)) for _ in range(args.repeat)]
    print(f"datanet compile (warm):       {best(compiles)}")
    print(f"datanet docs generate (warm): {best(docs)}")
    site, size = in_process(root)
    print(f"site step alone (in process): {site:.2f}s CPU; data file {size / 1e6:.1f} MB")
    if args.browser:
        for run in browser_time(root, args.repeat):
            print("page in headless Chromium (ms from navigation): data script run "
                  f"{run['data']:.0f}, first page drawn {run['drawn']:.0f} (drawing "
                  f"{run['render']:.0f}, {run['nodes']} graph nodes); a column click "
                  f"{run['click']:.0f}")
    if args.keep is None:
        shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
