#!/usr/bin/env python3
"""valgrind memcheck of httpd -X with mod_authgate under a short mixed
load (make valgrind).

Starts Debian's apache2 in one process (-X, prefork) under valgrind's
memcheck with the built module and a site of every kind of area, then
sends, over several rounds:

    good     Basic with the right password (checked, then cached)
    wrong    Basic with a wrong password (a real hash check, paced)
    unknown  Basic for a user who does not exist (the dummy check)
    bad      malformed Authorization headers and odd bytes
    token    Bearer tokens: valid, revoked, expired, unknown, malformed
    403      a signed-in user without the role
    429      a locked-out guesser (AuthGateLockout)
    page     the refusal pages as HTML and as JSON
    reload   the user, role and token files rewritten between rounds,
             by rename and in place, and the new versions served

and checks every answer.  Then it stops httpd (SIGTERM: httpd -X
destroys its pools and exits) and reads valgrind's reports: the run
passes with zero errors and zero bytes definitely lost.  The figures
and valgrind's logs are left in build/valgrind/.

    make valgrind
    /usr/bin/python3 tests/memcheck/memcheck.py [ROUNDS]
"""

import base64
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "integration"))

from conftest import APACHE, ROOT, Httpd, area, basic, htpasswd  # noqa
from tokensite import Tokens, bearer  # noqa: E402

import requests  # noqa: E402

OUT = ROOT / "build" / "valgrind"
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
USERS = {"alice": "wonderland", "bob": "builder"}


def signed(user, password):
    return {"Authorization": basic(user, password)}


def site(h):
    users = h.path("users")
    for name, pw in USERS.items():
        htpasswd(users, name, pw)          # bcrypt, cost 5
    h.write("roles", "member: alice bob\nadmin: alice\n")
    tokens = Tokens(h)
    tokens.add("t-good", "alice", roles="member")
    tokens.add("t-revoked", "alice", state="revoked")
    tokens.add("t-expired", "bob", expires=time.time() - 3600)
    tokens.write()
    for d in ("members", "admin", "api", "locked"):
        h.page(d + "/index.html", d + " page\n")
    common = dict(users=users, roles=h.path("roles"))
    body = (area(h.docroot / "members", '"Members"',
                 require="Require role member", **common) +
            area(h.docroot / "admin", '"Admin"',
                 require="Require role admin", **common) +
            area(h.docroot / "api", '"API"', require="Require role member",
                 tokens=h.path("tokens"), extra="  AuthGateScheme Bearer",
                 **common) +
            area(h.docroot / "locked", '"Locked"',
                 require="Require valid-user",
                 extra="  AuthGateLockout 3 600", **common))
    h.mpm = "prefork"
    h.config(body, log_level="info")
    return tokens


