"""The reports page as a service manager uses it: KPIs over the demo's past year, charts drawn with their axes,
a figure drilled down to its tickets, the filters, the CSV of what is shown, and an accessibility scan."""
import csv
import datetime
import io
import re

import requests
from axe_selenium_python import Axe
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, sign_in, submit

TODAY = datetime.date.today()
YEAR = f"from={TODAY - datetime.timedelta(days=364)}&to={TODAY}"


def card_count(browser, card):
    """The number of tickets a KPI card links to ("42 tickets", "8 of 40 tickets")."""
    text = browser.find_element(By.CSS_SELECTOR, f"#kpi-{card} a.drill").text
    return int(re.findall(r"\d+", text)[-1])


def test_the_year_shows_every_kpi_and_its_trend_charts_with_axes(browser):
    sign_in(browser)
    browser.get(f"{BASE_URL}/reports?{YEAR}&trend=month")
    for card in ("response-time", "restoration-time", "resolution-time", "first-contact-resolution", "reopen-rate",
                 "satisfaction", "time-logged"):
        value = browser.find_element(By.CSS_SELECTOR, f"#kpi-{card} .kpi-value").text
        assert value and value != "–", (card, value)
    assert card_count(browser, "resolution-time") > 100
    chart = browser.find_element(By.CSS_SELECTOR, "#trend-times svg")
    months = [t.text for t in chart.find_elements(By.CSS_SELECTOR, ".x-axis text:not(.axis-title)")]
    assert len(months) == 12 and all(months), months
    ticks = [t.text for t in chart.find_elements(By.CSS_SELECTOR, ".y-axis text:not(.axis-title)")]
    assert ticks[0].startswith("0.0") and len(ticks) == 5, ticks
    assert chart.find_elements(By.CSS_SELECTOR, "polyline"), "the median times are drawn as lines"
    # The screenshot shows the axes and the lines: grey axis pixels along the bottom, and each series' colour.
    image = Image.open(io.BytesIO(chart.screenshot_as_png)).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    def near(target):
        return any(all(abs(a - b) < 40 for a, b in zip(colour, target)) for colour in colours)
    assert near((0x6B, 0x72, 0x80)), "the period axis is drawn"
    for series in ((0x1D, 0x4E, 0xD8), (0xB4, 0x53, 0x09), (0x04, 0x78, 0x57)):
        assert near(series), f"a series in {series} is drawn"
    bars = browser.find_elements(By.CSS_SELECTOR, "#trend-volume rect.bar")
    assert len(bars) >= 10, "a bar for each month with resolved tickets"
    segments = browser.find_elements(By.CSS_SELECTOR, "#status-restoration rect")
    assert segments and any("Waiting on" in s.find_element(By.TAG_NAME, "title").get_attribute("textContent")
                            for s in segments), "the demo's waits show where the restoration time went"


def test_a_figure_drills_down_to_the_tickets_behind_it(browser):
    sign_in(browser)
    browser.get(f"{BASE_URL}/reports?{YEAR}")
    expected = card_count(browser, "reopen-rate")
    reopened = int(re.findall(r"\d+", browser.find_element(By.CSS_SELECTOR, "#kpi-reopen-rate a.drill").text)[0])
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "#kpi-reopen-rate a.drill").click()
    from conftest import wait_for_next_page
    wait_for_next_page(browser, page)
    assert int(browser.find_element(By.ID, "drill-count").text) == expected
    first_page = browser.current_url
    # The list comes a page at a time: every page's rows together are the tickets behind the figure.
    numbers, yes = [], 0
    while True:
        rows = browser.find_elements(By.CSS_SELECTOR, "#drill-tickets tbody tr")
        numbers += [r.find_element(By.CSS_SELECTOR, "td a").text for r in rows]
        yes += sum(1 for r in rows if r.find_elements(By.TAG_NAME, "td")[4].text == "yes")
        following = browser.find_elements(By.ID, "drill-next")
        if not following:
            break
        page = browser.find_element(By.TAG_NAME, "html")
        following[0].click()
        wait_for_next_page(browser, page)
    assert len(numbers) == len(set(numbers)) == expected and yes == reopened
    browser.get(first_page)
    rows = browser.find_elements(By.CSS_SELECTOR, "#drill-tickets tbody tr")
    number = rows[0].find_element(By.CSS_SELECTOR, "td a").text
    page = browser.find_element(By.TAG_NAME, "html")
    rows[0].find_element(By.CSS_SELECTOR, "td a").click()
    wait_for_next_page(browser, page)
    assert browser.find_element(By.ID, "number").text == number


def test_the_filters_cut_the_report_and_the_csv_is_what_is_shown(browser):
    sign_in(browser)
    browser.get(f"{BASE_URL}/reports?{YEAR}")
    everyone = card_count(browser, "resolution-time")
    Select(browser.find_element(By.ID, "filter-priority")).select_by_value("p1")
    submit(browser, "show-report")
    assert "priority=p1" in browser.current_url
    p1 = card_count(browser, "resolution-time")
    assert 0 < p1 < everyone
    scorecard = browser.find_elements(By.CSS_SELECTOR, "#scorecard tbody tr")
    assert sum(int(r.find_elements(By.TAG_NAME, "td")[1].text) for r in scorecard) == p1
    # The CSV link carries the same cuts; its rows resolved in the period are the card's tickets.
    href = browser.find_element(By.ID, "download-csv").get_attribute("href")
    assert "priority=p1" in href
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    reply = requests.get(href, cookies=cookies, timeout=30)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert rows and {r["priority"] for r in rows} == {"p1"}
    start = str(TODAY - datetime.timedelta(days=364))
    resolved = [r for r in rows if r["resolved_at"] and r["resolved_at"][:10] >= start]
    # Days are in the MSP's zone (UTC in the demo), so the date of resolved_at decides.
    assert len(resolved) == p1


def test_the_reports_page_passes_an_accessibility_scan(browser):
    sign_in(browser)
    browser.get(f"{BASE_URL}/reports?{YEAR}")
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
