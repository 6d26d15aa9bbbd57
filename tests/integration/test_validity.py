"""Per-user validity in the user file (NAME:HASH:ROLES:UNTIL:STATE):
account-expired and account-disabled, told only to a client that proved
the password or the token secret, judged on every request whatever the
verified-credential cache holds, with their page, problem details,
challenges, log lines and lockout rules; and the five-field file read by
Apache's own mod_authn_file and htpasswd."""

import datetime
import re
import subprocess
import time

import pytest

from conftest import area, start_stock_basic, wait_for
from tokensite import Tokens, bearer, challenges
from test_fail2ban import banned


def day(offset=0):
    """The UTC day offset days from today, as YYYY-MM-DD."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return (today + datetime.timedelta(days=offset)).isoformat()


def words(d):
    """YYYY-MM-DD as the page writes it: 30 June 2027."""
    dt = datetime.date.fromisoformat(d)
    return f"{dt.day} {dt.strftime('%B')} {dt.year}"


def away_from_midnight():
    """Tests that write today's date must not straddle midnight UTC."""
    now = datetime.datetime.now(datetime.timezone.utc)
    left = 86400 - (now.hour * 3600 + now.minute * 60 + now.second)
    if left < 60:
        time.sleep(left + 1)


def bcrypt(user, password):
    out = subprocess.run(["htpasswd", "-nbB", "-C", "5", user, password],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip().split(":", 1)[1]


PASSWORDS = {"alice": "wonderland", "carol": "singer", "tina": "today",
             "eve": "evening", "dave": "diver", "dora": "explorer"}


class Users:
    """The user file, written whole (by rename) on every change; the
    hashes stay the same, so the verified-credential cache keeps its
    entries across rewrites."""

    def __init__(self, h):
        self.h = h
        self.hash = {u: bcrypt(u, pw) for u, pw in PASSWORDS.items()}
        self.fields = {
            "alice": ("member", "", ""),
            "carol": ("member", day(+1), ""),      # works until tomorrow
            "tina": ("member", day(0), ""),        # today is its last day
            "eve": ("member", day(-1), ""),        # yesterday was
            "dave": ("member", "", "disabled"),
            "dora": ("member", day(+30), "disabled"),
        }

    def set(self, user, until=None, state=None):
        roles, u, s = self.fields[user]
        self.fields[user] = (roles, u if until is None else until,
                             s if state is None else state)
        return self

    def text(self):
        return "".join(f"{u}:{self.hash[u]}:{r}:{until}:{state}\n"
                       for u, (r, until, state) in self.fields.items())

    def write(self):
        return self.h.write("users", self.text())


def site(h, extra_m="", log_level="warn authgate:info", extra=""):
    """/m/: Basic and Bearer, Require role member; /api/: Bearer only;
    /lock/: AuthGateLockout 3 600 and no credential cache; /addr/:
    Bearer only, AuthGateAddressLockout 2 600."""
    away_from_midnight()
    users = Users(h)
    users.write()
    h.write("roles", "member: alice carol tina eve dave dora\n")
    tokens = Tokens(h)
    for u in PASSWORDS:
        tokens.add(u, u, "*")
    tokens.add("eve-revoked", "eve", "*", state="revoked")
    tokens.write()
    for d in ("m", "api", "lock", "addr"):
        h.page(d + "/index.html", d + " page\n")
    common = dict(users=h.path("users"), roles=h.path("roles"),
                  tokens=h.path("tokens"), require="Require role member")
    h.config(area(h.docroot / "m", '"Members"', extra=extra_m, **common) +
             area(h.docroot / "api", '"API"',
                  extra="  AuthGateScheme Bearer", **common) +
             area(h.docroot / "lock", '"Lock"',
                  extra="  AuthGateLockout 3 600\n  AuthGateCacheTTL 0",
                  **common) +
             area(h.docroot / "addr", '"Addr"',
                  extra="  AuthGateScheme Bearer\n"
                        "  AuthGateAddressLockout 2 600", **common) +
             extra, log_level=log_level)
    h.start()
    return users, tokens


BASIC_M = 'Basic realm="Members", charset="UTF-8"'
BEARER_M = 'Bearer realm="Members"'
JSON = {"Accept": "application/json"}


def refusal_lines(h, reason):
    return [l for l in h.error_log().splitlines()
            if f"reason={reason} " in l]


# -- Basic ----------------------------------------------------------------

@pytest.mark.parametrize("user", ["alice", "carol", "tina"])
def test_valid_accounts_get_in(httpd, user):
    """No UNTIL, UNTIL tomorrow, and UNTIL today (the last day works)."""
    site(httpd)
    for _ in range(2):             # checked, then from the cache
        r = httpd.get("/m/", auth=(user, PASSWORDS[user]))
        assert r.status_code == 200 and r.text == "m page\n"
        assert httpd.last_access() == (user, 200, "-")


@pytest.mark.parametrize("user,reason", [
    ("eve", "account-expired"),
    ("dave", "account-disabled"),
    ("dora", "account-disabled"),     # disabled is told before UNTIL
])
def test_right_password_is_told_the_account_reason(httpd, user, reason):
    site(httpd)
    for _ in range(2):             # checked, then from the cache
        r = httpd.get("/m/", auth=(user, PASSWORDS[user]))
        assert r.status_code == 401
        # the usual challenges of a 401, no Bearer error for Basic
        assert challenges(r) == [BASIC_M, BEARER_M]
        assert httpd.last_access() == ("-", 401, reason)
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    if reason == "account-expired":
        assert "<h1>Your access has expired</h1>" in r.text
        assert f"Your access expired on {words(day(-1))}" in r.text
    else:
        assert "<h1>Your account is disabled</h1>" in r.text
        assert "switched off" in r.text
    # whom to ask, and how to use another account
    assert "ask the people who run this site" in r.text
    assert "reload the page and sign in with it" in r.text
    assert f"User name: <strong>{user}</strong>" in r.text
    assert PASSWORDS[user] not in r.text
    # logged at info with its own words, never as a guess (AG00202)
    lines = refusal_lines(httpd, reason)
    assert len(lines) == 2
    for line in lines:
        assert "[authgate:info]" in line and "AG00201" in line
        assert "the password is right, but the account" in line
        assert PASSWORDS[user] not in line and "$2y$" not in line
    assert "AG00202" not in httpd.error_log()


def test_problem_details_carry_the_reason_and_the_day(httpd):
    site(httpd)
    r = httpd.get("/m/", auth=("eve", "evening"), headers=JSON)
    assert r.status_code == 401
    assert r.headers["Content-Type"] == "application/problem+json"
    p = r.json()
    assert p["reason"] == "account-expired" and p["status"] == 401
    assert p["type"] == "tag:authgate,2026:reason:account-expired"
    assert p["title"] == "The account has expired"   # told to an app
    assert p["until"] == day(-1)
    assert words(day(-1)) in p["detail"]
    assert "reload" not in p["detail"]       # an app never reloads a page
    r = httpd.get("/m/", auth=("dave", "diver"), headers=JSON)
    p = r.json()
    assert p["reason"] == "account-disabled" and "until" not in p
    assert p["title"] == "The account is disabled"
    assert challenges(r) == [BASIC_M, BEARER_M]


@pytest.mark.parametrize("user", ["eve", "dave", "dora"])
def test_wrong_password_looks_like_any_wrong_password(httpd, user):
    """A client without the password learns nothing of the account: the
    answer is that of any wrong password, byte for byte (but the name it
    sent itself), and it is counted and logged as a guess."""
    site(httpd)
    ref = anon(httpd.get("/m/", auth=("alice", "nope")).text)
    ref_json = anon(httpd.get("/m/", auth=("alice", "nope"),
                              headers=JSON).text)
    assert "wrong password" in httpd.error_log()
    for _ in range(2):
        r = httpd.get("/m/", auth=(user, "nope"))
        assert r.status_code == 401
        assert httpd.last_access() == ("-", 401, "invalid-credentials")
        assert challenges(r) == [BASIC_M, BEARER_M]
        assert anon(r.text) == ref
        j = httpd.get("/m/", auth=(user, "nope"), headers=JSON)
        assert anon(j.text) == ref_json
    # an unknown name and the wrong password of a refused account alike
    assert anon(httpd.get("/m/", auth=("zed", "nope")).text) == ref
    lines = [l for l in httpd.error_log().splitlines()
             if f"user={user} " in l]
    assert len(lines) == 4
    assert all("AG00202" in l and "reason=invalid-credentials" in l
               and "wrong password" in l for l in lines)


def anon(text):
    """A page or problem details without the user name the client sent."""
    text = re.sub(r"User name: <strong>[^<]*</strong>", "", text)
    return re.sub(r'"user":"[^"]*"', "", text)


def test_no_header_from_the_account_reaches_a_guesser(httpd):
    """Headers of a wrong password for a disabled account and for a
    valid one are the same set (Date and length aside)."""
    site(httpd)
    a = httpd.get("/m/", auth=("alice", "x"))
    d = httpd.get("/m/", auth=("dave", "x"))
    skip = {"date", "content-length"}
    ha = {k.lower(): v for k, v in a.headers.items() if k.lower() not in skip}
    hd = {k.lower(): v for k, v in d.headers.items() if k.lower() not in skip}
    assert ha == hd


# -- the verified-credential cache and rewrites ---------------------------

def cache_hits(h, user):
    return len(re.findall(rf'AG00211: password of "{user}" accepted from '
                          r'the cache', h.error_log()))


def test_cached_user_then_disabled_by_rewrite(httpd):
    users, _ = site(httpd, log_level="warn authgate:debug")
    for _ in range(3):
        assert httpd.get("/m/", auth=("alice", "wonderland")).status_code \
            == 200
    assert cache_hits(httpd, "alice") >= 1
    hits = cache_hits(httpd, "alice")
    users.set("alice", state="disabled").write()
    t0 = time.time()
    # every child reloads within the window on its own: wait until ten
    # requests in a row, to whichever child answers, are refused
    assert wait_for(lambda: all(httpd.get(
        "/m/", auth=("alice", "wonderland")).status_code == 401
        for _ in range(10)), timeout=3, step=0.05)
    assert time.time() - t0 < 2.6
    assert httpd.last_access() == ("-", 401, "account-disabled")
    # refused although the cache still vouches for the password
    assert cache_hits(httpd, "alice") > hits
    for _ in range(3):
        r = httpd.get("/m/", auth=("alice", "wonderland"))
        assert r.status_code == 401
        assert httpd.last_access() == ("-", 401, "account-disabled")
    # and enabled again the same way
    users.set("alice", state="").write()
    assert wait_for(lambda: httpd.get(
        "/m/", auth=("alice", "wonderland")).status_code == 200, timeout=3)


def test_cached_user_whose_until_passes(httpd):
    """UNTIL passing while a cache entry is fresh: the entry says only
    that the password was right; the day is judged on every request.
    (The midnight boundary itself is in the unit tests: a test cannot
    wait for midnight, so here the file moves the day instead.)"""
    users, _ = site(httpd, log_level="warn authgate:debug")
    for _ in range(3):
        assert httpd.get("/m/", auth=("tina", "today")).status_code == 200
    assert cache_hits(httpd, "tina") >= 1
    hits = cache_hits(httpd, "tina")
    users.set("tina", until=day(-1)).write()
    assert wait_for(lambda: httpd.get(
        "/m/", auth=("tina", "today")).status_code == 401, timeout=3)
    assert httpd.last_access() == ("-", 401, "account-expired")
    assert cache_hits(httpd, "tina") > hits
    # a client that proved nothing still gets the plain answer
    assert httpd.get("/m/", auth=("tina", "x")).status_code == 401
    assert httpd.last_access() == ("-", 401, "invalid-credentials")
    # extended again
    users.set("tina", until=day(+365)).write()
    assert wait_for(lambda: httpd.get(
        "/m/", auth=("tina", "today")).status_code == 200, timeout=3)


def test_disabled_then_enabled_under_prefork(httpd):
    """Every request on a new child: each process judges the account
    against the file it holds, none from a memory of its own."""
    httpd.mpm = "prefork"
    users, _ = site(httpd, extra="MaxConnectionsPerChild 1\n")
    httpd.allow_error("AH00045|AH00046")
    for _ in range(4):
        assert httpd.get("/m/", auth=("carol", "singer")).status_code == 200
    users.set("carol", state="disabled").write()
    time.sleep(2.5)
    for _ in range(8):
        assert httpd.get("/m/", auth=("carol", "singer")).status_code == 401
        assert httpd.last_access()[2] == "account-disabled"
    users.set("carol", state="").write()
    time.sleep(2.5)
    for _ in range(4):
        assert httpd.get("/m/", auth=("carol", "singer")).status_code == 200


def test_broken_validity_keeps_the_last_good_version(httpd):
    users, _ = site(httpd)
    good = users.text()
    dave = f"dave:{users.hash['dave']}:member::disabled"
    for bad, msg in [
        (dave.replace("::disabled", ":2027-02-30:"),
         "line 5: UNTIL (the fourth field) is neither empty nor a date "
         "YYYY-MM-DD"),
        (dave.replace("::disabled", ":tomorrow:"),
         "line 5: UNTIL (the fourth field)"),
        (dave.replace("::disabled", "::enabled"),
         "line 5: STATE (the fifth field) is neither empty nor "
         "'disabled'"),
        (dave + ":more", "line 5: more than five fields"),
    ]:
        before = httpd.error_log().count(msg)
        httpd.write("users", good.replace(dave, bad))
        assert wait_for(lambda: httpd.error_log().count(msg) > before,
                        timeout=4), msg
        line = [l for l in httpd.error_log().splitlines() if msg in l][-1]
        assert "AG00101" in line and "keeping the version" in line
        # the older version stays: dave still disabled, alice still in
        assert httpd.get("/m/", auth=("dave", "diver")).status_code == 401
        assert httpd.last_access()[2] == "account-disabled"
        assert httpd.get("/m/", auth=("alice", "wonderland")).status_code \
            == 200
    httpd.allow_error("AG00101")


# -- Bearer ---------------------------------------------------------------

API_INVALID = ('Bearer realm="API", error="invalid_token", '
               'error_description="The access token is invalid"')


@pytest.mark.parametrize("user,reason,desc", [
    ("eve", "account-expired", "The account of the access token expired"),
    ("dave", "account-disabled",
     "The account of the access token is disabled"),
])
def test_token_of_a_refused_account(httpd, user, reason, desc):
    _, tokens = site(httpd)
    r = httpd.get("/api/", headers=bearer(tokens.token(user)))
    assert r.status_code == 401
    assert challenges(r) == [f'Bearer realm="API", error="invalid_token", '
                             f'error_description="{desc}"']
    assert httpd.last_access_fields()[1:3] == (401, reason)
    assert httpd.last_access_fields()[4] == user
    # an API client is told what to ask for, never to reload a page
    j = httpd.get("/api/", headers=dict(bearer(tokens.token(user)), **JSON))
    p = j.json()
    assert p["reason"] == reason and "reload" not in p["detail"]
    assert "tokens work again" in p["detail"]
    if reason == "account-expired":
        assert p["until"] == day(-1)
    # in an area that takes both, the Basic challenge is there too
    r = httpd.get("/m/", headers=bearer(tokens.token(user)))
    assert r.status_code == 401
    assert challenges(r) == [BASIC_M, 'Bearer realm="Members", '
                             f'error="invalid_token", '
                             f'error_description="{desc}"']
    # the wrong secret is any wrong secret
    forged = user + "." + "A" * 43
    r = httpd.get("/api/", headers=bearer(forged))
    assert challenges(r) == [API_INVALID]
    assert httpd.last_access_fields()[1:3] == (401, "token-invalid")
    lines = refusal_lines(httpd, reason)
    assert lines and all("[authgate:info]" in l and "AG00201" in l
                         and "the token secret is right" in l
                         and tokens.secrets[user] not in l for l in lines)


@pytest.mark.parametrize("user", ["carol", "tina", "alice"])
def test_tokens_of_valid_accounts_work(httpd, user):
    _, tokens = site(httpd)
    r = httpd.get("/api/", headers=bearer(tokens.token(user)))
    assert r.status_code == 200 and r.text == "api page\n"


def test_the_tokens_own_state_is_told_first(httpd):
    _, tokens = site(httpd)
    r = httpd.get("/api/", headers=bearer(tokens.token("eve-revoked")))
    assert httpd.last_access_fields()[1:3] == (401, "token-revoked")


def test_disabling_the_user_stops_the_token_within_the_reload(httpd):
    users, tokens = site(httpd)
    assert httpd.get("/api/", headers=bearer(tokens.token("carol"))) \
        .status_code == 200
    users.set("carol", state="disabled").write()
    assert wait_for(lambda: httpd.get(
        "/api/", headers=bearer(tokens.token("carol"))).status_code == 401,
        timeout=3)
    assert httpd.last_access_fields()[1:3] == (401, "account-disabled")


# -- lockout ---------------------------------------------------------------

def test_refused_account_neither_counts_nor_clears_failures(httpd):
    """/lock/: 3 failures lock, no credential cache (so every right
    password is a real check that reserved its attempt).  The right
    password of a disabled account is no guess: it is not counted, so it
    can be sent again and again; and no success: the failures before it
    stay, so it cannot wipe a guesser's count."""
    site(httpd)
    for _ in range(2):
        assert httpd.get("/lock/", auth=("dave", "x")).status_code == 401
    for _ in range(4):
        r = httpd.get("/lock/", auth=("dave", "diver"))
        assert r.status_code == 401
        assert httpd.last_access() == ("-", 401, "account-disabled")
    # the third failure counts on top of the first two
    assert httpd.get("/lock/", auth=("dave", "y")).status_code == 401
    r = httpd.get("/lock/", auth=("dave", "diver"))
    assert r.status_code == 429
    assert httpd.last_access() == ("-", 429, "locked-out")
    assert "Retry-After" in r.headers
    # a locked client is not told the account's state, right password or
    # not (no hash is computed)
    assert "account-disabled" not in httpd.get(
        "/lock/", auth=("dave", "diver"), headers=JSON).text


def test_expired_account_right_password_keeps_its_failures(httpd):
    site(httpd)
    for _ in range(2):
        assert httpd.get("/lock/", auth=("eve", "x")).status_code == 401
    assert httpd.get("/lock/", auth=("eve", "evening")).status_code == 401
    assert httpd.last_access()[2] == "account-expired"
    assert httpd.get("/lock/", auth=("eve", "x")).status_code == 401
    assert httpd.get("/lock/", auth=("eve", "evening")).status_code == 429


def test_token_of_refused_account_is_not_a_guess(httpd):
    """/addr/: 2 failures from an address lock it.  A polling client with
    the token of a disabled account never locks its address (a whole
    office behind one NAT)."""
    _, tokens = site(httpd)
    for _ in range(5):
        r = httpd.get("/addr/", headers=bearer(tokens.token("dave")))
        assert r.status_code == 401
        assert httpd.last_access_fields()[2] == "account-disabled"
    for _ in range(2):
        assert httpd.get("/addr/", headers=bearer("dave." + "B" * 43)) \
            .status_code == 401
    assert httpd.get("/addr/", headers=bearer(tokens.token("alice"))) \
        .status_code == 429


def test_fail2ban_does_not_count_refused_accounts(httpd):
    _, tokens = site(httpd)
    for _ in range(3):
        assert httpd.get("/m/", auth=("dave", "diver")).status_code == 401
        assert httpd.get("/m/", auth=("eve", "evening")).status_code == 401
        assert httpd.get("/api/", headers=bearer(tokens.token("eve"))) \
            .status_code == 401
    assert banned(httpd) == []
    assert httpd.get("/m/", auth=("dave", "wrong")).status_code == 401
    assert banned(httpd) == ["127.0.0.1"]


# -- the page through a template, and a site's own ErrorDocument -----------

def test_template_value_until(httpd):
    tpl = httpd.write("401.html", "<p>{{reason}}|{{until}}|{{title}}|"
                      "{{#until}}last day {{until}}{{/until}}</p>\n")
    site(httpd, extra_m=f"  AuthGateErrorDocument 401 {tpl}")
    r = httpd.get("/m/", auth=("eve", "evening"))
    assert r.text == (f"<p>account-expired|{day(-1)}|Your access has "
                      f"expired|last day {day(-1)}</p>\n")
    r = httpd.get("/m/", auth=("dave", "diver"))
    assert r.text == "<p>account-disabled||Your account is disabled|</p>\n"
    # a guesser gets the plain value set
    r = httpd.get("/m/", auth=("eve", "x"))
    assert r.text == ("<p>invalid-credentials||Your sign-in was not "
                      "accepted|</p>\n")


def test_shipped_plain_template_shows_the_day(httpd):
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    tpl = httpd.write("plain.html",
                      (root / "conf/templates/plain.html").read_text())
    site(httpd, extra_m=f"  AuthGateErrorDocument 401 {tpl}")
    r = httpd.get("/m/", auth=("eve", "evening"))
    assert r.status_code == 401 and "{{" not in r.text
    assert f"Last day of the account: {day(-1)}" in r.text
    assert f"Your access expired on {words(day(-1))}" in r.text
    assert "(account-expired)" in r.text
    r = httpd.get("/m/", auth=("dave", "diver"))
    assert "Last day" not in r.text and "(account-disabled)" in r.text


def test_error_document_sees_the_reason_and_the_day(httpd):
    httpd.page("err/401.shtml",
               '<!--#echo var="REDIRECT_AUTHGATE_REASON" -->|'
               '<!--#echo var="REDIRECT_AUTHGATE_UNTIL" -->\n')
    site(httpd, extra_m="  ErrorDocument 401 /err/401.shtml",
         extra=f'''<Directory "{httpd.docroot}/err">
  Options +Includes
  AddOutputFilter INCLUDES .shtml
</Directory>
''')
    r = httpd.get("/m/", auth=("eve", "evening"))
    assert r.status_code == 401
    assert r.text == f"account-expired|{day(-1)}\n"
    r = httpd.get("/m/", auth=("dave", "diver"))
    assert r.text == "account-disabled|(none)\n"


# -- Apache's own tools read the five fields -------------------------------

def test_mod_authn_file_reads_the_five_field_file(httpd):
    """mod_authn_file reads NAME:HASH and ignores the rest, so the file
    stays usable by stock httpd (which knows nothing of UNTIL and STATE:
    it lets dave in)."""
    users = Users(httpd)
    users.write()
    text = users.text()
    assert "dave:" in text and ":member::disabled\n" in text
    assert f":member:{day(-1)}:\n" in text
    start_stock_basic(httpd, httpd.path("users"))
    for user, pw in PASSWORDS.items():
        assert httpd.get("/b/", auth=(user, pw)).status_code == 200, user
        assert httpd.get("/b/", auth=(user, pw + "x")).status_code == 401


def test_require_role_under_another_auth_type(httpd):
    """AuthType Basic with mod_authn_file lets dave in (it reads only
    NAME:HASH), but "Require role" grants no role to an account the user
    file calls expired or disabled, and such an account escapes no
    "Require not role"."""
    users = Users(httpd)
    users.write()
    httpd.write("roles", "member: alice carol tina eve dave dora\n"
                "suspended: alice eve dave\n")
    for d in ("pos", "neg"):
        httpd.page(d + "/index.html", d + " page\n")
    stock = f"""  AuthType Basic
  AuthName "Stock"
  AuthBasicProvider file
  AuthUserFile {httpd.path("users")}
  AuthGateUserFile {httpd.path("users")}
  AuthGateRoleFile {httpd.path("roles")}
"""
    httpd.start(f"""<Directory "{httpd.docroot}/pos">
{stock}  Require role member
</Directory>
<Directory "{httpd.docroot}/neg">
{stock}  <RequireAll>
    Require valid-user
    Require not role suspended
  </RequireAll>
</Directory>
""", extra_modules=("auth_basic", "authn_file"))
    assert httpd.get("/pos/", auth=("carol", "singer")).status_code == 200
    assert httpd.get("/pos/", auth=("alice", "wonderland")).status_code \
        == 200
    for user in ("eve", "dave", "dora"):
        assert httpd.get("/pos/", auth=(user, PASSWORDS[user])) \
            .status_code == 401, user
    # not suspended, valid: in; suspended: out; expired or disabled and
    # not suspended (dora): out too, the negation does not let it through
    assert httpd.get("/neg/", auth=("carol", "singer")).status_code == 200
    for user in ("alice", "eve", "dave", "dora"):
        assert httpd.get("/neg/", auth=(user, PASSWORDS[user])) \
            .status_code == 401, user
    httpd.allow_error("AH01631")


def test_htpasswd_keeps_other_lines_and_drops_the_fields_it_rewrites(
        tmp_path):
    """htpasswd adds and changes users in a five-field file and copies the
    lines of other users as they are; the line of the user whose password
    it sets becomes NAME:HASH, losing ROLES, UNTIL and STATE (so the
    README says to use authgate passwd, which keeps them).  htpasswd -v
    takes everything after the first ':' as the hash, so it verifies
    NAME:HASH lines only (as it always did with a ROLES field)."""
    f = tmp_path / "users"
    dave = f"dave:{bcrypt('dave', 'diver')}:member:{day(-1)}:disabled"
    f.write_text(dave + "\nalice:" + bcrypt("alice", "w") + "\n")
    subprocess.run(["htpasswd", "-bB", "-C", "5", str(f), "new", "pw"],
                   check=True, capture_output=True)
    subprocess.run(["htpasswd", "-bB", "-C", "5", str(f), "alice", "w2"],
                   check=True, capture_output=True)
    lines = f.read_text().splitlines()
    assert lines[0] == dave
    assert subprocess.run(["htpasswd", "-vb", str(f), "alice", "w2"],
                          capture_output=True).returncode == 0
    assert subprocess.run(["htpasswd", "-vb", str(f), "dave", "diver"],
                          capture_output=True).returncode != 0
    subprocess.run(["htpasswd", "-bB", "-C", "5", str(f), "dave", "d2"],
                   check=True, capture_output=True)
    line = [l for l in f.read_text().splitlines() if l.startswith("dave:")]
    assert line and line[0].count(":") == 1
