"""The new-ticket form's Contact list: with scripts it offers the chosen company's contacts only, and choosing a
contact first chooses their company; with scripts off it groups every contact by company, and the server refuses a
contact of another company, keeping what was typed."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, sign_in, submit


def offered_contacts(browser):
    """The contacts a person can pick: options not hidden and not in a disabled group."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#contactID option'))"
        ".filter(o => !(o.parentNode.disabled || o.parentNode.hidden)).map(o => o.textContent)")


def test_the_contact_list_follows_the_chosen_company(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/tickets/new")
    Select(browser.find_element(By.ID, "companyID")).select_by_visible_text("Harbor Dental Group")
    harbor = offered_contacts(browser)
    assert "Dana Whitfield" in harbor and "No contact" in harbor
    assert "Priya Nair" not in harbor, "Cedar Valley's contact is not offered for Harbor Dental"

    Select(browser.find_element(By.ID, "contactID")).select_by_visible_text("Dana Whitfield")
    Select(browser.find_element(By.ID, "companyID")).select_by_visible_text("Cedar Valley School District")
    assert "Priya Nair" in offered_contacts(browser) and "Dana Whitfield" not in offered_contacts(browser)
    assert Select(browser.find_element(By.ID, "contactID")).first_selected_option.text == "No contact", \
        "a contact of the company no longer chosen is let go"

    # Choosing the contact first sets the company to theirs.
    browser.execute_script(
        "const s = document.getElementById('contactID');"
        "s.value = Array.from(s.options).find(o => o.textContent === 'Priya Nair').value;"
        "s.dispatchEvent(new Event('change'));")
    assert Select(browser.find_element(By.ID, "companyID")).first_selected_option.text == "Cedar Valley School District"
    browser.find_element(By.ID, "summary").send_keys(f"Projector offline {uuid.uuid4().hex[:6]}")
    submit(browser, "create")
    assert "Priya Nair" in browser.find_element(By.TAG_NAME, "main").text


def test_without_scripts_contacts_are_grouped_and_a_mismatch_is_refused(scriptless_browser):
    browser = scriptless_browser
    sign_in(browser)
    browser.get(BASE_URL + "/tickets/new")
    groups = [g.get_attribute("label") for g in browser.find_elements(By.CSS_SELECTOR, "#contactID optgroup")]
    assert "Harbor Dental Group" in groups and "Cedar Valley School District" in groups
    summary = f"Phones down {uuid.uuid4().hex[:6]}"
    browser.find_element(By.ID, "summary").send_keys(summary)
    Select(browser.find_element(By.ID, "companyID")).select_by_visible_text("Cedar Valley School District")
    Select(browser.find_element(By.ID, "contactID")).select_by_visible_text("Dana Whitfield")
    submit(browser, "create")
    assert "contact of the ticket's company" in browser.find_element(By.ID, "contact-problem").text
    assert browser.find_element(By.ID, "summary").get_attribute("value") == summary
    assert browser.current_url.split("#")[0] == BASE_URL + "/tickets/new"
