/*
 * test_lang.c - the pages in every language the gate speaks (README,
 * "Languages"): every case of every reason has its words in each
 * language, none of them left in English, with the same checks as the
 * English words (an app is never told to reload a page, an area speaks
 * of what it takes, a first visit is not "sign in again", a page with
 * the sign-in form points to it); days, minutes, the built-in page and
 * the sign-in form's strings.
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_page.h"
#include "ag_words.h"
#include "unit.h"

/* What each language calls the things the checks look for (lowercase). */
static const struct {
    const char *tag;
    const char *reload, *browser, *private_window, *password, *token;
    const char *again[3];
    const char *below;          /* "the form below" */
} lex[] = {
    { "en", "reload", "browser", "private window", "password", "token",
      { "again", "new access", NULL }, "below" },
    { "de", "seite neu", "browser", "privaten fenster", "passwort",
      "token", { "erneut", "noch einmal", "wieder" }, "unten" },
    { "fr", "actualisez", "navigateur", "navigation priv", "mot de passe",
      "jeton", { "reconnect", "de nouveau", "à nouveau" }, "ci-dessous" },
    { "es", "actualice", "navegador", "ventana privada", "contraseña",
      "token", { "de nuevo", "volver", "vuelva" }, "a continuación" },
};
#define NLEX (sizeof(lex) / sizeof(lex[0]))

static int has(const char *s, const char *needle)
{
    char *low = apr_pstrdup(ut_pool, s ? s : "");

    for (char *p = low; *p; p++) {
        *p = (char)apr_tolower((unsigned char)*p);
    }
    return needle && strstr(low, needle) != NULL;
}

static int set(const char *s)
{
    return s && *s;
}

static const unsigned areas[] = {
    AG_SCHEME_BASIC, AG_SCHEME_BEARER, AG_SCHEME_BASIC | AG_SCHEME_BEARER
};
static const ag_scheme_e sent[] = {
    AG_SCHEME_NONE, AG_SCHEME_BASIC, AG_SCHEME_BEARER
};

/* The values of case k of reason in lang. */
static void words(const char **v, ag_reason_e reason, unsigned k,
                  const char *lang, ag_page_case_t *c)
{
    static const char *logins[] = { NULL, "/login?return=%2Fm%2F" };
    static const char *supports[] = { NULL, "mailto:help@example.org" };
    static const char *users[] = { NULL, "bob" };
    /* as ag_signin_form() makes it; what the words look at is that it
     * is there */
    static const char form[] =
        "<form class=\"signin\" method=\"post\" action=\"/m/\">"
        "<button type=\"submit\">Sign in</button></form>";

    memset(v, 0, sizeof(*v) * AG_TV_COUNT);
    c->schemes = areas[k % 3], k /= 3;
    c->app = (int)(k % 2), k /= 2;
    c->used = sent[k % 3], k /= 3;
    c->lang = lang;
    v[AG_TV_LOGIN_URL] = logins[k % 2], k /= 2;
    v[AG_TV_SUPPORT_URL] = supports[k % 2], k /= 2;
    v[AG_TV_USER] = users[k % 2], k /= 2;
    v[AG_TV_URI] = k % 2 ? "/" : "/m/", k /= 2;
    /* the form shows only in a Form area, never to a client that sent
     * a token (authgate_session_form) */
    if (k % 2 && c->used != AG_SCHEME_BEARER) {
        v[AG_TV_SIGNIN_FORM] = form;
        c->schemes |= AG_SCHEME_FORM;
    }
    v[AG_TV_UNTIL] = "2027-06-30";
    v[AG_TV_RETRY_AFTER] = "600";
    v[AG_TV_STATUS] = apr_itoa(ut_pool, ag_reason_status(reason));
    v[AG_TV_REASON] = ag_reason_name(reason);
    v[AG_TV_METHOD] = "GET";
    ag_page_words(v, reason, c, ut_pool);
}

#define CASES (3 * 2 * 3 * 2 * 2 * 2 * 2 * 2)

/* An app in an area that takes the form alone is told where else to
 * turn, not to send Basic (refused there) or to reload a page. */
