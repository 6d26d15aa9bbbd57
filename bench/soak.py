#!/usr/bin/env python3
"""mod_authgate soak test (make soak): one httpd under a mixed load for ten
minutes, restarted gracefully every 30 s while its files are rewritten
every 10 s, must answer every request right and keep its memory flat.

Starts one httpd (event MPM, KeepAlive on with no limit of requests per
connection, 5 children of 64 threads and room for a second generation
during a graceful restart) with four areas guarded by AuthType AuthGate
beside a public one:

    /pub/       no authentication
    /members/   Basic, Require valid-user (users file, bcrypt cost 5, so
                that a wrong password is a cheap check)
    /admin/     Basic, Require role admin (alice: 200, bob: 403)
    /api/       Bearer only, Require valid-user; /api/admin/ Require role
                admin (tokens made by build/authgate token issue: alice's,
                bob's, one revoked, one expired)
    /locked/    Basic with AuthGateLockout 3 3600: one user whose password
                is always wrong, answered 429 once locked

and runs, all at once:

  * wrk -t2 -c256 -dSOAK_SECONDS with a Lua script (written to a
    temporary file) whose request() picks each request by weight among 27
    kinds: 80% good traffic (cached Basic, tokens, the public page), the
    rest 403s, expired, revoked and wrong tokens, no credentials, wrong
    passwords and unknown users (1.3%, each a bcrypt check), the
    locked-out user, malformed Authorization headers (bad base64, no
    colon, a 300-byte user name, control bytes, credentials over 4 KiB,
    bytes that are not ASCII, a Bearer value that is not a b64token) and
    unsupported schemes.  Each connection waits 80 ms on average before
    its next request (SOAK_THINK_MS; 0 for a closed loop), which keeps
    the load at about two thirds of what two cores serve: saturated, the
    event MPM closes keep-alive connections that find no idle worker,
    unlogged.  response() counts the answers by status (a 503 with
    "Retry-After: 1", the gate's deliberate "busy", apart) and done()
    prints the sums, wrk's socket errors and latencies;
  * a sampler thread: every 0.2 s one request of every kind, each on a
    new connection (requests), checked against its exact expected
    answer: the status, the page's marker text for a 200, the challenge
    for a 401 (and the Bearer error for a token), no challenge for a
    Basic 403, Retry-After for a 429.  A 503 busy is accepted for the
    kinds that need a password check, and counted;
  * a graceful restart every 30 s (apache2 -k graceful);
  * a rewrite every 10 s of the users, tokens or roles file in turn, with
    the same users, passwords, roles and tokens (the users file with
    freshly made hashes; every file in a new order with a new comment
    line), alternately by rename and in place (truncated, then written in
    two halves 0.1 s apart);
  * an RSS sampler: every 5 s the VmRSS of the httpd parent and of all
    its children, summed, and the parent's own.

At the end it prints a summary and one PASS/FAIL line per criterion,
and exits non-zero if any fails:

  * no 5xx but the deliberate 503 busy (which is reported by user, and
    for good credentials by what came just before: a restart, a rewrite
    of the users file, or neither);
  * no connection errors: wrk connect, write and timeout errors and the
    sampler's failed requests.  wrk's read errors are reported, not
    judged: wrk counts every connection closed between two requests, and
    a graceful restart closes every idle keep-alive connection of the old
    generation (the summary shows how many the event MPM logged closing);
    without restarts there are none;
  * no wrong answer from the sampler;
  * RSS of parent and children, and the parent's alone, flat within 5%:
    the medians of a window after warm-up (from the first restart on and
    at least a minute in, so 60-180 s) and of the last two minutes;
  * no unexpected error-level line in the error log (conftest's
    EXPECTED_ERRORS and httpd's restart notices) and no child that died
    of a signal (AH00052);
  * every restart done and confirmed in the log, every rewrite done.

    make soak
    SOAK_SECONDS=60 /usr/bin/python3 bench/soak.py

SOAK_CONNECTIONS (default 256), SOAK_THINK_MS (80), SOAK_BCRYPT_COST (5),
SOAK_RESTART_EVERY (30) and SOAK_REWRITE_EVERY (10; 0 for none) change
the run; SOAK_KEEP=1 keeps the server's directory (logs and files).

A graceful restart keeps the verified-credential cache and the lockout
records (they belong to httpd's process pool, not to a configuration
generation): the locked-out user must be answered 429 before and after
every restart, and a 401 for them is a wrong answer.
"""

import base64
import os
import random
import re
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))

sys.path.insert(0, str(ROOT / "bench"))

