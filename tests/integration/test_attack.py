"""Attacks on the trust boundary (README, "Security model") from outside,
found by attacking the first version of the trust-boundary change: each
test failed against it and passes since the hole was closed."""

import os
import pwd
import threading
import time

import pytest
import requests

from agsite import htaccess_site, standard_site
from conftest import wait_for
from tokensite import Tokens, bearer, token_site

SETTLE = 2.5


def www_data():
    pw = pwd.getpwnam("www-data")
    return pw.pw_uid, pw.pw_gid


# -- .htaccess templates escape their directory ---------------------------

def test_htaccess_template_in_filesmatch_stays_confined(httpd):
    """Inside <Files>, <FilesMatch> and <If>, cmd->path is not the
    .htaccess directory but the section's argument (the pattern, or
    "*If"), which use_file() takes as the confinement root; realpath()
    resolves it against httpd's working directory, "/" once httpd has
    detached.  So <FilesMatch "."> makes "/" the root and .htaccess can
    render any file the server account can read."""
    httpd.allow_error(r"AG0010[14]: template")
    secret = httpd.write("secret.txt", "TOPSECRET outside the tree\n")
    htaccess_site(httpd, f"""<FilesMatch ".">
AuthGateErrorDocument 401 {secret}
</FilesMatch>
""")
    r = httpd.get("/members/index.html")
    assert "TOPSECRET" not in r.text
    assert r.status_code == 500


def test_credential_file_named_only_in_htaccess_is_never_a_template(httpd):
    """A user file kept in the tree and named only in another .htaccess is
    'in use', but is_credential_file() only knows the stores
    of its own process: every child that has not yet served the private
    area itself renders the user file as the template, hashes and all."""
    httpd.allow_error(r"AG0010[14]: template|AG00112")
    standard_site(httpd, extra=f"""<Directory "{httpd.docroot}/members">
  AllowOverride AuthConfig
</Directory>
""")
    users = httpd.write("htdocs/members/private/users",
                        httpd.path("users").read_text(), mode=0o640)
    os.chown(users, 0, www_data()[1])
    httpd.page("members/private/index.html", "private\n")
    httpd.page("members/private/.htaccess", f"""AuthType AuthGate
AuthName Private
AuthGateUserFile {users}
Require valid-user
""")
    httpd.page("members/.htaccess", f"AuthGateErrorDocument 401 {users}\n")
    # the private area works, and its user file is in use from now on
    assert httpd.get("/members/private/", auth=("bob", "builder")) \
        .status_code == 200
    for _ in range(10):
        r = httpd.get("/members/")
        assert "$2y$" not in r.text
        assert r.status_code == 500



def test_htaccess_directory_swapped_for_a_link_mid_request(httpd):
    """The confinement root is the .htaccess directory's path, resolved
    with realpath() only when the template is read, not when .htaccess
    was read.  Whoever can rename that directory (the owner of its
    parent) swaps it for a link to any directory while a request is
    between the two (here: waiting for a freshly written user file to
    settle); the template is then vetted against the link's target and
    the copy stays in force for every later request."""
    httpd.allow_error(r"AG0010[14]")
    secret = httpd.write("secret.txt", "TOPSECRET outside the tree\n")
    standard_site(httpd, extra=f"""<Directory "{httpd.docroot}/members">
  AllowOverride AuthConfig
</Directory>
""")
    sub = httpd.docroot / "members" / "sub"
    users = httpd.path("subusers")
    httpd.page("members/sub/index.html", "sub\n")
    httpd.page("members/sub/.htaccess", f"""AuthType AuthGate
AuthName Sub
AuthGateUserFile {users}
AuthGateErrorDocument 401 {secret}
Require valid-user
""")
    out = {}

    def ask():
        out["r"] = httpd.get("/members/sub/", auth=("bob", "nope"))

    httpd.write("subusers", httpd.path("users").read_text())
    t = threading.Thread(target=ask)
    t.start()
    time.sleep(0.12)            # .htaccess is read; the user file settles
    os.rename(sub, str(sub) + ".real")
    os.symlink(httpd.dir, sub)
    t.join()
    os.unlink(sub)
    os.rename(str(sub) + ".real", sub)
    for r in [out["r"]] + [httpd.get("/members/sub/", auth=("bob", "nope"))
                           for _ in range(6)]:
        assert "TOPSECRET" not in r.text


@pytest.mark.parametrize("how", ["graceful", "restart"])
def test_restart_keeps_a_file_that_grew_past_its_shared_room(httpd, how):
    """Shared memory for a file is sized once, at the first start (four
    times the file, at least 1 MiB), and kept for every later restart.  A
    user file that grew past that room (here from 0.2 KB to 1.3 MB) and
    then broke is not kept by a restart: every request answers 500,
    although the good version was in force until the restart."""
    httpd.allow_error(r"AG0010[14]: user file")
    standard_site(httpd)
    good = httpd.path("users").read_text()
    filler = "".join(f"filler{i:05d}:$2y$05${'x' * 53}\n"
                     for i in range(16000))
    httpd.write("users", good + filler)
    time.sleep(SETTLE)
    assert httpd.get("/members/", auth=("alice", "wonderland")) \
        .status_code == 200
    httpd.write("users", good + filler + "no colon on this line\n")
    time.sleep(SETTLE)
    assert httpd.get("/members/", auth=("alice", "wonderland")) \
        .status_code == 200
    httpd.graceful(how)
    statuses = {httpd.get("/members/", auth=("alice", "wonderland"))
                .status_code for _ in range(10)}
    assert statuses == {200}


