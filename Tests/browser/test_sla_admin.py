"""SLA administration pages: a new policy, a refused edit naming its field, a contract calendar."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, fill, sign_in, submit


def test_the_sla_page_lists_what_is_at_risk_policies_and_contracts(browser):
    sign_in(browser)
    browser.find_element(By.ID, "nav-sla").click()
    assert browser.find_elements(By.CSS_SELECTOR, "#at-risk tbody tr"), "the demo has tickets at risk or breached"
    assert "Standard" in browser.find_element(By.ID, "policies").text
    assert browser.find_elements(By.CSS_SELECTOR, "#contracts tbody tr")


def test_a_new_policy_is_saved_and_a_bad_target_is_refused_by_name(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/sla/policies/new")
    name = f"Gold {uuid.uuid4().hex[:6]}"
    fill(browser, "name", name)
    fill(browser, "p1-response-minutes", "10")
    submit(browser, "save-policy")
    assert "/sla/policies/" in browser.current_url
    assert browser.find_element(By.ID, "p1-response-minutes").get_attribute("value") == "10"
    assert "version 1" in browser.page_source
    fill(browser, "p2-restoration-minutes", "soon")
    submit(browser, "save-policy")
    error = browser.find_element(By.ID, "error").text
    assert "targets.p2.restoration.minutes" in error
    # The refused value stays in the form so it can be corrected.
    assert browser.find_element(By.ID, "p2-restoration-minutes").get_attribute("value") == "soon"


def test_a_contract_calendar_is_set_and_a_bad_zone_is_named(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/sla")
    browser.find_element(By.CSS_SELECTOR, "#contracts tbody tr a").click()
    use_default = browser.find_element(By.ID, "useDefault")
    if use_default.is_selected():
        use_default.click()
    fill(browser, "timezone", "Mars/Olympus")
    submit(browser, "save-contract")
    assert "calendar.timezone" in browser.find_element(By.ID, "error").text
    fill(browser, "timezone", "Europe/London")
    fill(browser, "day-mon", "08:00-12:00, 13:00-17:30")
    submit(browser, "save-contract")
    assert "saved=1" in browser.current_url
    assert browser.find_element(By.ID, "day-mon").get_attribute("value") == "08:00-12:00, 13:00-17:30"
    assert browser.find_element(By.ID, "timezone").get_attribute("value") == "Europe/London"
    Select(browser.find_element(By.ID, "slaPolicyID"))  # the policy choice is offered


def test_the_on_call_page_shows_who_is_on_call_and_the_coming_weeks(browser):
    sign_in(browser)
    browser.find_element(By.ID, "nav-oncall").click()
    assert "After-hours on-call" in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, ".oncall-now").text not in ("", "nobody yet")
    rotation = next(r for r in browser.find_elements(By.CSS_SELECTOR, ".rotation") if "After-hours on-call" in r.text)
    shifts = rotation.find_elements(By.CSS_SELECTOR, ".shifts tbody tr")
    assert 4 <= len(shifts) <= 5, "four weeks of weekly shifts"


def test_the_alert_severity_table_is_edited_on_its_page(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/alerts/settings")
    rows = browser.find_elements(By.CSS_SELECTOR, "#severities tbody tr")
    blank = next(r for r in rows if r.find_elements(By.CSS_SELECTOR, "input") and
                 r.find_element(By.CSS_SELECTOR, "input").get_attribute("value") == "")
    field_id = blank.find_element(By.CSS_SELECTOR, "input").get_attribute("id")
    fill(browser, field_id, "x" * 41)
    submit(browser, "save-alerts")
    assert "must be a severity name of 1 to 40 characters" in browser.find_element(By.ID, "error").text
    browser.get(BASE_URL + "/alerts/settings")
    fill(browser, field_id, "disaster")
    index = field_id.split("-")[1]
    Select(browser.find_element(By.ID, f"impact-{index}")).select_by_value("high")
    Select(browser.find_element(By.ID, f"urgency-{index}")).select_by_value("high")
    submit(browser, "save-alerts")
    assert browser.find_element(By.ID, "saved")
    values = [e.get_attribute("value") for e in browser.find_elements(By.CSS_SELECTOR, "#severities input")]
    assert "disaster" in values