START_TEST(app_in_a_form_only_area)
{
    static const struct {
        const char *tag, *word;
    } want[] = {
        { "en", "web page only" }, { "de", "nur über seine Webseite" },
        { "fr", "que par sa page web" }, { "es", "solo admite" },
    };

    for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const char *v[AG_TV_COUNT] = { 0 };
        ag_page_case_t c = { 1, AG_SCHEME_FORM, AG_SCHEME_NONE,
                             want[i].tag };

        v[AG_TV_URI] = "/m/";
        ag_page_words(v, AG_REASON_NO_CREDENTIALS, &c, ut_pool);
        ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], want[i].word));
        ck_assert_ptr_null(strstr(v[AG_TV_HINT], "Basic"));
    }
}
END_TEST

/* The sign-out button speaks the page's language: "Sign in as someone
 * else" on a 403 (no second button for it), "Sign out" elsewhere. */
START_TEST(signout_label_in_every_language)
{
    static const struct {
        const char *tag, *other, *out;
    } want[] = {
        { "en", "Sign in as someone else", "Sign out" },
        { "de", "Mit einem anderen Konto anmelden", "Abmelden" },
    };

    for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const char *v[AG_TV_COUNT] = { 0 };
        ag_page_case_t c = { 0, AG_SCHEME_BASIC, AG_SCHEME_BASIC,
                             want[i].tag };

        v[AG_TV_USER] = "bob";
        v[AG_TV_SIGNOUT_URL] = "/m/?authgate=signout";
        v[AG_TV_LOGIN_URL] = "/login";
        ag_page_words(v, AG_REASON_INSUFFICIENT_ROLE, &c, ut_pool);
        ck_assert_str_eq(v[AG_TV_SIGNOUT_LABEL], want[i].other);
        ck_assert_ptr_null(v[AG_TV_LOGIN_LABEL]);
        memset(v, 0, sizeof(v));
        v[AG_TV_SIGNOUT_URL] = "/m/?authgate=signout";
        ag_page_words(v, AG_REASON_SERVER_ERROR, &c, ut_pool);
        ck_assert_str_eq(v[AG_TV_SIGNOUT_LABEL], want[i].out);
    }
}
END_TEST

