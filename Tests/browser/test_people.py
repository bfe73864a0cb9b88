"""The People page: an admin invites a colleague, gives them a role, turns the account off and on, resets the
password; each new password is shown once."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, fill, sign_in, submit


def row_of(browser, email):
    return [r for r in browser.find_elements(By.CSS_SELECTOR, "#users tbody tr") if email in r.text][0]


def click_in(browser, row, css):
    from conftest import wait_for_next_page
    page = browser.find_element(By.TAG_NAME, "html")
    row.find_element(By.CSS_SELECTOR, css).click()
    wait_for_next_page(browser, page)


def test_an_admin_invites_changes_turns_off_and_resets_a_colleague(browser):
    sign_in(browser)
    browser.find_element(By.ID, "nav-users").click()
    email = f"nia.{uuid.uuid4().hex[:6]}@mend.example"
    fill(browser, "invite-name", "Nia Noc")
    fill(browser, "invite-email", email)
    Select(browser.find_element(By.ID, "invite-role")).select_by_value("on_call_engineer")
    submit(browser, "do-invite")
    password = browser.find_element(By.ID, "shown-once").text.split(": ")[-1]
    assert len(password) == 16
    assert "On-call" in row_of(browser, email).text or "on call" in row_of(browser, email).text.lower()
    browser.refresh()
    assert not browser.find_elements(By.ID, "shown-once"), "a password is shown once"

    row = row_of(browser, email)
    Select(row.find_element(By.CSS_SELECTOR, "select.user-role")).select_by_value("sme")
    click_in(browser, row, "button.do-role")
    assert "Saved" in browser.find_element(By.ID, "users-notice").text
    click_in(browser, row_of(browser, email), "button.do-deactivate")
    assert "turned off" in row_of(browser, email).text
    click_in(browser, row_of(browser, email), "button.do-activate")
    click_in(browser, row_of(browser, email), "button.do-reset")
    new_password = browser.find_element(By.ID, "shown-once").text.split(": ")[-1]
    assert new_password != password

    # The colleague signs in with the password given to them.
    browser.find_element(By.ID, "logout").click()
    sign_in(browser, email, new_password)
    assert "Nia Noc" in browser.find_element(By.ID, "nav-profile").text
