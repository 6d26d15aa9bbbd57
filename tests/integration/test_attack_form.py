"""Attacks on form sign-in and sessions, against a real httpd: what a
signed-in browser's POST to an application behind the gate carries."""

import http.client

import requests

from conftest import DEFAULT_MPM, area
from test_form import Browser, write_users

ECHO = """#!/bin/sh
printf 'Content-Type: text/plain\\r\\n\\r\\n'
cat
"""


def cgi_site(h):
    """/app/: Form area whose pages are a CGI that echoes the body."""
    write_users(h)
    h.write("htdocs/app/echo.cgi", ECHO, mode=0o755)
    cgi = "cgid" if DEFAULT_MPM != "prefork" else "cgi"
    body = area(h.docroot / "app", '"App"', users=h.path("users"),
                require="Require valid-user",
                extra="  AuthGateScheme Form\n  Options +ExecCGI\n"
                      "  AddHandler cgi-script .cgi")
    if cgi == "cgid":
        body += f"ScriptSock {h.dir}/run/cgid.sock\n"
    h.config(body, extra_modules=(cgi,))
    return h.start()


def signed_in(h):
    b = Browser(h)
    r = b.sign_in("/app/echo.cgi", "alice", "wonderland")
    assert r.status_code == 303, r.text
    assert b.get("/app/echo.cgi").status_code == 200
    return b


def test_sign_in_form_of_a_signed_in_browser_does_not_reach_the_app(httpd):
    """A second tab's sign-in form, sent after the first tab signed in:
    the password must not be handed to the application behind the gate
    (a CGI, a proxied backend) as an ordinary POST body."""
    h = cgi_site(httpd)
    b = signed_in(h)
    r = b.post("/app/echo.cgi", {"ag_user": "alice",
                                 "ag_password": "wonderland",
                                 "ag_csrf": "x", "ag_return": "/app/"})
    assert "wonderland" not in r.text
    assert r.status_code == 303
    assert r.headers["Location"] == "/app/"


def test_ordinary_post_of_a_signed_in_browser_reaches_the_app(httpd):
    """The application's own forms keep working: their body arrives
    whole, with a Content-Length or chunked, small or large."""
    h = cgi_site(httpd)
    b = signed_in(h)
    r = b.post("/app/echo.cgi", {"comment": "hello", "n": "1"})
    assert r.status_code == 200 and r.text == "comment=hello&n=1"
    big = "x=" + "y" * 20000
    r = b.post("/app/echo.cgi", big, headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200 and r.text == big
    # chunked, over the sign-in form's size limit
    c = http.client.HTTPConnection("127.0.0.1", h.port, timeout=10)
    cookie = "; ".join(f"{k}={v}" for k, v in b.session_cookie().items())

    def gen():
        yield b"a=" + b"1" * 5000
        yield b"2" * 5000

    c.request("POST", "/app/echo.cgi", body=gen(), encode_chunked=True,
              headers={"Cookie": cookie, "Transfer-Encoding": "chunked",
                       "Content-Type": "application/x-www-form-urlencoded"})
    resp = c.getresponse()
    text = resp.read().decode()
    assert resp.status == 200 and text == "a=" + "1" * 5000 + "2" * 5000
    c.close()


def test_many_planted_cookies_of_the_same_name_do_not_hide_the_session(
        httpd):
    """Cookie tossing: a sibling host (or a page over plain HTTP) can set
    cookies of the session's name for a wider Domain or a longer Path,
    which the browser sends before the real one.  Junk cookies in front
    must not make the gate overlook the real session (and delete it)."""
    h = cgi_site(httpd)
    b = signed_in(h)
    (name, value), = b.session_cookie().items()
    junk = "; ".join(f"{name}=junk{i}" for i in range(8))
    r = requests.get(h.url("/app/echo.cgi"), timeout=10,
                     headers={"Cookie": f"{junk}; {name}={value}"})
    assert r.status_code == 200
    assert name not in r.headers.get("Set-Cookie", "")


def test_planted_pre_session_cookies_do_not_block_the_sign_in(httpd):
    """The same with the pre-session cookie: well-formed planted ones in
    front of the browser's own must not make its form's anti-forgery
    value fail."""
    h = cgi_site(httpd)
    b = Browser(h)
    action, csrf, ret = b.form("/app/echo.cgi")
    pre = {c.name: c.value for c in b.s.cookies
           if c.name.endswith("-pre")}
    (name, value), = pre.items()
    planted = "; ".join(f"{name}={'A' * 21}{c}" for c in "AQgw")
    r = requests.post(h.url(action), timeout=10, allow_redirects=False,
                      data={"ag_user": "alice", "ag_password": "wonderland",
                            "ag_csrf": csrf, "ag_return": ret},
                      headers={"Cookie": f"{planted}; {name}={value}",
                               "Origin": f"http://127.0.0.1:{h.port}",
                               "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 303, r.text


def basic_form_site(h):
    """/bf/: Basic and Form, pages a CGI that echoes the body."""
    write_users(h)
    h.write("htdocs/bf/echo.cgi", ECHO, mode=0o755)
    body = area(h.docroot / "bf", '"BF"', users=h.path("users"),
                require="Require valid-user",
                extra="  AuthGateScheme Basic Form\n  Options +ExecCGI\n"
                      "  AddHandler cgi-script .cgi")
    if DEFAULT_MPM != "prefork":
        body += f"ScriptSock {h.dir}/run/cgid.sock\n"
    h.config(body, extra_modules=("cgid" if DEFAULT_MPM != "prefork"
                                  else "cgi",))
    return h.start()


def test_sign_in_form_with_basic_credentials_does_not_reach_the_app(httpd):
    """A browser that keeps Basic credentials for the site posts the
    form: the body (another user's password, say) must not be handed to
    the application once the Basic credentials pass; it is a sign-in."""
    h = basic_form_site(httpd)
    b = Browser(h)
    action, csrf, ret = b.form("/bf/echo.cgi")
    r = b.post(action, {"ag_user": "bob", "ag_password": "builder",
                        "ag_csrf": csrf, "ag_return": ret},
               auth=("alice", "wonderland"))
    assert "builder" not in r.text
    assert r.status_code == 303, r.text
    assert b.get("/bf/echo.cgi").status_code == 200
    # a script's own form POST with Basic still reaches the app whole
    r = requests.post(h.url("/bf/echo.cgi"), data={"q": "1"}, timeout=10,
                      auth=("alice", "wonderland"))
    assert r.status_code == 200 and r.text == "q=1"