/* One test per reason, every case, every language. */
START_TEST(every_case_in_every_language)
{
    ag_reason_e reason = (ag_reason_e)(_i + 1);
    static const ag_tvar_e said[] = {
        AG_TV_TITLE, AG_TV_MESSAGE, AG_TV_HINT, AG_TV_STATUS_TEXT,
        AG_TV_LOGIN_LABEL, AG_TV_RETRY_LABEL
    };

    ck_assert_int_eq(ag_page_init(ut_pool), APR_SUCCESS);
    for (unsigned l = 0; l < NLEX; l++) {
        for (unsigned k = 0; k < CASES; k++) {
            const char *v[AG_TV_COUNT], *en[AG_TV_COUNT], *all, *html;
            ag_page_case_t c, ce;

            words(v, reason, k, lex[l].tag, &c);
            words(en, reason, k, "en", &ce);
            all = apr_pstrcat(ut_pool, v[AG_TV_TITLE], " | ",
                              v[AG_TV_MESSAGE], " | ", v[AG_TV_HINT], NULL);
            ck_assert_msg(set(v[AG_TV_TITLE]) && set(v[AG_TV_MESSAGE])
                          && set(v[AG_TV_HINT])
                          && set(v[AG_TV_STATUS_TEXT]),
                          "%s %s case %u: missing words", lex[l].tag,
                          v[AG_TV_REASON], k);
            ck_assert_str_eq(v[AG_TV_LANG], lex[l].tag);
            ck_assert_msg(v[AG_TV_HINT][strlen(v[AG_TV_HINT]) - 1] == '.',
                          "%s %s case %u: the hint is not a sentence: %s",
                          lex[l].tag, v[AG_TV_REASON], k, v[AG_TV_HINT]);
            /* the same actions as in English, in other words */
            for (unsigned i = 0; i < sizeof(said) / sizeof(said[0]); i++) {
                ck_assert_msg(set(v[said[i]]) == set(en[said[i]]),
                              "%s %s case %u: %s differs from English",
                              lex[l].tag, v[AG_TV_REASON], k,
                              ag_template_var_name(said[i]));
                ck_assert_msg(l == 0 || !set(v[said[i]])
                              || strcmp(v[said[i]], en[said[i]]) != 0,
                              "%s %s case %u: %s left in English: %s",
                              lex[l].tag, v[AG_TV_REASON], k,
                              ag_template_var_name(said[i]), v[said[i]]);
            }
            ck_assert_ptr_eq(v[AG_TV_HOME_URL], en[AG_TV_HOME_URL]);
            if (l > 0) {
                /* English words a translation would have replaced */
                ck_assert_msg(!has(all, " the ") && !has(all, "sign in")
                              && !has(all, "password")
                              && !has(all, "access token")
                              && !has(all, "please") && !has(all, " you"),
                              "%s %s case %u: English left: %s",
                              lex[l].tag, v[AG_TV_REASON], k, all);
            }
            if (c.app) {
                ck_assert_msg(!has(all, lex[l].reload)
                              && !has(all, lex[l].browser)
                              && !has(all, lex[l].private_window),
                              "%s %s case %u tells an app: %s", lex[l].tag,
                              v[AG_TV_REASON], k, all);
            }
            if (c.schemes == AG_SCHEME_BEARER) {
                ck_assert_msg(!has(all, lex[l].password),
                              "%s %s case %u: a token area speaks of "
                              "passwords: %s", lex[l].tag, v[AG_TV_REASON],
                              k, all);
            }
            if ((c.schemes & ~(unsigned)AG_SCHEME_FORM) == AG_SCHEME_BASIC
                && reason != AG_REASON_TOKEN_INVALID
                && reason != AG_REASON_TOKEN_EXPIRED
                && reason != AG_REASON_TOKEN_REVOKED) {
                ck_assert_msg(!has(all, lex[l].token),
                              "%s %s case %u: a password area speaks of "
                              "tokens: %s", lex[l].tag, v[AG_TV_REASON], k,
                              all);
            }
            if (set(v[AG_TV_SIGNIN_FORM]) && !c.app) {
                /* the form is the way in: nobody is sent to reload the
                 * page or to wait for the browser's dialog */
                ck_assert_msg(!has(all, lex[l].reload),
                              "%s %s case %u: a page with the form says "
                              "reload: %s", lex[l].tag, v[AG_TV_REASON], k,
                              all);
            }
            if (reason == AG_REASON_NO_CREDENTIALS) {
                for (int a = 0; a < 3; a++) {
                    ck_assert_msg(!has(all, lex[l].again[a]),
                                  "%s case %u: a first visit is told: %s",
                                  lex[l].tag, k, all);
                }
            }
            /* the page in that language, with an action */
            html = ag_template_render(ag_page_builtin(lex[l].tag), v, NULL,
                                      ut_pool);
            ck_assert_ptr_nonnull(strstr(html, apr_pstrcat(ut_pool,
                "<html lang=\"", lex[l].tag, "\">", NULL)));
            /* (the form, when it is on the page, is one: its button) */
            ck_assert_msg(strstr(html, "<a ") != NULL
                          || strstr(html, "<button") != NULL,
                          "%s %s case %u: a page without an action",
                          lex[l].tag, v[AG_TV_REASON], k);
            ck_assert_ptr_nonnull(strstr(ag_page_problem_json(v, NULL,
                                                              ut_pool),
                                         v[AG_TV_TITLE]));
        }
    }
}
END_TEST

/* With the sign-in form on the page, a person's hint points to it, in
 * every language: "below", "unten", "ci-dessous", "a continuación". */
