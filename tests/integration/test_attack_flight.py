"""Attack 2 (outside review of single flight): what a guesser can do with
the wait for an identical running check.  Tests marked HOLE failed on a2a7a05, before the fix."""

import subprocess
import threading
import time

import pytest

from conftest import area, htpasswd

pytestmark = pytest.mark.serial


def slow_site(h, extra="", cost="12"):
    users = h.path("users")
    subprocess.run(["htpasswd", "-c", "-b", "-B", "-C", cost, str(users),
                    "slow", "right-pw"], check=True, capture_output=True)
    htpasswd(users, "bob", "builder")
    h.page("p/index.html")
    h.start(area(h.docroot / "p", "P", users=users,
                 require="Require valid-user", extra=extra),
            log_level="warn authgate:debug")
    return h


def guess_stream(h, auth, rate, seconds):
    """One new request with the same credentials every 1/rate s, each on
    its own connection and thread; [(status, seconds taken)]."""
    out, threads = [], []

    def one():
        t0 = time.time()
        try:
            s = h.get("/p/", auth=auth).status_code
        except Exception as e:
            s = repr(e)
        out.append((s, time.time() - t0))

    end = time.time() + seconds
    while time.time() < end:
        t = threading.Thread(target=one)
        t.start()
        threads.append(t)
        time.sleep(1.0 / rate)
    return out, threads


@pytest.mark.parametrize("auth", [("slow", "guess-1"), ("nobody", "guess-1")],
                         ids=["wrong-password", "unknown-user"])
def test_a_repeated_guess_holds_workers_no_longer_than_a_check(httpd, auth):
    """HOLE (availability; FAILS on a2a7a05): README, Overload: 'a flood of guesses cannot
    take the threads ... they need', and a refused guess is answered
    after at most the pace cap (2 s) or 503 within 0.15 s.  A guesser who
    sends the same wrong password (or the same unknown name) about every
    0.1 s keeps a check of that id running on the places at all times, so
    every other request joins it (src/mod_authgate_busy.c join(): it
    waits while *a* check of the same id runs on that place, not the one
    it found) and sleeps the full JOIN_WAIT_MS (3 s) before it even asks
    for a place: each guess holds a worker thread 3 s and more, about 20
    times as long as without single flight, so ~7 guesses a second hold
    all 20 workers of the test server and signed-in users queue."""
    slow_site(httpd)
    assert httpd.get("/p/", auth=("bob", "builder")).status_code == 200
    got = {}
    stream = threading.Thread(target=lambda: got.update(
        zip(("results", "threads"), guess_stream(httpd, auth, rate=8,
                                                 seconds=6))))
    stream.start()
    time.sleep(4)
    # a signed-in (cached) user while the stream runs
    t0 = time.time()
    bob = httpd.get("/p/", auth=("bob", "builder")).status_code
    bob_wait = time.time() - t0
    stream.join()
    results = got["results"]
    for t in got["threads"]:
        t.join()
    longest = max(d for _, d in results)
    print("bob", bob, round(bob_wait, 2), "guesses", sorted(
        (s, round(d, 1)) for s, d in results))
    assert bob == 200
    assert longest < 2.5, f"a guess held its worker {longest:.1f} s"
    assert bob_wait < 1.0, f"a cached user waited {bob_wait:.1f} s"


def test_joiner_cannot_be_served_without_the_password(httpd):
    """Held: requests that join a running *successful* check with a
    different (wrong) password, or the right password for another user
    name, are never served 200."""
    slow_site(httpd)
    out = []

    def one(auth):
        out.append((auth, httpd.get("/p/", auth=auth).status_code))

    ts = [threading.Thread(target=one, args=(("slow", "right-pw"),))]
    ts += [threading.Thread(target=one, args=(a,)) for a in
           [("slow", "right-pw ") , ("slow", "Right-pw"), ("Slow", "right-pw"),
            ("slow", "right-pw\u00e9"), ("bob", "right-pw")] * 3]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for auth, s in out:
        if auth == ("slow", "right-pw"):
            assert s in (200, 503)
        else:
            assert s in (401, 503), (auth, s)


def test_joiners_do_not_escape_the_lockout(httpd):
    """Held: with AuthGateLockout 2, a burst of the same wrong guess gets
    at most 2 checks, and then the right password is 429."""
    slow_site(httpd, extra="  AuthGateLockout 2 60\n"
              "  AuthGateAddressLockout 4 60")
    out = []

    def one():
        out.append(httpd.get("/p/", auth=("slow", "bad")).status_code)

    ts = [threading.Thread(target=one) for _ in range(16)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out.count(401) <= 2, out
    assert httpd.get("/p/", auth=("slow", "right-pw")).status_code == 429
