"""A standard protected site used by many tests: a public page, /members/
(Require role member) and /admin/ (Require role admin)."""

from conftest import area, htpasswd

USERS = {
    # name: (password, roles in the user file)
    "alice": ("wonderland", "admin"),
    "bob": ("builder", ""),
    "carol": ("singer", ""),
}
ROLES = "member: alice bob\n# comment\nops: carol\n"


def standard_site(h, extra="", extra_modules=()):
    users = h.path("users")
    for name, (pw, _) in USERS.items():
        htpasswd(users, name, pw)
    # add the roles field to alice's line (htpasswd keeps NAME:HASH)
    lines = []
    for line in users.read_text().splitlines():
        name = line.split(":", 1)[0]
        roles = USERS[name][1]
        lines.append(line + (":" + roles if roles else ""))
    h.write("users", "\n".join(lines) + "\n")
    h.write("roles", ROLES)
    for d in ("members", "admin", "ops"):
        h.page(d + "/index.html", d + " page\n")
    body = (area(h.docroot / "members", '"Members area"', users=users,
                 roles=h.path("roles"), require="Require role member") +
            area(h.docroot / "admin", '"Admin area"', users=users,
                 roles=h.path("roles"), require="Require role admin") +
            area(h.docroot / "ops", '"Ops"', users=users,
                 roles=h.path("roles"), require="Require role ops admin") +
            extra)
    h.config(body, extra_modules=extra_modules)
    return h.start()


def htaccess_site(h, htaccess, extra=""):
    """The standard site, with /members/ open to .htaccess (AuthConfig)
    and its .htaccess holding the given lines."""
    standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  AllowOverride AuthConfig
</Directory>
{extra}""")
    h.page("members/.htaccess", htaccess)
    return h
