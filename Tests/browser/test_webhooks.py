"""The webhook pages in a browser: an admin subscribes a receiver, sends a signed test ping and reads it in
the delivery log, rotates the secret and deletes the subscription."""
import hashlib
import hmac
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from selenium.webdriver.common.by import By

from conftest import BASE_URL, fill, sign_in, submit


def start_receiver():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((dict(self.headers), self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/hook", received


def signed_by(secret, headers, body):
    parts = dict(part.split("=", 1) for part in headers["Mend-Signature"].split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def test_an_admin_subscribes_pings_reads_the_log_rotates_and_deletes(browser):
    server, url, received = start_receiver()
    try:
        sign_in(browser)
        browser.find_element(By.ID, "nav-webhooks").click()
        # Refused: not an http(s) address; what was typed stays.
        fill(browser, "webhook-url", "ftp://files.example/hook")
        fill(browser, "webhook-description", "Chat channel")
        browser.find_element(By.ID, "kind-status_changed").click()
        submit(browser, "do-webhook-create")
        assert "url" in browser.find_element(By.ID, "error").text
        assert browser.find_element(By.ID, "webhook-description").get_attribute("value") == "Chat channel"
        assert browser.find_element(By.ID, "kind-status_changed").is_selected()
        assert browser.current_url.split("#")[0] == f"{BASE_URL}/settings/webhooks"

        fill(browser, "webhook-url", url)
        submit(browser, "do-webhook-create")
        secret = browser.find_element(By.ID, "webhook-secret").text
        assert secret.startswith("whsec_")
        assert "not shown again" in browser.find_element(By.ID, "notice").text

        page = browser.current_url.split("?")[0]
        # A refused save keeps what was typed, on the subscription's own page.
        fill(browser, "webhook-url", "ftp://files.example/other")
        fill(browser, "webhook-description", "Renamed")
        submit(browser, "do-webhook-save")
        assert "url" in browser.find_element(By.ID, "error").text
        assert browser.find_element(By.ID, "webhook-url").get_attribute("value") == "ftp://files.example/other"
        assert browser.find_element(By.ID, "webhook-description").get_attribute("value") == "Renamed"
        assert browser.current_url.split("#")[0] == page
        browser.refresh()
        assert browser.find_element(By.ID, "webhook-url").get_attribute("value") == url
        assert not browser.find_elements(By.ID, "error")

        submit(browser, "do-webhook-ping")
        # Every action lands on the subscription's page, so a reload sends nothing twice.
        assert browser.current_url.split("?")[0] == page
        deadline = time.time() + 20
        while not received and time.time() < deadline:
            time.sleep(0.2)
        headers, body = received[0]
        assert headers["Mend-Event"] == "ping" and signed_by(secret, headers, body)
        for _ in range(50):
            browser.get(page)
            if "HTTP 200" in browser.find_element(By.ID, "webhook-log").text:
                break
            time.sleep(0.2)
        assert "HTTP 200" in browser.find_element(By.ID, "webhook-log").text
        assert not browser.find_elements(By.ID, "webhook-secret")

        submit(browser, "do-webhook-rotate")
        rotated = browser.find_element(By.ID, "webhook-secret").text
        assert rotated.startswith("whsec_") and rotated != secret

        submit(browser, "do-webhook-delete")
        assert url not in browser.find_element(By.TAG_NAME, "main").text
    finally:
        server.shutdown()
