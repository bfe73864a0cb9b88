"""Mend's calendar against Request Tracker's Business::Hours, the reference PRODUCT.md names.

Random cases on a New York office calendar (a lunch break on Tuesdays, two holidays). Both must agree
except where docs/calendars.md says Mend differs on purpose: a deadline that uses a range up exactly is
the range's close in Mend and the next opening in Business::Hours; `between` counts [a, b) in Mend and
both ends in Business::Hours. Spans stay under Business::Hours' 30-day horizon.
"""
import datetime
import json
import os
import random
import subprocess

from test_calendar_cli import MEND

CALENDAR = {
    "timezone": "America/New_York",
    "week": {"mon": [["08:00", "17:00"]], "tue": [["08:00", "12:00"], ["13:00", "17:00"]],
             "wed": [["08:00", "17:00"]], "thu": [["08:00", "17:00"]], "fri": [["08:00", "17:00"]]},
    "holidays": ["2026-11-26", "2026-12-25"],
}
PERL = os.path.join(os.path.dirname(__file__), "business_hours_reference.pl")


def iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch(text):
    return int(datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())


def mend_batch(requests):
    lines = "".join(json.dumps({"calendar": CALENDAR, **r}) + "\n" for r in requests)
    out = subprocess.run([MEND, "calendar", "batch"], input=lines, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return [json.loads(line)["result"] for line in out.stdout.splitlines()]


def reference(cases):
    lines = "".join(json.dumps(c) + "\n" for c in cases)
    env = {**os.environ, "TZ": CALENDAR["timezone"]}
    out = subprocess.run(["perl", PERL], input=lines, capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    return [int(line) for line in out.stdout.splitlines()]


def cases(seed, count):
    rng = random.Random(seed)
    base = epoch("2026-10-05T00:00:00Z")
    result = []
    for _ in range(count):
        start = base + rng.randrange(0, 90 * 86400)
        # Whole hours and minutes often, so deadlines land on range ends as well as inside ranges.
        start -= start % rng.choice([1, 60, 3600])
        result.append(("add", start, rng.choice([rng.randrange(1, 5 * 9 * 3600), rng.randrange(1, 40) * 1800])))
        result.append(("between", start, start + rng.randrange(0, 12 * 86400)))
    return result


def test_add_and_between_agree_with_business_hours_but_for_the_documented_differences():
    all_cases = cases(2026, 150)
    mend_requests = [
        {"op": "add", "start": iso(s), "seconds": n} if op == "add" else {"op": "between", "start": iso(s), "end": iso(n)}
        for op, s, n in all_cases
    ]
    mend_results = mend_batch(mend_requests)
    ref_results = reference(
        [{"op": op, "start": s, "seconds": n} if op == "add" else {"op": op, "start": s, "end": n} for op, s, n in all_cases])
    # Whether an instant is open, and the next opening after a close, come from Mend's own next-open.
    ends = [epoch(r) for (op, _, _), r in zip(all_cases, mend_results) if op == "add"] + [
        e for op, _, e in all_cases if op == "between"]
    opens = dict(zip(ends, mend_batch([{"op": "next_open", "start": iso(t)} for t in ends])))
    landed_on_close = 0
    for (op, start, value), got, ref in zip(all_cases, mend_results, ref_results):
        if op == "add":
            deadline = epoch(got)
            next_open = epoch(opens[deadline])
            if next_open != deadline:
                # Mend's deadline is a closing instant: Business::Hours names the next opening instead.
                landed_on_close += 1
                assert ref == next_open, f"add({iso(start)}, {value}): mend {got}, Business::Hours {iso(ref)}"
            else:
                assert ref == deadline, f"add({iso(start)}, {value}): mend {got}, Business::Hours {iso(ref)}"
        else:
            end_is_open = epoch(opens[value]) == value
            assert ref == got + (1 if end_is_open else 0), f"between({iso(start)}, {iso(value)}): mend {got}, BH {ref}"
    assert landed_on_close > 0, "the cases exercise the documented difference at range ends"
