"""An unknown user costs what a wrong password costs (SPEC 4): the gate
verifies a dummy hash of the file's most common kind.  The two costs
differ by two orders of magnitude without it, so a wide margin keeps this
test stable on a busy machine."""

import statistics
import subprocess
import time

from conftest import area


def median_seconds(h, auth, n=7):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        assert h.get("/p/", auth=auth).status_code == 401
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def test_unknown_user_costs_a_password_check(httpd):
    users = httpd.path("users")
    subprocess.run(["htpasswd", "-c", "-b", "-B", "-C", "11", str(users),
                    "bob", "builder"], check=True, capture_output=True)
    httpd.write("users", users.read_text() + "svc:!\n")
    httpd.page("p/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users=users,
                     require="Require valid-user"))
    wrong = median_seconds(httpd, ("bob", "not-it"))
    unknown = median_seconds(httpd, ("nobody", "not-it"))
    disabled = median_seconds(httpd, ("svc", "not-it"))
    assert wrong > 0.02, "bcrypt cost 11 should take tens of milliseconds"
    assert 0.5 < unknown / wrong < 2.0, (unknown, wrong)
    assert 0.5 < disabled / wrong < 2.0, (disabled, wrong)
