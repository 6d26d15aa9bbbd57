/*
 * test_passwd.c - every hash format of SPEC 3.1, made by the libraries
 * the real tools use, verified right and wrong.
 */
#include <string.h>

#include <crypt.h>
#include <apr_md5.h>
#include <apr_sha1.h>
#include <apr_strings.h>

#include "ag_passwd.h"
#include "unit.h"

static const char *crypt_hash(const char *prefix, const char *pw)
{
    struct crypt_data *cd = apr_pcalloc(ut_pool, sizeof(*cd));
    char *setting = crypt_gensalt_rn(prefix, 0, NULL, 0,
                                     apr_palloc(ut_pool, CRYPT_GENSALT_OUTPUT_SIZE),
                                     CRYPT_GENSALT_OUTPUT_SIZE);

    ck_assert_ptr_nonnull(setting);
    return apr_pstrdup(ut_pool, crypt_r(pw, setting, cd));
}

static const char *make_hash(int which, const char *pw)
{
    char *out = apr_palloc(ut_pool, 256);
    static const unsigned char salt[16] = "0123456789abcdef";

    switch (which) {
    case 0:
        ck_assert_int_eq(apr_bcrypt_encode(pw, 5, salt, sizeof(salt), out,
                                           256), APR_SUCCESS);
        return out;                                   /* $2y$ */
    case 1:
        return crypt_hash("$2b$", pw);
    case 2:
        return crypt_hash("$y$", pw);
    case 3:
        return crypt_hash("$6$", pw);
    case 4:
        return crypt_hash("$5$", pw);
    case 5:
        ck_assert_int_eq(apr_md5_encode(pw, "$apr1$abcdefgh", out, 256),
                         APR_SUCCESS);
        return out;
    default:
        apr_sha1_base64(pw, (int)strlen(pw), out);
        return out;                                   /* {SHA} */
    }
}

static const ag_hash_kind_e kinds[] = {
    AG_HASH_BCRYPT, AG_HASH_BCRYPT, AG_HASH_YESCRYPT, AG_HASH_SHA512,
    AG_HASH_SHA256, AG_HASH_APR1, AG_HASH_SHA1
};

START_TEST(each_format_verifies)
{
    const char *pw = "correct horse \xC3\xBC";
    const char *hash = make_hash(_i, pw);

    ck_assert_int_eq(ag_passwd_kind(hash), kinds[_i]);
    ck_assert_msg(ag_passwd_verify(pw, hash, ut_pool), "format %s",
                  ag_passwd_kind_name(kinds[_i]));
    ck_assert(!ag_passwd_verify("correct horse", hash, ut_pool));
    ck_assert(!ag_passwd_verify("", hash, ut_pool));
}
END_TEST

START_TEST(never_matching_formats)
{
    ck_assert_int_eq(ag_passwd_kind("!"), AG_HASH_DISABLED);
    ck_assert_int_eq(ag_passwd_kind("!$y$j9T$abc"), AG_HASH_DISABLED);
    ck_assert(!ag_passwd_verify("", "!", ut_pool));
    ck_assert_int_eq(ag_passwd_kind("abJnggxhB/yWI"), AG_HASH_DES);
    ck_assert(!ag_passwd_verify("password", "abJnggxhB/yWI", ut_pool));
    ck_assert_int_eq(ag_passwd_kind("secret"), AG_HASH_UNKNOWN);
    ck_assert(!ag_passwd_verify("secret", "secret", ut_pool));
    ck_assert_int_eq(ag_passwd_kind(""), AG_HASH_UNKNOWN);
    ck_assert(!ag_passwd_verify("", "", ut_pool));
    ck_assert_int_eq(ag_passwd_kind("$1$abc$def"), AG_HASH_UNKNOWN);
    /* a well-prefixed but damaged hash never matches */
    ck_assert(!ag_passwd_verify("x", "$6$", ut_pool));
    ck_assert(!ag_passwd_verify("x", "$2y$05$short", ut_pool));
}
END_TEST

START_TEST(cost_keys)
{
    ck_assert_str_eq(ag_passwd_cost_key("$2y$10$abcdefghijklmnopqrstuv",
                                        ut_pool), "$2y$10$");
    ck_assert_str_eq(ag_passwd_cost_key("$y$j9T$salt$hash", ut_pool),
                     "$y$j9T$");
    ck_assert_str_eq(ag_passwd_cost_key("$6$rounds=9000$salt$hash",
                                        ut_pool), "$6$rounds=9000$");
    ck_assert_str_eq(ag_passwd_cost_key("$6$salt$hash", ut_pool), "$6$");
    ck_assert_str_eq(ag_passwd_cost_key("{SHA}xyz=", ut_pool), "{SHA}");
    ck_assert_str_eq(ag_passwd_cost_key("junk", ut_pool), "");
}
END_TEST

Suite *suite_passwd(void)
{
    Suite *s = suite_create("passwd");
    TCase *tc = tcase_create("passwd");

    tcase_set_timeout(tc, 30);
    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_loop_test(tc, each_format_verifies, 0,
                        sizeof(kinds) / sizeof(kinds[0]));
    tcase_add_test(tc, never_matching_formats);
    tcase_add_test(tc, cost_keys);
    suite_add_tcase(s, tc);
    return s;
}
