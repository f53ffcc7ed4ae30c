"""The docs site in a real headless Chromium (Debian's chromium + chromedriver, driven by
selenium): the lineage graph renders, clicking a column draws its upstream and downstream
columns as edges, the history charts mark the anomaly alert, the front page says what is
anomalous, search finds a model by name and by column. One browser for the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

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
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg#graph path.edge")) == 6
    assert not browser.find_elements(By.CSS_SELECTOR, "svg#graph path.coledge")
    selected = browser.find_element(By.CSS_SELECTOR, "svg#graph g.node.sel")
    assert selected.get_attribute("data-id") == "model.customers"
    # the compiled SQL arrives in a second script, after the first page is drawn
    sql = WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR,
                                                                    "#sqlbox pre"))
    assert 'from "main"."stg_customers"' in sql[0].text.lower().replace("\n", " ")
    # a click on a node in the graph opens that node
    browser.find_element(By.CSS_SELECTOR, 'svg#graph g.node[data-id="model.stg_orders"]').click()
    _opens(browser, "stg_orders")


def _opens(browser: WebDriver, name: str) -> None:
    """Wait for the page of `name`: a click sets the location's hash, and the page follows on
    the hashchange event, after the click has returned. The heading found may be replaced
    by the new page's before its text is read (stale): the wait then looks again."""
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: b.find_element(By.TAG_NAME, "h2").text.endswith(name))


def _column_edges(browser: WebDriver, kind: str) -> set[tuple[str | None, str | None]]:
    return {(p.get_attribute("data-from"), p.get_attribute("data-to"))
            for p in browser.find_elements(By.CSS_SELECTOR, f"svg#graph path.coledge.{kind}")}


def test_clicking_a_column_draws_its_upstream_columns_as_edges(browser: WebDriver,
                                                               site: Path) -> None:
    _open(browser, site, "model.customers")
    browser.find_element(By.CSS_SELECTOR, 'tr.col[data-col="customer_lifetime_value"]').click()
    upstream = [li.get_attribute("data-ref")
                for li in browser.find_elements(By.CSS_SELECTOR, "#upstream li")]
    assert upstream == ["model.stg_payments.amount", "seed.raw_payments.amount"]
    assert _column_edges(browser, "up") == {
        ("model.stg_payments.amount", "model.customers.customer_lifetime_value"),
        ("seed.raw_payments.amount", "model.stg_payments.amount")}
    lit = {g.get_attribute("data-id")
           for g in browser.find_elements(By.CSS_SELECTOR, "svg#graph g.node.hl")}
    assert lit == {"model.stg_payments", "seed.raw_payments"}
    assert "Upstream of customers.customer_lifetime_value" in browser.find_element(
        By.ID, "colpanel").text


def test_a_column_clicked_in_the_graph_lights_its_downstream_columns(browser: WebDriver,
                                                                     site: Path) -> None:
    _open(browser, site, "model.stg_orders")
    browser.find_element(By.CSS_SELECTOR, 'svg#graph g.node[data-id="model.stg_orders"] '
                                          'g.colrow[data-col="order_date"]').click()
    assert _column_edges(browser, "down") == {
        ("model.stg_orders.order_date", "model.customers.first_order"),
        ("model.stg_orders.order_date", "model.customers.most_recent_order"),
        ("model.stg_orders.order_date", "model.orders.order_date")}
    assert _column_edges(browser, "up") == {("seed.raw_orders.order_date",
                                             "model.stg_orders.order_date")}
    rows = {(r.find_element(By.XPATH, "ancestor::*[@data-id][1]").get_attribute("data-id"),
             r.get_attribute("data-col"))
            for r in browser.find_elements(By.CSS_SELECTOR, "svg#graph g.colrow.down")}
    assert rows == {("model.customers", "first_order"), ("model.customers",
                                                         "most_recent_order"),
                    ("model.orders", "order_date")}
    assert [li.get_attribute("data-ref") for li in browser.find_elements(
        By.CSS_SELECTOR, "#downstream li")] == ["model.customers.first_order",
                                                "model.customers.most_recent_order",
                                                "model.orders.order_date"]


def test_history_charts_mark_the_anomaly_alert(browser: WebDriver, site: Path) -> None:
    _open(browser, site, "model.orders")
    chart = browser.find_element(By.CSS_SELECTOR, 'svg.chart[data-metric="row_count"]')
    assert len(chart.find_elements(By.CSS_SELECTOR, "circle")) == 31  # 30 days and the build
    [alert] = chart.find_elements(By.CSS_SELECTOR, "circle.alert")
    assert "ALERT: row_count 25 outside expected" in alert.get_attribute("textContent")
    assert browser.find_element(By.CSS_SELECTOR, 'svg.chart[data-metric="null_rate:order_id"]')
    assert browser.find_element(By.CSS_SELECTOR, 'svg.chart[data-metric="freshness"]')
    assert "row_count 25 outside expected" in browser.find_element(By.ID, "alerts").text
    # the front page: what is anomalous, linked to the model
    _open(browser, site)
    anomalous = browser.find_element(By.CSS_SELECTOR, "#status ul.anomalous li")
    assert anomalous.text.startswith("orders warn row_count 25 outside expected")
    anomalous.find_element(By.TAG_NAME, "a").click()
    _opens(browser, "orders")


def test_the_first_render_is_measured_by_the_page(browser: WebDriver, site: Path) -> None:
    """The page measures itself (performance API) for benchmarks/docs; no time is asserted."""
    _open(browser, site, "model.customers")
    [render] = browser.execute_script(
        "return performance.getEntriesByName('datanet:first-render')"
        ".map(e => ({start: e.startTime, took: e.duration}))")
    assert render["start"] > 0 and render["took"] >= 0


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
    _opens(browser, "customers")
