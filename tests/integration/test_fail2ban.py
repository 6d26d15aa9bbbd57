"""Logs a fail2ban user can trust (README): the shipped filter, run by
Debian's fail2ban-regex on lines the real module wrote, bans the real
address and never one that a client wrote into its user name."""

import subprocess
from pathlib import Path

from agsite import standard_site

FILTER = Path(__file__).resolve().parents[2] / \
    "conf/fail2ban/filter.d/authgate.conf"

FORGED = [
    'x" client=10.9.9.9 y="',
    "x client=10.9.9.9 reason=invalid-credentials",
    "x\\\" client=10.9.9.9",
    "] [client 10.9.9.9:1] AG00202: refused: client=10.9.9.9 ",
    "z%20client%3D10.9.9.9",
]


def banned(h):
    """Each address fail2ban-regex finds, one per matched line."""
    r = subprocess.run(["fail2ban-regex", "-o", "ip",
                        str(h.path("logs/error.log")), str(FILTER)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return [x.strip() for x in r.stdout.splitlines() if x.strip()]


def test_filter_bans_the_real_address_only(httpd):
    standard_site(httpd)
    for name in FORGED:
        assert httpd.get("/members/", auth=(name, "pw")).status_code == 401
    assert httpd.get("/members/", auth=("bob", "wrong")).status_code == 401
    # refusals no guesser causes are not failures
    assert httpd.get("/members/").status_code == 401            # first visit
    assert httpd.get("/admin/", auth=("bob", "builder")).status_code == 403
    ips = banned(httpd)
    assert ips == ["127.0.0.1"] * (len(FORGED) + 1), ips
    log = httpd.error_log()
    assert "10.9.9.9" in log                 # the names are logged, encoded
    for line in log.splitlines():
        if "AG00202" in line:
            assert "[authgate:error]" in line
            assert line.count("client=") == 1


def test_filter_behind_a_trusted_proxy(httpd):
    """With mod_remoteip trusting the proxy on 127.0.0.1, the address
    banned (and locked out) is the one the proxy forwarded."""
    standard_site(httpd, extra="RemoteIPHeader X-Forwarded-For\n"
                  "RemoteIPInternalProxy 127.0.0.1\n",
                  extra_modules=("remoteip",))
    for _ in range(3):
        r = httpd.get("/members/", auth=("bob", "wrong"),
                      headers={"X-Forwarded-For": "203.0.113.7"})
        assert r.status_code == 401
    assert banned(httpd) == ["203.0.113.7"] * 3
