"""The pages speak the visitor's language (README, "Languages"): chosen
by Accept-Language among English, German, French and Spanish, said by
Content-Language and Vary, in HTML and in JSON; templates come in
language variants found next to them; the pages of signing in and out
(the sign-in form, signed-out, cross-site) too."""

import html
import re

import pytest

from agsite import htaccess_site, standard_site
from conftest import area, htpasswd
from test_form import Browser, form_of
from test_form import site as form_site

HTML = "text/html; charset=utf-8"


def vary(r):
    return [v.strip().lower() for v in r.headers.get("Vary", "").split(",")]


@pytest.mark.parametrize("accept_language,lang,title", [
    ("de", "de", "Bitte melden Sie sich an"),
    ("de-CH,de;q=0.9", "de", "Bitte melden Sie sich an"),
    ("fr-CA, en;q=0.5", "fr", "Vous devez vous connecter"),
    ("ES", "es", "Debe iniciar sesión"),
    ("en;q=0.4, de;q=0.7, es;q=0.8", "es", "Debe iniciar sesión"),
    ("it, pt-BR;q=0.9, fr;q=0.1", "fr", "Vous devez vous connecter"),
    ("*", "en", "You need to sign in"),
    ("*;q=0.5, en;q=0, de;q=0", "fr", "Vous devez vous connecter"),
    ("it, pt", "en", "You need to sign in"),          # none: English
    ("de;q=0", "en", "You need to sign in"),
    ("d!e, fr;q=0.2", "fr", "Vous devez vous connecter"),   # junk ignored
    (None, "en", "You need to sign in"),
])
def test_builtin_page_language(httpd, accept_language, lang, title):
    standard_site(httpd)
    headers = {"Accept-Language": accept_language} if accept_language \
        else {}
    r = httpd.get("/members/", headers=headers)
    assert r.status_code == 401
    assert r.headers["Content-Type"] == HTML
    assert r.headers["Content-Language"] == lang
    assert "accept-language" in vary(r) and "accept" in vary(r)
    assert f'<html lang="{lang}">' in r.text
    assert f"<h1>{title}</h1>" in r.text
    # the status line stays httpd's
    assert r.reason == "Unauthorized"
    assert r.headers["WWW-Authenticate"].startswith("Basic realm=")


def test_german_page_in_full(httpd):
    standard_site(httpd)
    de = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"}
    r = httpd.get("/members/", headers=de)
    assert "Fehler 401: Nicht autorisiert" in r.text
    assert "Ihr Browser fragt dann nach Benutzername und Passwort" in r.text
    assert ">Anmelden</a>" in r.text                      # reload link
    assert ">Zur Startseite</a>" in r.text
    for english in ("Sign in", "Error", "home page", "password"):
        assert english not in r.text, english
    # a wrong password, a signed-in user without the role
    r = httpd.get("/members/", auth=("bob", "wrong"), headers=de)
    assert "<h1>Ihre Anmeldung wurde nicht akzeptiert</h1>" in r.text
    assert ">Erneut versuchen</a>" in r.text
    r = httpd.get("/admin/", auth=("bob", "builder"), headers=de)
    assert r.status_code == 403 and r.reason == "Forbidden"
    assert "Fehler 403: Verboten" in r.text
    assert "Benutzername: <strong>bob</strong>" in r.text
    # signed in with Basic: the sign-out URL leads to another account
    assert "Sie können sich auch mit einem anderen Konto anmelden." in r.text
    assert "?authgate=signout\">Mit einem anderen Konto anmelden</a>" \
        in r.text


def test_actions_with_sign_in_page_in_french_and_spanish(httpd):
    standard_site(httpd, extra=f"""<Directory "{httpd.docroot}/admin">
  AuthGateLoginURL /login
  AuthGateSupportURL mailto:help@example.org
</Directory>
""")
    r = httpd.get("/admin/", auth=("bob", "builder"),
                  headers={"Accept-Language": "fr"})
    text = html.unescape(r.text)
    assert ">Se connecter avec un autre compte</a>" in text
    assert ">Obtenir de l'aide</a>" in text
    assert "Aller à la page d'accueil" in text
    assert "Erreur 403\u00a0: Interdit" in text
    r = httpd.get("/admin/", headers={"Accept-Language": "es"})
    assert ">Iniciar sesión</a>" in r.text
    assert "Ir a la página de inicio" in r.text


