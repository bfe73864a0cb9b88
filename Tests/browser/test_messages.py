"""Client messages on the staff pages: the template editor with its preview, and a status update on a ticket."""
import uuid

from selenium.webdriver.common.by import By

from conftest import BASE_URL, fill, sign_in, submit


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
    assert "SMTP is not configured" in browser.find_element(By.ID, "smtp-off").text
    assert number in browser.find_element(By.ID, "outbox").text
