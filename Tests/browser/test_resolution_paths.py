"""The resolution paths of 04c walked end to end on the ticket page: restored and verified; parts ordered,
dispatched onsite, restored; escalated to a third party; and the vendor, checklist and time-box pages."""
import random
import re
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, choose_transition, create_ticket, fill, sign_in, status, submit, wait_for_next_page


def verify_confirmed(driver):
    Select(driver.find_element(By.ID, "verification-outcome")).select_by_value("confirmed")
    submit(driver, "do-verification")


def diagnose(driver, step, finding, minutes):
    fill(driver, "diagnosis-step", step)
    fill(driver, "diagnosis-finding", finding)
    fill(driver, "diagnosis-minutes", str(minutes))
    submit(driver, "do-diagnosis")


def click_in_row(driver, table_id, button_class, **inputs):
    """Fills the inputs of the first row form of a table and presses its button."""
    form = driver.find_element(By.CSS_SELECTOR, f"#{table_id} .{button_class}").find_element(By.XPATH, "./..")
    for name, value in inputs.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)
    page = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, f".{button_class}").click()
    wait_for_next_page(driver, page)


def test_restored_and_verified_then_reopened(browser):
    sign_in(browser)
    create_ticket(browser, impact="high")
    assert status(browser) == "New"
    diagnose(browser, "Checked the WAN link", "Link up, tunnel down", 15)
    assert status(browser) == "In Progress", "the first troubleshooting step starts the work"
    steps = browser.find_element(By.ID, "diagnosis-steps").text
    assert "Checked the WAN link" in steps and "Link up, tunnel down" in steps
    assert "ends" in browser.find_element(By.ID, "timebox").text, "the first step opens the time box"
    assert browser.find_element(By.ID, "time-total").text == "15 min", "the step's minutes are logged"

    # Leaving Tier 2 without an exit path is refused; each unmet gate links to what meets it.
    choose_transition(browser, "escalated_out")
    error = browser.find_element(By.ID, "error")
    # A transfer restores nothing: it needs the client told, not a verification of a restoration.
    assert "No exit path is recorded" in error.text and "The client has not been told" in error.text
    assert "Verification has not been attempted" not in error.text
    links = [a.get_attribute("href") for a in error.find_elements(By.CSS_SELECTOR, ".gates a")]
    assert any(link.endswith("#exit") for link in links)
    assert any(link.endswith("#note") for link in links)
    assert status(browser) == "In Progress"
    # Restored is reached by a passing test only: the status list does not offer it.
    offered = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#transition-to option")]
    assert "restored" not in offered and "escalated_out" in offered

    fill(browser, "restoration-test", "Tunnel re-keyed; CRM reachable from the branch")
    submit(browser, "do-restoration")
    assert status(browser) == "Restored"
    verify_confirmed(browser)
    choose_transition(browser, "resolved", **{"resolution-note": "Re-keyed the VPN tunnel; the branch is back online."})
    assert status(browser) == "Resolved"

    assert "reopens" in browser.find_element(By.ID, "reopen-note").text
    fill(browser, "reopen-reason", "Tunnel dropped again this morning")
    submit(browser, "do-reopen")
    assert status(browser) == "In Progress"
    assert "Reopened: Tunnel dropped again this morning" in browser.find_element(By.ID, "timeline").text


def test_parts_ordered_dispatched_onsite_and_restored(browser):
    sign_in(browser)
    create_ticket(browser, impact="high")
    number = browser.find_element(By.ID, "number").text
    fill(browser, "part-item", "Power supply 650W")
    fill(browser, "part-rma", "RMA-" + uuid.uuid4().hex[:6])
    submit(browser, "do-part-request")
    assert status(browser) == "Waiting on Parts"

    # A part cannot be received before it is ordered: the only next state offered is Ordered.
    options = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#parts-table .part-next option")]
    assert options == ["ordered"]
    click_in_row(browser, "parts-table", "do-part", state="ordered", carrier="UPS", trackingNumber="1Z999")
    assert "Ordered" in browser.find_element(By.ID, "parts-table").text
    assert status(browser) == "Waiting on Parts"
    click_in_row(browser, "parts-table", "do-part", state="received")
    assert status(browser) == "In Progress", "the last part received ends the wait"

    # Book the visit on a day of its own, so reruns never double-book the engineer.
    day = f"2031-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
    engineer = Select(browser.find_element(By.ID, "visit-engineer")).first_selected_option.text
    browser.execute_script(
        "document.getElementById('visit-start').value = arguments[0];"
        "document.getElementById('visit-end').value = arguments[1];",
        f"{day}T09:{random.randint(0, 5)}0", f"{day}T11:00")
    submit(browser, "do-visit")
    assert status(browser) == "Onsite Scheduled"

    browser.get(f"{BASE_URL}/dispatch?date={day}")
    board = browser.find_element(By.ID, "board").text
    assert number in board and engineer in board
    browser.find_element(By.LINK_TEXT, number).click()

    # The visit is booked years ahead: checking in now asks why, and keeps the travel minutes typed.
    click_in_row(browser, "visits-table", "do-check-in", travelMinutes="25")
    assert "reason" in browser.find_element(By.ID, "error").text
    assert status(browser) == "Onsite Scheduled"
    click_in_row(browser, "visits-table", "do-check-in", reason="The client asked us in before the booked day")
    assert status(browser) == "In Progress"
    assert "On site" in browser.find_element(By.ID, "visits-table").text
    click_in_row(browser, "visits-table", "do-check-out", travelMinutes="30")
    assert "Done" in browser.find_element(By.ID, "visits-table").text
    entries = browser.find_element(By.ID, "time-entries").text
    assert "Travel" in entries and "Onsite" in entries
    # Each entry says when the work was done.
    first_row = browser.find_element(By.CSS_SELECTOR, "#time-entries tbody tr td.when-cell").text
    assert re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+", first_row), first_row

    fill(browser, "restoration-test", "Server boots on the new PSU; services up")
    submit(browser, "do-restoration")
    verify_confirmed(browser)
    choose_transition(browser, "resolved", **{"resolution-note": "Replaced the failed power supply onsite."})
    assert status(browser) == "Resolved"


