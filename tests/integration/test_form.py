"""Signing in with a form (AuthGateScheme Form), form sessions and signing
out, against a real httpd: the 401 page's form, the 303 and its cookie,
the session's limits (sign-out, idle, max, a deleted user or a changed
password, UNTIL and STATE), the same-origin and anti-forgery rules,
safe return targets, lockout through the form, cookies from other areas
or tampered with, and Basic's sign-out."""

import html
import re
import time

import pytest
import requests

from conftest import area, htpasswd, wait_for

PASSWORDS = {"alice": "wonderland", "bob": "builder", "carol": "singer"}


def write_users(h, name="users", users=PASSWORDS, extra=None):
    """A user file; extra maps a user to its ':ROLES:UNTIL:STATE' tail."""
    p = h.path(name + ".tmp0")
    if p.exists():
        p.unlink()
    for u, pw in users.items():
        htpasswd(p, u, pw)
    lines = []
    for line in p.read_text().splitlines():
        u = line.split(":", 1)[0]
        lines.append(line + ((extra or {}).get(u, "")))
    p.unlink()
    return h.write(name, "\n".join(lines) + "\n")


def site(h, log_level="warn authgate:info", extra=""):
    """/f/: Form only; /fbb/: Basic Bearer Form; /other/: Form with
    another user file; /basic/: Basic only; /lock/: Form with a lockout;
    /short/: Form with small idle and max limits; /role/: Form, Require
    role admin."""
    write_users(h)
    write_users(h, "users2", {"alice": "elsewhere"})
    h.write("roles", "member: alice bob carol\nadmin: bob\n")
    h.write("tokens", "")
    for d in ("f", "fbb", "other", "basic", "lock", "lockb", "short",
              "role"):
        h.page(d + "/index.html", d + " page\n")
        h.page(d + "/sub/page.html", d + " sub page\n")
    users, roles = h.path("users"), h.path("roles")
    body = (
        area(h.docroot / "f", '"Form area"', users=users, roles=roles,
             require="Require valid-user", extra="  AuthGateScheme Form") +
        area(h.docroot / "fbb", '"Form area"', users=users, roles=roles,
             tokens=h.path("tokens"), require="Require valid-user",
             extra="  AuthGateScheme Basic Bearer Form") +
        area(h.docroot / "other", '"Form area"', users=h.path("users2"),
             require="Require valid-user", extra="  AuthGateScheme Form") +
        area(h.docroot / "basic", '"Basic area"', users=users,
             require="Require valid-user") +
        area(h.docroot / "lock", '"Lock"', users=users,
             require="Require valid-user",
             extra="  AuthGateScheme Form\n  AuthGateLockout 3 600\n"
                   "  AuthGateCacheTTL 0") +
        area(h.docroot / "lockb", '"Lockb"', users=users,
             require="Require valid-user",
             extra="  AuthGateScheme Basic Form\n  AuthGateLockout 3 600\n"
                   "  AuthGateCacheTTL 0") +
        area(h.docroot / "short", '"Short"', users=users,
             require="Require valid-user",
             extra="  AuthGateScheme Form\n  AuthGateSessionIdle 2\n"
                   "  AuthGateSessionMax 5") +
        area(h.docroot / "role", '"Form area"', users=users, roles=roles,
             require="Require role admin", extra="  AuthGateScheme Form") +
        extra)
    h.config(body, log_level=log_level)
    return h.start()


def origin(h):
    return f"http://127.0.0.1:{h.port}"


def form_of(text):
    """(action, csrf, return) of the sign-in form in a page."""
    m = re.search(r'<form class="signin" method="post" action="([^"]*)"',
                  text)
    csrf = re.search(r'name="ag_csrf" value="([^"]*)"', text)
    ret = re.search(r'name="ag_return" value="([^"]*)"', text)
    assert m and csrf, "no sign-in form in the page:\n" + text
    return (html.unescape(m.group(1)), html.unescape(csrf.group(1)),
            html.unescape(ret.group(1)) if ret else None)