START_TEST(form_hints_in_every_language)
{
    static const ag_reason_e with_form[] = {
        AG_REASON_NO_CREDENTIALS, AG_REASON_UNSUPPORTED_SCHEME,
        AG_REASON_MALFORMED_CREDENTIALS, AG_REASON_INVALID_CREDENTIALS,
        AG_REASON_BUSY, AG_REASON_ACCOUNT_EXPIRED,
        AG_REASON_ACCOUNT_DISABLED, AG_REASON_SIGNED_OUT
    };
    static const unsigned form_areas[] = {
        AG_SCHEME_FORM, AG_SCHEME_FORM | AG_SCHEME_BASIC,
        AG_SCHEME_FORM | AG_SCHEME_BEARER,
        AG_SCHEME_FORM | AG_SCHEME_BASIC | AG_SCHEME_BEARER
    };

    for (unsigned l = 0; l < NLEX; l++) {
        for (unsigned i = 0; i < sizeof(with_form) / sizeof(*with_form);
             i++) {
            for (unsigned a = 0; a < 4; a++) {
                const char *v[AG_TV_COUNT] = { 0 }, *plain[AG_TV_COUNT] = {
                    0 };
                ag_page_case_t c = { 0, form_areas[a], AG_SCHEME_NONE,
                                     lex[l].tag };
                ag_page_case_t cb = { 0, AG_SCHEME_BASIC, AG_SCHEME_NONE,
                                      lex[l].tag };

                v[AG_TV_SIGNIN_FORM] = "<form></form>";
                v[AG_TV_LOGIN_URL] = "/login";
                ag_page_words(v, with_form[i], &c, ut_pool);
                ag_page_words(plain, with_form[i], &cb, ut_pool);
                ck_assert_msg(has(v[AG_TV_HINT], lex[l].below),
                              "%s %s area %u: the hint does not point to "
                              "the form: %s", lex[l].tag,
                              ag_reason_name(with_form[i]), a,
                              v[AG_TV_HINT]);
                ck_assert_msg(!has(plain[AG_TV_HINT], lex[l].below),
                              "%s %s: a page without the form points to "
                              "it: %s", lex[l].tag,
                              ag_reason_name(with_form[i]),
                              plain[AG_TV_HINT]);
                /* the rest as without the form */
                ck_assert_str_eq(v[AG_TV_TITLE], plain[AG_TV_TITLE]);
                ck_assert_str_eq(v[AG_TV_STATUS_TEXT],
                                 plain[AG_TV_STATUS_TEXT]);
            }
        }
    }
    /* a few in full */
    {
        static const struct {
            const char *lang;
            ag_reason_e reason;
            const char *hint;
        } want[] = {
            { "en", AG_REASON_NO_CREDENTIALS,
              "Enter your user name and password below." },
            { "de", AG_REASON_INVALID_CREDENTIALS,
              "Prüfen Sie beides (beim Passwort wird zwischen Groß- und "
              "Kleinschreibung unterschieden) und versuchen Sie es unten "
              "erneut." },
            { "fr", AG_REASON_SIGNED_OUT,
              "Pour revenir, connectez-vous ci-dessous." },
            { "es", AG_REASON_NO_CREDENTIALS,
              "Introduzca a continuación su nombre de usuario y su "
              "contraseña." },
        };

        for (unsigned i = 0; i < sizeof(want) / sizeof(*want); i++) {
            const char *v[AG_TV_COUNT] = { 0 };
            ag_page_case_t c = { 0, AG_SCHEME_FORM, AG_SCHEME_NONE,
                                 want[i].lang };

            v[AG_TV_SIGNIN_FORM] = "<form></form>";
            ag_page_words(v, want[i].reason, &c, ut_pool);
            ck_assert_str_eq(v[AG_TV_HINT], want[i].hint);
        }
    }
    /* an app, which fills in no form, is told what it must send */
    {
        const char *v[AG_TV_COUNT] = { 0 };
        ag_page_case_t c = { 1, AG_SCHEME_FORM | AG_SCHEME_BEARER,
                             AG_SCHEME_NONE, "de" };

        v[AG_TV_SIGNIN_FORM] = "<form></form>";
        ag_page_words(v, AG_REASON_NO_CREDENTIALS, &c, ut_pool);
        ck_assert_str_eq(v[AG_TV_HINT], "Senden Sie mit der Anfrage ein "
                         "Zugriffstoken im Header Authorization: Bearer.");
    }
}
END_TEST

/* signed-out and cross-site, like every other reason, in the visitor's
 * language, to a person and to an app. */
