"""API tokens: Bearer answers, reasons and challenges (README)."""

import time

import pytest

from conftest import wait_for
from tokensite import Tokens, bearer, challenges, token_site

API = 'Bearer realm="API"'
INVALID = ('Bearer realm="API", error="invalid_token", '
           'error_description="The access token is invalid"')
EXPIRED = ('Bearer realm="API", error="invalid_token", '
           'error_description="The access token expired"')
REVOKED = ('Bearer realm="API", error="invalid_token", '
           'error_description="The access token was revoked"')
BASIC_MIXED = 'Basic realm="Mixed", charset="UTF-8"'
BEARER_MIXED = 'Bearer realm="Mixed"'


@pytest.fixture
def site(httpd):
    t = Tokens(httpd)
    t.add("alice-all", "alice", "*")
    t.add("alice-member", "alice", "member")
    t.add("bob-admin", "bob", "admin,member")
    t.add("ghost", "nobody", "*")
    t.add("svc", "svc-deploy", "deploy")
    t.add("old", "alice", "*", expires=time.time() - 1)
    t.add("gone", "alice", "*", state="revoked")
    token_site(httpd, t)
    return t


def test_valid_token_gets_in_as_its_user(httpd, site):
    r = httpd.get("/api/", headers=bearer(site.token("alice-all")))
    assert r.status_code == 200
    assert r.text == "api page\n"
    user, status, reason, _, token_id = httpd.last_access_fields()
    assert (user, status, reason, token_id) == ("alice", 200, "-",
                                                "alice-all")


def test_no_credentials_challenges_bearer_only(httpd, site):
    r = httpd.get("/api/")
    assert r.status_code == 401
    assert challenges(r) == [API]
    assert httpd.last_access()[1:] == (401, "no-credentials")


@pytest.mark.parametrize("token", [
    "alice-all.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # wrong secret
    "nosuchid.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   # unknown id
    "alice-all.tooShortSecret",                              # < 32 chars
    "alice-all",                                             # no secret
    "bad~id.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",     # id chars
])
def test_invalid_tokens(httpd, site, token):
    r = httpd.get("/api/", headers=bearer(token))
    assert r.status_code == 401
    assert challenges(r) == [INVALID]
    assert httpd.last_access()[1:] == (401, "token-invalid")


def test_token_of_a_user_in_no_file_is_invalid(httpd, site):
    r = httpd.get("/api/", headers=bearer(site.token("ghost")))
    assert r.status_code == 401
    assert challenges(r) == [INVALID]
    assert "neither the user nor the role file" in httpd.new_log()


def test_expired_by_one_second(httpd, site):
    r = httpd.get("/api/", headers=bearer(site.token("old")))
    assert r.status_code == 401
    assert challenges(r) == [EXPIRED]
    assert httpd.last_access()[1:] == (401, "token-expired")


def test_expiry_is_judged_on_every_request(httpd):
    t = Tokens(httpd)
    # far enough ahead that a slow start (a sanitized build on a busy
    # machine) still finds it valid; then wait until it has passed
    at = int(time.time()) + 10
    soon = t.add("soon", "alice", "*", expires=at)
    token_site(httpd, t)
    assert time.time() < at, "httpd took too long to start"
    assert httpd.get("/api/", headers=bearer(soon)).status_code == 200
    time.sleep(max(0.0, at + 1 - time.time()))
    r = httpd.get("/api/", headers=bearer(soon))
    assert r.status_code == 401
    assert challenges(r) == [EXPIRED]


def test_revoked(httpd, site):
    r = httpd.get("/api/", headers=bearer(site.token("gone")))
    assert r.status_code == 401
    assert challenges(r) == [REVOKED]
    assert httpd.last_access()[1:] == (401, "token-revoked")


