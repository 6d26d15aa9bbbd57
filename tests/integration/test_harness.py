"""The test harness itself: what lets tests run side by side."""

import socket


def test_start_takes_another_port_when_its_own_was_taken(httpd):
    """free_port() closes the port it found; another process (a test
    beside this one) may bind it before httpd does.  start() then moves
    to another free port instead of failing the test."""
    old = httpd.port
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", old))
        taken.listen()
        httpd.page("index.html", "home\n")
        httpd.start("")
        assert httpd.port != old
        assert httpd.get("/").status_code == 200
        assert f"127.0.0.1:{httpd.port}" in httpd.conf.read_text()
