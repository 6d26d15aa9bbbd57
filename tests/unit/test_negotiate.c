/*
 * test_negotiate.c - HTML or JSON, by the q-values of Accept.
 */
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

Suite *suite_negotiate(void)
{
    Suite *s = suite_create("negotiate");
    TCase *tc = tcase_create("negotiate");

    tcase_add_loop_test(tc, prefers_json_table, 0,
                        sizeof(cases) / sizeof(cases[0]));
    tcase_add_test(tc, quality);
    suite_add_tcase(s, tc);
    return s;
}
