"""Directives check their arguments when the configuration is read, and
the shipped examples in conf/ work as they are (README, "Configuration")."""

import re
import subprocess

import pytest

from conftest import AUTHGATE, ROOT, MODULE, area, htpasswd
from tokensite import bearer


@pytest.mark.parametrize("lines,message", [
    ("AuthGateScheme Digest", "AuthGateScheme: unknown scheme 'Digest'"),
    ("AuthGateScheme Basic Basic", "named twice"),
    ("AuthGateScheme Bearer Token", "unknown scheme 'Token'"),
    ("AuthGateScheme Form Basic Form", "named twice"),
    ("AuthGateSessionIdle 0", "AuthGateSessionIdle: '0' is not a duration"),
    ("AuthGateSessionIdle 31d", "AuthGateSessionIdle: '31d' is not a duration"),
    ("AuthGateSessionMax 12x", "AuthGateSessionMax: '12x' is not a duration"),
    ("AuthGateSessionMax 366d", "AuthGateSessionMax: '366d' is not a duration"),
    ("AuthGateTokenFile", "AuthGateTokenFile takes one argument"),
    ("AuthGateScheme", "AuthGateScheme takes one, two or three arguments"),
    ("AuthGateUserFile", "AuthGateUserFile takes one argument"),
    ("Require role", "Require role needs at least one role name"),
    ("Require role a,b", "'a,b' is not a role name"),
    ("AuthGateLoginURL javascript:alert(1)", "is not an http:, https:"),
    ("AuthGateSupportURL //evil.example/", "is not an http:, https:"),
    ("AuthGateErrorDocument 404 /x", "'404' is not one of the statuses"),
    ("AuthGateErrorDocument 401 /no/such/template",
     "AuthGateErrorDocument: /no/such/template cannot be read"),
    ("AuthGateShowRoles maybe", "AuthGateShowRoles must be On or Off"),
])
def test_bad_directives_stop_httpd(httpd, lines, message):
    httpd.page("p/index.html")
    httpd.config(area(httpd.docroot / "p", "P", extra="  " + lines))
    r = httpd.configtest()
    assert r.returncode != 0
    assert message in r.stderr


def test_directives_refused_outside_authconfig(httpd):
    htpasswd(httpd.path("users"), "bob", "builder")
    httpd.page("p/index.html")
    httpd.page("p/.htaccess", f"AuthGateUserFile {httpd.path('users')}\n")
    httpd.start(f"""<Directory "{httpd.docroot}/p">
  AllowOverride Indexes
</Directory>
""")
    httpd.allow_error(r"AuthGateUserFile not allowed here")
    assert httpd.get("/p/").status_code == 500
    assert "AuthGateUserFile not allowed here" in httpd.error_log()


def test_relative_paths_are_taken_from_server_root(httpd):
    htpasswd(httpd.path("users"), "bob", "builder")
    httpd.page("p/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users="users",
                     require="Require valid-user"))
    assert httpd.get("/p/", auth=("bob", "builder")).status_code == 200


def test_httpd_t_passes_with_a_good_config(httpd):
    htpasswd(httpd.path("users"), "bob", "builder")
    httpd.config(area(httpd.docroot, "P", users=httpd.path("users"),
                      require="Require role member"))
    r = httpd.configtest()
    assert r.returncode == 0, r.stderr
    assert "Syntax OK" in r.stderr


def example_config(h):
    """conf/ as shipped, with its paths moved into the test directory."""
    def moved(text):
        return (text.replace("/etc/authgate", str(h.path("etc")))
                .replace("/srv/www", str(h.docroot))
                .replace("/usr/lib/apache2/modules/mod_authgate.so",
                         str(MODULE)))
    load = moved((ROOT / "conf/authgate.load").read_text())
    assert re.search(r"^LoadModule authgate_module ", load, re.M)
    h.write("authgate.conf", moved((ROOT / "conf/authgate.conf").read_text()))
    h.write("example.conf",
            moved((ROOT / "conf/httpd-example.conf").read_text()))
    h.page("team/.htaccess",
           moved((ROOT / "conf/htaccess.example").read_text()))
    users = h.path("etc/users")
    users.parent.mkdir(exist_ok=True)
    users.parent.chmod(0o755)
    htpasswd(users, "alice", "wonderland")
    htpasswd(users, "bob", "builder")
    htpasswd(users, "carol", "singer")
    htpasswd(users, "dave", "diver")
    # dave holds the role "team" through the user file's third field
    h.write("etc/users", users.read_text().rstrip("\n") + ":team\n")
    h.write("etc/roles", "admin: alice\nmember: bob\n")
    h.tokens = {}
    for user in ("bob", "carol"):
        r = subprocess.run([str(AUTHGATE), "token", "issue",
                            str(h.path("etc/tokens")), "--user", user],
                           capture_output=True, text=True, check=True)
        h.tokens[user] = r.stdout.strip()
    h.path("etc/tokens").chmod(0o644)
    for d in ("members", "admin", "reports", "team", "api"):
        h.page(d + "/index.html", d + "\n")
    return f"Include {h.path('authgate.conf')}\n" \
           f"Include {h.path('example.conf')}\n"


def test_shipped_examples_work(httpd):
    body = example_config(httpd)
    # authgate.load is what a2enmod includes; our header loads the module
    # already, so check it by hand above and load the rest here.
    httpd.start(body)
    assert httpd.get("/").status_code == 200
    cases = [
        ("/members/", None, 401), ("/members/", ("bob", "builder"), 200),
        ("/members/", ("alice", "wonderland"), 200),
        ("/members/", ("carol", "singer"), 403),
        ("/admin/", ("alice", "wonderland"), 200),
        ("/admin/", ("bob", "builder"), 403),
        ("/reports/", ("alice", "wonderland"), 200),
        ("/reports/", ("bob", "builder"), 403),
        ("/team/", None, 401), ("/team/", ("carol", "singer"), 200),
        ("/team/", ("dave", "diver"), 200), ("/team/", ("bob", "builder"),
                                             403),
    ]
    for path, auth, status in cases:
        assert httpd.get(path, auth=auth).status_code == status, (path, auth)
    assert httpd.get("/api/", headers=bearer(
        httpd.tokens["bob"])).status_code == 200
    assert httpd.get("/api/", headers=bearer(
        httpd.tokens["carol"])).status_code == 403
    assert httpd.get("/api/", auth=("bob", "builder")).status_code == 401
    # authgate.conf turned on the refusal log lines
    assert "AG00201" in httpd.error_log()
