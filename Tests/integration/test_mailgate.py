"""`mend mailgate` fed messages built with Python's email package in the shapes Gmail, Outlook and Apple Mail
produce, plus robots and malformed mail, against a running `mend serve` (MEND_URL, database
MEND_DATABASE_URL): each is filed, opens a ticket, is quarantined or ignored, or is refused so the MTA keeps
it; none is lost."""
import json
import socket
import subprocess
import urllib.request
import uuid
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

import pytest

from conftest import MEND, MEND_URL, admin_token


def http(method, path, token, body=None):
    request = urllib.request.Request(MEND_URL + path, data=json.dumps(body).encode() if body is not None else None,
                                     method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode())


@pytest.fixture(scope="module")
def token():
    return admin_token("mailgate")


@pytest.fixture(scope="module")
def contact(token):
    """A demo client's contact with an email address: (company id, name, address)."""
    for company in http("GET", "/api/v1/companies", token)["items"]:
        for person in http("GET", f"/api/v1/companies/{company['id']}/contacts", token)["items"]:
            if person.get("email"):
                return company["id"], person["name"], person["email"]
    raise AssertionError("the demo data has a contact with an email address")


def mailgate(message, token, url=MEND_URL):
    raw = message if isinstance(message, bytes) else message.as_bytes()
    out = subprocess.run([MEND, "mailgate", "--url", url, "--token", token], input=raw, capture_output=True, timeout=60)
    result = json.loads(out.stdout.decode()) if out.returncode == 0 else None
    return out.returncode, result, out.stderr.decode()


def gmail(sender, subject, text, references=None):
    message = MIMEMultipart("alternative")
    message["From"] = f"{sender[1]} <{sender[2]}>"
    message["To"] = "Service Desk <servicedesk@northwind.example>"
    message["Subject"] = subject
    message["Date"] = formatdate()
    message["Message-ID"] = make_msgid(domain="mail.gmail.com")
    if references:
        message["In-Reply-To"] = references
        message["References"] = references
    message.attach(MIMEText(text, "plain", "utf-8"))
    message.attach(MIMEText("<div dir=\"ltr\">" + text.replace("\n", "<br>") + "</div>", "html", "utf-8"))
    return message


def notes(token, number):
    return [n["body"] for n in http("GET", f"/api/v1/tickets/{number}/notes", token)["items"]]


def test_a_new_mail_opens_a_ticket_and_replies_thread_onto_it(token, contact):
    marker = uuid.uuid4().hex[:6]
    code, result, err = mailgate(gmail(contact, f"Scanner not working {marker}", "The scanner on floor 3 is dead.\n"), token)
    assert code == 0, err
    assert result["outcome"] == "created"
    number = result["ticket"]
    ticket = http("GET", f"/api/v1/tickets/{number}", token)
    assert ticket["source"] == "email" and ticket["summary"] == f"Scanner not working {marker}"
    assert "The scanner on floor 3 is dead." in ticket["description"]

    # Outlook: HTML only, Windows-1252, a PDF attached, history below a From/Sent block, tagged subject.
    outlook = MIMEMultipart("mixed")
    outlook["From"] = f"\"{contact[1]}\" <{contact[2].upper()}>"
    outlook["Subject"] = f"RE: [{number}] Scanner not working {marker}"
    outlook["Message-ID"] = make_msgid(domain="outlook.com")
    body = MIMEMultipart("alternative")
    body.attach(MIMEText("<html><body><p>Still dead after the restart \u2013 caf\u00e9 PC too.</p>"
                         "<div><b>From:</b> Northwind IT<br><b>Sent:</b> Friday</div><p>old history</p></body></html>",
                         "html", "windows-1252"))
    outlook.attach(body)
    pdf = MIMEApplication(b"%PDF-1.4 scan log", Name="scan-log.pdf")
    pdf["Content-Disposition"] = 'attachment; filename="scan-log.pdf"'
    outlook.attach(pdf)
    code, result, err = mailgate(outlook, token)
    assert code == 0 and result["outcome"] == "delivered" and result["ticket"] == number, err
    latest = notes(token, number)[-1]
    assert latest.startswith("Still dead after the restart \u2013 caf\u00e9 PC too.")
    assert "old history" not in latest and "scan-log.pdf" in latest

    # Apple Mail: plain text, no tag in the subject, threaded only by References to the ticket's thread.
    apple = EmailMessage()
    apple["From"] = f"{contact[1]} <{contact[2]}>"
    apple["Subject"] = "Re: scanner"
    apple["Message-ID"] = make_msgid(domain="icloud.com")
    apple["References"] = f"<{number}@northwind.example>"
    apple.set_content("Fixed now, thank you.\n\n> On 27 Nov 2026, at 10:00, Northwind IT wrote:\n> old\n")
    code, result, err = mailgate(apple, token)
    assert code == 0 and result["outcome"] == "delivered" and result["ticket"] == number, err
    assert notes(token, number)[-1] == "Fixed now, thank you."

    # The MTA delivering the same message again changes nothing.
    code, again, err = mailgate(apple, token)
    assert code == 0 and again["outcome"] == "duplicate" and again["ticket"] == number
    assert notes(token, number)[-1] == "Fixed now, thank you." and notes(token, number)[-2] != "Fixed now, thank you."


