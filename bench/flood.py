#!/usr/bin/env python3
"""mod_authgate under password guessing (make bench, second part): what
guessing costs a signed-in user, and what a locked-out guesser costs.

Writes a 100,000-user file (bcrypt cost 10, as bench.py does), starts a
redis-server on a free loopback port and four httpds side by side, all
with mod_remoteip trusting 127.0.0.1 (RemoteIPHeader X-Forwarded-For), so
that one wrk on loopback can speak for many client addresses:

    noauth   no authentication: the baseline of every ratio
    gate     AuthType AuthGate, Require valid-user, lockout off
    lockout  gate with AuthGateLockout 5 600 (records in shmcb)
    redis    lockout with AuthGateCache redis:127.0.0.1:PORT

and measures, in alternating rounds (medians; answers summed):

    (a) the signed-in user alone (Basic, password verified once, then
        served from the verified-credential cache);
    (b) the same user while 32, then 200, other connections guess
        passwords for random other users from random addresses (a
        second wrk, started 2 s earlier and stopped with SIGINT once the
        user's wrk is done): the user's req/s and p99 against (a), with
        the targets set for it (at least 0.5 of (a), p99 under
        100 ms), and how the guesses were answered: 401 after a bcrypt
        check, 503 when no check could start within 300 ms;
    (c) one address sending one user's name with a wrong password,
        lockout on: after the first few, every answer is 429 without a
        hash;
    (d) (c) with the lockout records in redis.

Every wrk here runs a Lua script (written to a temporary file) whose
response() counts the answers by status per thread and whose done()
prints the sums, so the client costs the same in every row and the
ratios stay fair; absolute figures come out a little lower than
bench.py's.  Nothing is asserted.

    python3 bench/flood.py
    BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=16 \\
        BENCH_GUESSERS=32,200 python3 bench/flood.py
"""

import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402  (also puts tests/integration on sys.path)
from bench import CONNECTIONS, ROUNDS, SECONDS, USERS, basic  # noqa: E402
from test_farm import Daemon  # noqa: E402  (redis-server on a free port)

GUESSERS = [int(n) for n in
            os.environ.get("BENCH_GUESSERS", "32,200").split(",")]
LOCKOUT = "5 600"            # AuthGateLockout N SECONDS of (c) and (d)
HEAD_START = 2               # s the guessers run before the user's wrk
DRAIN = 1                    # s for the last guesses to end after a flood
GUESS_HEADERS = 1000         # distinct user:password pairs the guessers use
TARGET_RATIO = 0.5           # the target: the user keeps at least this of (a)
TARGET_P99_MS = 100          # ... with a p99 under this
VICTIM = "user42"            # the user of (c) and (d)

REMOTEIP = ("RemoteIPHeader X-Forwarded-For\n"
            "RemoteIPInternalProxy 127.0.0.1\n")

COUNT_LUA = """\
-- Written by bench/flood.py: count the answers by status in every
-- thread, print the sums when wrk is done ("status 401 1234").
local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   counts = {}
   math.randomseed(os.time() * 1000 + id)
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
   local sums = {}
   for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("counts")) do
         sums[status] = (sums[status] or 0) + n
      end
   end
   for status, n in pairs(sums) do
      io.write(string.format("status %d %d\\n", status, n))
   end
end
"""

GUESS_LUA = """
-- Each request: a wrong password for a random user (from a list made by
-- bench/flood.py), from a random address that mod_remoteip takes from
-- X-Forwarded-For.
local auths = {
@AUTHS@
}

function request()
   return wrk.format(nil, nil, {
      ["Authorization"] = auths[math.random(#auths)],
      ["X-Forwarded-For"] = string.format("10.%d.%d.%d",
         math.random(0, 255), math.random(0, 255), math.random(1, 254)),
   })
end
"""


def write_scripts(d):
    """The counting script and the guessing one (counting + request())."""
    count = d / "count.lua"
    count.write_text(COUNT_LUA)
    rng = random.Random()
    auths = ",\n".join(
        f'   "{basic(f"user{rng.randrange(USERS - 1)}", f"guess{i}")}"'
        for i in range(GUESS_HEADERS))
    guess = d / "guess.lua"
    guess.write_text(COUNT_LUA + GUESS_LUA.replace("@AUTHS@", auths))
    return count, guess


# -- running wrk -------------------------------------------------------------

class Run:
    """One wrk run: requests/s, p99 in ms, answers by status, and socket
    errors (connect, read, write, timeout) when there were any."""

    def __init__(self, out):
        self.rps, self.p99, _ = bench.wrk_figures(out)
        self.answers = Counter({int(s): int(n) for s, n in re.findall(
            r"^status (\d+) (\d+)$", out, re.M)})
        m = re.search(r"Socket errors: connect (\d+), read (\d+), "
                      r"write (\d+), timeout (\d+)", out)
        self.errors = Counter(dict(zip(("connect", "read", "write",
                                        "timeout"),
                                       map(int, m.groups())))) \
            if m else Counter()


def wrk_command(h, connections, seconds, script, header=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
           "--timeout", "10s", "-s", str(script)]
    if header:
        cmd += ["-H", f"Authorization: {header}"]
    return cmd + [h.url("/p/f.html")]


