"""The drills start their own `mend serve` processes: on a SQLite file, or on a fresh database of the PostgreSQL
cluster the test command runs (MEND_TEST_POSTGRES_URL). Each process is killed at the end of its test."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

MEND = os.environ.get("MEND_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "mend"))
POSTGRES_URL = os.environ.get("MEND_TEST_POSTGRES_URL", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres_database():
    """A new, empty database in the test cluster; its URL."""
    if not POSTGRES_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("MEND_TEST_POSTGRES_URL is not set (CI=true forbids skipping)")
        pytest.skip("set MEND_TEST_POSTGRES_URL to run the PostgreSQL drill")
    parts = urllib.parse.urlsplit(POSTGRES_URL)
    name = "drill_" + uuid.uuid4().hex[:10]
    subprocess.run(
        ["psql", "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username or "postgres", "-d",
         parts.path.lstrip("/") or "postgres", "-c", f"CREATE DATABASE {name}"],
        check=True, capture_output=True, timeout=60)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


class Server:
    """One `mend serve` on a loopback port with a database URL; `kill()` sends SIGKILL, `start()` starts it again."""

    def __init__(self, database_url, log_dir, name="serve"):
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = os.path.join(log_dir, f"{name}-{self.port}.log")
        self.process = None

    def env(self):
        return dict(os.environ, MEND_DATABASE_URL=self.database_url, LOG_LEVEL="warning")

    def mend(self, *args):
        out = subprocess.run([MEND, *args], capture_output=True, text=True, timeout=300, env=self.env())
        assert out.returncode == 0, out.stderr
        return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""

    def start(self, demo=False):
        args = [MEND, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)]
        if demo:
            args.append("--demo-if-empty")
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=self.env())
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise AssertionError(f"mend serve did not start; see {self.log}")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def call(url, method="GET", token=None, body=None, headers=None, timeout=30):
    """(status, headers with lowercase names, parsed JSON or None); a dropped connection is status 0."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            raw = r.read()
            return r.status, {k.lower(): v for k, v in r.headers.items()}, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return e.code, {k.lower(): v for k, v in e.headers.items()}, parsed
    except (urllib.error.URLError, ConnectionError, OSError, TimeoutError):
        return 0, {}, None


@pytest.fixture
def servers(tmp_path):
    started = []

    def make(database_url, name="serve"):
        server = Server(database_url, str(tmp_path), name)
        started.append(server)
        return server

    yield make
    for server in started:
        server.kill()
