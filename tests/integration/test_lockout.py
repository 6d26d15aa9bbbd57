"""Password guessing (README, "Lockout"): lockout per address and user name
and per address, counted in httpd's socache across processes; 429 with
Retry-After and the friendly page, without a password check; the bound
on password checks answers 503 busy while cached users and tokens go
on."""

import subprocess
import threading
import time

import pytest

from agsite import standard_site
from conftest import area, htpasswd
from tokensite import Tokens, bearer, token_site


def lockout_site(h, lockout="AuthGateLockout 3 60", mpm_extra=""):
    return standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  {lockout}
</Directory>
{mpm_extra}""")


@pytest.mark.parametrize("httpd", ["event", "prefork"], indirect=True)
def test_lockout_after_n_failures(httpd):
    lockout_site(httpd)
    for _ in range(3):       # spread over the children (no keep-alive)
        assert httpd.get("/members/", auth=("bob", "x")).status_code == 401
    r = httpd.get("/members/", auth=("bob", "builder"))   # right password
    assert r.status_code == 429
    assert 55 <= int(r.headers["Retry-After"]) <= 60
    assert "Too many attempts" in r.text
    assert "Try again in a minute." in r.text       # the wait, in words
    assert httpd.last_access()[1:] == (429, "locked-out")
    assert "the password was not checked" in httpd.error_log()
    # JSON says so too, with the same header
    r = httpd.get("/members/", auth=("bob", "builder"),
                  headers={"Accept": "application/json"})
    assert r.status_code == 429 and r.json()["reason"] == "locked-out"
    assert r.json()["retry_after"] == int(r.headers["Retry-After"])
    # another user from the same address is not locked
    assert httpd.get("/members/", auth=("alice", "wonderland")) \
        .status_code == 200


def test_success_resets_the_count(httpd):
    lockout_site(httpd)
    for _ in range(2):
        assert httpd.get("/members/", auth=("bob", "x")).status_code == 401
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200
    for _ in range(2):
        assert httpd.get("/members/", auth=("bob", "x")).status_code == 401
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200


def test_lockout_page_says_how_long(httpd):
    lockout_site(httpd, "AuthGateLockout 1 600")
    httpd.get("/members/", auth=("bob", "x"))
    r = httpd.get("/members/", auth=("bob", "builder"))
    assert r.status_code == 429
    assert "Try again in 10 minutes." in r.text
    assert "10 minutes" in httpd.get(
        "/members/", auth=("bob", "builder"),
        headers={"Accept": "application/json"}).json()["detail"]


def test_lockout_ends_with_its_window(httpd):
    lockout_site(httpd, "AuthGateLockout 2 2")
    for _ in range(2):
        httpd.get("/members/", auth=("bob", "x"))
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 429
    time.sleep(2.2)
    assert httpd.get("/members/", auth=("bob", "builder")).status_code == 200


def test_address_lockout_stops_spraying(httpd):
    lockout_site(httpd, "AuthGateAddressLockout 4 60")
    for name in ("u1", "u2", "u3", "u4"):
        assert httpd.get("/members/", auth=(name, "x")).status_code == 401
    r = httpd.get("/members/", auth=("alice", "wonderland"))
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0


def test_lockout_counts_the_forwarded_address(httpd):
    """Behind mod_remoteip the address counted is the one the trusted
    proxy forwarded, so one client cannot lock out everyone behind it."""
    lockout_site(httpd, "AuthGateLockout 2 60\n"
                 "  AuthGateAddressLockout 3 60",
                 mpm_extra="LoadModule remoteip_module "
                 "/usr/lib/apache2/modules/mod_remoteip.so\n"
                 "RemoteIPHeader X-Forwarded-For\n"
                 "RemoteIPInternalProxy 127.0.0.1\n")
    bad = {"X-Forwarded-For": "203.0.113.7"}
    good = {"X-Forwarded-For": "203.0.113.8"}
    for _ in range(3):
        httpd.get("/members/", auth=("bob", "x"), headers=bad)
    assert httpd.get("/members/", auth=("bob", "builder"),
                     headers=bad).status_code == 429
    assert httpd.get("/members/", auth=("bob", "builder"),
                     headers=good).status_code == 200


def test_token_guesses_count_against_the_address(httpd):
    t = Tokens(httpd)
    t.add("alice-all", "alice", "*")
    token_site(httpd, t, extra=f"""<Directory "{httpd.docroot}/api">
  AuthGateAddressLockout 3 60
