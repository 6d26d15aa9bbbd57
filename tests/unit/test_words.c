/*
 * test_words.c - the words fit the client and the case (README, "Error
 * pages"): every reason, for a person and an app, in areas of passwords,
 * tokens or both, with and without a sign-in page, a support address, a
 * signed-in user, says what to do next and offers an action.
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_page.h"
#include "unit.h"

static const unsigned area_kinds[] = {
    AG_SCHEME_BASIC, AG_SCHEME_BEARER, AG_SCHEME_BASIC | AG_SCHEME_BEARER
};
static const ag_scheme_e sent[] = {
    AG_SCHEME_NONE, AG_SCHEME_BASIC, AG_SCHEME_BEARER
};

/* Non-zero when needle (lowercase) is in s, whatever the case of s. */
static int has(const char *s, const char *needle)
{
    char *low = apr_pstrdup(ut_pool, s ? s : "");

    for (char *p = low; *p; p++) {
        *p = (char)apr_tolower((unsigned char)*p);
    }
    return strstr(low, needle) != NULL;
}

static int set(const char *s)
{
    return s && *s;
}

/* The words of one case, all of them in one string, for the checks. */
static const char *said(const char *const *v)
{
    return apr_pstrcat(ut_pool, v[AG_TV_TITLE], " | ", v[AG_TV_MESSAGE],
                       " | ", v[AG_TV_HINT], NULL);
}

static int links(const char *html)
{
    int n = 0;

    for (const char *p = html; (p = strstr(p, "<a ")) != NULL; p++) {
        n++;
    }
    return n;
}

static int token_reason(ag_reason_e r)
{
    return r == AG_REASON_TOKEN_INVALID || r == AG_REASON_TOKEN_EXPIRED
           || r == AG_REASON_TOKEN_REVOKED;
}

/* One test per reason: every combination of the case. */
START_TEST(every_case_says_what_to_do)
{
    ag_reason_e reason = (ag_reason_e)(_i + 1);   /* NONE is no refusal */
    const char *logins[] = { NULL, "/login?return=%2Fm%2F" };
    const char *supports[] = { NULL, "mailto:help@example.org" };
    const char *users[] = { NULL, "bob" };
    const char *uris[] = { "/m/", "/" };

    ck_assert_int_eq(ag_page_init(ut_pool), APR_SUCCESS);
    for (unsigned k = 0; k < 3 * 2 * 3 * 2 * 2 * 2 * 2; k++) {
        unsigned n = k;
        ag_page_case_t c;
        const char *v[AG_TV_COUNT] = { 0 };
        const char *html, *json, *all;

        c.lang = NULL;                            /* English */
        c.schemes = area_kinds[n % 3], n /= 3;
        c.app = (int)(n % 2), n /= 2;
        c.used = sent[n % 3], n /= 3;
        v[AG_TV_LOGIN_URL] = logins[n % 2], n /= 2;
        v[AG_TV_SUPPORT_URL] = supports[n % 2], n /= 2;
        v[AG_TV_USER] = users[n % 2], n /= 2;
        v[AG_TV_URI] = uris[n % 2];
        v[AG_TV_STATUS] = apr_itoa(ut_pool, ag_reason_status(reason));
        v[AG_TV_REASON] = ag_reason_name(reason);
        v[AG_TV_METHOD] = "GET";
        ag_page_words(v, reason, &c, ut_pool);
        all = said(v);

        /* every reason has words of its own, and they are whole */
        ck_assert_msg(set(v[AG_TV_TITLE]) && set(v[AG_TV_MESSAGE])
                      && set(v[AG_TV_HINT]) && set(v[AG_TV_STATUS_TEXT]),
                      "%s case %u: missing words", v[AG_TV_REASON], k);
        if (reason != AG_REASON_SERVER_ERROR) {
            ck_assert_msg(!has(v[AG_TV_TITLE], "went wrong"),
                          "%s has no words of its own", v[AG_TV_REASON]);
        }
        ck_assert_msg(v[AG_TV_HINT][strlen(v[AG_TV_HINT]) - 1] == '.',
                      "%s case %u: the hint is not a sentence: %s",
                      v[AG_TV_REASON], k, v[AG_TV_HINT]);

        /* an app is never told to reload a page, nor about a browser */
        if (c.app) {
            ck_assert_msg(!has(all, "reload") && !has(all, "browser")
                          && !has(all, "private window"),
                          "%s case %u tells an app: %s", v[AG_TV_REASON],
                          k, all);
            /* a reload link only as the last resort of an HTML page */
            ck_assert(!set(v[AG_TV_RETRY_LABEL])
                      || (!set(v[AG_TV_LOGIN_LABEL])
                          && !set(v[AG_TV_SUPPORT_URL])
                          && !set(v[AG_TV_HOME_URL])));
        }
        /* an area speaks of what it takes */
        if (c.schemes == AG_SCHEME_BEARER) {
            ck_assert_msg(!has(all, "password"),
                          "%s case %u: a token area speaks of passwords: "
                          "%s", v[AG_TV_REASON], k, all);
        }
        if (c.schemes == AG_SCHEME_BASIC && !token_reason(reason)) {
            ck_assert_msg(!has(all, "token"),
                          "%s case %u: a password area speaks of tokens: "
                          "%s", v[AG_TV_REASON], k, all);
        }
        /* a first visit is not "sign in again" */
        if (reason == AG_REASON_NO_CREDENTIALS) {
            ck_assert_msg(!has(all, "again") && !has(all, "new access"),
                          "case %u: a first visit is told: %s", k, all);
        }
        /* the sign-in button only where there is a sign-in page */
        if (!set(v[AG_TV_LOGIN_URL])) {
            ck_assert_ptr_null(v[AG_TV_LOGIN_LABEL]);
        }

        /* the page offers at least one action, the JSON says what to
         * do */
        html = ag_template_render(ag_page_builtin(NULL), v, NULL, ut_pool);
        ck_assert_msg(links(html) >= 1, "%s case %u: a page without an "
                      "action", v[AG_TV_REASON], k);
        json = ag_page_problem_json(v, NULL, ut_pool);
        ck_assert_ptr_nonnull(strstr(json, "\"detail\":\""));
        ck_assert_msg(strstr(json, v[AG_TV_HINT]) != NULL
                      || reason == AG_REASON_LOCKED_OUT,
                      "%s case %u: the detail lacks the hint",
                      v[AG_TV_REASON], k);
    }
}
END_TEST

