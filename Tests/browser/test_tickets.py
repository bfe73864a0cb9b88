"""What a person does on the staff pages: sign in, create, assign, note, log time, move a ticket to Closed."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, choose_transition, create_ticket, sign_in, status, submit, wait_for_next_page


def test_sign_in_shows_the_queue_and_sign_out_ends_the_session(browser):
    sign_in(browser)
    assert browser.current_url.endswith("/tickets")
    rows = browser.find_elements(By.CSS_SELECTOR, "#tickets tbody tr")
    assert len(rows) > 10, "the demo data fills the queue"
    assert "Alex Admin" in browser.page_source
    submit(browser, "logout")
    browser.get(BASE_URL + "/tickets")
    assert "/login" in browser.current_url


def test_wrong_password_is_refused(browser):
    sign_in(browser, password="not-the-password")
    assert "do not match" in browser.find_element(By.CSS_SELECTOR, ".alert").text


def test_queue_filters_by_status(browser):
    sign_in(browser)
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "a[data-status='resolved']").click()
    wait_for_next_page(browser, page)
    statuses = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#tickets tbody .status")}
    assert statuses == {"Resolved"}


def test_create_assign_note_time_and_close(browser):
    sign_in(browser)
    summary = create_ticket(browser, impact="high")
    assert summary in browser.find_element(By.TAG_NAME, "h1").text
    assert status(browser) == "New"

    Select(browser.find_element(By.ID, "assignee-select")).select_by_visible_text("Sam Rivera")
    submit(browser, "do-assign")
    assert browser.find_element(By.ID, "assignee").text == "Sam Rivera"
    assert status(browser) == "Assigned"

    choose_transition(browser, "in_progress")
    assert status(browser) == "In Progress"

    browser.find_element(By.ID, "note-body").send_keys("Checked WAN link and tunnel status.")
    submit(browser, "add-note")
    assert "Checked WAN link and tunnel status." in browser.find_element(By.ID, "timeline").text

    browser.find_element(By.ID, "restoration-test").send_keys("VPN up, CRM reachable from branch")
    submit(browser, "do-restoration")
    assert status(browser) == "Restored"

    # Resolving now is refused, and the page says exactly what is missing.
    choose_transition(browser, "resolved")
    error = browser.find_element(By.ID, "error").text
    assert "Verification has not been attempted" in error
    assert "No time has been entered" in error
    assert status(browser) == "Restored"

    Select(browser.find_element(By.ID, "verification-outcome")).select_by_value("confirmed")
    submit(browser, "do-verification")
    browser.find_element(By.ID, "time-minutes").send_keys("35")
    Select(browser.find_element(By.ID, "time-work-type")).select_by_value("remediation")
    submit(browser, "do-time")
    assert browser.find_element(By.ID, "time-total").text == "35 min"

    choose_transition(browser, "resolved", **{"resolution-note": "Reverted last night's firmware; VPN is stable."})
    assert status(browser) == "Resolved"
    choose_transition(browser, "closed")
    assert status(browser) == "Closed"
    timeline = browser.find_element(By.ID, "timeline").text
    assert "Status Resolved → Closed" in timeline
    assert "Reverted last night's firmware" in timeline


def test_script_in_a_note_is_shown_as_text(browser):
    sign_in(browser)
    create_ticket(browser)
    payload = "<script>document.title='pwned'</script><b>bold</b>"
    browser.find_element(By.ID, "note-body").send_keys(payload)
    browser.find_element(By.ID, "note-onstage").click()
    submit(browser, "add-note")
    assert payload in browser.find_element(By.ID, "timeline").text
    assert browser.title != "pwned"
    assert not browser.find_elements(By.CSS_SELECTOR, "#timeline b")
    onstage = browser.find_elements(By.CSS_SELECTOR, "#timeline li.onstage.note")
    assert any(payload in item.text for item in onstage), "the note is marked onstage"


def test_a_tier1_escalation_carries_its_troubleshooting_backstage(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/tickets/new")
    browser.find_element(By.ID, "summary").send_keys("Shared drive unreachable from Tier 1")
    browser.find_element(By.ID, "tier1Reference").send_keys("T1-9001")
    browser.find_element(By.ID, "tier1Steps").send_keys("Remapped the drive\nChecked DNS")
    submit(browser, "create")
    timeline = browser.find_element(By.ID, "timeline").text
    assert "Remapped the drive" in timeline and "T1-9001" in timeline
    assert "Tier 1 escalation" in browser.page_source
