"""SLA clocks on the staff pages: a new ticket shows its four clocks; the queue sorts by nearest deadline."""
from selenium.webdriver.common.by import By

from conftest import BASE_URL, create_ticket, sign_in


def test_a_new_ticket_shows_its_running_clocks(browser):
    sign_in(browser)
    create_ticket(browser, impact="high")
    rows = browser.find_elements(By.CSS_SELECTOR, "#sla tbody tr")
    clocks = [row.find_element(By.CSS_SELECTOR, "td").text for row in rows]
    assert clocks == ["Response", "Restoration", "Resolution", "Client update"]
    states = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#sla .sla-state")}
    assert states <= {"Running", "At risk", "Breached"} and states, states
    assert "Standard policy" in browser.find_element(By.ID, "sla").text


def test_the_queue_sorts_by_nearest_deadline_and_flags_breaches(browser):
    sign_in(browser)
    browser.get(BASE_URL + "/tickets?open=true&sort=deadline")
    cells = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#tickets tbody .sla-cell")]
    assert cells, "the queue shows an SLA column"
    flags = browser.find_elements(By.CSS_SELECTOR, "#tickets tbody .sla-flag.breached")
    assert flags, "the demo's overdue tickets are flagged as breached"
    # The nearest deadline comes first: the first row is overdue when any row is.
    assert "overdue" in cells[0]
