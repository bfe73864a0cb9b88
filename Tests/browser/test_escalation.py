"""Escalation in the browser: the policy form, a level paging on-call and the page taken, the CSR handoff
and its report, escalations by hand, pull next, notifications and working hours, a new rotation."""
import re
import time
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, fill, sign_in, submit

DEMO_STAFF = {
    "Sam Rivera": "sam@mend.example", "Jordan Kim": "jordan@mend.example", "Casey Morgan": "casey@mend.example",
    "Dr. Lena Fischer": "lena@mend.example", "Morgan Blake": "morgan@mend.example", "Riley Chen": "riley@mend.example",
    "Taylor Brooks": "taylor@mend.example", "Alex Admin": "admin@mend.example",
}


def new_ticket(browser, summary, impact, urgency):
    browser.get(BASE_URL + "/tickets/new")
    fill(browser, "summary", summary)
    Select(browser.find_element(By.ID, "impact")).select_by_value(impact)
    Select(browser.find_element(By.ID, "urgency")).select_by_value(urgency)
    submit(browser, "create")
    return browser.find_element(By.ID, "number").text


def wait_for(browser, url, predicate, seconds=15):
    """Reloads `url` until `predicate(browser)` holds: the scheduler runs every second."""
    deadline = time.time() + seconds
    while True:
        browser.get(url)
        if predicate(browser):
            return
        assert time.time() < deadline, f"gave up waiting on {url}"
        time.sleep(0.5)


def test_a_policy_is_refused_by_field_then_saved_with_versions(browser):
    sign_in(browser)
    browser.find_element(By.ID, "nav-escalation").click()
    assert "P1 standard escalation" in browser.find_element(By.ID, "policies").text
    browser.find_element(By.ID, "new-policy").click()
    fill(browser, "name", "P3 watch")
    Select(browser.find_element(By.ID, "priority")).select_by_value("p3")
    Select(browser.find_element(By.ID, "L0-trigger")).select_by_value("clock")
    Select(browser.find_element(By.ID, "L0-clock")).select_by_value("restoration")
    fill(browser, "L0-percent", "1500")
    browser.find_element(By.ID, "L0-role-service_manager").click()
    submit(browser, "save-policy")
    assert "levels[0].trigger.percent" in browser.find_element(By.ID, "error").text
    assert browser.find_element(By.ID, "L0-percent").get_attribute("value") == "1500", "the typed value stays"
    assert browser.find_element(By.ID, "L0-role-service_manager").is_selected()
    fill(browser, "L0-percent", "50")
    Select(browser.find_element(By.ID, "L0-raise")).select_by_value("p2")
    submit(browser, "save-policy")
    assert "Saved as version 1" in browser.find_element(By.ID, "saved").text
    Select(browser.find_element(By.ID, "L1-trigger")).select_by_value("status")
    Select(browser.find_element(By.ID, "L1-status")).select_by_value("in_progress")
    fill(browser, "L1-minutes", "45")
    Select(browser.find_element(By.ID, "L1-queue")).select_by_value("escalations")
    submit(browser, "save-policy")
    assert "Saved as version 2" in browser.find_element(By.ID, "saved").text
    versions = browser.find_element(By.ID, "versions").text
    assert "v2" in versions and "v1" in versions
    assert "45 min in In Progress without progress → reassign to escalations" in versions
    browser.get(BASE_URL + "/escalation")
    assert "at 50% of the restoration clock → notify service_manager; raise to P2" in browser.find_element(By.ID, "policies").text


