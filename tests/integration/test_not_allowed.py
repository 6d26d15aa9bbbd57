"""A 403 in a gate area that no role decided is the gate's `not-allowed`
(README, "Reasons" and "How 403 is achieved"): Require ip, Require all
denied, an expression, Require user, mixed with Require role or not, and
403s from outside the Require rules get the gate's page, the reason in
the log and in problem details, and keep their status; outside gate
areas httpd answers as it always has; a site's own ErrorDocument 403
keeps working."""

import pytest

from agsite import standard_site
from tokensite import bearer, challenges, token_site, Tokens

HTML = "text/html; charset=utf-8"
PROBLEM = "application/problem+json"
JSON = {"Accept": "application/json"}
# a documentation address: never the test client's
ELSEWHERE = "192.0.2.0/24"
TITLE = "Access to this page is not allowed"


def gate(h, name, body, extra=""):
    h.page(name + "/index.html", name + " page\n")
    return f"""<Directory "{h.docroot}/{name}">
  AuthType AuthGate
  AuthName "Zone {name}"
  AuthGateUserFile {h.path("users")}
  AuthGateRoleFile {h.path("roles")}
{extra}{body}
</Directory>
"""


def rules_site(h, extra="", extra_modules=()):
    body = (gate(h, "ip", f"  Require ip {ELSEWHERE}") +
            gate(h, "closed", "  Require all denied") +
            gate(h, "verb", '  Require expr "%{REQUEST_METHOD} == \'PUT\'"') +
            gate(h, "mixall", f"""  <RequireAll>
    Require role member
    Require ip {ELSEWHERE}
  </RequireAll>""") +
            gate(h, "mixany", f"""  <RequireAny>
    Require ip {ELSEWHERE}
    Require role admin
  </RequireAny>""") +
            gate(h, "who", """  <RequireAll>
    Require valid-user
    Require expr "%{REMOTE_USER} != 'bob'"
  </RequireAll>""") +
            gate(h, "user", "  Require user alice") +
            extra)
    return standard_site(h, extra=body, extra_modules=extra_modules)


def assert_not_allowed_page(r, who=None):
    assert r.status_code == 403
    assert r.headers["Content-Type"] == HTML
    assert r.headers["Cache-Control"] == "no-store"
    assert "WWW-Authenticate" not in r.headers
    assert "Location" not in r.headers
    body = r.text
    assert body.startswith("<!DOCTYPE html>")
    assert f"<h1>{TITLE}</h1>" in body
    assert "Error 403: Forbidden" in body
    # the page names no rule
    for word in ("192.0.2", "Require", " ip ", "expr", "REMOTE_USER",
                 "denied", "PUT"):
        assert word not in body, word
    # and offers something to do: no support URL here, so the home page
    assert 'href="/"' in body
    if who:
        assert f"<strong>{who}</strong>" in body
        assert "sign in as someone else" in body


@pytest.mark.parametrize("path", ["/ip/", "/closed/", "/verb/", "/mixall/"])
def test_rule_refusal_before_sign_in_gets_the_page(httpd, path):
    rules_site(httpd)
    r = httpd.get(path)
    assert_not_allowed_page(r)
    assert httpd.last_access()[1:] == (403, "not-allowed")
    # with credentials too: the rule refuses whoever signs in, so no
    # password is asked for or checked
    r = httpd.get(path, auth=("alice", "wonderland"))
    assert_not_allowed_page(r)
    assert httpd.last_access() == ("-", 403, "not-allowed")
    # problem details
    r = httpd.get(path, headers=JSON)
    assert r.status_code == 403
    assert r.headers["Content-Type"] == PROBLEM
    doc = r.json()
    assert doc["reason"] == "not-allowed" and doc["status"] == 403
    assert doc["type"] == "tag:authgate,2026:reason:not-allowed"
    assert doc["instance"] == path
    assert "ask the people who run this site" in doc["detail"]
    assert "reload" not in doc["detail"].lower()
    assert "192.0.2" not in r.text and "Require" not in r.text
    # HEAD: headers only, GET's length
    for headers in (None, JSON):
        get = httpd.get(path, headers=headers)
        head = httpd.get(path, headers=headers, method="HEAD")
        assert head.status_code == 403 and head.content == b""
        assert head.headers["Content-Length"] == \
            get.headers["Content-Length"]
        assert head.headers["Content-Type"] == get.headers["Content-Type"]
    assert httpd.last_access()[1:] == (403, "not-allowed")
    # logged once, at info, with the gate's tag
    assert "reason=not-allowed" in httpd.error_log()


