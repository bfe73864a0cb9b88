"""Hostile bytes on a real socket to the running `mend serve` (a debug build, where Vapor's assertions trap):
each gets an answer or a closed connection, never a dead server. Vapor's test client cannot send these."""
import socket
import urllib.parse

from conftest import MEND_URL

HOST, PORT = urllib.parse.urlsplit(MEND_URL).hostname, urllib.parse.urlsplit(MEND_URL).port


def exchange(raw, timeout=10):
    """Sends raw bytes and returns what came back until the server closed or went quiet ('' when it closed at once)."""
    with socket.create_connection((HOST, PORT), timeout=timeout) as s:
        try:
            s.sendall(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass
        chunks = []
        try:
            while True:
                data = s.recv(65536)
                if not data:
                    break
                chunks.append(data)
                if b"\r\n\r\n" in b"".join(chunks) and b"Content-Length: 0" in b"".join(chunks):
                    break
        except (socket.timeout, ConnectionResetError):
            pass
    return b"".join(chunks).decode("latin-1")


def status_of(reply):
    return int(reply.split(" ", 2)[1]) if reply.startswith("HTTP/1.") else None


def get(path, extra=b""):
    return exchange(b"GET " + path + b" HTTP/1.1\r\nHost: mend\r\nConnection: close\r\n" + extra + b"\r\n")


def assert_alive():
    reply = get(b"/healthz")
    assert status_of(reply) == 200, reply[:200]


def test_dot_dot_and_bad_percent_paths_get_an_error_page():
    # The crash of the issue: these ended `mend serve` before any session was loaded.
    for path in [b"/../x", b"/%2e%2e/x", b"/%2E%2E/%2E%2E/etc/passwd", b"/%ff", b"/%", b"/a/%zz", b"/..%2f..%2fetc/passwd",
                 b"/mend.css/..", b"/api/v1/../../x", b"/api/v1/%ff", b"//..//..//x"]:
        reply = get(path)
        assert status_of(reply) is not None and 400 <= status_of(reply) < 500, (path, reply[:300])
        assert_alive()


def test_unusual_methods_are_refused():
    for method in [b"TRACE", b"TRACK", b"CONNECT", b"PROPFIND", b"BREW", b"G\x00ET", b"get"]:
        reply = exchange(method + b" / HTTP/1.1\r\nHost: mend\r\nConnection: close\r\n\r\n")
        code = status_of(reply)
        # The HTTP parser itself closes on a method it does not know; everything it parses gets a 4xx.
        assert code is None or 400 <= code < 500, (method, reply[:300])
        assert_alive()


def test_an_overlong_request_target_is_414():
    reply = get(b"/tickets?q=" + b"a" * 20_000)
    assert status_of(reply) == 414, reply[:300]
    reply = get(b"/api/v1/tickets?q=" + b"a" * 20_000)
    assert status_of(reply) == 414 and "problem+json" in reply, reply[:300]
    assert_alive()


def test_oversized_headers_are_431():
    reply = get(b"/login", b"X-Filler: " + b"b" * 40_000 + b"\r\n")
    assert status_of(reply) == 431, reply[:300]
    many = b"".join(b"X-F%d: %s\r\n" % (i, b"c" * 100) for i in range(400))
    assert status_of(get(b"/api/v1/tickets", many)) == 431
    # Past NIO's own 80 KiB limit the parser closes the connection; the server stays up.
    get(b"/login", b"X-Filler: " + b"d" * 200_000 + b"\r\n")
    assert_alive()


def test_garbage_and_broken_framing_do_not_harm_the_server():
    for raw in [
        b"\x00\xff\xfe garbage\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: mend\r\n\r\n",
        b"GET /login HTTP/1.1\r\nHost: mend\r\nContent-Length: -1\r\n\r\n",
        b"GET /login HTTP/1.1\r\nHost: mend\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
        b"POST /api/v1/tickets HTTP/1.1\r\nHost: mend\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        b"POST /login HTTP/1.1\r\nHost: mend\r\nContent-Type: multipart/form-data; boundary=\r\nContent-Length: 4\r\n\r\n--\r\n",
        b"POST /tickets/new HTTP/1.1\r\nHost: mend\r\nContent-Type: multipart/form-data\r\nContent-Length: 4\r\n\r\n--\r\n",
        b"POST /api/v1/tickets HTTP/1.1\r\nHost: mend\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
        + b"[" * 5000,
        b"GET /login HTTP/1.1\r\nHost: mend\r\nCookie: mend_session=%ff%00\r\nConnection: close\r\n\r\n",
        b"GET /tickets HTTP/1.1\r\nHost: mend\r\nAuthorization: Bearer \x7f\x80\r\nConnection: close\r\n\r\n",
        b"GET /login HTTP/1.1\r\nHost: mend\r\n\r\n" * 50,
    ]:
        reply = exchange(raw, timeout=5)
        code = status_of(reply)
        assert code is None or code < 500, (raw[:80], reply[:300])
        assert_alive()


def test_pages_carry_security_headers():
    reply = get(b"/login")
    headers = reply.split("\r\n\r\n", 1)[0].lower()
    assert "content-security-policy: default-src 'none'; script-src 'self';" in headers
    assert "frame-ancestors 'none'" in headers
    assert "x-content-type-options: nosniff" in headers
    assert "x-frame-options: deny" in headers
    assert "referrer-policy: same-origin" in headers
