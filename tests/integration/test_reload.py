"""Files reload within 2 seconds in every process, the newest good version
stays in force when a later one is broken, and a file that cannot be read
at first use gives 500 (README, "Reloading")."""

import time

import pytest

from agsite import standard_site
from conftest import area, htpasswd

SETTLE = 2.5        # README: a change takes effect within 2 seconds


def hammer(h, path, auth, n=40):
    """Status codes of n requests without keep-alive, so that they spread
    over the server's child processes."""
    return {h.get(path, auth=auth).status_code for _ in range(n)}


def two_users(h):
    users = h.path("users")
    htpasswd(users, "alice", "wonderland")
    htpasswd(users, "bob", "builder")
    return users.read_text()


@pytest.mark.parametrize("httpd", ["event", "prefork"], indirect=True)
def test_reload_by_rename(httpd):
    standard_site(httpd)
    assert hammer(httpd, "/members/", ("bob", "builder")) == {200}
    lines = [x for x in httpd.path("users").read_text().splitlines()
             if not x.startswith("bob:")]
    httpd.write("users", "\n".join(lines) + "\n")        # atomic rename
    time.sleep(SETTLE)
    assert hammer(httpd, "/members/", ("bob", "builder")) == {401}
    assert hammer(httpd, "/members/", ("alice", "wonderland")) == {200}


@pytest.mark.parametrize("httpd", ["event", "prefork"], indirect=True)
def test_role_file_reload(httpd):
    standard_site(httpd)
    assert hammer(httpd, "/admin/", ("bob", "builder"), 10) == {403}
    httpd.write("roles", "member: alice bob\nadmin: bob\n")
    time.sleep(SETTLE)
    assert hammer(httpd, "/admin/", ("bob", "builder")) == {200}


@pytest.mark.parametrize("httpd", ["event", "prefork"], indirect=True)
def test_garbage_keeps_newest_good_version(httpd):
    """v1 has bob, v2 removes him, v3 is garbage: bob must stay out in
    every child, whichever one answers, and alice stays in."""
    httpd.allow_error(r"AG00101: user file .*line 2")
    standard_site(httpd)
    assert len(httpd.wait_children(3)) >= 3
    text = httpd.path("users").read_text()
    v2 = "\n".join(x for x in text.splitlines()
                   if not x.startswith("bob:")) + "\n"
    httpd.write("users", v2)
    time.sleep(SETTLE)
    httpd.write("users", v2.splitlines()[0] + "\nthis line is garbage\n")
    time.sleep(SETTLE)
    assert hammer(httpd, "/members/", ("bob", "builder"), 60) == {401}
    assert hammer(httpd, "/members/", ("alice", "wonderland"), 60) == {200}
    log = httpd.error_log()
    assert f"user file {httpd.path('users')}: line 2: no ':'" in log
    assert "keeping the version last modified" in log


def test_every_process_reloads_without_requests(httpd):
    """Processes that serve nothing meanwhile still pick up each version:
    after v2 (bob removed) and a broken v3, no child may fall back to v1."""
    httpd.allow_error(r"AG00101: user file")
    httpd.mpm = "prefork"
    standard_site(httpd)
    text = httpd.path("users").read_text()
    v2 = "\n".join(x for x in text.splitlines()
                   if not x.startswith("bob:")) + "\n"
    httpd.write("users", v2)          # no request at all while v2 stands
    time.sleep(SETTLE)
    httpd.write("users", "garbage\n")
    time.sleep(SETTLE)
    assert hammer(httpd, "/members/", ("bob", "builder"), 80) == {401}
    assert hammer(httpd, "/members/", ("alice", "wonderland"), 20) == {200}


def test_missing_file_at_startup_gives_500_then_recovers(httpd):
    httpd.allow_error(r"AG00101: user file .*nothing-here")
    httpd.allow_error(r"AG00104: user file .*nothing-here")
    httpd.page("p/index.html", "ok\n")
    missing = httpd.path("nothing-here")
    httpd.start(area(httpd.docroot / "p", "P", users=missing,
                     require="Require valid-user"))
    log = httpd.error_log()
    assert f"user file {missing}: cannot be read" in log
    assert "answer 500" in log
    r = httpd.get("/p/", auth=("alice", "wonderland"))
    assert r.status_code == 500
    assert httpd.last_access()[1:] == (500, "server-error")
    # no credentials is still a 401: nothing to check yet
    assert httpd.get("/p/").status_code == 401
    # once the file appears it is used
    htpasswd(httpd.path("staging"), "alice", "wonderland")
    httpd.write("nothing-here", httpd.path("staging").read_text())
    time.sleep(SETTLE)
    assert hammer(httpd, "/p/", ("alice", "wonderland"), 10) == {200}


def test_broken_file_at_startup_logs_file_and_line(httpd):
    httpd.allow_error(r"AG00101: role file")
    httpd.allow_error(r"AG00104: role file")
    users = httpd.path("users")
    htpasswd(users, "alice", "wonderland")
    httpd.write("roles", "admin: alice\nmember alice\n")
    httpd.page("p/index.html", "ok\n")
    httpd.start(area(httpd.docroot / "p", "P", users=users,
                     roles=httpd.path("roles"), require="Require role admin"))
    assert f"role file {httpd.path('roles')}: line 2: no ':'" in \
        httpd.error_log()
    assert httpd.get("/p/", auth=("alice", "wonderland")).status_code == 500


def test_unreadable_file_keeps_version(httpd):
    httpd.allow_error(r"AG00101: user file")
    standard_site(httpd)
    httpd.path("users").unlink()
    time.sleep(SETTLE)
    assert hammer(httpd, "/members/", ("bob", "builder"), 10) == {200}
    assert "cannot be read" in httpd.error_log()


def test_children_forked_later_never_see_an_older_version(httpd):
    """With MaxConnectionsPerChild 1 every request is served by a child
    forked just before it, from a parent that serves no request: such a
    child must start from the newest good version, not from the one the
    parent read at startup."""
    httpd.allow_error(r"AG00101: user file")
    httpd.mpm = "prefork"
    standard_site(httpd, extra="MaxConnectionsPerChild 1\n")
    text = httpd.path("users").read_text()
    v2 = "\n".join(x for x in text.splitlines()
                   if not x.startswith("bob:")) + "\n"
    httpd.write("users", v2)
    time.sleep(SETTLE)
    httpd.write("users", "garbage\n")
    time.sleep(SETTLE)
    assert hammer(httpd, "/members/", ("bob", "builder"), 30) == {401}
    assert hammer(httpd, "/members/", ("alice", "wonderland"), 10) == {200}


@pytest.mark.parametrize("httpd", ["event", "prefork"], indirect=True)
def test_graceful_restart_keeps_everything_working(httpd):
    """A graceful restart (apachectl -k graceful) rebuilds the module's
    state: files, shared memory, the built-in page, the 403 mechanism."""
    standard_site(httpd)
    import subprocess
    from conftest import APACHE, httpd_env
    for _ in range(2):
        subprocess.run([APACHE, "-f", str(httpd.conf), "-k", "graceful"],
                       check=True, capture_output=True, env=httpd_env())
        time.sleep(1.5)
        r = httpd.get("/members/")
        assert r.status_code == 401 and "You need to sign in" in r.text
        assert hammer(httpd, "/members/", ("bob", "builder"), 10) == {200}
        assert hammer(httpd, "/admin/", ("bob", "builder"), 10) == {403}
    httpd.allow_error(r"AH00060|AH00171")   # httpd's own restart notices
