/*
 * test_page.c - the words for each reason, the built-in page, problem
 * details.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_page.h"
#include "unit.h"

static void values(const char **v, ag_reason_e reason)
{
    memset(v, 0, sizeof(*v) * AG_TV_COUNT);
    v[AG_TV_STATUS] = apr_itoa(ut_pool, ag_reason_status(reason));
    v[AG_TV_REASON] = ag_reason_name(reason);
    v[AG_TV_URI] = "/members/?q=\"<x>\"";
    v[AG_TV_METHOD] = "GET";
    v[AG_TV_SERVER_NAME] = "example.org";
    ag_page_words(v, reason, NULL, ut_pool);
}

static const struct {
    ag_reason_e reason;
    const char *sentence;
} words[] = {
    { AG_REASON_NO_CREDENTIALS, "You need to sign in" },
    { AG_REASON_UNSUPPORTED_SCHEME, "You need to sign in" },
    { AG_REASON_INVALID_CREDENTIALS, "Your sign-in was not accepted" },
    { AG_REASON_MALFORMED_CREDENTIALS, "Your sign-in could not be read" },
    { AG_REASON_INSUFFICIENT_ROLE,
      "Your account does not have access to this page" },
    { AG_REASON_LOCKED_OUT, "Too many attempts" },
    { AG_REASON_SERVER_ERROR, "Something went wrong on our side" },
    { AG_REASON_TOKEN_EXPIRED, "Your access token has expired" },
    { AG_REASON_ACCOUNT_EXPIRED, "Your access has expired" },
    { AG_REASON_ACCOUNT_DISABLED, "Your account is disabled" },
    { AG_REASON_BUSY, "Too many sign-ins at once" },
    { AG_REASON_NOT_ALLOWED, "Access to this page is not allowed" },
};

START_TEST(builtin_page_per_reason)
{
    const char *v[AG_TV_COUNT];
    const char *html;

    ck_assert_int_eq(ag_page_init(ut_pool), APR_SUCCESS);
    values(v, words[_i].reason);
    html = ag_template_render(ag_page_builtin(NULL), v, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(html, "<html lang=\"en\">"));
    ck_assert_ptr_nonnull(strstr(html, words[_i].sentence));
    ck_assert_ptr_nonnull(strstr(html, "<main"));
    /* one h1 */
    ck_assert_ptr_nonnull(strstr(html, "<h1>"));
    ck_assert_ptr_null(strstr(strstr(html, "<h1>") + 1, "<h1>"));
    /* the URI is escaped; without a login or support URL the links are
     * local: the home page, or a reload */
    ck_assert_ptr_nonnull(strstr(html, "/members/?q=&quot;&lt;x&gt;&quot;"));
    ck_assert_ptr_nonnull(strstr(html, "href=\"/\""));
    ck_assert_ptr_null(strstr(html, "http://"));
    ck_assert_ptr_null(strstr(html, "https://"));
}
END_TEST

START_TEST(lockout_minutes)
{
    const char *v[AG_TV_COUNT] = { 0 };

    v[AG_TV_RETRY_AFTER] = "600";
    ag_page_words(v, AG_REASON_LOCKED_OUT, NULL, ut_pool);
    ck_assert_str_eq(v[AG_TV_HINT], "Try again in 10 minutes.");
    ck_assert_str_eq(v[AG_TV_STATUS_TEXT], "Too Many Requests");
}
END_TEST

/* Found by tests/fuzz/fuzz_escape_url: a Retry-After near APR_INT64_MAX
 * (a response header .htaccess may set) overflowed the rounding up. */
START_TEST(lockout_minutes_huge_or_odd)
{
    const char *v[AG_TV_COUNT] = { 0 };

    v[AG_TV_RETRY_AFTER] = "9223372036854775807";
    ag_page_words(v, AG_REASON_LOCKED_OUT, NULL, ut_pool);
    ck_assert_str_eq(v[AG_TV_HINT],
                     "Try again in 153722867280912931 minutes.");
    v[AG_TV_RETRY_AFTER] = "61";
    ag_page_words(v, AG_REASON_LOCKED_OUT, NULL, ut_pool);
    ck_assert_str_eq(v[AG_TV_HINT], "Try again in 2 minutes.");
    v[AG_TV_RETRY_AFTER] = "-9223372036854775808";
    ag_page_words(v, AG_REASON_LOCKED_OUT, NULL, ut_pool);
    ck_assert_str_eq(v[AG_TV_HINT], "Try again in a minute.");
}
END_TEST

/* Every reason has its own words (none falls back to the server
 * error's), and the status text of its own status. */
START_TEST(every_reason_has_words)
{
    const char *v[AG_TV_COUNT] = { 0 };
    const char *fallback;

    const ag_page_case_t app = { 1, AG_SCHEME_BASIC, AG_SCHEME_NONE, NULL };

    ag_page_words(v, AG_REASON_SERVER_ERROR, NULL, ut_pool);
    fallback = v[AG_TV_TITLE];
    for (int r = AG_REASON_NO_CREDENTIALS; r < AG_REASON_COUNT; r++) {
        for (int person = 0; person < 2; person++) {
            memset(v, 0, sizeof(v));
            ag_page_words(v, (ag_reason_e)r, person ? NULL : &app, ut_pool);
            ck_assert_ptr_nonnull(v[AG_TV_TITLE]);
            ck_assert_ptr_nonnull(v[AG_TV_MESSAGE]);
            ck_assert_ptr_nonnull(v[AG_TV_HINT]);
            ck_assert_msg(r == AG_REASON_SERVER_ERROR
                          || strcmp(v[AG_TV_TITLE], fallback) != 0,
                          "%s has no words", ag_reason_name(r));
            ck_assert_str_eq(v[AG_TV_STATUS_TEXT],
                             ag_reason_status(r) == 401 ? "Unauthorized"
                             : ag_reason_status(r) == 400 ? "Bad Request"
                             : ag_reason_status(r) == 403 ? "Forbidden"
                             : ag_reason_status(r) == 429
                                 ? "Too Many Requests"
                             : ag_reason_status(r) == 503
                                 ? "Service Unavailable"
                                 : "Internal Server Error");
        }
    }
}
END_TEST

