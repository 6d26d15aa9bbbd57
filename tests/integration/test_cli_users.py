"""The authgate commands that list users and edit their roles and validity
(users, role add/remove, expire, disable, enable, delete --tokens,
--version), run as built on temporary files and against a running httpd."""

import json
import os
import re
import stat
import subprocess
import threading
import time

import pytest

from agsite import standard_site
from conftest import IS_ROOT, ROOT, area, start_stock_basic, wait_for
from test_cli import WWW, ag, passwd
from tokensite import bearer

BCRYPT = "$2y$05$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc"


def ok(*args, **kw):
    r = ag(*args, **kw)
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def htpasswd_verifies(path, user, password):
    return subprocess.run(["htpasswd", "-vb", str(path), user, password],
                          capture_output=True).returncode == 0


# -- version and help ----------------------------------------------------

def test_version_comes_from_ag_version_h():
    header = (ROOT / "include" / "ag_version.h").read_text()
    version = re.search(r'#define AUTHGATE_VERSION "([^"]+)"', header)[1]
    for flag in ("--version", "version", "-V"):
        r = ok(flag)
        assert r.stdout == f"authgate {version}\n" and r.stderr == ""


def test_help_lists_every_command():
    out = ok("--help").stdout
    for cmd in ("passwd", "delete", "users", "role add|remove", "expire",
                "disable", "enable", "token issue", "token revoke",
                "token list", "check", "secret", "--version"):
        assert f"authgate {cmd}" in out, cmd


# -- users ---------------------------------------------------------------

def test_users_lists_roles_validity_hash_kind_and_tokens(tmp_path):
    users = tmp_path / "users"
    users.write_text(
        "# team\n"
        f"alice:{BCRYPT}:member, editor\n"
        "bob:$y$j9T$salt$hash:::disabled\n"
        "carol:$apr1$x$y:member:2001-01-31\n"
        "dave:!::2999-12-31\n"
        "erin:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=:::paused\n"
        "alice:!:root\n")                       # ignored duplicate
    roles = tmp_path / "roles"
    roles.write_text("admin: alice zed\nmember: bob\neditor: alice\n")
    tokens = tmp_path / "tokens"
    for args in (["--user", "alice"], ["--user", "alice"],
                 ["--user", "zed", "--id", "z1"],
                 ["--user", "bob", "--id", "b1"]):
        ok("token", "issue", tokens, *args, "--expires", "never")
    ok("token", "revoke", tokens, "b1")
    r = ok("users", users, "--roles", roles, "--tokens", tokens)
    assert r.stdout == (
        "USER\tROLES\tUNTIL\tSTATE\tHASH\tTOKENS\n"
        "alice\tadmin,editor,member\t-\tactive\tbcrypt\t2\n"
        "bob\tmember\t-\tdisabled\tyescrypt\t0\n"
        "carol\tmember\t2001-01-31\texpired\tapr1-md5\t0\n"
        "dave\t-\t2999-12-31\tactive\tno-password\t0\n"
        "erin\t-\t-\tinvalid\tsha1\t0\n"
        "zed\tadmin\t-\tactive\t-\t1\n")
    # never a hash, whatever the options
    for out in (r.stdout, ok("users", users, "--json").stdout):
        assert "$2y$" not in out and "$apr1$" not in out and "{SHA}" \
            not in out and "sha256$" not in out
    data = json.loads(ok("users", users, "--roles", roles, "--tokens",
                         tokens, "--json").stdout)
    assert data[0] == {"user": "alice", "roles": ["admin", "editor",
                                                  "member"],
                       "until": None, "state": "active", "hash": "bcrypt",
                       "in_user_file": True, "tokens": 2}
    assert data[-1] == {"user": "zed", "roles": ["admin"], "until": None,
                        "state": "active", "hash": None,
                        "in_user_file": False, "tokens": 1}
    # without --roles and --tokens: the user file alone, no TOKENS column
    lines = ok("users", users).stdout.splitlines()
    assert lines[0] == "USER\tROLES\tUNTIL\tSTATE\tHASH"
    assert lines[1] == "alice\teditor,member\t-\tactive\tbcrypt"
    assert len(lines) == 6


