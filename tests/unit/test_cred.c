/*
 * test_cred.c - parsing the Authorization header.
 */
#include <string.h>

#include <apr_base64.h>
#include <apr_strings.h>

#include "ag_cred.h"
#include "unit.h"

/* "Basic " + base64(plain), plain may hold NUL bytes (len given). */
static const char *basic(const char *plain, apr_size_t len)
{
    char *enc = apr_palloc(ut_pool, apr_base64_encode_len((int)len));

    apr_base64_encode_binary(enc, (const unsigned char *)plain, (int)len);
    return apr_pstrcat(ut_pool, "Basic ", enc, NULL);
}

static const struct {
    const char *header;     /* raw header value; NULL: none */
    ag_reason_e reason;
    const char *user;       /* expected on success */
    const char *password;
} raw_cases[] = {
    { NULL, AG_REASON_NO_CREDENTIALS, NULL, NULL },
    { "Basic YWxpY2U6c2VjcmV0", AG_REASON_NONE, "alice", "secret" },
    { "basic   YWxpY2U6c2VjcmV0  ", AG_REASON_NONE, "alice", "secret" },
    { "Basic YWxpY2U6", AG_REASON_NONE, "alice", "" },
    { "Basic YWxpY2U6c2VjcmV0OmNvbG9u", AG_REASON_NONE, "alice",
      "secret:colon" },
    { "Basic YWxpY2U6c2VjcmV0", AG_REASON_NONE, "alice", "secret" },
    { "Basic YQ", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL }, /* "a" */
    { "Basic YWxpY2U", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
    { "Basic", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
    { "Basic ", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
    { "Basic !!!!", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
    { "Basic YWxp Y2U6", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
    { "Basic Y", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
    { "Basic YWxpY2U6c2VjcmV0===", AG_REASON_MALFORMED_CREDENTIALS, NULL,
      NULL },
    { "Basic YW=xp", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
    { "Digest username=\"alice\"", AG_REASON_UNSUPPORTED_SCHEME, NULL,
      NULL },
    { "Bearer abc.def", AG_REASON_UNSUPPORTED_SCHEME, NULL, NULL },
    { "Negotiate YII=", AG_REASON_UNSUPPORTED_SCHEME, NULL, NULL },
    { "", AG_REASON_MALFORMED_CREDENTIALS, NULL, NULL },
};

static const struct {
    const char *header;
    ag_reason_e reason;
    const char *token;
} bearer_cases[] = {
    { "Bearer abc.def", AG_REASON_NONE, "abc.def" },
    { "bearer  abc.def  ", AG_REASON_NONE, "abc.def" },
    { "Bearer a-b_c.d~e+f/g==", AG_REASON_NONE, "a-b_c.d~e+f/g==" },
    { "Bearer abc", AG_REASON_NONE, "abc" },
    { "Bearer", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer ", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer ab c", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer abc,def", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer =abc", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer ab=c", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer \"abc\"", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer ab\xC3\xA9", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Bearer ab\x01", AG_REASON_MALFORMED_CREDENTIALS, NULL },
    { "Basic YWxpY2U6c2VjcmV0", AG_REASON_UNSUPPORTED_SCHEME, NULL },
};

START_TEST(bearer_table)
{
    ag_cred_t cred;
    ag_reason_e got = ag_cred_parse(&cred, bearer_cases[_i].header,
                                    AG_SCHEME_BEARER, ut_pool);

    ck_assert_msg(got == bearer_cases[_i].reason, "case %d: reason %s", _i,
                  ag_reason_name(got));
    if (got == AG_REASON_NONE) {
        ck_assert_int_eq(cred.scheme, AG_SCHEME_BEARER);
        ck_assert_str_eq(cred.token, bearer_cases[_i].token);
    }
    else {
        ck_assert_ptr_nonnull(cred.why);
    }
}
END_TEST

START_TEST(bearer_limit)
{
    char big[AG_MAX_CRED_BYTES + 16];
    ag_cred_t cred;

    memcpy(big, "Bearer ", 7);
    memset(big + 7, 'a', AG_MAX_CRED_BYTES);
    big[7 + AG_MAX_CRED_BYTES] = '\0';
    ck_assert_int_eq(ag_cred_parse(&cred, big, AG_SCHEME_BEARER, ut_pool),
                     AG_REASON_NONE);
    big[7 + AG_MAX_CRED_BYTES] = 'a';
    big[8 + AG_MAX_CRED_BYTES] = '\0';
    ck_assert_int_eq(ag_cred_parse(&cred, big, AG_SCHEME_BEARER, ut_pool),
                     AG_REASON_MALFORMED_CREDENTIALS);
}
END_TEST

START_TEST(raw_table)
{
    ag_cred_t cred;
    ag_reason_e got = ag_cred_parse(&cred, raw_cases[_i].header,
                                    AG_SCHEME_BASIC, ut_pool);

    ck_assert_msg(got == raw_cases[_i].reason, "case %d (%s): reason %s",
                  _i, raw_cases[_i].header ? raw_cases[_i].header : "NULL",
                  ag_reason_name(got));
    if (got == AG_REASON_NONE) {
        ck_assert_str_eq(cred.user, raw_cases[_i].user);
        ck_assert_str_eq(cred.password, raw_cases[_i].password);
        ck_assert_int_eq(cred.scheme, AG_SCHEME_BASIC);
    }
    else {
        ck_assert_ptr_nonnull(cred.why);
    }
}
END_TEST

START_TEST(control_bytes_refused)
{
    static const char *const plains[] = {
        "ali\x01" "ce:secret", "alice:sec\x7fret", "alice:sec\nret",
        "alice:\x1b[31m",
    };
    ag_cred_t cred;

    for (unsigned i = 0; i < sizeof(plains) / sizeof(plains[0]); i++) {
        ck_assert_int_eq(ag_cred_parse(&cred, basic(plains[i],
                                                    strlen(plains[i])),
                                       AG_SCHEME_BASIC, ut_pool),
                         AG_REASON_MALFORMED_CREDENTIALS);
    }
    /* a NUL byte inside the decoded credentials */
    ck_assert_int_eq(ag_cred_parse(&cred, basic("alice:se\0cret", 13),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_MALFORMED_CREDENTIALS);
}
END_TEST

START_TEST(length_limits)
{
    char *user = apr_palloc(ut_pool, 2000);
    ag_cred_t cred;

    /* 256 bytes of user name are fine, 257 are not */
    memset(user, 'u', 256);
    strcpy(user + 256, ":pw");
    ck_assert_int_eq(ag_cred_parse(&cred, basic(user, strlen(user)),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_NONE);
    memset(user, 'u', 257);
    strcpy(user + 257, ":pw");
    ck_assert_int_eq(ag_cred_parse(&cred, basic(user, strlen(user)),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_MALFORMED_CREDENTIALS);
    memset(user, 'u', 1000);
    strcpy(user + 1000, ":pw");
    ck_assert_int_eq(ag_cred_parse(&cred, basic(user, strlen(user)),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_MALFORMED_CREDENTIALS);
}
END_TEST

START_TEST(credential_limit)
{
    char *plain = apr_palloc(ut_pool, 5000);
    ag_cred_t cred;

    /* exactly 4096 bytes decoded: accepted; 4097: refused */
    memcpy(plain, "bob:", 4);
    memset(plain + 4, 'p', 4092);
    ck_assert_int_eq(ag_cred_parse(&cred, basic(plain, 4096),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_NONE);
    memset(plain + 4, 'p', 4093);
    ck_assert_int_eq(ag_cred_parse(&cred, basic(plain, 4097),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_MALFORMED_CREDENTIALS);
}
END_TEST

START_TEST(latin1_fallback)
{
    ag_cred_t cred;

    ck_assert_int_eq(ag_cred_parse(&cred, basic("j\xFCrgen:m\xE4h", 10),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_NONE);
    ck_assert_int_eq(cred.latin1, 1);
    ck_assert_str_eq(cred.user, "j\xC3\xBCrgen");
    ck_assert_str_eq(cred.password, "m\xC3\xA4h");

    ck_assert_int_eq(ag_cred_parse(&cred,
                                   basic("j\xC3\xBCrgen:m\xC3\xA4h", 12),
                                   AG_SCHEME_BASIC, ut_pool),
                     AG_REASON_NONE);
    ck_assert_int_eq(cred.latin1, 0);
    ck_assert_str_eq(cred.user, "j\xC3\xBCrgen");
}
END_TEST

START_TEST(scheme_name_is_loggable)
{
    ag_cred_t cred;

    ck_assert_int_eq(ag_cred_parse(&cred, "Dig\xFF" "est x", AG_SCHEME_BASIC,
                                   ut_pool),
                     AG_REASON_UNSUPPORTED_SCHEME);
    ck_assert_str_eq(cred.scheme_name, "Dig?est");
    ck_assert_str_eq(ag_scheme_name(AG_SCHEME_BASIC), "Basic");
}
END_TEST

Suite *suite_cred(void)
{
    Suite *s = suite_create("cred");
    TCase *tc = tcase_create("cred");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, raw_table, 0,
                        sizeof(raw_cases) / sizeof(raw_cases[0]));
    tcase_add_test(tc, control_bytes_refused);
    tcase_add_test(tc, length_limits);
    tcase_add_test(tc, credential_limit);
    tcase_add_test(tc, latin1_fallback);
    tcase_add_test(tc, scheme_name_is_loggable);
    tcase_add_loop_test(tc, bearer_table, 0,
                        sizeof(bearer_cases) / sizeof(bearer_cases[0]));
    tcase_add_test(tc, bearer_limit);
    suite_add_tcase(s, tc);
    return s;
}
