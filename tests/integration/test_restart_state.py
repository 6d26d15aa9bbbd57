"""What the shared cache holds survives restarts (README): a graceful
or full restart (apachectl graceful or restart, logrotate's nightly
reload) keeps the lockout records, the verified passwords and their keys,
with the default shmcb cache, with or without AuthGateSecretFile, under
event and prefork.  A change of AuthGateCache between restarts starts a
new, empty cache that works."""

import re
import subprocess
import time

import pytest

from agsite import standard_site
from conftest import AUTHGATE

MPMS_AND_HOWS = [(mpm, how) for mpm in ("event", "prefork")
                 for how in ("graceful", "restart")]


def checks(h, text=None):
    return len(re.findall(r"AG00212: password of \"\w+\" checked",
                          h.error_log() if text is None else text))


def hits(h, text=None):
    return len(re.findall(r"AG00211: password of \"\w+\" accepted from "
                          r"the cache",
                          h.error_log() if text is None else text))


def wait_log(h, predicate, timeout=5):
    deadline = time.time() + timeout
    while time.time() < deadline and not predicate():
        time.sleep(0.05)
    return predicate()


def site(h, mpm="event", extra="", window=60):
    """The standard site, /members/ with AuthGateLockout 3 WINDOW, and
    the cache's debug lines in the log."""
    h.mpm = mpm
    return standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  AuthGateLockout 3 {window}
</Directory>
LogLevel warn authgate:debug
{extra}""")


def secret_line(h, tmp_path, with_secret):
    if not with_secret:
        return ""
    secret = tmp_path / "secret"
    subprocess.run([str(AUTHGATE), "secret", str(secret)], check=True)
    # the test runs unprivileged: a secret not owned by root is warned of
    h.allow_error("AG00512")
    return f"AuthGateSecretFile {secret}\n"


@pytest.mark.parametrize("mpm,how", MPMS_AND_HOWS)
def test_lockout_survives_a_restart(httpd, mpm, how):
    """A client locked out stays locked out: after the restart its very
    first attempt, with the right password, is refused without a check."""
    site(httpd, mpm)
    for _ in range(3):
        assert httpd.get("/members/", auth=("bob", "x")).status_code == 401
    assert httpd.get("/members/", auth=("bob", "builder")).status_code \
        == 429
    httpd.graceful(how)
    start = len(httpd.error_log())
    r = httpd.get("/members/", auth=("bob", "builder"))
    assert r.status_code == 429, "a restart forgot the lockout"
    assert 1 <= int(r.headers["Retry-After"]) <= 60
    assert httpd.last_access()[1:] == (429, "locked-out")
    assert httpd.get("/members/", auth=("bob", "x")).status_code == 429
    assert httpd.get("/members/", auth=("bob", "builder")).status_code \
        == 429
    new = httpd.error_log()[start:]
    assert checks(httpd, new) == 0
    assert new.count("the password was not checked") == 3
    # others are served as before
    assert httpd.get("/members/", auth=("alice", "wonderland")) \
        .status_code == 200


@pytest.mark.parametrize("with_secret", [False, True],
                         ids=["random-key", "secret-file"])
@pytest.mark.parametrize("mpm,how", MPMS_AND_HOWS)
def test_verified_password_is_a_hit_after_a_restart(httpd, tmp_path, mpm,
                                                    how, with_secret):
    """The new generation's children start with empty per-process fronts:
    a hit right after the restart comes from the kept shared cache, under
    the kept key."""
    site(httpd, mpm, secret_line(httpd, tmp_path, with_secret))
    assert httpd.get("/members/", auth=("bob", "builder")).status_code \
        == 200
    assert wait_log(httpd, lambda: checks(httpd) == 1)
    httpd.graceful(how)
    start = len(httpd.error_log())
    for _ in range(3):
        assert httpd.get("/members/", auth=("bob", "builder")).status_code \
            == 200
    assert wait_log(httpd, lambda: hits(httpd, httpd.error_log()[start:])
                    == 3)
    assert checks(httpd, httpd.error_log()[start:]) == 0
    assert httpd.get("/members/", auth=("bob", "nope")).status_code == 401


@pytest.mark.parametrize("mpm", ["event", "prefork"])
def test_changing_the_cache_between_restarts(httpd, mpm):
    """AuthGateCache changed, then changed back: each change starts an
    empty cache (logged), which then works, lockout included."""
    site(httpd, mpm)
    assert httpd.get("/members/", auth=("bob", "builder")).status_code \
        == 200
    base = httpd.conf.read_text()
    other = "AuthGateCache shmcb:authgate-other.cache(262144)\n"
    for conf, how in ((base + other, "graceful"), (base, "restart")):
        httpd.write("httpd.conf", conf)
        start = len(httpd.error_log())
        # an old child would answer from the old cache
        httpd.graceful(how, old_gone=True)
        new = lambda: httpd.error_log()[start:]          # noqa: E731
        assert "AG00513" in new()
        for _ in range(3):
            assert httpd.get("/members/", auth=("bob", "builder")) \
                .status_code == 200
        assert wait_log(httpd, lambda: checks(httpd, new()) == 1
                        and hits(httpd, new()) == 2)
        for _ in range(3):
            assert httpd.get("/members/", auth=("carol", "x")) \
                .status_code == 401
        assert httpd.get("/members/", auth=("carol", "singer")) \
            .status_code == 429
        assert httpd.get("/admin/", auth=("alice", "wonderland")) \
            .status_code == 200
    # an unchanged configuration keeps the cache again
    start = len(httpd.error_log())
    httpd.graceful("graceful")
    assert "AG00513" not in httpd.error_log()[start:]
    assert httpd.get("/members/", auth=("carol", "singer")).status_code \
        == 429
