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
    ck_assert_str_eq(ag_challenge_for(AG_SCHEME_BASIC, "R\"1",
                                      AG_REASON_INVALID_CREDENTIALS, ut_pool),
                     "Basic realm=\"R\\\"1\", charset=\"UTF-8\"");
    ck_assert_str_eq(ag_challenge_for(AG_SCHEME_BEARER, "R", AG_REASON_NONE,
                                      ut_pool),
                     "Bearer realm=\"R\"");
}
END_TEST

static const struct {
    const char *authname, *realm;
} realm_cases[] = {
    { "Members area", "Members area" },
    /* mod_authn_core keeps a double quote as \" */
    { "Say \\\"hi\\\"", "Say \"hi\"" },
    { "back\\slash", "back\\slash" },
    /* every control character becomes one space */
    { "a\x01" "b\x1b[31mc\x7f", "a b [31mc " },
    { "tab\there\r\n", "tab here  " },
    { "c1\xC2\x9B[0m\xC2\x80", "c1 [0m " },
    /* other text, UTF-8 or not, stays */
    { "J\xC3\xBCrgen \xC2\xA0\xC2", "J\xC3\xBCrgen \xC2\xA0\xC2" },
    { "", "" },
};

START_TEST(realm_table)
{
    const char *realm = ag_challenge_realm(realm_cases[_i].authname,
                                           ut_pool);

    ck_assert_str_eq(realm, realm_cases[_i].realm);
    /* quoted once: no control byte, each '"' escaped */
    for (const char *p = ag_challenge_quote(realm, ut_pool); *p; p++) {
        ck_assert((unsigned char)*p >= 0x20 && *p != 0x7F);
    }
}
END_TEST

START_TEST(realm_null)
{
    ck_assert_ptr_null(ag_challenge_realm(NULL, ut_pool));
    ck_assert_str_eq(ag_challenge_quote(
                         ag_challenge_realm("R\\\"\x01", ut_pool), ut_pool),
                     "\"R\\\" \"");
}
END_TEST

static const struct {
    ag_reason_e reason;
    const char *challenge;
} bearer_cases[] = {
    { AG_REASON_NO_CREDENTIALS, "Bearer realm=\"R\"" },
    { AG_REASON_INVALID_CREDENTIALS, "Bearer realm=\"R\"" },
    { AG_REASON_TOKEN_INVALID, "Bearer realm=\"R\", error=\"invalid_token\", "
      "error_description=\"The access token is invalid\"" },
    { AG_REASON_TOKEN_EXPIRED, "Bearer realm=\"R\", error=\"invalid_token\", "
      "error_description=\"The access token expired\"" },
    { AG_REASON_TOKEN_REVOKED, "Bearer realm=\"R\", error=\"invalid_token\", "
      "error_description=\"The access token was revoked\"" },
    { AG_REASON_ACCOUNT_EXPIRED, "Bearer realm=\"R\", "
      "error=\"invalid_token\", error_description=\"The account of the "
      "access token expired\"" },
    { AG_REASON_ACCOUNT_DISABLED, "Bearer realm=\"R\", "
      "error=\"invalid_token\", error_description=\"The account of the "
      "access token is disabled\"" },
    { AG_REASON_MALFORMED_CREDENTIALS,
      "Bearer realm=\"R\", error=\"invalid_request\"" },
    { AG_REASON_INSUFFICIENT_ROLE,
      "Bearer realm=\"R\", error=\"insufficient_scope\"" },
};

START_TEST(bearer_table)
{
    ck_assert_str_eq(ag_challenge_for(AG_SCHEME_BEARER, "R",
                                      bearer_cases[_i].reason, ut_pool),
                     bearer_cases[_i].challenge);
    /* Basic never carries error attributes */
    ck_assert_str_eq(ag_challenge_for(AG_SCHEME_BASIC, "R",
                                      bearer_cases[_i].reason, ut_pool),
                     "Basic realm=\"R\", charset=\"UTF-8\"");
}
END_TEST

Suite *suite_challenge(void)
{
    Suite *s = suite_create("challenge");
    TCase *tc = tcase_create("challenge");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, quote_table, 0,
                        sizeof(quote_cases) / sizeof(quote_cases[0]));
    tcase_add_loop_test(tc, realm_table, 0,
                        sizeof(realm_cases) / sizeof(realm_cases[0]));
    tcase_add_test(tc, realm_null);
    tcase_add_test(tc, basic_challenge);
    tcase_add_loop_test(tc, bearer_table, 0,
                        sizeof(bearer_cases) / sizeof(bearer_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}