def test_escalated_to_a_third_party(browser):
    sign_in(browser)
    create_ticket(browser, impact="high")
    diagnose(browser, "Traced the outage to the carrier's POP", "Carrier circuit down", 20)
    fill(browser, "tp-party", "Fibrenet carrier NOC")
    fill(browser, "tp-reference", "FN-" + uuid.uuid4().hex[:5])
    fill(browser, "tp-escalated", "Circuit down at the POP since 08:10")
    fill(browser, "tp-follow-up", "4")
    submit(browser, "do-third-party")
    # Recorded, but the ticket stays until the client is told and a resolution note is written.
    assert status(browser) == "In Progress"
    assert "Fibrenet carrier NOC" in browser.find_element(By.ID, "exit").text
    assert "next check" in browser.find_element(By.ID, "exit").text

    options = browser.find_element(By.CSS_SELECTOR, "#transition .options").text
    assert "The client has not been told" in options
    # The engineer rings the client and logs the call: that tells the client of the transfer.
    fill(browser, "note-body", "Rang the office manager: the carrier has the fault, next update at 12:00.")
    Select(browser.find_element(By.ID, "note-call")).select_by_value("phone")
    submit(browser, "add-note")
    assert "Contact with the client (phone)" in browser.find_element(By.ID, "timeline").text
    assert "The client has not been told" not in browser.find_element(By.CSS_SELECTOR, "#transition .options").text
    choose_transition(
        browser, "escalated_out", **{"resolution-note": "The carrier is repairing the circuit; we follow up every 4 h."})
    assert status(browser) == "Escalated Out"
    fill(browser, "party-resolution", "Fibre splice repaired")
    submit(browser, "do-party-resolved")
    assert "resolved" in browser.find_element(By.ID, "exit").text
    assert "Fibre splice repaired" in browser.find_element(By.ID, "timeline").text


def test_vendor_case_checklist_and_time_box_settings(browser):
    sign_in(browser)
    suffix = uuid.uuid4().hex[:6]
    browser.get(BASE_URL + "/settings/resolution")
    fill(browser, "timebox-p2", "45")
    submit(browser, "do-timebox")
    assert browser.find_element(By.ID, "timebox-p2").get_attribute("value") == "45"
    fill(browser, "checklist-type", f"VPN down {suffix}")
    fill(browser, "checklist-items", "Check WAN\nTunnel status\nRecent changes")
    submit(browser, "do-checklist-create")
    assert f"VPN down {suffix}" in browser.page_source

    browser.get(BASE_URL + "/vendors")
    fill(browser, "vendor-name", f"Fortinet {suffix}")
    fill(browser, "vendor-portal", "not a url")
    submit(browser, "do-vendor")
    assert "portalURL" in browser.find_element(By.ID, "error").text
    fill(browser, "vendor-portal", "https://support.fortinet.example")
    fill(browser, "vendor-phone", "+1 800 555 0100")
    submit(browser, "do-vendor")
    assert f"Fortinet {suffix}" in browser.find_element(By.ID, "vendors").text

    browser.get(BASE_URL + "/tickets/new")
    browser.find_element(By.ID, "summary").send_keys(f"VPN to HQ down {suffix}")
    browser.find_element(By.ID, "type").send_keys(f"VPN down {suffix}")
    submit(browser, "create")
    browser.find_element(By.ID, "check-0").click()
    browser.find_element(By.ID, "check-2").click()
    submit(browser, "do-checklist")
    assert browser.find_element(By.ID, "check-0").is_selected()
    assert not browser.find_element(By.ID, "check-1").is_selected()
    assert "Checklist VPN down" in browser.find_element(By.ID, "timeline").text

    Select(browser.find_element(By.ID, "case-vendor")).select_by_visible_text(f"Fortinet {suffix}")
    fill(browser, "case-number", "FTNT-" + suffix)
    Select(browser.find_element(By.ID, "case-severity")).select_by_value("sev2")
    submit(browser, "do-vendor-case")
    assert status(browser) == "Waiting on Vendor"
    assert "FTNT-" + suffix in browser.find_element(By.ID, "vendor-cases-table").text
    click_in_row(browser, "vendor-cases-table", "do-case", state="vendor_resolved", note="Firmware fix shipped")
    assert status(browser) == "In Progress"