def one_child(h):
    """MPM lines for a single child process, whichever MPM h runs."""
    if h.mpm == "prefork":
        # the one child is busy for a moment: the parent notes it
        h.allow_error(r"AH00161: server reached MaxRequestWorkers")
        return """
StartServers 1
ServerLimit 1
MaxRequestWorkers 1
MinSpareServers 1
MaxSpareServers 1
"""
    return """
StartServers 1
ServerLimit 1
MaxRequestWorkers 5
MinSpareThreads 1
MaxSpareThreads 5
"""


def test_huge_htaccess_files_do_not_hold_back_a_revocation(httpd):
    """Files have no size limit and one watcher thread reads them one
    after another.  An .htaccess author names a few large sparse files
    (no disk space needed) and touches them: the child's watcher spends
    seconds reading hundreds of MB each, and meanwhile a revoked token
    keeps working (README, "Reloading": a change takes effect within 2
    seconds; "Security model": one bad file never delays the reloading of
    others)."""
    httpd.allow_error(r"AG0010[14]: user file .*/big/")
    t = Tokens(httpd)
    t.add("alice-all", "alice", "*")
    token_site(httpd, t, extra=one_child(httpd) + f"""<Directory "{httpd.docroot}/big">
  AllowOverride AuthConfig
</Directory>
""")
    bigs = []
    for i in range(4):
        d = httpd.docroot / "big" / str(i)
        httpd.page(f"big/{i}/index.html", "big\n")
        f = d / "users"
        with open(f, "wb") as fh:
            fh.truncate(256 << 20)
        os.chmod(f, 0o644)
        bigs.append(f)
        httpd.page(f"big/{i}/.htaccess", f"""AuthType AuthGate
AuthName Big
AuthGateUserFile {f}
Require valid-user
""")
    time.sleep(0.5)
    for i in range(4):
        httpd.get(f"/big/{i}/", auth=("alice", "wonderland"))
    tok = bearer(t.token("alice-all"))
    assert httpd.get("/api/", headers=tok).status_code == 200
    for f in bigs:
        os.utime(f)
    time.sleep(0.7)            # the watcher is reading the big files now
    t.lines = [x.replace(":active", ":revoked") for x in t.lines]
    t.write()
    start = time.time()
    wait_for(lambda: httpd.get("/api/", headers=tok).status_code == 401,
             timeout=30, step=0.2)
    late = time.time() - start
    assert late < SETTLE, f"the revoked token worked for {late:.1f} s"


@pytest.mark.parametrize("section", ['<Files "index.html">', '<If "true">'])
def test_htaccess_template_inside_a_section_is_accepted(httpd, section):
    """The other side of the <FilesMatch> hole: the same cmd->path mix-up
    refuses a template that does sit in the .htaccess directory when it is
    named inside <Files> or <If> (the root becomes "index.html" or "*If")."""
    httpd.allow_error(r"AG0010[14]: template")
    httpd.page("members/own.html", "own {{status}}\n")
    end = "</" + section[1:].split()[0] + ">"
    htaccess_site(httpd, f"""{section}
AuthGateErrorDocument 401 {httpd.docroot}/members/own.html
{end}
""")
    r = httpd.get("/members/index.html")
    assert (r.status_code, r.text) == (401, "own 401\n")


def child_cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_dead_htaccess_files_do_not_load_the_watcher_for_ever(httpd):
    """Every path ever named in an .htaccess file gets a store that is
    never dropped, and the child's watcher looks at every store every
    second.  An .htaccess author who rewrites .htaccess with a new path
    before each request (nothing needs to exist) makes the child burn CPU
    from then on: 11-16% of a core measured for 3,000 paths (linear, so
    about a core for 20,000-30,000), for as long as the child lives."""
    httpd.allow_error(r"AG0010[14]: user file /nonexistent/")
    standard_site(httpd, extra=one_child(httpd) + f"""<Directory "{httpd.docroot}/members">
  AllowOverride AuthConfig
</Directory>
""")
    kid = httpd.children()[0]
    ht = httpd.docroot / "members" / ".htaccess"
    s = requests.Session()
    for i in range(3000):
        ht.write_text(f"AuthGateUserFile /nonexistent/{i:06d}/users\n")
        s.get(httpd.url("/members/"), auth=("bob", "builder"), timeout=10)
    ht.unlink()
    time.sleep(1)
    before = child_cpu_ticks(kid)
    time.sleep(5)
    per_second = (child_cpu_ticks(kid) - before) / 5
    assert per_second < 2.5, \
        f"an idle child uses {per_second:.0f}% of a core"
