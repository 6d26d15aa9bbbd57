/*
 * test_form.c - the sign-in form's body (percent-decoding, '+', duplicate
 * and missing fields, odd bytes, NULs, over-long values, ISO-8859-1),
 * the same-origin rule, and the targets a sign-in may lead to.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_form.h"
#include "ag_signin.h"
#include "unit.h"

static ag_form_result_e parse(ag_form_t *f, const char *body)
{
    return ag_form_parse(f, body, strlen(body), ut_pool);
}

START_TEST(good_bodies)
{
    ag_form_t f;

    ck_assert_int_eq(parse(&f, "ag_user=alice&ag_password=won+der%26land"
                              "&ag_csrf=1.abc&ag_return=%2Fm%2F%3Fa%3D1"
                              "&other=x%zz"), AG_FORM_OK);
    ck_assert_str_eq(f.user, "alice");
    ck_assert_str_eq(f.password, "won der&land");
    ck_assert_str_eq(f.csrf, "1.abc");
    ck_assert_str_eq(f.ret, "/m/?a=1");
    ck_assert_int_eq(f.latin1, 0);
    ck_assert_ptr_null(f.why);
    /* field names %-encoded, fields in any order, empty pairs */
    ck_assert_int_eq(parse(&f, "&&ag%5Fcsrf=z&ag_password=&ag_user=b%C3%BC"),
                     AG_FORM_OK);
    ck_assert_str_eq(f.user, "b\xc3\xbc");
    ck_assert_str_eq(f.password, "");
    ck_assert_ptr_null(f.ret);
    /* ISO-8859-1, as for Basic */
    ck_assert_int_eq(parse(&f, "ag_user=j%FCrgen&ag_password=gr%FC%DFe"
                              "&ag_csrf=z"), AG_FORM_OK);
    ck_assert_int_eq(f.latin1, 1);
    ck_assert_str_eq(f.user, "j\xc3\xbcrgen");
    ck_assert_str_eq(f.password, "gr\xc3\xbc\xc3\x9f" "e");
}
END_TEST

START_TEST(not_ours)
{
    ag_form_t f;

    ck_assert_int_eq(parse(&f, ""), AG_FORM_NOT_OURS);
    ck_assert_int_eq(parse(&f, "q=1&user=alice&password=x"),
                     AG_FORM_NOT_OURS);
    ck_assert_int_eq(parse(&f, "ag_userx=1&xag_user=2"), AG_FORM_NOT_OURS);
    ck_assert_int_eq(parse(&f, "a=%zz"), AG_FORM_NOT_OURS);
}
END_TEST

static const char *const bad_bodies[] = {
    "ag_user=a&ag_user=b&ag_password=x&ag_csrf=z",       /* twice */
    "ag_user=a&ag_password=x&ag_password=y&ag_csrf=z",
    "ag_user=a&ag_password=x&ag_csrf=z&ag_csrf=z",
    "ag_user=a&ag_password=x&ag_csrf=z&ag_return=/&ag_return=/",
    "ag_user=a&ag_password=x",                            /* missing */
    "ag_user=a&ag_csrf=z",
    "ag_password=x&ag_csrf=z",
    "ag_user=&ag_password=x&ag_csrf=z",                   /* empty name */
    "ag_user=a%&ag_password=x&ag_csrf=z",                 /* broken % */
    "ag_user=a%4&ag_password=x&ag_csrf=z",
    "ag_user=a%g0&ag_password=x&ag_csrf=z",
    "ag_user=a&ag_password=x%00y&ag_csrf=z",              /* NUL */
    "ag_user=a%0A&ag_password=x&ag_csrf=z",               /* control */
    "ag_user=a&ag_password=x%7F&ag_csrf=z",
    "ag_user=a&ag_password=x&ag_csrf=z&ag_return=/%0D%0ASet-Cookie:x",
    "ag_user=a&ag_password=x&ag_csrf=z%01",
    "ag%5Fuser=a&ag_user=b&ag_password=x&ag_csrf=z",      /* same name */
};

