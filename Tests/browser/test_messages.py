"""Client messages on the staff pages: the template editor with its preview, and a status update on a ticket."""
import uuid

from selenium.webdriver.common.by import By

from selenium.webdriver.support.ui import Select

from conftest import (BASE_URL, fill, mail_to, new_ticket_for_contact, resolve_as_staff, sign_in, submit,
                      wait_for_next_page)


def test_template_editor_previews_refuses_a_missing_field_saves_and_resets(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/settings/templates/status_update")
    assert "{{update.body}}" in browser.find_element(By.ID, "fields").text
    submit(browser, "do-preview")
    assert "The carrier found the fault" in browser.find_element(By.ID, "preview-text").text

    # A field the ticket does not have is shown as an error, not rendered blank.
    fill(browser, "template-text", "Hello {{contact.name}}, logo {{msp.logoURL}}")
    submit(browser, "do-preview")
    assert "msp.logoURL" in browser.find_element(By.ID, "error").text
    assert browser.find_element(By.ID, "template-text").get_attribute("value").startswith("Hello {{contact.name}}")

    # An unknown field is refused on save, naming the part.
    fill(browser, "template-text", "Hello {{contact.nickname}}")
    submit(browser, "do-save")
    assert "contact.nickname" in browser.find_element(By.ID, "error").text

    marker = uuid.uuid4().hex[:6]
    fill(browser, "template-subject", "Progress " + marker + ": {{ticket.summary}}")
    fill(browser, "template-text", "Hello {{contact.name}},\n\n{{update.body}}\n\n{{msp.signature}}")
    submit(browser, "do-save")
    assert "Saved" in browser.find_element(By.ID, "notice").text
    assert browser.find_element(By.ID, "custom")
    submit(browser, "do-preview")
    assert browser.find_element(By.ID, "preview-subject").text.startswith("Progress " + marker)
    submit(browser, "do-reset")
    assert browser.find_element(By.ID, "shipped")
    assert browser.find_element(By.ID, "template-subject").get_attribute("value") == "Update: {{ticket.summary}}"


def test_a_status_update_goes_on_the_timeline_and_into_the_outbox(browser):
    sign_in(browser)
    # The oldest open demo tickets were reported by a contact with an email address.
    browser.get(BASE_URL + "/tickets?status=in_progress&sort=oldest")
    browser.find_element(By.CSS_SELECTOR, "#tickets tbody tr a").click()
    assert not browser.find_elements(By.ID, "no-email")
    number = browser.find_element(By.ID, "number").text
    text = "Carrier engineer on site, ETA 30 minutes " + uuid.uuid4().hex[:6]
    fill(browser, "update-body", text)
    submit(browser, "do-update")
    assert text in browser.find_element(By.ID, "timeline").text
    assert "Update:" in browser.find_element(By.ID, "messages-table").text
    browser.get(BASE_URL + "/outbox")
    assert not browser.find_elements(By.ID, "smtp-off")
    assert number in browser.find_element(By.ID, "outbox").text
    # The test command points mend serve at a real SMTP server: the update reaches it, tagged.
    subject, body = mail_to("", text)
    assert subject.startswith(f"[{number}] Update:") and text in body


def deliver_mail(browser, raw):
    """Posts a raw message to the inbound endpoint with the signed-in session, as mend mailgate would."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const csrf = document.querySelector('input[name=_csrf]').value;"
        "fetch('/api/v1/mail/inbound', {method: 'POST', headers: {'Content-Type': 'message/rfc822', 'X-CSRF-Token': csrf},"
        " body: arguments[0]})"
        ".then(r => r.json()).then(done, e => done({error: String(e)}));", raw)


def test_the_quarantine_page_accepts_a_sender_into_a_client(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/mail/inbound")
    sender = f"new-{uuid.uuid4().hex[:6]}@harbor.example"
    subject = "Laptop will not charge " + uuid.uuid4().hex[:4]
    result = deliver_mail(browser, f"From: New Starter <{sender}>\r\nSubject: {subject}\r\n\r\nIt will not charge.\r\n")
    assert result.get("outcome") == "quarantined", result
    browser.get(BASE_URL + "/mail/inbound")
    held = [h for h in browser.find_elements(By.CSS_SELECTOR, "#quarantine .held") if sender in h.text]
    assert len(held) == 1
    # Accepting without picking the client is refused, naming the field; nothing is filed.
    page = browser.find_element(By.TAG_NAME, "html")
    held[0].find_element(By.CSS_SELECTOR, ".do-accept").click()
    wait_for_next_page(browser, page)
    assert "companyID" in browser.find_element(By.ID, "error").text
    held = [h for h in browser.find_elements(By.CSS_SELECTOR, "#quarantine .held") if sender in h.text]
    Select(held[0].find_element(By.CSS_SELECTOR, ".accept-company")).select_by_index(1)
    page = browser.find_element(By.TAG_NAME, "html")
    held[0].find_element(By.CSS_SELECTOR, ".do-accept").click()
    wait_for_next_page(browser, page)
    assert sender not in browser.find_element(By.ID, "quarantine").text
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#inbound tbody tr") if subject in r.text][0]
    assert "accepted" in row.text
    row.find_element(By.TAG_NAME, "a").click()
    assert subject in browser.find_element(By.TAG_NAME, "h1").text


def test_the_client_says_still_broken_then_it_works_on_the_portal(browser):
    summary = "Front desk PC cannot print " + uuid.uuid4().hex[:6]
    sign_in(browser)
    number = new_ticket_for_contact(browser, summary, "Harbor Dental Group", "Dana Whitfield")

    def restore():
        Select(browser.find_element(By.ID, "transition-to")).select_by_value("in_progress")
        submit(browser, "do-transition")
        fill(browser, "restoration-test", "Printed a test page from the front desk")
        submit(browser, "do-restoration")
        assert browser.find_element(By.ID, "status").text == "Restored"

    restore()
    submit(browser, "logout")

    # Dana, the client's contact, signs in and sees only the client's side of the ticket.
    sign_in(browser, email="dana@harbordental.example")
    browser.get(f"{BASE_URL}/tickets/{number}")
    assert not browser.find_elements(By.ID, "diagnosis")
    fill(browser, "confirmation-note", "Still jams on page two")
    submit(browser, "still-broken")
    assert browser.find_element(By.ID, "status").text == "Being worked on"
    assert not browser.find_elements(By.ID, "confirm_restored")
    assert "Still jams on page two" in browser.find_element(By.ID, "conversation").text
    submit(browser, "logout")

    sign_in(browser)
    browser.get(f"{BASE_URL}/tickets/{number}")
    assert "Still jams on page two" in browser.find_element(By.ID, "timeline").text
    fill(browser, "restoration-test", "Replaced the fuser; ten pages printed")
    submit(browser, "do-restoration")
    submit(browser, "logout")

    sign_in(browser, email="dana@harbordental.example")
    browser.get(f"{BASE_URL}/tickets/{number}")
    assert "Please confirm service is restored" in browser.find_element(By.ID, "open-actions").text
    submit(browser, "it-works")
    # Staff have not resolved it yet, but the question was answered: it is not asked again.
    assert browser.find_element(By.ID, "status").text == "Fixed: please check"
    assert not browser.find_elements(By.ID, "confirm_restored") and not browser.find_elements(By.ID, "open-actions")
    submit(browser, "logout")
    sign_in(browser)
    browser.get(f"{BASE_URL}/tickets/{number}")
    assert "Verification by portal: confirmed" in browser.find_element(By.ID, "timeline").text

    # Staff resolve it; later that day Dana finds it broken again and reopens it herself.
    submit(browser, "logout")
    resolve_as_staff(browser, number, 25, "Replaced the fuser in the front desk printer.")
    sign_in(browser, email="dana@harbordental.example")
    browser.get(f"{BASE_URL}/tickets/{number}")
    assert browser.find_elements(By.ID, "rate_service"), "a resolved ticket offers its survey"
    fill(browser, "client-reopen-reason", "Jamming again after lunch")
    submit(browser, "do-client-reopen")
    assert browser.find_element(By.ID, "status").text == "Being worked on"
    assert not browser.find_elements(By.ID, "rate_service"), "a reopened ticket no longer asks to be rated"
