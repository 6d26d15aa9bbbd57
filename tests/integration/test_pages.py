"""The page every refusal carries (README, "Error pages"): built-in pages,
templates, JSON problem details, links, and the site's own ErrorDocument."""

import base64
import json
import time

import pytest

from agsite import standard_site
from conftest import ROOT, area, htpasswd

HTML = "text/html; charset=utf-8"
PROBLEM = "application/problem+json"
JSON = {"Accept": "application/json"}


def page_headers_ok(r, status):
    assert r.status_code == status
    assert r.headers["Content-Type"] == (HTML if "json" not in
                                         r.headers["Content-Type"]
                                         else PROBLEM)
    assert r.headers["Cache-Control"] == "no-store"
    assert "Location" not in r.headers


@pytest.mark.parametrize("path,auth,header,status,reason,sentence", [
    ("/members/", None, None, 401, "no-credentials", "You need to sign in"),
    ("/members/", ("bob", "wrong"), None, 401, "invalid-credentials",
     "Your sign-in was not accepted"),
    ("/members/", None, "Digest x", 401, "unsupported-scheme",
     "tried to sign in by a method this page does not accept"),
    ("/members/", None, "Basic !!", 400, "malformed-credentials",
     "Your sign-in could not be read"),
    ("/admin/", ("bob", "builder"), None, 403, "insufficient-role",
     "Your account does not have access to this page"),
])
def test_builtin_pages(httpd, path, auth, header, status, reason, sentence):
    standard_site(httpd)
    headers = {"Authorization": header} if header else {}
    r = httpd.get(path, auth=auth, headers=headers)
    page_headers_ok(r, status)
    assert r.headers["Content-Type"] == HTML
    body = r.text
    assert body.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in body
    assert body.count("<h1>") == 1
    assert sentence in body
    assert f"Error {status}" in body
    assert "<main" in body and "<header" in body and "<footer" in body
    assert "<script" not in body and "src=" not in body
    if status == 401:
        assert r.headers["WWW-Authenticate"].startswith("Basic realm=")
        assert "your browser will ask" in body
    else:
        assert "WWW-Authenticate" not in r.headers
    assert httpd.last_access()[1:] == (status, reason)


def test_builtin_500_page(httpd):
    httpd.allow_error(r"AG0010[14]: user file .*missing")
    httpd.page("p/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users=httpd.path("missing"),
                     require="Require valid-user"))
    r = httpd.get("/p/", auth=("bob", "builder"))
    page_headers_ok(r, 500)
    assert "Something went wrong on our side" in r.text
    assert "not a problem with your account" in r.text


def test_head_gets_headers_only(httpd):
    standard_site(httpd)
    r = httpd.get("/members/", method="HEAD")
    assert r.status_code == 401
    assert r.content == b""
    assert r.headers["Content-Type"] == HTML
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["WWW-Authenticate"].startswith("Basic ")
    r = httpd.get("/members/", method="HEAD",
                  headers={"Accept": "application/json"})
    assert r.content == b"" and r.headers["Content-Type"] == PROBLEM


