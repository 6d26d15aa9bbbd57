"""The built-in 401 and 403 pages (insufficient-role and not-allowed), in
each language the gate speaks, and a custom template, rendered by a
real browser (Debian's Chromium through playwright-core): screenshots go
to build/screenshots/, and axe-core finds no WCAG 2.1 A/AA violation."""

import json
import os
import shutil
import subprocess

from agsite import standard_site
from conftest import ROOT, area, basic, free_port, htpasswd

SHOTS = ROOT / "build" / "screenshots"
SCRIPT = ROOT / "tests" / "browser" / "check_pages.mjs"


def test_pages_in_chromium_pass_axe(httpd):
    assert shutil.which("node"), "node is installed by make deps"
    assert os.path.exists("/usr/bin/chromium"), "chromium: make deps"
    assert (ROOT / "node_modules" / "playwright-core").is_dir(), \
        "playwright-core and axe-core are installed by make deps (npm ci)"
    httpd.write("branded.html",
                (ROOT / "conf/templates/branded.html").read_text())
    standard_site(httpd, extra_modules=("unique_id",),
                  extra=f"""<Directory "{httpd.docroot}/members">
  AuthGateLoginURL "https://login.example.com/?app=demo"
  AuthGateSupportURL "mailto:help@example.com"
</Directory>
<Directory "{httpd.docroot}/admin">
  AuthGateShowRoles On
  AuthGateSupportURL "/help/"
</Directory>
<Directory "{httpd.docroot}/ops">
  AuthGateErrorDocument 403 {httpd.path("branded.html")}
  AuthGateSupportURL "/help/"
</Directory>
<Directory "{httpd.docroot}/lan">
  AuthType AuthGate
  AuthName "LAN only"
  AuthGateUserFile {httpd.path("users")}
  Require ip 192.0.2.0/24
</Directory>
""")
    httpd.page("lan/index.html")
    pages = [
        {"name": "builtin-401", "url": httpd.url("/members/")},
        {"name": "builtin-403", "url": httpd.url("/admin/"),
         "authorization": basic("bob", "builder")},
        {"name": "template-branded-403", "url": httpd.url("/ops/"),
         "authorization": basic("bob", "builder")},
        # no sign-in page: a reload link and the home page
        {"name": "builtin-401-basic", "url": httpd.url("/ops/")},
        {"name": "builtin-403-not-allowed", "url": httpd.url("/lan/")},
    ]
    # every language, at both sizes: the longer words must fit as well
    for lang in ("en", "de", "fr", "es"):
        pages += [
            {"name": f"{lang}-builtin-401", "url": httpd.url("/members/"),
             "language": lang},
            {"name": f"{lang}-builtin-401-basic", "url": httpd.url("/ops/"),
             "language": lang},
            {"name": f"{lang}-builtin-403", "url": httpd.url("/admin/"),
             "authorization": basic("bob", "builder"), "language": lang},
        ]
    r = subprocess.run(["node", str(SCRIPT), str(SHOTS), json.dumps(pages)],
                       capture_output=True, text=True, timeout=300,
                       cwd=ROOT)
    print(r.stdout)
    print(r.stderr[-3000:])
    summary_line = [x for x in r.stdout.split("\n")
                    if x.startswith("SUMMARY ")]
    assert summary_line, r.stderr[-2000:]
    summary = json.loads(summary_line[-1][len("SUMMARY "):])
    assert len(summary) == 2 * len(pages) == 34
    for entry in summary:
        assert entry["violations"] == [], entry
        assert entry["external"] == [], entry
        assert entry["h1"] == 1, entry
        assert entry["passes"] >= 5, entry
        assert os.path.getsize(entry["screenshot"]) > 5000
        # the page says its language: the one asked for, else English
        assert entry["lang"] == (entry["page"][:2]
                                 if entry["page"][2] == "-" else "en"), entry
    statuses = {e["page"]: e["status"] for e in summary}
    expected = {"builtin-401": 401, "builtin-403": 403,
                "template-branded-403": 403, "builtin-401-basic": 401,
                "builtin-403-not-allowed": 403}
    for lang in ("en", "de", "fr", "es"):
        expected.update({f"{lang}-builtin-401": 401,
                         f"{lang}-builtin-401-basic": 401,
                         f"{lang}-builtin-403": 403})
    assert statuses == expected
    assert r.returncode == 0


# -- the sign-in form in a real browser -----------------------------------

FORM_SCRIPT = ROOT / "tests" / "browser" / "check_form.mjs"
LOCKOUT = 3

