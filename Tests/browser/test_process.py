"""The process page: an administrator reads the definition in force, renames a status and a role and adds a task
by editing the document in the page, sees the change in the tables, the queue and the header, and gets a broken
document back with every problem listed by its path. The shipped names are put back at the end, as a new version."""
import json

from selenium.webdriver.common.by import By

from conftest import BASE_URL, choose_transition, create_ticket, sign_in, status, submit


def document(browser):
    return json.loads(browser.find_element(By.ID, "process-document").get_attribute("value"))


def apply(browser, definition):
    area = browser.find_element(By.ID, "process-document")
    browser.execute_script("arguments[0].value = arguments[1]", area, json.dumps(definition, indent=2))
    submit(browser, "do-process-apply")


def test_an_admin_renames_adds_a_task_and_is_refused_a_broken_document(browser):
    sign_in(browser)
    browser.find_element(By.ID, "nav-process").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Process: MSP-04c Tier 2 Incident Resolution"
    assert "Waiting on Client" in browser.find_element(By.ID, "status-waiting_on_client").text
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.subprocess h3")]
    assert headings[0] == "04c.01 Incident Diagnosis and Troubleshooting" and len(headings) == 8
    assert "Exit path recorded" in browser.find_element(By.ID, "process-moves").text
    shipped = document(browser)
    try:
        edited = json.loads(json.dumps(shipped))
        for status in edited["statuses"]:
            if status["key"] == "waiting_on_client":
                status["name"] = "Awaiting customer"
        for role in edited["roles"]:
            if role["key"] == "admin":
                role["name"] = "Operations lead"
        edited["subprocesses"][0]["tasks"].append(
            {"id": "04c.01.9", "name": "Check last night's patch run", "lane": "backstage", "role": "engineer",
             "system": "rmm"})
        apply(browser, edited)
        assert "applied" in browser.find_element(By.ID, "notice").text
        assert "Awaiting customer" in browser.find_element(By.ID, "status-waiting_on_client").text
        assert "Check last night's patch run" in browser.find_element(By.ID, "task-04c.01.9").text
        assert "Operations lead" in browser.find_element(By.ID, "nav-profile").text, "the header names the new role"
        browser.get(BASE_URL + "/tickets?status=waiting_on_client")
        assert "Awaiting customer" in browser.page_source

        browser.get(BASE_URL + "/process")
        broken = document(browser)
        broken["statuses"] = [s for s in broken["statuses"] if s["key"] != "with_sme"]
        broken["moves"][4]["gates"] = ["resolution_note"]
        apply(browser, broken)
        problems = browser.find_element(By.ID, "process-problems").text
        assert "statuses" in problems and "with_sme" in problems
        assert "moves[4].gates" in problems and "verification_attempted" in problems
        kept = document(browser)
        assert not any(s["key"] == "with_sme" for s in kept["statuses"]), "what was typed comes back"
        assert "Awaiting customer" in browser.find_element(By.ID, "status-waiting_on_client").text, "nothing applied"
    finally:
        browser.get(BASE_URL + "/process")
        apply(browser, shipped)
        assert "Waiting on Client" in browser.find_element(By.ID, "status-waiting_on_client").text


def test_the_blueprint_is_drawn_and_prints_one_a4_landscape_sheet_per_drawing(browser):
    import base64
    import io

    from pypdf import PdfReader

    sign_in(browser)
    browser.get(BASE_URL + "/process")
    browser.find_element(By.ID, "blueprint-print").click()
    images = browser.find_elements(By.CSS_SELECTOR, "figure.blueprint img")
    assert len(images) == 9, "the overview and the eight sub-processes"
    for image in images:
        assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 0, \
            image.get_attribute("src")
    # As Chromium's "Save as PDF" prints it: the page's own sheet size (A4 landscape) and backgrounds.
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    pdf = PdfReader(io.BytesIO(base64.b64decode(printed["data"])))
    assert len(pdf.pages) == 9, len(pdf.pages)
    for page in pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 841.9) < 3 and abs(height - 595.3) < 3, (width, height)

    # The drawing itself: the lanes, the lines and the tasks, by text.
    browser.get(BASE_URL + "/process/blueprint/04c.02.svg")
    text = browser.find_element(By.TAG_NAME, "svg").text
    for words in ("Client actions", "Onstage", "Backstage", "Support processes", "Systems", "Line of interaction",
                  "Line of visibility", "Line of internal interaction", "Apply the fix", "Did the test pass?"):
        assert words in text, words