def test_json_in_french(httpd):
    standard_site(httpd)
    r = httpd.get("/members/", auth=("bob", "wrong"),
                  headers={"Accept": "application/json",
                           "Accept-Language": "fr"})
    assert r.status_code == 401
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.headers["Content-Language"] == "fr"
    assert "accept-language" in vary(r) and "accept" in vary(r)
    p = r.json()
    assert p["title"] == "Votre connexion a été refusée"
    assert p["detail"].startswith(
        "Le nom d'utilisateur ou le mot de passe est incorrect.")
    assert "renvoyez la requête" in p["detail"]
    # the machine-readable members stay as they are
    assert p["reason"] == "invalid-credentials" and p["status"] == 401
    assert p["type"] == "tag:authgate,2026:reason:invalid-credentials"


def test_head_has_the_language_and_the_length(httpd):
    standard_site(httpd)
    es = {"Accept-Language": "es"}
    get = httpd.get("/members/", headers=es)
    r = httpd.get("/members/", method="HEAD", headers=es)
    assert r.status_code == 401 and r.content == b""
    assert r.headers["Content-Language"] == "es"
    assert "accept-language" in vary(r)
    assert int(r.headers["Content-Length"]) == len(get.content)
    # another language, another length: HEAD follows
    en = httpd.get("/members/", method="HEAD")
    assert en.headers["Content-Language"] == "en"
    assert int(en.headers["Content-Length"]) == len(
        httpd.get("/members/").content)


def test_account_expired_day_and_lockout_minutes(httpd):
    users = httpd.path("users")
    htpasswd(users, "eve", "secret")
    htpasswd(users, "bob", "builder")
    lines = []
    for line in users.read_text().splitlines():
        lines.append(line + (":member:2020-06-30:" if line.startswith("eve:")
                             else ""))
    httpd.write("users", "\n".join(lines) + "\n")
    httpd.page("p/index.html")
    httpd.start(area(httpd.docroot / "p", "P", users=users,
                     require="Require valid-user",
                     extra="  AuthGateLockout 1 600"))
    days = {"en": "on 30 June 2020", "de": "am 30. Juni 2020",
            "fr": "le 30 juin 2020", "es": "el 30 de junio de 2020"}
    for lang, day in days.items():
        r = httpd.get("/p/", auth=("eve", "secret"),
                      headers={"Accept-Language": lang})
        assert r.status_code == 401, lang
        assert r.headers["Content-Language"] == lang
        assert day in r.text, (lang, r.text)
    httpd.get("/p/", auth=("bob", "x"))
    minutes = {"en": "Try again in 10 minutes.",
               "de": "Versuchen Sie es in 10 Minuten erneut.",
               "fr": "Réessayez dans 10 minutes.",
               "es": "Vuelva a intentarlo dentro de 10 minutos."}
    for lang, words in minutes.items():
        r = httpd.get("/p/", auth=("bob", "builder"),
                      headers={"Accept-Language": lang})
        assert r.status_code == 429
        assert words in r.text, lang


def variant_site(h, variants, where="httpd.conf", base="base {{lang}} "
                 "{{title}}\n"):
    """/members/ with a 401 template and its language variants."""
    if where == "httpd.conf":
        d = h.path("tpl")
        d.mkdir(exist_ok=True)
        (d / "401.html").write_text(base)
        for tag, text in variants.items():
            (d / f"401.{tag}.html").write_text(text)
        return standard_site(h, extra=f"""<Directory "{h.docroot}/members">
  AuthGateErrorDocument 401 {d}/401.html
</Directory>
""")
    h.page("members/401.html", base)
    for tag, text in variants.items():
        h.page(f"members/401.{tag}.html", text)
    return htaccess_site(h, f"AuthGateErrorDocument 401 "
                            f"{h.docroot}/members/401.html\n")


@pytest.mark.parametrize("where", ["httpd.conf", "htaccess"])
def test_template_variants(httpd, where):
    variant_site(httpd, {"de": "de {{lang}} {{title}}\n",
                         "fr-CA": "fr-CA {{lang}} {{title}}\n",
                         "pt": "pt {{lang}} {{title}}\n"}, where=where)

    def get(al):
        h = {"Accept-Language": al} if al else {}
        return httpd.get("/members/", headers=h)

    r = get("de-AT, en;q=0.5")
    assert r.status_code == 401
    assert r.text == "de de Bitte melden Sie sich an\n"
    assert r.headers["Content-Language"] == "de"
    assert "accept-language" in vary(r)
    # a variant with a region, chosen by its language
    r = get("fr")
    assert r.text == "fr-CA fr-CA Vous devez vous connecter\n"
    assert r.headers["Content-Language"] == "fr-CA"
    # a variant the gate has no words for: its own language, English words
    r = get("pt-BR")
    assert r.text == "pt pt You need to sign in\n"
    assert r.headers["Content-Language"] == "pt"
    # no variant fits (Spanish), none asked for: the base, the default
    for al in ("es", None, "de;q=0, it"):
        r = get(al)
        assert r.text == "base en You need to sign in\n", al
        assert "Content-Language" not in r.headers
        assert "accept-language" in vary(r)
    # JSON never uses a template: the gate's languages
    r = httpd.get("/members/", headers={"Accept": "application/json",
                                        "Accept-Language": "es"})
    assert r.json()["title"] == "Se requiere autenticación"   # an app
    assert r.headers["Content-Language"] == "es"