def start(h):
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("vg.*.log"):
        old.unlink()
    cmd = ["valgrind", "--tool=memcheck", "--leak-check=full",
           "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite",
           "--num-callers=40", f"--log-file={OUT}/vg.%p.log",
           APACHE, "-X", "-f", str(h.conf)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            requests.get(h.url("/"), timeout=20)
            return proc
        except requests.ConnectionError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("httpd -X did not start under valgrind:\n" +
                     h.error_log())


def one_round(h, tokens, n, tally, wrong):
    def expect(kind, path, status, headers=None, text=None, **kw):
        r = requests.get(h.url(path), headers=headers or {}, timeout=60,
                         allow_redirects=False, **kw)
        ok = r.status_code == status and (text is None or text in r.text)
        tally[kind] += 1
        if not ok:
            wrong.append(f"{kind} {path}: {r.status_code} "
                         f"(expected {status}) {r.text[:80]!r}")
        return r

    expect("good", "/members/", 200, signed("bob", "builder"),
           "members page")
    expect("good", "/admin/", 200, signed("alice", "wonderland"),
           "admin page")
    expect("wrong", "/members/", 401, signed("bob", f"nope{n}"))
    expect("unknown", "/members/", 401, signed(f"ghost{n}", "x"))
    expect("403", "/admin/", 403, signed("bob", "builder"))
    for header in ("Basic", "Basic !!!!", "Basic " + "A" * 5000,
                   "Basic " + base64.b64encode(b"nocolon").decode(),
                   "Basic " + base64.b64encode(b"\xff\xfe:\x00x").decode(),
                   "Digest username=x", "Bearer", "Bearer a.b.c\x7f"):
        r = requests.get(h.url("/members/"),
                         headers={"Authorization": header.encode("latin-1")},
                         timeout=60)
        tally["bad"] += 1
        if r.status_code not in (400, 401):
            wrong.append(f"bad {header[:20]!r}: {r.status_code}")
    expect("token", "/api/", 200, bearer(tokens.token("t-good")),
           "api page")
    expect("token", "/api/", 401, bearer(tokens.token("t-revoked")))
    expect("token", "/api/", 401, bearer(tokens.token("t-expired")))
    expect("token", "/api/", 401, bearer("t-none.AAAAAAAAAAAAAAAAAAAAAA"))
    expect("token", "/api/", 401, bearer("t-good." + "x" * 43))
    expect("page", "/members/", 401, {"Accept": "application/json"},
           '"reason"')
    expect("page", "/admin/", 403, {**signed("bob", "builder"),
                                    "Accept": "text/html"}, "<html")
    # the lockout area: 3 failures, then 429 without a hash
    guesser = f"mallory{n}"
    for _ in range(3):
        expect("429", "/locked/", 401, signed(guesser, "guess"))
    expect("429", "/locked/", 429, signed(guesser, "guess"))


def rewrite(h, tokens, n):
    """Equivalent files with new bytes: by rename on even rounds, in
    place on odd ones; then wait until the new versions are served."""
    users = h.path("users")
    text = users.read_text()
    text = re.sub(r"^# round.*\n", "", text, flags=re.M)
    data = f"# round {n}\n{text}"
    roles = f"# round {n}\nmember: alice bob\nadmin: alice\n"
    if n % 2 == 0:
        h.write("users", data)
        h.write("roles", roles)
    else:
        for name, body in (("users", data), ("roles", roles)):
            with open(h.path(name), "w") as f:
                f.write(body)
    tokens.lines.append(f"# round {n}")
    tokens.write()
    before = h.error_log().count("loaded (")
    deadline = time.time() + 60
    while h.error_log().count("loaded (") < before + 3:
        if time.time() > deadline:
            raise SystemExit("the rewritten files were not taken:\n" +
                             h.error_log()[-2000:])
        requests.get(h.url("/members/"), timeout=60)
        time.sleep(0.3)


def reports():
    errors = leaked = 0
    details = []
    for log in sorted(OUT.glob("vg.*.log")):
        text = log.read_text(errors="replace")
        m = re.search(r"ERROR SUMMARY: ([\d,]+) errors", text)
        if m:
            errors += int(m.group(1).replace(",", ""))
        m = re.search(r"definitely lost: ([\d,]+) bytes", text)
        if m:
            leaked += int(m.group(1).replace(",", ""))
        if (m and m.group(1) != "0") or "Invalid " in text or \
                "uninitialised" in text:
            details.append(str(log))
    return errors, leaked, details


def main():
    h = Httpd("prefork")
    tally, wrong = Counter(), []
    proc = None
    try:
        tokens = site(h)
        t0 = time.time()
        proc = start(h)
        print(f"httpd -X up under valgrind in {time.time() - t0:.1f} s")
        t0 = time.time()
        for n in range(ROUNDS):
            one_round(h, tokens, n, tally, wrong)
            rewrite(h, tokens, n)
        load = time.time() - t0
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=300)
    finally:
        if proc and proc.poll() is None:
            proc.kill()
        errors_in_log = h.unexpected_errors()
        (OUT / "error.log").write_text(h.error_log()) if OUT.exists() \
            else None
        h.cleanup()
    errors, leaked, details = reports()
    total = sum(tally.values())
    print(f"requests: {total} in {load:.0f} s over {ROUNDS} rounds, "
          f"{ROUNDS} rewrites of 3 files: " +
          ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    print(f"wrong answers: {len(wrong)}")
    for w in wrong[:10]:
        print("  " + w)
    print(f"valgrind: {errors} errors, {leaked} bytes definitely lost "
          f"({len(list(OUT.glob('vg.*.log')))} processes; logs in {OUT})")
    for d in details:
        print("  see " + d)
    for line in errors_in_log[:10]:
        print("  error log: " + line)
    ok = not wrong and errors == 0 and leaked == 0 and not errors_in_log
    print("memcheck: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
