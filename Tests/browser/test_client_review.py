"""The monthly client service review as an MSP and its client use it: a service manager opens a client's review of
last month from the reports, reads its figures, charts and breaches, mails it (the real SMTP sink receives it) and
prints it to PDF; the client's contact finds it in the portal, without the staff controls, and cannot open another
client's."""
import base64
import datetime
import io
import re

from axe_selenium_python import Axe
from PIL import Image
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

from conftest import BASE_URL, mail_to, sign_in, submit

DANA = "dana@harbordental.example"
FIRST = datetime.date.today().replace(day=1)
LAST_MONTH = (FIRST - datetime.timedelta(days=1)).strftime("%Y-%m")
LAST_MONTH_TITLE = (FIRST - datetime.timedelta(days=1)).strftime("%B %Y")


def open_review_from_reports(browser, client):
    browser.get(f"{BASE_URL}/reports")
    browser.find_element(By.ID, "client-reviews-link").click()
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#client-reviews tbody tr") if client in r.text)
    row.find_element(By.LINK_TEXT, "open").click()
    assert browser.find_element(By.ID, "review-title").text.startswith(client)


def test_a_manager_reads_mails_and_prints_last_months_review(browser):
    sign_in(browser)
    open_review_from_reports(browser, "Harbor Dental Group")
    assert LAST_MONTH_TITLE in browser.find_element(By.ID, "review-title").text
    for card in ("response-time", "resolution-time", "satisfaction"):
        value = browser.find_element(By.CSS_SELECTOR, f"#review-{card} .kpi-value").text
        assert value and value != "–", (card, value)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#review-tickets tbody tr")) > 0
    assert "Resolution" in browser.find_element(By.ID, "review-compliance").text
    # Six months of trend, drawn with their axes: month labels along the bottom and the series' colours.
    chart = browser.find_element(By.CSS_SELECTOR, "#review-trend-sla svg")
    months = [t.text for t in chart.find_elements(By.CSS_SELECTOR, ".x-axis text:not(.axis-title)")]
    assert len(months) == 6 and all(months), months
    image = Image.open(io.BytesIO(chart.screenshot_as_png)).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    def near(target):
        return any(all(abs(a - b) < 40 for a, b in zip(colour, target)) for colour in colours)
    assert near((0x6B, 0x72, 0x80)) and near((0x1D, 0x4E, 0xD8)) and near((0x04, 0x78, 0x57))
    assert browser.find_elements(By.CSS_SELECTOR, "#review-status rect"), "where the time went is drawn"

    # Mailed on demand: the page says so, and the contact's mail carries the figures and the link.
    submit(browser, "mail-review-button")
    assert "mailed to" in browser.find_element(By.ID, "review-notice").text
    assert "Mailed:" in browser.find_element(By.ID, "review-deliveries").text
    subject, text = mail_to(DANA, f"month={LAST_MONTH}", seconds=60)
    assert subject == f"Your service review for {LAST_MONTH_TITLE} from Mend MSP"
    assert "Resolution SLA met:" in text and "Tickets resolved:" in text

    # Printed from the browser: a clean PDF with the review and none of the navigation or controls.
    options = PrintOptions()
    options.background = True
    pdf = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(options))))
    printed = " ".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 2
    for heading in ("Harbor Dental Group", "The month at a glance", "Trend over six months", "Where the time went",
                    "Breaches and why they happened", "Tickets of the month"):
        assert heading in printed, heading
    for chrome in ("Sign out", "Mail this review", "Send the review", "Dispatch"):
        assert chrome not in printed, chrome


def test_the_client_finds_its_own_review_in_the_portal(browser):
    sign_in(browser)
    open_review_from_reports(browser, "Brightline Legal LLP")
    other = browser.current_url.split("?")[0]
    submit(browser, "logout")

    sign_in(browser, email=DANA)
    browser.find_element(By.ID, "nav-reviews").click()
    assert browser.find_element(By.ID, "review-title").text.startswith("Harbor Dental Group")
    assert not browser.find_elements(By.ID, "mail-review-button")
    assert not browser.find_elements(By.ID, "review-delivery")
    # Onstage only: the tickets and figures, no engineer's name.
    tickets = browser.find_element(By.ID, "review-tickets").text
    assert re.search(r"T-\d{6}", tickets)
    page = browser.find_element(By.TAG_NAME, "main").text
    for engineer in ("Sam Rivera", "Jordan Kim", "Casey Morgan", "Taylor Brooks", "Dr. Lena Fischer"):
        assert engineer not in page, engineer
    Axe(browser).inject()
    violations = Axe(browser).run()["violations"]
    assert not [v for v in violations if v["impact"] in ("serious", "critical")], violations
    browser.get(other)
    assert not browser.find_elements(By.ID, "review-title")
    assert "not found" in browser.find_element(By.TAG_NAME, "h1").text.lower()
    submit(browser, "logout")
