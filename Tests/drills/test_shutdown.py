"""SIGTERM under creation load: `mend serve` stops taking connections, answers every request it had read, finishes
its scheduler and outbox passes and exits 0 within MEND_SHUTDOWN_SECONDS. No answer is a 5xx; every acknowledged
ticket is there after a restart; a request whose connection was reset unanswered (the kernel had queued it, or the
server had not read it, when the listener closed) did nothing; and the database is whole (SQLite's integrity check,
PostgreSQL through the API)."""
import json
import signal
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import call, fresh_postgres_database
from test_crash_and_race import first_company, seeded


def create(url, token, company, summary):
    """(status, body); (0, "refused") when the server no longer took the connection at all, (0, reason) when a
    request it had taken went unanswered."""
    request = urllib.request.Request(
        url + "/api/v1/tickets", method="POST",
        data=json.dumps({"summary": summary, "companyID": company, "impact": "low", "urgency": "low"}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:200]
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            return 0, "refused"
        return 0, repr(error.reason)
    except ConnectionRefusedError:
        return 0, "refused"
    except (ConnectionError, OSError) as error:
        return 0, repr(error)


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_sigterm_under_load_answers_what_it_took_and_exits_cleanly(engine, servers, tmp_path):
    path = tmp_path / "shutdown.sqlite"
    url = f"sqlite://{path}" if engine == "sqlite" else fresh_postgres_database()
    server = servers(url, "shutdown")
    token = seeded(server)
    server.start()
    company = first_company(server, token)
    acknowledged, failures, unread = [], [], []
    lock = threading.Lock()
    stop = threading.Event()

    def work(worker):
        n = 0
        while not stop.is_set():
            summary = f"Shutdown {worker}-{n}"
            status, body = create(server.url, token, company, summary)
            with lock:
                if status == 201:
                    acknowledged.append((body["number"], summary))
                elif status == 0 and body == "refused":
                    stop.set()  # the server no longer takes connections: it is shutting down
                elif status == 0 and "ConnectionReset" in body:
                    # Reset before any answer: a connection the kernel had queued, or one whose request the server
                    # had not read, when the listener closed. Checked below: such a request must have done nothing.
                    unread.append(summary)
                else:
                    failures.append((summary, status, body))
            n += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    began = time.time()
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(timeout=40)
    took = time.time() - began
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert code == 0, f"mend serve exited with {code} on SIGTERM"
    assert took < 20, f"shutdown took {took:.1f} s, past MEND_SHUTDOWN_SECONDS"
    assert failures == [], f"{len(failures)} requests failed instead of being answered or refused: {failures[:5]}"
    assert len(acknowledged) >= 20, f"only {len(acknowledged)} creations before the signal"

    if engine == "sqlite":
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    server.start()
    missing = []
    for number, summary in acknowledged:
        status, _, body = call(f"{server.url}/api/v1/tickets/{number}", token=token)
        if status != 200 or body.get("summary") != summary:
            missing.append((number, status))
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged tickets lost: {missing[:5]}"
    done_anyway = []
    for summary in unread:
        status, _, body = call(f"{server.url}/api/v1/tickets?q={urllib.parse.quote(summary)}", token=token)
        assert status == 200, body
        if any(item["summary"] == summary for item in body["items"]):
            done_anyway.append(summary)
    assert done_anyway == [], f"requests answered with a reset were carried out: {done_anyway}"