def test_variants_need_the_base_name(httpd):
    # 401.de.html.bak, 401.x!.html, 401..html, 4011.de.html are not
    # variants of 401.html
    variant_site(httpd, {"de": "de {{title}}\n"})
    d = httpd.path("tpl")
    (d / "401.de.html.bak").write_text("{{nosuch}}\n")
    (d / "401.x!.html").write_text("{{nosuch}}\n")
    (d / "401..html").write_text("{{nosuch}}\n")
    (d / "4011.fr.html").write_text("{{nosuch}}\n")
    httpd.restart()
    r = httpd.get("/members/", headers={"Accept-Language": "fr, de;q=0.1"})
    assert r.text == "de Bitte melden Sie sich an\n"


def test_broken_variant_in_httpd_conf_stops_httpd(httpd):
    d = httpd.path("tpl")
    d.mkdir()
    (d / "401.html").write_text("fine {{title}}\n")
    (d / "401.fr.html").write_text("ok\n{{#user}}\n")
    httpd.page("p/index.html")
    httpd.config(area(httpd.docroot / "p", "P", users=httpd.path("users"),
                      extra=f"  AuthGateErrorDocument 401 {d}/401.html\n"
                            "  Require valid-user"))
    r = httpd.configtest()
    assert r.returncode != 0
    assert f"{d}/401.fr.html:2: the block 'user' is never closed" \
        in r.stderr


def test_broken_variant_in_htaccess_answers_500(httpd):
    httpd.allow_error(r"AG0010[14]: template .*401\.fr\.html")
    variant_site(httpd, {"fr": "ok\n{{nosuch}}\n", "de": "de {{title}}\n"},
                 where="htaccess")
    r = httpd.get("/members/", headers={"Accept-Language": "fr"})
    assert r.status_code == 500
    assert httpd.last_access()[1:] == (500, "server-error")
    assert "401.fr.html: line 2: unknown name 'nosuch'" in httpd.error_log()
    # the other languages are not affected
    r = httpd.get("/members/", headers={"Accept-Language": "de"})
    assert r.status_code == 401 and r.text == "de Bitte melden Sie sich an\n"


def test_htaccess_variant_may_not_leave_its_directory(httpd):
    """A variant is a template named in .htaccess: a link out of the
    directory is refused like the template itself would be."""
    httpd.allow_error(r"AG0010[14]: template .*401\.de\.html")
    secret = httpd.path("outside.html")
    secret.write_text("outside secret\n")
    variant_site(httpd, {}, where="htaccess")
    (httpd.docroot / "members" / "401.de.html").symlink_to(secret)
    httpd.restart()
    r = httpd.get("/members/", headers={"Accept-Language": "de"})
    assert r.status_code == 500
    assert "outside secret" not in r.text


# -- the pages of signing in and out (README, "Signing in with a form") ------

FORM_WORDS = {
    # user name label, password label, button, title, hint, status
    "en": ("User name", "Password", "Sign in", "You need to sign in",
           "Enter your user name and password below.", "Unauthorized"),
    "de": ("Benutzername", "Passwort", "Anmelden",
           "Bitte melden Sie sich an",
           "Geben Sie unten Ihren Benutzernamen und Ihr Passwort ein.",
           "Nicht autorisiert"),
    "fr": ("Nom d'utilisateur", "Mot de passe", "Se connecter",
           "Vous devez vous connecter",
           "Saisissez ci-dessous votre nom d'utilisateur et votre mot de "
           "passe.", "Non autorisé"),
    "es": ("Nombre de usuario", "Contraseña", "Iniciar sesión",
           "Debe iniciar sesión",
           "Introduzca a continuación su nombre de usuario y su "
           "contraseña.", "No autorizado"),
}