START_TEST(malformed)
{
    ag_form_t f;

    ck_assert_int_eq(parse(&f, bad_bodies[_i]), AG_FORM_MALFORMED);
    ck_assert_ptr_nonnull(f.why);
    ck_assert_ptr_null(f.user);
    ck_assert_ptr_null(f.password);
}
END_TEST

START_TEST(limits)
{
    ag_form_t f;
    char *user = apr_palloc(ut_pool, AG_MAX_USER_BYTES + 2);
    char *pw = apr_palloc(ut_pool, AG_MAX_CRED_BYTES + 2);
    char *body;

    memset(user, 'u', AG_MAX_USER_BYTES);
    user[AG_MAX_USER_BYTES] = '\0';
    memset(pw, 'p', AG_MAX_CRED_BYTES);
    pw[AG_MAX_CRED_BYTES] = '\0';
    body = apr_pstrcat(ut_pool, "ag_user=", user, "&ag_password=", pw,
                       "&ag_csrf=z", NULL);
    ck_assert_int_eq(parse(&f, body), AG_FORM_OK);
    body = apr_pstrcat(ut_pool, "ag_user=", user, "u&ag_password=", pw,
                       "&ag_csrf=z", NULL);
    ck_assert_int_eq(parse(&f, body), AG_FORM_MALFORMED);
    body = apr_pstrcat(ut_pool, "ag_user=", user, "&ag_password=", pw,
                       "p&ag_csrf=z", NULL);
    ck_assert_int_eq(parse(&f, body), AG_FORM_MALFORMED);
    /* a body over the limit, even when its fields are short */
    body = apr_pstrcat(ut_pool, "ag_user=a&ag_password=b&ag_csrf=z&pad=",
                       NULL);
    {
        char *pad = apr_palloc(ut_pool, AG_FORM_BODY_MAX + 1);

        memset(pad, 'x', AG_FORM_BODY_MAX);
        pad[AG_FORM_BODY_MAX] = '\0';
        body = apr_pstrcat(ut_pool, body, pad, NULL);
    }
    ck_assert_int_eq(parse(&f, body), AG_FORM_MALFORMED);
    /* raw NUL bytes inside the body */
    ck_assert_int_eq(ag_form_parse(&f, "ag_user=a\0b&ag_password=x&ag_csrf=z",
                                   35, ut_pool), AG_FORM_MALFORMED);
}
END_TEST

START_TEST(origins)
{
    const char *own = "https://www.example.com:8443", *why;

    ck_assert(ag_form_same_origin(own, NULL, own, 0, &why));
    ck_assert(ag_form_same_origin("HTTPS://WWW.EXAMPLE.COM:8443", NULL, own,
                                  0, &why));
    ck_assert(ag_form_same_origin(NULL, "same-origin", own, 0, &why));
    ck_assert(ag_form_same_origin(own, "same-origin", own, 0, &why));
    ck_assert(!ag_form_same_origin(NULL, NULL, own, 0, &why));
    ck_assert_ptr_nonnull(why);
    ck_assert(!ag_form_same_origin("https://evil.example", NULL, own, 0,
                                   &why));
    ck_assert(!ag_form_same_origin("null", NULL, own, 0, &why));
    ck_assert(!ag_form_same_origin("http://www.example.com:8443", NULL, own,
                                   0, &why));
    ck_assert(!ag_form_same_origin(own, "cross-site", own, 0, &why));
    ck_assert(!ag_form_same_origin(NULL, "same-site", own, 0, &why));
    ck_assert(!ag_form_same_origin(NULL, "none", own, 0, &why));
    ck_assert(ag_form_same_origin(NULL, "none", own, 1, &why));
    ck_assert(!ag_form_same_origin(own, NULL, NULL, 0, &why));
}
END_TEST

static const struct {
    const char *target;
    int ok;
} targets[] = {
    { "/", 1 }, { "/m/", 1 }, { "/m/page.html?a=1&b=%2F", 1 },
    { "//evil.example/", 0 }, { "/\\evil.example", 0 },
    { "http://evil.example/", 0 }, { "https:evil", 0 },
    { "javascript:alert(1)", 0 }, { "", 0 }, { "m/", 0 },
    { "/a b", 0 }, { "/a\tb", 0 }, { "/a\r\nSet-Cookie:x", 0 },
    { "/a\\b", 0 }, { "/\xc3\xbc", 0 }, { "\\\\evil", 0 },
};

