/*
 * test_escape.c - HTML, JSON and URL escaping, and UTF-8 repair.
 */
#include "ag_escape.h"
#include "unit.h"

static const struct {
    const char *in, *html, *json, *url;
} cases[] = {
    { "plain", "plain", "plain", "plain" },
    { "<script>alert('x')</script>",
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
      "\\u003cscript>alert('x')\\u003c/script>",
      "%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E" },
    { "a\"b&c", "a&quot;b&amp;c", "a\\\"b&c", "a%22b%26c" },
    { "back\\slash\n\t", "back\\slash\n\t", "back\\\\slash\\n\\t",
      "back%5Cslash%0A%09" },
    { "\x01\x7f", "\x01\x7f", "\\u0001\\u007f", "%01%7F" },
    { "J\xC3\xBCrgen", "J\xC3\xBCrgen", "J\xC3\xBCrgen", "J%C3%BCrgen" },
    { "bad\xFFutf8", "bad\xEF\xBF\xBDutf8", "bad\xEF\xBF\xBDutf8",
      "bad%EF%BF%BDutf8" },
    { "/a b?c=d#e", "/a b?c=d#e", "/a b?c=d#e", "%2Fa%20b%3Fc%3Dd%23e" },
    { "", "", "", "" },
};

START_TEST(escape_table)
{
    ck_assert_str_eq(ag_escape_html(cases[_i].in, ut_pool), cases[_i].html);
    ck_assert_str_eq(ag_escape_json(cases[_i].in, ut_pool), cases[_i].json);
    ck_assert_str_eq(ag_escape_url_component(cases[_i].in, ut_pool),
                     cases[_i].url);
}
END_TEST

START_TEST(repair)
{
    ck_assert_str_eq(ag_escape_utf8_repair("\xC3(\xE2\x82", ut_pool),
                     "\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD");
    ck_assert_str_eq(ag_escape_utf8_repair("\xF0\x9F\x94\x91", ut_pool),
                     "\xF0\x9F\x94\x91");
}
END_TEST

Suite *suite_escape(void)
{
    Suite *s = suite_create("escape");
    TCase *tc = tcase_create("escape");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, escape_table, 0,
                        sizeof(cases) / sizeof(cases[0]));
    tcase_add_test(tc, repair);
    suite_add_tcase(s, tc);
    return s;
}
