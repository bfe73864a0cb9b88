"""The walk through the process by each role, on a laptop (1400 px) and on a phone (390 px): every page of the
walk answers 200 and fits its width, and a full-page screenshot of each is kept for people to look at, with an
index page, in MEND_SCREENSHOTS (default .test-run/screenshots)."""
import html
import os
import struct

import pytest
from selenium.webdriver.common.by import By

from conftest import BASE_URL, set_viewport, sign_in

FOLDER = os.environ.get("MEND_SCREENSHOTS", os.path.join(os.path.dirname(__file__), "..", "..", ".test-run", "screenshots"))
PASSWORD = "mend-demo-password"
WIDTHS = (1400, 390)

# Each role's walk: what that person opens in a day. "first:<list>" is the first ticket that list shows.
WALKS = {
    "admin": ("admin@mend.example", ["/tickets", "/tickets/new", "/settings/users", "/settings/webhooks",
                                     "/settings/templates", "/settings/resolution", "/alerts/settings", "/process",
                                     "/process/blueprint", "/process/reports/detail", "/process/reports/tasks"]),
    "engineer": ("sam@mend.example", ["/tickets?assignee=me&open=true", "first:/tickets?assignee=me&open=true",
                                      "/dispatch?view=week", "/vendors", "/notifications", "/profile"]),
    "on-call-engineer": ("casey@mend.example", ["/oncall", "/notifications", "/tickets?sort=deadline"]),
    "sme": ("lena@mend.example", ["/tickets?assignee=me&open=true", "/notifications"]),
    "csr": ("riley@mend.example", ["/tickets", "first:/tickets", "/outbox", "/mail/inbound", "/reports/handoffs"]),
    "service-manager": ("morgan@mend.example", ["/reports", "/sla", "/escalation", "/reports/clients"]),
    "client": ("dana@harbordental.example", ["/tickets", "first:/tickets", "/tickets/new", "/reports/clients"]),
}

STATUS_OF = "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));"


def full_page_png(browser, width):
    """The whole page, top to bottom (up to 8,000 px), at one pixel per CSS pixel."""
    height = min(browser.execute_script("return document.documentElement.scrollHeight"), 8000)
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    import base64
    return base64.b64decode(shot["data"])


def png_width(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    return struct.unpack(">I", data[16:20])[0]


def resolve(browser, path):
    if not path.startswith("first:"):
        return path
    browser.get(BASE_URL + path[len("first:"):])
    link = browser.find_element(By.CSS_SELECTOR, "#tickets tbody a[href^='/tickets/T-']")
    return link.get_attribute("href").replace(BASE_URL, "")


@pytest.mark.parametrize("role", list(WALKS))
def test_each_roles_walk_fits_both_widths_and_is_kept_as_screenshots(browser, role):
    email, paths = WALKS[role]
    os.makedirs(FOLDER, exist_ok=True)
    sign_in(browser, email, PASSWORD)
    problems, shots = {}, []
    for index, path in enumerate(paths):
        path = resolve(browser, path)
        status = browser.execute_async_script(STATUS_OF, path)
        if status != 200:
            problems[path] = f"answered {status}"
            continue
        for width in WIDTHS:
            set_viewport(browser, width)
            browser.get(BASE_URL + path)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                problems[f"{path} at {width}"] = f"scrolls sideways by {overflow} px"
            data = full_page_png(browser, width)
            assert png_width(data) == width
            name = f"{role}-{index + 1:02d}-{width}.png"
            with open(os.path.join(FOLDER, name), "wb") as handle:
                handle.write(data)
            shots.append((path, width, name))
    assert problems == {}
    with open(os.path.join(FOLDER, f"{role}.html"), "w") as handle:
        handle.write(f"<!doctype html><meta charset=utf-8><title>Mend: {role}</title><h1>{role} ({html.escape(email)})</h1>")
        for path, width, name in shots:
            handle.write(f"<h2>{html.escape(path)} at {width} px</h2><img src='{name}' width='{min(width, 1000)}'>")
