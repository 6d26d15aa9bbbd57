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
    /* UNTIL: empty or a real calendar day YYYY-MM-DD, nothing else */
    { "a:$6$x\nb:$6$y:r:2027-6-30:\n", 2 },
    { "a:$6$x:r:2027-02-29:\n", 1 },
    { "a:$6$x:r:1969-12-31\n", 1 },
    { "a:$6$x::2027-06-30T00:00:00Z\n", 1 },
    { "a:$6$x:: 2027-06-30\n", 1 },
    { "a:$6$x::2027-06-30 :\n", 1 },
    { "a:$6$x::never\n", 1 },
    { "a:$6$x::tomorrow:\n", 1 },
    { "a:$6$x::20270630\n", 1 },
    { "a:$6$x::2027-13-01\n", 1 },
    /* STATE: empty or "disabled", nothing else */
    { "a:$6$x:::Disabled\n", 1 },
    { "a:$6$x:::active\n", 1 },
    { "a:$6$x:::disabled \tx\n", 1 },
    { "a:$6$x:::disable\n", 1 },
    { "a:$6$x:::disabledx\n", 1 },
    /* five fields at most */
    { "a:$6$x:::disabled:\n", 1 },
    { "ok:$6$x\na:$6$x:r:2027-06-30:disabled:more\n", 2 },
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

/* 2027-06-30 is the last day of carol's account: it works until
 * 2027-07-01T00:00:00Z (1814400000), not a second longer. */
#define JULY_1_2027 APR_INT64_C(1814400000)

START_TEST(validity_fields)
{
    ag_userdb_t *db = parse_ok(
        "carol:$y$j9T$salt$hash:member:2027-06-30:\n"
        "dave:$y$j9T$salt$hash:::disabled\n"
        "erin:$6$x::2027-06-30:disabled\n"
        "frank:$6$x:ops, dev:\n"
        "gina:$6$x:::\n"
        "leap:$6$x::2028-02-29\n"
        "last:$6$x::9999-12-31\n"
        "plain:$6$x\n");
    const ag_user_t *u;

    u = ag_userdb_get(db, "carol");
    ck_assert_int_eq(u->roles->nelts, 1);
    ck_assert_str_eq(u->until, "2027-06-30");
    ck_assert(u->expires == JULY_1_2027);
    ck_assert_int_eq(u->disabled, 0);
    ck_assert_int_eq(u->kind, AG_HASH_YESCRYPT);

    u = ag_userdb_get(db, "dave");
    ck_assert_int_eq(u->roles->nelts, 0);
    ck_assert_ptr_null(u->until);
    ck_assert(u->expires == AG_TIME_NEVER);
    ck_assert_int_eq(u->disabled, 1);

    u = ag_userdb_get(db, "erin");
    ck_assert(u->expires == JULY_1_2027 && u->disabled == 1);
    u = ag_userdb_get(db, "frank");
    ck_assert_int_eq(u->roles->nelts, 2);
    ck_assert(u->expires == AG_TIME_NEVER && u->disabled == 0);
    u = ag_userdb_get(db, "gina");
    ck_assert(u->expires == AG_TIME_NEVER && u->disabled == 0);
    ck_assert_ptr_null(u->until);
    ck_assert_str_eq(u->hash, "$6$x");
    u = ag_userdb_get(db, "leap");
    ck_assert(u->expires == APR_INT64_C(1835481600));  /* 2028-03-01 */
    u = ag_userdb_get(db, "last");
    ck_assert(u->expires == APR_INT64_C(253402300800));
    u = ag_userdb_get(db, "plain");
    ck_assert(u->expires == AG_TIME_NEVER && u->disabled == 0);
    ck_assert_ptr_null(u->until);
}
END_TEST

/* The one definition of the line: split, judge, and write back. */
START_TEST(split_and_line)
{
    ag_user_field_t f[AG_UF_COUNT];
    const char *why = NULL;
    const char *line = "dave:$y$h:a,b:2027-06-30:disabled";
    apr_int64_t t = 0;
    int off = -1;

    ck_assert_int_eq(ag_user_split(f, &why, line, strlen(line)), 5);
    ck_assert_uint_eq(f[AG_UF_ROLES].len, 3);
    ck_assert(memcmp(f[AG_UF_UNTIL].s, "2027-06-30", 10) == 0);
    ck_assert(memcmp(f[AG_UF_STATE].s, "disabled", 8) == 0);
    ck_assert_int_eq(ag_user_split(f, &why, "bob:x", 5), 2);
    ck_assert_ptr_null(f[AG_UF_ROLES].s);
    ck_assert_ptr_null(f[AG_UF_STATE].s);
    ck_assert_int_eq(ag_user_split(f, &why, "bob:x:::", 8), 5);
    ck_assert_uint_eq(f[AG_UF_STATE].len, 0);
    ck_assert_int_eq(ag_user_split(f, &why, "bob:x:::::", 10), 0);
    ck_assert_ptr_nonnull(strstr(why, "five"));
    ck_assert_int_eq(ag_user_split(f, &why, "bob", 3), 0);
    ck_assert_int_eq(ag_user_split(f, &why, ":x", 2), 0);

    ck_assert(ag_user_parse_until(&t, "", 0) && t == AG_TIME_NEVER);
    ck_assert(ag_user_parse_until(&t, "2027-06-30", 10)
              && t == JULY_1_2027);
    ck_assert(!ag_user_parse_until(&t, "2027-06-31", 10));
    ck_assert(ag_user_parse_state(&off, "", 0) && off == 0);
    ck_assert(ag_user_parse_state(&off, "disabled", 8) && off == 1);
    ck_assert(!ag_user_parse_state(&off, "disabled", 7));
    ck_assert(!ag_user_parse_state(&off, "DISABLED", 8));

    /* trailing empty fields are left out, inner ones kept */
    ck_assert_str_eq(ag_user_line("bob", "$y$h", NULL, NULL, NULL, ut_pool),
                     "bob:$y$h");
    ck_assert_str_eq(ag_user_line("bob", "$y$h", "", "", "", ut_pool),
                     "bob:$y$h");
    ck_assert_str_eq(ag_user_line("bob", "$y$h", "m", NULL, "", ut_pool),
                     "bob:$y$h:m");
    ck_assert_str_eq(ag_user_line("bob", "$y$h", "", "2027-06-30", NULL,
                                  ut_pool), "bob:$y$h::2027-06-30");
    ck_assert_str_eq(ag_user_line("bob", "$y$h", NULL, NULL, "disabled",
                                  ut_pool), "bob:$y$h:::disabled");
    ck_assert_str_eq(ag_user_line("bob", "$y$h", "a,b", "2027-06-30",
                                  "disabled", ut_pool),
                     "bob:$y$h:a,b:2027-06-30:disabled");
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
    tcase_add_test(tc, validity_fields);
    tcase_add_test(tc, split_and_line);
    tcase_add_loop_test(tc, broken_lines_refuse_whole_file, 0,
                        sizeof(broken) / sizeof(broken[0]));
    tcase_add_loop_test(tc, dummy_is_heaviest, 0,
                        sizeof(dummy_cases) / sizeof(dummy_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}
