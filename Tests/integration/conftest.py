"""Shared by the integration tests: where the running `mend serve` and the `mend` binary are, and an admin token."""
import os
import subprocess

MEND_URL = os.environ.get("MEND_URL", "http://127.0.0.1:8080")
MEND = os.environ.get("MEND_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "mend"))


def admin_token(name):
    """A new API token for the demo admin, made with `mend token create` on the server's database."""
    out = subprocess.run([MEND, "token", "create", "--email", "admin@mend.example", "--name", name],
                         capture_output=True, text=True, timeout=60, env=os.environ)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]
