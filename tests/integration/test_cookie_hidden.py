"""The module's cookies (sessions and pre-sessions of every area) are for
the module alone: they are taken out of the Cookie header as a request
arrives, so the application never sees them (a proxied backend, a page's
HTTP_COOKIE, a log format showing %{Cookie}i), while the module still
finds them in subrequests and internal redirects whose configuration
differs from the first request's."""

import pytest

from conftest import area, http_backend, wait_for
from test_form import Browser, write_users

PROXY_MODULES = ("proxy", "proxy_http")


def echo(handler):
    """The backend's answer: the Cookie header it was sent."""
    return ("cookie=" + str(handler.headers.get_all("Cookie")) +
            "\n").encode()


@pytest.fixture
def backend():
    with http_backend(echo) as port:
        yield port


ENV_PAGE = ('cookie=[<!--#echo var="HTTP_COOKIE" -->]\n'
            '<!--#include virtual="/f/sub/page.html" -->')


def site(h, backend):
    """/f/: Form area with an SSI page showing HTTP_COOKIE and including
    /f/sub/page.html, whose <Files> section makes its configuration
    differ (so its subrequest is judged again); a 404 there is answered
    by that page too (an internal redirect judged again); /f/app/ and
    /public/app/ are proxied to the echoing backend."""
    write_users(h)
    h.write("roles", "member: alice bob carol\n")
    h.page("f/index.html", "f page\n")
    h.page("f/env.shtml", ENV_PAGE)
    h.page("f/sub/page.html", "f sub page\n")
    h.page("public/index.html", "public page\n")
    users = h.path("users")
    body = (
        area(h.docroot / "f", '"Form area"', users=users,
             roles=h.path("roles"), require="Require valid-user",
             extra="  AuthGateScheme Form\n  Options +Includes\n"
                   "  AddOutputFilter INCLUDES .shtml\n"
                   "  ErrorDocument 404 /f/sub/page.html\n"
                   '  <Files "page.html">\n    AuthGateSessionIdle 29m\n'
                   "  </Files>") +
        f'<Location "/f/app/">\n  AuthType AuthGate\n'
        f'  AuthName "Form area"\n  AuthGateUserFile {users}\n'
        f"  AuthGateScheme Form\n  Require valid-user\n"
        f"  ProxyPass http://127.0.0.1:{backend}/\n</Location>\n"
        f'<Location "/public/app/">\n'
        f"  ProxyPass http://127.0.0.1:{backend}/\n</Location>\n"
        f'CustomLog {h.dir}/logs/cookie.log "%{{Cookie}}i"\n')
    h.config(body, extra_modules=PROXY_MODULES)
    return h.start()


def signed_in(h):
    b = Browser(h)
    r = b.sign_in("/f/", "alice", "wonderland")
    assert r.status_code == 303, r.text
    assert b.session_cookie()
    b.s.cookies.set("theme", "dark")
    return b


def test_application_never_sees_the_session(httpd, backend):
    h = site(httpd, backend)
    b = signed_in(h)
    # an SSI page: HTTP_COOKIE is what CGI, PHP and SSI are given
    r = b.get("/f/env.shtml")
    assert r.status_code == 200, r.text
    assert "cookie=[theme=dark]" in r.text
    assert "authgate-" not in r.text
    # the included page's subrequest has a configuration of its own and
    # is judged again: the module still finds the session
    assert "f sub page" in r.text, r.text
    # a proxied application, in the area and outside any area
    for path in ("/f/app/", "/public/app/"):
        r = b.get(path)
        assert r.status_code == 200, r.text
        assert r.text == "cookie=['theme=dark']\n"
    # only the module's cookies: the backend is sent no Cookie at all
    del b.s.cookies["theme"]
    r = b.get("/f/app/")
    assert r.status_code == 200 and r.text == "cookie=None\n"


def test_internal_redirect_keeps_the_session(httpd, backend):
    """A 404 in the area is answered by ErrorDocument's page, an internal
    redirect to a URL with a configuration of its own: it is judged
    again, with the cookies the browser sent."""
    h = site(httpd, backend)
    b = signed_in(h)
    r = b.get("/f/missing.html")
    assert r.status_code == 404
    assert r.text == "f sub page\n"
    # without a session the same request is refused, with the page
    r = h.get("/f/missing.html")
    assert r.status_code == 401


