/*
 * test_challenge.c - WWW-Authenticate challenges and realm quoting.
 */
#include "ag_challenge.h"
#include "unit.h"

static const struct {
    const char *realm, *quoted;
} quote_cases[] = {
    { "Members area", "\"Members area\"" },
    { "Say \"hi\"", "\"Say \\\"hi\\\"\"" },
    { "back\\slash", "\"back\\\\slash\"" },
    { "", "\"\"" },
    { "tab\there", "\"tab here\"" },
    { "J\xC3\xBCrgen's", "\"J\xC3\xBCrgen's\"" },
};

START_TEST(quote_table)
{
    ck_assert_str_eq(ag_challenge_quote(quote_cases[_i].realm, ut_pool),
                     quote_cases[_i].quoted);
}
END_TEST

START_TEST(basic_challenge)
{
    ck_assert_str_eq(ag_challenge_for(AG_SCHEME_BASIC, "R\"1", ut_pool),
                     "Basic realm=\"R\\\"1\", charset=\"UTF-8\"");
    ck_assert_str_eq(ag_challenge_for(AG_SCHEME_BEARER, "R", ut_pool),
                     "Bearer realm=\"R\"");
}
END_TEST

Suite *suite_challenge(void)
{
    Suite *s = suite_create("challenge");
    TCase *tc = tcase_create("challenge");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, quote_table, 0,
                        sizeof(quote_cases) / sizeof(quote_cases[0]));
    tcase_add_test(tc, basic_challenge);
    suite_add_tcase(s, tc);
    return s;
}
