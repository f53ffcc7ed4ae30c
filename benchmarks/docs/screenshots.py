"""The README's screenshots of the docs site (docs/img/), taken in headless Chromium from a
copy of examples/shop.

    .venv/bin/python benchmarks/docs/screenshots.py [--out docs/img]

What the copy gets, so every part of the site has something to show (the example itself is
left as it is): an anomaly test on `fct_orders` and a one-day freshness rule on `raw.orders`
(its files' times set 30 hours back, so it is late); 30 days of simulated measurements of
`fct_orders` (1.6 times its real row count, a weekly dip on Sundays) written through the state
API before two real builds, so the second build's row count is a drop the anomaly test flags;
then `datanet source freshness` and `datanet docs generate`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from datanet_sql.observe.state import StateStore, TableMetrics

ANOMALY = "  - name: fct_orders\n    tests:\n      - anomaly: {metrics: [row_count, null_rate]}\n"
FRESHNESS = "      - name: orders\n        freshness: {warn_after: {count: 1, period: day}}\n"


def datanet(root: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "datanet_sql.cli.main", *args, "--project-dir",
                    str(root)], env=env, check=args[0] != "source", stdout=subprocess.DEVNULL)


def prepare(root: Path) -> None:
    """The copy of examples/shop, built twice over simulated history; its site generated."""
    shutil.copytree(REPO / "examples" / "shop", root,
                    ignore=shutil.ignore_patterns(".datanet", "target"))
    marts = root / "models" / "marts" / "schema.yml"
    marts.write_text(marts.read_text().replace("  - name: fct_orders\n", ANOMALY, 1))
    sources = root / "sources" / "raw.yml"
    sources.write_text(sources.read_text().replace("      - name: orders\n", FRESHNESS, 1))
    late = time.time() - 30 * 3600
    for path in (root / "data" / "orders").iterdir():
        os.utime(path, (late, late))
    datanet(root, "build")
    store = StateStore(root / ".datanet" / "state.db")
    [real] = store.metrics("model.fct_orders", "dev")
    start = real.measured_at - 31 * 86400
    store.record_metrics(None, "dev", [
        TableMetrics("model.fct_orders", int(real.row_count * 1.6 * (0.8 if day % 7 == 6 else 1)
                                             + (day * 37) % 23), real.null_rates,
                     measured_at=start + day * 86400) for day in range(30)])
    datanet(root, "build")
    datanet(root, "source", "freshness")
    datanet(root, "docs", "generate")


def shoot(driver: WebDriver, page: str, out: Path) -> None:
    """Front page; a search; the charts of fct_orders; a column's lineage in the graph."""
    driver.get(page)
    driver.save_screenshot(str(out / "docs-status.png"))
    driver.get(f"{page}#n=model.fct_orders")
    driver.refresh()
    driver.find_element(By.ID, "search").send_keys("amount")
    history = driver.find_element(By.XPATH, "//h3[text()='Run history']")
    driver.execute_script("arguments[0].scrollIntoView()", history)
    driver.save_screenshot(str(out / "docs-history.png"))
    driver.get(f"{page}#n=model.stg_payments")
    driver.refresh()
    driver.find_element(By.CSS_SELECTOR, 'svg#graph g.colrow[data-col="amount"]').click()
    driver.save_screenshot(str(out / "docs-column-lineage.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="docs_shots_")) / "shop"
    prepare(root)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900",
                "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        shoot(driver, (root / "target" / "index.html").as_uri(), args.out)
    finally:
        driver.quit()
        shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