</Directory>
""")
    for i in range(3):
        r = httpd.get("/api/", headers=bearer(f"nope{i}." + "A" * 43))
        assert r.status_code == 401
    r = httpd.get("/api/", headers=bearer(t.token("alice-all")))
    assert r.status_code == 429
    assert httpd.last_access()[1:] == (429, "locked-out")


def test_bad_lockout_directives_stop_httpd(httpd):
    for line, msg in [("AuthGateLockout 3", "is not Off nor N SECONDS"),
                      ("AuthGateLockout 0 60", "is not Off nor N SECONDS"),
                      ("AuthGateAddressLockout x 60",
                       "AuthGateAddressLockout: 'x 60'"),
                      ("AuthGateLockout 3 99999999", "604800")]:
        httpd.config(area(httpd.docroot, "P", extra="  " + line))
        r = httpd.configtest()
        assert r.returncode != 0 and msg in r.stderr, (line, r.stderr)


def test_lockout_off_in_a_subdirectory(httpd):
    lockout_site(httpd, "AuthGateLockout 1 60")
    httpd.page("members/open/index.html")
    httpd.write("httpd.conf", httpd.conf.read_text() + f"""
<Directory "{httpd.docroot}/members/open">
  AuthGateLockout Off
</Directory>
""")
    httpd.restart()
    httpd.allow_error(r"AH00060|AH00171|AH00169|AH00094")
    for _ in range(3):
        httpd.get("/members/open/", auth=("bob", "x"))
    assert httpd.get("/members/open/", auth=("bob", "builder")) \
        .status_code == 200


# -- the bound on password checks ----------------------------------------

@pytest.mark.serial
def test_flood_of_slow_checks_gets_503_while_cached_users_pass(httpd):
    users = httpd.path("users")
    # one slow account (bcrypt cost 13, about half a second a check)
    subprocess.run(["htpasswd", "-c", "-b", "-B", "-C", "13", str(users),
                    "slow", "pw"], check=True, capture_output=True)
    htpasswd(users, "bob", "builder")
    t = Tokens(httpd)
    t.add("bob-all", "bob", "*")
    t.write()
    httpd.write("roles", "member: bob slow\n")
    httpd.page("p/index.html")
    httpd.page("api/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users=users,
                     require="Require valid-user")
                + area(httpd.docroot / "api", "API", users=users,
                       roles=httpd.path("roles"), tokens=httpd.path("tokens"),
                       require="Require valid-user",
                       extra="  AuthGateScheme Bearer"))
    # bob's password is verified once, then cached
    assert httpd.get("/p/", auth=("bob", "builder")).status_code == 200
    results, others = [], []

    def guess():
        results.append(httpd.get("/p/", auth=("slow", "wrong")))

    guessers = [threading.Thread(target=guess) for _ in range(10)]
    for g in guessers:
        g.start()
    time.sleep(0.2)
    for _ in range(5):
        others.append(httpd.get("/p/", auth=("bob", "builder")).status_code)
        others.append(httpd.get("/api/", headers=bearer(t.token("bob-all")))
                      .status_code)
    for g in guessers:
        g.join()
    statuses = sorted(r.status_code for r in results)
    assert 503 in statuses and 401 in statuses, statuses
    busy = [r for r in results if r.status_code == 503]
    assert all(r.headers["Retry-After"] == "1" for r in busy)
    assert all("Too many sign-ins at once" in r.text for r in busy)
    assert others == [200] * 10