START_TEST(safe_targets)
{
    ck_assert_msg(ag_form_safe_target(targets[_i].target) == targets[_i].ok,
                  "%s", targets[_i].target);
}
END_TEST

START_TEST(form_html)
{
    ag_signin_t f = { "/m/?a=1&b=\"<x>", "1.abc", "/m/", "al\"ice" };
    char *h = ag_signin_form(&f, "en", ut_pool);

    ck_assert_ptr_nonnull(strstr(h, "method=\"post\""));
    ck_assert_ptr_nonnull(strstr(h, "action=\"/m/?a=1&amp;b=&quot;&lt;x&gt;"
                                    "\""));
    ck_assert_ptr_nonnull(strstr(h, "autocomplete=\"username\""));
    ck_assert_ptr_nonnull(strstr(h, "autocomplete=\"current-password\""));
    ck_assert_ptr_nonnull(strstr(h, "<label for=\"ag-user\">User name<"));
    ck_assert_ptr_nonnull(strstr(h, "<label for=\"ag-password\">Password<"));
    ck_assert_ptr_nonnull(strstr(h, "type=\"submit\">Sign in</button>"));
    ck_assert_ptr_nonnull(strstr(h, "value=\"al&quot;ice\""));
    ck_assert_ptr_null(strstr(h, "<script"));
    /* no user name: the field is empty and has the focus */
    f.user = NULL;
    f.ret = NULL;
    h = ag_signin_form(&f, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(h, "spellcheck=\"false\" required "
                                    "autofocus>"));
    ck_assert_ptr_null(strstr(h, "ag_return"));
}
END_TEST

/* s with the first from replaced by to. */
static const char *subst(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);

    ck_assert_ptr_nonnull(at);
    return apr_pstrcat(ut_pool, apr_pstrndup(ut_pool, s, (apr_size_t)(at - s)),
                       to, at + strlen(from), NULL);
}

/* The labels and the button in the page's language, escaped; the
 * markup, ids, names and autocomplete attributes byte for byte the
 * English form's (password managers and scripts go by them). */
START_TEST(form_html_in_every_language)
{
    static const struct {
        const char *lang, *user, *password, *button;
    } want[] = {
        { "en", "User name", "Password", "Sign in" },
        { "de", "Benutzername", "Passwort", "Anmelden" },
        { "fr-CA", "Nom d&#39;utilisateur", "Mot de passe", "Se connecter" },
        { "es", "Nombre de usuario", "Contraseña", "Iniciar sesión" },
        { "pt", "User name", "Password", "Sign in" },
    };
    ag_signin_t f = { "/m/", "1.abc", "/m/", "bob" };
    const char *en = ag_signin_form(&f, "en", ut_pool);

    for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const char *expect = en;

        expect = subst(expect, "\">User name</label>", apr_pstrcat(ut_pool,
                       "\">", want[i].user, "</label>", NULL));
        expect = subst(expect, "\">Password</label>", apr_pstrcat(ut_pool,
                       "\">", want[i].password, "</label>", NULL));
        expect = subst(expect, "\">Sign in</button>", apr_pstrcat(ut_pool,
                       "\">", want[i].button, "</button>", NULL));
        ck_assert_str_eq(ag_signin_form(&f, want[i].lang, ut_pool), expect);
    }
}
END_TEST

Suite *suite_form(void)
{
    Suite *s = suite_create("form");
    TCase *tc = tcase_create("form");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_test(tc, good_bodies);
    tcase_add_test(tc, form_html_in_every_language);
    tcase_add_test(tc, not_ours);
    tcase_add_loop_test(tc, malformed, 0,
                        sizeof(bad_bodies) / sizeof(bad_bodies[0]));
    tcase_add_test(tc, limits);
    tcase_add_test(tc, origins);
    tcase_add_loop_test(tc, safe_targets, 0,
                        sizeof(targets) / sizeof(targets[0]));
    tcase_add_test(tc, form_html);
    suite_add_tcase(s, tc);
    return s;
}
