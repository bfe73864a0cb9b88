"""The dispatch board: a dispatcher books a visit for a ticket from the board, is refused a double booking with what
was typed kept, moves the visit to another hour and another engineer, and finds it in the week view on its day."""
import datetime
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, create_ticket, sign_in, submit, wait_for_next_page


def set_value(browser, element, value):
    """datetime-local fields take their value the way a picker sets it."""
    browser.execute_script("arguments[0].value = arguments[1];", element, value)


def engineer_row(browser, name):
    for row in browser.find_elements(By.CSS_SELECTOR, "#board tbody tr"):
        if row.find_element(By.CSS_SELECTOR, "td.engineer").text == name:
            return row
    raise AssertionError(f"no row for {name}")


def book(browser, ticket, engineer, day, start, end):
    browser.find_element(By.ID, "book-ticket").send_keys(ticket)
    Select(browser.find_element(By.ID, "book-engineer")).select_by_visible_text(engineer)
    set_value(browser, browser.find_element(By.ID, "book-starts"), f"{day}T{start}")
    set_value(browser, browser.find_element(By.ID, "book-ends"), f"{day}T{end}")
    submit(browser, "do-book")


def move(browser, visit, starts=None, engineer=None):
    """Opens a visit's Move form on the board, changes what is given and sends it."""
    visit.find_element(By.TAG_NAME, "summary").click()
    if starts:
        set_value(browser, visit.find_element(By.CLASS_NAME, "move-starts"), starts)
    if engineer:
        Select(visit.find_element(By.CLASS_NAME, "move-engineer")).select_by_visible_text(engineer)
    page = browser.find_element(By.TAG_NAME, "html")
    visit.find_element(By.CLASS_NAME, "do-move").click()
    wait_for_next_page(browser, page)


def test_book_refuse_move_and_see_the_week(browser):
    sign_in(browser)
    create_ticket(browser, "Dispatch board: door controller offline")
    first = browser.find_element(By.ID, "number").text
    create_ticket(browser, "Dispatch board: badge reader dead")
    second = browser.find_element(By.ID, "number").text
    # A day of its own in a far year, so reruns never meet their own bookings.
    day = datetime.date(2033, 1, 3) + datetime.timedelta(days=random.randint(0, 3000))
    browser.get(f"{BASE_URL}/dispatch?view=day&date={day}")
    assert browser.find_element(By.ID, "board-date").get_attribute("value") == str(day)

    book(browser, first, "Sam Rivera", day, "09:00", "11:00")
    assert "Visit booked" in browser.find_element(By.ID, "board-notice").text
    assert first in engineer_row(browser, "Sam Rivera").text
    assert "09:00–11:00" in engineer_row(browser, "Sam Rivera").text

    # Sam is taken from 9 to 11: the second booking is refused, on the same board, with the ticket kept.
    book(browser, second, "Sam Rivera", day, "10:00", "12:00")
    assert "double booking" in browser.find_element(By.ID, "error").text
    assert browser.find_element(By.ID, "book-ticket").get_attribute("value") == second
    assert browser.find_element(By.ID, "book-starts").get_attribute("value") == f"{day}T10:00"
    assert browser.current_url.split("#")[0] == f"{BASE_URL}/dispatch?view=day&date={day}"

    # Move the first visit to the afternoon: only the start changes, the two hours stay.
    move(browser, engineer_row(browser, "Sam Rivera").find_element(By.CSS_SELECTOR, ".visit"), starts=f"{day}T13:00")
    assert "Visit moved" in browser.find_element(By.ID, "board-notice").text
    assert "13:00–15:00" in engineer_row(browser, "Sam Rivera").text

    # Now the 10:00 booking fits; then hand the first visit to Jordan Kim.
    book(browser, second, "Sam Rivera", day, "10:00", "12:00")
    visit = [v for v in engineer_row(browser, "Sam Rivera").find_elements(By.CSS_SELECTOR, ".visit") if first in v.text][0]
    move(browser, visit, engineer="Jordan Kim")
    assert first in engineer_row(browser, "Jordan Kim").text
    assert first not in engineer_row(browser, "Sam Rivera").text and second in engineer_row(browser, "Sam Rivera").text

    # Sam's visit onto Jordan's afternoon clashes: refused, with the Move form open as it was sent.
    move(browser, engineer_row(browser, "Sam Rivera").find_element(By.CSS_SELECTOR, ".visit"), starts=f"{day}T14:00",
         engineer="Jordan Kim")
    assert "double booking" in browser.find_element(By.ID, "error").text
    refused = engineer_row(browser, "Sam Rivera").find_element(By.CSS_SELECTOR, ".visit")
    assert refused.find_element(By.TAG_NAME, "details").get_attribute("open") is not None
    assert refused.find_element(By.CLASS_NAME, "move-starts").get_attribute("value") == f"{day}T14:00"
    assert Select(refused.find_element(By.CLASS_NAME, "move-engineer")).first_selected_option.text == "Jordan Kim"
    assert second in engineer_row(browser, "Sam Rivera").text, "the visit stays where it was"

    # The week view: Monday to Sunday, each visit under its own day.
    submit(browser, "view-week")
    headers = [h.get_attribute("textContent") for h in browser.find_elements(By.CSS_SELECTOR, "#board thead th")][1:]
    assert len(headers) == 7 and headers[0].startswith("Mon") and headers[6].startswith("Sun")
    column = day.weekday()
    cells = engineer_row(browser, "Jordan Kim").find_elements(By.TAG_NAME, "td")[1:]
    assert first in cells[column].text
    assert all(first not in cell.text for index, cell in enumerate(cells) if index != column)

    # The ticket's history says where the visit went from.
    browser.get(f"{BASE_URL}/tickets/{first}")
    assert "Onsite visit moved: Jordan Kim" in browser.find_element(By.ID, "timeline").text
