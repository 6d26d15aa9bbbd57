"""Bad input gets a clear 400 (malformed-credentials), the error log says
why, and the server keeps serving (README, "What the client sees")."""

import base64

import pytest

from agsite import standard_site


def b64(raw):
    return base64.b64encode(raw).decode()


CASES = {
    "bad-base64": ("Basic !!!notbase64$$", "not valid base64"),
    "bad-padding": ("Basic Ym9iOmJ1aWxkZXI===", "not valid base64"),
    "no-colon": ("Basic " + b64(b"bobbuilder"), "no ':'"),
    "empty": ("Basic", "empty"),
    "ctl-in-user": ("Basic " + b64(b"b\x01ob:builder"), "control bytes"),
    "ctl-in-password": ("Basic " + b64(b"bob:buil\x7fder"), "control bytes"),
    "newline-in-password": ("Basic " + b64(b"bob:bui\nlder"),
                            "control bytes"),
    "nul-in-password": ("Basic " + b64(b"bob:bui\x00lder"), "control bytes"),
    "long-user": ("Basic " + b64(b"u" * 1000 + b":pw"), "exceeds 256"),
    "7k-header": ("Basic " + b64(b"bob:" + b"p" * 5300), "exceed 4096"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_is_400(httpd, name):
    header, why = CASES[name]
    standard_site(httpd)
    httpd.new_log()
    r = httpd.get("/members/", headers={"Authorization": header})
    assert r.status_code == 400
    assert "WWW-Authenticate" not in r.headers
    assert httpd.last_access()[1:] == (400, "malformed-credentials")
    log = httpd.new_log()
    assert "reason=malformed-credentials" in log
    assert why in log
    # and the server keeps serving
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200


def test_7k_header_really_is_7k(httpd):
    assert 7000 < len(CASES["7k-header"][0]) < 8190


def test_oversized_header_is_refused_by_httpd_itself(httpd):
    standard_site(httpd)
    status, _, _ = httpd.raw(
        b"GET /members/ HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " +
        b"A" * 9000 + b"\r\nConnection: close\r\n\r\n")
    assert status == 400
    httpd.allow_error(r"AH00561|size of a request header field exceeds")
    assert httpd.get("/").status_code == 200


def test_latin1_credentials_are_converted(httpd):
    from conftest import htpasswd
    htpasswd(httpd.path("users"), "j\u00fcrgen", "m\u00e4h")
    httpd.page("p/index.html")
    from conftest import area
    httpd.start(area(httpd.docroot / "p", "P", users=httpd.path("users"),
                     require="Require valid-user"))
    utf8 = "Basic " + b64("j\u00fcrgen:m\u00e4h".encode("utf-8"))
    latin1 = "Basic " + b64("j\u00fcrgen:m\u00e4h".encode("latin-1"))
    for header in (utf8, latin1):
        status, head, _ = httpd.raw(
            b"GET /p/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            b"Authorization: " + header.encode() + b"\r\n\r\n")
        assert status == 200, head
    user = httpd.last_access()[0]
    assert user == "j\\xc3\\xbcrgen"    # httpd escapes bytes in its logs


def test_raw_control_byte_in_header_keeps_server_up(httpd):
    standard_site(httpd)
    status, _, _ = httpd.raw(
        b"GET /members/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Authorization: Basic Ym9i\x01OmJ1aWxkZXI=\r\n\r\n")
    assert status == 400
    httpd.allow_error(r"AH02430|invalid characters|Request header")
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200