def test_rule_refusal_after_sign_in(httpd):
    rules_site(httpd)
    # mod_authz_core's own line for a rule that asks for a user
    httpd.allow_error(r"AH01629: authorization failure")
    # a rule other than a role refuses a signed-in user: not-allowed,
    # 403 even where mod_authz_core would answer 401 (an expression that
    # names REMOTE_USER)
    r = httpd.get("/who/", auth=("bob", "builder"))
    assert_not_allowed_page(r, who="bob")
    assert httpd.last_access() == ("bob", 403, "not-allowed")
    r = httpd.get("/user/", auth=("carol", "singer"))
    assert_not_allowed_page(r, who="carol")
    assert httpd.last_access() == ("carol", 403, "not-allowed")
    # before sign-in the user is asked for, as ever
    r = httpd.get("/who/")
    assert r.status_code == 401
    assert httpd.last_access()[1:] == (401, "no-credentials")
    assert httpd.get("/who/", auth=("alice", "wonderland")).status_code \
        == 200
    assert httpd.get("/user/", auth=("alice", "wonderland")).status_code \
        == 200


def test_role_refusals_stay_insufficient_role(httpd):
    rules_site(httpd)
    # no role where a role is the way in: insufficient-role, as before
    r = httpd.get("/mixany/", auth=("bob", "builder"))
    assert r.status_code == 403
    assert "Your account does not have access to this page" in r.text
    assert httpd.last_access() == ("bob", 403, "insufficient-role")
    assert httpd.get("/admin/", auth=("bob", "builder")).status_code == 403
    assert httpd.last_access() == ("bob", 403, "insufficient-role")
    # and not signed in, Require role asks for a password (401)
    assert httpd.get("/mixany/").status_code == 401
    assert httpd.last_access()[1:] == (401, "no-credentials")
    assert httpd.get("/mixany/", auth=("alice", "wonderland")).status_code \
        == 200


def test_403_outside_gate_areas_is_httpds(httpd):
    httpd.page("plain/index.html")
    httpd.page("ip/none/index.html")
    rules_site(httpd, extra=f"""<Directory "{httpd.docroot}/plain">
  Require ip {ELSEWHERE}
</Directory>
<Directory "{httpd.docroot}/ip/none">
  AuthType None
  Require all denied
</Directory>
""")
    for path in ("/plain/", "/ip/none/"):
        r = httpd.get(path)
        assert r.status_code == 403
        assert "You don't have permission to access this resource" in r.text
        assert "Access to this page is not allowed" not in r.text
        assert r.headers["Content-Type"].startswith("text/html")
        assert httpd.last_access()[1:] == (403, "-")
        r = httpd.get(path, headers=JSON)
        assert r.status_code == 403
        assert r.headers["Content-Type"] != PROBLEM
    assert "reason=not-allowed" not in httpd.error_log()


def test_sites_own_error_document_403_wins_and_sees_the_reason(httpd):
    httpd.allow_error(r"AH01629: authorization failure")
    httpd.page("errors/403.shtml",
               'site page: <!--#echo var="REDIRECT_AUTHGATE_REASON" -->\n')
    rules_site(httpd, extra=f"""ErrorDocument 403 /errors/403.shtml
<Directory "{httpd.docroot}/errors">
  Options +Includes
  AddType text/html .shtml
  AddOutputFilter INCLUDES .shtml
</Directory>
""")
    for path, auth, reason in (("/ip/", None, "not-allowed"),
                               ("/who/", ("bob", "builder"), "not-allowed"),
                               ("/admin/", ("bob", "builder"),
                                "insufficient-role")):
        r = httpd.get(path, auth=auth)
        assert r.status_code == 403, path
        assert "Location" not in r.headers
        assert r.text == f"site page: {reason}\n", path


