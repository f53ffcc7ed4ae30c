"""The docs site in a real headless Chromium (Debian's chromium + chromedriver, driven by
selenium): the lineage graph renders, clicking a column lists its upstream columns
recursively, search finds a model by name and by column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    assert Path(CHROMEDRIVER).is_file(), "apt-get install -y chromium chromium-driver " \
                                         "(.ci/run does it when missing)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


def _open(browser: WebDriver, site: Path, node: str = "") -> None:
    browser.get((site / "target" / "index.html").as_uri() + (f"#n={node}" if node else ""))
    browser.refresh()  # a new hash alone does not reload a file:// page


def test_the_lineage_graph_renders_the_neighbourhood(browser: WebDriver, site: Path) -> None:
    _open(browser, site, "model.customers")
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg#graph g.node")
    assert {n.get_attribute("data-id") for n in nodes} == {
        "model.customers", "model.stg_customers", "model.stg_orders", "model.stg_payments",
        "seed.raw_customers", "seed.raw_orders", "seed.raw_payments"}
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg#graph path")) == 6
    selected = browser.find_element(By.CSS_SELECTOR, "svg#graph g.node.sel")
    assert selected.get_attribute("data-id") == "model.customers"
    # a click on a node in the graph opens that node
    browser.find_element(By.CSS_SELECTOR, 'svg#graph g.node[data-id="model.stg_orders"]').click()
    assert browser.find_element(By.TAG_NAME, "h2").text.endswith("stg_orders")


def test_clicking_a_column_lists_its_upstream_columns(browser: WebDriver, site: Path) -> None:
    _open(browser, site, "model.customers")
    browser.find_element(By.CSS_SELECTOR, 'tr.col[data-col="customer_lifetime_value"]').click()
    upstream = [li.get_attribute("data-ref")
                for li in browser.find_elements(By.CSS_SELECTOR, "#upstream li")]
    assert upstream == ["model.stg_payments.amount", "seed.raw_payments.amount"]
    lit = {g.get_attribute("data-id")
           for g in browser.find_elements(By.CSS_SELECTOR, "svg#graph g.node.hl")}
    assert lit == {"model.stg_payments", "seed.raw_payments"}
    assert "Upstream of customers.customer_lifetime_value" in browser.find_element(
        By.ID, "colpanel").text


def test_search_finds_a_model_by_name_and_by_column(browser: WebDriver, site: Path) -> None:
    _open(browser, site)
    box = browser.find_element(By.ID, "search")
    box.send_keys("stg_pay")
    found = browser.find_elements(By.CSS_SELECTOR, "#list .result[data-id]")
    assert [r.get_attribute("data-id") for r in found] == ["model.stg_payments"]
    box.clear()
    box.send_keys("lifetime")
    found = browser.find_elements(By.CSS_SELECTOR, "#list .result[data-id]")
    assert [r.get_attribute("data-id") for r in found] == ["model.customers"]
    assert "column customer_lifetime_value" in found[0].text
    found[0].click()
    assert browser.find_element(By.TAG_NAME, "h2").text.endswith("customers")
