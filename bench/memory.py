#!/usr/bin/env python3
"""mod_authgate memory check (make bench-memory): 1,000,000 authenticated
requests through one httpd must leave its children's RSS within 5% of
where it was after the first 10,000.

One httpd (event MPM, two children that live throughout) guards a 1 KiB
file with AuthType AuthGate, a 100,000-user file (bcrypt cost 10, served
from the verified-credential cache), a 10,000-line role file and
"Require role"; ab (apache2-utils) sends the requests over keep-alive
connections.  Prints the RSS after 10,000 and after 1,000,000 requests
and exits non-zero when it grew by more than 5%.

    make bench-memory
    BENCH_REQUESTS=1000000 make bench-memory
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402

TOTAL = int(os.environ.get("BENCH_REQUESTS", "1000000"))
FIRST = 10_000
LIMIT = 0.05


def rss_kib(pids):
    return sum(bench.proc_kib(pid, "VmRSS") for pid in pids)


def ab(h, header, n):
    out = subprocess.run(["ab", "-q", "-k", "-n", str(n), "-c", "16", "-H",
                          f"Authorization: {header}", h.url("/p/f.html")],
                         capture_output=True, text=True, check=True).stdout
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    return failed + (int(non2xx.group(1)) if non2xx else 0), rps


def main():
    h = bench.BenchHttpd()
    try:
        files = h.path("fixtures")
        user_hdr, _ = bench.fixtures(files)
        h.bench_config(bench.gate(files, f"AuthGateRoleFile {files}/roles\n"
                                         "Require role reader"))
        h.start()
        kids = sorted(h.children())
        bad, _ = ab(h, user_hdr, FIRST)
        time.sleep(1)
        first = rss_kib(kids)
        t0 = time.time()
        more, rps = ab(h, user_hdr, TOTAL - FIRST)
        time.sleep(1)
        if sorted(h.children()) != kids:
            print("memory: httpd replaced its children; cannot compare")
            return 2
        last = rss_kib(kids)
        growth = (last - first) / first
        print(f"{TOTAL:,} requests ({rps:.0f} req/s, {bad + more} failed) "
              f"in {time.time() - t0:.0f} s through {len(kids)} children")
        print(f"children RSS after {FIRST:,}: {first / 1024:.1f} MiB; after "
              f"{TOTAL:,}: {last / 1024:.1f} MiB ({100 * growth:+.2f}%, "
              f"limit {100 * LIMIT:.0f}%)")
        return 0 if growth <= LIMIT and bad + more == 0 else 1
    finally:
        h.cleanup()


if __name__ == "__main__":
    sys.exit(main())