def test_the_detail_and_task_reports_follow_the_definition_with_the_periods_figures(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/process")
    browser.find_element(By.ID, "process-task-report").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Task Report"
    rows = browser.find_elements(By.CSS_SELECTOR, "#task-report tbody tr")
    assert len(rows) == 39
    created = browser.find_element(By.ID, "report-task-04c.01.1").find_element(By.CSS_SELECTOR, "td.runs").text
    assert int(created) > 0, "the demo opened tickets this month"
    assert browser.find_element(By.ID, "report-task-04c.02.1").find_element(By.CSS_SELECTOR, "td.runs").text \
        == "not in Mend"
    browser.find_element(By.ID, "period-from").send_keys("01012020")
    browser.find_element(By.ID, "period-to").send_keys("01312020")
    submit(browser, "do-period")
    assert "from=2020-01-01" in browser.current_url
    assert browser.find_element(By.ID, "report-task-04c.01.1").find_element(By.CSS_SELECTOR, "td.runs").text == "0"

    browser.get(BASE_URL + "/process")
    browser.find_element(By.ID, "process-detail-report").click()
    section = browser.find_element(By.ID, "detail-04c.02").text
    assert "Restoration test record" in section and "Service Ticket Resolution Time" in section
    assert "Client portal" in section and "NOC / Tier 2 engineer" in section


CARRIER = {"key": "waiting_on_carrier", "name": "Waiting on carrier", "client_name": "With your carrier",
           "client_text": "Your carrier is working on the line; we follow up with them.", "kind": "waiting",
           "pauses": ["restoration", "resolution"], "reports_as": "waiting_on_third_party"}


def clock_states(browser):
    rows = browser.find_elements(By.CSS_SELECTOR, "#sla tbody tr")
    return {row.find_element(By.TAG_NAME, "td").text: row.find_element(By.CLASS_NAME, "sla-state").text for row in rows}


def test_a_waiting_status_of_the_msps_own_is_offered_at_once_and_retired_with_a_home_for_its_tickets(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/process")
    definition = document(browser)
    # Brought back to life when an earlier run retired it.
    definition["retired"] = [r for r in definition.get("retired", []) if r["key"] != CARRIER["key"]]
    if not definition["retired"]:
        del definition["retired"]
    after = next(i for i, s in enumerate(definition["statuses"]) if s["key"] == "waiting_on_third_party")
    definition["statuses"].insert(after + 1, CARRIER)
    apply(browser, definition)
    assert "applied" in browser.find_element(By.ID, "notice").text
    row = browser.find_element(By.ID, "status-waiting_on_carrier").text
    assert "Waiting on carrier" in row and "yours; its time reports as Waiting on Third Party" in row

    summary = create_ticket(browser)
    choose_transition(browser, "in_progress")
    choose_transition(browser, "waiting_on_carrier")
    assert status(browser) == "Waiting on carrier"
    states = clock_states(browser)
    assert states["Restoration"] == "Paused" and states["Resolution"] == "Paused", states
    ticket_url = browser.current_url
    browser.get(BASE_URL + "/tickets?status=waiting_on_carrier")
    assert summary in browser.find_element(By.TAG_NAME, "main").text

    # Dropping it again is refused until the document says where its tickets go.
    browser.get(BASE_URL + "/process")
    dropped = document(browser)
    dropped["statuses"] = [s for s in dropped["statuses"] if s["key"] != "waiting_on_carrier"]
    apply(browser, dropped)
    assert "must say where the open tickets" in browser.find_element(By.ID, "process-problems").text
    dropped["retired"] = [{"key": "waiting_on_carrier", "name": "Waiting on carrier",
                           "reports_as": "waiting_on_third_party", "pauses": ["restoration", "resolution"],
                           "becomes": "waiting_on_vendor"}]
    apply(browser, dropped)
    assert "applied" in browser.find_element(By.ID, "notice").text
    assert "Waiting on Vendor" in browser.find_element(By.ID, "retired-waiting_on_carrier").text
    browser.get(ticket_url)
    assert status(browser) == "Waiting on Vendor"
    assert "Waiting on carrier was retired from the process" in browser.find_element(By.TAG_NAME, "main").text
