#!/usr/bin/env python3
"""mod_authgate benchmark (make bench): wrk against real httpds on loopback.

Generates the fixtures (a 100,000-user file, bcrypt cost 10, the measured
user last; a 1,000,000-token file; a 10,000-line role file), starts one
httpd per configuration side by side, and measures each with wrk in
alternating rounds.  It prints one table: the median requests/s, the
median p99 latency, the ratio to the no-auth server of the same run, and
the peak RSS (VmHWM) of the busiest child of each server.  Ratios, not
absolute figures, are what carries over between machines.  Password
guessing and lockout are measured by bench/flood.py, which make bench
runs next.

    make bench
    BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=16 make bench
"""

import base64
import hashlib
import html
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from conftest import MODDIR, MODULE, Httpd, IS_ROOT, basic  # noqa: E402,F401

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
USERS = 100_000
TOKENS = 1_000_000
ROLE_LINES = 10_000
PASSWORD = "correct horse battery staple"
B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

MODULES = ["authn_core", "authz_core", "authz_user", "authz_groupfile",
           "auth_basic", "authn_file", "authn_socache", "socache_shmcb",
           "mime", "dir"]


# -- fixtures ----------------------------------------------------------------

def users_file(d):
    """Write the users file into d: user0 … user99998 with well-formed
    bcrypt cost-10 hashes of random bytes (a wrong password for them
    costs a full check), then the measured user.  Return the measured
    user's Authorization header."""
    d.mkdir(parents=True, exist_ok=True)
    real = subprocess.run(["htpasswd", "-nbB", "-C", "10", "measured",
                           PASSWORD], capture_output=True, text=True,
                          check=True).stdout.strip()
    rnd = os.urandom(USERS * 53)
    lines = []
    for i in range(USERS - 1):
        chunk = rnd[i * 53:(i + 1) * 53]
        lines.append(f"user{i}:$2y$10$" +
                     "".join(B64[b & 63] for b in chunk) + "\n")
    lines.append(real + "\n")                       # the measured user last
    (d / "users").write_text("".join(lines))
    os.chmod(d / "users", 0o644)
    return basic("measured", PASSWORD)


def fixtures(d):
    """Write the users, tokens and roles files into d; return the headers
    of the measured user and token."""
    t0 = time.time()
    user_hdr = users_file(d)

    secret = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    digest = hashlib.sha256(secret.encode()).hexdigest()
    with open(d / "tokens", "w") as f:
        f.write("# id:hash:user:roles:expires:state\n")
        batch = []
        for i in range(TOKENS - 1):
            batch.append(f"t{i:07d}:sha256${os.urandom(32).hex()}:"
                         f"user{i % (USERS - 1)}:*:2099-01-01T00:00:00Z:"
                         "active\n")
            if len(batch) == 100_000:
                f.write("".join(batch))
                batch = []
        batch.append(f"measured:sha256${digest}:measured:*:never:active\n")
        f.write("".join(batch))

    roles = [f"role{i}: " + " ".join(f"user{(i * 7 + k) % USERS}"
                                     for k in range(5)) + "\n"
             for i in range(ROLE_LINES - 1)]
    roles.append("reader: user1 user2 measured\n")
    (d / "roles").write_text("".join(roles))
    for f in ("tokens", "roles"):
        os.chmod(d / f, 0o644)
    print(f"fixtures: {USERS:,} users, {TOKENS:,} tokens "
          f"({(d / 'tokens').stat().st_size / 2**20:.0f} MiB), "
          f"{ROLE_LINES:,} role lines in {time.time() - t0:.1f} s",
          flush=True)
    return user_hdr, "Bearer measured." + secret


# -- servers -----------------------------------------------------------------

class BenchHttpd(Httpd):
    """httpd as Debian ships it (event MPM, KeepAlive on), no access log,
    with one protected directory."""

    def head_lines(self, modules):
        """The lines every benchmark server starts with: the event MPM,
        the modules named and the gate, files in its directory, no
        access log, KeepAlive on."""
        lines = [f"ServerRoot {self.dir}",
                 f"Listen 127.0.0.1:{self.port}",
                 "ServerName localhost",
                 f"LoadModule mpm_event_module {MODDIR}/mod_mpm_event.so"]
        lines += [f"LoadModule {m}_module {MODDIR}/mod_{m}.so"
                  for m in modules]
        lines += [f"LoadModule authgate_module {MODULE}"]
        if IS_ROOT:
            lines += ["User www-data", "Group www-data"]
        return lines + [f"PidFile {self.dir}/run/httpd.pid",
                        f"DefaultRuntimeDir {self.dir}/run",
                        f"ErrorLog {self.dir}/logs/error.log",
                        "LogLevel warn authgate:info",
                        "TypesConfig /etc/mime.types",
                        f"DocumentRoot {self.docroot}",
                        "KeepAlive On"]

    def bench_config(self, section, server="", modules=()):
        """section: the protected directory's; server: server-wide lines
        (or a first line "@server LINE" in section); modules: more
        modules to load."""
        server_extra = server
        if section.startswith("@server "):
            first, section = section[8:].split("\n", 1)
            server_extra = first + "\n" + server
        lines = self.head_lines(MODULES + list(modules))
        lines += ["StartServers 2", "ThreadsPerChild 25",
                  "MinSpareThreads 25", "MaxSpareThreads 75",
                  "MaxRequestWorkers 150", server_extra,
                  f'<Directory "{self.docroot}/p">', section,
                  "</Directory>"]
        self.write("htdocs/p/f.html", "x" * 1023 + "\n")   # 1 KiB
        self.conf = self.write("httpd.conf", "\n".join(lines) + "\n")


