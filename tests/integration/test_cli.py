"""The authgate command (authgate(1)), run as built on temporary files, and
its files used by a running httpd and by Apache's own tools."""

import grp
import os
import pty
import pwd
import re
import select
import shutil
import stat
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import AUTHGATE, IS_ROOT, area, start_stock_basic, wait_for
from tokensite import bearer, challenges

# The environment variables that tell the command who httpd runs as; a
# test sets them explicitly, the others run with the machine's own.
HTTPD_ENV = ("AUTHGATE_USER", "AUTHGATE_GROUP", "APACHE_CONFDIR")


def ag(*args, stdin=None, env=None):
    full = {k: v for k, v in os.environ.items() if k not in HTTPD_ENV}
    full.update(env or {})
    return subprocess.run([str(AUTHGATE)] + [str(a) for a in args],
                          input=stdin, capture_output=True, text=True,
                          timeout=60, env=full)


@pytest.fixture
def open_dir():
    """A directory httpd's user may search (pytest's own tmp_path sits
    in a 0700 directory, which check rightly warns about)."""
    d = Path(tempfile.mkdtemp(prefix="authgate-cli-"))
    os.chmod(d, 0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def passwd(path, user, password, *flags):
    r = ag("passwd", path, user, "--stdin", *flags, stdin=password + "\n")
    assert r.returncode == 0, r.stderr
    return r


# -- passwd and delete --------------------------------------------------

def test_passwd_yescrypt_by_default_and_module_accepts_it(httpd):
    users = httpd.path("users")
    passwd(users, "alice", "wonder land", "--roles", "member")
    line = users.read_text().splitlines()[0]
    assert re.fullmatch(r"alice:\$y\$[^:]+:member", line)
    httpd.page("m/index.html")
    httpd.start(area(httpd.docroot / "m", "M", users=users,
                     require="Require role member"))
    assert httpd.get("/m/", auth=("alice", "wonder land")).status_code == 200
    assert httpd.get("/m/", auth=("alice", "wonder")).status_code == 401


def test_bcrypt_is_verified_by_stock_htpasswd(tmp_path):
    users = tmp_path / "users"
    passwd(users, "bob", "builder", "--bcrypt")
    assert users.read_text().startswith("bob:$2y$12$")
    ok = subprocess.run(["htpasswd", "-vb", str(users), "bob", "builder"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(["htpasswd", "-vb", str(users), "bob", "nope"],
                         capture_output=True, text=True)
    assert bad.returncode != 0


def test_edited_file_still_works_with_mod_authn_file(httpd):
    users = httpd.path("users")
    subprocess.run(["htpasswd", "-cbB", "-C", "5", str(users), "old",
                    "timer"], check=True, capture_output=True)
    passwd(users, "bob", "builder", "--bcrypt", "--cost", "5",
           "--roles", "member,ops")
    start_stock_basic(httpd, users)
    assert httpd.get("/b/", auth=("bob", "builder")).status_code == 200
    assert httpd.get("/b/", auth=("old", "timer")).status_code == 200
    assert httpd.get("/b/", auth=("bob", "x")).status_code == 401


def test_passwd_keeps_other_lines_as_they_were(tmp_path):
    users = tmp_path / "users"
    original = ("# the team\r\n"
                "alice:$apr1$x$y:admin\n"
                "\n"
                "   # indented comment\n"
                "bob:$2y$05$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijab"
                "c:member, ops\n"
                "carol:!\n")
    users.write_bytes(original.encode())
    passwd(users, "bob", "new password", "--cost", "1")
    after = users.read_bytes().decode().split("\n")
    before = original.split("\n")
    assert after[:4] == before[:4] and after[5:] == before[5:]
    assert re.fullmatch(r"bob:\$y\$[^:]+:member, ops", after[4])
    # --roles replaces the third field, "" clears it
    passwd(users, "bob", "new password", "--cost", "1", "--roles", "")
    assert re.fullmatch(r"bob:\$y\$[^:]+", users.read_text().split("\n")[4])
    # a new user is appended
    passwd(users, "dave", "pw", "--cost", "1")
    assert users.read_text().split("\n")[-2].startswith("dave:$y$")


def test_mode_and_owner_are_kept_new_files_are_0640(tmp_path):
    users = tmp_path / "users"
    passwd(users, "a", "pw", "--cost", "1")
    assert stat.S_IMODE(users.stat().st_mode) == 0o640
    os.chmod(users, 0o604)
    if IS_ROOT:
        os.chown(users, 33, 33)          # www-data
    passwd(users, "b", "pw", "--cost", "1")
    st = users.stat()
    assert stat.S_IMODE(st.st_mode) == 0o604
    if IS_ROOT:
        assert (st.st_uid, st.st_gid) == (33, 33)
    assert not [p for p in tmp_path.iterdir() if p.name != "users"]


def test_symlinked_file_is_edited_through_the_link(tmp_path):
    real = tmp_path / "real"
    passwd(real, "a", "pw", "--cost", "1")
    link = tmp_path / "link"
    link.symlink_to(real)
    passwd(link, "b", "pw", "--cost", "1")
    assert link.is_symlink()
    assert "b:$y$" in real.read_text()


def test_delete(tmp_path):
    users = tmp_path / "users"
    users.write_text("# c\na:!\nb:!\na:dup\n")
    r = ag("delete", users, "a")
    assert r.returncode == 0
    assert users.read_text() == "# c\nb:!\n"
    r = ag("delete", users, "a")
    assert r.returncode == 1
    assert "no user 'a'" in r.stderr


@pytest.mark.parametrize("user,message", [
    ("a:b", "holds a ':'"), ("#x", "starts with '#'"), ("a b", "blanks"),
    ("", "empty"), ("x" * 257, "exceeds 256"),
])
def test_passwd_refuses_bad_user_names(tmp_path, user, message):
    r = ag("passwd", tmp_path / "u", user, "--stdin", stdin="pw\n")
    assert r.returncode == 1
    assert message in r.stderr
    assert not (tmp_path / "u").exists()


def test_passwd_refuses_empty_password_and_bad_roles(tmp_path):
    r = ag("passwd", tmp_path / "u", "a", "--stdin", stdin="\n")
    assert r.returncode == 1 and "empty" in r.stderr
    r = ag("passwd", tmp_path / "u", "a", "--stdin", "--roles", "a:b",
           stdin="pw\n")
    assert r.returncode == 1 and "--roles" in r.stderr
    assert not (tmp_path / "u").exists()


def run_on_tty(args, answers):
    """Run args on a pseudo-terminal, answer each prompt, return (exit
    status, everything the terminal showed)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(str(AUTHGATE), [str(AUTHGATE)] + [str(a) for a in args])
    shown = b""
    for answer in answers:
        while b": " not in shown.rsplit(b"\n", 1)[-1]:
            select.select([fd], [], [], 10)
            shown += os.read(fd, 1024)
        os.write(fd, answer.encode() + b"\n")
        shown += b"\n"
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode()


def test_prompt_twice_without_echo(tmp_path):
    users = tmp_path / "users"
    code, shown = run_on_tty(["passwd", users, "alice", "--cost", "1"],
                             ["s3cret-pw", "s3cret-pw"])
    assert code == 0, shown
    assert "New password:" in shown and "Repeat the password:" in shown
    assert "s3cret-pw" not in shown
    assert users.read_text().startswith("alice:$y$")


def test_prompt_mismatch_changes_nothing(tmp_path):
    users = tmp_path / "users"
    code, shown = run_on_tty(["passwd", users, "alice"], ["one", "two"])
    assert code == 1
    assert "differ" in shown
    assert not users.exists()


def test_no_terminal_no_stdin_is_refused(tmp_path):
    r = subprocess.run([str(AUTHGATE), "passwd", str(tmp_path / "u"), "a"],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, start_new_session=True)
    assert r.returncode == 1
    assert "--stdin" in r.stderr


def test_twenty_concurrent_writers_lose_no_line(tmp_path):
    users = tmp_path / "users"
    users.write_text("# keep me\n")
    tokens = tmp_path / "tokens"

    def one(i):
        a = ag("passwd", users, f"user{i}", "--stdin", "--cost", "1",
               stdin=f"pw{i}\n")
        b = ag("token", "issue", tokens, "--user", f"user{i}",
               "--id", f"t{i}", "--expires", "never")
        return a.returncode, b.returncode

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(one, range(20)))
    assert results == [(0, 0)] * 20
    lines = users.read_text().splitlines()
    assert lines[0] == "# keep me"
    assert sorted(l.split(":")[0] for l in lines[1:]) == \
        sorted(f"user{i}" for i in range(20))
    ids = [l.split(":")[0] for l in tokens.read_text().splitlines()
           if not l.startswith("#")]
    assert sorted(ids) == sorted(f"t{i}" for i in range(20))
    assert not [p for p in tmp_path.iterdir()
                if p.name not in ("users", "tokens")]


# -- tokens ---------------------------------------------------------------

def test_issued_token_works_at_once_and_stops_after_revoke(httpd):
    users = httpd.path("users")
    passwd(users, "alice", "pw", "--cost", "1", "--roles", "member")
    tokens = httpd.path("tokens")
    first = ag("token", "issue", tokens, "--user", "alice", "--id", "first")
    assert first.returncode == 0, first.stderr
    # new files are 0640 with httpd's group, so the server reads them as
    # they are (test_new_files_get_httpds_group_and_httpd_reads_them)
    httpd.page("api/index.html")
    httpd.start(area(httpd.docroot / "api", '"API"', users=users,
                     tokens=tokens, require="Require role member"))
    assert httpd.get("/api/", headers=bearer(
        first.stdout.strip())).status_code == 200

    r = ag("token", "issue", tokens, "--user", "alice", "--roles", "member",
           "--expires", "1d")
    assert r.returncode == 0, r.stderr
    token = r.stdout.strip()
    assert re.fullmatch(r"alice-[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43}", token)
    secret = token.split(".", 1)[1]
    assert secret not in tokens.read_text()
    assert wait_for(lambda: httpd.get("/api/", headers=bearer(token))
                 .status_code == 200)

    tid = token.split(".")[0]
    assert ag("token", "revoke", tokens, tid).returncode == 0
    # every child takes the new file on its own, within the reload
    # window: wait until ten requests in a row, to any child, see it
    assert wait_for(lambda: all(httpd.get("/api/", headers=bearer(token))
                                .status_code == 401 for _ in range(10)),
                    timeout=5)
    r = httpd.get("/api/", headers=bearer(token))
    assert challenges(r) == ['Basic realm="API", charset="UTF-8"',
                             'Bearer realm="API", error="invalid_token", '
                             'error_description="The access token was '
                             'revoked"']
    # the other token is untouched
    assert httpd.get("/api/", headers=bearer(
        first.stdout.strip())).status_code == 200


def test_token_list_shows_no_secret(tmp_path):
    tokens = tmp_path / "tokens"
    out = ag("token", "issue", tokens, "--user", "bob", "--id", "ci",
             "--roles", "deploy", "--expires", "2030-01-31").stdout.strip()
    ag("token", "issue", tokens, "--user", "bob", "--id", "old",
       "--expires", "never")
    ag("token", "revoke", tokens, "old")
    r = ag("token", "list", tokens)
    assert r.returncode == 0
    assert out.split(".")[1] not in r.stdout
    assert "sha256$" not in r.stdout
    rows = [l.split() for l in r.stdout.splitlines()]
    assert rows[0] == ["ID", "USER", "ROLES", "EXPIRES", "STATE"]
    assert ["ci", "bob", "deploy", "2030-01-31T00:00:00Z", "active"] in rows
    assert ["old", "bob", "*", "never", "revoked"] in rows


@pytest.mark.parametrize("args,message", [
    (["--expires", "yesterday"], "is not a duration"),
    (["--expires", "2001-01-01"], "in the past"),
    (["--id", "a.b"], "is not 1 to 64"),
    (["--roles", "a b"], "--roles"),
])
def test_token_issue_refuses_bad_values(tmp_path, args, message):
    r = ag("token", "issue", tmp_path / "t", "--user", "u", *args)
    assert r.returncode == 1
    assert message in r.stderr
    assert not (tmp_path / "t").exists()


def test_token_ids_are_unique_and_revoke_unknown_fails(tmp_path):
    t = tmp_path / "t"
    assert ag("token", "issue", t, "--user", "u", "--id", "x").returncode == 0
    r = ag("token", "issue", t, "--user", "u", "--id", "x")
    assert r.returncode == 1 and "exists already" in r.stderr
    r = ag("token", "revoke", t, "nope")
    assert r.returncode == 1 and "no token 'nope'" in r.stderr


def test_expires_durations(tmp_path):
    t = tmp_path / "t"
    now = time.time()
    for tid, spec, seconds in (("h", "12h", 12 * 3600),
                               ("d", "30d", 30 * 86400),
                               ("w", "2w", 14 * 86400)):
        ag("token", "issue", t, "--user", "u", "--id", tid, "--expires", spec)
        line = [l for l in t.read_text().splitlines()
                if l.startswith(tid + ":")][0]
        when = line.split(":", 4)[4].rsplit(":", 1)[0]
        stamp = time.mktime(time.strptime(when, "%Y-%m-%dT%H:%M:%SZ")) - \
            time.timezone
        assert abs(stamp - (now + seconds)) < 5


# -- check ------------------------------------------------------------------

GOOD_USERS = ("alice:$2y$10$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc"
              ":admin\nsvc:!\n")
GOOD_ROLES = "member: alice bob\n"


def test_check_good_files(open_dir):
    tmp_path = open_dir
    (tmp_path / "users").write_text(GOOD_USERS)
    (tmp_path / "roles").write_text(GOOD_ROLES)
    t = tmp_path / "tokens"
    ag("token", "issue", t, "--user", "bob", "--expires", "never")
    ag("token", "issue", t, "--user", "svc", "--expires", "never")
    r = ag("check", "--users", tmp_path / "users", "--roles",
           tmp_path / "roles", "--tokens", t, "--strict")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""


def test_check_bad_files(open_dir):
    tmp_path = open_dir
    u = tmp_path / "users"
    u.write_text("# users\n"
                 "alice:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\n"
                 "bob:plaintext\n"
                 "carol:abJnggxhB/yWI\n"
                 "dave:$zz$unknown\n"
                 "eve:$apr1$salt$hash\n"
                 "fay:$2y$05$abcdefghijabcdefghijabcdefghijabcdefghijabcdefg"
                 "hijabc\n"
                 "no colon here\n"
                 "alice:!\n")
    r_ = tmp_path / "roles"
    r_.write_text("admin: alice\nadmin: bob\n")
    t = tmp_path / "tokens"
    h = "sha256$" + "0" * 64
    t.write_text(f"a:{h}:alice:*:never:active\n"
                 f"b:{h}:mallory:*:never:active\n"
                 f"c:{h}:alice:*:2027-02-30T00:00:00Z:active\n"
                 f"d:{h}:alice:*:never:paused\n"
                 f"a:{h}:alice:*:never:active\n"
                 f"broken\n")
    r = ag("check", "--users", u, "--roles", r_, "--tokens", t)
    assert r.returncode == 1
    out = r.stdout.splitlines()
    expect = [
        (f"{u}:2: warning:", "{SHA}"),
        (f"{u}:3: error:", "plain text"),
        (f"{u}:4: error:", "DES"),
        (f"{u}:5: error:", "unknown hash format"),
        (f"{u}:6: warning:", "apr1"),
        (f"{u}:7: warning:", "bcrypt cost 5"),
        (f"{u}:8: error:", "unparseable"),
        (f"{u}:9: error:", "duplicate user 'alice'"),
        (f"{r_}:2: error:", "duplicate role 'admin'"),
        (f"{t}:2: error:", "'mallory' is in neither"),
        (f"{t}:3: error:", "expiry"),
        (f"{t}:4: error:", "state"),
        (f"{t}:5: error:", "duplicate token ID 'a'"),
        (f"{t}:6: error:", "unparseable"),
    ]
    for prefix, words in expect:
        assert any(l.startswith(prefix) and words in l for l in out), \
            (prefix, words, out)
    assert len(out) == len(expect), out


def test_check_validity_fields(open_dir):
    """UNTIL and STATE are judged by the module's own parser: a bad day or
    state is FILE:LINE: error, as it makes the module refuse the file;
    good ones pass --strict."""
    u = open_dir / "users"
    u.write_text("carol:$y$j9T$s$h:member:2027-06-30:\n"
                 "dave:$y$j9T$s$h:::disabled\n"
                 "erin:$y$j9T$s$h::2028-02-29:disabled\n"
                 "bad1:$y$j9T$s$h::2027-02-30:\n"
                 "bad2:$y$j9T$s$h::30.06.2027\n"
                 "bad3:$y$j9T$s$h:::Disabled\n"
                 "bad4:$y$j9T$s$h:::active\n"
                 "bad5:$y$j9T$s$h::2027-06-30:disabled:more\n")
    r = ag("check", "--users", u)
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout.splitlines()
    assert out == [
        f"{u}:4: error: unparseable line: UNTIL (the fourth field) is "
        "neither empty nor a date YYYY-MM-DD",
        f"{u}:5: error: unparseable line: UNTIL (the fourth field) is "
        "neither empty nor a date YYYY-MM-DD",
        f"{u}:6: error: unparseable line: STATE (the fifth field) is "
        "neither empty nor 'disabled'",
        f"{u}:7: error: unparseable line: STATE (the fifth field) is "
        "neither empty nor 'disabled'",
        f"{u}:8: error: unparseable line: more than five fields "
        "(NAME:HASH:ROLES:UNTIL:STATE)",
    ], out
    u.write_text("".join(u.read_text().splitlines(True)[:3]))
    r = ag("check", "--users", u, "--strict")
    assert r.returncode == 0 and r.stdout == "", r.stdout + r.stderr


def test_passwd_keeps_until_and_state(tmp_path):
    """A new password (and new roles) never brings an expired or disabled
    account back: UNTIL and STATE are kept as they stand."""
    users = tmp_path / "users"
    users.write_text("dave:$y$old:member:2027-06-30:disabled\n"
                     "erin:$y$old:::disabled\n"
                     "fay:$y$old::2027-06-30\n")
    passwd(users, "dave", "pw", "--cost", "1")
    passwd(users, "erin", "pw", "--cost", "1", "--roles", "ops")
    passwd(users, "fay", "pw", "--cost", "1", "--roles", "")
    lines = users.read_text().splitlines()
    assert re.fullmatch(r"dave:\$y\$[^:]+:member:2027-06-30:disabled",
                        lines[0]), lines
    assert re.fullmatch(r"erin:\$y\$[^:]+:ops::disabled", lines[1]), lines
    assert re.fullmatch(r"fay:\$y\$[^:]+::2027-06-30", lines[2]), lines
    passwd(users, "dave", "pw", "--cost", "1", "--roles", "")
    assert re.fullmatch(r"dave:\$y\$[^:]+::2027-06-30:disabled",
                        users.read_text().splitlines()[0])
    r = ag("check", "--users", users)
    assert r.returncode == 0, r.stdout


def test_check_strict_and_unreadable(open_dir):
    tmp_path = open_dir
    u = tmp_path / "users"
    u.write_text("eve:$apr1$salt$hash\n")
    assert ag("check", "--users", u).returncode == 0
    r = ag("check", "--users", u, "--strict")
    assert r.returncode == 1 and "apr1" in r.stdout
    r = ag("check", "--users", tmp_path / "missing")
    assert r.returncode == 2
    assert "cannot read" in r.stderr


# -- what the command trusts: links, kinds of file, groups ------------------

needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root to give "
                                "files and links to other users")
WWW = pwd.getpwnam("www-data")
HASH = "sha256$" + "0" * 64
PASSWD_LINES = ("root:x:0:0:root:/root:/bin/bash\n"
                "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
SHADOW_LINES = ("root:$y$j9T$abcdefghijklmnop$qrstuvwxyz0123456789ABCDEFG"
                "HIJKLMNOPQRS:19000:0:99999:7:::\n"
                "daemon:*:19000:0:99999:7:::\n")

# each command that writes, with the kind of file it needs and its
# arguments after FILE
WRITERS = {
    "passwd": ("root:!\nalice:!\n", ["passwd"], ["root", "--stdin",
                                                  "--cost", "1"]),
    "delete": ("root:!\nalice:!\n", ["delete"], ["alice"]),
    "token issue": (f"t:{HASH}:root:*:never:active\n", ["token", "issue"],
                    ["--user", "root", "--id", "new"]),
    "token revoke": (f"t:{HASH}:root:*:never:active\n",
                     ["token", "revoke"], ["t"]),
    "role add": ("root:!\nalice:!\n", ["role", "add"], ["root", "admin"]),
    "role remove": ("admin: root alice\n", ["role", "remove"],
                    ["root", "admin"]),
    "expire": ("root:!\nalice:!\n", ["expire"], ["root", "2030-01-31"]),
    "disable": ("root:!\nalice:!\n", ["disable"], ["root"]),
    "enable": ("root:!:::disabled\n", ["enable"], ["root"]),
}


def write_as(cmd, path, stdin="pw\n", env=None):
    _, before, after = WRITERS[cmd]
    return ag(*before, path, *after, stdin=stdin, env=env)


def www_site(base):
    """A directory that www-data owns, as a web site's often is."""
    site = base / "site"
    site.mkdir()
    os.chown(site, WWW.pw_uid, WWW.pw_gid)
    return site


def www_link(link, target):
    link.symlink_to(target)
    os.lchown(link, WWW.pw_uid, WWW.pw_gid)
    return link


@needs_root
@pytest.mark.parametrize("cmd", sorted(WRITERS))
def test_link_owned_by_another_user_is_not_followed(open_dir, cmd):
    target = open_dir / "real"            # a file of the right kind, root's
    target.write_text(WRITERS[cmd][0])
    site = www_site(open_dir)
    link = www_link(site / "file", target)
    before = target.read_bytes()
    r = write_as(cmd, link)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"{link} is a symbolic link owned by www-data" in r.stderr
    assert "Nothing was changed" in r.stderr
    assert target.read_bytes() == before
    assert link.is_symlink() and sorted(os.listdir(site)) == ["file"]


@needs_root
def test_passwd_and_delete_do_not_rewrite_a_linked_passwd_file(open_dir):
    """The report of issue 9: a link in a site's directory to a
    passwd-format file; root's line was rewritten, another removed."""
    target = open_dir / "passwd"
    target.write_text(PASSWD_LINES)
    link = www_link(www_site(open_dir) / "users", target)
    r = ag("passwd", link, "root", "--stdin", stdin="pw\n")
    assert r.returncode == 1 and str(link) in r.stderr
    r = ag("delete", link, "daemon")
    assert r.returncode == 1 and str(link) in r.stderr
    assert target.read_text() == PASSWD_LINES


@needs_root
def test_a_linked_directory_on_the_path_is_judged_too(open_dir):
    inner = open_dir / "private"
    inner.mkdir()
    (inner / "users").write_text("root:!\n")
    site = www_site(open_dir)
    www_link(site / "conf", inner)
    r = ag("passwd", site / "conf" / "users", "root", "--stdin",
           stdin="pw\n")
    assert r.returncode == 1
    assert f"{site / 'conf'} is a symbolic link owned by www-data" \
        in r.stderr
    assert (inner / "users").read_text() == "root:!\n"


@needs_root
def test_a_dangling_link_of_another_user_creates_nothing(open_dir):
    link = www_link(www_site(open_dir) / "tokens", open_dir / "made")
    r = ag("token", "issue", link, "--user", "root")
    assert r.returncode == 1 and "does not exist" in r.stderr
    assert not (open_dir / "made").exists() and link.is_symlink()


@needs_root
def test_links_of_root_or_of_the_targets_owner_are_followed(open_dir):
    site = www_site(open_dir)
    own = site / "users"                   # www-data's file and link
    own.write_text("a:!\n")
    os.chown(own, WWW.pw_uid, WWW.pw_gid)
    os.chmod(own, 0o600)
    link = www_link(site / "users-link", "users")
    passwd(link, "b", "pw", "--cost", "1")
    assert link.is_symlink() and "b:$y$" in own.read_text()
    st = own.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == \
        (WWW.pw_uid, WWW.pw_gid, 0o600)
    rootlink = open_dir / "root-link"      # root's link to www-data's file
    rootlink.symlink_to(own)
    passwd(rootlink, "c", "pw", "--cost", "1")
    assert "c:$y$" in own.read_text()


@pytest.mark.parametrize("cmd,text,line,why", [
    ("passwd", "# accounts\n" + PASSWD_LINES, 2,
     "not a user file: the line has the shape of a line of /etc/passwd"),
    ("delete", SHADOW_LINES, 1,
     "not a user file: the line has the shape of a line of /etc/shadow"),
    ("passwd", "root:x:0:\nsudo:x:27:alice\n", 1,
     "not a user file: the line has the shape of a line of /etc/group"),
    ("token issue", SHADOW_LINES, 1,
     "not a token file: the line has the shape of a line of /etc/shadow"),
    ("token revoke", PASSWD_LINES, 1,
     "not a token file: the line has the shape of a line of /etc/passwd"),
    ("token issue", "root:!\nalice:$y$abc:admin\n", 1,
     "not a token file: fewer than six"),
    ("passwd", f"# tokens\nt:{HASH}:root:*:never:active\n", 2,
     "not a user file: the line has more than five fields"),
    ("delete", "alice:!\nno colon\n", 2,
     "not a user file: no ':' after the user name"),
    ("role add", PASSWD_LINES, 1, "not a user or role file: the line has "
     "the shape of a line of /etc/passwd"),
    ("role remove", SHADOW_LINES, 1, "not a user or role file: the line "
     "has the shape of a line of /etc/shadow"),
    ("expire", "# accounts\n" + PASSWD_LINES, 2,
     "not a user file: the line has the shape of a line of /etc/passwd"),
    ("disable", SHADOW_LINES, 1,
     "not a user file: the line has the shape of a line of /etc/shadow"),
    ("enable", "root:x:0:\nsudo:x:27:alice\n", 1,
     "not a user file: the line has the shape of a line of /etc/group"),
    ("disable", "admin: root alice\n", 1, "not a user file: the line has "
     "the shape of a line of a role file"),
    ("passwd", "root:!:admin:2030-01-01:disabled:x\n", 1,
     "not a user file: the line has more than five fields"),
])
def test_a_file_of_another_kind_is_not_rewritten(tmp_path, cmd, text, line,
                                                  why):
    f = tmp_path / "file"
    f.write_text(text)
    r = write_as(cmd, f)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"authgate: {f}:{line}: {why}" in r.stderr
    assert f.read_text() == text
    assert os.listdir(tmp_path) == ["file"]


@needs_root
def test_new_files_get_httpds_group_and_httpd_reads_them(httpd):
    users = httpd.path("users")
    tokens = httpd.path("tokens")
    passwd(users, "alice", "pw", "--cost", "1", "--roles", "member")
    r = ag("token", "issue", tokens, "--user", "alice")
    assert r.returncode == 0, r.stderr
    for f in (users, tokens):
        st = f.stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == \
            (0, WWW.pw_gid, 0o640), f
    httpd.page("api/index.html")
    httpd.start(area(httpd.docroot / "api", '"API"', users=users,
                     tokens=tokens, require="Require role member"))
    assert httpd.get("/api/", auth=("alice", "pw")).status_code == 200
    assert httpd.get("/api/", headers=bearer(
        r.stdout.strip())).status_code == 200
    # an existing file keeps its group
    os.chown(users, 0, 0)
    passwd(users, "bob", "pw", "--cost", "1")
    assert users.stat().st_gid == 0


@needs_root
def test_new_file_group_from_envvars_or_authgate_group(open_dir):
    conf = open_dir / "conf"
    conf.mkdir()
    env = {"APACHE_CONFDIR": str(conf)}
    envvars = conf / "envvars"
    gid = {n: grp.getgrnam(n).gr_gid for n in ("daemon", "nogroup", "root")}

    def new_file(name, extra=None):
        r = ag("passwd", open_dir / name, "a", "--stdin", "--cost", "1",
               stdin="pw\n", env=dict(env, **(extra or {})))
        return r, (open_dir / name)

    envvars.write_text("unset HOME\n"
                       "export APACHE_RUN_USER=daemon\n"
                       "export APACHE_RUN_GROUP='nogroup'  # the group\n")
    r, f = new_file("one")
    assert r.returncode == 0, r.stderr
    assert f.stat().st_gid == gid["nogroup"]
    # no APACHE_RUN_GROUP: the user's primary group
    envvars.write_text("export APACHE_RUN_USER=daemon\n")
    assert new_file("two")[1].stat().st_gid == gid["daemon"]
    # envvars is read, never run: a value that needs the shell is not
    # used, and nothing in it is executed
    marker = open_dir / "ran"
    envvars.write_text("export APACHE_RUN_USER=daemon\n"
                       f"export APACHE_RUN_GROUP=$(touch {marker})\n"
                       f"APACHE_RUN_GROUP=`touch {marker}`\n")
    assert new_file("three")[1].stat().st_gid == gid["daemon"]
    assert not marker.exists()
    # AUTHGATE_GROUP overrides, by name or number; an unknown one refuses
    assert new_file("four", {"AUTHGATE_GROUP": "root"})[1] \
        .stat().st_gid == gid["root"]
    assert new_file("five", {"AUTHGATE_GROUP": str(gid["nogroup"])})[1] \
        .stat().st_gid == gid["nogroup"]
    r, f = new_file("six", {"AUTHGATE_GROUP": "no-such-group"})
    assert r.returncode == 1 and "AUTHGATE_GROUP" in r.stderr
    assert not f.exists()


@needs_root
def test_check_warns_when_httpds_user_cannot_read(open_dir):
    closed = open_dir / "closed"
    closed.mkdir(mode=0o700)
    hidden = closed / "users"
    hidden.write_text(GOOD_USERS)
    r = ag("check", "--users", hidden)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == (f"{hidden}:0: warning: httpd's user www-data (group "
                        f"www-data) cannot search the directory {closed} "
                        "(mode 0700, owner root, group root), so the module "
                        "cannot use this file\n")
    assert ag("check", "--users", hidden, "--strict").returncode == 1

    tokens = open_dir / "tokens"
    tokens.write_text(f"t:{HASH}:alice:*:never:active\n")
    os.chmod(tokens, 0o600)
    r = ag("check", "--tokens", tokens)
    assert r.returncode == 0
    assert r.stdout.startswith(f"{tokens}:0: warning: httpd's user "
                               "www-data (group www-data) cannot read it "
                               "(mode 0600, owner root, group root)")
    # the group's bits count for a member of the group ...
    os.chown(tokens, 0, WWW.pw_gid)
    os.chmod(tokens, 0o640)
    assert ag("check", "--tokens", tokens, "--strict").stdout == ""
    # ... and only the owner's bits for the owner, as in the kernel
    os.chown(tokens, WWW.pw_uid, 0)
    os.chmod(tokens, 0o044)
    assert "cannot read it" in ag("check", "--tokens", tokens).stdout
    # a user given by AUTHGATE_USER
    r = ag("check", "--users", hidden, "--strict",
           env={"AUTHGATE_USER": "root"})
    assert r.returncode == 0 and r.stdout == ""
    r = ag("check", "--users", hidden, env={"AUTHGATE_USER": "nobody-here"})
    assert r.returncode == 1 and "AUTHGATE_USER" in r.stderr


def test_passwd_refuses_a_nul_byte_in_the_password(tmp_path):
    users = tmp_path / "users"
    passwd(users, "alice", "first", "--cost", "1")
    before = users.read_text()
    r = ag("passwd", users, "alice", "--stdin", stdin="ab\0cd\n")
    assert r.returncode == 1
    assert "NUL byte" in r.stderr
    assert users.read_text() == before
    r = ag("passwd", tmp_path / "new", "bob", "--stdin", stdin="\0\n")
    assert r.returncode == 1 and "NUL byte" in r.stderr
    assert not (tmp_path / "new").exists()


# -- usage ------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["--help"], ["passwd", "--help"], ["delete", "--help"],
    ["token", "--help"], ["token", "issue", "--help"], ["check", "--help"],
    ["users", "--help"], ["role", "--help"], ["role", "add", "--help"],
    ["expire", "--help"], ["disable", "--help"], ["enable", "--help"],
    ["secret", "--help"],
])
def test_help_everywhere(args):
    r = ag(*args)
    assert r.returncode == 0
    assert r.stdout.startswith("usage: authgate")


@pytest.mark.parametrize("args", [
    [], ["frobnicate"], ["passwd"], ["passwd", "f"], ["passwd", "f", "u",
                                                       "--nope"],
    ["delete", "f"], ["token"], ["token", "issue", "f"],
    ["token", "burn", "f"], ["check"], ["check", "--users"],
    ["users"], ["users", "f", "--nope"], ["role"], ["role", "add", "f", "u"],
    ["role", "grant", "f", "u", "r"], ["role", "add", "f", "u", "r",
                                      "--kind", "token"],
    ["expire", "f", "u"], ["disable", "f"], ["enable", "f", "u", "x"],
    ["delete", "f", "u", "--revoke-tokens"], ["--version", "x"],
])
def test_usage_errors(args):
    r = ag(*args)
    assert r.returncode == 64
    assert "usage: authgate" in r.stderr or "authgate:" in r.stderr
