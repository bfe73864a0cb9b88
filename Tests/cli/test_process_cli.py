"""`mend process` as an operator meets it: validate a file offline, export the definition in force, apply an edited
one as the next version, and the published schema, which the exported document follows."""
import json
import os
import subprocess

import jsonschema_rs

MEND = os.environ.get("MEND_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "mend"))
SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "process.schema.json")


def run(database, *args):
    return subprocess.run([MEND, *args], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, MEND_DATABASE_URL=f"sqlite://{database}"))


def test_export_edit_validate_and_apply(tmp_path):
    database = tmp_path / "process.sqlite"
    exported = run(database, "process", "export", "--out", str(tmp_path / "v1.json"))
    assert exported.returncode == 0, exported.stderr
    definition = json.loads((tmp_path / "v1.json").read_text())
    assert definition["version"] == 1 and definition["module"] == "MSP-04c"
    assert [s["id"] for s in definition["subprocesses"]] == [f"04c.0{i}" for i in range(1, 9)]
    with open(SCHEMA) as f:
        jsonschema_rs.Draft202012Validator(json.load(f)).validate(definition)

    # A renamed status and a task added to 04c.01, validated offline, then applied.
    for status in definition["statuses"]:
        if status["key"] == "waiting_on_third_party":
            status["name"] = "Waiting on carrier"
    definition["subprocesses"][0]["tasks"].append(
        {"id": "04c.01.7", "name": "Check the RMM for patches applied last night", "lane": "backstage",
         "role": "engineer", "system": "rmm"})
    (tmp_path / "v2.json").write_text(json.dumps(definition))
    valid = run(database, "process", "validate", str(tmp_path / "v2.json"))
    assert valid.returncode == 0 and "valid" in valid.stdout and "40 tasks" in valid.stdout, valid.stdout
    applied = run(database, "process", "apply", str(tmp_path / "v2.json"), "--by", "Ops")
    assert applied.returncode == 0 and "version 2" in applied.stdout, applied.stdout + applied.stderr
    now = json.loads(run(database, "process", "export").stdout)
    assert now["version"] == 2
    assert any(s["name"] == "Waiting on carrier" for s in now["statuses"])
    assert now["subprocesses"][0]["tasks"][-1]["id"] == "04c.01.7"


def test_a_broken_file_is_refused_with_every_problem_by_path(tmp_path):
    database = tmp_path / "broken.sqlite"
    definition = json.loads(run(database, "process", "export").stdout)
    definition["statuses"] = [s for s in definition["statuses"] if s["key"] != "with_sme"]
    definition["moves"][4]["gates"] = ["resolution_note"]
    definition["subprocesses"][3]["tasks"][0]["role"] = "dispatcher"
    definition["colour"] = "blue"
    (tmp_path / "broken.json").write_text(json.dumps(definition))
    checked = run(database, "process", "validate", str(tmp_path / "broken.json"))
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    for path in ["colour:", "statuses:", "moves[4].gates:", "subprocesses[3].tasks[0].role:"]:
        assert any(line.startswith(path) for line in lines), (path, lines)
    refused = run(database, "process", "apply", str(tmp_path / "broken.json"))
    assert refused.returncode != 0 and "moves[4].gates" in refused.stderr + refused.stdout
    assert json.loads(run(database, "process", "export").stdout)["version"] == 1, "nothing was applied"


def test_the_schema_command_writes_the_published_schema(tmp_path):
    written = subprocess.run([MEND, "process", "schema"], capture_output=True, text=True, timeout=60)
    assert written.returncode == 0
    with open(SCHEMA) as f:
        assert written.stdout == f.read()
