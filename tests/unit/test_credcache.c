/*
 * test_credcache.c - identities and the per-process front of the
 * verified-credential cache.
 */
#include <stdio.h>
#include <string.h>

#include "ag_credcache.h"
#include "unit.h"

START_TEST(ids_depend_on_every_part)
{
    ag_cc_key_t key, other;
    unsigned char a[AG_CC_ID_LEN], b[AG_CC_ID_LEN];

    ck_assert(ag_cc_key_new(&key));
    ck_assert(ag_cc_key_new(&other));
    ck_assert(memcmp(key.bytes, other.bytes, AG_CC_KEY_LEN) != 0);

    ck_assert(ag_cc_id(a, &key, "bob", "$2y$10$h", "pw"));
    ck_assert(ag_cc_id(b, &key, "bob", "$2y$10$h", "pw"));
    ck_assert_mem_eq(a, b, AG_CC_ID_LEN);
    /* a new hash (password changed), another user or password, another
     * key: another identity */
    ck_assert(ag_cc_id(b, &key, "bob", "$2y$10$i", "pw"));
    ck_assert(memcmp(a, b, AG_CC_ID_LEN) != 0);
    ck_assert(ag_cc_id(b, &key, "bo", "b$2y$10$h", "pw"));
    ck_assert(memcmp(a, b, AG_CC_ID_LEN) != 0);
    ck_assert(ag_cc_id(b, &key, "bob", "$2y$10$h", "pw "));
    ck_assert(memcmp(a, b, AG_CC_ID_LEN) != 0);
    ck_assert(ag_cc_id(b, &other, "bob", "$2y$10$h", "pw"));
    ck_assert(memcmp(a, b, AG_CC_ID_LEN) != 0);
}
END_TEST

START_TEST(freshness)
{
    apr_time_t s = APR_USEC_PER_SEC;

    ck_assert(ag_cc_fresh(100 * s, 100 * s, 300 * s));
    ck_assert(ag_cc_fresh(100 * s, 399 * s, 300 * s));
    ck_assert(!ag_cc_fresh(100 * s, 400 * s, 300 * s));
    ck_assert(!ag_cc_fresh(100 * s, 99 * s, 300 * s));   /* clock back */
    ck_assert(!ag_cc_fresh(0, 1, 300 * s));               /* empty */
    ck_assert(!ag_cc_fresh(100 * s, 100 * s, 0));         /* off */
}
END_TEST

START_TEST(front_get_put)
{
    ag_cc_front_t *f;
    ag_cc_key_t key;
    unsigned char a[AG_CC_ID_LEN], b[AG_CC_ID_LEN];
    apr_time_t now = apr_time_now(), ttl = apr_time_from_sec(300);

    ck_assert(ag_cc_key_new(&key));
    ck_assert_int_eq(ag_cc_front_create(&f, 3, ut_pool), APR_SUCCESS);
    ck_assert(ag_cc_id(a, &key, "a", "h", "p"));
    ck_assert(!ag_cc_front_get(f, a, now, ttl));
    ag_cc_front_put(f, a, now);
    ck_assert(ag_cc_front_get(f, a, now + 1, ttl));
    ck_assert(!ag_cc_front_get(f, a, now + ttl, ttl));
    /* a different id in the same slot replaces it (4 slots, so try ids
     * until one collides) */
    for (int i = 0;; i++) {
        char p[16];

        snprintf(p, sizeof(p), "p%d", i);
        ck_assert(ag_cc_id(b, &key, "a", "h", p));
        if ((a[0] & 3) == (b[0] & 3)) {
            break;
        }
    }
    ck_assert(!ag_cc_front_get(f, b, now, ttl));
    ag_cc_front_put(f, b, now);
    ck_assert(ag_cc_front_get(f, b, now, ttl));
    ck_assert(!ag_cc_front_get(f, a, now, ttl));
}
END_TEST

Suite *suite_credcache(void)
{
    Suite *s = suite_create("credcache");
    TCase *tc = tcase_create("credcache");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_test(tc, ids_depend_on_every_part);
    tcase_add_test(tc, freshness);
    tcase_add_test(tc, front_get_put);
    suite_add_tcase(s, tc);
    return s;
}
