/*
 * test_decide.c - password and role decisions.
 */
#include <string.h>

#include <apr_md5.h>
#include <apr_strings.h>

#include "ag_decide.h"
#include "unit.h"

static ag_userdb_t *users(void)
{
    char alice[128], bob[128];
    const char *text;
    ag_userdb_t *db = NULL;
    ag_parse_error_t err;

    apr_md5_encode("wonderland", "$apr1$saltsalt", alice, sizeof(alice));
    apr_md5_encode("builder", "$apr1$pepperpe", bob, sizeof(bob));
    text = apr_psprintf(ut_pool, "alice:%s:member,editor\n"
                        "bob:%s\n"
                        "svc:!\n"
                        "old:abJnggxhB/yWI\n", alice, bob);
    ck_assert_int_eq(ag_userdb_parse(&db, &err, text, strlen(text), ut_pool),
                     APR_SUCCESS);
    return db;
}

static const struct {
    const char *user, *password;
    ag_authn_e result;
} authn_cases[] = {
    { "alice", "wonderland", AG_AUTHN_OK },
    { "alice", "Wonderland", AG_AUTHN_WRONG_PASSWORD },
    { "alice", "", AG_AUTHN_WRONG_PASSWORD },
    { "bob", "builder", AG_AUTHN_OK },
    { "carol", "wonderland", AG_AUTHN_UNKNOWN_USER },
    { "", "", AG_AUTHN_UNKNOWN_USER },
    { "svc", "", AG_AUTHN_DISABLED },
    { "svc", "!", AG_AUTHN_DISABLED },
    { "old", "password", AG_AUTHN_UNUSABLE_HASH },
};

START_TEST(password_table)
{
    const ag_user_t *found = NULL;
    ag_authn_e got = ag_decide_password(&found, users(),
                                        authn_cases[_i].user,
                                        authn_cases[_i].password, ut_pool);

    ck_assert_msg(got == authn_cases[_i].result, "case %d: %s", _i,
                  ag_authn_describe(got));
    ck_assert_int_eq(found != NULL,
                     authn_cases[_i].result != AG_AUTHN_UNKNOWN_USER);
}
END_TEST

static apr_array_header_t *list(const char *a, const char *b)
{
    apr_array_header_t *arr = apr_array_make(ut_pool, 2, sizeof(char *));

    if (a) {
        APR_ARRAY_PUSH(arr, const char *) = a;
    }
    if (b) {
        APR_ARRAY_PUSH(arr, const char *) = b;
    }
    return arr;
}

START_TEST(roles_union)
{
    ag_userdb_t *db = users();
    const ag_user_t *alice = ag_userdb_get(db, "alice");
    const ag_user_t *bob = ag_userdb_get(db, "bob");

    ck_assert_int_eq(ag_decide_role(alice, NULL, NULL, list("member", NULL)),
                     AG_ROLE_HELD);
    ck_assert_int_eq(ag_decide_role(alice, NULL, NULL, list("admin", "editor")),
                     AG_ROLE_HELD);
    ck_assert_int_eq(ag_decide_role(alice, NULL, NULL, list("admin", NULL)),
                     AG_ROLE_NOT_HELD);
    ck_assert_int_eq(ag_decide_role(alice, list("admin", NULL), NULL,
                                    list("admin", NULL)),
                     AG_ROLE_HELD);
    ck_assert_int_eq(ag_decide_role(bob, NULL, NULL, list("member", NULL)),
                     AG_ROLE_NOT_HELD);
    ck_assert_int_eq(ag_decide_role(bob, list("ops", "member"), NULL,
                                    list("member", NULL)),
                     AG_ROLE_HELD);
    ck_assert_int_eq(ag_decide_role(NULL, list("ops", NULL), NULL,
                                    list("x", "ops")),
                     AG_ROLE_HELD);
    ck_assert_int_eq(ag_decide_role(NULL, NULL, NULL, list("ops", NULL)),
                     AG_ROLE_NOT_HELD);
    ck_assert_int_eq(ag_decide_role(alice, NULL, NULL, list(NULL, NULL)),
                     AG_ROLE_NOT_HELD);
}
END_TEST

#define SECRET "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I"
#define NOW 1800000000
#define EXPIRY 1800000000

static ag_tokendb_t *tokens(void)
{
    const char *h = ag_token_hash(SECRET, ut_pool);
    const char *text = apr_psprintf(ut_pool,
        "ok:%s:alice:member:never:active\n"
        "all:%s:alice:*:never:active\n"
        "admin:%s:bob:admin:never:active\n"
        "svc:%s:svc:deploy:never:active\n"
        "ghost:%s:nobody:*:never:active\n"
        "fromroles:%s:carol:*:never:active\n"
        "revoked:%s:alice:*:never:revoked\n"
        "expired:%s:alice:*:2027-01-15T08:00:00Z:active\n"
        "valid:%s:alice:*:2027-01-15T08:00:01Z:active\n"
        "gone:%s:alice:*:2027-01-15T08:00:00Z:revoked\n"
        "bad:%s:alice:*:soon:active\n",
        h, h, h, h, h, h, h, h, h, h, h);
    ag_tokendb_t *db = NULL;
    ag_parse_error_t err;

    ck_assert_int_eq(ag_tokendb_parse(&db, &err, text, strlen(text),
                                      ut_pool), APR_SUCCESS);
    return db;
}

static ag_roledb_t *roles(void)
{
    const char *text = "ops: carol\nadmin: alice\n";
    ag_roledb_t *db = NULL;
    ag_parse_error_t err;

    ck_assert_int_eq(ag_roledb_parse(&db, &err, text, strlen(text),
                                     ut_pool), APR_SUCCESS);
    return db;
}

