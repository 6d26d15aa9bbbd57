"""An unknown user costs what a wrong password costs (README), whatever
cost the file's hashes have: the gate verifies a dummy copy of the file's
heaviest hash for a name it does not know, and pads every password check
with a sleep up to the slowest check it has seen for that file.  The costs
differ by two or three orders of magnitude without it, so a wide margin
keeps these tests stable on a busy machine."""

import statistics
import subprocess
import time

import pytest

from conftest import area

# timing and concurrency: run alone, not beside other tests
pytestmark = pytest.mark.serial


def medians(h, cases, rounds=7):
    """Median seconds of each case (name -> (auth, status)), measured in
    turn, round after round, so that a change in the machine's load
    falls on every case alike."""
    times = {name: [] for name in cases}
    for _ in range(rounds):
        for name, (auth, status) in cases.items():
            t0 = time.perf_counter()
            assert h.get("/p/", auth=auth).status_code == status, name
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(t) for name, t in times.items()}


def htpasswd(path, user, password, *flags):
    """Add user to path with Apache's own htpasswd (creating the file)."""
    create = [] if path.exists() else ["-c"]
    subprocess.run(["htpasswd", *create, "-b", *flags, str(path), user,
                    password], check=True, capture_output=True)


def test_unknown_user_costs_a_password_check(httpd):
    users = httpd.path("users")
    htpasswd(users, "bob", "builder", "-B", "-C", "11")
    httpd.write("users", users.read_text() + "svc:!\n")
    httpd.page("p/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users=users,
                     require="Require valid-user"))
    m = medians(httpd, {"wrong": (("bob", "not-it"), 401),
                        "unknown": (("nobody", "not-it"), 401),
                        "disabled": (("svc", "not-it"), 401)})
    print(m)
    assert m["wrong"] > 0.02, "bcrypt cost 11 should take tens of ms"
    assert 0.5 < m["unknown"] / m["wrong"] < 2.0, m
    assert 0.5 < m["disabled"] / m["wrong"] < 2.0, m


def test_mixed_costs_all_cost_the_same(httpd):
    """A file mixing bcrypt cost 12, bcrypt cost 5 and {SHA}: no check
    (unknown user, wrong password of each, right password of the cheap
    ones, a disabled account) tells the others apart by its time.  The
    cache is off, so right passwords are checked every time."""
    users = httpd.path("users")
    htpasswd(users, "heavy", "heavy-pw", "-B", "-C", "12")
    htpasswd(users, "light", "light-pw", "-B", "-C", "5")
    htpasswd(users, "sha", "sha-pw", "-s")
    httpd.write("users", users.read_text() + "svc:!\n")
    httpd.page("p/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users=users,
                     require="Require valid-user",
                     extra="  AuthGateCacheTTL 0"))
    m = medians(httpd, {
        "unknown": (("nobody", "not-it"), 401),
        "heavy wrong": (("heavy", "not-it"), 401),
        "sha wrong": (("sha", "not-it"), 401),
        "light wrong": (("light", "not-it"), 401),
        "sha right": (("sha", "sha-pw"), 200),
        "light right": (("light", "light-pw"), 200),
        "disabled": (("svc", "not-it"), 401),
    })
    print(m)
    assert m["heavy wrong"] > 0.05, "bcrypt cost 12 is slow"
    assert max(m.values()) / min(m.values()) < 1.6, m