def signin_form(text):
    """The sign-in form's HTML in a page, its anti-forgery value blanked
    (it differs with every page)."""
    m = re.search(r'<form class="signin".*?</form>\n', text, re.S)
    assert m, "no sign-in form in the page:\n" + text
    return re.sub(r'name="ag_csrf" value="[^"]*"', 'name="ag_csrf" value=""',
                  m.group(0))


def shown(text):
    """What a page shows: its text without the markup."""
    return html.unescape(re.sub(r"<[^>]*>", " ", text))


def form_browser(h, lang):
    b = Browser(h)
    if lang:
        b.s.headers["Accept-Language"] = lang
    return b


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
def test_form_page_in_the_visitors_language(httpd, lang):
    """The form's labels and button, and the page around it, in the
    language asked for; the form's markup, ids, names and autocomplete
    attributes exactly the English form's, so password managers and
    scripts find it in every language."""
    h = form_site(httpd)
    user, password, button, title, hint, status = FORM_WORDS[lang]
    r = h.get("/f/sub/page.html", headers={"Accept-Language": lang})
    assert r.status_code == 401
    assert r.headers["Content-Language"] == lang
    assert "accept-language" in vary(r)
    assert r.headers["WWW-Authenticate"] == 'Form realm="Form area"'
    text = html.unescape(r.text)
    assert f'<html lang="{lang}">' in text
    assert f"<h1>{title}</h1>" in text
    assert f"<p>{hint}</p>" in text
    assert f"{status}</p>" in text
    assert f'<label for="ag-user">{user}</label>' in text
    assert f'<label for="ag-password">{password}</label>' in text
    assert f'<button class="button" type="submit">{button}</button>' in text
    for english in ("User name", "Password", "Sign in", "below", "reload"):
        assert english not in shown(r.text), english
    # the same form as in English, but for its three words
    en = h.get("/f/sub/page.html").text
    want = signin_form(en)
    for i, word in enumerate(FORM_WORDS["en"][:3]):
        want = want.replace(f">{word}<", ">" + html.escape(
            FORM_WORDS[lang][i], quote=True).replace("&#x27;", "&#39;") +
            "<")
    assert signin_form(r.text) == want
    # and it signs in as well as the English one
    b = form_browser(h, lang)
    r = b.sign_in("/f/sub/page.html", "alice", "wonderland")
    assert r.status_code == 303 and r.headers["Location"] == \
        "/f/sub/page.html"
    assert b.get("/f/sub/page.html").text == "f sub page\n"


def test_wrong_password_through_the_form_in_german(httpd):
    h = form_site(httpd)
    b = form_browser(h, "de-DE,de;q=0.9,en;q=0.5")
    r = b.sign_in("/f/", "alice", "wrong")
    assert r.status_code == 401
    assert h.last_access()[2] == "invalid-credentials"
    assert r.headers["Content-Language"] == "de"
    t = r.text
    assert "<h1>Ihre Anmeldung wurde nicht akzeptiert</h1>" in t
    assert "Benutzername oder Passwort ist nicht korrekt." in t
    assert "und versuchen Sie es unten erneut.</p>" in t
    assert "Fehler 401: Nicht autorisiert" in t
    assert '<label for="ag-user">Benutzername</label>' in t
    assert 'value="alice"' in t                 # the name is kept
    assert 'type="submit">Anmelden</button>' in t
    for english in ("Sign in", "try again", "password", "Password",
                    "laden Sie die Seite neu"):
        assert english not in shown(t), english
    # the form shown again still works
    action, csrf, ret = form_of(t)
    r = b.post(action, {"ag_user": "alice", "ag_password": "wonderland",
                        "ag_csrf": csrf, "ag_return": ret})
    assert r.status_code == 303