def test_sites_error_document_text_wins(httpd):
    rules_site(httpd, extra='ErrorDocument 403 "Go away"\n')
    r = httpd.get("/ip/")
    assert r.status_code == 403
    assert r.text == "Go away"
    assert httpd.last_access()[1:] == (403, "not-allowed")


def test_template_for_403_serves_not_allowed(httpd):
    httpd.write("tpl.html", "<p>{{status}} {{reason}} [{{user}}] "
                "{{title}}</p>\n")
    rules_site(httpd, extra=f"""<Directory "{httpd.docroot}/ip">
  AuthGateErrorDocument 403 {httpd.path("tpl.html")}
</Directory>
""")
    r = httpd.get("/ip/")
    assert r.status_code == 403
    assert r.text == f"<p>403 not-allowed [] {TITLE}</p>\n"


def test_broken_403_template_keeps_the_403(httpd):
    """A broken template in .htaccess cannot be shown; a refusal the gate
    decided answers 500, but a 403 that another rule decided stays 403,
    with the built-in page."""
    httpd.allow_error(r"AG0010[14]: template .*tpl\.html")
    rules_site(httpd, extra=f"""<Directory "{httpd.docroot}/ip">
  AllowOverride AuthConfig
</Directory>
""")
    httpd.page("ip/tpl.html", "{{#user}}\n")
    httpd.page("ip/.htaccess", f"AuthGateErrorDocument 403 "
               f"{httpd.docroot}/ip/tpl.html\n")
    r = httpd.get("/ip/")
    assert_not_allowed_page(r)
    assert httpd.last_access()[1:] == (403, "not-allowed")


def test_403_from_other_modules_in_a_gate_area(httpd):
    """mod_rewrite's [F] and mod_access_compat's Deny answer 403 outside
    the Require rules; inside a gate area they get the page too, and stay
    403."""
    rules_site(httpd, extra_modules=("rewrite", "access_compat"), extra=f"""
{gate(httpd, "rw", "  Require valid-user")}
{gate(httpd, "compat", "  Require valid-user")}
<Directory "{httpd.docroot}/rw">
  RewriteEngine On
  RewriteRule ^secret - [F]
</Directory>
<Directory "{httpd.docroot}/compat">
  Order allow,deny
  Deny from all
</Directory>
""")
    httpd.page("rw/secret.html")
    httpd.allow_error(r"AH01797: client denied by server configuration")
    r = httpd.get("/rw/secret.html", auth=("bob", "builder"))
    assert_not_allowed_page(r, who="bob")
    assert httpd.last_access() == ("bob", 403, "not-allowed")
    r = httpd.get("/rw/secret.html", auth=("bob", "builder"), headers=JSON)
    assert r.status_code == 403 and r.json()["reason"] == "not-allowed"
    assert httpd.get("/rw/", auth=("bob", "builder")).status_code == 200
    r = httpd.get("/compat/", auth=("bob", "builder"))
    assert r.status_code == 403
    assert f"<h1>{TITLE}</h1>" in r.text
    assert httpd.last_access()[1:] == (403, "not-allowed")


def test_token_refused_by_a_rule_gets_no_scope_challenge(httpd):
    t = Tokens(httpd)
    t.add("bob-all", "bob", "*")
    token_site(httpd, t, extra=f"""<Directory "{httpd.docroot}/tokrule">
  AuthType AuthGate
  AuthName "Tok"
  AuthGateUserFile {httpd.path("users")}
  AuthGateRoleFile {httpd.path("roles")}
  AuthGateTokenFile {httpd.path("tokens")}
  AuthGateScheme Bearer
  Require user alice
</Directory>
""")
    httpd.page("tokrule/index.html")
    r = httpd.get("/tokrule/", headers={**bearer(t.token("bob-all")),
                                        **JSON})
    assert r.status_code == 403
    assert challenges(r) == []
    doc = r.json()
    assert doc["reason"] == "not-allowed"
    assert "password" not in doc["detail"].lower()
    assert httpd.last_access() == ("bob", 403, "not-allowed")
    # a role refusal with a token keeps its RFC 6750 challenge
    r = httpd.get("/admin/", headers=bearer(t.token("bob-all")))
    assert r.status_code == 403
    assert challenges(r) == ['Bearer realm="Admin", '
                             'error="insufficient_scope"']
