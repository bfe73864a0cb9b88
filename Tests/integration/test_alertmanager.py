"""A real Prometheus Alertmanager (Debian's prometheus-alertmanager) posting its webhook to a running
`mend serve` (MEND_URL, database MEND_DATABASE_URL): firing alerts open a ticket, a repeat joins it,
a resolved alert is noted on it."""
import datetime
import json
import socket
import subprocess
import time
import urllib.request
import urllib.parse
import uuid

import pytest

from conftest import MEND, MEND_URL, admin_token


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return json.loads(text) if text.strip().startswith(("{", "[")) else text


def wait_for(predicate, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out waiting")


@pytest.fixture
def token():
    return admin_token("alertmanager")


@pytest.fixture
def alertmanager(tmp_path, token):
    port = free_port()
    config = tmp_path / "alertmanager.yml"
    config.write_text(f"""
route:
  receiver: mend
  group_by: ['alertname', 'company']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: mend
    webhook_configs:
      - url: {MEND_URL}/api/v1/alerts/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: {token}
""")
    process = subprocess.Popen(
        ["prometheus-alertmanager", f"--config.file={config}", f"--storage.path={tmp_path / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
        stdout=subprocess.DEVNULL, stderr=open(tmp_path / "alertmanager.log", "w"))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _ready(url))
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _ready(url):
    try:
        return urllib.request.urlopen(url + "/-/ready", timeout=2).status == 200
    except OSError:
        return False


def push(url, alerts):
    http("POST", url + "/api/v2/alerts", alerts)


def tickets_with(summary, token):
    query = urllib.parse.quote(summary)
    return http("GET", f"{MEND_URL}/api/v1/tickets?q={query}", token=token)["items"]


def test_alertmanager_opens_repeats_and_resolves_a_ticket(alertmanager, token):
    company = http("GET", MEND_URL + "/api/v1/companies", token=token)["items"][0]["code"]
    run = uuid.uuid4().hex[:8]
    now = datetime.datetime.now(datetime.timezone.utc)
    first = {"labels": {"alertname": f"HostDown{run}", "severity": "critical", "company": company, "instance": "fw1"},
             "annotations": {"summary": f"Firewall fw1 down {run}"}, "startsAt": now.isoformat()}
    push(alertmanager, [first])
    opened = wait_for(lambda: tickets_with(f"fw1 down {run}", token))
    assert len(opened) == 1
    ticket = opened[0]
    assert ticket["source"] == "monitoring_alert" and ticket["priority"] == "p1"
    assert ticket["alert"]["count"] == 1
    # A second alert in the same group makes Alertmanager send the group again, the first alert with it:
    # Mend counts the first as a repeat and opens a ticket for the second.
    second = {"labels": {"alertname": f"HostDown{run}", "severity": "warning", "company": company, "instance": "fw2"},
              "annotations": {"summary": f"Firewall fw2 down {run}"}, "startsAt": now.isoformat()}
    push(alertmanager, [first, second])
    wait_for(lambda: tickets_with(f"fw2 down {run}", token))
    repeated = wait_for(lambda: [t for t in tickets_with(f"fw1 down {run}", token) if t["alert"]["count"] >= 2])
    assert len(tickets_with(f"fw1 down {run}", token)) == 1, "the repeat joined the open ticket"
    assert repeated[0]["number"] == ticket["number"]
    # Resolving: Alertmanager sends the alert as resolved; Mend notes it (the default table only notes).
    ended = dict(first, endsAt=datetime.datetime.now(datetime.timezone.utc).isoformat())
    push(alertmanager, [ended])

    def resolved_event():
        events = http("GET", f"{MEND_URL}/api/v1/tickets/{ticket['number']}/events", token=token)["items"]
        return [e for e in events if e["kind"] == "alert_resolved"]

    assert wait_for(resolved_event)
    final = http("GET", f"{MEND_URL}/api/v1/tickets/{ticket['number']}", token=token)
    assert final["status"] == ticket["status"], "a resolved alert never closes a ticket"