static void words_for(const char **v, ag_reason_e reason, int app,
                      unsigned schemes, ag_scheme_e used)
{
    ag_page_case_t c = { app, schemes, used, NULL };

    v[AG_TV_URI] = "/m/";
    ag_page_words(v, reason, &c, ut_pool);
}

/* The cases the README names: an API client's first visit to a token
 * area, a wrong password against a first visit, a person in a Basic
 * area. */
START_TEST(words_of_named_cases)
{
    const char *v[AG_TV_COUNT] = { 0 }, *w[AG_TV_COUNT] = { 0 };

    /* an app's first visit to a token area: how to send a token */
    words_for(v, AG_REASON_NO_CREDENTIALS, 1, AG_SCHEME_BEARER,
              AG_SCHEME_NONE);
    ck_assert_str_eq(v[AG_TV_TITLE], "You need an access token");
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "Authorization: Bearer"));
    /* a person at a browser in a Basic area: the browser will ask */
    words_for(v, AG_REASON_NO_CREDENTIALS, 0, AG_SCHEME_BASIC,
              AG_SCHEME_NONE);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "your browser will ask"));
    ck_assert_str_eq(v[AG_TV_RETRY_LABEL], "Sign in");
    /* a wrong password is not a first visit */
    words_for(w, AG_REASON_INVALID_CREDENTIALS, 0, AG_SCHEME_BASIC,
              AG_SCHEME_BASIC);
    ck_assert_str_ne(w[AG_TV_TITLE], v[AG_TV_TITLE]);
    ck_assert_str_ne(w[AG_TV_HINT], v[AG_TV_HINT]);
    ck_assert_ptr_nonnull(strstr(w[AG_TV_HINT], "case-sensitive"));
    /* the same for an app */
    words_for(v, AG_REASON_NO_CREDENTIALS, 1, AG_SCHEME_BASIC,
              AG_SCHEME_NONE);
    words_for(w, AG_REASON_INVALID_CREDENTIALS, 1, AG_SCHEME_BASIC,
              AG_SCHEME_BASIC);
    ck_assert_str_ne(w[AG_TV_HINT], v[AG_TV_HINT]);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "HTTP Basic"));
    /* an area of both: an app that sent nothing hears of both */
    words_for(v, AG_REASON_NO_CREDENTIALS, 1,
              AG_SCHEME_BASIC | AG_SCHEME_BEARER, AG_SCHEME_NONE);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "password"));
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "access token"));
    /* and one that sent a token hears of tokens */
    words_for(v, AG_REASON_INSUFFICIENT_ROLE, 1,
              AG_SCHEME_BASIC | AG_SCHEME_BEARER, AG_SCHEME_BEARER);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_MESSAGE], "access token"));
    /* a Bearer credential sent to a Basic-only area: told of passwords */
    words_for(v, AG_REASON_UNSUPPORTED_SCHEME, 1, AG_SCHEME_BASIC,
              AG_SCHEME_BEARER);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "password"));
}
END_TEST

