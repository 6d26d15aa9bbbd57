#!/usr/bin/env python3
"""mod_authgate benchmark: wrk against a real httpd on loopback.

Every figure is printed next to a no-auth baseline measured in the same
run on the same server, so the ratios, not the absolute numbers, are what
carries over between machines.  Also prints the resident memory of the
httpd children with a 10,000-user file loaded.

    make bench            (installs wrk through scripts/deps.sh)
    BENCH_SECONDS=10 make bench
"""

import base64
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from conftest import Httpd, area, htpasswd  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
USERS = 10000


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def wrk(h, path, header=None):
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    if header:
        cmd += ["-H", f"Authorization: {header}"]
    out = subprocess.run(cmd + [h.url(path)], capture_output=True,
                         text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99, int(non2xx.group(1)) if non2xx else 0


def children_rss_kib(h):
    total = 0
    for pid in h.children():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total


def site(h, many_users):
    users = h.path("users")
    htpasswd(users, "bob", "builder", "-m")          # apr1: a cheap hash
    htpasswd(users, "carol", "singer", "-B")         # bcrypt, cost 5
    if many_users:
        apr1 = users.read_text().splitlines()[0].split(":", 1)[1]
        extra = "".join(f"user{i}:{apr1}:member\n" for i in range(USERS))
        h.write("users", users.read_text() + extra)
    h.write("roles", "member: bob carol\n")
    for d in ("open", "gate", "stock"):
        h.page(d + "/index.html", "hello\n")
    body = (f'<Directory "{h.docroot}/open">\n  Require all granted\n'
            "</Directory>\n" +
            area(h.docroot / "gate", "Gate", users=users,
                 roles=h.path("roles"), require="Require role member") +
            f"""<Directory "{h.docroot}/stock">
  AuthType Basic
  AuthName Stock
  AuthBasicProvider file
  AuthUserFile {users}
  AuthGroupFile {h.path("roles")}
  Require group member
</Directory>
""")
    h.config(body, extra_modules=("auth_basic", "authn_file",
                                  "authz_groupfile"),
             log_level="warn")
    # the benchmark measures the gate, not the access log
    h.write("httpd.conf", re.sub(r"^CustomLog .*$", "", h.conf.read_text(),
                                 flags=re.M))
    return h.start()


def main():
    h = Httpd()
    try:
        site(h, many_users=False)
        wrk(h, "/open/index.html")                    # warm up
        base = wrk(h, "/open/index.html")
        rows = [
            ("no auth (baseline)", base),
            ("AuthGate, 200, apr1 hash", wrk(h, "/gate/index.html",
                                             basic("bob", "builder"))),
            ("stock mod_auth_basic, 200, apr1", wrk(h, "/stock/index.html",
                                                    basic("bob", "builder"))),
            ("AuthGate, 200, bcrypt cost 5", wrk(h, "/gate/index.html",
                                                 basic("carol", "singer"))),
            ("stock mod_auth_basic, 200, bcrypt 5",
             wrk(h, "/stock/index.html", basic("carol", "singer"))),
            ("AuthGate, 401 + built-in page", wrk(h, "/gate/index.html")),
            ("AuthGate, 400 malformed + page", wrk(h, "/gate/index.html",
                                                   "Basic !!")),
        ]
        print(f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s on 127.0.0.1, "
              f"event MPM, {os.cpu_count()} cores")
        print(f"{'case':38} {'req/s':>10} {'vs base':>8} {'p99':>9}")
        for name, (rps, p99, non2xx) in rows:
            print(f"{name:38} {rps:10.0f} {rps / base[0]:8.2f} {p99:>9}"
                  + (f"  ({non2xx} non-2xx, expected)" if non2xx
                     and "40" in name else ""))
        rss_small = children_rss_kib(h)
        h.stop()

        big = Httpd()
        try:
            site(big, many_users=True)
            rps_big = wrk(big, "/gate/index.html",
                          basic("bob", "builder"))[0]
            rss_big = children_rss_kib(big)
            size = big.path("users").stat().st_size
            print(f"\n{USERS} users ({size // 1024} KiB user file): "
                  f"{rps_big:.0f} req/s with apr1 "
                  f"({rps_big / base[0]:.2f} of the small-file baseline)")
            print(f"httpd children RSS: {rss_small} KiB with 2 users, "
                  f"{rss_big} KiB with {USERS} users "
                  f"(+{(rss_big - rss_small) / max(1, len(big.children())):.0f}"
                  f" KiB per child)")
        finally:
            big.cleanup()
    finally:
        h.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
