/*
 * test_userfile.c - parsing the user file (README, "Files", "User file").
 */
#include <string.h>

#include "ag_userfile.h"
#include "unit.h"

static ag_userdb_t *parse_ok(const char *text)
{
    ag_userdb_t *db = NULL;
    ag_parse_error_t err = { 0, NULL };

    ck_assert_msg(ag_userdb_parse(&db, &err, text, strlen(text), ut_pool)
                  == APR_SUCCESS, "line %u: %s", err.line,
                  err.msg ? err.msg : "");
    return db;
}

START_TEST(records_comments_roles)
{
    ag_userdb_t *db = parse_ok(
        "# a comment\n"
        "\n"
        "alice:$2y$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ012:member, editor\r\n"
        "   \t\n"
        "bob:$y$j9T$salt$hash\n"
        "svc-deploy:!\n"
        "  # indented comment\n"
        "carol:{SHA}abc=:\n"
        "alice:$6$other:admin\n"
        "last:nohash");
    const ag_user_t *u;

    u = ag_userdb_get(db, "alice");
    ck_assert_ptr_nonnull(u);
    ck_assert_int_eq(u->kind, AG_HASH_BCRYPT);
    ck_assert_int_eq(u->roles->nelts, 2);
    ck_assert_str_eq(APR_ARRAY_IDX(u->roles, 0, const char *), "member");
    ck_assert_str_eq(APR_ARRAY_IDX(u->roles, 1, const char *), "editor");
    ck_assert_uint_eq(u->line, 3);
    /* first record wins; the duplicate is kept for `check` */
    ck_assert_int_eq(db->duplicates->nelts, 1);
    ck_assert_int_eq(ag_userdb_get(db, "bob")->roles->nelts, 0);
    ck_assert_int_eq(ag_userdb_get(db, "svc-deploy")->kind, AG_HASH_DISABLED);
    ck_assert_int_eq(ag_userdb_get(db, "carol")->roles->nelts, 0);
    ck_assert_int_eq(ag_userdb_get(db, "last")->kind, AG_HASH_UNKNOWN);
    ck_assert_ptr_null(ag_userdb_get(db, "dave"));
    ck_assert_ptr_null(ag_userdb_get(db, "# a comment"));
}
END_TEST

START_TEST(empty_file_is_fine)
{
    ag_userdb_t *db = parse_ok("");

    ck_assert_int_eq(apr_hash_count(db->users), 0);
    ck_assert_ptr_null(db->dummy_hash);
}
END_TEST

static const struct {
    const char *text;
    unsigned line;
} broken[] = {
    { "alice:$6$x\nno colon here\n", 2 },
    { ":$6$x\n", 1 },
    { "alice:$6$x\nbob:$6$\x01y\n", 2 },
    { "alice:$6$x\nbob:$6$y\x7f\n", 2 },
    { "ok:$6$x\n\n\nbad\xFF:$6$y\n", 4 },
    { "alice:$6$x:role one\n", 1 },
    { "a\0b:$6$x\n", 1 },
};

START_TEST(broken_lines_refuse_whole_file)
{
    ag_userdb_t *db = NULL;
    ag_parse_error_t err = { 0, NULL };
    const char *t = broken[_i].text;
    apr_size_t len = _i == 6 ? 9 : strlen(t);

    ck_assert_int_ne(ag_userdb_parse(&db, &err, t, len, ut_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(db);
    ck_assert_uint_eq(err.line, broken[_i].line);
    ck_assert_ptr_nonnull(err.msg);
}
END_TEST

#define SALT "0123456789abcdefABCDEF"
#define YC "$saltsaltsalt$J0muOjlZ8y67VOLVIz09WHd4LXM2lwrrtZHXBEsohS8"

/* The dummy is the heaviest hash by the cost model, whatever is most
 * common; the name of the user whose hash it is, or NULL for none. */
static const struct {
    const char *text, *dummy;
} dummy_cases[] = {
    { "sha:{SHA}xyz=\n"
      "apr:$apr1$abcdefgh$hash\n"
      "five1:$2y$05$" SALT "\n"
      "five2:$2y$05$" SALT "\n"
      "twelve:$2y$12$" SALT "\n"
      "five3:$2b$05$" SALT "\n", "twelve" },
    { "a:$6$s1$h1\n"
      "b:$2y$12$xxxxxxxxxxxxxxxxxxxxxx\n"
      "c:$2y$12$yyyyyyyyyyyyyyyyyyyyyy\n"
      "d:!\n"
      "e:$2y$05$zzzzzzzzzzzzzzzzzzzzzz\n", "b" },  /* first of equals */
    { "sha512:$6$saltsalt$hash\n"
      "yes:$y$j9T" YC "\n", "yes" },
    { "yes:$y$j9T" YC "\n"
      "slow512:$6$rounds=500000$saltsalt$hash\n", "slow512" },
    { "yes:$y$j9T" YC "\n"
      "yest:$y$j9T/2" YC "\n"
      "bc10:$2y$10$" SALT "\n", "yest" },
    { "sha256:$5$rounds=20000$s$h\n"
      "sha512:$6$rounds=20000$s$h\n", "sha256" },
    { "off:!\n"
      "sha:{SHA}xyz=\n"
      "des:abJnggxhB/yWI\n", "sha" },
    /* damaged parameters cost nothing to verify: never the dummy */
    { "bad:$2y$99$" SALT "\n"
      "badrounds:$6$rounds=10$s$h\n"
      "apr:$apr1$abcdefgh$hash\n", "apr" },
    /* beyond AG_USERDB_DUMMY_COST_MAX (about bcrypt 15): not the dummy
     * while a hash within it exists, else the lightest beyond it */
    { "huge:$2y$20$" SALT "\n"
      "fifteen:$2y$15$" SALT "\n"
      "ten:$2y$10$" SALT "\n", "fifteen" },
    { "huge:$2y$25$" SALT "\n"
      "big:$2y$16$" SALT "\n"
      "bigger:$2y$20$" SALT "\n", "big" },
    { "off:!\n"
      "des:abJnggxhB/yWI\n"
      "junk:plain\n", NULL },
    { "", NULL },
};

START_TEST(dummy_is_heaviest)
{
    ag_userdb_t *db = parse_ok(dummy_cases[_i].text);
    const ag_user_t *u;

    ck_assert_ptr_nonnull(db->pace);
    ck_assert_uint_eq(*db->pace, 0);
    if (dummy_cases[_i].dummy == NULL) {
        ck_assert_ptr_null(db->dummy_hash);
        ck_assert(db->dummy_cost == 0);
        return;
    }
    u = ag_userdb_get(db, dummy_cases[_i].dummy);
    ck_assert_ptr_nonnull(u);
    ck_assert_msg(db->dummy_hash == u->hash, "case %d: dummy %s, want %s",
                  _i, db->dummy_hash ? db->dummy_hash : "(none)", u->hash);
    ck_assert(db->dummy_cost == u->cost);
    ck_assert(u->cost == ag_passwd_cost(u->hash));
}
END_TEST

Suite *suite_userfile(void)
{
    Suite *s = suite_create("userfile");
    TCase *tc = tcase_create("userfile");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_test(tc, records_comments_roles);
    tcase_add_test(tc, empty_file_is_fine);
    tcase_add_loop_test(tc, broken_lines_refuse_whole_file, 0,
                        sizeof(broken) / sizeof(broken[0]));
    tcase_add_loop_test(tc, dummy_is_heaviest, 0,
                        sizeof(dummy_cases) / sizeof(dummy_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}
