"""The README's two screenshots of the docs site (docs/img/), from a generated site.

    .venv/bin/python benchmarks/docs/screenshots.py PROJECT_DIR [--out docs/img]

PROJECT_DIR must hold a site (`datanet docs generate`); run a build before for history.
The first shot is a search by column name beside another model's page; the second a model after
a click on one column, its upstream columns listed and lit in the graph.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--node", default="model.customers")
    parser.add_argument("--column", default="customer_lifetime_value")
    parser.add_argument("--search", default="amount")
    parser.add_argument("--first", default="model.orders")
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1120",
                "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        page = (args.project / "target" / "index.html").as_uri()
        driver.get(f"{page}#n={args.first}")
        driver.find_element(By.ID, "search").send_keys(args.search)
        driver.save_screenshot(str(args.out / "docs-search.png"))
        driver.get(f"{page}#n={args.node}")
        driver.refresh()
        driver.find_element(By.CSS_SELECTOR, f'tr.col[data-col="{args.column}"]').click()
        driver.save_screenshot(str(args.out / "docs-column-lineage.png"))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
