/*
 * test_negotiate.c - HTML or JSON, by the q-values of Accept; the
 * language, by those of Accept-Language.
 */
#include <string.h>

#include "ag_negotiate.h"
#include "unit.h"

static const struct {
    const char *accept;
    int json;
} cases[] = {
    { NULL, 0 },
    { "", 0 },
    { "*/*", 0 },
    { "text/html", 0 },
    { "application/json", 1 },
    { "application/problem+json", 1 },
    { "text/html, application/json", 0 },               /* tie: HTML */
    { "application/json, text/html", 0 },
    { "application/json;q=0.9, text/html;q=0.8", 1 },
    { "text/html;q=0.8, application/json;q=0.9", 1 },
    { "text/html;q=0.9, application/json;q=0.8", 0 },
    { "application/json;q=0, */*", 0 },
    { "text/html;q=0.1, */*", 1 },       /* the wildcard gives 1 */
    { "text/*;q=0.5, application/*", 1 },
    { "text/html,application/xhtml+xml,application/xml;q=0.9,"
      "image/avif,image/webp,*/*;q=0.8", 0 },             /* a browser */
    { "application/json; charset=utf-8 ; q=0.7, text/html;q=0.6", 1 },
    { "APPLICATION/JSON", 1 },
    { "application/json;q=2, text/html;q=0.5", 0 },       /* bad q */
    { "application/json;q=0.1234", 0 },                   /* bad q */
    { "application/json;q=1.000,text/html;q=0.999", 1 },
    { "application/jsonx, text/plain", 0 },
    { "application, json", 0 },
};

START_TEST(prefers_json_table)
{
    ck_assert_msg(ag_negotiate_prefers_json(cases[_i].accept)
                  == cases[_i].json, "case %d: %s", _i,
                  cases[_i].accept ? cases[_i].accept : "NULL");
}
END_TEST

START_TEST(quality)
{
    ck_assert_int_eq(ag_negotiate_quality("text/*;q=0.3, text/html;q=0.7",
                                          "text/html"), 700);
    ck_assert_int_eq(ag_negotiate_quality("text/*;q=0.3, */*;q=0.1",
                                          "text/html"), 300);
    ck_assert_int_eq(ag_negotiate_quality("image/png", "text/html"), 0);
    ck_assert_int_eq(ag_negotiate_quality(NULL, "text/html"), 1000);
}
END_TEST

static const char *const langs[] = { "en", "de", "fr", "es" };

static const struct {
    const char *header;
    const char *lang;           /* NULL: none acceptable */
} lang_cases[] = {
    { NULL, NULL },
    { "", NULL },
    { "de", "de" },
    { "DE", "de" },
    { "de-CH", "de" },                           /* lookup falls back */
    { "De-ch-1901", "de" },
    { "fr-CA, fr;q=0.9, en;q=0.8", "fr" },
    { "en;q=0.5, de;q=0.8", "de" },              /* q decides, not order */
    { "es;q=0.2, *;q=0.1", "es" },
    { "*", "en" },                               /* the first offered */
    { "*;q=0.5, en;q=0", "de" },                 /* q=0 excludes */
    { "*, de;q=0, en;q=0", "fr" },
    { "de;q=0", NULL },
    { "it, pt-BR", NULL },                       /* unknown */
    { "it, fr;q=0.3", "fr" },
    { "fr, de", "fr" },                          /* equal q: named first */
    { "de, fr", "de" },
    { "fr-FR, de;q=1", "fr" },
    { "de;q=1.0, es;q=1.000", "de" },
    { "de;q=2, es;q=0.5", "es" },                /* bad q: ignored */
    { "de;q=0.1234, es;q=0.5", "es" },
    { "de;level=1, es;q=0.5", "es" },            /* only q */
    { "d3, es;q=0.5", "es" },                    /* bad ranges */
    { "deutschland, es;q=0.5", "es" },           /* 11 letters */
    { "-de, de-, de--ch, es;q=0.5", "es" },
    { "de ch, es;q=0.5", "es" },
    { " , ,de ; q=0.7 ,", "de" },                /* spaces, empty elements */
    { "e, es;q=0.5", "es" },                     /* "e" is not "es"'s prefix */
    { "esp", NULL },
    { "*-de", NULL },
    { "\xff\xfe, fr;q=0.4", "fr" },
};

START_TEST(language_table)
{
    int i = ag_negotiate_language(lang_cases[_i].header, langs, 4);

    if (lang_cases[_i].lang == NULL) {
        ck_assert_msg(i == -1, "case %d: %s chose %s", _i,
                      lang_cases[_i].header ? lang_cases[_i].header
                                            : "NULL", i >= 0 ? langs[i] : "");
    }
    else {
        ck_assert_msg(i >= 0 && strcmp(langs[i], lang_cases[_i].lang) == 0,
                      "case %d: %s chose %s, not %s", _i,
                      lang_cases[_i].header, i >= 0 ? langs[i] : "none",
                      lang_cases[_i].lang);
    }
}
END_TEST

/* Tags offered with regions: "de" takes "de-AT"; the exact one wins. */
START_TEST(language_offered_tags)
{
    const char *const offered[] = { "en", "de-AT", "de", "pt-BR" };

    ck_assert_int_eq(ag_negotiate_language("de-AT", offered, 4), 1);
    ck_assert_int_eq(ag_negotiate_language("de", offered, 4), 2);
    ck_assert_int_eq(ag_negotiate_language("de-CH", offered, 4), 2);
    ck_assert_int_eq(ag_negotiate_language("pt", offered, 4), 3);
    ck_assert_int_eq(ag_negotiate_language("pt-PT", offered, 4), -1);
    ck_assert_int_eq(ag_negotiate_language("de", offered, 0), -1);
    ck_assert_int_eq(ag_negotiate_language("de", NULL, 0), -1);
}
END_TEST

Suite *suite_negotiate(void)
{
    Suite *s = suite_create("negotiate");
    TCase *tc = tcase_create("negotiate");

    tcase_add_loop_test(tc, prefers_json_table, 0,
                        sizeof(cases) / sizeof(cases[0]));
    tcase_add_test(tc, quality);
    tcase_add_loop_test(tc, language_table, 0,
                        sizeof(lang_cases) / sizeof(lang_cases[0]));
    tcase_add_test(tc, language_offered_tags);
    suite_add_tcase(s, tc);
    return s;
}