def gate(files, extra=""):
    return ("AuthType AuthGate\nAuthName Bench\n"
            f"AuthGateUserFile {files}/users\n{extra}")


def stock(files, extra=""):
    return ("AuthType Basic\nAuthName Bench\n"
            f"AuthUserFile {files}/users\n{extra}")


def servers(files):
    return {
        "noauth": "Require all granted",
        "gate": gate(files, "Require valid-user"),
        "bearer": gate(files, f"AuthGateTokenFile {files}/tokens\n"
                              "AuthGateScheme Bearer\nRequire valid-user"),
        "role": gate(files, f"AuthGateRoleFile {files}/roles\n"
                            "Require role reader"),
        "form": gate(files, "AuthGateScheme Form\nRequire valid-user"),
        "stock": stock(files, "AuthBasicProvider file\n"
                              "Require valid-user"),
        "socache": "@server AuthnCacheSOCache shmcb\n" +
                   stock(files, "AuthBasicProvider socache file\n"
                                "AuthnCacheProvideFor file\n"
                                "Require valid-user"),
    }


# -- measuring ---------------------------------------------------------------

def wrk_command(h, header, seconds):
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
           "--timeout", "10s"]
    if header:
        cmd += ["-H", header if header.startswith("Cookie: ")
                else f"Authorization: {header}"]
    return cmd + [h.url("/p/f.html")]


def request_headers(header):
    """The header of a row as requests takes it."""
    if header is None:
        return None
    if header.startswith("Cookie: "):
        return {"Cookie": header[8:]}
    return {"Authorization": header}


def form_session(h):
    """Sign the measured user in through the form of h, as a browser
    does (the form's anti-forgery value, its pre-session cookie, the same
    origin), and return the session's "Cookie: NAME=VALUE" header."""
    s = requests.Session()
    r = s.get(h.url("/p/f.html"))
    assert r.status_code == 401, r.status_code
    csrf = re.search(r'name="ag_csrf" value="([^"]*)"', r.text).group(1)
    r = s.post(h.url("/p/f.html"),
               data={"ag_user": "measured", "ag_password": PASSWORD,
                     "ag_csrf": html.unescape(csrf),
                     "ag_return": "/p/f.html"},
               headers={"Origin": f"http://127.0.0.1:{h.port}"},
               allow_redirects=False)
    assert r.status_code == 303, (r.status_code, r.text)
    name, value = next((c.name, c.value) for c in s.cookies
                       if c.name.startswith("authgate-")
                       and not c.name.endswith("-pre"))
    return f"Cookie: {name}={value}"


