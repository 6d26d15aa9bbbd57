/*
 * test_passwd.c - every hash format (README, "User file"), made by the
 * libraries the real tools use, verified right and wrong.
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
    ck_assert_msg(ag_passwd_cost(hash) > 0, "%s", hash);
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

#define BC_SALT "0123456789abcdefABCDEF"          /* 22 characters */
#define BC_HASH "upWHTLxtBcEJNNWlg7o2k57FH9lfFgz"  /* 31 characters */
#define YC "$saltsaltsalt$J0muOjlZ8y67VOLVIz09WHd4LXM2lwrrtZHXBEsohS8"

/* The model's nanoseconds (ag_passwd.h), computed by hand. */
static const struct {
    const char *hash;
    apr_uint64_t cost;
} cost_cases[] = {
    { "$2y$05$" BC_SALT BC_HASH, APR_UINT64_C(56000) << 5 },
    { "$2b$12$" BC_SALT BC_HASH, APR_UINT64_C(56000) << 12 },
    { "$2a$04$" BC_SALT BC_HASH, APR_UINT64_C(56000) << 4 },
    { "$2y$31$" BC_SALT BC_HASH, APR_UINT64_C(56000) << 31 },
    { "$2y$05$" BC_SALT, APR_UINT64_C(56000) << 5 },  /* a setting */
    { "$2y$03$" BC_SALT BC_HASH, 0 },                  /* cost 4-31 */
    { "$2y$32$" BC_SALT BC_HASH, 0 },
    { "$2y$5$" BC_SALT BC_HASH, 0 },
    { "$2y$05$short", 0 },
    { "$2y$05$0123456789abcdef!BCDEF" BC_HASH, 0 },
    { "$6$saltsalt$hash", 5000 * 330 },
    { "$6$rounds=9000$saltsalt$hash", 9000 * 330 },
    { "$6$rounds=1000$saltsalt$hash", 1000 * 330 },
    { "$6$rounds=999999999$s$h", APR_UINT64_C(999999999) * 330 },
    { "$6$rounds=999$saltsalt$hash", 0 },           /* libcrypt refuses */
    { "$6$rounds=01000$saltsalt$hash", 0 },
    { "$6$rounds=1000000000$saltsalt$hash", 0 },
    { "$6$rounds=99999999999999999999999$s$h", 0 },
    { "$6$rounds=$saltsalt$hash", 0 },
    { "$6$rounds=5000x$saltsalt$hash", 0 },
    { "$5$saltsalt$hash", 5000 * 410 },
    { "$5$rounds=20000$saltsalt$hash", 20000 * 410 },
    /* yescrypt: N * r blocks times (419 + sixths of a pass * 57 / 6) */
    { "$y$j9T" YC, 4096 * 32 * (419 + 2 * 57 / 6) },     /* the default */
    { "$y$jAT" YC, 8192 * 32 * (419 + 2 * 57 / 6) },     /* N = 8192 */
    { "$y$j75" YC, 1024 * 8 * (419 + 2 * 57 / 6) },      /* r = 8 */
    { "$y$j9T/." YC, 4096 * 32 * (419 + 4 * 57 / 6) },   /* t = 1 */
    { "$y$j9T/2" YC, 4096 * 32 * (419 + 24 * 57 / 6) },  /* t = 5 */
    { "$y$j9T.." YC, 4096 * 32 * (419 + 2 * 57 / 6) },   /* p = 2 */
    { "$y$.9T" YC, 4096 * 32 * (419 + 246) },            /* classic */
    { "$y$j9$salt$hash", 0 },                            /* no r */
    /* found by tests/fuzz/fuzz_userdb: libcrypt hashes a setting without
     * its hash part, or with an empty salt, so these cost as much */
    { "$y$j9T$saltonly", 4096 * 32 * (419 + 2 * 57 / 6) },
    { "$y$j9T$", 4096 * 32 * (419 + 2 * 57 / 6) },
    { "$y$zj9T" YC, 0 },                                 /* flavor */
    { "$y$j" YC, 0 },
    { "$apr1$abcdefgh$hash", 119000 },
    { "{SHA}xyz=", 400 },
    { "!", 0 },
    { "!$6$saltsalt$hash", 0 },
    { "abJnggxhB/yWI", 0 },
    { "junk", 0 },
    { "", 0 },
};

START_TEST(cost_model_table)
{
    apr_uint64_t got = ag_passwd_cost(cost_cases[_i].hash);

    ck_assert_msg(got == cost_cases[_i].cost, "%s: %" APR_UINT64_T_FMT
                  " ns, want %" APR_UINT64_T_FMT, cost_cases[_i].hash, got,
                  cost_cases[_i].cost);
}
END_TEST

/* Pairs the model must order as the real functions are: lighter first. */
static const char *const cost_order[][2] = {
    { "{SHA}xyz=", "$apr1$abcdefgh$hash" },
    { "$apr1$abcdefgh$hash", "$6$saltsalt$hash" },
    { "$6$saltsalt$hash", "$5$saltsalt$hash" },
    { "$6$saltsalt$hash", "$y$j9T" YC },
    { "$2y$05$" BC_SALT BC_HASH, "$2y$12$" BC_SALT BC_HASH },
    { "$2y$05$" BC_SALT BC_HASH, "$y$j9T" YC },
    { "$y$j9T" YC, "$2y$12$" BC_SALT BC_HASH },
    { "$y$j9T" YC, "$y$j9T/2" YC },
    { "$y$jAT" YC, "$6$rounds=500000$saltsalt$hash" },
    { "$6$rounds=5000$saltsalt$hash", "$6$rounds=5001$saltsalt$hash" },
};

/* What the model calls free, libcrypt refuses to compute (and so costs
 * nothing); these settings it computes, so they must not be called free.
 * Found by tests/fuzz/fuzz_userdb: a user file line "$y$jFT$SALT" (no
 * hash part) was priced 0 while libcrypt spent seconds and a gigabyte
 * hashing it, and the first check of it raised every later check's pace
 * to the 2 s ceiling. */
static const char *const computed_settings[] = {
    "$y$j/T$", "$y$j/T$xxxx", "$y$j/T$xxxx$",
    "$6$salt", "$5$", "$2b$05$0123456789abcdefABCDEF"
};

START_TEST(cost_model_prices_what_libcrypt_computes)
{
    const char *setting = computed_settings[_i];
    struct crypt_data *data = apr_pcalloc(ut_pool, sizeof(*data));
    const char *out = crypt_r("x", setting, data);

    ck_assert_msg(out != NULL && out[0] != '*', "libcrypt refuses %s",
                  setting);
    ck_assert_msg(ag_passwd_cost(setting) > 0, "%s is priced 0", setting);
}
END_TEST

START_TEST(cost_model_order)
{
    const char *light = cost_order[_i][0], *heavy = cost_order[_i][1];

    ck_assert_msg(ag_passwd_cost(light) < ag_passwd_cost(heavy),
                  "%s should cost less than %s", light, heavy);
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
    tcase_add_loop_test(tc, cost_model_table, 0,
                        sizeof(cost_cases) / sizeof(cost_cases[0]));
    tcase_add_loop_test(tc, cost_model_prices_what_libcrypt_computes, 0,
                        sizeof(computed_settings)
                        / sizeof(computed_settings[0]));
    tcase_add_loop_test(tc, cost_model_order, 0,
                        sizeof(cost_order) / sizeof(cost_order[0]));
    suite_add_tcase(s, tc);
    return s;
}