def wrk(h, script, header):
    """CONNECTIONS connections for SECONDS, in the foreground."""
    return Run(subprocess.run(wrk_command(h, CONNECTIONS, SECONDS, script,
                                          header),
                              capture_output=True, text=True, check=True,
                              timeout=SECONDS + 60).stdout)


def under_flood(h, scripts, header, guessers):
    """The user's wrk (foreground, SECONDS) while a guessing wrk runs in
    the background: started HEAD_START s before, bounded by its own -d,
    and stopped with SIGINT (wrk then reports) once the user's is done.
    Returns (user's Run, guessers' Run)."""
    count, guess = scripts
    g = subprocess.Popen(wrk_command(h, guessers, SECONDS + HEAD_START + 10,
                                     guess),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    try:
        time.sleep(HEAD_START)
        user = wrk(h, count, header)
    finally:
        if g.poll() is None:
            g.send_signal(signal.SIGINT)
        try:
            out, err = g.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            g.kill()
            g.communicate()
            raise
    if g.returncode != 0:
        raise RuntimeError(f"guessing wrk failed ({g.returncode}): {err}")
    time.sleep(DRAIN)
    return user, Run(out)


# -- the report --------------------------------------------------------------

def answers(runs):
    total = sum((r.answers for r in runs), Counter())
    text = ", ".join(f"{s}: {n:,}" for s, n in sorted(total.items()))
    errors = sum((r.errors for r in runs), Counter())
    if errors:
        text += "; socket errors: " + ", ".join(
            f"{kind} {n:,}" for kind, n in errors.items() if n)
    return text


def row(name, runs, base=None, ref=None, target=False):
    rps = statistics.median(r.rps for r in runs)
    p99 = statistics.median(r.p99 for r in runs)
    ratio = f"{rps / base:6.2f}" if base else " " * 6
    vs_a = f"{rps / ref:6.2f}" if ref else " " * 6
    line = (f"{name:52} {rps:8.0f} {ratio} {vs_a} {p99:8.2f}  "
            f"{answers(runs)}")
    if target:
        met = rps / ref >= TARGET_RATIO and p99 < TARGET_P99_MS
        line += (f"  [targets >= {TARGET_RATIO} of (a), p99 < "
                 f"{TARGET_P99_MS} ms: {'met' if met else 'NOT met'}]")
    print(line)
    return rps


def main():
    started = time.time()
    hs, redis = {}, None
    try:
        host = hs["noauth"] = bench.BenchHttpd()  # fixtures; no-auth server
        files = host.path("fixtures")
        user_hdr = bench.users_file(files)
        scripts = write_scripts(host.dir)
        redis = Daemon("redis", host.dir)
        locked = bench.gate(files, f"AuthGateLockout {LOCKOUT}\n"
                                   "Require valid-user")
        configs = {  # name: (section, server lines, more modules)
            "noauth": ("Require all granted", "", ()),
            "gate": (bench.gate(files, "Require valid-user"), "", ()),
            "lockout": (locked, "", ()),
            "redis": (locked, f"AuthGateCache {redis.spec}\n",
                      ("socache_redis",)),
        }
        for name, (section, server, modules) in configs.items():
            h = hs[name] = hs.get(name) or bench.BenchHttpd()
            h.bench_config(section, server=REMOTEIP + server,
                           modules=("remoteip",) + modules)
            h.start()
        # the user's password is checked once, then cached
        r = hs["gate"].get("/p/f.html", headers={"Authorization": user_hdr})
        assert r.status_code == 200, r.status_code

        count = scripts[0]
        wrong = basic(VICTIM, "not the password")
        res = {}
        for rnd in range(ROUNDS):
            runs = [("noauth", wrk(hs["noauth"], count, None)),
                    ("a", wrk(hs["gate"], count, user_hdr))]
            for n in GUESSERS:
                user, guess = under_flood(hs["gate"], scripts, user_hdr, n)
                runs += [(f"b{n}", user), (f"g{n}", guess)]
            runs += [("c", wrk(hs["lockout"], count, wrong)),
                     ("d", wrk(hs["redis"], count, wrong))]
            for key, run in runs:
                res.setdefault(key, []).append(run)
            print(f"flood round {rnd + 1}/{ROUNDS} done", flush=True)

        print()
        print(f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s with a status-counting "
              f"Lua script, {ROUNDS} rounds (medians; answers summed), "
              f"1 KiB file, event MPM, KeepAlive on, mod_remoteip, "
              f"{os.cpu_count()} cores, {bench.platform()}")
        print(f"{'case':52} {'req/s':>8} {'ratio':>6} {'vs (a)':>6} "
              f"{'p99 ms':>8}  answers")
        base = row("no auth (baseline)", res["noauth"])
        ref = statistics.median(r.rps for r in res["a"])
        row("(a) Basic, the cached user alone", res["a"], base, ref)
        for n in GUESSERS:
            row(f"(b) the cached user, {n} connections guessing",
                res[f"b{n}"], base, ref, target=True)
            row(f"    the {n} guessing connections (lockout off)",
                res[f"g{n}"])
        row(f"(c) 1 address, 1 user, wrong password, lockout {LOCKOUT}",
            res["c"], base)
        row("(d) the same, lockout records in redis", res["d"], base)
        print(f"flood benchmark took {time.time() - started:.0f} s")
    finally:
        for h in hs.values():
            h.cleanup()
        if redis:
            redis.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
