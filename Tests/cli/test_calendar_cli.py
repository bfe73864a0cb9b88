"""`mend calendar` as an operator runs it: files in, ISO 8601 UTC and whole seconds out, errors on stderr."""
import json
import os
import subprocess

MEND = os.environ.get("MEND_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "mend"))

NEW_YORK = {
    "timezone": "America/New_York",
    "week": {"mon": [["08:00", "17:00"]], "tue": [["08:00", "12:00"], ["13:00", "17:00"]],
             "wed": [["08:00", "17:00"]], "thu": [["08:00", "17:00"]], "fri": [["08:00", "17:00"]],
             "sat": [], "sun": []},
    "holidays": ["2026-12-25", "2026-12-26"],
}


def mend(*args, stdin=None):
    return subprocess.run([MEND, "calendar", *args], input=stdin, capture_output=True, text=True, timeout=60)


def calendar_file(tmp_path, calendar=NEW_YORK):
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(calendar))
    return str(path)


def test_add_between_next_open(tmp_path):
    cal = calendar_file(tmp_path)
    added = mend("add", "--calendar", cal, "--from", "2026-11-30T13:00:00Z", "--seconds", "32400")
    assert added.returncode == 0 and added.stdout.strip() == "2026-11-30T22:00:00Z"
    between = mend("between", "--calendar", cal, "--from", "2026-11-30T13:00:00Z", "--to", "2026-12-02T13:00:00Z")
    assert between.stdout.strip() == "61200"
    nxt = mend("next-open", "--calendar", cal, "--at", "2026-12-24T23:00:00Z")
    assert nxt.stdout.strip() == "2026-12-28T13:00:00Z"


def test_batch_answers_every_line_even_bad_ones():
    lines = [
        {"calendar": NEW_YORK, "op": "add", "start": "2026-12-04T21:00:00Z", "seconds": 7200},
        "this is not json",
        {"calendar": NEW_YORK, "op": "between", "start": "2026-11-30T13:00:00Z", "end": "2026-11-30T22:00:00Z"},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    result = mend("batch", stdin=stdin)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert answers == [{"result": "2026-12-07T14:00:00Z"}, {"error": "line is not a JSON object"}, {"result": 32400}]


def test_bad_input_is_explained(tmp_path):
    bad = calendar_file(tmp_path, {"timezone": "Mars/Base", "week": {"mon": [["08:00", "17:00"]]}})
    result = mend("next-open", "--calendar", bad, "--at", "2026-11-30T13:00:00Z")
    assert result.returncode != 0 and "timezone is not a known IANA time zone" in result.stderr
    cal = calendar_file(tmp_path)
    backwards = mend("between", "--calendar", cal, "--from", "2026-12-02T13:00:00Z", "--to", "2026-11-30T13:00:00Z")
    assert backwards.returncode != 0 and "--to must not be before --from" in backwards.stderr