def links_site(h, extra_dir=""):
    return standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  AuthGateLoginURL "https://login.example.com/start?app=site"
  AuthGateSupportURL "mailto:help@example.com"
{extra_dir}
</Directory>
""")


def test_login_and_support_links(httpd):
    links_site(httpd)
    r = httpd.get("/members/?next=a&b=c d")
    assert r.status_code == 401
    want = ("https://login.example.com/start?app=site&amp;return="
            "%2Fmembers%2F%3Fnext%3Da%26b%3Dc%2520d")
    assert f'href="{want}"' in r.text
    assert '>Sign in</a>' in r.text
    assert 'href="mailto:help@example.com"' in r.text
    assert "Get help" in r.text
    assert '<a class="help" href="/">Go to the home page</a>' in r.text
    # a reload would only bring the same browser dialog back: with a
    # sign-in page there is no "Sign in" reload
    assert 'href=""' not in r.text
    # signed in without the role: sign in as someone else
    r = httpd.get("/members/", auth=("carol", "singer"))
    assert r.status_code == 403
    assert '>Sign in as someone else</a>' in r.text
    # without the directives the actions are local: a reload, which makes
    # the browser ask for a password, and the home page; no other link
    r = httpd.get("/admin/")
    assert '<a class="button" href="">Sign in</a>' in r.text
    assert '<a class="help" href="/">Go to the home page</a>' in r.text
    assert r.text.count("href=") == 2
    r = httpd.get("/admin/", auth=("bob", "builder"))
    assert r.status_code == 403
    assert 'href=""' not in r.text
    assert '<a class="help" href="/">Go to the home page</a>' in r.text
    # signed in with Basic: the sign-out URL lets the browser ask again
    assert '<a class="button" href="/admin/?authgate=signout">Sign in as ' \
        'someone else</a>' in r.text
    assert "private window" not in r.text


def test_xss_is_escaped_in_html_and_json(httpd):
    evil = '<script>alert(1)</script>"\'&'
    htpasswd(httpd.path("users"), evil, "pw")
    httpd.page("x/index.html")
    httpd.start(area(httpd.docroot / "x", """'Realm <img src=x onerror=alert(1)> "q"'""",
                     users=httpd.path("users"), require="Require role none"))
    # through the path (raw, as a client may send it), the user and the
    # realm; the query is never shown
    status, head, body = httpd.raw(
        b"GET /x/<script>alert(2)</script>?<script>alert(3)</script> "
        b"HTTP/1.1\r\nHost: x\r\n"
        b"Connection: close\r\nAuthorization: Basic " +
        base64.b64encode(evil.encode() + b":pw") + b"\r\n\r\n")
    text = body.decode()
    assert status == 403
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;" in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text
    assert "alert(3)" not in text
    r = httpd.get("/x/<script>alert(2)</script>?<script>alert(3)</script>",
                  auth=(evil, "pw"), headers={"Accept": "application/json"})
    assert r.headers["Content-Type"] == PROBLEM
    assert "<script>" not in r.text
    doc = r.json()
    assert doc["user"] == evil
    assert "alert(2)" in doc["instance"]
    assert "alert(3)" not in r.text
    assert doc["realm"] == 'Realm <img src=x onerror=alert(1)> "q"'
    assert "<img" not in r.text
    # the realm: a quoted-string in the challenge, escaped in the page
    r = httpd.get("/x/")
    assert r.headers["WWW-Authenticate"] == \
        'Basic realm="Realm <img src=x onerror=alert(1)> \\"q\\"", ' \
        'charset="UTF-8"'
    assert "<img" not in r.text
    assert "Realm &lt;img src=x onerror=alert(1)&gt; &quot;q&quot;" in r.text


def test_json_problem_details(httpd):
    links_site(httpd)
    r = httpd.get("/members/", auth=("bob", "wrong"),
                  headers={"Accept": "application/json"})
    page_headers_ok(r, 401)
    assert r.headers["Content-Type"] == PROBLEM
    assert r.headers["WWW-Authenticate"].startswith("Basic ")
    doc = r.json()
    assert doc["status"] == 401
    assert doc["reason"] == "invalid-credentials"
    assert doc["title"] == "Your sign-in was not accepted"
    assert doc["type"] == "tag:authgate,2026:reason:invalid-credentials"
    assert doc["instance"] == "/members/"
    assert "not right" in doc["detail"]
    assert doc["login_url"].endswith("&return=%2Fmembers%2F")
    assert doc["support_url"] == "mailto:help@example.com"


@pytest.mark.parametrize("accept,json_wanted", [
    ("application/json", True),
    ("application/problem+json", True),
    ("text/html", False),
    ("text/html, application/json", False),
    ("application/json;q=0.9, text/html;q=0.8", True),
    ("text/html;q=0.9, application/json;q=0.8", False),
    ("*/*", False),
    ("text/html;q=0.1, */*;q=0.5", True),
    ("application/json;q=0", False),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
     False),
    ("application/jsonp", False),
])
def test_negotiation(httpd, accept, json_wanted):
    standard_site(httpd)
    r = httpd.get("/admin/", auth=("bob", "builder"),
                  headers={"Accept": accept})
    assert r.status_code == 403
    assert (r.headers["Content-Type"] == PROBLEM) == json_wanted
    assert "Accept" in r.headers["Vary"]


def test_show_roles_on_and_off(httpd):
    standard_site(httpd, extra=f"""<Directory "{httpd.docroot}/ops">
  AuthGateShowRoles On