def test_a_level_pages_on_call_and_the_engineer_takes_the_ticket(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/oncall")
    on_call = browser.find_element(By.CSS_SELECTOR, ".oncall-now").text
    browser.get(BASE_URL + "/escalation/policies/new")
    fill(browser, "name", "P4 page at once")
    Select(browser.find_element(By.ID, "priority")).select_by_value("p4")
    Select(browser.find_element(By.ID, "L0-trigger")).select_by_value("clock")
    fill(browser, "L0-percent", "0")
    Select(browser.find_element(By.ID, "L0-page")).select_by_visible_text("After-hours on-call")
    submit(browser, "save-policy")
    assert "Saved as version 1" in browser.page_source
    number = new_ticket(browser, f"Label printer offline {uuid.uuid4().hex[:6]}", "low", "low")
    assert "P4" in browser.find_element(By.ID, "priority").text
    # The page and the level's event are written together; the wait is for the scheduler, not between them.
    wait_for(browser, BASE_URL + f"/tickets/{number}",
             lambda b: b.find_elements(By.ID, "ticket-pages") and "Level 1 of P4 page at once v1 fired" in b.page_source)
    assert on_call in browser.find_element(By.ID, "ticket-pages").text

    browser.delete_all_cookies()
    sign_in(browser, DEMO_STAFF[on_call])
    assert browser.find_element(By.ID, "unread-count").text != ""
    browser.find_element(By.ID, "nav-notifications").click()
    card = [c for c in browser.find_elements(By.CSS_SELECTOR, ".page-card") if number in c.text][0]
    page = browser.find_element(By.TAG_NAME, "html")
    card.find_element(By.CSS_SELECTOR, "button.elect").click()
    from conftest import wait_for_next_page
    wait_for_next_page(browser, page)
    assert f"/tickets/{number}" in browser.current_url
    assert browser.find_element(By.ID, "assignee").text == on_call
    assert "After-hours on-call" in browser.page_source
    assert "elected" in browser.find_element(By.ID, "ticket-pages").text


def test_a_p1_needs_a_csr_handoff_shown_missing_then_recorded_and_reported(browser):
    sign_in(browser, DEMO_STAFF["Riley Chen"])
    summary = f"Mail server down {uuid.uuid4().hex[:6]}"
    number = new_ticket(browser, summary, "high", "high")
    assert browser.find_element(By.ID, "handoff-missing").text == "missing"
    browser.get(BASE_URL + f"/tickets?q={number}")
    assert "handoff missing" in browser.find_element(By.ID, "tickets").text
    browser.get(BASE_URL + f"/tickets/{number}")
    fill(browser, "handoff-expectation", "Mail back within two hours; we call you every 30 minutes.")
    submit(browser, "do-handoff")
    assert not browser.find_elements(By.ID, "handoff-missing")
    record = browser.find_element(By.ID, "handoff-record").text
    assert "Riley Chen told the client" in record and "Mail back within two hours" in record
    # What the client was told stays in the ticket's details, with no ISO time anywhere on the page.
    assert "Mail back within two hours" in browser.find_element(By.ID, "handoff-detail").text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", browser.find_element(By.TAG_NAME, "main").text)
    browser.get(BASE_URL + "/reports/handoffs")
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#handoff-report tbody tr") if number in r.text][0]
    assert "Riley Chen" in row.text
    fill(browser, "from", "last week")
    submit(browser, "show-report")
    assert "Dates are like" in browser.find_element(By.ID, "error").text


def test_escalating_by_hand_needs_a_reason_and_is_recorded(browser):
    sign_in(browser)
    number = new_ticket(browser, f"VPN flapping {uuid.uuid4().hex[:6]}", "medium", "medium")
    Select(browser.find_element(By.ID, "escalate-kind")).select_by_value("hierarchical")
    browser.execute_script("document.getElementById('escalate-reason').removeAttribute('required')")
    submit(browser, "do-escalate")
    assert "reason" in browser.find_element(By.ID, "error").text
    Select(browser.find_element(By.ID, "escalate-kind")).select_by_value("hierarchical")
    fill(browser, "escalate-reason", "Client director asked for the manager")
    submit(browser, "do-escalate")
    assert "Hierarchical escalation to Morgan Blake by Alex Admin: Client director asked for the manager" in browser.find_element(
        By.ID, "timeline").text
    Select(browser.find_element(By.ID, "escalate-kind")).select_by_value("functional")
    fill(browser, "escalate-party", "Fortinet TAC")
    fill(browser, "escalate-reason", "Suspected firmware bug")
    submit(browser, "do-escalate")
    assert "Functional escalation to Fortinet TAC" in browser.find_element(By.ID, "timeline").text
    assert f"/tickets/{number}" in browser.current_url


def test_pull_next_assigns_the_most_urgent_waiting_ticket(browser):
    sign_in(browser, DEMO_STAFF["Jordan Kim"])
    browser.get(BASE_URL + "/tickets")
    submit(browser, "pull-next")
    if "/tickets/T-" in browser.current_url:
        assert browser.find_element(By.ID, "assignee").text == "Jordan Kim"
    else:
        assert browser.find_element(By.ID, "queue-empty")


def test_working_hours_are_refused_by_field_then_saved(browser):
    sign_in(browser, DEMO_STAFF["Sam Rivera"])
    browser.get(BASE_URL + "/notifications")
    always = browser.find_element(By.ID, "always")
    if always.is_selected():
        always.click()
    fill(browser, "timezone", "Mars/Olympus")
    fill(browser, "day-mon", "07:00-15:00")
    submit(browser, "save-hours")
    assert "workingHours.timezone" in browser.find_element(By.ID, "error").text
    fill(browser, "timezone", "Europe/Dublin")
    submit(browser, "save-hours")
    assert "Working hours saved" in browser.find_element(By.ID, "saved").text
    assert browser.find_element(By.ID, "day-mon").get_attribute("value") == "07:00-15:00"
    assert browser.find_element(By.ID, "timezone").get_attribute("value") == "Europe/Dublin"


def test_a_rotation_is_added_from_the_on_call_page(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/oncall")
    name = f"Weekend NOC {uuid.uuid4().hex[:6]}"
    fill(browser, "rotation-name", name)
    submit(browser, "save-rotation")
    assert "members" in browser.find_element(By.ID, "error").text
    assert browser.find_element(By.ID, "rotation-name").get_attribute("value") == name
    Select(browser.find_element(By.ID, "member-0")).select_by_visible_text("Sam Rivera")
    Select(browser.find_element(By.ID, "member-1")).select_by_visible_text("Taylor Brooks")
    Select(browser.find_element(By.ID, "rotation-cadence")).select_by_value("daily")
    fill(browser, "rotation-ack", "5")
    submit(browser, "save-rotation")
    assert name in browser.page_source
    assert "Sam Rivera → Taylor Brooks · hands off daily at 09:00 America/New_York · pages acknowledged within 5 min" in browser.page_source