def test_signed_out_page_in_french(httpd):
    h = form_site(httpd)
    b = form_browser(h, "fr-CH, fr;q=0.9")
    assert b.sign_in("/f/", "alice", "wonderland").status_code == 303
    r = b.signout("/f/sub/page.html")
    assert r.status_code == 401
    assert h.last_access()[2] == "signed-out"
    assert r.headers["Content-Language"] == "fr"
    t = html.unescape(r.text)
    assert '<html lang="fr">' in t
    assert "<h1>Vous êtes déconnecté</h1>" in t
    assert "Votre session sur ce site est terminée." in t
    assert "<p>Pour revenir, connectez-vous ci-dessous.</p>" in t
    assert "Erreur 401\u00a0: Non autorisé" in t
    assert "<label for=\"ag-user\">Nom d'utilisateur</label>" in t
    assert 'type="submit">Se connecter</button>' in t
    assert form_of(r.text)[0] == "/f/sub/page.html"
    for english in ("signed out", "Sign in", "User name", "Unauthorized"):
        assert english not in shown(r.text), english
    assert b.get("/f/").status_code == 401
    # Basic's sign-out: no form, the browser's dialog asks again
    r = h.get("/basic/?authgate=signout", auth=("alice", "wonderland"),
              headers={"Sec-Fetch-Site": "same-origin",
                       "Accept-Language": "fr"})
    assert r.status_code == 401
    assert r.headers["Content-Language"] == "fr"
    t = html.unescape(r.text)
    assert "<h1>Vous êtes déconnecté</h1>" in t
    assert "Pour revenir, actualisez la page et connectez-vous lorsque " \
        "votre navigateur vous le demande." in t
    assert "<form" not in t


def test_cross_site_page_in_spanish(httpd):
    h = form_site(httpd)
    b = form_browser(h, "es-MX, es;q=0.9")
    # a sign-in posted from another site
    r = b.sign_in("/f/", "alice", "wonderland",
                  headers={"Origin": "http://evil.example",
                           "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert h.last_access()[2] == "cross-site"
    assert r.headers["Content-Language"] == "es"
    t = r.text
    assert "<h1>No se aceptó esta solicitud</h1>" in t
    assert "Un inicio o cierre de sesión debe hacerse desde una página de " \
        "este sitio" in t
    assert "Vaya a la página que quería abrir y vuelva a intentarlo desde " \
        "allí." in t
    assert "Error 403: Prohibido" in t
    # a fresh form, in Spanish, with the name typed
    assert '<label for="ag-user">Nombre de usuario</label>' in t
    assert 'type="submit">Iniciar sesión</button>' in t
    assert 'value="alice"' in t
    # nobody is signed in: no "sign in as someone else"
    assert "otra cuenta" not in t
    for english in ("This request", "Forbidden", "Sign in", "User name"):
        assert english not in shown(t), english
    assert not b.session_cookie()
    # a sign-out from another site, of a person signed in
    assert b.sign_in("/f/", "alice", "wonderland").status_code == 303
    r = b.get("/f/?authgate=signout",
              headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert r.headers["Content-Language"] == "es"
    assert "<h1>No se aceptó esta solicitud</h1>" in r.text
    assert b.get("/f/").status_code == 200     # still signed in


def test_form_area_json_in_german(httpd):
    """An app in a Form area: no form in JSON, and words for an app."""
    h = form_site(httpd)
    r = h.get("/f/", headers={"Accept": "application/json",
                              "Accept-Language": "de"})
    assert r.status_code == 401
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.headers["Content-Language"] == "de"
    p = r.json()
    assert p["title"] == "Anmeldung erforderlich"
    assert "unten" not in p["detail"]
    assert "<form" not in r.text and "ag_csrf" not in r.text
    r = h.get("/f/?authgate=signout", headers={
        "Accept": "application/json", "Accept-Language": "de",
        "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert r.json()["title"] == "Diese Anfrage wurde nicht angenommen"
    assert r.json()["detail"].startswith("Eine Anmeldung oder Abmeldung "
                                         "muss von einer Seite dieser "
                                         "Website selbst kommen.")


def test_form_in_a_template_variant(httpd):
    """{{signin_form}} in a template's variant: the form in the variant's
    language; in the template without a language, English."""
    d = httpd.path("tpl")
    d.mkdir(exist_ok=True)
    (d / "401.html").write_text("base {{lang}}\n{{signin_form}}")
    (d / "401.de.html").write_text("de {{lang}}\n{{signin_form}}")
    h = form_site(httpd, extra=f"""<Directory "{httpd.docroot}/f">
  AuthGateErrorDocument 401 {d}/401.html
</Directory>
""")
    r = h.get("/f/", headers={"Accept-Language": "de"})
    assert r.status_code == 401
    assert r.headers["Content-Language"] == "de"
    assert r.text.startswith("de de\n<form class=\"signin\"")
    assert '<label for="ag-user">Benutzername</label>' in r.text
    assert 'type="submit">Anmelden</button>' in r.text
    r = h.get("/f/", headers={"Accept-Language": "es"})
    assert "Content-Language" not in r.headers
    assert r.text.startswith("base en\n<form class=\"signin\"")
    assert '<label for="ag-user">User name</label>' in r.text
