"""A graceful restart from an older build of the module to this one keeps
the lockout working in the children of the old generation that are still
answering (README, "What survives a restart").

Builds before the status page read a lockout record of 12 bytes only;
anything else counted as no record.  Those children live on after a
graceful restart until their last request ends, and they share the kept
shmcb cache with the new children.  If the new children wrote their
longer records (16 bytes, with the rule's limit) there, an old child
would see a locked-out client as having no failures, check its password
once more, and write the count back as 1: the lockout would be forgotten.
"""

import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import MODULE, ROOT, area, basic, htpasswd

# The last build whose lockout records were 12 bytes only.
OLD_COMMIT = "4576825"


@pytest.fixture(scope="module")
def old_module(tmp_path_factory):
    """That build's mod_authgate.so, made from the repository's history."""
    d = tmp_path_factory.mktemp("old-module")
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", OLD_COMMIT],
                         check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(d)], input=tar, check=True)
    subprocess.run(["make", "build/mod_authgate.so"], cwd=d, check=True,
                   capture_output=True)
    so = d / "build" / "mod_authgate.so"
    assert so.exists()
    return so


def held_request(h, path):
    """A request whose headers are not finished yet: the child that
    accepted it stays with it across a graceful restart."""
    s = socket.create_connection(("127.0.0.1", h.port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n".encode())
    return s


def finish(s, user, password):
    s.sendall(f"Authorization: {basic(user, password)}\r\n"
              "Connection: close\r\n\r\n".encode())
    data = b""
    s.settimeout(10)
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return int(data.split(b" ", 2)[1])


@pytest.mark.parametrize("httpd", ["prefork"], indirect=True)
def test_old_children_keep_a_lockout_set_by_new_ones(httpd, old_module):
    h = httpd
    users = h.dir / "users"
    htpasswd(users, "bob", "builder", "-B")
    h.page("lock/index.html", "locked area\n")
    body = area(h.docroot / "lock", "Lock", users=users,
                require="Require valid-user",
                extra="  AuthGateLockout 3 600\n  AuthGateCacheTTL 0")
    h.config(body)
    new_conf = h.conf.read_text()
    h.write("httpd.conf", new_conf.replace(str(MODULE), str(old_module)))
    h.start()
    assert h.get("/lock/", auth=("bob", "builder")).status_code == 200

    # a child of the old build takes a request and waits for its end
    held = [held_request(h, "/lock/") for _ in range(3)]
    time.sleep(0.5)
    h.write("httpd.conf", new_conf)
    h.graceful()

    # the new children lock bob out
    for _ in range(3):
        assert h.get("/lock/", auth=("bob", "x")).status_code == 401
    assert h.get("/lock/", auth=("bob", "builder")).status_code == 429

    # the old children must see that lockout too: no check, no reset
    got = [finish(s, "bob", "builder") for s in held]
    assert got == [429, 429, 429], \
        "a child of the old build let a locked-out client guess"
    assert h.get("/lock/", auth=("bob", "builder")).status_code == 429
    assert h.get("/lock/", auth=("bob", "x")).status_code == 429
