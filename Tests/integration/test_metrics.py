"""`GET /metrics` read back by Prometheus's own Python client parser, against the running demo server."""
import re

import requests
from prometheus_client.parser import text_string_to_metric_families

from conftest import MEND_URL, admin_token


def families():
    # A request answered before the scrape, so the request histogram has a series even on a fresh server.
    assert requests.get(MEND_URL + "/healthz", timeout=30).status_code == 200
    reply = requests.get(MEND_URL + "/metrics", timeout=30)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/plain")
    return {family.name: family for family in text_string_to_metric_families(reply.text)}


def test_the_metrics_parse_with_their_types_units_and_labels():
    found = families()
    assert found["mend_tickets_open"].type == "gauge"
    assert found["mend_outbox_messages"].type == "gauge"
    assert found["mend_sla_breaches"].type == "counter" and found["mend_sla_warnings"].type == "counter"
    assert found["mend_sla_scheduler_tick_duration_seconds"].type == "histogram"
    assert found["mend_http_request_duration_seconds"].type == "histogram"
    breaches = {(s.labels["clock"], s.labels["priority"]) for s in found["mend_sla_breaches"].samples}
    assert {("response", "p1"), ("update", "p4")} <= breaches
    # The demo server has been running its scheduler: its ticks are timed.
    ticks = [s for s in found["mend_sla_scheduler_tick_duration_seconds"].samples if s.name.endswith("_count")]
    assert ticks and ticks[0].value >= 1
    # No label value is an id or a ticket number: routes are patterns.
    for family in found.values():
        for sample in family.samples:
            for value in sample.labels.values():
                assert not re.search(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}|T-\d+", value), (sample.name, value)


def test_the_open_ticket_gauges_add_up_to_the_open_queue():
    token = admin_token("metrics-test")
    headers = {"Authorization": f"Bearer {token}"}
    open_total = 0
    cursor = None
    while True:
        url = MEND_URL + "/api/v1/tickets?open=true&limit=200" + (f"&cursor={cursor}" if cursor else "")
        page = requests.get(url, headers=headers, timeout=30).json()
        open_total += len(page["items"])
        cursor = page.get("nextCursor")
        if not cursor:
            break
    gauges = sum(s.value for s in families()["mend_tickets_open"].samples)
    assert gauges == open_total
