"""Every hash format of the README's "User file", made by the real tools
(htpasswd from apache2-utils, mkpasswd from whois), logs in through a
real httpd."""

import pytest

from conftest import area, htpasswd, mkpasswd

HTPASSWD_FORMATS = {"bcrypt": "-B", "apr1": "-m", "sha1": "-s"}
MKPASSWD_FORMATS = {"yescrypt": "yescrypt", "sha512": "sha-512",
                    "sha256": "sha-256"}
PASSWORD = "p\u00e4ss w\u00f6rd:with colon"


def site(h):
    users = h.path("users")
    for name, flag in HTPASSWD_FORMATS.items():
        htpasswd(users, name, PASSWORD, flag)
    lines = users.read_text()
    for name, method in MKPASSWD_FORMATS.items():
        lines += f"{name}:{mkpasswd(method, PASSWORD)}\n"
    lines += "tokenonly:!\n"
    lines += "locked:!$y$j9T$abc$def\n"
    lines += "weird:$9$unknown-format\n"
    h.write("users", lines)
    h.page("p/index.html", "ok\n")
    h.start(area(h.docroot / "p", "P", users=users,
                 require="Require valid-user"))
    return h


@pytest.mark.parametrize("user", sorted(HTPASSWD_FORMATS) +
                         sorted(MKPASSWD_FORMATS))
def test_format_logs_in(httpd, user):
    site(httpd)
    good = httpd.get("/p/", auth=(user, PASSWORD.encode()))
    assert good.status_code == 200, user
    assert httpd.last_access() == (user, 200, "-")
    bad = httpd.get("/p/", auth=(user, b"p\xc3\xa4ss"))
    assert bad.status_code == 401
    assert httpd.last_access()[1:] == (401, "invalid-credentials")


def test_hash_prefixes_are_what_the_tools_make(httpd):
    site(httpd)
    hashes = dict(line.split(":", 1) for line in
                  httpd.path("users").read_text().splitlines())
    assert hashes["bcrypt"].startswith("$2y$")
    assert hashes["apr1"].startswith("$apr1$")
    assert hashes["sha1"].startswith("{SHA}")
    assert hashes["yescrypt"].startswith("$y$")
    assert hashes["sha512"].startswith("$6$")
    assert hashes["sha256"].startswith("$5$")


@pytest.mark.parametrize("user,password", [
    ("tokenonly", ""), ("tokenonly", "!"), ("locked", "anything"),
    ("weird", "$9$unknown-format"),
])
def test_accounts_that_cannot_log_in(httpd, user, password):
    site(httpd)
    r = httpd.get("/p/", auth=(user, password))
    assert r.status_code == 401
    assert httpd.last_access()[1:] == (401, "invalid-credentials")


def test_des_crypt_is_refused(httpd):
    users = httpd.path("users")
    htpasswd(users, "old", "password", "-d")
    assert len(users.read_text().split(":")[1].strip()) == 13
    httpd.page("p/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users=users,
                     require="Require valid-user"))
    assert httpd.get("/p/", auth=("old", "password")).status_code == 401
    assert "never accepted" in httpd.error_log()
