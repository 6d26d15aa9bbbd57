"""Single flight (the bound on password checks, README): concurrent
requests with the same credentials as a check already running wait for
that check instead of each running their own, so a browser that opens a
page with many assets right after a restart (an empty cache) gets no 503
busy.  Successes are shared through the cache, failures are not.  The
checks are counted in the debug log (AG00212), never inferred from
timing."""

import os
import re
import subprocess
import threading

import pytest

from conftest import area, htpasswd

# timing and concurrency: run alone, not beside other tests
pytestmark = pytest.mark.serial

N = 24


def slow_site(h, extra=""):
    """One user with a slow bcrypt (cost 12), one fast one; a fresh httpd,
    so the verified-credential cache is empty."""
    users = h.path("users")
    subprocess.run(["htpasswd", "-c", "-b", "-B", "-C", "12", str(users),
                    "slow", "right-pw"], check=True, capture_output=True)
    htpasswd(users, "bob", "builder")
    for i in range(N):
        h.page(f"p/asset{i}.css")
    h.start(area(h.docroot / "p", "P", users=users,
                 require="Require valid-user", extra=extra),
            log_level="warn authgate:debug")
    return h


def flood(h, auth):
    """N requests at once, each on its own connection."""
    start = threading.Barrier(N)
    results = [None] * N

    def one(i):
        start.wait()
        try:
            results[i] = h.get(f"/p/asset{i}.css", auth=auth)
        except Exception as e:       # a failed request fails the test
            results[i] = e

    threads = [threading.Thread(target=one, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def count(h, pattern):
    return len(re.findall(pattern, h.error_log()))


def checks(h):
    return count(h, r"AG00212: password of \"slow\" checked")


def hits(h):
    return count(h, r"AG00211: password of \"slow\" accepted from the cache")


@pytest.mark.parametrize("httpd", ["event", "prefork"], indirect=True)
def test_concurrent_requests_of_one_user_share_one_check(httpd):
    slow_site(httpd)
    results = flood(httpd, ("slow", "right-pw"))
    statuses = [getattr(r, "status_code", r) for r in results]
    assert statuses == [200] * N, statuses
    # one check against the hash (never more than the places); the rest
    # were served from the cache once it had succeeded
    n = checks(httpd)
    assert 1 <= n <= (os.cpu_count() or 1), n
    assert n + hits(httpd) == N
    assert all(r.text.endswith(".css\n") for r in results)


@pytest.mark.parametrize("httpd", ["event", "prefork"], indirect=True)
def test_concurrent_wrong_passwords_share_nothing(httpd):
    slow_site(httpd)
    results = flood(httpd, ("slow", "wrong-pw"))
    statuses = sorted(getattr(r, "status_code", r) for r in results)
    # each is refused as today: checked (401) or not started (503 busy);
    # nothing is served, nothing is cached
    assert set(statuses) <= {401, 503}, statuses
    assert 401 in statuses
    assert hits(httpd) == 0 and checks(httpd) == 0
    busy = [r for r in results if r.status_code == 503]
    assert all(r.headers["Retry-After"] == "1" for r in busy)
    # the right password afterwards is checked, not taken from anywhere
    assert httpd.get("/p/asset0.css", auth=("slow", "right-pw")) \
        .status_code == 200
    assert checks(httpd) == 1


def test_waiters_on_a_wrong_password_are_each_counted(httpd):
    # a guesser repeating one guess in parallel gains nothing: every
    # request that waited for the identical check is still counted by the
    # lockout, so no more than the limit are ever checked
    slow_site(httpd, extra="  AuthGateLockout 3 60")
    results = flood(httpd, ("slow", "wrong-pw"))
    statuses = [r.status_code for r in results]
    assert set(statuses) <= {401, 429, 503}, statuses
    # guess on, one at a time, until locked: never more than 3 checked
    for _ in range(4):
        statuses.append(httpd.get("/p/asset0.css", auth=("slow", "wrong-pw"))
                        .status_code)
    assert statuses.count(401) == 3, statuses
    assert statuses[-1] == 429
    assert count(httpd, r"AG00211") == 0
    r = httpd.get("/p/asset0.css", auth=("slow", "right-pw"))
    assert r.status_code == 429