# A page that posts a sign-in to another origin as soon as it loads: the
# target, the fields and the anti-forgery value come from its query.
EVIL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Win a prize</title></head>
<body><main><h1>Win a prize</h1>
<form id="f" method="post"></form>
<script>
const q = new URLSearchParams(location.search);
const f = document.getElementById('f');
f.action = q.get('target');
for (const [name, key] of [['ag_user', 'user'], ['ag_password', 'password'],
                           ['ag_csrf', 'csrf']]) {
  const i = document.createElement('input');
  i.type = 'hidden'; i.name = name; i.value = q.get(key);
  f.appendChild(i);
}
const r = document.createElement('input');
r.type = 'hidden'; r.name = 'ag_return'; r.value = '/f/';
f.appendChild(r);
f.submit();
</script></main></body></html>
"""

# The page behind the form: who is signed in and, through SSI, the
# sign-out URL the gate hands to the site's own pages.
SIGNED_IN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Form area</title></head>
<body><main><h1>Form area</h1>
<p id="who"><!--#echo var="REMOTE_USER" --></p>
<!--#if expr="-n v('AUTHGATE_SIGNOUT_URL')" -->
<p><a id="signout" href="<!--#echo var="AUTHGATE_SIGNOUT_URL" -->">Sign out</a></p>
<!--#endif -->
</main></body></html>
"""


def form_site(h):
    """/f/ (Form, any user; an SSI page), /role/ (Form, role admin),
    /lock/ (Form, AuthGateLockout LOCKOUT), /evil.html (public), on the
    httpd's port and on a second one; returns the second port."""
    users = h.path("users")
    htpasswd(users, "carol", "singer")      # member only
    htpasswd(users, "dave", "drummer")      # admin
    h.write("roles", "member: carol dave\nadmin: dave\n")
    h.page("f/index.html", SIGNED_IN_PAGE)
    h.page("f/sub/page.html", SIGNED_IN_PAGE)
    h.page("role/index.html", "<!DOCTYPE html><title>Role</title>"
                              "<h1 id=\"admins\">admins only</h1>\n")
    h.page("lock/index.html", "lock page\n")
    h.page("evil.html", EVIL_PAGE)
    other = free_port()
    form = "  AuthGateScheme Form"
    h.config(
        f"Listen 127.0.0.1:{other}\n" +
        area(h.docroot / "f", '"Form area"', users=users,
             roles=h.path("roles"), require="Require valid-user",
             extra=form + "\n  Options +Includes\n"
                   "  AddOutputFilter INCLUDES .html") +
        area(h.docroot / "role", '"Role area"', users=users,
             roles=h.path("roles"), require="Require role admin",
             extra=form) +
        area(h.docroot / "lock", '"Lock area"', users=users,
             require="Require valid-user",
             extra=form + f"\n  AuthGateLockout {LOCKOUT} 600\n"
                   "  AuthGateCacheTTL 0"))
    h.start()
    return other