def test_users_escapes_tabs_and_backslashes(tmp_path):
    users = tmp_path / "users"
    users.write_text("we\tird\\name:!\n")
    r = ok("users", users)
    assert r.stdout.splitlines()[1] == "we\\tird\\\\name\t-\t-\tactive\t" \
        "no-password"
    assert json.loads(ok("users", users, "--json").stdout)[0]["user"] == \
        "we\tird\\name"


def test_users_output_holds_no_c1_control(tmp_path):
    """The line reader refuses C0 controls (ESC) but takes any UTF-8, so
    a user or role named with U+009B (CSI: ESC [ to a terminal that obeys
    8-bit controls) or another C1 control reaches the file: the listing
    must not write it to the terminal as it is."""
    users = tmp_path / "users"
    roles = tmp_path / "roles"
    users.write_text("ev\u009b2Jil:!:r\u0085x\n")
    roles.write_text("adm\u009d0;t\u0007in: ev\u009b2Jil\n".replace(
        "\u0007", ""))
    r = ag("users", users, "--roles", roles)
    assert r.returncode == 0, r.stderr
    assert not re.search("[\u0080-\u009f]", r.stdout), repr(r.stdout)
    line = r.stdout.splitlines()[1]
    assert line.startswith("ev\\u009b2Jil\t"), repr(line)
    assert "adm\\u009d0;tin" in line and "r\\u0085x" in line
    # --json keeps the exact name, as an escape
    out = ok("users", users, "--roles", roles, "--json").stdout
    assert not re.search("[\u0080-\u009f]", out), repr(out)
    assert json.loads(out)[0]["user"] == "ev\u009b2Jil"


def test_users_refuses_files_of_another_kind(tmp_path):
    (tmp_path / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "users").write_text("alice:!\n")
    r = ag("users", tmp_path / "passwd")
    assert r.returncode == 1 and "/etc/passwd" in r.stderr
    assert r.stdout == ""
    # a user file given as the role file
    r = ag("users", tmp_path / "users", "--roles", tmp_path / "users")
    assert r.returncode == 1 and "not a role file" in r.stderr
    assert ag("users", tmp_path / "missing").returncode == 2


# -- role add / remove: user file ------------------------------------------

def test_role_edits_in_the_user_file_keep_every_other_field(tmp_path):
    users = tmp_path / "users"
    users.write_text("# c\n"
                     f"alice:{BCRYPT}:member, ops:2030-01-31:disabled\r\n"
                     f"bob:{BCRYPT}\n")
    r = ok("role", "add", users, "alice", "admin,ops")
    assert "added role admin for alice" in r.stdout
    assert "alice has role ops in" in r.stdout and "already" in r.stdout
    assert users.read_bytes().decode() == (
        "# c\n"
        f"alice:{BCRYPT}:member, ops,admin:2030-01-31:disabled\r\n"
        f"bob:{BCRYPT}\n")
    ok("role", "remove", users, "alice", "member,ops,admin")
    assert users.read_text().splitlines()[1] == \
        f"alice:{BCRYPT}::2030-01-31:disabled"
    ok("role", "add", users, "bob", "admin")
    assert users.read_text().splitlines()[2] == f"bob:{BCRYPT}:admin"
    ok("role", "remove", users, "bob", "admin")
    # a plain htpasswd line again, trailing empty fields dropped
    assert users.read_text().splitlines()[2] == f"bob:{BCRYPT}"


def test_role_edits_are_idempotent_and_need_the_user(tmp_path):
    users = tmp_path / "users"
    users.write_text(f"alice:{BCRYPT}:member\n")
    before = users.read_bytes()
    mtime = users.stat().st_mtime_ns
    time.sleep(0.01)
    r = ok("role", "add", users, "alice", "member")
    assert r.stdout == f"alice has role member in {users} already\n"
    r = ok("role", "remove", users, "alice", "admin")
    assert r.stdout == f"alice does not have role admin in {users}\n"
    assert users.read_bytes() == before
    assert users.stat().st_mtime_ns == mtime        # not rewritten
    r = ag("role", "add", users, "nobody", "member")
    assert r.returncode == 1 and "no user 'nobody'" in r.stderr
    assert users.read_bytes() == before


