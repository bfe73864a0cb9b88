"""Times in the reader's zone: an engineer picks a zone on the profile page and every page follows it; the SLA
page pages through every ticket at risk and says how many there are."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, create_ticket, sign_in, submit

SAM = ("sam@mend.example", "mend-demo-password")


def test_an_engineer_reads_every_time_in_the_zone_chosen_on_the_profile_page(browser):
    sign_in(browser, *SAM)
    browser.find_element(By.ID, "nav-profile").click()
    assert "UTC" in browser.find_element(By.ID, "profile-now").text
    Select(browser.find_element(By.ID, "profile-zone")).select_by_value("Asia/Tokyo")
    submit(browser, "save-profile")
    assert "Saved" in browser.find_element(By.ID, "saved").text
    assert browser.find_element(By.ID, "profile-now").text.endswith("GMT+9")
    try:
        create_ticket(browser, "Zone check: Tokyo engineer")
        meta = browser.find_element(By.CSS_SELECTOR, ".ticket-head .meta").text
        assert "GMT+9" in meta and "UTC" not in meta
        timeline = browser.find_element(By.ID, "timeline").text
        assert "GMT+9" in timeline and not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", timeline)
        browser.get(BASE_URL + "/dispatch")
        assert "Times in Asia/Tokyo" in browser.find_element(By.CSS_SELECTOR, "main .legend").text
        browser.get(BASE_URL + "/tickets")
        assert "GMT+9" in browser.find_element(By.ID, "tickets").text
    finally:
        browser.get(BASE_URL + "/profile")
        Select(browser.find_element(By.ID, "profile-zone")).select_by_value("")
        submit(browser, "save-profile")
    assert "UTC" in browser.find_element(By.ID, "profile-now").text


def test_the_sla_page_pages_through_every_ticket_at_risk(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/sla")
    shown = browser.find_element(By.ID, "at-risk-shown").text
    match = re.match(r"1–(\d+) of (\d+)", shown)
    assert match, shown
    first, total = int(match.group(1)), int(match.group(2))
    rows = browser.find_elements(By.CSS_SELECTOR, "#at-risk tbody tr")
    assert len(rows) == first
    if total > first:
        browser.find_element(By.ID, "at-risk-next").click()
        assert browser.find_element(By.ID, "at-risk-shown").text.startswith(f"{first + 1}–")
        assert browser.find_elements(By.ID, "at-risk-previous")