def test_revoked_or_expired_needs_the_secret_to_tell(httpd, site):
    for tid in ("gone", "old"):
        r = httpd.get("/api/", headers=bearer(
            tid + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        assert challenges(r) == [INVALID]


@pytest.mark.parametrize("value", [
    "Bearer", "Bearer a b", 'Bearer "quoted"', "Bearer abc,def",
    "Bearer =abc", "Bearer \xe9t\xe9",
])
def test_malformed_bearer_is_400_invalid_request(httpd, site, value):
    r = httpd.get("/api/", headers={"Authorization": value})
    assert r.status_code == 400
    assert challenges(r) == ['Bearer realm="API", error="invalid_request"']
    assert httpd.last_access()[1:] == (400, "malformed-credentials")


def test_basic_in_a_bearer_only_area(httpd, site):
    r = httpd.get("/api/", auth=("alice", "wonderland"))
    assert r.status_code == 401
    assert challenges(r) == [API]
    assert httpd.last_access()[1:] == (401, "unsupported-scheme")


def test_two_schemes_two_challenges_in_order(httpd, site):
    r = httpd.get("/mixed/")
    assert challenges(r) == [BASIC_MIXED, BEARER_MIXED]
    r = httpd.get("/reversed/")
    assert challenges(r) == [BEARER_MIXED, BASIC_MIXED]
    # raw bytes: two header fields, not one joined line
    status, head, _ = httpd.raw(b"GET /mixed/ HTTP/1.1\r\nHost: x\r\n"
                                b"Connection: close\r\n\r\n")
    assert status == 401
    assert head.count("\r\nWWW-Authenticate: ") == 2


def test_error_attributes_only_when_bearer_was_used(httpd, site):
    r = httpd.get("/mixed/", auth=("alice", "wrong"))
    assert challenges(r) == [BASIC_MIXED, BEARER_MIXED]
    r = httpd.get("/mixed/", headers=bearer(site.token("gone")))
    assert challenges(r) == [
        BASIC_MIXED, 'Bearer realm="Mixed", error="invalid_token", '
        'error_description="The access token was revoked"']


def test_both_schemes_work_in_a_mixed_area(httpd, site):
    assert httpd.get("/mixed/", auth=("bob", "builder")).status_code == 200
    r = httpd.get("/mixed/", headers=bearer(site.token("alice-member")))
    assert r.status_code == 200


def test_token_roles_are_limited_by_the_user(httpd, site):
    # bob's token says admin, but bob is no admin
    r = httpd.get("/admin/", headers=bearer(site.token("bob-admin")))
    assert r.status_code == 403
    assert challenges(r) == ['Bearer realm="Admin", '
                             'error="insufficient_scope"']
    assert httpd.last_access() == ("bob", 403, "insufficient-role")
    httpd.allow_error("AH01631")


def test_token_roles_limit_the_user(httpd, site):
    # alice is admin, her member-only token is not
    r = httpd.get("/admin/", headers=bearer(site.token("alice-member")))
    assert r.status_code == 403
    assert challenges(r) == ['Bearer realm="Admin", '
                             'error="insufficient_scope"']
    httpd.allow_error("AH01631")


def test_star_token_has_all_the_users_roles(httpd, site):
    r = httpd.get("/admin/", headers=bearer(site.token("alice-all")))
    assert r.status_code == 200


def test_password_403_has_no_bearer_challenge(httpd, site):
    r = httpd.get("/admin/", auth=("bob", "builder"))
    assert r.status_code == 403
    assert challenges(r) == []
    httpd.allow_error("AH01631")


def test_disabled_account_can_use_tokens_not_passwords(httpd, site):
    r = httpd.get("/deploy/", headers=bearer(site.token("svc")))
    assert r.status_code == 200
    assert httpd.last_access()[0] == "svc-deploy"
    r = httpd.get("/deploy/", auth=("svc-deploy", "!"))
    assert r.status_code == 401
    assert httpd.last_access()[1:] == (401, "invalid-credentials")


def test_taking_a_role_from_the_user_takes_it_from_the_token(httpd, site):
    tok = bearer(site.token("alice-all"))
    assert httpd.get("/admin/", headers=tok).status_code == 200
    httpd.write("roles", "member: alice bob\ndeploy: svc-deploy\n")
    assert wait_for(lambda: httpd.get("/admin/", headers=tok)
                    .status_code == 403)
    httpd.allow_error("AH01631")


def test_token_file_reloads_and_keeps_last_good_version(httpd, site):
    new = site.add("fresh", "bob", "member")
    site.write()
    assert wait_for(lambda: httpd.get("/api/", headers=bearer(new))
                    .status_code == 200)
    # a broken file: the newest good version stays in force
    httpd.write("tokens", "this line is broken\n")
    time.sleep(2.5)
    assert httpd.get("/api/", headers=bearer(new)).status_code == 200
    log = httpd.error_log()
    assert "tokens:1" in log or "line 1" in log
    httpd.allow_error(r"token file")


def test_no_secret_in_any_log(httpd, site):
    secret = site.secrets["alice-all"]
    httpd.get("/api/", headers=bearer(site.token("alice-all")))
    httpd.get("/api/", headers=bearer("alice-all." + secret[:-1] + "x"))
    httpd.get("/api/", headers=bearer(site.token("gone")))
    httpd.last_access()
    for text in (httpd.error_log(), httpd.access_log()):
        for s in site.secrets.values():
            assert s not in text
            assert s[:16] not in text


def test_token_refusal_page_and_json(httpd, site):
    r = httpd.get("/api/", headers=dict(bearer(site.token("old")),
                                        Accept="application/json"))
    assert r.status_code == 401
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json()["reason"] == "token-expired"
    r = httpd.get("/api/", headers=bearer(site.token("gone")))
    assert "text/html" in r.headers["Content-Type"]
    assert "revoked" in r.text.lower()


def test_bearer_without_token_file_is_500(httpd):
    httpd.page("api/index.html", "x\n")
    from conftest import area
    httpd.start(area(httpd.docroot / "api", '"API"',
                     require="Require valid-user",
                     extra="  AuthGateScheme Bearer"))
    httpd.allow_error(r"AG00213: configuration problem: Bearer needs "
                      r"AuthGateTokenFile")
    r = httpd.get("/api/", headers=bearer(
        "id.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
    assert r.status_code == 500
    assert httpd.last_access()[1:] == (500, "server-error")
