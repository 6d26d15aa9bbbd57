"""A site with API tokens (README, "Token file"): users, roles and a token
file, an API area that takes Bearer only and areas that take both schemes."""

import base64
import hashlib
import os
import time

from conftest import area, htpasswd

USERS = {"alice": "wonderland", "bob": "builder"}
ROLES = "member: alice bob\nadmin: alice\ndeploy: svc-deploy\n"


def utc(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def new_secret():
    return base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()


class Tokens:
    """The token file, written whole on every change."""

    def __init__(self, h):
        self.h = h
        self.lines = ["# id:hash:user:roles:expires:state"]
        self.secrets = {}

    def add(self, tid, user, roles="*", expires="never", state="active",
            secret=None):
        secret = secret or new_secret()
        if not isinstance(expires, str):
            expires = utc(expires)
        digest = hashlib.sha256(secret.encode()).hexdigest()
        self.lines.append(
            f"{tid}:sha256${digest}:{user}:{roles}:{expires}:{state}")
        self.secrets[tid] = secret
        return f"{tid}.{secret}"

    def token(self, tid):
        return f"{tid}.{self.secrets[tid]}"

    def write(self):
        return self.h.write("tokens", "\n".join(self.lines) + "\n")


def bearer(token):
    return {"Authorization": "Bearer " + token}


def challenges(r):
    """Every WWW-Authenticate header of a response, one item each."""
    return r.raw.headers.getlist("WWW-Authenticate")


def token_site(h, tokens=None, extra=""):
    users = h.path("users")
    for name, pw in USERS.items():
        htpasswd(users, name, pw)
    with open(users, "a") as f:
        f.write("svc-deploy:!\n")
    h.write("roles", ROLES)
    tokens = tokens or Tokens(h)
    tokens.write()
    for d in ("api", "mixed", "admin", "deploy", "reversed"):
        h.page(d + "/index.html", d + " page\n")
    common = dict(users=users, roles=h.path("roles"),
                  tokens=h.path("tokens"))
    body = (area(h.docroot / "api", '"API"', require="Require role member",
                 extra="  AuthGateScheme Bearer", **common) +
            area(h.docroot / "mixed", '"Mixed"',
                 require="Require role member", **common) +
            area(h.docroot / "reversed", '"Mixed"',
                 require="Require role member",
                 extra="  AuthGateScheme Bearer Basic", **common) +
            area(h.docroot / "admin", '"Admin"',
                 require="Require role admin", **common) +
            area(h.docroot / "deploy", '"Deploy"',
                 require="Require role deploy", **common) +
            extra)
    h.config(body)
    h.start()
    return tokens
