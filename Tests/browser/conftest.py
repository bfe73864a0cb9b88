"""Browser tests: a real headless Chromium driving a running `mend serve` (MEND_URL) seeded with demo data."""
import os
import uuid

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("MEND_URL", "http://127.0.0.1:8080")
ADMIN = ("admin@mend.example", "mend-demo-password")


def make_driver(javascript=True):
    """A headless Chromium; without JavaScript it shows what a browser with scripts off gets."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(3)
    return driver


def set_viewport(driver, width, height=900):
    """A viewport `width` CSS pixels wide, as a phone has it: Chromium's window never gets narrower than about
    500 pixels, so narrow widths are emulated."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def scriptless_browser():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()


def problems_by_page(driver, paths, check):
    """Opens each path and keeps what `check(driver)` finds wrong there, by path; pages with nothing are left out."""
    problems = {}
    for path in paths:
        driver.get(BASE_URL + path)
        found = check(driver)
        if found:
            problems[path] = found
    return problems


def submit(driver, element_id):
    """Clicks a submit button and waits for the next page, so no assertion reads the old one."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, element_id).click()
    wait_for_next_page(driver, page)


def wait_for_next_page(driver, old_page):
    """Waits until the old document is gone and the new one (after any redirect) has fully loaded."""
    WebDriverWait(driver, 10).until(lambda _: _is_gone(old_page))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _is_gone(element):
    """True once `element` left the document. Chromium sometimes reports a node of a page that was just
    replaced as "does not belong to the document" instead of stale: that is gone too."""
    try:
        element.is_enabled()
        return False
    except (StaleElementReferenceException, WebDriverException):
        return True


def sign_in(driver, email=ADMIN[0], password=ADMIN[1]):
    driver.get(BASE_URL + "/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver, "signin")


def create_ticket(driver, summary=None, impact="medium"):
    summary = summary or f"Browser test {uuid.uuid4().hex[:8]}"
    driver.get(BASE_URL + "/tickets/new")
    driver.find_element(By.ID, "summary").send_keys(summary)
    driver.find_element(By.ID, "description").send_keys("Created by the browser test suite.")
    driver.find_element(By.CSS_SELECTOR, f"#impact option[value='{impact}']").click()
    submit(driver, "create")
    return summary


def fill(driver, element_id, text):
    """Replaces a field's value with `text`."""
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def status(driver):
    """The ticket page's status badge."""
    return driver.find_element(By.ID, "status").text


def choose_transition(driver, value, **fields):
    """Picks a status in the ticket page's Change status form, fills `fields` (by id) and submits."""
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, "transition-to")).select_by_value(value)
    for field_id, text in fields.items():
        driver.find_element(By.ID, field_id).send_keys(text)
    submit(driver, "do-transition")


def mail_to(address, needle="", seconds=30):
    """The newest message the test command's SMTP sink received for `address` containing `needle`, decoded
    (scripts/test.sh points mend serve at the sink and exports MEND_TEST_SMTP_DIR)."""
    import email
    import email.policy
    import glob
    import time

    folder = os.environ["MEND_TEST_SMTP_DIR"]
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = []
        for path in glob.glob(os.path.join(folder, "*.eml")):
            with open(path, "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.default)
            if address in str(message["To"]):
                text = message.get_body(preferencelist=("plain",)).get_content()
                if needle in text:
                    found.append((os.path.getmtime(path), message["Subject"], text))
        if found:
            return max(found)[1:]
        time.sleep(0.3)
    raise AssertionError(f"no mail to {address} containing {needle!r} within {seconds} s")


def new_ticket_for_contact(driver, summary, company, contact):
    """Opens a ticket for `contact` of `company` (as shown in the form's lists) and returns its number."""
    from selenium.webdriver.support.ui import Select

    driver.get(BASE_URL + "/tickets/new")
    driver.find_element(By.ID, "summary").send_keys(summary)
    Select(driver.find_element(By.ID, "companyID")).select_by_visible_text(company)
    Select(driver.find_element(By.ID, "contactID")).select_by_visible_text(contact)
    submit(driver, "create")
    return driver.find_element(By.ID, "number").text


def resolve_as_staff(driver, number, minutes, note):
    """Signs in as the admin, logs time, resolves the ticket with `note` and signs out."""
    from selenium.webdriver.support.ui import Select

    sign_in(driver)
    driver.get(f"{BASE_URL}/tickets/{number}")
    fill(driver, "time-minutes", str(minutes))
    submit(driver, "do-time")
    Select(driver.find_element(By.ID, "transition-to")).select_by_value("resolved")
    driver.find_element(By.ID, "resolution-note").send_keys(note)
    submit(driver, "do-transition")
    assert driver.find_element(By.ID, "status").text == "Resolved"
    submit(driver, "logout")
