"""Forward-proxy authentication (407, Proxy-Authorization) is not offered
(README, "Known limits"): AuthType AuthGate inside <Proxy> is refused when
the configuration is read, and a forward-proxy request that reaches a gate
area some other way is answered 500, never passed on."""

import base64

import pytest

from conftest import htpasswd, http_backend

PROXY_MODULES = ("proxy", "proxy_http")
MESSAGE = ("forward-proxy authentication (407, Proxy-Authorization) is not "
           "offered")


def gate(users, indent="  "):
    return "\n".join(indent + line for line in [
        "AuthType AuthGate", 'AuthName "Proxy"',
        f"AuthGateUserFile {users}", "Require valid-user"]) + "\n"


@pytest.mark.parametrize("section", [
    '<Proxy "*">\n{gate}</Proxy>\n',
    '<ProxyMatch "^http://">\n{gate}</ProxyMatch>\n',
    # nested, with the type quoted and in another case
    '<VirtualHost 127.0.0.1:{port}>\n<Proxy "http://backend.example/">\n'
    '<If "%{{REQUEST_METHOD}} == \'GET\'">\n'
    '{gate_quoted}</If>\n</Proxy>\n</VirtualHost>\n',
], ids=["proxy", "proxymatch", "nested"])
def test_gate_inside_proxy_section_stops_httpd(httpd, section):
    users = httpd.path("users")
    htpasswd(users, "bob", "builder")
    body = "ProxyRequests On\n" + section.format(
        gate=gate(users), port=httpd.port,
        gate_quoted=gate(users).replace("AuthType AuthGate",
                                        'AuthType "authgate"'))
    httpd.config(body, extra_modules=PROXY_MODULES)
    r = httpd.configtest()
    assert r.returncode != 0
    assert MESSAGE in r.stderr
    assert f"{httpd.conf}:" in r.stderr and "AG00701" in r.stderr
    assert "Syntax OK" not in r.stderr
    with pytest.raises(RuntimeError, match=r"forward-proxy authentication"):
        httpd.start()


def test_proxy_section_without_gate_still_starts(httpd):
    """Only the gate is refused there: other sections, and a gate in
    <Location>, are as they were."""
    users = httpd.path("users")
    htpasswd(users, "bob", "builder")
    httpd.page("p/index.html")
    httpd.config(f"""ProxyRequests Off
<Proxy "http://backend.example/">
  AuthType Basic
  AuthName "Backend"
  AuthUserFile {users}
  Require valid-user
</Proxy>
<Location "/p/">
{gate(users)}</Location>
""", extra_modules=PROXY_MODULES + ("auth_basic", "authn_file"))
    r = httpd.configtest()
    assert r.returncode == 0, r.stderr
    httpd.start()
    assert httpd.get("/p/").status_code == 401
    assert httpd.get("/p/", auth=("bob", "builder")).status_code == 200


@pytest.fixture
def backend():
    with http_backend(lambda handler: b"backend page\n") as port:
        yield port


def test_forward_proxy_request_in_gate_area_answers_500(httpd, backend):
    httpd.allow_error(r"AG00702: a forward-proxy request reached")
    users = httpd.path("users")
    htpasswd(users, "bob", "builder")
    httpd.start(f"""ProxyRequests On
<Proxy "*">
  Require all granted
</Proxy>
<LocationMatch "^http://">
{gate(users)}</LocationMatch>
""", extra_modules=PROXY_MODULES)
    target = f"http://127.0.0.1:{backend}/secret?access_token=ID.S3cr3t"
    creds = base64.b64encode(b"bob:builder")
    for auth in (b"", b"Authorization: Basic " + creds + b"\r\n"):
        status, head, body = httpd.raw(
            b"GET " + target.encode() + b" HTTP/1.1\r\n"
            b"Host: 127.0.0.1:" + str(backend).encode() + b"\r\n" + auth +
            b"Connection: close\r\n\r\n")
        assert status == 500, (head, body)
        assert b"backend page" not in body
        assert b"Something went wrong on our side" in body
        assert "WWW-Authenticate" not in head
        assert "Proxy-Authenticate" not in head
        assert httpd.last_access()[1:] == (500, "server-error")
    log = httpd.error_log()
    assert "forward-proxy authentication is not offered" in log
    assert "S3cr3t" not in log
    # the same site serves local requests as before
    assert httpd.get("/").status_code == 200
