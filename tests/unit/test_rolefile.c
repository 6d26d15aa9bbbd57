/*
 * test_rolefile.c - parsing the role file (README, "Files", "Role file").
 */
#include <string.h>

#include "ag_rolefile.h"
#include "unit.h"

static int has_role(const ag_roledb_t *db, const char *user,
                    const char *role)
{
    const apr_array_header_t *roles = ag_roledb_roles(db, user);

    for (int i = 0; roles && i < roles->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(roles, i, const char *), role) == 0) {
            return 1;
        }
    }
    return 0;
}

START_TEST(htgroup_format)
{
    const char *text = "# roles\n"
                       "admin: alice\n"
                       "member:alice  bob\tcarol\r\n"
                       "empty:\n"
                       "admin: mallory\n"
                       "  ops :  bob  \n";
    ag_roledb_t *db = NULL;
    ag_parse_error_t err = { 0, NULL };

    ck_assert_int_eq(ag_roledb_parse(&db, &err, text, strlen(text), ut_pool),
                     APR_SUCCESS);
    ck_assert(has_role(db, "alice", "admin"));
    ck_assert(has_role(db, "alice", "member"));
    ck_assert(has_role(db, "carol", "member"));
    ck_assert(has_role(db, "bob", "ops"));
    ck_assert(!has_role(db, "bob", "admin"));
    /* first record wins: the second "admin" line is ignored */
    ck_assert(!has_role(db, "mallory", "admin"));
    ck_assert_int_eq(db->duplicate_lines->nelts, 1);
    ck_assert_ptr_null(ag_roledb_roles(db, "nobody"));
}
END_TEST

static const struct {
    const char *text;
    unsigned line;
} broken[] = {
    { "admin alice\n", 1 },
    { "admin: alice\n: bob\n", 2 },
    { "ad min: alice\n", 1 },
    { "admin: al\x02ice\n", 1 },
};

START_TEST(broken_lines)
{
    ag_roledb_t *db = NULL;
    ag_parse_error_t err = { 0, NULL };
    const char *t = broken[_i].text;

    ck_assert_int_ne(ag_roledb_parse(&db, &err, t, strlen(t), ut_pool),
                     APR_SUCCESS);
    ck_assert_uint_eq(err.line, broken[_i].line);
}
END_TEST

Suite *suite_rolefile(void)
{
    Suite *s = suite_create("rolefile");
    TCase *tc = tcase_create("rolefile");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_test(tc, htgroup_format);
    tcase_add_loop_test(tc, broken_lines, 0,
                        sizeof(broken) / sizeof(broken[0]));
    suite_add_tcase(s, tc);
    return s;
}