@pytest.mark.parametrize("roles,why", [
    ("#admin", "starts with '#'"), ("a b", "blank"), ("a:b", "':'"),
    ("a,,b", "empty"), ("", "empty"), ("a\tb", "blank"),
])
def test_bad_role_names_are_refused(tmp_path, roles, why):
    for text in (f"alice:{BCRYPT}\n", "admin: alice\n"):
        f = tmp_path / "f"
        f.write_text(text)
        for op in ("add", "remove"):
            r = ag("role", op, f, "alice", roles)
            assert r.returncode == 1 and why in r.stderr, r.stderr
            assert f.read_text() == text


def test_htpasswd_and_mod_authn_file_still_read_the_user_file(httpd):
    users = httpd.path("users")
    subprocess.run(["htpasswd", "-cbB", "-C", "5", str(users), "bob",
                    "builder"], check=True, capture_output=True)
    original = users.read_text()
    roles = httpd.path("roles")
    roles.write_text("ops: carol\n")
    # roles kept in the role file: the user file stays as htpasswd made it
    ok("role", "add", roles, "bob", "admin,ops")
    assert roles.read_text() == "ops: carol bob\nadmin: bob\n"
    assert users.read_text() == original
    assert htpasswd_verifies(users, "bob", "builder")
    # in the user file: a round trip gives htpasswd's line back
    ok("role", "add", users, "bob", "member")
    ok("role", "remove", users, "bob", "member")
    ok("disable", users, "bob")
    ok("enable", users, "bob")
    ok("expire", users, "bob", "2999-01-01")
    ok("expire", users, "bob", "never")
    assert users.read_text() == original
    assert htpasswd_verifies(users, "bob", "builder")
    assert not htpasswd_verifies(users, "bob", "nope")
    # mod_authn_file reads only NAME:HASH, whatever follows
    ok("role", "add", users, "bob", "member")
    ok("expire", users, "bob", "2999-01-01")
    assert users.read_text().startswith("bob:$2y$05$")
    assert users.read_text().endswith(":member:2999-01-01\n")
    start_stock_basic(httpd, users)
    assert httpd.get("/b/", auth=("bob", "builder")).status_code == 200
    assert httpd.get("/b/", auth=("bob", "x")).status_code == 401


# -- role add / remove: role file -------------------------------------------

def test_role_file_edits(tmp_path):
    roles = tmp_path / "roles"
    roles.write_text("# roles\nadmin: alice\r\nmember:\talice  bob \n")
    ok("role", "add", roles, "carol", "member,admin,ops")
    assert roles.read_bytes().decode() == (
        "# roles\nadmin: alice carol\r\nmember:\talice  bob carol\n"
        "ops: carol\n")
    ok("role", "remove", roles, "alice", "admin,member")
    assert roles.read_bytes().decode() == ("# roles\nadmin: carol\r\n"
                                           "member: bob carol\n"
                                           "ops: carol\n")
    # an emptied role line goes
    ok("role", "remove", roles, "carol", "admin,ops")
    assert roles.read_text() == "# roles\nmember: bob carol\n"
    r = ok("role", "remove", roles, "carol", "ops")
    assert "does not have role ops" in r.stdout


def test_role_remove_leaves_no_duplicate_line_in_force(tmp_path):
    """The module reads the first line of a role and ignores later ones:
    taking a user off must not let a later line decide instead."""
    roles = tmp_path / "roles"
    roles.write_text("admin: alice\nadmin: mallory alice\n")
    r = ok("role", "remove", roles, "alice", "admin")
    # alice is off both lines; the first stays, empty, so mallory (on the
    # ignored line) is not made an admin
    assert roles.read_text() == "admin:\nadmin: mallory\n"
    assert "more than one line" in r.stderr
    (tmp_path / "u").write_text("mallory:!\n")
    listing = ok("users", tmp_path / "u", "--roles", roles).stdout
    assert "mallory\t-\t" in listing


