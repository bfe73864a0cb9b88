"""deploy/: the example settings are settings `mend` accepts, and the units start what this build has."""
import os
import re
import subprocess

MEND = os.environ.get("MEND_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "mend"))
DEPLOY = os.path.join(os.path.dirname(__file__), "..", "..", "deploy")


def test_the_example_settings_are_accepted(tmp_path):
    settings = {}
    for line in open(os.path.join(DEPLOY, "mend.env.example")):
        line = line.strip()
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            settings[name] = value
    assert settings["MEND_MIGRATE"] == "never" and settings["MEND_DATABASE_URL"].startswith("postgres://")
    # The same settings on a scratch SQLite file: a bad value would stop the command with exit 78 and the problems.
    settings["MEND_DATABASE_URL"] = f"sqlite://{tmp_path / 'settings.sqlite'}"
    status = subprocess.run([MEND, "migrate", "--status"], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, **settings))
    assert status.returncode == 1, status.stdout + status.stderr
    assert "Pending:" in status.stdout


def test_the_units_run_commands_this_build_has():
    for unit, command in [("mend@.service", ["serve", "--hostname", "127.0.0.1", "--port", "8081"]),
                          ("mend-migrate.service", ["migrate"])]:
        text = open(os.path.join(DEPLOY, "systemd", unit)).read()
        start = re.search(r"^ExecStart=/usr/local/bin/mend (.*)$", text, re.M).group(1).replace("%i", "8081")
        assert start.split() == command, (unit, start)
        assert "EnvironmentFile=/etc/mend/mend.env" in text
        help_text = subprocess.run([MEND, command[0], "--help"], capture_output=True, text=True, timeout=60)
        assert help_text.returncode == 0
        for option in [word for word in command if word.startswith("--")]:
            assert option in help_text.stdout, (unit, option)
    serve = open(os.path.join(DEPLOY, "systemd", "mend@.service")).read()
    assert int(re.search(r"^TimeoutStopSec=(\d+)", serve, re.M).group(1)) > 20, "above MEND_SHUTDOWN_SECONDS"