def test_a_reply_to_a_resolved_ticket_within_the_window_reopens_it(token, contact):
    code, result, _ = mailgate(gmail(contact, "Wi-Fi drops " + uuid.uuid4().hex[:6], "Drops every hour."), token)
    number = result["ticket"]
    for path, body in [("transitions", {"to": "in_progress"}), ("restoration", {"test": "AP firmware", "result": "passed"}),
                       ("verifications", {"channel": "phone", "outcome": "confirmed"}),
                       ("time-entries", {"minutes": 20, "workType": "remediation"}),
                       ("transitions", {"to": "resolved", "resolutionNote": "Updated the AP firmware."})]:
        http("POST", f"/api/v1/tickets/{number}/{path}", token, body)
    assert http("GET", f"/api/v1/tickets/{number}", token)["status"] == "resolved"
    code, result, err = mailgate(gmail(contact, f"Re: [{number}] Wi-Fi drops", "It dropped again at 14:00."), token)
    assert code == 0 and result["outcome"] == "reopened", err
    ticket = http("GET", f"/api/v1/tickets/{number}", token)
    assert ticket["status"] == "in_progress" and ticket["reopenCount"] == 1


def test_robots_never_open_tickets(token, contact):
    before = http("GET", "/api/v1/tickets?limit=1", token)["items"][0]["number"]
    vacation = gmail(contact, "Automatic reply: Scanner", "I am out of the office.")
    vacation["Auto-Submitted"] = "auto-replied"
    code, result, _ = mailgate(vacation, token)
    assert code == 0 and result["outcome"] == "ignored" and "auto-replied" in result["reason"]

    bounce = MIMEMultipart("report", report_type="delivery-status")
    bounce["From"] = "MAILER-DAEMON@mx.example"
    bounce["Subject"] = "Undelivered Mail Returned to Sender"
    bounce.attach(MIMEText("Delivery failed.", "plain"))
    code, result, _ = mailgate(bounce, token)
    assert code == 0 and result["outcome"] == "ignored"
    assert http("GET", "/api/v1/tickets?limit=1", token)["items"][0]["number"] == before


def test_unknown_senders_wait_in_quarantine_until_accepted(token, contact):
    stranger = ("", "Jo Newhire", f"jo-{uuid.uuid4().hex[:6]}@harbor.example")
    code, result, _ = mailgate(gmail(stranger, "Cannot log in", "New here, cannot log in."), token)
    assert code == 0 and result["outcome"] == "quarantined" and "unknown sender" in result["reason"]
    held = http("GET", "/api/v1/mail/inbound?state=quarantined", token)["items"]
    assert any(item["id"] == result["id"] for item in held)
    accepted = http("POST", f"/api/v1/mail/inbound/{result['id']}/accept", token, {"companyID": contact[0]})
    assert accepted["outcome"] == "created"
    assert http("GET", f"/api/v1/tickets/{accepted['ticket']}", token)["summary"] == "Cannot log in"


def test_malformed_mail_is_kept_and_failures_keep_the_mail_at_the_mta(token):
    code, result, err = mailgate(b"Subject: no sender at all\r\n\r\nhello\r\n", token)
    assert code == 0 and result["outcome"] == "quarantined" and "no From address" in result["reason"], err
    code, _, err = mailgate(b"", token)
    assert code == 75 and "no message" in err
    code, _, err = mailgate(b"From: a@b.example\r\n\r\nx", "not-a-token")
    assert code == 75 and "401" in err
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    code, _, err = mailgate(b"From: a@b.example\r\n\r\nx", token, url=f"http://127.0.0.1:{closed}")
    assert code == 75 and "could not be reached" in err