def test_kind_is_told_from_the_lines_or_given(tmp_path):
    f = tmp_path / "f"
    f.write_text("admin:alice\n")            # could be either
    r = ag("role", "add", f, "bob", "admin")
    assert r.returncode == 1 and "--kind user or --kind role" in r.stderr
    assert f.read_text() == "admin:alice\n"
    ok("role", "add", f, "bob", "admin", "--kind", "role")
    assert f.read_text() == "admin:alice bob\n"
    # a user file is refused as a role file and the other way round
    users = tmp_path / "users"
    users.write_text(f"alice:{BCRYPT}\n")
    r = ag("role", "add", users, "alice", "x", "--kind", "role")
    assert r.returncode == 1 and "not a role file" in r.stderr
    roles = tmp_path / "roles"
    roles.write_text("x: alice\n")
    r = ag("role", "add", roles, "x", "y", "--kind", "user")
    assert r.returncode == 1 and "not a user file" in r.stderr
    # lines of both kinds: neither
    mixed = tmp_path / "mixed"
    mixed.write_text(f"alice:{BCRYPT}\nadmin: alice\n")
    r = ag("role", "add", mixed, "alice", "x")
    assert r.returncode == 1 and "neither a user file nor a role file" \
        in r.stderr
    assert users.read_text() == f"alice:{BCRYPT}\n"
    assert roles.read_text() == "x: alice\n"
    assert mixed.read_text() == f"alice:{BCRYPT}\nadmin: alice\n"


def test_a_missing_role_file_is_created_only_when_asked(tmp_path):
    roles = tmp_path / "roles"
    r = ag("role", "add", roles, "alice", "admin")
    assert r.returncode == 1 and "--kind role" in r.stderr
    assert not roles.exists()
    ok("role", "add", roles, "alice", "admin", "--kind", "role")
    assert roles.read_text() == "admin: alice\n"
    assert stat.S_IMODE(roles.stat().st_mode) == 0o640
    if IS_ROOT:
        assert roles.stat().st_gid == WWW.pw_gid


# -- expire, disable, enable ---------------------------------------------

def test_expire_disable_enable(tmp_path):
    users = tmp_path / "users"
    users.write_text(f"alice:{BCRYPT}\nbob:{BCRYPT}:member\n")
    ok("expire", users, "alice", "2030-02-28")
    ok("disable", users, "bob")
    assert users.read_text() == (f"alice:{BCRYPT}::2030-02-28\n"
                                 f"bob:{BCRYPT}:member::disabled\n")
    ok("disable", users, "alice")
    ok("expire", users, "bob", "2031-01-01")
    assert users.read_text() == (f"alice:{BCRYPT}::2030-02-28:disabled\n"
                                 f"bob:{BCRYPT}:member:2031-01-01:disabled\n")
    assert ok("disable", users, "alice").stdout == \
        "alice is disabled already\n"
    assert ok("expire", users, "alice", "2030-02-28").stdout == \
        "alice works until 2030-02-28 already\n"
    # a new password keeps roles, UNTIL and STATE
    passwd(users, "bob", "pw", "--cost", "1")
    assert re.fullmatch(r"bob:\$y\$[^:]+:member:2031-01-01:disabled",
                        users.read_text().splitlines()[1])
    passwd(users, "bob", "pw", "--cost", "1", "--roles", "")
    assert re.fullmatch(r"bob:\$y\$[^:]+::2031-01-01:disabled",
                        users.read_text().splitlines()[1])
    ok("enable", users, "alice")
    ok("expire", users, "alice", "never")
    ok("enable", users, "bob")
    ok("expire", users, "bob", "never")
    assert users.read_text().splitlines()[0] == f"alice:{BCRYPT}"
    assert re.fullmatch(r"bob:\$y\$[^:]+", users.read_text().splitlines()[1])
    assert ok("enable", users, "alice").stdout == "alice is enabled already\n"


