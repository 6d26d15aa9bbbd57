/*
 * test_decide.c - password and role decisions.
 */
#include <string.h>

#include <apr_md5.h>
#include <apr_sha1.h>
#include <apr_strings.h>

#include "ag_decide.h"
#include "unit.h"

static ag_userdb_t *users(void)
{
    char alice[128], bob[128], dora[128];
    const char *text;
    ag_userdb_t *db = NULL;
    ag_parse_error_t err;

    apr_md5_encode("wonderland", "$apr1$saltsalt", alice, sizeof(alice));
    apr_md5_encode("builder", "$apr1$pepperpe", bob, sizeof(bob));
    apr_md5_encode("explorer", "$apr1$cuminsee", dora, sizeof(dora));
    /* dora is disabled, eve's last day was 2027-01-14, fred's is
     * 2027-01-15 (the day of EXPIRY below), gus's 2027-01-16 */
    text = apr_psprintf(ut_pool, "alice:%s:member,editor\n"
                        "bob:%s\n"
                        "svc:!\n"
                        "old:abJnggxhB/yWI\n"
                        "dora:%s:member::disabled\n"
                        "eve:%s:member:2027-01-14:\n"
                        "fred:%s::2027-01-15\n"
                        "gus:!::2027-01-16:disabled\n"
                        "hal:!::2027-01-14\n",
                        alice, bob, dora, dora, dora);
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
    /* the password check knows nothing of validity: a right password is
     * right, a wrong one wrong (and verified), whatever UNTIL and STATE
     * say; ag_decide_account() is asked afterwards */
    { "dora", "explorer", AG_AUTHN_OK },
    { "dora", "Explorer", AG_AUTHN_WRONG_PASSWORD },
    { "eve", "explorer", AG_AUTHN_OK },
    { "eve", "", AG_AUTHN_WRONG_PASSWORD },
    { "gus", "x", AG_AUTHN_DISABLED },
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

static const struct {
    apr_uint32_t old;
    apr_interval_time_t took;
    int lower;
    apr_uint32_t want;
} learn_cases[] = {
    { 0, 500, 0, 500 },              /* a first check sets it */
    { 0, 0, 1, 1 },                  /* at least 1 us: 0 is "never" */
    { 0, -5, 0, 1 },
    { 1000, 2000, 0, 2000 },         /* slower: raised at once */
    { 1000, 2000, 1, 2000 },
    { 1000, 500, 0, 1000 },          /* faster, lighter hash: kept */
    { 1000, 500, 1, 1000 - 500 / AG_DECIDE_PACE_EASE },
    { 1000, 999, 1, 1000 },
    { 0, apr_time_from_sec(5), 0, (apr_uint32_t)AG_DECIDE_PACE_MAX },
    { (apr_uint32_t)AG_DECIDE_PACE_MAX, apr_time_from_sec(3), 1,
      (apr_uint32_t)AG_DECIDE_PACE_MAX },
};

START_TEST(pace_learn_table)
{
    apr_uint32_t pace = learn_cases[_i].old;

    ag_decide_pace_learn(&pace, learn_cases[_i].took, learn_cases[_i].lower);
    ck_assert_msg(pace == learn_cases[_i].want, "case %d: %u, want %u", _i,
                  pace, learn_cases[_i].want);
}
END_TEST

/* heavy: bcrypt cost 10 (tens of ms), the dummy; light: bcrypt cost 4;
 * sha: {SHA}; off: "!"; huge: yescrypt asking for 2^51 bytes, beyond the
 * dummy's limit (libcrypt refuses it at once). */
static ag_userdb_t *mixed(void)
{
    static const unsigned char salt[16] = "0123456789abcdef";
    char heavy[128], light[128], sha[128];
    const char *text;
    ag_userdb_t *db = NULL;
    ag_parse_error_t err;

    ck_assert_int_eq(apr_bcrypt_encode("heavy-pw", 10, salt, sizeof(salt),
                                       heavy, sizeof(heavy)), APR_SUCCESS);
    ck_assert_int_eq(apr_bcrypt_encode("light-pw", 4, salt, sizeof(salt),
                                       light, sizeof(light)), APR_SUCCESS);
    apr_sha1_base64("sha-pw", 6, sha);
    text = apr_psprintf(ut_pool, "sha:%s\nlight:%s\nheavy:%s\noff:!\n"
                        "huge:$y$jaT$saltsaltsalt$J0muOjlZ8y67VOLVIz09WHd4"
                        "LXM2lwrrtZHXBEsohS8\n", sha, light, heavy);
    ck_assert_int_eq(ag_userdb_parse(&db, &err, text, strlen(text), ut_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(db->dummy_hash);
    ck_assert_str_eq(db->dummy_hash, heavy);
    return db;
}

START_TEST(first_light_check_sets_pace)
{
    ag_userdb_t *db = mixed();
    apr_time_t due;

    /* nothing has set the pace: {SHA} verifies the dummy as well */
    ck_assert_int_eq(ag_decide_password_unpaced(NULL, &due, db, "sha", "x",
                                                ut_pool),
                     AG_AUTHN_WRONG_PASSWORD);
    ck_assert_uint_gt(*db->pace, 1000);
    ck_assert(due > 0);
}
END_TEST

START_TEST(unknown_and_disabled_set_pace)
{
    ag_userdb_t *db = mixed();

    ck_assert_int_eq(ag_decide_password_unpaced(NULL, NULL, db, "nobody",
                                                "x", ut_pool),
                     AG_AUTHN_UNKNOWN_USER);
    ck_assert_uint_gt(*db->pace, 1000);
    *db->pace = 0;
    ck_assert_int_eq(ag_decide_password_unpaced(NULL, NULL, db, "off", "x",
                                                ut_pool),
                     AG_AUTHN_DISABLED);
    ck_assert_uint_gt(*db->pace, 1000);
}
END_TEST

/* Every paced check of a lighter hash lasts at least the pace. */
static const struct {
    const char *user, *password;
    ag_authn_e result;
} paced_cases[] = {
    { "sha", "x", AG_AUTHN_WRONG_PASSWORD },
    { "sha", "sha-pw", AG_AUTHN_OK },
    { "light", "x", AG_AUTHN_WRONG_PASSWORD },
    { "light", "light-pw", AG_AUTHN_OK },
    { "huge", "x", AG_AUTHN_WRONG_PASSWORD },
};

START_TEST(light_checks_wait_for_pace)
{
    ag_userdb_t *db = mixed();
    apr_uint32_t pace;
    apr_time_t t0, due;

    (void)ag_decide_password(NULL, db, "nobody", "x", ut_pool);
    pace = *db->pace;
    ck_assert_uint_gt(pace, 1000);
    t0 = ag_decide_clock();
    ck_assert_int_eq(ag_decide_password(NULL, db, paced_cases[_i].user,
                                        paced_cases[_i].password, ut_pool),
                     paced_cases[_i].result);
    ck_assert_int_ge(ag_decide_clock() - t0, pace);
    /* unpaced: the same answer, due as late */
    t0 = ag_decide_clock();
    ck_assert_int_eq(ag_decide_password_unpaced(NULL, &due, db,
                                                paced_cases[_i].user,
                                                paced_cases[_i].password,
                                                ut_pool),
                     paced_cases[_i].result);
    ck_assert_int_ge(due - t0, pace);
}
END_TEST

START_TEST(only_dummy_cost_lowers_pace)
{
    ag_userdb_t *db = mixed();
    apr_uint32_t slow = (apr_uint32_t)AG_DECIDE_PACE_MAX;

    /* lighter hashes keep a pace they are faster than */
    *db->pace = slow;
    (void)ag_decide_password_unpaced(NULL, NULL, db, "sha", "x", ut_pool);
    (void)ag_decide_password_unpaced(NULL, NULL, db, "light", "x", ut_pool);
    ck_assert_uint_eq(*db->pace, slow);
    /* the dummy's cost (unknown user, the heavy user) eases it */
    (void)ag_decide_password_unpaced(NULL, NULL, db, "nobody", "x", ut_pool);
    ck_assert_uint_lt(*db->pace, slow);
    slow = *db->pace;
    (void)ag_decide_password_unpaced(NULL, NULL, db, "heavy", "x", ut_pool);
    ck_assert_uint_lt(*db->pace, slow);
    /* a hash beyond the dummy's limit neither raises nor lowers it */
    *db->pace = 1;
    (void)ag_decide_password_unpaced(NULL, NULL, db, "huge", "x", ut_pool);
    ck_assert_uint_eq(*db->pace, 1);
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

/* 2027-01-15T00:00:00Z and its neighbours */
#define JAN_15 APR_INT64_C(1799971200)

static const struct {
    const char *user;
    apr_int64_t now;
    ag_reason_e want;
} account_cases[] = {
    { "alice", JAN_15, AG_REASON_NONE },
    { "svc", JAN_15, AG_REASON_NONE },
    { "dora", 0, AG_REASON_ACCOUNT_DISABLED },
    { "eve", JAN_15 - 86400, AG_REASON_NONE },      /* all of the 14th */
    { "eve", JAN_15 - 1, AG_REASON_NONE },
    { "eve", JAN_15, AG_REASON_ACCOUNT_EXPIRED },   /* midnight UTC */
    { "fred", JAN_15 + 86399, AG_REASON_NONE },
    { "fred", JAN_15 + 86400, AG_REASON_ACCOUNT_EXPIRED },
    { "gus", JAN_15, AG_REASON_ACCOUNT_DISABLED },  /* disabled first */
    { "gus", JAN_15 + 2 * 86400, AG_REASON_ACCOUNT_DISABLED },
    { NULL, JAN_15, AG_REASON_NONE },               /* role file only */
};

START_TEST(account_table)
{
    const ag_user_t *u = account_cases[_i].user
        ? ag_userdb_get(users(), account_cases[_i].user) : NULL;
    ag_reason_e got = ag_decide_account(u, account_cases[_i].now);

    ck_assert_msg(got == account_cases[_i].want, "case %d: %s", _i,
                  ag_reason_name(got));
    ck_assert_ptr_nonnull(ag_account_describe(got, u, ut_pool));
}
END_TEST

START_TEST(account_words)
{
    const ag_userdb_t *db = users();

    ck_assert_str_eq(ag_account_describe(AG_REASON_ACCOUNT_EXPIRED,
                                         ag_userdb_get(db, "eve"), ut_pool),
                     "the account expired (its last day was 2027-01-14)");
    ck_assert_str_eq(ag_account_describe(AG_REASON_ACCOUNT_DISABLED,
                                         ag_userdb_get(db, "dora"),
                                         ut_pool),
                     "the account is disabled");
    ck_assert_int_eq(ag_reason_status(AG_REASON_ACCOUNT_EXPIRED), 401);
    ck_assert_int_eq(ag_reason_status(AG_REASON_ACCOUNT_DISABLED), 401);
    ck_assert_str_eq(ag_reason_name(AG_REASON_ACCOUNT_EXPIRED),
                     "account-expired");
    ck_assert_str_eq(ag_reason_name(AG_REASON_ACCOUNT_DISABLED),
                     "account-disabled");
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
        "bad:%s:alice:*:soon:active\n"
        "dora:%s:dora:*:never:active\n"
        "eve:%s:eve:*:never:active\n"
        "fred:%s:fred:*:never:active\n"
        "gus:%s:gus:*:never:active\n"
        "hal:%s:hal:*:never:active\n"
        "hal-old:%s:hal:*:2027-01-01T00:00:00Z:active\n"
        "hal-gone:%s:hal:*:never:revoked\n",
        h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h);
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
    /* the account of the token's user, told only with the right secret */
    { "dora." SECRET, AG_TOKEN_ACCOUNT_DISABLED, AG_REASON_ACCOUNT_DISABLED },
    { "dora." SECRET "x", AG_TOKEN_WRONG_SECRET, AG_REASON_TOKEN_INVALID },
    { "eve." SECRET, AG_TOKEN_ACCOUNT_EXPIRED, AG_REASON_ACCOUNT_EXPIRED },
    { "eve." SECRET "x", AG_TOKEN_WRONG_SECRET, AG_REASON_TOKEN_INVALID },
    { "fred." SECRET, AG_TOKEN_OK, AG_REASON_NONE },  /* its last day */
    { "gus." SECRET, AG_TOKEN_ACCOUNT_DISABLED, AG_REASON_ACCOUNT_DISABLED },
    { "hal." SECRET, AG_TOKEN_ACCOUNT_EXPIRED, AG_REASON_ACCOUNT_EXPIRED },
    /* the token's own state is told first */
    { "hal-old." SECRET, AG_TOKEN_EXPIRED, AG_REASON_TOKEN_EXPIRED },
    { "hal-gone." SECRET, AG_TOKEN_REVOKED, AG_REASON_TOKEN_REVOKED },
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
    tcase_add_loop_test(tc, pace_learn_table, 0,
                        sizeof(learn_cases) / sizeof(learn_cases[0]));
    tcase_add_test(tc, first_light_check_sets_pace);
    tcase_add_test(tc, unknown_and_disabled_set_pace);
    tcase_add_loop_test(tc, light_checks_wait_for_pace, 0,
                        sizeof(paced_cases) / sizeof(paced_cases[0]));
    tcase_add_test(tc, only_dummy_cost_lowers_pace);
    tcase_add_test(tc, roles_union);
    tcase_add_loop_test(tc, account_table, 0,
                        sizeof(account_cases) / sizeof(account_cases[0]));
    tcase_add_test(tc, account_words);
    tcase_add_loop_test(tc, token_table, 0,
                        sizeof(token_cases) / sizeof(token_cases[0]));
    tcase_add_test(tc, no_files_no_user);
    tcase_add_test(tc, token_roles_intersect);
    suite_add_tcase(s, tc);
    return s;
}
