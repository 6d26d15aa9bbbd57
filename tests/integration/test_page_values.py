"""What a refusal page may carry (README, "Error pages"): HEAD is told GET's
Content-Length, no page or header repeats the query string (it may hold
?access_token=ID.SECRET), and no control byte of AuthName reaches the
page, the JSON, the environment or the challenge."""

import re

from agsite import standard_site

PROBLEM = "application/problem+json"
JSON = {"Accept": "application/json"}

TEMPLATE = ("<p>{{method}} {{uri}} {{status}} {{reason}} [{{realm}}]</p>\n"
            "{{#login_url}}<a href=\"{{login_url}}\">in</a>{{/login_url}}\n")


def templated_site(h, extra_dir=""):
    """The standard site, with templates for 401 and 403 in /members/
    (each prints the method) and the built-in pages elsewhere."""
    h.write("tpl.html", TEMPLATE)
    return standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  AuthGateErrorDocument 401 {h.path('tpl.html')}
  AuthGateErrorDocument 403 {h.path('tpl.html')}
  AuthGateLoginURL "https://login.example.com/start?app=site"
{extra_dir}
</Directory>
<Directory "{h.docroot}/admin">
  AuthGateLoginURL /login
</Directory>
""")


def test_head_content_length_is_gets(httpd):
    templated_site(httpd)
    cases = [
        # path, credentials, Accept, status, which page
        ("/admin/", None, None, 401, "built-in"),
        ("/admin/", ("bob", "builder"), None, 403, "built-in"),
        ("/admin/?q=1", None, JSON, 401, "json"),
        ("/admin/", ("bob", "builder"), JSON, 403, "json"),
        ("/members/?x=y", None, None, 401, "template"),
        ("/members/", ("carol", "singer"), None, 403, "template"),
        ("/members/", ("carol", "singer"), JSON, 403, "json"),
    ]
    for path, auth, headers, status, kind in cases:
        get = httpd.get(path, auth=auth, headers=headers)
        head = httpd.get(path, auth=auth, headers=headers, method="HEAD")
        what = f"{kind} {status} {path}"
        assert get.status_code == head.status_code == status, what
        assert int(get.headers["Content-Length"]) == len(get.content), what
        assert head.content == b"", what
        assert head.headers["Content-Length"] == \
            get.headers["Content-Length"], what
        assert head.headers["Content-Type"] == get.headers["Content-Type"]
        if kind == "template":
            assert get.text.startswith("<p>GET /members/ "), get.text
        if kind == "json":
            assert get.headers["Content-Type"] == PROBLEM


SECRET = "ci-deploy.S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3t"
SECRET2 = "other.Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9"
QUERY = (f"next=a&access_token={SECRET}&b=c%20d&access%5Ftoken={SECRET2}"
         f"&z=1&access_token")


def no_secret(r):
    for value in [r.text] + [f"{k}: {v}" for k, v in r.headers.items()]:
        assert "S3cr3t" not in value and "Zz9Zz9" not in value, value
        low = value.lower()
        assert "access_token" not in low and "access%5ftoken" not in low \
            and "access%255ftoken" not in low, value


def test_query_string_is_never_shown(httpd):
    templated_site(httpd)
    # the built-in page: uri is the path, return= keeps the other
    # parameters, in their order, and loses every access_token
    r = httpd.get("/admin/?" + QUERY)
    assert r.status_code == 401
    no_secret(r)
    assert ": GET /admin/</p>" in r.text
    assert 'href="/login?return=%2Fadmin%2F%3Fnext%3Da%26b%3Dc%2520d%26' \
           'z%3D1"' in r.text
    # JSON: instance is the path
    r = httpd.get("/admin/?" + QUERY, headers=JSON)
    no_secret(r)
    doc = r.json()
    assert doc["instance"] == "/admin/"
    assert doc["login_url"] == \
        "/login?return=%2Fadmin%2F%3Fnext%3Da%26b%3Dc%2520d%26z%3D1"
    # a template, for 401 and for 403
    r = httpd.get("/members/?" + QUERY)
    assert r.status_code == 401
    no_secret(r)
    assert r.text.startswith("<p>GET /members/ 401 no-credentials")
    assert ('<a href="https://login.example.com/start?app=site&amp;'
            'return=%2Fmembers%2F%3Fnext%3Da%26b%3Dc%2520d%26z%3D1">in</a>'
            ) in r.text
    r = httpd.get("/members/?" + QUERY, auth=("carol", "singer"))
    assert r.status_code == 403
    no_secret(r)
    assert r.text.startswith("<p>GET /members/ 403 insufficient-role")
    # a query that is only a token leaves no return query at all
    r = httpd.get(f"/admin/?access_token={SECRET}", headers=JSON)
    no_secret(r)
    assert r.json()["login_url"] == "/login?return=%2Fadmin%2F"
    # nor does the error log
    assert "S3cr3t" not in httpd.error_log()


CTL_REALM = "Ctl\x01realm\x1b[31mred\x7fend\ttab"
CLEAN_REALM = "Ctl realm [31mred end tab"
CTL = re.compile(r"[\x00-\x1f\x7f]")


def ctl_site(h):
    h.page("errors/401.shtml",
           'realm=[<!--#echo encoding="none" '
           'var="REDIRECT_AUTHGATE_REALM" -->]\n')
    return standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  AuthName "{CTL_REALM}"
  AuthGateErrorDocument 403 {h.path('tpl.html')}
</Directory>
<Directory "{h.docroot}/admin">
  AuthName "{CTL_REALM} \\"q\\""
</Directory>
<Directory "{h.docroot}/ops">
  AuthName "{CTL_REALM}"
  ErrorDocument 401 /errors/401.shtml
</Directory>
<Directory "{h.docroot}/errors">
  Options +Includes
  AddType text/html .shtml
  AddOutputFilter INCLUDES .shtml
</Directory>
""")


def test_control_bytes_of_authname_never_shown(httpd):
    httpd.write("tpl.html", TEMPLATE)
    ctl_site(httpd)
    # the challenge: a quoted-string without control bytes, the double
    # quote escaped once
    r = httpd.get("/admin/")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == \
        f'Basic realm="{CLEAN_REALM} \\"q\\"", charset="UTF-8"'
    # the built-in page and the JSON
    assert not CTL.search(r.text.replace("\n", ""))
    assert f"{CLEAN_REALM} &quot;q&quot;: GET /admin/" in r.text
    r = httpd.get("/admin/", headers=JSON)
    assert not CTL.search(r.text.replace("\n", ""))
    assert "\\u00" not in r.text
    assert r.json()["realm"] == f'{CLEAN_REALM} "q"'
    # a template
    r = httpd.get("/members/", auth=("carol", "singer"))
    assert r.status_code == 403
    assert r.text.startswith(f"<p>GET /members/ 403 insufficient-role "
                             f"[{CLEAN_REALM}]</p>")
    # the environment, as the site's own ErrorDocument sees it
    r = httpd.get("/ops/")
    assert r.status_code == 401
    assert f"realm=[{CLEAN_REALM}]" in r.text
    for v in r.headers.values():
        assert not CTL.search(v)
