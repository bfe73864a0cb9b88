"""An accessibility scan (axe-core, through axe-selenium-python) of every page in the navigation, as staff, as a
client contact and signed out, and of a refused form: no serious or critical violation anywhere."""
import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from conftest import BASE_URL, create_ticket, problems_by_page, set_viewport, sign_in, submit

STAFF_PAGES = ["/tickets", "/tickets?sort=deadline", "/tickets/new", "/sla", "/escalation", "/escalation/policies/new",
               "/oncall", "/dispatch", "/dispatch?view=week", "/vendors", "/outbox", "/mail/inbound", "/notifications", "/settings/users",
               "/settings/webhooks", "/settings/templates", "/settings/resolution", "/alerts/settings", "/reports",
               "/reports/handoffs", "/reports/clients", "/sla/policies/new", "/profile", "/process", "/process/blueprint",
               "/process/reports/detail", "/process/reports/tasks"]
CLIENT_PAGES = ["/tickets", "/tickets?mine=1&view=all", "/tickets?view=closed", "/tickets/new", "/reports/clients",
                "/profile"]


def serious_violations(browser):
    axe = Axe(browser)
    axe.inject()
    found = [v for v in axe.run()["violations"] if v["impact"] in ("serious", "critical")]
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in found]


def scan(browser, paths):
    return problems_by_page(browser, paths, serious_violations)


def test_every_staff_page_and_a_ticket_pass_the_scan(browser):
    sign_in(browser)
    create_ticket(browser, "Accessibility scan ticket")
    ticket = browser.current_url.replace(BASE_URL, "")
    assert scan(browser, STAFF_PAGES + [ticket]) == {}


def test_a_refused_form_passes_the_scan(browser):
    sign_in(browser)
    create_ticket(browser, "Accessibility scan refusal")
    browser.execute_script("document.getElementById('time').noValidate = true;"
                           "document.getElementById('time-minutes').value = '5000';")
    submit(browser, "do-time")
    assert browser.find_element(By.ID, "error")
    assert serious_violations(browser) == []


def test_the_client_portal_and_the_sign_in_page_pass_the_scan(browser):
    browser.get(BASE_URL + "/login")
    assert serious_violations(browser) == []
    sign_in(browser, "dana@harbordental.example", "mend-demo-password")
    browser.get(BASE_URL + "/tickets")
    first = browser.find_element(By.CSS_SELECTOR, "#tickets tbody a").get_attribute("href").replace(BASE_URL, "")
    assert scan(browser, CLIENT_PAGES + [first]) == {}


@pytest.mark.parametrize("width", [1400, 390])
def test_no_page_scrolls_sideways(browser, width):
    set_viewport(browser, width)
    sign_in(browser)
    assert browser.execute_script("return window.innerWidth") == width
    wide = {}
    for path in STAFF_PAGES:
        browser.get(BASE_URL + path)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            wide[path] = overflow
    assert wide == {}
