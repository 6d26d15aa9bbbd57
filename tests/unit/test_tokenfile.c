/*
 * test_tokenfile.c - the token file, presented tokens and UTC dates.
 */
#include <stdio.h>
#include <string.h>

#include <apr_strings.h>

#include "ag_time.h"
#include "ag_tokenfile.h"
#include "unit.h"

#define SECRET "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I"

static const struct {
    const char *text;
    apr_int64_t t;      /* -1: refused */
} time_cases[] = {
    { "1970-01-01T00:00:00Z", 0 },
    { "2027-01-31T00:00:00Z", 1801353600 },
    { "2000-02-29T12:34:56Z", 951827696 },
    { "never", AG_TIME_NEVER },
    { "2001-02-29T00:00:00Z", -1 },
    { "2027-13-01T00:00:00Z", -1 },
    { "2027-01-01T24:00:00Z", -1 },
    { "2027-01-01T00:60:00Z", -1 },
    { "2027-01-01 00:00:00Z", -1 },
    { "2027-01-01T00:00:00", -1 },
    { "2027-01-01T00:00:00+01:00", -1 },
    { "1969-12-31T23:59:59Z", -1 },
    { "Never", -1 },
    { "", -1 },
    { "2027-1-01T00:00:00Z", -1 },
};

START_TEST(time_table)
{
    apr_int64_t t = 42;
    int ok = ag_time_parse(&t, time_cases[_i].text,
                           strlen(time_cases[_i].text));

    if (time_cases[_i].t < 0) {
        ck_assert_msg(!ok, "%s accepted", time_cases[_i].text);
    }
    else {
        ck_assert_msg(ok, "%s refused", time_cases[_i].text);
        ck_assert_int_eq(t, time_cases[_i].t);
        ck_assert_str_eq(ag_time_format(t, ut_pool), time_cases[_i].text);
    }
}
END_TEST

static ag_tokendb_t *parse_ok(const char *text)
{
    ag_tokendb_t *db = NULL;
    ag_parse_error_t err = { 0, NULL };

    ck_assert_msg(ag_tokendb_parse(&db, &err, text, strlen(text), ut_pool)
                  == APR_SUCCESS, "line %u: %s", err.line,
                  err.msg ? err.msg : "");
    return db;
}

START_TEST(parse_records)
{
    const char *hash = ag_token_hash(SECRET, ut_pool);
    const char *text = apr_psprintf(ut_pool,
        "# id:hash:user:roles:expires:state\n"
        "ci-deploy:%s:svc-deploy:deploy:2027-01-31T00:00:00Z:active\n"
        "\n"
        "alice-cli:%s:alice:*:never:revoked\n"
        "two:%s:bob: a , b :never:active\r\n"
        "ci-deploy:%s:other:x:never:active\n"
        "badhash:sha256$ABC:bob:x:never:active\n"
        "baddate:%s:bob:x:2027-02-30T00:00:00Z:active\n"
        "badstate:%s:bob:x:never:paused\n"
        "bad.id:%s:bob:x:never:active\n",
        hash, hash, hash, hash, hash, hash, hash);
    ag_tokendb_t *db = parse_ok(text);
    const ag_token_t *t;

    t = ag_tokendb_get(db, "ci-deploy");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->user, "svc-deploy");
    ck_assert_int_eq(t->roles->nelts, 1);
    ck_assert_str_eq(APR_ARRAY_IDX(t->roles, 0, const char *), "deploy");
    ck_assert_int_eq(t->expires, 1801353600);
    ck_assert_int_eq(t->revoked, 0);
    ck_assert_ptr_null(t->problem);
    ck_assert_uint_eq(t->line, 2);

    t = ag_tokendb_get(db, "alice-cli");
    ck_assert_ptr_null(t->roles);
    ck_assert_int_eq(t->expires, AG_TIME_NEVER);
    ck_assert_int_eq(t->revoked, 1);

    t = ag_tokendb_get(db, "two");
    ck_assert_int_eq(t->roles->nelts, 2);
    ck_assert_str_eq(APR_ARRAY_IDX(t->roles, 1, const char *), "b");

    ck_assert_int_eq(db->duplicates->nelts, 1);
    ck_assert_str_eq(ag_tokendb_get(db, "ci-deploy")->user, "svc-deploy");

    ck_assert_ptr_nonnull(ag_tokendb_get(db, "badhash")->problem);
    ck_assert_ptr_nonnull(ag_tokendb_get(db, "baddate")->problem);
    t = ag_tokendb_get(db, "badstate");
    ck_assert_ptr_nonnull(t->problem);
    ck_assert_int_eq(t->revoked, 1);
    ck_assert_ptr_nonnull(ag_tokendb_get(db, "bad.id")->problem);
    ck_assert_ptr_null(ag_tokendb_get(db, "nobody"));
}
END_TEST

START_TEST(shared_strings)
{
    const char *hash = ag_token_hash(SECRET, ut_pool);
    const char *text = apr_psprintf(ut_pool,
        "a:%s:bob:x,y:never:active\nb:%s:bob:x,y:never:active\n", hash,
        hash);
    ag_tokendb_t *db = parse_ok(text);
    const ag_token_t *a = ag_tokendb_get(db, "a");
    const ag_token_t *b = ag_tokendb_get(db, "b");

    ck_assert_ptr_eq(a->user, b->user);
    ck_assert_ptr_eq(a->roles, b->roles);
}
END_TEST

static const struct {
    const char *text;
    unsigned line;
} broken_cases[] = {
    { "a:b:c:d:e\n", 1 },
    { "# c\nabc\n", 2 },
    { ":sha256$x:bob:x:never:active\n", 1 },
    { "id:sha256$x::x:never:active\n", 1 },
    { "id:sha256$x:bob:a b:never:active\n", 1 },
    { "id:sha256$x:bob:x:never:act\x01ive\n", 1 },
};

