/*
 * test_secretscan.c - credential files are recognised by their content,
 * templates are not mistaken for them.
 */
#include <string.h>

#include "ag_secretscan.h"
#include "unit.h"

static const struct {
    const char *text;
    unsigned line;
} cases[] = {
    /* user files, any hash format */
    { "bob:$2y$05$abcdefghijklmnopqrstuuAbCdEfGhIjKlMnOpQrStUvWxYz01234\n",
      1 },
    { "# users\n\nalice:$y$j9T$abc$def:member\n", 3 },
    { "carol:$6$salt$hash\n", 1 },
    { "dave:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\n", 1 },
    { "eve:$apr1$salt$hash\n", 1 },
    { "<p>x</p>\n  svc:$2b$10$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
      2 },
    /* token files */
    { "ci:sha256$9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08:svc:*:never:active\n",
      1 },
    /* role files hold no secret: recognised by identity only */
    { "admin: alice\nmember: alice bob\n", 0 },
    /* templates */
    { "<p>Error: {{status}}</p>\n<a href=\"https://x/\">x</a>\n", 0 },
    { "Status: {{status}}\nReason: {{reason}}\n", 0 },
    { "<style>p { color: red; }</style>\n", 0 },
    { "plain words, no colon\n", 0 },
    { "price:$5 only\n", 0 },
    { "", 0 },
};

START_TEST(table)
{
    const char *t = cases[_i].text;

    ck_assert_uint_eq(ag_secretscan_find(t, strlen(t), ut_pool),
                      cases[_i].line);
}
END_TEST

Suite *suite_secretscan(void)
{
    Suite *s = suite_create("secretscan");
    TCase *tc = tcase_create("secretscan");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, table, 0, sizeof(cases) / sizeof(cases[0]));
    suite_add_tcase(s, tc);
    return s;
}
