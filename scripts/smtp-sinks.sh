#!/usr/bin/env bash
# Starts two real SMTP servers (aiosmtpd) for the mail tests in DIR and prints their environment:
#   plain SMTP, and a submission-style one that requires STARTTLS and AUTH (self-signed certificate).
#   scripts/smtp-sinks.sh start DIR   prints MEND_TEST_SMTP_* assignments
#   scripts/smtp-sinks.sh stop DIR
set -euo pipefail
action="$1"
dir="$2"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
case "$action" in
start)
    mkdir -p "$dir/plain" "$dir/secure"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
    plain="$(free_port)"
    secure="$(free_port)"
    "${MEND_TEST_VENV:-.venv}/bin/python" Tests/mail/smtp_sink.py --port "$plain" --dir "$dir/plain" >"$dir/plain.log" 2>&1 &
    echo $! >"$dir/plain.pid"
    "${MEND_TEST_VENV:-.venv}/bin/python" Tests/mail/smtp_sink.py --port "$secure" --dir "$dir/secure" \
        --tls-cert "$dir/cert.pem" --tls-key "$dir/key.pem" --auth "mend:sink-password" >"$dir/secure.log" 2>&1 &
    echo $! >"$dir/secure.pid"
    for log in "$dir/plain.log" "$dir/secure.log"; do
        for _ in $(seq 1 100); do grep -q READY "$log" 2>/dev/null && break; sleep 0.1; done
        grep -q READY "$log" || { cat "$log" >&2; exit 1; }
    done
    echo "MEND_TEST_SMTP_PORT=$plain MEND_TEST_SMTP_DIR=$dir/plain MEND_TEST_SMTPS_PORT=$secure MEND_TEST_SMTPS_DIR=$dir/secure"
    ;;
stop)
    for name in plain secure; do
        [ -f "$dir/$name.pid" ] && kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
    done
    ;;
esac
