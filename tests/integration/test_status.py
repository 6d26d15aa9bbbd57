"""The gate's section of mod_status's page (server-status, ?auto,
?notable): server-wide counters of refusals by reason, requests let
through, cache hits and misses; the bound on password checks; lockouts in
force; the files with their versions and last problems.  Counted in
shared memory by every child, kept by restarts, under event and prefork.
The section names no user, token, password, hash or secret."""

import os
import re
import time

import pytest

from conftest import area, htpasswd, wait_for
from tokensite import Tokens, bearer

MPMS = ["event", "prefork"]
PASSWORDS = {"alice": "wonderland-pw", "bob": "builder-pw"}
REASONS = ["no-credentials", "unsupported-scheme", "malformed-credentials",
           "invalid-credentials", "token-invalid", "token-expired",
           "token-revoked", "locked-out", "insufficient-role",
           "server-error", "busy", "account-expired", "account-disabled"]


def site(h, mpm="event", users_dir="", extra=""):
    """Users, roles and tokens; /members/ (Basic and Bearer, role
    member), /admin/ (role admin), /locked/ (AuthGateLockout 2 60), /api/
    (Bearer only); server-status for local clients."""
    h.mpm = mpm
    udir = h.path(users_dir) if users_dir else h.dir
    udir.mkdir(parents=True, exist_ok=True)
    os.chmod(udir, 0o755)
    users = udir / "users"
    for name, pw in PASSWORDS.items():
        htpasswd(users, name, pw)
    h.write("roles", "member: alice bob\nadmin: alice\n")
    tokens = Tokens(h)
    tokens.add("ci-good", "bob", roles="member")
    tokens.add("ci-old", "bob", expires=time.time() - 3600)
    tokens.add("ci-gone", "bob", state="revoked")
    tokens.write()
    for d in ("members", "admin", "locked", "api"):
        h.page(d + "/index.html", d + " page\n")
    common = dict(users=users, roles=h.path("roles"),
                  tokens=h.path("tokens"))
    body = (area(h.docroot / "members", "Members",
                 require="Require role member", **common) +
            area(h.docroot / "admin", "Admin",
                 require="Require role admin", **common) +
            area(h.docroot / "locked", "Locked",
                 require="Require valid-user",
                 extra="  AuthGateLockout 2 60", **common) +
            area(h.docroot / "api", "API", require="Require role member",
                 extra="  AuthGateScheme Bearer", **common) +
            "<Location /server-status>\n  SetHandler server-status\n"
            "  Require local\n</Location>\n" + extra)
    h.config(body, extra_modules=("status",))
    h.start()
    return tokens


def auto(h):
    """The AuthGate lines of server-status?auto, as a dict."""
    r = h.get("/server-status?auto")
    assert r.status_code == 200
    out = {}
    for line in r.text.splitlines():
        if line.startswith("AuthGate"):
            key, _, value = line.partition(": ")
            assert key not in out, "a key twice: " + key
            out[key] = value
    return out


def counts(h):
    a = auto(h)
    return {k: int(v) for k, v in a.items()
            if k.startswith(("AuthGateRefusals", "AuthGateAllowed",
                             "AuthGateCacheHits", "AuthGateCacheMisses",
                             "AuthGatePasswordChecks",
                             "AuthGateSingleFlightJoins"))}


def delta(before, after):
    return {k: after[k] - before.get(k, 0) for k in after
            if after[k] != before.get(k, 0)}


