"""Every page works by keyboard: the Tab key reaches every control on it, in order, each with a visible focus ring,
and nothing traps the focus; a skip link jumps past the navigation; and a whole errand (sign in, open a ticket, add a
note) is done without the mouse."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ADMIN, BASE_URL, create_ticket, problems_by_page, sign_in, wait_for_next_page
from test_accessibility import CLIENT_PAGES, STAFF_PAGES

# Marks each control a person can reach with Tab (visible, enabled, not inside a closed <details>); a radio group
# is one stop, as browsers make it. Returns how many there are.
MARK_CONTROLS = """
const controls = Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]'))
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0
               && getComputedStyle(e).visibility !== 'hidden');
const groups = {};
let n = 0;
for (const e of controls) {
  if (e.type === 'radio' && e.name) {
    const form = e.form ? Array.prototype.indexOf.call(document.forms, e.form) : -1;
    const key = form + '/' + e.name;
    if (groups[key] === undefined) { groups[key] = n++; }
    e.dataset.kb = groups[key];
  } else {
    e.dataset.kb = n++;
  }
}
return n;
"""

# What has the focus now: its mark, and whether a focus ring shows on it.
FOCUSED = """
const e = document.activeElement;
if (!e || e === document.body || e.dataset.kb === undefined) { return null; }
const style = getComputedStyle(e);
return [Number(e.dataset.kb), style.outlineStyle !== 'none' && style.outlineWidth !== '0px', e.outerHTML.slice(0, 120)];
"""


def press(browser, key, times=1):
    for _ in range(times):
        ActionChains(browser).send_keys(key).perform()


def tab_through(browser):
    """Tabs from the top of the page to past its last control; returns the problems found."""
    total = browser.execute_script(MARK_CONTROLS)
    browser.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    reached, problems = [], []
    # Date and time fields take one Tab per part (day, month, year, hour...), so allow for several per control.
    for _ in range(4 * total + 5):
        press(browser, Keys.TAB)
        focused = browser.execute_script(FOCUSED)
        if focused is None:
            if reached:
                break
            continue
        index, ring, html = focused
        if reached and index == reached[-1]:
            continue  # the next part of a date or time field
        if reached and index < reached[-1]:
            break  # round again to the top: nothing trapped the focus
        if not ring:
            problems.append(f"no focus ring: {html}")
        reached.append(index)
    missed = sorted(set(range(total)) - set(reached))
    if missed:
        problems.append(f"{len(missed)} of {total} controls never reached, first #{missed[0]}: "
                        + browser.execute_script(f"return document.querySelector('[data-kb=\"{missed[0]}\"]').outerHTML.slice(0, 160)"))
    if reached != sorted(reached):
        problems.append("the focus jumps back and forth instead of following the page")
    return problems


def walk(browser, paths):
    return problems_by_page(browser, paths, tab_through)


def test_every_staff_page_is_reachable_by_tab(browser):
    sign_in(browser)
    create_ticket(browser, "Keyboard walk ticket")
    ticket = browser.current_url.replace(BASE_URL, "")
    assert walk(browser, STAFF_PAGES + [ticket, "/dispatch?view=week"]) == {}


def test_every_client_page_is_reachable_by_tab(browser):
    sign_in(browser, "dana@harbordental.example", "mend-demo-password")
    assert walk(browser, CLIENT_PAGES) == {}


def test_sign_in_open_a_ticket_and_add_a_note_without_the_mouse(browser):
    browser.get(BASE_URL + "/login")
    assert browser.switch_to.active_element.get_attribute("id") == "email", "the sign-in page starts in its form"
    page = browser.find_element(By.TAG_NAME, "html")
    ActionChains(browser).send_keys(ADMIN[0]).send_keys(Keys.TAB).send_keys(ADMIN[1]).send_keys(Keys.ENTER).perform()
    wait_for_next_page(browser, page)
    assert browser.current_url.endswith("/tickets")

    # The skip link puts the focus in the page's content, past the navigation.
    press(browser, Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "skip-link"
    press(browser, Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "content"
    for _ in range(200):
        press(browser, Keys.TAB)
        href = browser.switch_to.active_element.get_attribute("href") or ""
        if "/tickets/T-" in href:
            break
    number = href.rsplit("/", 1)[1]
    page = browser.find_element(By.TAG_NAME, "html")
    press(browser, Keys.ENTER)
    wait_for_next_page(browser, page)
    assert browser.find_element(By.ID, "number").text == number

    for _ in range(300):
        if browser.switch_to.active_element.get_attribute("id") == "note-body":
            break
        press(browser, Keys.TAB)
    note = "Typed by keyboard alone: rebooted the switch"
    ActionChains(browser).send_keys(note).perform()
    for _ in range(10):
        press(browser, Keys.TAB)
        if browser.switch_to.active_element.get_attribute("id") == "add-note":
            break
    page = browser.find_element(By.TAG_NAME, "html")
    press(browser, Keys.ENTER)
    wait_for_next_page(browser, page)
    assert note in browser.find_element(By.ID, "timeline").text
