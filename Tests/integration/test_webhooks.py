"""Outbound webhooks against a running `mend serve` (MEND_URL): a receiver on a loopback port subscribes
through the API, and the deliveries Mend's own outbox loop posts are checked with the verification function
docs/webhooks.md gives receivers, taken from the document itself."""
import json
import os
import re
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import MEND, MEND_URL, admin_token
DOC = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "webhooks.md")


def documented_verifier():
    """The Python block of docs/webhooks.md, run as written."""
    text = open(DOC, encoding="utf-8").read()
    block = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    scope = {}
    exec(block, scope)
    return scope["verify_mend_signature"]


verify_mend_signature = documented_verifier()


def http(method, path, token, body=None):
    request = urllib.request.Request(MEND_URL + path, data=json.dumps(body).encode() if body is not None else None,
                                     method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read().decode()
        return response.status, (json.loads(raw) if raw else None)


class Receiver:
    """Records each POST; answers 503 to the first `failures` of them, then 200."""

    def __init__(self, failures=0):
        self.received = []
        self.failures = failures
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                failing = receiver.failures > 0
                receiver.failures -= 1
                self.send_response(503 if failing else 200)
                self.end_headers()
                self.wfile.write(b"busy" if failing else b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/mend"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, seconds=20):
        deadline = time.time() + seconds
        while len(self.received) < count and time.time() < deadline:
            time.sleep(0.2)
        return self.received

    def close(self):
        self.server.shutdown()


@pytest.fixture(scope="module")
def token():
    return admin_token("webhooks")


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def delivery_log(token, webhook, count, seconds=20):
    """The webhook's delivery log once it shows `count` attempts: Mend records an attempt after the receiver has
    answered it, so the receiver can have the request a moment before the log has its line."""
    deadline = time.time() + seconds
    while True:
        log = http("GET", f"/api/v1/webhooks/{webhook}/deliveries", token)[1]["items"]
        if len(log) >= count or time.time() > deadline:
            return log
        time.sleep(0.2)


def test_documented_verifier_accepts_mend_deliveries_and_refuses_tampering(token, receiver):
    status, created = http("POST", "/api/v1/webhooks", token, {"url": receiver.url, "events": ["created"]})
    assert status == 201 and created["secret"].startswith("whsec_")
    try:
        companies = http("GET", "/api/v1/companies", token)[1]["items"]
        status, ticket = http("POST", "/api/v1/tickets", token,
                              {"summary": "Webhook check: phones down", "companyID": companies[0]["id"]})
        assert status == 201
        headers, body = receiver.wait_for(1)[0]
        assert headers["Mend-Event"] == "created"
        assert verify_mend_signature(created["secret"], body, headers["Mend-Signature"])
        assert not verify_mend_signature(created["secret"], body + b" ", headers["Mend-Signature"])
        assert not verify_mend_signature("whsec_wrong", body, headers["Mend-Signature"])
        payload = json.loads(body)
        assert payload["id"] == headers["Mend-Delivery"]
        assert payload["ticket"]["number"] == ticket["number"]
        assert payload["ticket"]["summary"] == "Webhook check: phones down"
        log = delivery_log(token, created["id"], 1)
        assert log[0]["statusCode"] == 200 and log[0]["state"] == "sent"
    finally:
        http("DELETE", f"/api/v1/webhooks/{created['id']}", token)


def test_a_receiver_that_refuses_gets_the_delivery_again(token):
    receiver = Receiver(failures=1)
    # A kind nothing else fires here: the demo's SLA scheduler keeps firing warnings and breaches.
    status, created = http("POST", "/api/v1/webhooks", token, {"url": receiver.url, "events": ["survey_answered"]})
    try:
        assert http("POST", f"/api/v1/webhooks/{created['id']}/ping", token)[0] == 202
        # The first attempt is refused with 503; the retry comes 30 seconds later.
        received = receiver.wait_for(2, seconds=60)
        assert len(received) == 2
        ids = {headers["Mend-Delivery"] for headers, _ in received}
        assert len(ids) == 1
        for headers, body in received:
            assert verify_mend_signature(created["secret"], body, headers["Mend-Signature"])
        log = delivery_log(token, created["id"], 2)
        assert [entry["statusCode"] for entry in log] == [200, 503]
    finally:
        http("DELETE", f"/api/v1/webhooks/{created['id']}", token)
        receiver.close()
