"""`mend backup` in the middle of creation load and `mend restore` into a new database: every ticket acknowledged
before the backup started is in the restored database, which passes PRAGMA integrity_check; a restore over a database
with data, or a backup over an existing file, is refused."""
import json
import os
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request

MEND = os.environ.get("MEND_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "mend"))


def mend(database, *args):
    return subprocess.run([MEND, *args], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, MEND_DATABASE_URL=f"sqlite://{database}", LOG_LEVEL="warning"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, token, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except (urllib.error.URLError, OSError):
        return 0, None


def test_a_backup_under_load_restores_every_ticket_acknowledged_before_it(tmp_path):
    live = tmp_path / "live.sqlite"
    assert mend(live, "demo", "--tickets", "1").returncode == 0
    token = mend(live, "token", "create", "--email", "admin@mend.example", "--name", "backup").stdout.strip().splitlines()[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([MEND, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, MEND_DATABASE_URL=f"sqlite://{live}", LOG_LEVEL="warning"))
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        request = urllib.request.Request(base + "/api/v1/companies", headers={"Authorization": f"Bearer {token}"})
        company = json.loads(urllib.request.urlopen(request, timeout=10).read())["items"][0]["id"]

        def work(worker):
            n = 0
            while not stop.is_set():
                status, body = post(base + "/api/v1/tickets", token, {"summary": f"Backup {worker}-{n}", "companyID": company})
                if status == 201:
                    with lock:
                        acknowledged.append(body["number"])
                n += 1

        threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        time.sleep(2)
        with lock:
            before = list(acknowledged)
        backup = tmp_path / "mend-backup.sqlite"
        made = mend(live, "backup", "--out", str(backup))
        time.sleep(1)  # the load goes on after the backup too
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    assert made.returncode == 0, made.stderr
    assert "integrity check: ok" in made.stdout
    assert len(before) >= 20, f"only {len(before)} tickets before the backup"
    assert len(acknowledged) > len(before), "creations went on while the backup was taken"

    again = mend(live, "backup", "--out", str(backup))
    assert again.returncode != 0 and "already exists" in again.stderr

    restored = tmp_path / "restored.sqlite"
    done = mend(restored, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(restored) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        numbers = {row[0] for row in db.execute("SELECT number FROM tickets")}
    missing = [n for n in before if int(n.split("-")[1]) not in numbers]
    assert missing == [], f"{len(missing)} of {len(before)} tickets acknowledged before the backup are missing"

    refused = mend(restored, "restore", str(backup))
    assert refused.returncode != 0 and "--force" in refused.stderr
    forced = mend(restored, "restore", str(backup), "--force")
    assert forced.returncode == 0, forced.stderr
    status = mend(restored, "migrate", "--status")
    assert status.returncode == 0 and "up to date" in status.stdout
