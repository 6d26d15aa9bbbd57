"""conf/site-example.conf, the Debian site the README's Configuration
section shows, served by a real httpd with its files made the way the
README says: /etc/authgate root:www-data 0750, the user and role files
root:www-data 0640 (authgate passwd, htpasswd -B -C 12), the secret
root:root 0600 (authgate secret)."""

import grp
import os
import re
import stat
import subprocess

from conftest import AUTHGATE, IS_ROOT, ROOT


def moved(h, text):
    """The site with its paths moved into the test directory."""
    return (text.replace("*:80", f"*:{h.port}")
            .replace("/var/www/example", str(h.docroot))
            .replace("/etc/authgate", str(h.path("etc"))))


def authgate(*args, stdin=None):
    return subprocess.run([str(AUTHGATE), *args], input=stdin,
                          capture_output=True, text=True)


def owner(path):
    st = os.stat(path)
    return st.st_uid, grp.getgrgid(st.st_gid).gr_name, \
        stat.S_IMODE(st.st_mode)


def make_files(h):
    """The README's commands, run against the test's own /etc/authgate."""
    etc = h.path("etc")
    subprocess.run(["install", "-d", "-o", "root", "-g", "www-data",
                    "-m", "0750", str(etc)], check=True)
    users, roles, secret = etc / "users", etc / "roles", etc / "secret"
    for user, password, role in (("alice", "wonderland", "admin"),
                                 ("bob", "builder", "member")):
        r = authgate("passwd", str(users), user, "--roles", role, "--stdin",
                     stdin=password + "\n")
        assert r.returncode == 0, r.stderr
    # a user added with stock htpasswd at the cost the README gives; the
    # line it writes has no roles field, so carol's role is in the role
    # file
    subprocess.run(["htpasswd", "-b", "-B", "-C", "12", str(users),
                    "carol", "singer"], check=True, capture_output=True)
    roles.write_text("member: carol\n")
    os.chown(roles, 0, grp.getgrnam("www-data").gr_gid)
    os.chmod(roles, 0o640)
    r = authgate("secret", str(secret))
    assert r.returncode == 0, r.stderr
    return users, roles, secret


def unexpected(h, text):
    """Error-level lines of a log that the test did not expect."""
    return [line for line in text.splitlines()
            if re.search(r":(error|crit|alert|emerg)\]", line)
            and not any(re.search(p, line) for p in h.allowed_errors)]


def test_the_debian_site_example_works_as_documented(httpd):
    assert IS_ROOT, "the README's ownership needs root (as make check runs)"
    users, roles, secret = make_files(httpd)
    # what authgate creates, and what htpasswd keeps when it rewrites
    assert owner(users) == (0, "www-data", 0o640)
    assert owner(roles) == (0, "www-data", 0o640)
    assert owner(secret) == (0, "root", 0o600)
    assert owner(httpd.path("etc")) == (0, "www-data", 0o750)
    r = authgate("check", "--users", str(users), "--roles", str(roles))
    assert r.returncode == 0 and "warning" not in r.stdout + r.stderr, \
        r.stdout + r.stderr

    site = (ROOT / "conf/site-example.conf").read_text()
    assert not re.search(r"^\s*LoadModule", site, re.M)
    for d in ("members", "admin"):
        httpd.page(d + "/index.html", d + "\n")
    logs = httpd.path("logs")
    # the main server's part, as Debian's apache2.conf and
    # mods-available/authgate.conf have it (APACHE_LOG_DIR comes from
    # /etc/apache2/envvars there)
    httpd.start(f"Define APACHE_LOG_DIR {logs}\n"
                'LogFormat "%h %l %u %t \\"%r\\" %>s %O" combined\n'
                f"AuthGateSecretFile {secret}\n" + moved(httpd, site))

    cases = [
        ("/", None, 200),
        ("/members/", None, 401),
        ("/members/", ("bob", "builder"), 200),
        ("/members/", ("alice", "wonderland"), 200),
        ("/members/", ("carol", "singer"), 200),
        ("/members/", ("bob", "wrong"), 401),
        ("/admin/", ("alice", "wonderland"), 200),
        ("/admin/", ("bob", "builder"), 403),
        ("/admin/", ("carol", "singer"), 403),
    ]
    for path, auth, status in cases:
        assert httpd.get(path, auth=auth).status_code == status, \
            (path, auth)
    r = httpd.get("/admin/", auth=("bob", "builder"),
                  headers={"Accept": "application/json"})
    assert r.json()["required_roles"] == "admin"      # AuthGateShowRoles

    # the secret is root's alone: no warning about it
    assert "AG00512" not in httpd.error_log()
    # the refusals are logged in the site's own *error.log, which the
    # shipped fail2ban jail reads
    vhost_log = (logs / "example-error.log").read_text()
    assert re.search(r"AG00202: refused: client=127\.0\.0\.1 "
                     r"reason=invalid-credentials user=bob ", vhost_log)
    assert not unexpected(httpd, vhost_log), vhost_log
    assert (logs / "example-access.log").exists()


def test_stock_htpasswd_bcrypt_cost_is_warned_about(tmp_path):
    """Stock htpasswd -B hashes at cost 5; authgate check says so, and is
    quiet about -C 12 (what the README tells people to use)."""
    users = tmp_path / "users"
    subprocess.run(["htpasswd", "-c", "-b", "-B", str(users), "eve", "pw"],
                   check=True, capture_output=True)
    assert users.read_text().startswith("eve:$2y$05$")
    r = authgate("check", "--users", str(users))
    assert "users:1: warning: bcrypt cost 5 below 10" in r.stdout + r.stderr
    subprocess.run(["htpasswd", "-b", "-B", "-C", "12", str(users), "eve",
                    "pw"], check=True, capture_output=True)
    r = authgate("check", "--users", str(users))
    # (tmp_path is root's alone, which check warns about too)
    assert r.returncode == 0 and "bcrypt cost" not in r.stdout, r.stdout
