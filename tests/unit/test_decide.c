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

    ck_assert(ag_decide_role(alice, NULL, list("member", NULL)));
    ck_assert(ag_decide_role(alice, NULL, list("admin", "editor")));
    ck_assert(!ag_decide_role(alice, NULL, list("admin", NULL)));
    ck_assert(ag_decide_role(alice, list("admin", NULL), list("admin", NULL)));
    ck_assert(!ag_decide_role(bob, NULL, list("member", NULL)));
    ck_assert(ag_decide_role(bob, list("ops", "member"), list("member", NULL)));
    ck_assert(ag_decide_role(NULL, list("ops", NULL), list("x", "ops")));
    ck_assert(!ag_decide_role(NULL, NULL, list("ops", NULL)));
    ck_assert(!ag_decide_role(alice, NULL, list(NULL, NULL)));
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
    suite_add_tcase(s, tc);
    return s;
}