class Browser:
    """A client that keeps cookies and sends what a browser sends with a
    form of the same origin."""

    def __init__(self, h):
        self.h = h
        self.s = requests.Session()

    def get(self, path, headers=None, **kw):
        self.h.requests += 1
        hd = {"X-Test-Seq": str(self.h.requests)}
        hd.update(headers or {})
        return self.s.get(self.h.url(path), headers=hd, timeout=10,
                          allow_redirects=False, **kw)

    def post(self, path, data, headers=None, same_origin=True, **kw):
        self.h.requests += 1
        hd = {"X-Test-Seq": str(self.h.requests)}
        if same_origin:
            hd.update({"Origin": origin(self.h),
                       "Sec-Fetch-Site": "same-origin"})
        hd.update(headers or {})
        return self.s.post(self.h.url(path), data=data, headers=hd,
                           timeout=10, allow_redirects=False, **kw)

    def form(self, path):
        r = self.get(path)
        assert r.status_code == 401, r.text
        return form_of(r.text)

    def sign_in(self, path, user, password, ret=None, headers=None,
                drop=(), same_origin=True):
        action, csrf, ret0 = self.form(path)
        data = {"ag_user": user, "ag_password": password, "ag_csrf": csrf,
                "ag_return": ret if ret is not None else ret0}
        for k in drop:
            data.pop(k, None)
        return self.post(action, data, headers=headers,
                         same_origin=same_origin)

    def signout(self, path, headers=None):
        hd = {"Sec-Fetch-Site": "same-origin"}
        hd.update(headers or {})
        return self.get(path + "?authgate=signout", headers=hd)

    def session_cookie(self):
        return {c.name: c.value for c in self.s.cookies
                if c.name.startswith("authgate-")
                and not c.name.endswith("-pre")}


def reason(r):
    m = re.search(r"AUTHGATE_REASON|\"reason\":\"([a-z-]+)\"", r.text)
    return m.group(1) if m else None


# -- the form and the challenge ------------------------------------------

def test_form_page_and_challenge(httpd):
    h = site(httpd)
    r = h.get("/f/")
    assert r.status_code == 401
    assert r.headers.get_all if False else True
    assert r.headers["WWW-Authenticate"] == 'Form realm="Form area"'
    t = r.text
    assert '<form class="signin" method="post" action="/f/"' in t
    assert 'autocomplete="username"' in t
    assert 'autocomplete="current-password"' in t
    assert '<label for="ag-user">' in t and 'id="ag-user"' in t
    assert '<label for="ag-password">' in t and 'id="ag-password"' in t
    assert "<script" not in t and "http://" not in t.replace(
        "http://www.w3.org", "")
    # the pre-session cookie that the form's value is bound to
    pre = [c for c in r.raw.headers.getlist("Set-Cookie")
           if "-pre=" in c]
    assert len(pre) == 1 and "HttpOnly" in pre[0] and \
        "SameSite=Lax" in pre[0] and "Path=/" in pre[0]
    assert h.last_access()[2] == "no-credentials"


def test_no_basic_challenge_when_form_is_on(httpd):
    """A browser never gets a Basic challenge (its dialog) where Form is
    on; Bearer's challenge stays, and a script's Basic still works."""
    h = site(httpd)
    r = h.get("/fbb/")
    assert r.status_code == 401
    chal = r.raw.headers.getlist("WWW-Authenticate")
    assert chal == ['Bearer realm="Form area"', 'Form realm="Form area"']
    assert not any(c.startswith("Basic") for c in chal)
    # wrong Basic: still no Basic challenge
    r = h.get("/fbb/", auth=("alice", "nope"))
    assert r.status_code == 401
    assert not any(c.startswith("Basic")
                   for c in r.raw.headers.getlist("WWW-Authenticate"))
    # a script sends Basic without being asked
    r = h.get("/fbb/", auth=("alice", "wonderland"))
    assert r.status_code == 200 and r.text == "fbb page\n"
    # Basic is not accepted where only Form is on
    r = h.get("/f/", auth=("alice", "wonderland"))
    assert r.status_code == 401
    assert h.last_access()[2] == "unsupported-scheme"


# -- signing in -----------------------------------------------------------