def refusal_requests(h, tokens):
    """One request per reason the test can cause, and two let through;
    returns what the counters must have gained."""
    bad = {"Authorization": "Basic !!!notbase64"}
    got = [
        h.get("/members/").status_code,                               # 401
        h.get("/members/", headers={"Authorization": "Digest x=1"})
        .status_code,                                                 # 401
        h.get("/members/", headers=bad).status_code,                  # 400
        h.get("/members/", auth=("bob", "wrong")).status_code,        # 401
        h.get("/members/", auth=("nobody", "x")).status_code,         # 401
        h.get("/api/", headers=bearer("ci-nope." + "A" * 43))
        .status_code,                                                 # 401
        h.get("/api/", headers=bearer(tokens.token("ci-old")))
        .status_code,                                                 # 401
        h.get("/api/", headers=bearer(tokens.token("ci-gone")))
        .status_code,                                                 # 401
        h.get("/admin/", auth=("bob", PASSWORDS["bob"])).status_code,  # 403
        h.get("/members/", auth=("bob", PASSWORDS["bob"])).status_code,
        h.get("/api/", headers=bearer(tokens.token("ci-good")))
        .status_code,
    ]
    assert got == [401, 401, 400, 401, 401, 401, 401, 401, 403, 200, 200]
    return {
        "AuthGateRefusals_no-credentials": 1,
        "AuthGateRefusals_unsupported-scheme": 1,
        "AuthGateRefusals_malformed-credentials": 1,
        "AuthGateRefusals_invalid-credentials": 2,
        "AuthGateRefusals_token-invalid": 1,
        "AuthGateRefusals_token-expired": 1,
        "AuthGateRefusals_token-revoked": 1,
        "AuthGateRefusals_insufficient-role": 1,
        "AuthGateRefusals": 9,
        "AuthGateAllowed": 2,
    }


@pytest.mark.parametrize("mpm", MPMS)
def test_counters_rise_by_exactly_the_requests_made(httpd, mpm):
    """Each refusal counts once, under its reason, whichever child
    answered; the other reasons stay where they were."""
    tokens = site(httpd, mpm)
    if mpm == "prefork":
        assert len(httpd.wait_children(4)) >= 4
    before = counts(httpd)
    assert all(before["AuthGateRefusals_" + r] == 0 for r in REASONS)
    want = refusal_requests(httpd, tokens)
    got = delta(before, counts(httpd))
    # bob's good password: checked once (a miss), the 403 before it too
    cache = {k: got.pop(k) for k in list(got)
             if k.startswith(("AuthGateCache", "AuthGatePassword"))}
    assert got == want
    # bob's wrong password and his first good one are checked (misses),
    # his second good one is a hit; the unknown user is checked against
    # the dummy hash, and is no cache miss
    assert cache == {"AuthGatePasswordChecks": 3, "AuthGateCacheMisses": 2,
                     "AuthGateCacheHits": 1}


@pytest.mark.parametrize("mpm", MPMS)
def test_cache_hits_after_a_repeat(httpd, mpm):
    site(httpd, mpm)
    before = counts(httpd)
    for _ in range(5):
        assert httpd.get("/members/", auth=("alice", PASSWORDS["alice"])) \
            .status_code == 200
    got = delta(before, counts(httpd))
    assert got == {"AuthGateAllowed": 5, "AuthGateCacheHits": 4,
                   "AuthGateCacheMisses": 1, "AuthGatePasswordChecks": 1}
    a = auto(httpd)
    assert int(a["AuthGateCacheEntries"]) == 1
    assert int(a["AuthGateChecksLimit"]) == os.cpu_count()
    assert a["AuthGateChecksRunning"] == "0"
    assert a["AuthGateChecksWaiting"] == "0"


def test_lockouts_in_force(httpd):
    site(httpd)
    a = auto(httpd)
    assert (a["AuthGateLockoutRecords"], a["AuthGateLockoutsInForce"]) == \
        ("0", "0")
    assert httpd.get("/locked/", auth=("bob", "x")).status_code == 401
    a = auto(httpd)
    assert (a["AuthGateLockoutRecords"], a["AuthGateLockoutsInForce"]) == \
        ("1", "0")
    assert httpd.get("/locked/", auth=("bob", "y")).status_code == 401
    assert httpd.get("/locked/", auth=("bob", PASSWORDS["bob"])) \
        .status_code == 429
    # and another user from the same address: counted, not locked
    assert httpd.get("/locked/", auth=("alice", "x")).status_code == 401
    a = auto(httpd)
    assert (a["AuthGateLockoutRecords"], a["AuthGateLockoutsInForce"]) == \
        ("2", "1")
    assert a["AuthGateRefusals_locked-out"] == "1"


