#!/usr/bin/env bash
# Installs what Mend's tests need on Debian, only what is missing, without prompts.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The mail tests give their SMTP server a self-signed certificate.
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# Request Tracker's Business::Hours: the reference the calendar is checked against (Tests/cli).
perl -MBusiness::Hours -e1 >/dev/null 2>&1 || missing+=(libbusiness-hours-perl)
# The drills make throwaway databases in the test cluster with psql.
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
# nginx runs deploy/nginx/mend.conf in front of three servers in the drills.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
# A real Alertmanager posts its webhook to Mend in the integration tests.
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

VENV="${MEND_TEST_VENV:-.venv}"
if [ ! -x "$VENV/bin/pytest" ] || ! "$VENV/bin/python" -c 'import selenium, requests, aiosmtpd, schemathesis, PIL, axe_selenium_python, prometheus_client, pypdf, jsonschema_rs' >/dev/null 2>&1; then
    echo "Creating the Python test environment in $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r Tests/browser/requirements.txt
fi