def test_sign_in_303_cookie_and_stay_signed_in(httpd):
    h = site(httpd)
    b = Browser(h)
    r = b.sign_in("/f/sub/page.html", "alice", "wonderland")
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == "/f/sub/page.html"
    cookies = r.raw.headers.getlist("Set-Cookie")
    sess = [c for c in cookies if re.match(r"authgate-[0-9a-f]{8}=", c)]
    assert len(sess) == 1
    c = sess[0]
    for attr in ("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"):
        assert attr in c, c
    assert "Secure" not in c          # plain HTTP
    assert "wonderland" not in c and "$2y$" not in c
    # the pre-session cookie is dropped
    assert any("-pre=;" in x and "Max-Age=0" in x for x in cookies)
    for _ in range(3):
        r = b.get("/f/sub/page.html")
        assert r.status_code == 200 and r.text == "f sub page\n"
        assert h.last_access()[0] == "alice"
    log = h.error_log()
    assert "wonderland" not in log
    assert list(b.session_cookie().values())[0] not in log
    assert "AG01402" in log


def test_wrong_password_shows_the_form_again(httpd):
    h = site(httpd)
    b = Browser(h)
    r = b.sign_in("/f/", "alice", "wrong")
    assert r.status_code == 401
    assert h.last_access()[2] == "invalid-credentials"
    action, csrf, _ = form_of(r.text)
    assert action == "/f/"
    assert 'value="alice"' in r.text            # the name is kept
    assert not b.session_cookie()
    # unknown user: the same answer
    r = b.sign_in("/f/", "nobody", "wrong")
    assert r.status_code == 401
    assert h.last_access()[2] == "invalid-credentials"


def test_ordinary_post_is_401_not_a_sign_in(httpd):
    h = site(httpd)
    r = h.get("/f/", method="POST", data={"q": "1"},
              headers={"Origin": origin(h)})
    assert r.status_code == 401
    assert h.last_access()[2] == "no-credentials"