def test_lockouts_unknown_with_a_cache_that_cannot_be_walked(httpd):
    """memcache cannot be walked through: the page says so (HTML) and
    leaves the keys out (?auto), and the rest of it works."""
    site(httpd, extra="AuthGateCache memcache:127.0.0.1:1\n"
         "LoadModule socache_memcache_module "
         "/usr/lib/apache2/modules/mod_socache_memcache.so\n")
    # nothing listens there: mod_socache_memcache says so
    httpd.allow_error(r"AH00791|AH00790")
    assert httpd.get("/members/", auth=("bob", PASSWORDS["bob"])) \
        .status_code == 200
    a = auto(httpd)
    assert "AuthGateLockoutsInForce" not in a
    assert "AuthGateCacheEntries" not in a
    assert a["AuthGateAllowed"] == "1"
    page = httpd.get("/server-status").text
    assert "Lockouts in force</th><td>unknown (the cache memcache:" in page


def file_keys(a, path):
    """The AuthGateFile_N_ keys of the file at path, without the prefix."""
    for k, v in a.items():
        m = re.fullmatch(r"AuthGateFile_(\d+)_Path", k)
        if m and v == str(path):
            pre = f"AuthGateFile_{m.group(1)}_"
            return {k[len(pre):]: v for k, v in a.items()
                    if k.startswith(pre)}
    return None


@pytest.mark.parametrize("mpm", MPMS)
def test_file_table_shows_versions_and_problems(httpd, mpm):
    site(httpd, mpm)
    users = httpd.path("users")
    a = auto(httpd)
    assert int(a["AuthGateFiles"]) == 3
    f = file_keys(a, users)
    assert f["Kind"] == "user" and f["NamedIn"] == "httpd.conf"
    assert f["InForce"] == "1" and f["Entries"] == "2"
    assert re.fullmatch(r"[0-9a-f]{16}", f["Digest"])
    assert "Error" not in f
    assert abs(int(f["Modified"]) - int(users.stat().st_mtime)) <= 1
    assert file_keys(a, httpd.path("roles"))["Entries"] == "2"
    assert file_keys(a, httpd.path("tokens"))["Entries"] == "3"
    first = f

    # a broken version: the good one stays, its problem is shown
    good = users.read_text()
    httpd.write("users", good + "no colon here\n")
    httpd.allow_error("AG00101")
    want = f"{users}:3: no ':' after the user name"

    def every_child_shows(pred):
        # the page is one child's view: ask until several answers agree
        return all(pred(file_keys(auto(httpd), users)) for _ in range(6))

    assert wait_for(lambda: every_child_shows(
        lambda f: f.get("Error") == want), timeout=5)
    f = file_keys(auto(httpd), users)
    assert (f["InForce"], f["Digest"], f["Entries"]) == \
        ("1", first["Digest"], "2")

    # a good rewrite: a new digest, a new count, no problem
    time.sleep(1.1)           # a Loaded time that differs by a second
    htpasswd(httpd.path("carol"), "carol", "singer-pw")
    httpd.write("users", good + httpd.path("carol").read_text())
    # (asked of several children together: one that has not reloaded
    # yet still shows the old version)
    assert wait_for(lambda: every_child_shows(
        lambda f: f["Entries"] == "3" and "Error" not in f
        and f["Digest"] != first["Digest"]
        and int(f["Loaded"]) > int(first["Loaded"])), timeout=5)

    # a file that cannot be read: the problem without a line number
    os.unlink(users)
    assert wait_for(lambda: every_child_shows(
        lambda f: f.get("Error", "").startswith(f"{users}: cannot be read")
        and f["InForce"] == "1"), timeout=5)