def test_expire_refuses_bad_dates_and_warns_of_past_ones(tmp_path):
    users = tmp_path / "users"
    users.write_text("alice:!\n")
    for bad in ("2030-02-30", "2030-2-1", "30d", "1969-12-31",
                "2030-01-01T00:00:00Z", "tomorrow", ""):
        r = ag("expire", users, "alice", bad)
        assert r.returncode == 1 and "is not a date" in r.stderr, bad
    assert users.read_text() == "alice:!\n"
    r = ok("expire", users, "alice", "2001-01-01")
    assert "has passed" in r.stderr
    assert users.read_text() == "alice:!::2001-01-01\n"
    r = ok("users", users)
    assert "alice\t-\t2001-01-01\texpired\tno-password" in r.stdout
    for cmd in (["expire", users, "bob", "never"], ["disable", users, "bob"],
                ["enable", users, "bob"]):
        r = ag(*cmd)
        assert r.returncode == 1 and "no user 'bob'" in r.stderr


def test_new_commands_keep_mode_and_owner(tmp_path):
    users = tmp_path / "users"
    users.write_text("alice:!\n")
    roles = tmp_path / "roles"
    roles.write_text("admin: alice\n")
    for f in (users, roles):
        os.chmod(f, 0o604)
        if IS_ROOT:
            os.chown(f, WWW.pw_uid, WWW.pw_gid)
    for cmd in (["role", "add", users, "alice", "x"],
                ["role", "add", roles, "bob", "admin"],
                ["role", "remove", roles, "alice", "admin"],
                ["expire", users, "alice", "2030-01-01"],
                ["disable", users, "alice"], ["enable", users, "alice"],
                ["role", "remove", users, "alice", "x"]):
        ok(*cmd)
        for f in (users, roles):
            st = f.stat()
            assert stat.S_IMODE(st.st_mode) == 0o604
            if IS_ROOT:
                assert (st.st_uid, st.st_gid) == (WWW.pw_uid, WWW.pw_gid)
    assert sorted(os.listdir(tmp_path)) == ["roles", "users"]


# -- with a running httpd ---------------------------------------------------

def test_httpd_follows_roles_added_and_removed(httpd):
    standard_site(httpd)
    users, roles = httpd.path("users"), httpd.path("roles")
    bob, carol = ("bob", "builder"), ("carol", "singer")

    def admin(who):
        return httpd.get("/admin/", auth=who).status_code

    assert admin(bob) == 403 and admin(carol) == 403
    # the role file
    ok("role", "add", roles, "bob", "admin")
    assert wait_for(lambda: all(admin(bob) == 200 for _ in range(6)))
    ok("role", "remove", roles, "bob", "admin")
    assert wait_for(lambda: all(admin(bob) == 403 for _ in range(6)))
    assert "admin" not in roles.read_text()
    # the user file, whose line htpasswd made
    line = [l for l in users.read_text().splitlines()
            if l.startswith("carol:")][0]
    ok("role", "add", users, "carol", "admin")
    assert wait_for(lambda: all(admin(carol) == 200 for _ in range(6)))
    assert htpasswd_verifies(users, "bob", "builder")
    ok("role", "remove", users, "carol", "admin")
    assert wait_for(lambda: all(admin(carol) == 403 for _ in range(6)))
    assert line in users.read_text().splitlines()
    assert htpasswd_verifies(users, "carol", "singer")
    # alice, untouched all along
    assert httpd.get("/admin/", auth=("alice", "wonderland")).status_code \
        == 200