START_TEST(account_words)
{
    const char *v[AG_TV_COUNT];
    const char *json;
    const ag_page_case_t app = { 1, AG_SCHEME_BEARER, AG_SCHEME_BEARER, NULL };

    values(v, AG_REASON_ACCOUNT_EXPIRED);
    v[AG_TV_UNTIL] = "2027-06-30";
    ag_page_words(v, AG_REASON_ACCOUNT_EXPIRED, NULL, ut_pool);
    ck_assert_str_eq(v[AG_TV_TITLE], "Your access has expired");
    ck_assert_ptr_nonnull(strstr(v[AG_TV_MESSAGE],
                                 "Your access expired on 30 June 2027"));
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "reload the page"));
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "ask the people who run"));
    json = ag_page_problem_json(v, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(json, "\"reason\":\"account-expired\""));
    ck_assert_ptr_nonnull(strstr(json, "\"until\":\"2027-06-30\""));
    ck_assert_ptr_nonnull(strstr(json, "\"status\":401,"));

    /* an API client with a token is not told to reload a page, and it
     * learns the day too */
    ag_page_words(v, AG_REASON_ACCOUNT_EXPIRED, &app, ut_pool);
    ck_assert_ptr_null(strstr(v[AG_TV_HINT], "reload"));
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "tokens work again"));
    ck_assert_ptr_nonnull(strstr(v[AG_TV_MESSAGE],
                                 "last day of access was 30 June 2027"));

    /* other days, and none */
    v[AG_TV_UNTIL] = "2028-01-01";
    ag_page_words(v, AG_REASON_ACCOUNT_EXPIRED, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_MESSAGE], "on 1 January 2028 "));
    v[AG_TV_UNTIL] = NULL;
    ag_page_words(v, AG_REASON_ACCOUNT_EXPIRED, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_MESSAGE], "Your access expired. "));
    v[AG_TV_UNTIL] = "2027-13-01";
    ag_page_words(v, AG_REASON_ACCOUNT_EXPIRED, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_MESSAGE], "Your access expired. "));

    values(v, AG_REASON_ACCOUNT_DISABLED);
    ck_assert_str_eq(v[AG_TV_TITLE], "Your account is disabled");
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "enable it again"));
    json = ag_page_problem_json(v, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(json, "\"reason\":\"account-disabled\""));
    ck_assert_ptr_null(strstr(json, "until"));
}
END_TEST

/* Found by tests/fuzz/fuzz_escape_url: digits with a leading zero were
 * sent as a number, which JSON does not allow. */
START_TEST(problem_json_numbers)
{
    const char *v[AG_TV_COUNT];
    const char *json;

    values(v, AG_REASON_LOCKED_OUT);
    v[AG_TV_RETRY_AFTER] = "007";
    json = ag_page_problem_json(v, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(json, "\"retry_after\":\"007\""));
    v[AG_TV_RETRY_AFTER] = "0";
    json = ag_page_problem_json(v, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(json, "\"retry_after\":0}"));
    v[AG_TV_RETRY_AFTER] = "120";
    json = ag_page_problem_json(v, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(json, "\"retry_after\":120}"));
    ck_assert_ptr_nonnull(strstr(json, "\"status\":429,"));
}
END_TEST

START_TEST(problem_json)
{
    const char *v[AG_TV_COUNT];
    const char *json;

    values(v, AG_REASON_INVALID_CREDENTIALS);
    v[AG_TV_USER] = "bo\"b";
    json = ag_page_problem_json(v, NULL, ut_pool);
    ck_assert_ptr_nonnull(strstr(json, "\"type\":\"tag:authgate,2026:reason:"
                                       "invalid-credentials\""));
    ck_assert_ptr_nonnull(strstr(json, "\"status\":401,"));
    ck_assert_ptr_nonnull(strstr(json, "\"reason\":\"invalid-credentials\""));
    ck_assert_ptr_nonnull(strstr(json, "\"title\":\"Your sign-in was not "
                                       "accepted\""));
    ck_assert_ptr_nonnull(strstr(json, "\"instance\":\"/members/?q=\\\""
                                       "\\u003cx>\\\"\""));
    ck_assert_ptr_nonnull(strstr(json, "\"user\":\"bo\\\"b\""));
    ck_assert_ptr_null(strstr(json, "login_url"));
    ck_assert(json[0] == '{');
}
END_TEST

Suite *suite_page(void)
{
    Suite *s = suite_create("page");
    TCase *tc = tcase_create("page");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, builtin_page_per_reason, 0,
                        sizeof(words) / sizeof(words[0]));
    tcase_add_test(tc, every_reason_has_words);
    tcase_add_test(tc, account_words);
    tcase_add_test(tc, lockout_minutes);
    tcase_add_test(tc, lockout_minutes_huge_or_odd);
    tcase_add_test(tc, problem_json_numbers);
    tcase_add_test(tc, problem_json);
    suite_add_tcase(s, tc);
    return s;
}
