"""The gate's answers: 200, 401, 403, challenges and reasons (README)."""

import pytest

from agsite import standard_site

BASIC = 'Basic realm="Members area", charset="UTF-8"'


def test_public_page_needs_nothing(httpd):
    standard_site(httpd)
    r = httpd.get("/")
    assert r.status_code == 200
    assert r.text == "public page\n"


def test_no_credentials_is_401_with_challenge(httpd):
    standard_site(httpd)
    r = httpd.get("/members/")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == BASIC
    assert httpd.last_access()[1:] == (401, "no-credentials")


def test_member_gets_in(httpd):
    standard_site(httpd)
    r = httpd.get("/members/", auth=("bob", "builder"))
    assert r.status_code == 200
    assert r.text == "members page\n"
    assert "WWW-Authenticate" not in r.headers
    assert httpd.last_access() == ("bob", 200, "-")


def test_wrong_password_is_401(httpd):
    standard_site(httpd)
    r = httpd.get("/members/", auth=("bob", "wrong"))
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == BASIC
    assert httpd.last_access()[1:] == (401, "invalid-credentials")


def test_unknown_user_looks_like_wrong_password(httpd):
    standard_site(httpd)
    wrong = httpd.get("/members/", auth=("bob", "wrong"))
    unknown = httpd.get("/members/", auth=("mallory", "wrong"))
    assert unknown.status_code == wrong.status_code == 401
    # the page repeats the name the client sent, and nothing else differs
    assert unknown.text.replace("mallory", "bob") == wrong.text
    assert unknown.headers["WWW-Authenticate"] == \
        wrong.headers["WWW-Authenticate"]
    assert sorted(unknown.headers) == sorted(wrong.headers)
    assert httpd.last_access()[1:] == (401, "invalid-credentials")
    # only the error log tells them apart
    log = httpd.new_log()
    assert "user=bob " in log and "wrong password" in log
    assert "user=mallory " in log and "unknown user" in log


def test_authenticated_without_role_is_403(httpd):
    standard_site(httpd)
    r = httpd.get("/admin/", auth=("bob", "builder"))
    assert r.status_code == 403
    assert "WWW-Authenticate" not in r.headers
    assert httpd.last_access() == ("bob", 403, "insufficient-role")


def test_role_from_user_file_and_role_file(httpd):
    standard_site(httpd)
    # alice: admin from the user file's third field, member from the role
    # file; carol: ops from the role file only
    assert httpd.get("/admin/", auth=("alice", "wonderland")).status_code \
        == 200
    assert httpd.get("/members/", auth=("alice", "wonderland")).status_code \
        == 200
    assert httpd.get("/ops/", auth=("carol", "singer")).status_code == 200
    assert httpd.get("/ops/", auth=("alice", "wonderland")).status_code \
        == 200
    assert httpd.get("/members/", auth=("carol", "singer")).status_code \
        == 403


def test_digest_header_in_basic_area(httpd):
    standard_site(httpd)
    r = httpd.get("/members/", headers={
        "Authorization": 'Digest username="bob", realm="Members area", '
                         'nonce="abc", uri="/members/", response="0"'})
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == BASIC
    assert httpd.last_access()[1:] == (401, "unsupported-scheme")
    assert "Digest" in httpd.new_log()


def test_bearer_header_in_basic_area(httpd):
    standard_site(httpd)
    r = httpd.get("/members/", headers={"Authorization": "Bearer abc.def"})
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == BASIC
    assert httpd.last_access()[1:] == (401, "unsupported-scheme")


def test_refusal_log_line_names_reason_user_client_uri(httpd):
    standard_site(httpd)
    httpd.new_log()
    httpd.get("/admin/?q=1", auth=("bob", "hunter2-secret"))
    log = httpd.new_log()
    line = [x for x in log.splitlines() if "AG00202" in x][-1]
    assert "[authgate:error]" in line
    assert "AG00202: refused: client=127.0.0.1 reason=invalid-credentials " \
           "user=bob uri=/admin/: wrong password" in line
    assert "hunter2-secret" not in httpd.error_log()


def test_no_secret_or_hash_in_any_log(httpd):
    standard_site(httpd)
    for auth in [("bob", "s3cr3t-one"), ("mallory", "s3cr3t-two"),
                 ("bob", "builder"), ("alice", "wonderland")]:
        httpd.get("/admin/", auth=auth)
    logs = httpd.error_log() + httpd.access_log()
    for secret in ["s3cr3t-one", "s3cr3t-two", "builder", "wonderland"]:
        assert secret not in logs
    for line in httpd.path("users").read_text().splitlines():
        assert line.split(":")[1] not in logs


@pytest.mark.parametrize("require,who,status", [
    ("Require valid-user", ("carol", "singer"), 200),
    ("Require user bob", ("bob", "builder"), 200),
    ("Require user bob", ("carol", "singer"), 403),
])
def test_stock_require_providers_work(httpd, require, who, status):
    from conftest import area
    standard_site(httpd, extra=area(httpd.docroot / "other", "Other",
                                    users=httpd.path("users"),
                                    require=require))
    httpd.page("other/index.html")
    httpd.restart()
    assert httpd.get("/other/", auth=who).status_code == status
    assert httpd.get("/other/").status_code == 401


def test_realm_with_a_quote(httpd):
    from conftest import area, htpasswd
    htpasswd(httpd.path("users"), "bob", "builder")
    httpd.page("q/index.html")
    httpd.start(area(httpd.docroot / "q", """'Say "hi" there'""",
                     users=httpd.path("users"), require="Require valid-user"))
    r = httpd.get("/q/")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == \
        'Basic realm="Say \\"hi\\" there", charset="UTF-8"'
    assert httpd.get("/q/", auth=("bob", "builder")).status_code == 200


def test_missing_authname_is_500(httpd):
    from conftest import htpasswd
    htpasswd(httpd.path("users"), "bob", "builder")
    httpd.page("n/index.html")
    httpd.start(f"""<Directory "{httpd.docroot}/n">
  AuthType AuthGate
  AuthGateUserFile {httpd.path("users")}
  Require valid-user
</Directory>
""")
    httpd.allow_error(r"AG00213: configuration problem")
    assert httpd.get("/n/", auth=("bob", "builder")).status_code == 500
    assert httpd.last_access()[1:] == (500, "server-error")
    # at error, so that Debian's default LogLevel warn keeps it
    assert "[authgate:error]" in httpd.error_log()
    assert "AG00213: configuration problem: AuthType AuthGate needs " \
           "AuthName" in httpd.error_log()


def test_auth_type_is_case_insensitive(httpd):
    from conftest import htpasswd
    htpasswd(httpd.path("users"), "bob", "builder")
    httpd.page("c/index.html")
    httpd.start(f"""<Directory "{httpd.docroot}/c">
  AuthType authgate
  AuthName c
  AuthGateUserFile {httpd.path("users")}
  Require valid-user
</Directory>
""")
    assert httpd.get("/c/").status_code == 401
    assert httpd.get("/c/", auth=("bob", "builder")).status_code == 200