</Directory>
""")
    off = httpd.get("/admin/", auth=("bob", "builder"))
    assert off.status_code == 403
    assert "open to these roles" not in off.text
    main = off.text.split("<main", 1)[1].split("</main>")[0]
    # the sign-out link names the page's own path, not a role
    main = main.replace('href="/admin/?authgate=signout"', "")
    assert "admin" not in main
    on = httpd.get("/ops/", auth=("bob", "builder"))
    assert on.status_code == 403
    assert "This page is open to these roles: <strong>ops, admin</strong>" \
        in on.text
    doc = httpd.get("/ops/", auth=("bob", "builder"),
                    headers={"Accept": "application/json"}).json()
    assert doc["required_roles"] == "ops, admin"


def test_request_id_from_mod_unique_id(httpd):
    standard_site(httpd, extra_modules=("unique_id",))
    r = httpd.get("/members/")
    assert "Reference: <code>" in r.text
    rid = r.text.split("Reference: <code>", 1)[1].split("</code>", 1)[0]
    assert len(rid) >= 20


def template_site(h, template, status=401, where="httpd.conf"):
    """A template named in httpd.conf (ServerRoot/tpl.html), or in the
    area's .htaccess (a template inside the area's directory, as the
    README's "Security model" requires)."""
    h.write("tpl.html", template)
    if where != "httpd.conf":
        h.page("members/tpl.html", template)
        line = f"AuthGateErrorDocument {status} {h.docroot}/members/tpl.html"
    else:
        line = f"AuthGateErrorDocument {status} {h.path('tpl.html')}"
    if where == "httpd.conf":
        return standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  {line}
  AuthGateLoginURL /login
</Directory>
""")
    standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  AllowOverride AuthConfig
</Directory>
""")
    h.page("members/.htaccess", line + "\n")
    return h


def test_template_values_and_blocks(httpd):
    template_site(httpd, "<p>[{{status}}|{{status_text}}|{{reason}}|"
                  "{{method}}|{{uri}}|{{realm}}|{{user}}]</p>\n"
                  "{{#user}}<i>named</i>{{/user}}{{^user}}<i>anonymous</i>"
                  "{{/user}}\n{{#login_url}}<a href=\"{{login_url}}\">in</a>"
                  "{{/login_url}}{{^support_url}}no help{{/support_url}}\n")
    r = httpd.get("/members/?a=<b>")
    assert r.status_code == 401
    assert r.headers["Content-Type"] == HTML
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["WWW-Authenticate"].startswith("Basic ")
    # uri is the path: the query may hold a secret; login_url keeps it
    assert ("<p>[401|Unauthorized|no-credentials|GET|/members/|"
            "Members area|]</p>") in r.text
    assert "<i>anonymous</i>" in r.text and "named" not in r.text
    assert '<a href="/login?return=%2Fmembers%2F%3Fa%3D%253Cb%253E">in</a>' \
        in r.text
    assert "no help" in r.text
    r = httpd.get("/members/", auth=("mallory", "x"))
    assert "|mallory]" in r.text and "<i>named</i>" in r.text
    # other statuses keep the built-in page
    r = httpd.get("/members/", headers={"Authorization": "Basic !!"})
    assert r.status_code == 400 and "Your sign-in could not be read" in r.text
    # and JSON clients still get problem details
    r = httpd.get("/members/", headers={"Accept": "application/json"})
    assert r.json()["reason"] == "no-credentials"