def wrk_figures(out):
    """(requests/s, p99 in ms, non-2xx responses) from wrk's report."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99 = float(m.group(1)) * {"us": 1e-3, "ms": 1, "s": 1e3}[m.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99, int(non2xx.group(1)) if non2xx else 0


def wrk(h, header):
    return wrk_figures(subprocess.run(wrk_command(h, header, SECONDS),
                                      capture_output=True, text=True,
                                      check=True).stdout)


def proc_kib(pid, field):
    """A memory figure of /proc/PID/status in KiB (0 once pid is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(re.search(field + r":\s+(\d+)", status).group(1))


def parent_peak_rss_mib(h):
    return proc_kib(h.pid(), "VmHWM") / 1024


def load_times(h):
    """Seconds each load of the token file took, from the error log."""
    return [float(x) for x in re.findall(
        r"token file \S+ loaded \(\d+ bytes in ([\d.]+) s\)", h.error_log())]


def reload_under_load(h, header, files):
    """wrk against the Bearer server while the token file is replaced by
    a version with one more token: every child builds the new index aside
    while its other threads keep answering."""
    before = len(load_times(h))
    w = subprocess.Popen(wrk_command(h, header, 8), stdout=subprocess.PIPE,
                         text=True)
    time.sleep(2)
    tokens = files / "tokens"
    tmp = files / "tokens.new"
    data = tokens.read_bytes() + (
        b"late:sha256$" + b"0" * 64 + b":measured:*:never:active\n")
    tmp.write_bytes(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, tokens)
    rps, p99, failed = wrk_figures(w.communicate()[0])
    # every child logs its load; wait for them (the parent's monitor may
    # add one more later)
    deadline = time.time() + 15
    while time.time() < deadline and \
            len(load_times(h)) - before < len(h.children()):
        time.sleep(0.2)
    return rps, p99, failed, load_times(h)[before:]


def peak_rss_mib(h):
    return max([proc_kib(pid, "VmHWM") for pid in h.children()],
               default=0) / 1024


def main():
    started = time.time()
    hs = {}
    try:
        files_host = BenchHttpd()
        files = files_host.path("fixtures")
        user_hdr, token_hdr = fixtures(files)
        rows = [  # name, server, header, expected status
            ("no auth (baseline)", "noauth", None, 200),
            ("AuthGate Basic, bcrypt 10, 100k users (cached)", "gate",
             user_hdr, 200),
            ("AuthGate Bearer, 1M tokens", "bearer", token_hdr, 200),
            ("AuthGate Require role, 10k-line role file", "role", user_hdr,
             200),
            ("AuthGate Form, a signed-in browser's session", "form", None,
             200),
            ("httpd Basic + authn_file, same users", "stock", user_hdr, 200),
            ("httpd Basic + authn_socache + authn_file", "socache",
             user_hdr, 200),
            # 401 after a bcrypt check, or 503 when no check can start
            # within 300 ms (the bound on password checks)
            ("AuthGate Basic, wrong password (401 or 503 busy)", "gate",
             basic("measured", "wrong"), 401),
        ]
        for name, section in servers(files).items():
            h = files_host if name == "noauth" else BenchHttpd()
            h.bench_config(section)
            t0 = time.time()
            h.start()
            hs[name] = h
            if name == "bearer":
                print(f"httpd with {TOKENS:,} tokens started in "
                      f"{time.time() - t0:.1f} s", flush=True)
        session = form_session(hs["form"])
        rows = [(n, sv, session if sv == "form" else hd, st)
                for n, sv, hd, st in rows]
        for name, server, header, status in rows:     # prime caches
            r = hs[server].get("/p/f.html",
                               headers=request_headers(header))
            assert r.status_code == status, (name, r.status_code)

        results = {name: [] for name, *_ in rows}
        for rnd in range(ROUNDS):
            for name, server, header, status in rows:
                results[name].append(wrk(hs[server], header))
            print(f"round {rnd + 1}/{ROUNDS} done", flush=True)

        base = statistics.median(r[0] for r in results[rows[0][0]])
        print()
        print(f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, {ROUNDS} rounds "
              f"(medians), 1 KiB file, event MPM, KeepAlive on, "
              f"{os.cpu_count()} cores, {platform()}")
        print(f"{'case':50} {'req/s':>9} {'ratio':>6} {'p99 ms':>8} "
              f"{'RSS MiB':>8}")
        med = {}
        for name, server, _, status in rows:
            rps = statistics.median(r[0] for r in results[name])
            p99 = statistics.median(r[1] for r in results[name])
            med[name] = rps
            errors = sum(r[2] for r in results[name])
            note = "" if status != 200 or not errors else \
                f"  ({errors} non-2xx!)"
            print(f"{name:50} {rps:9.0f} {rps / base:6.2f} {p99:8.2f} "
                  f"{peak_rss_mib(hs[server]):8.1f}{note}")
        # the row of each server that lets the client in
        by = {server: name for name, server, _, status in rows
              if status == 200}
        bearer = hs["bearer"]
        print(f"\n{TOKENS:,}-token file: loaded by the parent in "
              f"{load_times(bearer)[0]:.2f} s, parent peak RSS "
              f"{parent_peak_rss_mib(bearer):.0f} MiB")
        rps, p99, bad, loads = reload_under_load(bearer, token_hdr, files)
        print(f"replacing it under load (wrk 8 s, Bearer): {rps:.0f} req/s "
              f"({rps / med[by['bearer']]:.2f} of steady), p99 {p99:.2f} ms, "
              f"{bad} failed; children reloaded it in "
              + ", ".join(f"{t:.2f} s" for t in loads))
        cached = med[by["gate"]]
        print(f"\nAuthGate Basic (cached) / httpd's own Basic on the same "
              f"file: {cached / med[by['stock']]:.0f}x; / with "
              f"authn_socache: {cached / med[by['socache']]:.0f}x")
        print(f"benchmark took {time.time() - started:.0f} s")
    finally:
        for h in hs.values():
            h.cleanup()
    return 0


def platform():
    try:
        model = re.search(r"model name\s*:\s*(.*)",
                          Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        model = "unknown CPU"
    return model.strip()


if __name__ == "__main__":
    sys.exit(main())