def test_rewrites_are_atomic_for_readers_and_httpd(httpd):
    """A reader that reads the user file over and over while the command
    rewrites it sees only whole files; httpd never refuses the user at its
    end.  The filler makes each write large enough to be caught half
    done, were it done in place."""
    users = httpd.path("users")
    filler = "".join(f"filler{i:05d}:!:ops\n" for i in range(4000))
    users.write_text("# head\n" + filler)
    os.chmod(users, 0o644)
    passwd(users, "zed", "pw", "--cost", "1", "--roles", "member")
    httpd.page("m/index.html")
    httpd.start(area(httpd.docroot / "m", "M", users=users,
                     require="Require role member"))
    assert httpd.get("/m/", auth=("zed", "pw")).status_code == 200
    stop = threading.Event()
    reads, statuses, bad = [0], [], []

    def reader():
        while not stop.is_set():
            data = users.read_bytes()
            reads[0] += 1
            lines = data.split(b"\n")
            if not (data.startswith(b"# head\n") and data.endswith(b"\n")
                    and len(lines) == 4003
                    and lines[-2].startswith(b"zed:")):
                bad.append(data[-80:])

    def client():
        while not stop.is_set():
            statuses.append(httpd.get("/m/", auth=("zed", "pw"))
                            .status_code)

    workers = [threading.Thread(target=reader)] + \
        [threading.Thread(target=client) for _ in range(2)]
    for w in workers:
        w.start()
    try:
        for i in range(15):
            ok("role", "add", users, "zed", f"extra{i}")
            ok("role", "add", users, f"filler{i * 7:05d}", "member")
            ok("role", "remove", users, "zed", f"extra{i}")
            ok("role", "remove", users, f"filler{i * 7:05d}", "member")
    finally:
        stop.set()
        for w in workers:
            w.join()
    assert reads[0] > 50 and len(statuses) > 20
    assert bad == []
    assert set(statuses) == {200}
    assert users.read_text() == "# head\n" + filler + \
        users.read_text().splitlines()[-1] + "\n"


def test_delete_warns_of_active_tokens_and_revokes_them(httpd):
    users, roles = httpd.path("users"), httpd.path("roles")
    tokens = httpd.path("tokens")
    token = ok("token", "issue", tokens, "--user", "bob", "--id", "bob1",
               "--expires", "never").stdout.strip()
    ok("token", "issue", tokens, "--user", "bob", "--id", "bob2",
       "--expires", "never")
    ok("token", "revoke", tokens, "bob2")
    httpd.page("api/index.html")
    standard_site(httpd, extra=area(httpd.docroot / "api", '"API"',
                                    users=users, roles=roles, tokens=tokens,
                                    require="Require role member"))

    def api():
        return httpd.get("/api/", headers=bearer(token)).status_code

    assert api() == 200
    # without --tokens no token file is looked at
    r = ok("delete", users, "bob")
    assert r.stderr == ""
    passwd(users, "bob", "builder", "--cost", "1")
    r = ok("delete", users, "bob", "--tokens", tokens)
    assert "warning: bob still has 1 active token" in r.stderr
    assert "bob1" in r.stderr and "bob2" not in r.stderr
    # the way out it names works now that bob is gone (delete
    # --revoke-tokens would say there is no user bob)
    assert f"authgate token revoke {tokens} ID" in r.stderr
    assert token.split(".")[1] not in r.stdout + r.stderr
    # the warning is right: the role file still names bob, so the token
    # still works with bob gone from the user file
    time.sleep(2.5)
    assert api() == 200
    passwd(users, "bob", "builder", "--cost", "1")
    r = ok("delete", users, "bob", "--tokens", tokens, "--revoke-tokens")
    assert "revoked 1 token of bob" in r.stdout and "bob1" in r.stdout
    assert wait_for(lambda: all(api() == 401 for _ in range(6)))
    assert "bob1:" in tokens.read_text() and ":revoked" in \
        [l for l in tokens.read_text().splitlines()
         if l.startswith("bob1:")][0]
    # no active token left: no warning
    passwd(users, "bob", "builder", "--cost", "1")
    assert ok("delete", users, "bob", "--tokens", tokens).stderr == ""


def test_httpd_never_sees_an_ignored_role_line_come_into_force(httpd):
    """Taking carol off a role whose first line names only her must not
    make the ignored second line, which names bob, the one in force."""
    standard_site(httpd)
    roles = httpd.path("roles")
    httpd.write("roles", "member: alice bob\nops: carol\nops: bob\n")
    bob, carol = ("bob", "builder"), ("carol", "singer")
    assert wait_for(lambda: httpd.get("/ops/", auth=carol).status_code
                    == 200)
    assert httpd.get("/ops/", auth=bob).status_code == 403
    ok("role", "remove", roles, "carol", "ops")
    assert wait_for(lambda: all(httpd.get("/ops/", auth=carol).status_code
                                == 403 for _ in range(6)))
    assert [httpd.get("/ops/", auth=bob).status_code
            for _ in range(10)] == [403] * 10
    assert roles.read_text() == "member: alice bob\nops:\nops: bob\n"