/* A person turned away while signed in can use another account; one
 * refused before signing in by a rule cannot get in by signing in. */
START_TEST(actions_of_403)
{
    const char *v[AG_TV_COUNT] = { 0 };

    v[AG_TV_USER] = "bob";
    words_for(v, AG_REASON_INSUFFICIENT_ROLE, 0, AG_SCHEME_BASIC,
              AG_SCHEME_BASIC);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "private window"));
    ck_assert_ptr_null(v[AG_TV_LOGIN_LABEL]);
    ck_assert_ptr_null(v[AG_TV_RETRY_LABEL]);
    ck_assert_str_eq(v[AG_TV_HOME_URL], "/");
    v[AG_TV_LOGIN_URL] = "/login";
    words_for(v, AG_REASON_INSUFFICIENT_ROLE, 0, AG_SCHEME_BASIC,
              AG_SCHEME_BASIC);
    ck_assert_str_eq(v[AG_TV_LOGIN_LABEL], "Sign in as someone else");
    ck_assert_ptr_null(strstr(v[AG_TV_HINT], "private window"));
    words_for(v, AG_REASON_NOT_ALLOWED, 0, AG_SCHEME_BASIC,
              AG_SCHEME_BASIC);
    ck_assert_str_eq(v[AG_TV_LOGIN_LABEL], "Sign in as someone else");
    /* not signed in: the rule refused whoever might sign in */
    v[AG_TV_USER] = NULL;
    words_for(v, AG_REASON_NOT_ALLOWED, 0, AG_SCHEME_BASIC,
              AG_SCHEME_NONE);
    ck_assert_ptr_null(v[AG_TV_LOGIN_LABEL]);
    ck_assert_ptr_null(strstr(v[AG_TV_HINT], "someone else"));
    ck_assert_ptr_null(strstr(v[AG_TV_HINT], "Require"));
    /* at the home page itself, with nothing else to offer: a reload */
    v[AG_TV_LOGIN_URL] = NULL;
    v[AG_TV_URI] = "/";
    {
        ag_page_case_t c = { 0, AG_SCHEME_BASIC, AG_SCHEME_NONE, NULL };

        ag_page_words(v, AG_REASON_NOT_ALLOWED, &c, ut_pool);
    }
    ck_assert_ptr_null(v[AG_TV_HOME_URL]);
    ck_assert_str_eq(v[AG_TV_RETRY_LABEL], "Try again");
}
END_TEST

START_TEST(busy_and_faults_offer_a_retry_to_people_only)
{
    const char *v[AG_TV_COUNT] = { 0 };

    words_for(v, AG_REASON_BUSY, 0, AG_SCHEME_BASIC, AG_SCHEME_BASIC);
    ck_assert_str_eq(v[AG_TV_RETRY_LABEL], "Try again");
    words_for(v, AG_REASON_BUSY, 1, AG_SCHEME_BASIC, AG_SCHEME_BASIC);
    ck_assert_ptr_null(v[AG_TV_RETRY_LABEL]);
    ck_assert_ptr_nonnull(strstr(v[AG_TV_HINT], "send the request again"));
    words_for(v, AG_REASON_SERVER_ERROR, 0, AG_SCHEME_BEARER,
              AG_SCHEME_NONE);
    ck_assert_str_eq(v[AG_TV_RETRY_LABEL], "Try again");
    /* a reason past the table fails closed, in words too */
    words_for(v, AG_REASON_COUNT, 0, AG_SCHEME_BASIC, AG_SCHEME_NONE);
    ck_assert_str_eq(v[AG_TV_TITLE], "Something went wrong on our side");
    ck_assert_str_eq(v[AG_TV_STATUS_TEXT], "Internal Server Error");
}
END_TEST

START_TEST(not_allowed_is_a_403)
{
    ck_assert_str_eq(ag_reason_name(AG_REASON_NOT_ALLOWED), "not-allowed");
    ck_assert_int_eq(ag_reason_status(AG_REASON_NOT_ALLOWED), 403);
}
END_TEST

Suite *suite_words(void)
{
    Suite *s = suite_create("words");
    TCase *tc = tcase_create("words");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, every_case_says_what_to_do, 0,
                        AG_REASON_COUNT - 1);
    tcase_add_test(tc, words_of_named_cases);
    tcase_add_test(tc, actions_of_403);
    tcase_add_test(tc, busy_and_faults_offer_a_retry_to_people_only);
    tcase_add_test(tc, not_allowed_is_a_403);
    suite_add_tcase(s, tc);
    return s;
}