def test_form_in_chromium(httpd):
    """Sign in, stay signed in, sign out, switch users from a 403, the
    password manager's fields, a cross-origin sign-in refused, the
    cookie's attributes, lockout, and axe-core on the form page in every
    language at both sizes: one browser, checks/check_form.mjs."""
    assert shutil.which("node"), "node is installed by make deps"
    assert os.path.exists("/usr/bin/chromium"), "chromium: make deps"
    h = httpd
    other = form_site(h)
    base = h.url("").rstrip("/")
    site = {"base": base, "other": f"http://127.0.0.1:{other}",
            "cross": f"http://localhost:{h.port}",
            "users": {"member": ["carol", "singer"],
                      "admin": ["dave", "drummer"]},
            "lockout": LOCKOUT, "shots": str(SHOTS)}
    r = subprocess.run(["node", str(FORM_SCRIPT), json.dumps(site)],
                       capture_output=True, text=True, timeout=300,
                       cwd=ROOT)
    print(r.stdout[:20000])
    print(r.stderr[-3000:])
    # split on newlines only: str.splitlines() also splits on \x1c, \x85,
    # U+2028..., which JSON may carry unescaped
    line = [x for x in r.stdout.split("\n") if x.startswith("RESULT ")]
    assert line, r.stderr[-2000:]
    res = json.loads(line[-1][len("RESULT "):])
    broken = {k: v["error"] for k, v in res.items()
              if isinstance(v, dict) and "error" in v}
    assert not broken, broken
    assert r.returncode == 0

    # sign in: the form, a wrong password shows it again, the right one
    # answers 303 to the very page asked for (query included)
    s = res["signin_reload_signout"]
    assert s["first"]["status"] == 401 and s["first"]["form"] == 1, s
    assert s["wrong"]["status"] == 401 and s["wrong"]["form"] == 1, s
    assert s["wrongUserKept"] == "carol", s
    assert s["signedIn"]["status"] == 200, s
    assert s["signedIn"]["url"] == s["asked"], s
    assert s["signedIn"]["redirectedFrom"]["method"] == "POST", s
    assert s["signedIn"]["redirectedFrom"]["status"] == 303, s
    assert s["signedIn"]["form"] == 0 and s["signedIn"]["who"] == "carol"
    # reload: still signed in
    assert s["index"]["status"] == 200 and s["index"]["who"] == "carol", s
    assert s["reloaded"]["status"] == 200, s
    assert s["reloaded"]["who"] == "carol", s
    assert len(s["cookieNames"]) == 1, s
    # sign out through the link the gate gave the page (SSI): refused
    # then, the form again, the cookie gone, and the old cookie useless
    assert s["signoutLinks"] == 1, s
    assert s["signoutHref"] == "/f/?authgate=signout", s
    assert s["signedOut"]["status"] == 401 and s["signedOut"]["form"], s
    assert s["cookiesAfter"] == [], s
    assert s["after"]["status"] == 401 and s["after"]["form"] == 1, s
    assert s["replayed"]["status"] == 401 and s["replayed"]["form"], s

    # the cookie as Chromium keeps it
    c = res["cookie"]
    assert len(c["cookies"]) == 1, c
    k = c["cookies"][0]
    assert k["httpOnly"] is True and k["sameSite"] == "Lax", k
    assert k["path"] == "/" and k["domain"] == "127.0.0.1", k
    assert k["secure"] is False, k         # plain http here
    assert 11 * 3600 < k["expiresIn"] <= 12 * 3600 + 5, k
    assert c["password"] not in k["value"], k
    payload = bytes.fromhex(k["payloadHex"]).decode("latin-1")
    assert c["password"] not in payload and "carol" in payload, k
    assert c["preCookies"] and all(p["httpOnly"] and p["sameSite"] == "Lax"
                                   for p in c["preCookies"]), c

    # what password managers and screen readers need
    f = res["fields"]
    assert f["user"]["autocomplete"] == "username", f
    assert f["password"]["autocomplete"] == "current-password", f
    assert f["user"]["type"] == "text" and f["password"]["type"] == \
        "password", f
    assert f["user"]["name"] == "ag_user", f
    assert f["password"]["name"] == "ag_password", f
    assert f["user"]["required"] and f["password"]["required"], f
    assert len(f["user"]["labels"]) == 1 and f["user"]["labels"][0], f
    assert len(f["password"]["labels"]) == 1 and \
        f["password"]["labels"][0], f
    assert f["userByLabel"] == ["ag-user"], f
    assert f["passwordByLabel"] == ["ag-password"], f
    assert f["user"]["form"] == {"method": "post", "action": base + "/f/"}
    assert f["focused"] == "ag-user", f

    # a 403, "Sign in as someone else", another user
    w = res["switch_user"]
    assert w["first"]["status"] == 401, w
    assert w["refused"]["status"] == 403 and w["refused"]["form"] == 0, w
    assert w["switchLinks"] == 1 and w["switchIsButton"], w
    assert w["switchHref"] == "/role/?authgate=signout", w
    assert w["signedOut"]["status"] == 401 and w["signedOut"]["form"], w
    assert w["other"]["status"] == 200, w
    assert w["other"]["url"] == base + "/role/", w
    assert w["other"]["redirectedFrom"]["status"] == 303, w
    assert "admins only" in w["otherBody"], w

    # another origin's page posting a sign-in: 403, nobody signed in; from
    # the same site on another port the pre-session cookie went along, so
    # the same-origin rule alone refused it
    x = res["cross_origin"]
    for name, want_site in (("other", "same-site"),
                            ("cross", "cross-site")):
        e = x[name]
        assert e["status"] == 403, (name, e)
        assert e["fetchSite"] == want_site, (name, e)
        assert e["origin"] == site[name], (name, e)
        assert e["form"] == 1, (name, e)       # a fresh form
        assert e["cookies"] == [] and e["after"] == 401, (name, e)
    assert x["other"]["sentPreCookie"] is True, x
    assert x["cross"]["sentPreCookie"] is False, x

    # lockout through the form
    lk = res["lockout"]
    assert [e["status"] for e in lk["wrong"]] == [401] * LOCKOUT, lk
    assert all(e["form"] == 1 for e in lk["wrong"]), lk
    assert lk["right"]["status"] == 429, lk
    assert lk["right"]["form"] == 0, lk
    assert int(lk["retryAfter"]) > 0, lk
    assert lk["cookies"] == [], lk

    # axe-core: no WCAG 2.1 A/AA violation on the form page, in every
    # language, at both sizes; and on the 403 and signed-out pages
    runs = res["axe"]
    seen = {(e["language"], e["viewport"]) for e in runs
            if e["page"] == "form"}
    assert seen == {(lang, vp) for lang in ("en", "de", "fr", "es")
                    for vp in ("desktop", "phone")}
    for e in runs:
        assert e["violations"] == [], e
        assert e["passes"] >= 5, e
        if e["page"] == "form":
            assert e["status"] == 401 and e["form"] == 1, e
            assert e["h1"] == 1, e
            # the page says the language it speaks (English until the
            # form's words are translated)
            assert e["lang"] == e["contentLanguage"], e
            assert e["lang"] in ("en", e["language"]), e
    assert {e["page"]: e["status"] for e in runs
            if e["page"] != "form"} == {"403": 403, "signed-out": 401}