import bench  # noqa: E402  (the servers' common configuration)
from conftest import APACHE, AUTHGATE, basic  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS", "600"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "256"))
THREADS = 2
# s between graceful restarts and between file rewrites (0: none; for
# finding out which of them causes something)
RESTART_EVERY = int(os.environ.get("SOAK_RESTART_EVERY", "30"))
REWRITE_EVERY = int(os.environ.get("SOAK_REWRITE_EVERY", "10"))
# ms each wrk connection waits, on average, before its next request, so
# that the load stays below saturation (about two thirds of what two
# cores serve closed-loop).  Saturated, the event MPM finds every worker
# of a child busy now and then, and closes, unlogged, a keep-alive
# connection whose next request arrives then (event.c, listener_thread:
# "If we don't get a worker immediately (nonblocking), we close the
# connection"), which wrk counts as a read error.  0: closed loop.
THINK_MS = int(os.environ.get("SOAK_THINK_MS", "80"))
RSS_EVERY = 5 if SECONDS >= 300 else 2
SAMPLE_EVERY = 0.2          # s between rounds of the sampler
IN_PLACE_PAUSE = 0.1        # s between the two halves of a rewrite in place
RSS_LIMIT = 0.05
LOCKOUT = (3, 3600)         # AuthGateLockout N SECONDS
BCRYPT_COST = os.environ.get("SOAK_BCRYPT_COST", "5")
# The RSS windows: the first starts after the first restart (the parent
# grows once then) and at most a minute in, the last ends with the run;
# each spans whole restart periods (600 s: 60-180 s and 480-600 s).
WARMUP = min(60, max(SECONDS // 10, RESTART_EVERY + 5))
WINDOW = min(120, max(SECONDS // 5, RESTART_EVERY, 10))
MAX_SHOWN = 10

MODULES = ["authn_core", "authz_core", "authz_user", "mime", "dir",
           "socache_shmcb"]

PASSWORDS = {"alice": "alice-soak-pw", "bob": "bob-soak-pw",
             "carol": "carol-soak-pw", "dave": "dave-soak-pw",
             "mallory": "mallory-soak-pw"}
# users whose password is right: a 503 busy for them is counted apart
GOOD_USERS = {"alice", "bob", "carol"}
ROLES = {"admin": ["alice"], "member": ["alice", "bob", "carol"]}
PAGES = {"pub": "SOAK-PUBLIC", "members": "SOAK-MEMBERS",
         "admin": "SOAK-ADMIN", "api": "SOAK-API",
         "api/admin": "SOAK-API-ADMIN", "locked": "SOAK-LOCKED"}


# -- the request kinds ---------------------------------------------------------

class Kind:
    """One kind of request: what is sent, how often wrk sends it (in
    thousandths), and what the answer must be.  expect is the status;
    marker a text the body of a 200 must hold; challenge a text the
    WWW-Authenticate header must hold (None: no check; "" absent);
    busy_ok: a 503 busy may answer it (it needs a password check)."""

    def __init__(self, name, path, auth, weight, expect, marker=None,
                 challenge=None, busy_ok=False, retry_after=False):
        self.name, self.path, self.auth = name, path, auth
        self.weight, self.expect, self.marker = weight, expect, marker
        self.challenge, self.busy_ok = challenge, busy_ok
        self.retry_after = retry_after


def kinds(tokens):
    """The request kinds; tokens: name -> "ID.SECRET"."""
    a, b = PASSWORDS["alice"], PASSWORDS["bob"]
    good_id = tokens["alice"].split(".")[0]
    basic_ch = 'Basic realm="'
    bad_token = 'error="invalid_token"'
    return [
        # good traffic, served from the credential cache: 80%
        Kind("public", "/pub/", None, 170, 200, PAGES["pub"]),
        Kind("member-alice", "/members/", basic("alice", a), 230, 200,
             PAGES["members"], busy_ok=True),
        Kind("member-bob", "/members/", basic("bob", b), 110, 200,
             PAGES["members"], busy_ok=True),
        Kind("member-carol", "/members/",
             basic("carol", PASSWORDS["carol"]), 50, 200, PAGES["members"],
             busy_ok=True),
        Kind("admin-alice", "/admin/", basic("alice", a), 110, 200,
             PAGES["admin"], busy_ok=True),
        Kind("api-alice", "/api/", "Bearer " + tokens["alice"], 110, 200,
             PAGES["api"]),
        Kind("api-admin-alice", "/api/admin/", "Bearer " + tokens["alice"],
             30, 200, PAGES["api/admin"]),
        Kind("api-bob", "/api/", "Bearer " + tokens["bob"], 40, 200,
             PAGES["api"]),
        # refusals: 20%
        Kind("admin-bob", "/admin/", basic("bob", b), 25, 403, challenge="",
             busy_ok=True),
        Kind("api-admin-bob", "/api/admin/", "Bearer " + tokens["bob"], 15,
             403, challenge='error="insufficient_scope"'),
        Kind("api-revoked", "/api/", "Bearer " + tokens["revoked"], 10, 401,
             challenge='The access token was revoked'),
        Kind("api-expired", "/api/", "Bearer " + tokens["expired"], 10, 401,
             challenge='The access token expired'),
        Kind("api-wrong-secret", "/api/",
             "Bearer " + good_id + "." + "A" * 43, 10, 401,
             challenge=bad_token),
        Kind("api-no-token", "/api/", None, 10, 401,
             challenge='Bearer realm="'),
        Kind("no-credentials", "/members/", None, 15, 401,
             challenge=basic_ch),
        Kind("wrong-password", "/members/", basic("dave", "wrong"), 8,
             401, challenge=basic_ch, busy_ok=True),
        Kind("unknown-user", "/members/", basic("nobody", "nothing"), 5,
             401, challenge=basic_ch, busy_ok=True),
        Kind("locked-out", "/locked/",
             basic("mallory", "not-the-password"), 20, 429,
             retry_after=True, busy_ok=True),
        Kind("malformed-base64", "/members/", "Basic !!!not*base64!!!", 8,
             400),
        Kind("malformed-no-colon", "/members/",
             "Basic " + base64.b64encode(b"alice").decode(), 6, 400),
        Kind("malformed-long-user", "/members/",
             basic("u" * 300, "pw"), 6, 400),
        Kind("malformed-control", "/members/",
             basic(b"al\x01ice", b"pw"), 6, 400),
        Kind("malformed-overlong", "/members/",
             basic("alice", "p" * 4200), 4, 400),
        Kind("odd-bytes", "/members/", b"Basic \xff\xfe\x80abc", 6, 400),
        Kind("bearer-malformed", "/api/", "Bearer a,b;c", 6, 400,
             challenge='error="invalid_request"'),
        Kind("unsupported-scheme", "/members/", 'Digest username="alice"',
             5, 401, challenge=basic_ch),
        Kind("basic-in-bearer-area", "/api/", basic("alice", a), 5, 401,
             challenge='Bearer realm="'),
    ]


# -- fixtures ------------------------------------------------------------------

def bcrypt(user, password):
    """A user-file line with a fresh bcrypt hash (htpasswd)."""
    return subprocess.run(["htpasswd", "-nbB", "-C", BCRYPT_COST, user,
                           password], capture_output=True, text=True,
                          check=True).stdout.strip()


def users_text(n, rng):
    lines = [bcrypt(u, p) for u, p in PASSWORDS.items()]
    rng.shuffle(lines)
    return f"# soak: users, version {n}\n" + "\n".join(lines) + "\n"


def roles_text(n, rng):
    lines = []
    for role, users in ROLES.items():
        users = list(users)
        rng.shuffle(users)
        lines.append(f"{role}: " + " ".join(users))
    rng.shuffle(lines)
    return f"# soak: roles, version {n}\n" + "\n".join(lines) + "\n"


def tokens_text(n, lines, rng):
    lines = list(lines)
    rng.shuffle(lines)
    return "# id:hash:user:roles:expires:state\n" \
        f"# soak: tokens, version {n}\n" + "\n".join(lines) + "\n"


def make_tokens(path):
    """Issue the tokens with build/authgate; return ({name: token},
    token-file records)."""
    out = {}
    for name, user in (("alice", "alice"), ("bob", "bob"),
                       ("revoked", "alice"), ("expired", "alice")):
        out[name] = subprocess.run(
            [str(AUTHGATE), "token", "issue", str(path), "--user", user,
             "--id", f"soak-{name}", "--expires", "never"],
            capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([str(AUTHGATE), "token", "revoke", str(path),
                    "soak-revoked"], capture_output=True, check=True)
    records = []
    for line in path.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("soak-expired:"):
            # authgate refuses a date in the past; expired at the start
            line = line.replace(":never:", ":2020-01-01T00:00:00Z:")
        records.append(line)
    return out, records


# -- the server ----------------------------------------------------------------

class SoakHttpd(bench.BenchHttpd):
    """httpd with the event MPM sized for CONNECTIONS keep-alive
    connections, no access log, and the soak's areas."""

    def soak_config(self, files):
        lines = self.head_lines(MODULES)
        lines += [# authgate:info: the refusals no guesser causes (busy
                  # among them) are logged with the user's name;
                  # mpm_event:trace1: how many idle keep-alive connections
                  # the MPM closes (at a graceful restart, or when every
                  # worker of a child is busy), which wrk counts as read
                  # errors
                  "LogLevel warn authgate:info mpm_event:trace1",
                  "DirectoryIndex index.html",
                  # Debian's MaxKeepAliveRequests 100 makes wrk count read
                  # errors as httpd closes connections at the limit, even
                  # for a page without authentication
                  "MaxKeepAliveRequests 0",
                  # 5 children of 64 threads; ServerLimit leaves room for
                  # the old generation while it finishes after a graceful
                  "ServerLimit 16", "StartServers 5", "ThreadsPerChild 64",
                  "MaxRequestWorkers 320", "MinSpareThreads 64",
                  "MaxSpareThreads 320"]

        def area(rel, realm, *more):
            return [f'<Directory "{self.docroot}/{rel}">',
                    "  AuthType AuthGate", f"  AuthName {realm}",
                    f"  AuthGateUserFile {files}/users",
                    f"  AuthGateRoleFile {files}/roles"] + \
                [f"  {m}" for m in more] + ["</Directory>"]

        lines += area("members", "Members", "Require valid-user")
        lines += area("admin", "Admin", "Require role admin")
        lines += area("api", "API", f"AuthGateTokenFile {files}/tokens",
                      "AuthGateScheme Bearer", "Require valid-user")
        lines += [f'<Directory "{self.docroot}/api/admin">',
                  "  Require role admin", "</Directory>"]
        lines += area("locked", "Locked",
                      f"AuthGateLockout {LOCKOUT[0]} {LOCKOUT[1]}",
                      "Require valid-user")
        for rel, marker in PAGES.items():
            self.page(f"{rel}/index.html", f"<p>{marker}</p>\n")
        self.conf = self.write("httpd.conf", "\n".join(lines) + "\n")
        # httpd's own notices of a restart
        self.allow_error(r"AH00060|AH00171|AH00169|AH00094")

    def log_since(self, offset):
        """(error-log text from byte offset on, the new offset)."""
        try:
            with open(self.dir / "logs/error.log", "rb") as f:
                f.seek(offset)
                data = f.read()
        except OSError:
            return "", offset
        return data.decode(errors="replace"), offset + len(data)

    def signal_graceful(self, timeout=20):
        """apache2 -k graceful, then wait (reading only the new part of
        the error log) until the new generation says it resumed."""
        try:
            offset = (self.dir / "logs/error.log").stat().st_size
        except OSError:
            offset = 0
        subprocess.run([APACHE, "-f", str(self.conf), "-k", "graceful"],
                       check=True, capture_output=True)
        seen = ""
        deadline = time.time() + timeout
        while time.time() < deadline:
            text, offset = self.log_since(offset)
            seen += text
            if "resuming normal operations" in seen:
                return True
            time.sleep(0.05)
        return False


# -- the wrk script ------------------------------------------------------------

def lua_string(data):
    if isinstance(data, str):
        data = data.encode()
    return '"' + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\'
                         else f"\\{b:03d}" for b in data) + '"'


WRK_LUA = """\
-- Written by bench/soak.py: pick each request by weight among the soak's
-- kinds, count the answers by status (503 with Retry-After: 1, the
-- module's "busy", apart) in every thread, print the sums when done.
local kinds = {
@KINDS@
}
local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   counts = {}
   busy = 0
   math.randomseed(os.time() * 1000 + id)
   reqs, cum, total = {}, {}, 0
   for i, k in ipairs(kinds) do
      local headers = {}
      if k[3] then headers["Authorization"] = k[3] end
      reqs[i] = wrk.format("GET", k[2], headers)
      total = total + k[1]
      cum[i] = total
   end
end

function request()
   local x = math.random(total)
   for i = 1, #cum do
      if x <= cum[i] then return reqs[i] end
   end
   return reqs[#reqs]
end

@DELAY@
function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
   if status == 503 and headers["Retry-After"] == "1" then
      busy = busy + 1
   end
end

function done(summary, latency, requests)
   local sums, nbusy = {}, 0
   for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("counts")) do
         sums[status] = (sums[status] or 0) + n
      end
      nbusy = nbusy + thread:get("busy")
   end
   for status, n in pairs(sums) do
      io.write(string.format("status %d %d\\n", status, n))
   end
   io.write(string.format("busy503 %d\\n", nbusy))
   local e = summary.errors
   io.write(string.format("errors connect %d read %d write %d timeout %d "
                          .. "status %d\\n", e.connect, e.read, e.write,
                          e.timeout, e.status))
   io.write(string.format("summary requests %d duration_us %d bytes %d\\n",
                          summary.requests, summary.duration,
                          summary.bytes))
   io.write(string.format("latency p50_us %d p99_us %d max_us %d\\n",
                          latency:percentile(50), latency:percentile(99),
                          latency.max))
end
"""


def write_lua(path, kind_list):
    rows = []
    for k in kind_list:
        auth = lua_string(k.auth) if k.auth is not None else "nil"
        rows.append(f"   {{{k.weight}, {lua_string(k.path)}, {auth}}},"
                    f"  -- {k.name}")
    delay = ""
    if THINK_MS:
        delay = ("-- each connection waits THINK_MS on average (uniformly\n"
                 "-- 0 to twice that) before its next request\n"
                 "function delay()\n"
                 f"   return math.random(0, {2 * THINK_MS})\n"
                 "end\n")
    path.write_text(WRK_LUA.replace("@KINDS@", "\n".join(rows))
                    .replace("@DELAY@", delay))


def parse_wrk(out):
    res = {"status": Counter({int(s): int(n) for s, n in re.findall(
        r"^status (\d+) (\d+)$", out, re.M)})}
    m = re.search(r"^busy503 (\d+)$", out, re.M)
    res["busy"] = int(m.group(1)) if m else 0
    m = re.search(r"^errors connect (\d+) read (\d+) write (\d+) "
                  r"timeout (\d+) status (\d+)$", out, re.M)
    res["errors"] = dict(zip(("connect", "read", "write", "timeout",
                              "status"), map(int, m.groups()))) if m else {}
    m = re.search(r"^summary requests (\d+) duration_us (\d+) bytes (\d+)$",
                  out, re.M)
    res["requests"], res["duration"] = (int(m.group(1)),
                                        int(m.group(2)) / 1e6) if m else (0, 0)
    m = re.search(r"^latency p50_us (\d+) p99_us (\d+) max_us (\d+)$",
                  out, re.M)
    res["latency"] = tuple(int(x) / 1000 for x in m.groups()) if m else None
    return res


# -- the activities beside wrk -------------------------------------------------

class Soak:
    def __init__(self, h, files, token_records, kind_list):
        self.h, self.files = h, files
        self.token_records = token_records
        self.kinds = kind_list
        self.stop = threading.Event()
        self.t0 = time.time()
        self.lock = threading.Lock()
        self.events = []            # (time, what): restarts and rewrites
        self.restarts = 0
        self.restart_failures = 0
        self.last_restart = 0.0
        self.rewrites = Counter()   # "rename" / "in place" -> count
        self.rewrite_errors = []
        self.checks = Counter()     # kind -> checks
        self.wrong = []             # details of wrong answers
        self.sampler_busy = Counter()
        self.sampler_errors = []    # connection errors and such
        self.rss = []               # (t, total KiB, parent KiB, processes)
        self.threads = []

    def now(self):
        return time.time() - self.t0

    def start(self):
        for fn in (self.sampler, self.restarter, self.rewriter,
                   self.rss_sampler):
            t = threading.Thread(target=fn, name=fn.__name__, daemon=True)
            t.start()
            self.threads.append(t)

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)

    def every(self, period, fn, first=None):
        """Call fn at t0 + first, + period, ... until stopped."""
        n = 0
        first = period if first is None else first
        while True:
            due = self.t0 + first + n * period
            if self.stop.wait(max(0.0, due - time.time())):
                return
            fn()
            n += 1

    # graceful restarts
    def restarter(self):
        if RESTART_EVERY:
            self.every(RESTART_EVERY, self.restart_once)

    def restart_once(self):
        t = self.now()
        with self.lock:
            self.last_restart = time.time()
            self.events.append((t, "graceful restart"))
        try:
            ok = self.h.signal_graceful()
        except subprocess.CalledProcessError as e:
            ok = False
            self.rewrite_errors.append(f"{t:.1f}s graceful: {e.stderr}")
        with self.lock:
            self.restarts += 1
            self.restart_failures += not ok

    # rewrites
    def rewriter(self):
        self.n_rewrite = 0
        self.rng = random.Random(12)
        if REWRITE_EVERY:
            self.every(REWRITE_EVERY, self.rewrite_once,
                       first=REWRITE_EVERY / 2)

    def rewrite_once(self):
        n = self.n_rewrite = self.n_rewrite + 1
        name = ("users", "tokens", "roles")[(n - 1) % 3]
        how = ("rename", "in place")[(n - 1) % 2]
        text = {"users": lambda: users_text(n, self.rng),
                "roles": lambda: roles_text(n, self.rng),
                "tokens": lambda: tokens_text(n, self.token_records,
                                              self.rng)}[name]()
        data = text.encode()
        path = self.files / name
        try:
            if how == "rename":
                tmp = path.with_name(f".{name}.soak-tmp")
                tmp.write_bytes(data)
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
            else:
                fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
                try:
                    half = len(data) // 2
                    os.write(fd, data[:half])
                    time.sleep(IN_PLACE_PAUSE)
                    os.write(fd, data[half:])
                finally:
                    os.close(fd)
        except OSError as e:
            self.rewrite_errors.append(f"{self.now():.1f}s {name}: {e}")
            return
        with self.lock:
            self.rewrites[how] += 1
            self.events.append((self.now(), f"{name} rewritten ({how})"))

    # RSS
    def rss_sampler(self):
        self.every(RSS_EVERY, self.rss_once, first=0)

    def rss_once(self):
        parent = self.h.pid()
        if parent is None:
            return
        pids = [parent] + children(parent)
        kib = [proc_kib(p) for p in pids]
        self.rss.append((self.now(), sum(kib), kib[0], len(pids) - 1))

    # the sampler
    def sampler(self):
        self.every(SAMPLE_EVERY, self.sample_round, first=0)

    def sample_round(self):
        for k in self.kinds:
            if self.stop.is_set():
                return
            self.check(k)

    def check(self, k):
        headers = {"Authorization": k.auth} if k.auth is not None else {}
        t = self.now()
        try:
            r = requests.get(self.h.url(k.path), headers=headers,
                             timeout=10, allow_redirects=False)
        except requests.RequestException as e:
            with self.lock:
                self.sampler_errors.append(f"{t:.1f}s {k.name}: {e!r}")
            return
        with self.lock:
            self.checks[k.name] += 1
        problem = self.judge(k, r)
        if problem is None:
            return
        with self.lock:
            since = time.time() - self.last_restart
            recent = [f"{what} {t - et:.1f}s before"
                      for et, what in self.events[-4:]]
            self.wrong.append(
                f"{t:7.1f}s {k.name} {k.path}: {problem} "
                f"(status {r.status_code}, WWW-Authenticate "
                f"{r.headers.get('WWW-Authenticate')!r}, body "
                f"{r.text[:80]!r}; last restart {since:.1f}s ago; "
                + "; ".join(recent) + ")")

    def judge(self, k, r):
        """None if r is the right answer to k, else what is wrong."""
        wa = r.headers.get("WWW-Authenticate")
        if r.status_code == 503 and k.busy_ok \
                and r.headers.get("Retry-After") == "1":
            with self.lock:
                self.sampler_busy[k.name] += 1
            return None
        if r.status_code != k.expect:
            return f"status {r.status_code}, expected {k.expect}"
        if k.marker and k.marker not in r.text:
            return f"no {k.marker!r} in the body"
        if k.challenge is not None:
            if k.challenge == "" and wa:
                return "a WWW-Authenticate header"
            if k.challenge and (not wa or k.challenge not in wa):
                return f"no {k.challenge!r} in WWW-Authenticate"
        if k.retry_after and not r.headers.get("Retry-After"):
            return "no Retry-After"
        return None


def children(parent):
    """The pids whose parent is parent (from /proc)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            out.append(int(d))
    return out


def proc_kib(pid, field="VmRSS"):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(field + r":\s+(\d+)", status)
    return int(m.group(1)) if m else 0


# -- the report ----------------------------------------------------------------

def window_median(series, start, end, col):
    vals = [row[col] for row in series if start <= row[0] < end]
    return statistics.median(vals) if vals else None


def main():
    started = time.time()
    h = SoakHttpd()
    rng = random.Random(7)
    try:
        files = h.path("files")
        files.mkdir()
        os.chmod(files, 0o755)
        h.write("files/users", users_text(0, rng))
        h.write("files/roles", roles_text(0, rng))
        tokens, records = make_tokens(files / "tokens")
        h.write("files/tokens", tokens_text(0, records, rng))
        kind_list = kinds(tokens)
        h.soak_config(files)
        h.start()
        lua = h.path("soak.lua")
        write_lua(lua, kind_list)

        # every kind once before the load (the locked user after it has
        # failed enough to be locked)
        for _ in range(LOCKOUT[0]):
            h.get("/locked/", headers={
                "Authorization": basic("mallory", "not-the-password")})
        probe = Soak(h, files, records, kind_list)
        bad = [(k.name, probe.judge(k, requests.get(
            h.url(k.path), timeout=10, allow_redirects=False,
            headers={"Authorization": k.auth} if k.auth else {})))
            for k in kind_list]
        bad = [b for b in bad if b[1]]
        if bad:
            print("soak: wrong answers before the load:")
            for name, why in bad:
                print(f"  {name}: {why}")
            return 2

        print(f"soak: wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s, "
              f"think time {THINK_MS} ms, {len(kind_list)} request kinds; "
              f"graceful restart every "
              f"{RESTART_EVERY} s, a file rewritten every {REWRITE_EVERY} s, "
              f"RSS every {RSS_EVERY} s", flush=True)
        soak = Soak(h, files, records, kind_list)
        soak.start()
        w = subprocess.run(["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}",
                            f"-d{SECONDS}s", "--timeout", "10s", "-s",
                            str(lua), h.url("/")],
                           capture_output=True, text=True,
                           timeout=SECONDS + 120)
        soak.finish()
        if w.returncode != 0:
            print(f"soak: wrk failed ({w.returncode}): {w.stderr}")
            return 2
        return report(h, soak, parse_wrk(w.stdout), w.stdout,
                      time.time() - started)
    finally:
        if os.environ.get("SOAK_KEEP"):
            h.stop()
            print(f"soak: kept {h.dir} (SOAK_KEEP)")
        else:
            h.cleanup()


LOG_TIME = re.compile(r"^\[(\w{3} \w{3} \d\d \d\d:\d\d:\d\d\.\d+ \d{4})\]")


def busy_after_events(soak, log, within=4.0):
    """The 503 busy answers to good credentials, by what came less than
    within seconds before them: a graceful restart, a rewrite of the users
    file (new hashes: every password is checked again), or neither."""
    events = [(soak.t0 + t, "restart" if "restart" in what else "users")
              for t, what in soak.events
              if "restart" in what or what.startswith("users")]
    out = Counter({"after a restart": 0, "after a users rewrite": 0,
                   "otherwise": 0})
    for line in log.splitlines():
        m = re.search(r"reason=busy user=(\S+)", line)
        if not m or m.group(1) not in GOOD_USERS:
            continue
        t = LOG_TIME.match(line)
        at = datetime.strptime(t.group(1), "%a %b %d %H:%M:%S.%f %Y") \
            .timestamp() if t else 0
        near = [what for et, what in events if 0 <= at - et < within]
        out["after a restart" if "restart" in near else
            "after a users rewrite" if near else "otherwise"] += 1
    return out


def report(h, soak, res, wrk_out, took):
    ok = True
    lines = []

    def crit(name, passed, detail):
        nonlocal ok
        ok = ok and passed
        lines.append(f"{'PASS' if passed else 'FAIL'}  {name}: {detail}")

    status = res["status"]
    requests_n = sum(status.values())
    five = sum(n for s, n in status.items() if s >= 500)
    deliberate = res["busy"]
    other5 = five - deliberate
    unexpected_status = {s: n for s, n in status.items()
                         if s not in (200, 400, 401, 403, 429, 503)}
    errs = res["errors"]
    checks = sum(soak.checks.values())

    log = h.error_log()
    log_lines = log.splitlines()
    crashes = [ln for ln in log_lines
               if "AH00052" in ln or "exit signal" in ln or "AH00051" in ln]
    unexpected = h.unexpected_errors()
    busy_users = Counter(re.findall(r"reason=busy user=(\S+)", log))
    busy_good = sum(n for u, n in busy_users.items() if u in GOOD_USERS)
    busy_when = busy_after_events(soak, log)
    loads = Counter(re.findall(r"AG00109: (user|role|token) file \S+ "
                               r"loaded", log))
    ka_closed = sum(int(n) for n in re.findall(
        r"will shutdown (\d+) keep-alive connections", log))

    print()
    print("=" * 72)
    print(f"soak summary: wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s, "
          f"think time {THINK_MS} ms, {len(soak.kinds)} request kinds, "
          f"event MPM, {os.cpu_count()} cores")
    print(f"duration       {res['duration']:.1f} s (whole run {took:.0f} s)")
    print(f"requests       {requests_n:,} answered, "
          f"{requests_n / max(res['duration'], 1):,.0f} req/s")
    if res["latency"]:
        print(f"latency        p50 {res['latency'][0]:.1f} ms, p99 "
              f"{res['latency'][1]:.1f} ms, max {res['latency'][2]:.0f} ms")
    print("statuses       " + ", ".join(f"{s}: {n:,}" for s, n in
                                        sorted(status.items())))
    print(f"5xx            {five:,}: deliberate (503 busy, Retry-After: 1) "
          f"{deliberate:,}, other {other5:,}")
    if busy_users:
        print("503 busy       by user (error log): " + ", ".join(
            f"{u} {n:,}" for u, n in busy_users.most_common())
            + f"; on good credentials ({', '.join(sorted(GOOD_USERS))}) "
            f"{busy_good:,}: " + ", ".join(f"{n:,} {when}" for when, n in
                                          busy_when.items()))
    print("wrk errors     " + ", ".join(f"{k} {v:,}" for k, v in errs.items()
                                        if k != "status")
          + f" (read: keep-alive connections httpd closed between two "
          f"requests; the event MPM logged closing {ka_closed:,} idle ones, "
          f"at graceful restarts or with every worker of a child busy)")
    print(f"sampler        {checks:,} checks, {len(soak.wrong)} wrong, "
          f"{len(soak.sampler_errors)} connection errors, 503 busy "
          f"{sum(soak.sampler_busy.values())}"
          + (f" ({', '.join(f'{k} {n}' for k, n in soak.sampler_busy.items())})"
             if soak.sampler_busy else ""))
    print(f"restarts       {soak.restarts} graceful "
          f"({soak.restart_failures} not confirmed in the log)")
    print(f"rewrites       {sum(soak.rewrites.values())}: rename "
          f"{soak.rewrites['rename']}, in place {soak.rewrites['in place']}"
          + (f"; errors: {soak.rewrite_errors}" if soak.rewrite_errors
             else "")
          + "; loads logged by the processes: " + ", ".join(
              f"{kind} file {n}" for kind, n in sorted(loads.items())))

    # RSS: medians of two windows, each spanning whole restart periods
    end = max((r[0] for r in soak.rss), default=0)
    a0, a1 = WARMUP, WARMUP + WINDOW
    b0, b1 = max(a0, end - WINDOW), end + 1
    first = window_median(soak.rss, a0, a1, 1)
    last = window_median(soak.rss, b0, b1, 1)
    pfirst = window_median(soak.rss, a0, a1, 2)
    plast = window_median(soak.rss, b0, b1, 2)
    series = ", ".join(f"{t:.0f}: {tot / 1024:.0f}/{par / 1024:.1f}/{n}"
                       for t, tot, par, n in soak.rss)
    print("RSS series     (s: MiB parent+children / MiB parent / children)")
    print(textwrap.fill(series, 72, initial_indent="  ",
                        subsequent_indent="  "))
    change = pchange = None
    if first and last:
        change = (last - first) / first
        pchange = (plast - pfirst) / pfirst
        print(f"RSS total      median {a0:.0f}-{a1:.0f} s "
              f"{first / 1024:.1f} MiB, {b0:.0f}-{end:.0f} s "
              f"{last / 1024:.1f} MiB ({100 * change:+.2f}%)")
        print(f"RSS parent     at start {soak.rss[0][2] / 1024:.1f} MiB, "
              f"median {a0:.0f}-{a1:.0f} s {pfirst / 1024:.1f} MiB, "
              f"{b0:.0f}-{end:.0f} s {plast / 1024:.1f} MiB "
              f"({100 * pchange:+.2f}%), at the end "
              f"{soak.rss[-1][2] / 1024:.1f} MiB")
    else:
        print("RSS            too few samples for two windows")
    print(f"error log      {len(log_lines):,} lines, {len(unexpected)} "
          f"unexpected at error level, {len(crashes)} crashed children")

    for title, items in (("wrong answers", soak.wrong),
                         ("sampler connection errors", soak.sampler_errors),
                         ("unexpected error-log lines", unexpected),
                         ("crashes", crashes)):
        if items:
            print(f"\n{title} (first {MAX_SHOWN} of {len(items)}):")
            for it in items[:MAX_SHOWN]:
                print("  " + it[:600])
    if unexpected_status:
        print(f"\nunexpected statuses in wrk: {unexpected_status}")
    if requests_n == 0:
        print("\nwrk output:\n" + wrk_out)

    print()
    crit("no 5xx but deliberate", other5 == 0 and requests_n > 0,
         f"{other5} other 5xx ({deliberate:,} deliberate 503 busy)")
    crit("no unexpected status", not unexpected_status,
         f"{unexpected_status or 'none'}")
    # wrk counts as a read error every connection closed between two
    # requests, also one that was idle; a graceful restart closes every
    # idle keep-alive connection of the old generation (and the event MPM
    # closes keep-alive connections of a child whose workers are all busy,
    # as the new one may be just after a restart), so read errors are
    # reported, not judged.  A connection refused, a request that could
    # not be written, one that got no answer within 10 s, and any failure
    # of the sampler's requests (a new connection each) are judged.
    hard = sum(errs.get(k, 0) for k in ("connect", "write", "timeout"))
    crit("no connection errors",
         hard == 0 and not soak.sampler_errors and bool(errs),
         f"wrk connect {errs.get('connect', '?')}, write "
         f"{errs.get('write', '?')}, timeout {errs.get('timeout', '?')}; "
         f"sampler {len(soak.sampler_errors)} of {checks:,} (wrk read "
         f"{errs.get('read', 0):,}: keep-alive connections closed "
         "between requests, see above)")
    crit("no wrong answers", not soak.wrong and checks > 0,
         f"{len(soak.wrong)} of {checks:,} checks")
    crit("RSS flat (parent + children)",
         change is not None and abs(change) <= RSS_LIMIT,
         "n/a" if change is None else f"{100 * change:+.2f}% "
         f"(limit ±{100 * RSS_LIMIT:.0f}%)")
    crit("parent RSS flat", pchange is not None and pchange <= RSS_LIMIT,
         "n/a" if pchange is None else f"{100 * pchange:+.2f}% "
         f"(limit +{100 * RSS_LIMIT:.0f}%)")
    crit("error log clean", not unexpected and not crashes,
         f"{len(unexpected)} unexpected, {len(crashes)} crashes")
    crit("restarts and rewrites done",
         soak.restarts >= (SECONDS // RESTART_EVERY - 1
                           if RESTART_EVERY else 0)
         and soak.restart_failures == 0 and not soak.rewrite_errors,
         f"{soak.restarts} restarts, {sum(soak.rewrites.values())} "
         "rewrites")
    print("\n".join(lines))
    print(f"soak: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