def test_logs_never_show_the_session(httpd, backend):
    """%{Cookie}i in a log format: signed in, refused, or with a cookie
    that is not good (expired, forged), the module's cookies are gone
    before the log reads the header."""
    h = site(httpd, backend)
    b = signed_in(h)
    (name, value), = b.session_cookie().items()
    assert b.get("/f/").status_code == 200
    assert b.get("/public/").status_code == 200
    forged = value[:-4] + ("AAAA" if value[-4:] != "AAAA" else "BBBB")
    r = h.get("/f/", cookies={name: forged, "theme": "dark"})
    assert r.status_code == 401
    log = (h.dir / "logs" / "cookie.log").read_text()
    assert "theme=dark" in log
    assert "authgate-" not in log and value not in log


def raw_get(h, path, lines, version="HTTP/1.1"):
    """A GET sent as bytes, with the header lines given (for what no
    library sends: a field twice, a malformed line)."""
    req = f"GET {path} {version}\r\n" + "".join(
        line + "\r\n" for line in lines) + "Connection: close\r\n\r\n"
    return h.raw(req.encode())


def test_cookie_sent_twice(httpd, backend):
    """A client may send the Cookie header more than once (HTTP/1.1
    clients other than browsers, a proxy passing HTTP/2's cookie fields
    on as they came): httpd joins the fields with ", ", so a session in a
    field after the first follows a comma, not a semicolon.  It goes all
    the same, and the application's cookies of that field stay."""
    h = site(httpd, backend)
    b = signed_in(h)
    (name, value), = b.session_cookie().items()
    for fields, want in (
            (["theme=dark", f"{name}={value}"], "theme=dark"),
            ([f"{name}={value}", "theme=dark"], "theme=dark"),
            (["a=1; b=2", f"{name}={value}; c=3", "d=4"],
             "a=1; b=2; c=3, d=4")):
        status, _, body = raw_get(
            h, "/public/app/",
            ["Host: localhost"] + [f"Cookie: {f}" for f in fields])
        assert status == 200, body
        assert body.decode() == f"cookie=['{want}']\n"
    # a comma within a value of the application's is not a separator of
    # ours: the header is passed on as it came
    r = h.get("/public/app/", headers={"Cookie": "list=a,b, c"})
    assert r.text == "cookie=['list=a,b, c']\n"
    log = (h.dir / "logs" / "cookie.log").read_text()
    assert value not in log


def test_refused_before_the_hooks_logs_no_session(httpd, backend):
    """httpd refuses some requests as it reads them (a malformed header
    line, too many or too long fields, HTTP/1.1 without Host, an unknown
    Expect or Transfer-Encoding), before any module's post_read_request
    runs; it still logs them, with the headers read so far."""
    h = site(httpd, backend)
    b = signed_in(h)
    (name, value), = b.session_cookie().items()
    cookie = f"Cookie: theme=dark; {name}={value}"
    cases = [
        ["Host: localhost", cookie, "no colon on this line"],
        ["Host: localhost", cookie, "X-Long: " + "a" * 9000],
        ["Host: localhost", cookie] + [f"X-{i}: 1" for i in range(101)],
        [cookie],
        ["Host: a b", cookie],
        ["Host: localhost", cookie, "Expect: nonsense"],
        ["Host: localhost", cookie, "Transfer-Encoding: gzip"],
    ]
    for lines in cases:
        status, _, _ = raw_get(h, "/public/", lines)
        assert status in (400, 417), lines
    log = h.dir / "logs" / "cookie.log"
    # one line for the sign-in's two requests, one for each refusal
    assert wait_for(lambda: len(log.read_text().splitlines()) >=
                    2 + len(cases))
    text = log.read_text()
    assert "theme=dark" in text
    assert "authgate-" not in text and value not in text


LEAK_PAGE = ('<!--#if expr="%{note:authgate-cookies} =~ /authgate-/" -->'
             'note<!--#endif -->'
             '<!--#if expr="%{env:authgate-cookies} =~ /authgate-/" -->'
             'env<!--#endif -->[end]\n')


def test_pages_cannot_read_the_header_as_sent(httpd, backend):
    """The header as the browser sent it is kept where only the module
    reads it: not in the request's notes, which an expression reads
    (%{note:...}, %{env:...}) in an SSI page, or in SetEnvIfExpr, Header
    or RequestHeader of an .htaccess with AllowOverride FileInfo."""
    httpd.page("f/leak.shtml", LEAK_PAGE)
    h = site(httpd, backend)
    b = signed_in(h)
    r = b.get("/f/leak.shtml")
    assert r.status_code == 200, r.text
    assert r.text == "[end]\n"
    # the session still works there, and in the included subrequest
    assert "f sub page" in b.get("/f/env.shtml").text