START_TEST(broken_table)
{
    ag_tokendb_t *db = NULL;
    ag_parse_error_t err = { 0, NULL };
    const char *text = broken_cases[_i].text;

    ck_assert_int_ne(ag_tokendb_parse(&db, &err, text, strlen(text),
                                      ut_pool), APR_SUCCESS);
    ck_assert_uint_eq(err.line, broken_cases[_i].line);
    ck_assert_ptr_nonnull(err.msg);
}
END_TEST

START_TEST(expires_holds_colons)
{
    static const char line[] =
        "x:sha256$0000000000000000000000000000000000000000000000000000000"
        "000000000:u:r:2030-05-06T07:08:09Z:active";
    ag_token_t t;

    ck_assert_ptr_null(ag_token_parse_line(&t, line, strlen(line), ut_pool));
    ck_assert_ptr_null(t.problem);
    ck_assert_str_eq(ag_time_format(t.expires, ut_pool),
                     "2030-05-06T07:08:09Z");
}
END_TEST

static const struct {
    const char *token;
    const char *id;    /* NULL: refused */
} split_cases[] = {
    { "ci-deploy." SECRET, "ci-deploy" },
    { "a." SECRET, "a" },
    { "ci-deploy." SECRET "=", NULL },
    { "ci-deploy.abcdefghijabcdefghijabcdefghija", NULL }, /* 31 */
    { "ci-deploy.abcdefghijabcdefghijabcdefghijab", "ci-deploy" },
    { "." SECRET, NULL },
    { "ci-deploy" SECRET, NULL },
    { "ci~deploy." SECRET, NULL },
    { "ci.deploy." SECRET, NULL },
    { "ci-deploy." SECRET "+", NULL },
    { "0123456789012345678901234567890123456789012345678901234567890123."
      SECRET, "0123456789012345678901234567890123456789012345678901234567890123" },
    { "01234567890123456789012345678901234567890123456789012345678901234."
      SECRET, NULL },
};

START_TEST(split_table)
{
    const char *id = NULL, *secret = NULL;
    int ok = ag_token_split(&id, &secret, split_cases[_i].token, ut_pool);

    if (split_cases[_i].id == NULL) {
        ck_assert_msg(!ok, "case %d accepted", _i);
    }
    else {
        ck_assert_msg(ok, "case %d refused", _i);
        ck_assert_str_eq(id, split_cases[_i].id);
        ck_assert_str_eq(secret, strchr(split_cases[_i].token, '.') + 1);
    }
}
END_TEST

START_TEST(hash_form)
{
    /* sha256("test") */
    ck_assert_str_eq(ag_token_hash("test", ut_pool),
                     "sha256$9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b"
                     "822cd15d6c15b0f00a08");
}
END_TEST

START_TEST(many_tokens_all_found)
{
    enum { N = 50000 };
    const char *hash = ag_token_hash(SECRET, ut_pool);
    apr_size_t per = 120, len = 0;
    char *text = apr_palloc(ut_pool, N * per + 64);
    ag_tokendb_t *db;
    char id[32];

    for (int i = 0; i < N; i++) {
        len += (apr_size_t)snprintf(text + len, per, "id%d:%s:u%d:*:never:"
                                    "active\n", i, hash, i % 97);
    }
    len += (apr_size_t)snprintf(text + len, per, "id7:%s:dup:*:never:"
                                "active\n", hash);
    text[len] = '\0';
    db = parse_ok(text);
    ck_assert_uint_eq(db->count, N);
    ck_assert_int_eq(db->duplicates->nelts, 1);
    for (int i = 0; i < N; i++) {
        const ag_token_t *t;

        snprintf(id, sizeof(id), "id%d", i);
        t = ag_tokendb_get(db, id);
        ck_assert_ptr_nonnull(t);
        ck_assert_str_eq(t->id, id);
        ck_assert_uint_eq(t->line, (unsigned)i + 1);
    }
    ck_assert_str_eq(ag_tokendb_get(db, "id7")->user, "u7");
    ck_assert_ptr_null(ag_tokendb_get(db, "id50000"));
    ck_assert_ptr_null(ag_tokendb_get(db, "id"));
    ck_assert_ptr_null(ag_tokendb_get(db, "id1x"));
    ck_assert_ptr_null(ag_tokendb_get(db, ""));
}
END_TEST

START_TEST(empty_file)
{
    ag_tokendb_t *db = parse_ok("");

    ck_assert_uint_eq(db->count, 0);
    ck_assert_ptr_null(ag_tokendb_get(db, "x"));
    db = parse_ok("# only a comment\n\n");
    ck_assert_ptr_null(ag_tokendb_get(db, "x"));
}
END_TEST

Suite *suite_tokenfile(void)
{
    Suite *s = suite_create("tokenfile");
    TCase *tc = tcase_create("tokenfile");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, time_table, 0,
                        sizeof(time_cases) / sizeof(time_cases[0]));
    tcase_add_test(tc, parse_records);
    tcase_add_test(tc, shared_strings);
    tcase_add_loop_test(tc, broken_table, 0,
                        sizeof(broken_cases) / sizeof(broken_cases[0]));
    tcase_add_test(tc, expires_holds_colons);
    tcase_add_loop_test(tc, split_table, 0,
                        sizeof(split_cases) / sizeof(split_cases[0]));
    tcase_add_test(tc, hash_form);
    tcase_add_test(tc, many_tokens_all_found);
    tcase_add_test(tc, empty_file);
    suite_add_tcase(s, tc);
    return s;
}