@pytest.mark.parametrize("name", ["plain.html", "branded.html"])
def test_shipped_templates(httpd, name):
    text = (ROOT / "conf/templates" / name).read_text()
    template_site(httpd, text, status=403)
    r = httpd.get("/members/", auth=("carol", "singer"))
    assert r.status_code == 403
    assert "Your account does not have access to this page" in r.text
    assert "carol" in r.text
    assert "{{" not in r.text
    if name == "plain.html":
        # it shows every value a template may name
        import re
        names = re.findall(r'\[AG_TV_[A-Z_]+\]\s*=\s*"([a-z_]+)"',
                           (ROOT / "src/ag_template.c").read_text())
        assert len(names) >= 19
        missing = [n for n in names if "{{" + n + "}}" not in text]
        assert not missing, missing
        # a person signed in with Basic switches through the sign-out URL
        # (which makes the browser ask again), even where the site has
        # AuthGateLoginURL: one button, not two
        assert '<a href="/members/?authgate=signout">Sign in as someone ' \
            'else</a>' in r.text
        assert '/login?return=' not in r.text
        assert '<a href="/">Go to the home page</a>' in r.text


def test_template_outranks_site_error_document(httpd):
    httpd.page("errors/401.html", "site page\n")
    template_site(httpd, "gate template {{reason}}\n")
    httpd.write("httpd.conf", httpd.conf.read_text() +
                "ErrorDocument 401 /errors/401.html\n")
    httpd.restart()
    assert httpd.get("/members/").text == "gate template no-credentials\n"
    # where no template is set, the site's ErrorDocument wins over the
    # built-in page
    assert httpd.get("/admin/").text == "site page\n"
    assert httpd.get("/admin/").status_code == 401


def test_template_reloads(httpd):
    template_site(httpd, "version one\n")
    assert httpd.get("/members/").text == "version one\n"
    httpd.write("tpl.html", "version two {{status}}\n")
    time.sleep(2.5)
    assert httpd.get("/members/").text == "version two 401\n"


@pytest.mark.parametrize("template,line,message", [
    ("ok\n<p>{{nosuch}}</p>\n", 2, "unknown name 'nosuch'"),
    ("<div>\n{{#user}}\n<p>x</p>\n", 2, "the block 'user' is never closed"),
    ("{{#user}}\n{{/realm}}\n", 2, "'{{/realm}}' closes the block 'user'"),
])
def test_bad_template_in_httpd_conf_stops_httpd(httpd, template, line,
                                                message):
    httpd.write("tpl.html", template)
    httpd.page("p/index.html")
    httpd.config(area(httpd.docroot / "p", "P", users=httpd.path("users"),
                      extra=f"  AuthGateErrorDocument 401 "
                            f"{httpd.path('tpl.html')}\n  Require valid-user"))
    r = httpd.configtest()
    assert r.returncode != 0
    assert f"{httpd.path('tpl.html')}:{line}: {message}" in r.stderr


def test_bad_template_in_htaccess_answers_500(httpd):
    httpd.allow_error(r"AG0010[14]: template .*tpl\.html")
    template_site(httpd, "line one\n{{#user}}\n", where="htaccess")
    r = httpd.get("/members/")
    assert r.status_code == 500
    assert "Something went wrong on our side" in r.text
    assert httpd.last_access()[1:] == (500, "server-error")
    log = httpd.error_log()
    assert f"template {httpd.docroot}/members/tpl.html: line 2: the block " \
           "'user' is never closed" in log
    # authenticated users who pass get their page all the same
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200