START_TEST(signed_out_and_cross_site)
{
    static const struct {
        const char *lang, *out_title, *cs_title, *out_401, *cs_403;
    } want[] = {
        { "en", "You are signed out", "This request was not accepted",
          "Unauthorized", "Forbidden" },
        { "de", "Sie sind abgemeldet", "Diese Anfrage wurde nicht "
          "angenommen", "Nicht autorisiert", "Verboten" },
        { "fr", "Vous êtes déconnecté", "Cette requête n'a pas été "
          "acceptée", "Non autorisé", "Interdit" },
        { "es", "Ha cerrado la sesión", "No se aceptó esta solicitud",
          "No autorizado", "Prohibido" },
    };

    for (unsigned i = 0; i < sizeof(want) / sizeof(*want); i++) {
        const char *v[AG_TV_COUNT] = { 0 };
        ag_page_case_t c = { 0, AG_SCHEME_BASIC, AG_SCHEME_BASIC,
                             want[i].lang };

        ag_page_words(v, AG_REASON_SIGNED_OUT, &c, ut_pool);
        ck_assert_str_eq(v[AG_TV_TITLE], want[i].out_title);
        ck_assert_str_eq(v[AG_TV_STATUS_TEXT], want[i].out_401);
        ck_assert_str_eq(v[AG_TV_LANG], want[i].lang);
        memset(v, 0, sizeof(v));
        v[AG_TV_USER] = "bob";          /* the name typed into the form */
        ag_page_words(v, AG_REASON_CROSS_SITE, &c, ut_pool);
        ck_assert_str_eq(v[AG_TV_TITLE], want[i].cs_title);
        ck_assert_str_eq(v[AG_TV_STATUS_TEXT], want[i].cs_403);
        /* not "you can also sign in as someone else": nobody is
         * signed in; the hint is the one without a name */
        {
            const char *hint = v[AG_TV_HINT];

            memset(v, 0, sizeof(v));
            ag_page_words(v, AG_REASON_CROSS_SITE, &c, ut_pool);
            ck_assert_str_eq(hint, v[AG_TV_HINT]);
        }
    }
}
END_TEST

static const char *say(ag_reason_e reason, const char *lang, int app,
                       ag_tvar_e var, const char *until,
                       const char *retry)
{
    const char **v = apr_pcalloc(ut_pool, sizeof(*v) * AG_TV_COUNT);
    ag_page_case_t c = { app, AG_SCHEME_BASIC, AG_SCHEME_BASIC, lang };

    v[AG_TV_UNTIL] = until;
    v[AG_TV_RETRY_AFTER] = retry;
    v[AG_TV_URI] = "/m/";
    ag_page_words(v, reason, &c, ut_pool);
    return v[var];
}

START_TEST(days_and_minutes)
{
    ck_assert_ptr_nonnull(strstr(say(AG_REASON_ACCOUNT_EXPIRED, "en", 0,
        AG_TV_MESSAGE, "2027-06-30", NULL), "on 30 June 2027"));
    ck_assert_ptr_nonnull(strstr(say(AG_REASON_ACCOUNT_EXPIRED, "de", 0,
        AG_TV_MESSAGE, "2027-06-30", NULL), "am 30. Juni 2027 abgelaufen"));
    ck_assert_ptr_nonnull(strstr(say(AG_REASON_ACCOUNT_EXPIRED, "fr", 0,
        AG_TV_MESSAGE, "2027-06-30", NULL), "le 30 juin 2027"));
    ck_assert_ptr_nonnull(strstr(say(AG_REASON_ACCOUNT_EXPIRED, "fr", 0,
        AG_TV_MESSAGE, "2027-07-01", NULL), "le 1er juillet 2027"));
    ck_assert_ptr_nonnull(strstr(say(AG_REASON_ACCOUNT_EXPIRED, "es", 0,
        AG_TV_MESSAGE, "2027-06-30", NULL), "el 30 de junio de 2027"));
    ck_assert_ptr_nonnull(strstr(say(AG_REASON_ACCOUNT_EXPIRED, "de", 1,
        AG_TV_MESSAGE, "2027-12-01", NULL),
        "Der letzte Zugangstag war der 1. Dezember 2027 (UTC)."));
    /* no day: the words without one */
    ck_assert_str_eq(say(AG_REASON_ACCOUNT_EXPIRED, "es", 0, AG_TV_MESSAGE,
                         "junk", NULL),
                     "Su acceso ha caducado. Sus datos de acceso son "
                     "correctos, pero la cuenta ya no se puede usar.");
    ck_assert_str_eq(say(AG_REASON_LOCKED_OUT, "de", 0, AG_TV_HINT, NULL,
                         "600"), "Versuchen Sie es in 10 Minuten erneut.");
    ck_assert_str_eq(say(AG_REASON_LOCKED_OUT, "fr", 0, AG_TV_HINT, NULL,
                         "61"), "Réessayez dans 2 minutes.");
    ck_assert_str_eq(say(AG_REASON_LOCKED_OUT, "es", 0, AG_TV_HINT, NULL,
                         "30"), "Vuelva a intentarlo dentro de un minuto.");
    /* the status in words; a region or an unknown language */
    ck_assert_str_eq(say(AG_REASON_NO_CREDENTIALS, "de-CH", 0,
                         AG_TV_STATUS_TEXT, NULL, NULL),
                     "Nicht autorisiert");
    ck_assert_str_eq(say(AG_REASON_NO_CREDENTIALS, "FR", 0,
                         AG_TV_LANG, NULL, NULL), "FR");
    ck_assert_str_eq(say(AG_REASON_NO_CREDENTIALS, "pt", 0, AG_TV_TITLE,
                         NULL, NULL), "You need to sign in");
    ck_assert_str_eq(say(AG_REASON_NO_CREDENTIALS, NULL, 0, AG_TV_LANG,
                         NULL, NULL), "en");
}
END_TEST