def test_html_and_notable_escape_paths(httpd):
    """A path holding <, > and & is shown escaped in the table and in the
    ?notable form."""
    tokens = site(httpd, users_dir="a<b>&c")
    refusal_requests(httpd, tokens)
    raw = str(httpd.path("a<b>&c/users"))
    shown = raw.replace("&", "&amp;").replace("<", "&lt;") \
        .replace(">", "&gt;")
    page = httpd.get("/server-status").text
    assert "<h2>AuthGate</h2>" in page
    page = page[page.index("<h2>AuthGate</h2>"):]
    assert "<p>mod_authgate 0.9.0</p>" in page
    assert "<tr><th>Refused: invalid-credentials</th><td>2</td></tr>" in page
    assert "<tr><th>Let through</th><td>2</td></tr>" in page
    assert f"<td>{shown}</td>" in page
    assert raw not in page and "<b>" not in page
    notable = httpd.get("/server-status?notable").text
    notable = notable[notable.index("<h2>AuthGate</h2>"):]
    assert "<table" not in notable
    assert "<dt>Refused: invalid-credentials</dt><dd>2</dd>" in notable
    assert f"<dd>{shown}</dd>" in notable and raw not in notable
    assert auto(httpd)["AuthGateVersion"] == "0.9.0"


def test_auto_lines_cannot_be_forged_by_a_path(httpd):
    """A path named in .htaccess may hold a carriage return; in ?auto it
    is percent-encoded, so it cannot start a line of its own."""
    site(httpd, extra=f'<Directory "{httpd.docroot}/open">\n'
         "  AllowOverride AuthConfig\n</Directory>\n")
    forged = "AuthGateRefusals_busy: 999"
    httpd.page("open/index.html", "open\n")
    httpd.page("open/.htaccess",
               "AuthType AuthGate\nAuthName Open\n"
               f'AuthGateUserFile "/nonexistent/x\r{forged}"\n'
               "Require valid-user\n")
    httpd.allow_error("AG00101|AG00104")
    for _ in range(40):
        assert httpd.get("/open/", auth=("bob", "x")).status_code == 500
        r = httpd.get("/server-status?auto")
        lines = r.text.splitlines()        # splits at CR too
        assert forged not in lines
        assert sum(x.startswith("AuthGateRefusals_busy:")
                   for x in lines) == 1
        if "/nonexistent/x%0DAuthGateRefusals_busy: 999" in r.text:
            break
    else:
        pytest.fail("no child showed the file named in .htaccess")
    assert "AuthGateFile_4_NamedIn: .htaccess" in r.text


def test_nothing_secret_on_the_page(httpd):
    tokens = site(httpd)
    refusal_requests(httpd, tokens)
    assert httpd.get("/locked/", auth=("alice", "guess")).status_code == 401
    hashes = [line.split(":")[1]
              for line in httpd.path("users").read_text().splitlines()]
    secrets = list(tokens.secrets.values())
    token_lines = httpd.path("tokens").read_text()
    digests = re.findall(r"sha256\$([0-9a-f]{64})", token_lines)
    forbidden = (list(PASSWORDS) + list(PASSWORDS.values()) + hashes +
                 secrets + digests + ["nobody", "ci-good", "ci-old",
                                      "ci-gone", "ci-nope", "guess",
                                      "Members", "wrong"])
    for q in ("", "?auto", "?notable"):
        page = httpd.get("/server-status" + q).text
        section = page[page.index("AuthGate"):]
        for word in forbidden:
            assert word not in section, f"{word!r} on server-status{q}"


@pytest.mark.parametrize("how", ["graceful", "restart"])
@pytest.mark.parametrize("mpm", MPMS)
def test_counters_survive_a_restart(httpd, mpm, how):
    tokens = site(httpd, mpm)
    refusal_requests(httpd, tokens)
    before = counts(httpd)
    since = auto(httpd)["AuthGateCountersSince"]
    httpd.graceful(how)
    assert counts(httpd) == before
    assert auto(httpd)["AuthGateCountersSince"] == since
    # and they go on counting
    assert httpd.get("/members/").status_code == 401
    assert delta(before, counts(httpd)) == {
        "AuthGateRefusals_no-credentials": 1, "AuthGateRefusals": 1}
    # a stop and a start begins again
    httpd.restart()
    assert counts(httpd)["AuthGateRefusals"] == 0


def test_no_mod_status_no_page(httpd):
    """Without mod_status the module serves as ever, and counts."""
    httpd.page("members/index.html")
    httpd.config(area(httpd.docroot / "members", "M",
                      require="Require valid-user"))
    httpd.start()
    assert httpd.get("/members/").status_code == 401
    assert httpd.get("/server-status").status_code == 404
    assert "mod_status" not in httpd.conf.read_text()
