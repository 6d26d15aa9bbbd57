"""The verified-credential cache (README; AuthGateCacheTTL, AuthGateCache):
what it may skip and what it must never change.  Cache hits are seen in
the debug log (AG00211), never inferred from timing."""

import re
import time

import pytest

from conftest import area, htpasswd


def cache_site(h, ttl=None, extra_server="", mpm_extra=""):
    users = h.path("users")
    htpasswd(users, "alice", "wonderland")
    htpasswd(users, "bob", "builder")
    h.write("roles", "member: alice bob\n")
    h.page("m/index.html")
    extra = f"  AuthGateCacheTTL {ttl}" if ttl is not None else ""
    h.config(extra_server + area(h.docroot / "m", "M", users=users,
                                 roles=h.path("roles"),
                                 require="Require role member",
                                 extra=extra) + mpm_extra,
             log_level="warn authgate:debug")
    return h.start()


def hits(h):
    return len(re.findall(r"AG00211: password of \"\w+\" accepted from "
                          r"the cache", h.error_log()))


def checks(h):
    return len(re.findall(r"AG00212: password of \"\w+\" checked", 
                          h.error_log()))


def settle(h, n_hits=None, timeout=5):
    """Wait until the error log holds the lines of the last requests."""
    deadline = time.time() + timeout
    while time.time() < deadline and n_hits is not None \
            and hits(h) < n_hits:
        time.sleep(0.05)


def test_second_request_skips_the_hash(httpd):
    cache_site(httpd)
    for _ in range(5):
        assert httpd.get("/m/", auth=("alice", "wonderland")).status_code \
            == 200
    settle(httpd, 4)
    assert checks(httpd) >= 1
    assert hits(httpd) >= 3


def test_cache_is_shared_between_processes(httpd):
    # every request on a fresh connection, served by one of several
    # prefork children: a hit in a child that never checked the password
    # proves the entry came from shared memory
    httpd.mpm = "prefork"
    cache_site(httpd, mpm_extra="MaxConnectionsPerChild 1\n")
    for _ in range(8):
        assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    settle(httpd, 6)
    assert checks(httpd) == 1
    assert hits(httpd) == 7
    httpd.allow_error("AH00045|AH00046")


def test_wrong_password_is_never_cached(httpd):
    cache_site(httpd)
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    for _ in range(3):
        assert httpd.get("/m/", auth=("bob", "wrong")).status_code == 401
    assert httpd.last_access()[1:] == (401, "invalid-credentials")
    assert hits(httpd) == 0


def test_password_change_wins_over_the_cache(httpd):
    cache_site(httpd)
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    htpasswd(httpd.path("users"), "bob", "newpass")
    time.sleep(2.5)
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 401
    assert httpd.get("/m/", auth=("bob", "newpass")).status_code == 200


def test_deleted_user_and_lost_role_win_over_the_cache(httpd):
    cache_site(httpd)
    for who in (("alice", "wonderland"), ("bob", "builder")):
        assert httpd.get("/m/", auth=who).status_code == 200
        assert httpd.get("/m/", auth=who).status_code == 200
    users = httpd.path("users")
    users.write_text("".join(l + "\n" for l in users.read_text()
                             .splitlines() if not l.startswith("alice:")))
    httpd.write("roles", "member: alice\n")
    time.sleep(2.5)
    assert httpd.get("/m/", auth=("alice", "wonderland")).status_code == 401
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 403
    httpd.allow_error("AH01631")


def test_ttl_zero_turns_the_cache_off(httpd):
    cache_site(httpd, ttl=0)
    for _ in range(3):
        assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    assert hits(httpd) == 0


def test_entries_expire_after_the_ttl(httpd):
    cache_site(httpd, ttl=1)
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    settle(httpd, 1)
    before = checks(httpd)
    time.sleep(1.2)
    assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
    time.sleep(0.2)
    assert checks(httpd) == before + 1


def test_unknown_user_is_not_cached(httpd):
    cache_site(httpd)
    for _ in range(3):
        assert httpd.get("/m/", auth=("mallory", "x")).status_code == 401
    assert hits(httpd) == 0 and checks(httpd) == 0


def test_without_shmcb_the_cache_works_per_process(httpd):
    from conftest import BASE_MODULES
    users = httpd.path("users")
    htpasswd(users, "bob", "builder")
    httpd.page("m/index.html")
    mods = [m for m in BASE_MODULES if m != "socache_shmcb"]
    import conftest
    saved = conftest.BASE_MODULES
    conftest.BASE_MODULES = mods
    try:
        httpd.config(area(httpd.docroot / "m", "M", users=users,
                          require="Require valid-user"),
                     log_level="warn authgate:debug")
    finally:
        conftest.BASE_MODULES = saved
    httpd.start()
    assert "AG00502" in httpd.error_log()
    for _ in range(4):
        assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200


@pytest.mark.parametrize("line,message", [
    ("AuthGateCache nosuch", "no socache provider 'nosuch'"),
    ("AuthGateCache shmcb:x(10)", "AuthGateCache: shmcb:x(10)"),
])
def test_bad_cache_provider_stops_httpd(httpd, line, message):
    httpd.page("m/index.html")
    httpd.config(line + "\n")
    r = httpd.configtest()
    assert r.returncode != 0
    assert message in r.stderr


@pytest.mark.parametrize("value", ["-1", "abc", "604801", "1e3", ""])
def test_bad_ttl_stops_httpd(httpd, value):
    httpd.page("m/index.html")
    httpd.config(area(httpd.docroot / "m", "M",
                      extra=f"  AuthGateCacheTTL {value}"))
    r = httpd.configtest()
    assert r.returncode != 0
    assert "AuthGateCacheTTL" in r.stderr


def test_cache_directive_only_in_main_server(httpd):
    httpd.config("<Directory /x>\nAuthGateCache shmcb\n</Directory>\n")
    r = httpd.configtest()
    assert r.returncode != 0
    assert "AuthGateCache" in r.stderr


@pytest.mark.parametrize("provider,module", [
    ("memcache:127.0.0.1:1", "socache_memcache"),
    ("redis:127.0.0.1:1", "socache_redis"),
])
def test_unreachable_cache_costs_speed_not_safety(httpd, provider, module):
    """memcache and redis are passed to httpd's own providers; with no
    server to reach, every password is checked against its hash and the
    answers stay right."""
    users = httpd.path("users")
    htpasswd(users, "bob", "builder")
    httpd.page("m/index.html")
    httpd.config(f"AuthGateCache {provider}\n" +
                 area(httpd.docroot / "m", "M", users=users,
                      require="Require valid-user"),
                 extra_modules=(module,), log_level="warn authgate:debug")
    httpd.start()
    # the providers' own complaints about the missing server
    httpd.allow_error(r"AH00790|AH00791|AH03478|AH03479")
    for _ in range(3):
        assert httpd.get("/m/", auth=("bob", "builder")).status_code == 200
        assert httpd.get("/m/", auth=("bob", "nope")).status_code == 401
    assert checks(httpd) >= 1
