"""The built-in 401 and 403 pages (insufficient-role and not-allowed), in
each language the gate speaks, and a custom template, rendered by a
real browser (Debian's Chromium through playwright-core): screenshots go
to build/screenshots/, and axe-core finds no WCAG 2.1 A/AA violation."""

import json
import os
import shutil
import subprocess

from agsite import standard_site
from conftest import ROOT, basic

SHOTS = ROOT / "build" / "screenshots"
SCRIPT = ROOT / "tests" / "browser" / "check_pages.mjs"


def test_pages_in_chromium_pass_axe(httpd):
    assert shutil.which("node"), "node is installed by make deps"
    assert os.path.exists("/usr/bin/chromium"), "chromium: make deps"
    assert (ROOT / "node_modules" / "playwright-core").is_dir(), \
        "playwright-core and axe-core are installed by make deps (npm ci)"
    httpd.write("branded.html",
                (ROOT / "conf/templates/branded.html").read_text())
    standard_site(httpd, extra_modules=("unique_id",),
                  extra=f"""<Directory "{httpd.docroot}/members">
  AuthGateLoginURL "https://login.example.com/?app=demo"
  AuthGateSupportURL "mailto:help@example.com"
</Directory>
<Directory "{httpd.docroot}/admin">
  AuthGateShowRoles On
  AuthGateSupportURL "/help/"
</Directory>
<Directory "{httpd.docroot}/ops">
  AuthGateErrorDocument 403 {httpd.path("branded.html")}
  AuthGateSupportURL "/help/"
</Directory>
<Directory "{httpd.docroot}/lan">
  AuthType AuthGate
  AuthName "LAN only"
  AuthGateUserFile {httpd.path("users")}
  Require ip 192.0.2.0/24
</Directory>
""")
    httpd.page("lan/index.html")
    pages = [
        {"name": "builtin-401", "url": httpd.url("/members/")},
        {"name": "builtin-403", "url": httpd.url("/admin/"),
         "authorization": basic("bob", "builder")},
        {"name": "template-branded-403", "url": httpd.url("/ops/"),
         "authorization": basic("bob", "builder")},
        # no sign-in page: a reload link and the home page
        {"name": "builtin-401-basic", "url": httpd.url("/ops/")},
        {"name": "builtin-403-not-allowed", "url": httpd.url("/lan/")},
    ]
    # every language, at both sizes: the longer words must fit as well
    for lang in ("en", "de", "fr", "es"):
        pages += [
            {"name": f"{lang}-builtin-401", "url": httpd.url("/members/"),
             "language": lang},
            {"name": f"{lang}-builtin-401-basic", "url": httpd.url("/ops/"),
             "language": lang},
            {"name": f"{lang}-builtin-403", "url": httpd.url("/admin/"),
             "authorization": basic("bob", "builder"), "language": lang},
        ]
    r = subprocess.run(["node", str(SCRIPT), str(SHOTS), json.dumps(pages)],
                       capture_output=True, text=True, timeout=300,
                       cwd=ROOT)
    print(r.stdout)
    print(r.stderr[-3000:])
    summary_line = [x for x in r.stdout.splitlines()
                    if x.startswith("SUMMARY ")]
    assert summary_line, r.stderr[-2000:]
    summary = json.loads(summary_line[-1][len("SUMMARY "):])
    assert len(summary) == 2 * len(pages) == 34
    for entry in summary:
        assert entry["violations"] == [], entry
        assert entry["external"] == [], entry
        assert entry["h1"] == 1, entry
        assert entry["passes"] >= 5, entry
        assert os.path.getsize(entry["screenshot"]) > 5000
        # the page says its language: the one asked for, else English
        assert entry["lang"] == (entry["page"][:2]
                                 if entry["page"][2] == "-" else "en"), entry
    statuses = {e["page"]: e["status"] for e in summary}
    expected = {"builtin-401": 401, "builtin-403": 403,
                "template-branded-403": 403, "builtin-401-basic": 401,
                "builtin-403-not-allowed": 403}
    for lang in ("en", "de", "fr", "es"):
        expected.update({f"{lang}-builtin-401": 401,
                         f"{lang}-builtin-401-basic": 401,
                         f"{lang}-builtin-403": 403})
    assert statuses == expected
    assert r.returncode == 0
