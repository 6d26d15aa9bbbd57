/*
 * test_template.c - compiling and rendering error page templates.
 */
#include <stdio.h>
#include <string.h>

#include "ag_template.h"
#include "unit.h"

static const char *render(const char *text, const char *const *values)
{
    ag_template_t *tpl = NULL;
    ag_parse_error_t err = { 0, NULL };
    apr_size_t len;
    const char *out;

    ck_assert_msg(ag_template_compile(&tpl, &err, text, strlen(text),
                                      ut_pool) == APR_SUCCESS,
                  "line %u: %s", err.line, err.msg ? err.msg : "");
    out = ag_template_render(tpl, values, &len, ut_pool);
    ck_assert_uint_eq(len, strlen(out));
    return out;
}

START_TEST(variables_and_blocks)
{
    const char *v[AG_TV_COUNT] = { 0 };

    v[AG_TV_STATUS] = "401";
    v[AG_TV_USER] = "<b>bob</b>";
    v[AG_TV_LOGIN_URL] = "https://x/?a=1&return=%2F";
    ck_assert_str_eq(render("{{status}} {{ user }}!", v),
                     "401 &lt;b&gt;bob&lt;/b&gt;!");
    ck_assert_str_eq(render("<a href=\"{{login_url}}\">", v),
                     "<a href=\"https://x/?a=1&amp;return=%2F\">");
    ck_assert_str_eq(render("[{{#user}}u={{user}}{{/user}}]"
                            "[{{^user}}anon{{/user}}]", v),
                     "[u=&lt;b&gt;bob&lt;/b&gt;][]");
    ck_assert_str_eq(render("[{{#realm}}r{{/realm}}][{{^realm}}no realm"
                            "{{/realm}}]", v), "[][no realm]");
    /* nesting, and a block whose value is empty inside a kept one */
    ck_assert_str_eq(render("{{#status}}A{{#realm}}B{{/realm}}C"
                            "{{^realm}}D{{#user}}E{{/user}}{{/realm}}"
                            "{{/status}}", v), "ACDE");
    /* single braces and text around tags are kept as they are */
    ck_assert_str_eq(render("a{b}c{ {{status}} }", v), "a{b}c{ 401 }");
    ck_assert_str_eq(render("", v), "");
}
END_TEST

START_TEST(every_spec_name_is_known)
{
    static const char *const names[] = {
        "status", "status_text", "title", "message", "reason", "realm",
        "method", "uri", "user", "required_roles", "login_url",
        "support_url", "retry_after", "request_id", "server_name", "hint",
        "until",
    };
    const char *v[AG_TV_COUNT] = { 0 };

    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char text[64];

        snprintf(text, sizeof(text), "{{%s}}", names[i]);
        ck_assert_str_eq(render(text, v), "");
    }
    ck_assert_str_eq(ag_template_var_name(AG_TV_LOGIN_URL), "login_url");
}
END_TEST

START_TEST(template_owns_its_text)
{
    char buf[] = "<p>{{status}}</p>";
    ag_template_t *tpl = NULL;
    ag_parse_error_t err;
    const char *v[AG_TV_COUNT] = { 0 };

    v[AG_TV_STATUS] = "403";
    ck_assert_int_eq(ag_template_compile(&tpl, &err, buf, strlen(buf),
                                         ut_pool), APR_SUCCESS);
    memset(buf, 'X', sizeof(buf) - 1);   /* the loader frees its buffer */
    ck_assert_str_eq(ag_template_render(tpl, v, NULL, ut_pool),
                     "<p>403</p>");
}
END_TEST

static const struct {
    const char *text;
    unsigned line;
    const char *msg;
} errors[] = {
    { "ok\n{{nosuch}}\n", 2, "unknown name 'nosuch'" },
    { "{{#user}}\n\n", 1, "the block 'user' is never closed" },
    { "a\nb\n{{/user}}", 3, "'{{/user}}' closes no open block" },
    { "{{#user}}\n{{#realm}}\n{{/user}}\n{{/realm}}", 3,
      "'{{/user}}' closes the block 'realm' opened on line 2" },
    { "line1\n{{status\n}}", 2, "'{{' without '}}' on the same line" },
    { "{{}}", 1, "unknown name ''" },
    { "{{#}}", 1, "unknown name ''" },
    { "{{{status}}}", 1, "unknown name '{status'" },
};

START_TEST(errors_name_the_line)
{
    ag_template_t *tpl = NULL;
    ag_parse_error_t err = { 0, NULL };
    const char *t = errors[_i].text;

    ck_assert_int_ne(ag_template_compile(&tpl, &err, t, strlen(t), ut_pool),
                     APR_SUCCESS);
    ck_assert_uint_eq(err.line, errors[_i].line);
    ck_assert_str_eq(err.msg, errors[_i].msg);
}
END_TEST

Suite *suite_template(void)
{
    Suite *s = suite_create("template");
    TCase *tc = tcase_create("template");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_test(tc, variables_and_blocks);
    tcase_add_test(tc, every_spec_name_is_known);
    tcase_add_test(tc, template_owns_its_text);
    tcase_add_loop_test(tc, errors_name_the_line, 0,
                        sizeof(errors) / sizeof(errors[0]));
    suite_add_tcase(s, tc);
    return s;
}
