"""Require role composes with httpd's own Require machinery, and 403 is
produced without the administrator asking for it (README, "How 403 is
achieved")."""

from agsite import standard_site


def section(h, name, body, realm="Zone"):
    h.page(name + "/index.html", name + " page\n")
    return f"""<Directory "{h.docroot}/{name}">
  AuthType AuthGate
  AuthName {realm}
  AuthGateUserFile {h.path("users")}
  AuthGateRoleFile {h.path("roles")}
{body}
</Directory>
"""


def test_require_any_with_ip(httpd):
    extra = section(httpd, "local", """  <RequireAny>
    Require ip 127.0.0.1
    Require role admin
  </RequireAny>""") + section(httpd, "remote", """  <RequireAny>
    Require ip 192.0.2.0/24
    Require role admin
  </RequireAny>""")
    standard_site(httpd, extra=extra)
    # from loopback the ip rule lets anyone in, no credentials needed
    assert httpd.get("/local/").status_code == 200
    # elsewhere the role decides
    assert httpd.get("/remote/").status_code == 401
    assert httpd.get("/remote/", auth=("alice", "wonderland")).status_code \
        == 200
    r = httpd.get("/remote/", auth=("bob", "builder"))
    assert r.status_code == 403
    assert httpd.last_access()[1:] == (403, "insufficient-role")


def test_require_all_and_none(httpd):
    extra = section(httpd, "both", """  <RequireAll>
    Require role member
    Require role ops
  </RequireAll>""") + section(httpd, "notops", """  <RequireAll>
    Require valid-user
    <RequireNone>
      Require role ops
    </RequireNone>
  </RequireAll>""")
    standard_site(httpd, extra=extra)
    httpd.write("roles", "member: alice bob carol\nops: carol\n")
    httpd.restart()
    assert httpd.get("/both/", auth=("carol", "singer")).status_code == 200
    assert httpd.get("/both/", auth=("bob", "builder")).status_code == 403
    assert httpd.get("/notops/", auth=("bob", "builder")).status_code == 200
    assert httpd.get("/notops/", auth=("carol", "singer")).status_code \
        == 403
    assert httpd.get("/notops/").status_code == 401


def test_limit_post(httpd):
    extra = section(httpd, "form", """  <Limit POST>
    Require role admin
  </Limit>""")
    standard_site(httpd, extra=extra)
    assert httpd.get("/form/").status_code == 200
    assert httpd.get("/form/", method="POST").status_code == 401
    assert httpd.get("/form/", method="POST",
                     auth=("bob", "builder")).status_code == 403
    # authenticated and allowed: the static handler refuses POST itself
    r = httpd.get("/form/", method="POST", auth=("alice", "wonderland"))
    assert r.status_code not in (401, 403)


def test_if_container(httpd):
    extra = section(httpd, "cond", """  <If "%{QUERY_STRING} =~ /admin/">
    Require role admin
  </If>
  <Else>
    Require role member
  </Else>""")
    standard_site(httpd, extra=extra)
    assert httpd.get("/cond/", auth=("bob", "builder")).status_code == 200
    assert httpd.get("/cond/?admin", auth=("bob", "builder")).status_code \
        == 403
    assert httpd.get("/cond/?admin",
                     auth=("alice", "wonderland")).status_code == 200


def test_sites_own_error_document_403_applies(httpd):
    httpd.page("errors/denied.html", "custom denied page\n")
    standard_site(httpd, extra="ErrorDocument 403 /errors/denied.html\n")
    r = httpd.get("/admin/", auth=("bob", "builder"))
    assert r.status_code == 403
    assert r.text == "custom denied page\n"


def test_explicit_forbidden_flag_is_harmless(httpd):
    extra = section(httpd, "flag", """  AuthzSendForbiddenOnFailure On
  Require role admin""")
    standard_site(httpd, extra=extra)
    assert httpd.get("/flag/", auth=("bob", "builder")).status_code == 403
    assert httpd.get("/flag/").status_code == 401


def test_other_auth_types_keep_httpd_behaviour(httpd):
    """AuthType Basic (mod_auth_basic + mod_authn_file) with our role
    provider still answers 401 to a user who lacks the role, as stock
    httpd does: the 403 default belongs to AuthType AuthGate."""
    httpd.page("stock/index.html")
    standard_site(httpd, extra_modules=("auth_basic", "authn_file"),
                  extra=f"""<Directory "{httpd.docroot}/stock">
  AuthType Basic
  AuthName Stock
  AuthBasicProvider file
  AuthUserFile {httpd.path("users")}
  AuthGateRoleFile {httpd.path("roles")}
  Require role ops
</Directory>
<Directory "{httpd.docroot}/stockvalid">
  AuthType Basic
  AuthName Stock
  AuthBasicProvider file
  AuthUserFile {httpd.path("users")}
  Require valid-user
</Directory>
""")
    httpd.page("stockvalid/index.html")
    assert httpd.get("/stock/", auth=("bob", "builder")).status_code == 401
    assert httpd.get("/stock/", auth=("carol", "singer")).status_code == 200
    # mod_authn_file reads our user file, third field and all
    assert httpd.get("/stockvalid/",
                     auth=("alice", "wonderland")).status_code == 200
    assert httpd.get("/admin/", auth=("bob", "builder")).status_code == 403


def test_htaccess(httpd):
    standard_site(httpd, extra=f"""<Directory "{httpd.docroot}/ht">
  AllowOverride AuthConfig
</Directory>
""")
    httpd.page("ht/index.html", "ht page\n")
    httpd.page("ht/.htaccess", f"""AuthType AuthGate
AuthName "From htaccess"
AuthGateUserFile {httpd.path("users")}
AuthGateRoleFile {httpd.path("roles")}
Require role member
""")
    r = httpd.get("/ht/")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == \
        'Basic realm="From htaccess", charset="UTF-8"'
    assert httpd.get("/ht/", auth=("bob", "builder")).text == "ht page\n"
    assert httpd.get("/ht/", auth=("carol", "singer")).status_code == 403
    assert httpd.get("/ht/", auth=("carol", "nope")).status_code == 401


def test_htaccess_file_loaded_at_first_use(httpd):
    """A user file named only in .htaccess is read at its first use, and
    one that cannot be read answers 500, never 200."""
    standard_site(httpd, extra=f"""<Directory "{httpd.docroot}">
  AllowOverride AuthConfig
</Directory>
""")
    from conftest import htpasswd
    htpasswd(httpd.path("other-users"), "dora", "explorer")
    httpd.page("first/index.html")
    httpd.page("first/.htaccess", f"""AuthType AuthGate
AuthName First
AuthGateUserFile {httpd.path("other-users")}
Require valid-user
""")
    httpd.page("missing/index.html")
    httpd.page("missing/.htaccess", f"""AuthType AuthGate
AuthName Missing
AuthGateUserFile {httpd.path("no-such-file")}
Require valid-user
""")
    assert httpd.get("/first/", auth=("dora", "explorer")).status_code == 200
    assert httpd.get("/first/", auth=("bob", "builder")).status_code == 401
    httpd.allow_error(r"no-such-file")
    assert httpd.get("/missing/", auth=("bob", "builder")).status_code \
        == 500
    assert httpd.last_access()[1:] == (500, "server-error")
    assert httpd.get("/missing/").status_code == 401
    assert "no-such-file" in httpd.error_log()
    # AllowOverride None: AuthGate directives are not honoured there
    assert httpd.get("/", auth=None).status_code == 200