def test_good_template_in_htaccess(httpd):
    template_site(httpd, "from htaccess {{reason}}\n", where="htaccess")
    assert httpd.get("/members/").text == "from htaccess no-credentials\n"


def test_site_error_document_sees_gate_values(httpd):
    """ErrorDocument 401 to an SSI page (mod_include) keeps working and
    sees the gate's values as REDIRECT_AUTHGATE_*."""
    httpd.page("errors/401.shtml",
               'reason=<!--#echo var="REDIRECT_AUTHGATE_REASON" -->\n'
               'realm=<!--#echo var="REDIRECT_AUTHGATE_REALM" -->\n'
               'login=<!--#echo encoding="none" '
               'var="REDIRECT_AUTHGATE_LOGIN_URL" -->\n'
               'support=<!--#echo encoding="none" '
               'var="REDIRECT_AUTHGATE_SUPPORT_URL" -->\n')
    links_site(httpd)
    httpd.write("httpd.conf", httpd.conf.read_text() + f"""
ErrorDocument 401 /errors/401.shtml
<Directory "{httpd.docroot}/errors">
  Options +Includes
  AddType text/html .shtml
  AddOutputFilter INCLUDES .shtml
</Directory>
""")
    httpd.restart()
    r = httpd.get("/members/?x=1")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Basic realm=")
    assert "Location" not in r.headers
    assert "reason=no-credentials\n" in r.text
    assert "realm=Members area\n" in r.text
    assert ("login=https://login.example.com/start?app=site&return="
            "%2Fmembers%2F%3Fx%3D1\n") in r.text
    assert "support=mailto:help@example.com\n" in r.text
    r = httpd.get("/members/", auth=("bob", "nope"))
    assert "reason=invalid-credentials" in r.text


def test_words_fit_the_client_and_the_area(httpd):
    """An app is never told to reload a page; a first visit is not "sign
    in again"; a token area speaks of tokens, a password area of
    passwords; a wrong password is not a first visit."""
    from tokensite import Tokens, bearer, token_site
    t = Tokens(httpd)
    t.add("bob-all", "bob", "*")
    token_site(httpd, t)

    def detail(path, **kw):
        r = httpd.get(path, headers={**JSON, **kw.pop("headers", {})}, **kw)
        assert r.headers["Content-Type"] == PROBLEM
        return r.json()

    # first visit to the token-only API
    doc = detail("/api/")
    assert doc["reason"] == "no-credentials"
    assert doc["title"] == "You need an access token"
    low = doc["detail"].lower()
    assert "authorization: bearer" in low
    for word in ("again", "reload", "browser", "password", "new access"):
        assert word not in low, word
    # an app's first visit to an area of both: told of both
    low = detail("/mixed/")["detail"].lower()
    assert "password" in low and "access token" in low
    assert "again" not in low and "reload" not in low
    # a wrong password, from an app: check and send again, no reload
    doc = detail("/mixed/", auth=("bob", "wrong"))
    assert doc["reason"] == "invalid-credentials"
    assert "send the request again" in doc["detail"]
    assert "reload" not in doc["detail"].lower()
    # an app whose token lacks the role hears of tokens
    doc = detail("/admin/", headers=bearer(t.token("bob-all")))
    assert doc["reason"] == "insufficient-role"
    assert "access token" in doc["detail"]
    assert "password" not in doc["detail"].lower()
    # a browser in the token-only API: no password dialog is promised
    r = httpd.get("/api/")
    assert r.status_code == 401
    assert "You need an access token" in r.text
    assert "password" not in r.text.lower()
    assert 'href=""' not in r.text
    # a browser in an area of both: its dialog asks for a password
    r = httpd.get("/mixed/")
    assert "your browser will ask for your user name and password" in r.text
    r = httpd.get("/mixed/", auth=("bob", "wrong"))
    assert "Your sign-in was not accepted" in r.text
    assert "case-sensitive" in r.text
    assert '<a class="button" href="">Try again</a>' in r.text