static const struct {
    const char *token;
    ag_token_result_e result;
    ag_reason_e reason;
} token_cases[] = {
    { "ok." SECRET, AG_TOKEN_OK, AG_REASON_NONE },
    { "svc." SECRET, AG_TOKEN_OK, AG_REASON_NONE },  /* "!" account */
    { "fromroles." SECRET, AG_TOKEN_OK, AG_REASON_NONE },
    { "ok." SECRET "x", AG_TOKEN_WRONG_SECRET, AG_REASON_TOKEN_INVALID },
    { "nope." SECRET, AG_TOKEN_UNKNOWN_ID, AG_REASON_TOKEN_INVALID },
    { "ok.short", AG_TOKEN_NOT_ID_SECRET, AG_REASON_TOKEN_INVALID },
    { "ok", AG_TOKEN_NOT_ID_SECRET, AG_REASON_TOKEN_INVALID },
    { "ghost." SECRET, AG_TOKEN_NO_USER, AG_REASON_TOKEN_INVALID },
    { "revoked." SECRET, AG_TOKEN_REVOKED, AG_REASON_TOKEN_REVOKED },
    { "revoked." SECRET "x", AG_TOKEN_WRONG_SECRET,
      AG_REASON_TOKEN_INVALID },
    { "expired." SECRET, AG_TOKEN_EXPIRED, AG_REASON_TOKEN_EXPIRED },
    { "expired." SECRET "x", AG_TOKEN_WRONG_SECRET,
      AG_REASON_TOKEN_INVALID },
    { "valid." SECRET, AG_TOKEN_OK, AG_REASON_NONE },
    { "gone." SECRET, AG_TOKEN_REVOKED, AG_REASON_TOKEN_REVOKED },
    { "bad." SECRET, AG_TOKEN_UNUSABLE, AG_REASON_TOKEN_INVALID },
};

START_TEST(token_table)
{
    const ag_token_t *t = NULL;
    const char *id = NULL;
    /* at 2027-01-15T08:00:00Z, when "expired" expires */
    ag_token_result_e got = ag_decide_token(&t, &id, tokens(), users(),
                                            roles(), token_cases[_i].token,
                                            EXPIRY, ut_pool);

    ck_assert_msg(got == token_cases[_i].result, "case %d (%s): %s", _i,
                  token_cases[_i].token, ag_token_describe(got));
    ck_assert_int_eq(ag_token_reason(got), token_cases[_i].reason);
    if (got == AG_TOKEN_OK) {
        ck_assert_ptr_nonnull(t);
        ck_assert_str_eq(id, t->id);
    }
}
END_TEST

START_TEST(no_files_no_user)
{
    const ag_token_t *t = NULL;

    ck_assert_int_eq(ag_decide_token(&t, NULL, tokens(), NULL, NULL,
                                     "ok." SECRET, NOW, ut_pool),
                     AG_TOKEN_NO_USER);
    ck_assert_int_eq(ag_decide_token(&t, NULL, NULL, NULL, NULL,
                                     "ok." SECRET, NOW, ut_pool),
                     AG_TOKEN_UNKNOWN_ID);
}
END_TEST

START_TEST(token_roles_intersect)
{
    ag_tokendb_t *tdb = tokens();
    ag_userdb_t *udb = users();
    const ag_user_t *alice = ag_userdb_get(udb, "alice");
    const ag_user_t *bob = ag_userdb_get(udb, "bob");
    const ag_token_t *ok = ag_tokendb_get(tdb, "ok");       /* member */
    const ag_token_t *all = ag_tokendb_get(tdb, "all");     /* * */
    const ag_token_t *admin = ag_tokendb_get(tdb, "admin"); /* bob */

    /* alice holds member, editor (user file) and admin (role file) */
    ck_assert_int_eq(ag_decide_role(alice, NULL, ok, list("member", NULL)),
                     AG_ROLE_HELD);
    /* held by the user, not carried by the token: withheld */
    ck_assert_int_eq(ag_decide_role(alice, NULL, ok, list("editor", NULL)),
                     AG_ROLE_WITHHELD);
    ck_assert_int_eq(ag_decide_role(alice, list("admin", NULL), ok,
                                    list("admin", NULL)),
                     AG_ROLE_WITHHELD);
    /* one carried role of the list is enough */
    ck_assert_int_eq(ag_decide_role(alice, NULL, ok,
                                    list("editor", "member")),
                     AG_ROLE_HELD);
    ck_assert_int_eq(ag_decide_role(alice, NULL, ok, list("ops", "editor")),
                     AG_ROLE_WITHHELD);
    ck_assert_int_eq(ag_decide_role(alice, list("admin", NULL), all,
                                    list("admin", NULL)),
                     AG_ROLE_HELD);
    ck_assert_int_eq(ag_decide_role(alice, NULL, all, list("editor", NULL)),
                     AG_ROLE_HELD);
    /* a token never grants more than its user holds */
    ck_assert_int_eq(ag_decide_role(bob, NULL, admin, list("admin", NULL)),
                     AG_ROLE_NOT_HELD);
    ck_assert_int_eq(ag_decide_role(alice, NULL, all, list("admin", NULL)),
                     AG_ROLE_NOT_HELD);
}
END_TEST

Suite *suite_decide(void)
{
    Suite *s = suite_create("decide");
    TCase *tc = tcase_create("decide");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, password_table, 0,
                        sizeof(authn_cases) / sizeof(authn_cases[0]));
    tcase_add_test(tc, roles_union);
    tcase_add_loop_test(tc, token_table, 0,
                        sizeof(token_cases) / sizeof(token_cases[0]));
    tcase_add_test(tc, no_files_no_user);
    tcase_add_test(tc, token_roles_intersect);
    suite_add_tcase(s, tc);
    return s;
}
