/*
 * test_text.c - UTF-8 validation, control bytes, ISO-8859-1 conversion.
 */
#include <string.h>

#include "ag_text.h"
#include "unit.h"

static const struct {
    const char *bytes;
    int valid;
} utf8_cases[] = {
    { "plain ascii", 1 },
    { "J\xC3\xBCrgen", 1 },                    /* U+00FC */
    { "\xE2\x82\xAC", 1 },                     /* euro sign */
    { "\xF0\x9F\x94\x91", 1 },                 /* U+1F511 */
    { "J\xFCrgen", 0 },                        /* ISO-8859-1 */
    { "\xC0\xAF", 0 },                         /* overlong '/' */
    { "\xE0\x80\xAF", 0 },                     /* overlong, 3 bytes */
    { "\xED\xA0\x80", 0 },                     /* surrogate */
    { "\xF4\x90\x80\x80", 0 },                 /* above U+10FFFF */
    { "\xE2\x82", 0 },                         /* truncated */
    { "\x80", 0 },                             /* lone continuation */
};

START_TEST(utf8_table)
{
    const char *b = utf8_cases[_i].bytes;

    ck_assert_int_eq(ag_text_is_utf8(b, strlen(b)), utf8_cases[_i].valid);
}
END_TEST

START_TEST(ctl_detection)
{
    ck_assert_int_eq(ag_text_has_ctl("abc", 3), 0);
    ck_assert_int_eq(ag_text_has_ctl("a\tc", 3), 1);
    ck_assert_int_eq(ag_text_has_ctl("a\x7f" "c", 3), 1);
    ck_assert_int_eq(ag_text_has_ctl("a\0c", 3), 1);
    ck_assert_int_eq(ag_text_has_ctl("\xC3\xBC", 2), 0);
}
END_TEST

START_TEST(latin1_conversion)
{
    const char *out = ag_text_latin1_to_utf8("J\xFCrgen\xFF", 7, ut_pool);

    ck_assert_str_eq(out, "J\xC3\xBCrgen\xC3\xBF");
    ck_assert(ag_text_is_utf8(out, strlen(out)));
}
END_TEST

Suite *suite_text(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("text");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, utf8_table, 0,
                        sizeof(utf8_cases) / sizeof(utf8_cases[0]));
    tcase_add_test(tc, ctl_detection);
    tcase_add_test(tc, latin1_conversion);
    suite_add_tcase(s, tc);
    return s;
}