def test_malformed_form_400(httpd):
    h = site(httpd)
    b = Browser(h)
    _, csrf, _ = b.form("/f/")
    body = f"ag_user=alice&ag_user=bob&ag_password=x&ag_csrf={csrf}"
    r = b.post("/f/", body,
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    assert h.last_access()[2] == "malformed-credentials"
    # over 8 KiB: refused unread
    r = b.post("/f/", "ag_user=alice&ag_password=" + "x" * 9000,
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400


def test_latin1_and_percent_decoding(httpd):
    h = site(httpd)
    write_users(h, users={"alice": "wonderland", "jürgen": "grüße"})
    b = Browser(h)
    # UTF-8 as a browser sends it, %-encoded, '+' for blanks not needed
    # every child reloads the file on its own: wait until five sign-ins
    # in a row, to whichever child answers, succeed
    assert wait_for(lambda: all(Browser(h).sign_in(
        "/f/", "jürgen", "grüße").status_code == 303 for _ in range(5)),
        timeout=4)
    # ISO-8859-1 bytes
    _, csrf, _ = b.form("/f/")
    body = ("ag_user=j%FCrgen&ag_password=gr%FC%DFe&ag_csrf="
            + requests.utils.quote(csrf, safe=""))
    r = b.post("/f/", body,
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 303


# -- cross-site and anti-forgery -------------------------------------------

@pytest.mark.parametrize("headers,why", [
    ({"Origin": "http://evil.example"}, "another site's Origin"),
    ({"Origin": "null"}, "an opaque Origin"),
    ({"Sec-Fetch-Site": "cross-site"}, "Sec-Fetch-Site cross-site"),
    ({"Sec-Fetch-Site": "same-site"}, "Sec-Fetch-Site same-site"),
    ({}, "neither header"),
])
def test_cross_site_sign_in_refused(httpd, headers, why):
    h = site(httpd)
    b = Browser(h)
    r = b.sign_in("/f/", "alice", "wonderland", headers=headers,
                  same_origin=False)
    assert r.status_code == 403, why
    assert h.last_access()[2] == "cross-site"
    assert not b.session_cookie()
    assert "<form" in r.text          # the page, with a fresh form


def test_cross_site_with_matching_origin_but_cross_fetch(httpd):
    h = site(httpd)
    b = Browser(h)
    r = b.sign_in("/f/", "alice", "wonderland",
                  headers={"Origin": origin(h),
                           "Sec-Fetch-Site": "cross-site"},
                  same_origin=False)
    assert r.status_code == 403


def test_anti_forgery_value_required(httpd):
    h = site(httpd)
    b = Browser(h)
    # missing
    r = b.sign_in("/f/", "alice", "wonderland", drop=("ag_csrf",))
    assert r.status_code == 400      # not the form's: malformed
    # wrong
    action, csrf, _ = b.form("/f/")
    bad = csrf[:-2] + ("AA" if not csrf.endswith("AA") else "BB")
    r = b.post(action, {"ag_user": "alice", "ag_password": "wonderland",
                        "ag_csrf": bad})
    assert r.status_code == 403
    assert h.last_access()[2] == "cross-site"
    # another browser's value (not bound to this browser's nonce)
    other = Browser(h)
    _, csrf2, _ = other.form("/f/")
    r = b.post(action, {"ag_user": "alice", "ag_password": "wonderland",
                        "ag_csrf": csrf2})
    assert r.status_code == 403
    # a value without its pre-session cookie
    fresh = Browser(h)
    r = fresh.post(action, {"ag_user": "alice",
                            "ag_password": "wonderland", "ag_csrf": csrf})
    assert r.status_code == 403
    assert not b.session_cookie() and not fresh.session_cookie()
    # the right one works
    r = b.post(action, {"ag_user": "alice", "ag_password": "wonderland",
                        "ag_csrf": csrf})
    assert r.status_code == 303


def test_anti_forgery_value_of_another_area(httpd):
    h = site(httpd)
    b = Browser(h)
    _, csrf, _ = b.form("/other/")
    b.form("/f/")
    r = b.post("/f/", {"ag_user": "alice", "ag_password": "wonderland",
                       "ag_csrf": csrf})
    assert r.status_code == 403


# -- return targets ----------------------------------------------------------

@pytest.mark.parametrize("target", [
    "//evil.example/", "/\\evil.example/", "http://evil.example/",
    "https:evil", "\\\\evil", "/f/\x01x", "javascript:alert(1)", "",
    "f/relative",
])
def test_open_redirect_attempts_land_locally(httpd, target):
    h = site(httpd)
    b = Browser(h)
    r = b.sign_in("/f/sub/page.html", "alice", "wonderland", ret=target)
    if r.status_code == 400:      # control bytes: malformed
        assert "\x01" in target
        return
    assert r.status_code == 303
    loc = r.headers["Location"]
    assert loc == "/f/sub/page.html"


def test_return_target_local_is_kept(httpd):
    h = site(httpd)
    b = Browser(h)
    r = b.sign_in("/f/", "alice", "wonderland", ret="/f/sub/page.html?a=1")
    assert r.status_code == 303
    assert r.headers["Location"] == "/f/sub/page.html?a=1"


# -- sign-out ----------------------------------------------------------------

def test_sign_out_ends_the_session_on_the_server(httpd):
    h = site(httpd)
    b = Browser(h)
    assert b.sign_in("/f/", "alice", "wonderland").status_code == 303
    r = b.get("/f/")
    assert r.status_code == 200
    old = dict(b.session_cookie())
    r = b.signout("/f/sub/page.html")
    assert r.status_code == 401
    assert h.last_access()[2] == "signed-out"
    assert "You are signed out" in r.text
    assert "<form" in r.text
    action, _, _ = form_of(r.text)
    assert action == "/f/sub/page.html"
    assert any("Max-Age=0" in c and re.match(r"authgate-[0-9a-f]{8}=;", c)
               for c in r.raw.headers.getlist("Set-Cookie"))
    assert b.get("/f/").status_code == 401
    # the old cookie, replayed after sign-out, no longer works
    replay = requests.get(h.url("/f/"), cookies=old, timeout=10,
                          allow_redirects=False)
    assert replay.status_code == 401
    assert "AG01403" in h.error_log()


def test_sign_out_offered_on_pages_and_env(httpd):
    h = site(httpd, extra=f"""<Directory "{httpd.docroot}/f/cgi">
  Options +Includes
  AddOutputFilter INCLUDES .shtml
</Directory>
""")
    h.page("f/cgi/env.shtml",
           '<!--#echo var="AUTHGATE_SIGNOUT_URL" -->\n')
    b = Browser(h)
    assert b.sign_in("/role/", "alice", "wonderland").status_code == 303
    r = b.get("/role/")
    assert r.status_code == 403
    assert 'href="/role/?authgate=signout">Sign in as someone else<' in \
        r.text
    # /role/ and /f/ share realm and user file: one area, one session
    r = b.get("/f/cgi/env.shtml")
    assert r.status_code == 200
    assert r.text.strip() == "/f/cgi/env.shtml?authgate=signout"


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://evil.example"},
    {},
])
def test_cross_site_sign_out_refused(httpd, headers):
    h = site(httpd)
    b = Browser(h)
    assert b.sign_in("/f/", "alice", "wonderland").status_code == 303
    r = b.get("/f/?authgate=signout", headers=headers)
    assert r.status_code == 403
    assert h.last_access()[2] == "cross-site"
    assert b.get("/f/").status_code == 200     # still signed in


def test_basic_sign_out(httpd):
    h = site(httpd)
    r = h.get("/basic/?authgate=signout", auth=("alice", "wonderland"),
              headers={"Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == \
        'Basic realm="Basic area", charset="UTF-8"'
    assert "You are signed out" in r.text
    assert h.last_access()[2] == "signed-out"
    # a signed-in Basic user is offered the URL on a 403 and in pages
    r = h.get("/basic/", auth=("alice", "wonderland"))
    assert r.status_code == 200


# -- session limits ------------------------------------------------------------

def test_deleted_user_and_changed_password_end_the_session(httpd):
    h = site(httpd)
    a, c = Browser(h), Browser(h)
    assert a.sign_in("/f/", "alice", "wonderland").status_code == 303
    assert c.sign_in("/f/", "carol", "singer").status_code == 303
    assert a.get("/f/").status_code == 200
    assert c.get("/f/").status_code == 200
    # carol deleted, alice's password changed
    write_users(h, users={"alice": "new-password", "bob": "builder"})
    t0 = time.time()
    # every child reloads on its own, within the window: wait until five
    # requests in a row, to whichever child answers, are refused
    assert wait_for(lambda: all(a.get("/f/").status_code == 401
                                for _ in range(5)), timeout=2.5)
    assert wait_for(lambda: all(c.get("/f/").status_code == 401
                                for _ in range(5)), timeout=2.5)
    assert time.time() - t0 < 2.6
    assert "changed password" in h.error_log() or \
        "no longer in the user file" in h.error_log()
    # a new sign-in with the new password works
    assert wait_for(lambda: Browser(h).sign_in(
        "/f/", "alice", "new-password").status_code == 303)


def test_until_and_state_judged_every_request(httpd):
    h = site(httpd)
    b = Browser(h)
    assert b.sign_in("/f/", "bob", "builder").status_code == 303
    assert b.get("/f/").status_code == 200
    # the same hashes, bob disabled
    text = h.path("users").read_text()
    lines = [l + ":::disabled" if l.startswith("bob:") else l
             for l in text.splitlines()]
    h.write("users", "\n".join(lines) + "\n")
    assert wait_for(lambda: b.get("/f/").status_code == 401)
    assert h.last_access()[2] == "account-disabled"
    lines = [l.replace(":::disabled", "::2001-01-01:")
             for l in lines]
    h.write("users", "\n".join(lines) + "\n")
    assert wait_for(lambda: h.last_access()[2] == "account-expired"
                    if b.get("/f/").status_code == 401 else False)
    lines = [l.replace("::2001-01-01:", "") for l in lines]
    h.write("users", "\n".join(lines) + "\n")
    assert wait_for(lambda: b.get("/f/").status_code == 200)


def test_idle_limit(httpd):
    h = site(httpd)
    b = Browser(h)
    assert b.sign_in("/short/", "alice", "wonderland").status_code == 303
    assert b.get("/short/").status_code == 200
    time.sleep(1)
    assert b.get("/short/").status_code == 200     # used: kept alive
    time.sleep(2.5)
    r = b.get("/short/")
    assert r.status_code == 401
    assert "AuthGateSessionIdle" in h.error_log()


def test_max_limit(httpd):
    h = site(httpd)
    b = Browser(h)
    assert b.sign_in("/short/", "alice", "wonderland").status_code == 303
    deadline = time.time() + 4
    while time.time() < deadline:
        assert b.get("/short/").status_code == 200
        time.sleep(0.5)
    time.sleep(1.6)
    assert b.get("/short/").status_code == 401


# -- cookies that do not count -------------------------------------------------

def test_tampered_cookie(httpd):
    h = site(httpd)
    b = Browser(h)
    assert b.sign_in("/f/", "alice", "wonderland").status_code == 303
    name, value = next(iter(b.session_cookie().items()))
    payload, mac = value.split(".")
    # another user name in the payload, the old MAC
    import base64
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    forged = raw[:-5] + b"bob\x00\x00"[:0] + b"bob"
    fp = base64.urlsafe_b64encode(forged).decode().rstrip("=")
    for v in (fp + "." + mac, payload + "." + mac[:-1] + "A"
              if not mac.endswith("A") else payload + "." + mac[:-1] + "B",
              payload, payload + ".", "x" * 600, value[:-3]):
        r = requests.get(h.url("/f/"), cookies={name: v}, timeout=10,
                         allow_redirects=False)
        assert r.status_code == 401, v
    assert requests.get(h.url("/f/"), cookies={name: value},
                        timeout=10).status_code == 200


def test_cookie_from_another_area(httpd):
    h = site(httpd)
    b = Browser(h)
    assert b.sign_in("/f/", "alice", "wonderland").status_code == 303
    name, value = next(iter(b.session_cookie().items()))
    # /other/ has another user file: its cookie name and area differ
    o = Browser(h)
    o.form("/other/")
    other_name = [c.name for c in o.s.cookies
                  if c.name.endswith("-pre")][0][:-4]
    assert other_name != name
    r = requests.get(h.url("/other/"), cookies={other_name: value},
                     timeout=10, allow_redirects=False)
    assert r.status_code == 401
    assert "another area" in h.error_log()
    # an area without Form never looks at it
    r = requests.get(h.url("/basic/"), cookies={name: value}, timeout=10)
    assert r.status_code == 401
    # Bearer (or any Authorization) does not use the cookie
    r = requests.get(h.url("/fbb/"), cookies={name: value}, timeout=10,
                     headers={"Authorization": "Bearer nope.nope"})
    assert r.status_code in (400, 401)


# -- lockout through the form ---------------------------------------------------

def test_lockout_through_the_form(httpd):
    h = site(httpd)
    b = Browser(h)
    for _ in range(3):
        assert b.sign_in("/lock/", "alice", "wrong").status_code == 401
        assert h.last_access()[2] == "invalid-credentials"
    # the right password is not even checked now
    r = b.sign_in("/lock/", "alice", "wonderland")
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert h.last_access()[2] == "locked-out"
    assert not b.session_cookie()


def test_form_and_basic_count_together(httpd):
    """One lockout for both ways in: two Basic guesses and one through
    the form lock the user out of both."""
    h = site(httpd)
    for _ in range(2):
        assert h.get("/lockb/", auth=("alice", "x")).status_code == 401
    b = Browser(h)
    assert b.sign_in("/lockb/", "alice", "wrong").status_code == 401
    assert b.sign_in("/lockb/", "alice", "wonderland").status_code == 429
    assert h.get("/lockb/", auth=("alice", "wonderland")).status_code == 429


# -- over HTTPS: Secure and __Host- ---------------------------------------------

def test_https_cookie_is_secure_and_host_prefixed(httpd):
    import subprocess
    import urllib3
    urllib3.disable_warnings()
    h = httpd
    key, crt = h.path("tls.key"), h.path("tls.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-keyout", str(key), "-out", str(crt),
                    "-days", "2", "-subj", "/CN=127.0.0.1"],
                   check=True, capture_output=True)
    write_users(h)
    h.page("f/index.html", "f page\n")
    h.config(area(h.docroot / "f", '"Form area"', users=h.path("users"),
                  require="Require valid-user",
                  extra="  AuthGateScheme Form") +
             f"SSLEngine on\nSSLCertificateFile {crt}\n"
             f"SSLCertificateKeyFile {key}\n",
             extra_modules=("ssl",))
    h.start()
    base = f"https://127.0.0.1:{h.port}"
    s = requests.Session()
    s.trust_env = False
    r = s.get(base + "/f/", timeout=10, verify=False)
    assert r.status_code == 401
    pre = [c for c in r.raw.headers.getlist("Set-Cookie") if "-pre=" in c]
    assert pre and pre[0].startswith("__Host-authgate-") and \
        "; Secure" in pre[0]
    action, csrf, ret = form_of(r.text)
    r = s.post(base + action, data={"ag_user": "alice",
                                    "ag_password": "wonderland",
                                    "ag_csrf": csrf, "ag_return": ret},
               headers={"Origin": base, "Sec-Fetch-Site": "same-origin"},
               timeout=10, allow_redirects=False, verify=False)
    assert r.status_code == 303, r.text
    c = [x for x in r.raw.headers.getlist("Set-Cookie")
         if re.match(r"__Host-authgate-[0-9a-f]{8}=[^;]", x)]
    assert len(c) == 1
    for attr in ("; Secure", "; HttpOnly", "; SameSite=Lax", "; Path=/"):
        assert attr in c[0], c[0]
    assert "Domain=" not in c[0]
    assert s.get(base + "/f/", timeout=10, verify=False).status_code == 200
    # an http:// Origin is another origin
    s2 = requests.Session()
    s2.trust_env = False
    r = s2.get(base + "/f/", timeout=10, verify=False)
    _, csrf2, _ = form_of(r.text)
    r = s2.post(base + "/f/", data={"ag_user": "alice",
                                    "ag_password": "wonderland",
                                    "ag_csrf": csrf2},
                headers={"Origin": f"http://127.0.0.1:{h.port}"},
                timeout=10, allow_redirects=False, verify=False)
    assert r.status_code == 403


# -- several servers sharing memcache or redis -----------------------------------

@pytest.mark.parametrize("kind", ["memcache", "redis"])
def test_session_and_sign_out_shared_by_servers(kind, tmp_path):
    """A session made on one server is valid on the other, and a sign-out
    on the other ends it on both (same AuthGateSecretFile, same cache,
    same user file path)."""
    import subprocess
    from conftest import AUTHGATE, Httpd
    from test_farm import Daemon

    daemon = Daemon(kind, tmp_path)
    secret = tmp_path / "secret"
    subprocess.run([str(AUTHGATE), "secret", str(secret)], check=True)
    a, b = Httpd("event"), Httpd("event")
    try:
        write_users(a)
        for h in (a, b):
            h.page("m/index.html", "m page\n")
            h.config(f"AuthGateCache {daemon.spec}\n"
                     f"AuthGateSecretFile {secret}\n" +
                     area(h.docroot / "m", '"Shared"', users=a.path("users"),
                          require="Require valid-user",
                          extra="  AuthGateScheme Form"),
                     extra_modules=(f"socache_{kind}",))
            h.allow_error(r"\[socache_(memcache|redis):(error|crit)\]")
            h.start()
        ba = Browser(a)
        assert ba.sign_in("/m/", "alice", "wonderland").status_code == 303
        cookies = ba.session_cookie()
        rb = requests.get(b.url("/m/"), cookies=cookies, timeout=10)
        assert rb.status_code == 200 and rb.text == "m page\n"
        # sign out on b
        r = requests.get(b.url("/m/?authgate=signout"), cookies=cookies,
                         headers={"Sec-Fetch-Site": "same-origin"},
                         timeout=10)
        assert r.status_code == 401
        for h in (a, b):
            assert requests.get(h.url("/m/"), cookies=cookies,
                                timeout=10).status_code == 401
    finally:
        daemon.stop()
        for h in (a, b):
            errors = h.unexpected_errors()
            h.cleanup()
            assert not errors, "\n".join(errors)