START_TEST(choosing_a_language)
{
    ck_assert_str_eq(ag_words_lang(NULL), "en");
    ck_assert_str_eq(ag_words_lang("de-CH, fr;q=0.5"), "de");
    ck_assert_str_eq(ag_words_lang("it, es;q=0.1"), "es");
    ck_assert_str_eq(ag_words_lang("it"), "en");
    ck_assert_str_eq(ag_words_lang("*;q=0.5, en;q=0, de;q=0.4"), "fr");
    ck_assert_str_eq(ag_words_known("es-419"), "es");
    ck_assert_str_eq(ag_words_known("esperanto"), "en");
    ck_assert_str_eq(ag_words_known(NULL), "en");
}
END_TEST

/* The sign-in form's and the sign-out page's strings: every key in
 * every language, translated. */
START_TEST(ui_strings)
{
    int n;
    const char *const *tags = ag_words_langs(&n);

    ck_assert_int_ge(n, 4);
    ck_assert_str_eq(tags[0], "en");
    for (int l = 0; l < n; l++) {
        for (int k = 0; k < AG_UI_COUNT; k++) {
            const char *s = ag_words_ui(tags[l], (ag_ui_e)k);

            ck_assert_msg(set(s), "%s: UI string %d is empty", tags[l], k);
            ck_assert_msg(l == 0 || strcmp(s, ag_words_ui("en", (ag_ui_e)k))
                                    != 0,
                          "%s: UI string %d left in English: %s", tags[l],
                          k, s);
        }
    }
    ck_assert_str_eq(ag_words_ui("de", AG_UI_SIGN_IN), "Anmelden");
    ck_assert_str_eq(ag_words_ui("fr-BE", AG_UI_PASSWORD), "Mot de passe");
    ck_assert_str_eq(ag_words_ui("es", AG_UI_SIGN_OUT), "Cerrar sesión");
    ck_assert_str_eq(ag_words_ui("xx", AG_UI_USER_NAME), "User name");
    ck_assert_str_eq(ag_words_ui("de", AG_UI_COUNT), "");
    /* the message is one sentence */
    for (int l = 0; l < n; l++) {
        const char *m = ag_words_ui(tags[l], AG_UI_SIGNED_OUT_MESSAGE);

        ck_assert(m[strlen(m) - 1] == '.');
    }
}
END_TEST

Suite *suite_lang(void)
{
    Suite *s = suite_create("lang");
    TCase *tc = tcase_create("lang");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, every_case_in_every_language, 0,
                        AG_REASON_COUNT - 1);
    tcase_add_test(tc, days_and_minutes);
    tcase_add_test(tc, choosing_a_language);
    tcase_add_test(tc, ui_strings);
    tcase_add_test(tc, signout_label_in_every_language);
    tcase_add_test(tc, app_in_a_form_only_area);
    tcase_add_test(tc, form_hints_in_every_language);
    tcase_add_test(tc, signed_out_and_cross_site);
    suite_add_tcase(s, tc);
    return s;
}
