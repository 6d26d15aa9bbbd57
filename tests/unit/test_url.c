/*
 * test_url.c - the sign-in and help links, and the parts of a request
 * target a page may show: the path, and the return target without any
 * access_token parameter.
 */
#include <string.h>

#include "ag_url.h"
#include "unit.h"

static const struct {
    const char *url;
    int ok;
} links[] = {
    { "https://login.example.com/", 1 },
    { "http://example.com/login?x=1", 1 },
    { "mailto:help@example.com", 1 },
    { "/login", 1 },
    { "HTTPS://EXAMPLE.COM", 1 },
    { "javascript:alert(1)", 0 },
    { "data:text/html,hi", 0 },
    { "//evil.example.com/", 0 },
    { "login", 0 },
    { "https://", 0 },
    { "https:///path", 0 },
    { "https://a b", 0 },
    { "https://x/\"onmouseover=", 0 },
    { "https://x/\x01", 0 },
    { "", 0 },
};

START_TEST(safe_links)
{
    ck_assert_msg(ag_url_is_safe_link(links[_i].url) == links[_i].ok,
                  "%s", links[_i].url);
}
END_TEST

START_TEST(return_parameter)
{
    ck_assert_str_eq(ag_url_with_return("https://l/", "/a?b=c", ut_pool),
                     "https://l/?return=%2Fa%3Fb%3Dc");
    ck_assert_str_eq(ag_url_with_return("https://l/?app=1", "/x", ut_pool),
                     "https://l/?app=1&return=%2Fx");
    ck_assert_str_eq(ag_url_with_return("https://l/?", "/x", ut_pool),
                     "https://l/?return=%2Fx");
    ck_assert_str_eq(ag_url_with_return("/login#top", "/\xC3\xBC", ut_pool),
                     "/login?return=%2F%C3%BC#top");
}
END_TEST

static const struct {
    const char *uri, *path;
} paths[] = {
    { "/members/", "/members/" },
    { "/members/?access_token=id.secret", "/members/" },
    { "/a/b%3Fc?x=1#f", "/a/b%3Fc" },
    { "/a#frag?access_token=x", "/a" },
    { "/?", "/" },
    { "", "" },
    { "http://example.com/p?q=1", "http://example.com/p" },
};

START_TEST(path_only)
{
    ck_assert_str_eq(ag_url_path(paths[_i].uri, ut_pool), paths[_i].path);
}
END_TEST

static const struct {
    const char *uri, *target;
} targets[] = {
    /* nothing to take away */
    { "/a", "/a" },
    { "/a?b=c&d=e", "/a?b=c&d=e" },
    { "/a?b=c%20d+e&f", "/a?b=c%20d+e&f" },
    /* every access_token goes, wherever it stands, with or without a
     * value; the others stay in their order */
    { "/a?access_token=id.s3cret", "/a" },
    { "/a?access_token=1&b=2", "/a?b=2" },
    { "/a?b=2&access_token=1", "/a?b=2" },
    { "/a?b=2&access_token=1&c=3&access_token=4", "/a?b=2&c=3" },
    { "/a?access_token&b=2", "/a?b=2" },
    { "/a?access_token=", "/a" },
    { "/a?access_token=x=y&b", "/a?b" },
    /* the name is compared percent-decoded */
    { "/a?access%5Ftoken=1&b=2", "/a?b=2" },
    { "/a?%61ccess_token=1", "/a" },
    { "/a?access%5ftoken=1", "/a" },
    /* ... and exactly: other names stay */
    { "/a?ACCESS_TOKEN=1", "/a?ACCESS_TOKEN=1" },
    { "/a?Access_Token=1", "/a?Access_Token=1" },
    { "/a?access_token2=1", "/a?access_token2=1" },
    { "/a?my_access_token=1", "/a?my_access_token=1" },
    { "/a?access_toke=1", "/a?access_toke=1" },
    { "/a?access%5Gtoken=1", "/a?access%5Gtoken=1" },
    { "/a?access_token%3D1=2", "/a?access_token%3D1=2" },
    { "/a?b=access_token", "/a?b=access_token" },
    { "/a?access_token%", "/a?access_token%" },
    /* empty parameters and the fragment go */
    { "/a?", "/a" },
    { "/a?&&b=1&&", "/a?b=1" },
    { "/a?b=1#access_token=x", "/a?b=1" },
    { "/a#x?y", "/a" },
};

START_TEST(return_target)
{
    ck_assert_str_eq(ag_url_return_target(targets[_i].uri, ut_pool),
                     targets[_i].target);
}
END_TEST

Suite *suite_url(void)
{
    Suite *s = suite_create("url");
    TCase *tc = tcase_create("url");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, safe_links, 0, sizeof(links) / sizeof(links[0]));
    tcase_add_test(tc, return_parameter);
    tcase_add_loop_test(tc, path_only, 0, sizeof(paths) / sizeof(paths[0]));
    tcase_add_loop_test(tc, return_target, 0,
                        sizeof(targets) / sizeof(targets[0]));
    suite_add_tcase(s, tc);
    return s;
}
