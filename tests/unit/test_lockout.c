/*
 * test_lockout.c - failed sign-ins counted per fixed window.
 */
#include <string.h>

#include "ag_lockout.h"
#include "ag_secret.h"
#include "unit.h"

#define SEC(n) apr_time_from_sec(n)

START_TEST(locks_after_n_until_window_passes)
{
    ag_lockout_rec_t rec = { 0, 0, 0 };
    apr_time_t t0 = SEC(1000000);

    ck_assert_int_eq(ag_lockout_wait(&rec, t0, 3, SEC(60)), 0);
    ag_lockout_fail(&rec, t0, SEC(60));
    ag_lockout_fail(&rec, t0 + SEC(10), SEC(60));
    ck_assert_int_eq(ag_lockout_wait(&rec, t0 + SEC(10), 3, SEC(60)), 0);
    ck_assert_int_eq(ag_lockout_fail(&rec, t0 + SEC(20), SEC(60)),
                     t0 + SEC(60));
    /* third failure within the window: wait until it has passed */
    ck_assert_int_eq(ag_lockout_wait(&rec, t0 + SEC(20), 3, SEC(60)), 40);
    ck_assert_int_eq(ag_lockout_wait(&rec, t0 + SEC(59) + 1, 3, SEC(60)), 1);
    ck_assert_int_eq(ag_lockout_wait(&rec, t0 + SEC(60), 3, SEC(60)), 0);
    /* after the window the count starts over */
    ag_lockout_fail(&rec, t0 + SEC(61), SEC(60));
    ck_assert_uint_eq(rec.failures, 1);
    ck_assert_int_eq(rec.window_start, t0 + SEC(61));
    /* limit 0: never locked */
    rec.failures = 100;
    ck_assert_int_eq(ag_lockout_wait(&rec, t0 + SEC(62), 0, SEC(60)), 0);
}
END_TEST

START_TEST(record_round_trip_and_garbage)
{
    ag_lockout_rec_t rec = { SEC(1800000000), 7, 0 }, back;
    unsigned char buf[AG_LOCKOUT_REC_LEN];

    ag_lockout_encode(buf, &rec);
    ck_assert(ag_lockout_decode(&back, buf, sizeof(buf)));
    ck_assert_int_eq(back.window_start, rec.window_start);
    ck_assert_uint_eq(back.failures, 7);
    ck_assert(!ag_lockout_decode(&back, buf, sizeof(buf) - 1));
    ck_assert_uint_eq(back.failures, 0);
    memset(buf, 0xff, sizeof(buf));
    ck_assert(!ag_lockout_decode(&back, buf, sizeof(buf)));
    ck_assert(!ag_lockout_decode(&back, NULL, 0));
}
END_TEST

/* Found by tests/fuzz/fuzz_lockout_record: a record from the cache whose
 * window started near APR_INT64_MAX made the module's storage time
 * (window start + window) overflow. */
START_TEST(record_from_beyond_9999_is_garbage)
{
    ag_lockout_rec_t rec = { AG_LOCKOUT_START_MAX, 3, 0 }, back;
    unsigned char buf[AG_LOCKOUT_REC_LEN];

    ag_lockout_encode(buf, &rec);
    ck_assert(ag_lockout_decode(&back, buf, sizeof(buf)));
    ck_assert_int_eq(back.window_start, AG_LOCKOUT_START_MAX);
    ck_assert_uint_eq(back.failures, 3);
    rec.window_start = AG_LOCKOUT_START_MAX + 1;
    ag_lockout_encode(buf, &rec);
    ck_assert(!ag_lockout_decode(&back, buf, sizeof(buf)));
    ck_assert_int_eq(back.window_start, 0);
    ck_assert_uint_eq(back.failures, 0);
    rec.window_start = APR_INT64_MAX;
    ag_lockout_encode(buf, &rec);
    ck_assert(!ag_lockout_decode(&back, buf, sizeof(buf)));
    /* what the module keeps a record until cannot overflow */
    ck_assert(AG_LOCKOUT_START_MAX + SEC(7 * 86400) > AG_LOCKOUT_START_MAX);
}
END_TEST

/* A record of a cache this server alone uses names its rule's limit, so
 * that the status page can count locks in force; the short form (no
 * limit) is still read, and is never judged locked. */
START_TEST(record_with_limit)
{
    ag_lockout_rec_t rec = { SEC(1800000000), 5, 5 }, back;
    unsigned char buf[AG_LOCKOUT_REC_MAX];

    ck_assert_uint_eq(ag_lockout_encode(buf, &rec), AG_LOCKOUT_REC_MAX);
    ck_assert(ag_lockout_decode(&back, buf, AG_LOCKOUT_REC_MAX));
    ck_assert_uint_eq(back.limit, 5);
    ck_assert_uint_eq(back.failures, 5);
    ck_assert(ag_lockout_in_force(&back));
    back.failures = 4;
    ck_assert(!ag_lockout_in_force(&back));
    /* the short form: limit unknown, never judged locked */
    rec.limit = 0;
    ck_assert_uint_eq(ag_lockout_encode(buf, &rec), AG_LOCKOUT_REC_LEN);
    ck_assert(ag_lockout_decode(&back, buf, AG_LOCKOUT_REC_LEN));
    ck_assert_uint_eq(back.limit, 0);
    ck_assert(!ag_lockout_in_force(&back));
    /* a long record whose limit is 0 is not a record */
    memset(buf + AG_LOCKOUT_REC_LEN, 0, 4);
    ck_assert(!ag_lockout_decode(&back, buf, AG_LOCKOUT_REC_MAX));
    ck_assert(!ag_lockout_decode(&back, buf, AG_LOCKOUT_REC_MAX + 1));
}
END_TEST

START_TEST(identities_differ_by_scope_and_parts)
{
    unsigned char a[AG_LOCKOUT_ID_LEN], b[AG_LOCKOUT_ID_LEN];
    unsigned char key[AG_LOCKOUT_KEY_LEN], other[AG_LOCKOUT_KEY_LEN];
    apr_interval_time_t w = SEC(600);

    memset(key, 1, sizeof(key));
    memset(other, 2, sizeof(other));
    ck_assert(ag_lockout_id(a, key, "10.0.0.1", "bob", 3, w));
    ck_assert(ag_lockout_id(b, key, "10.0.0.1", "bob", 3, w));
    ck_assert_mem_eq(a, b, sizeof(a));
    ck_assert(ag_lockout_id(b, key, "10.0.0.1", NULL, 3, w));
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
    ck_assert(ag_lockout_id(b, key, "10.0.0.1", "", 3, w));
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
    /* parts cannot run into each other */
    ck_assert(ag_lockout_id(a, key, "10.0.0.1b", "ob", 3, w));
    ck_assert(ag_lockout_id(b, key, "10.0.0.1", "bob", 3, w));
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
    /* another rule, another record; another key, another name */
    ck_assert(ag_lockout_id(a, key, "10.0.0.1", "bob", 3, SEC(1)));
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
    ck_assert(ag_lockout_id(a, other, "10.0.0.1", "bob", 3, w));
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
}
END_TEST

START_TEST(addresses_counted_per_client)
{
    ck_assert_str_eq(ag_lockout_address("10.1.2.3", ut_pool), "10.1.2.3");
    ck_assert_str_eq(ag_lockout_address("2001:db8:1:2::7", ut_pool),
                     "2001:db8:1:2::/64");
    ck_assert_str_eq(ag_lockout_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd",
                                        ut_pool), "2001:db8:1:2::/64");
    ck_assert_str_eq(ag_lockout_address("::ffff:192.0.2.9", ut_pool),
                     "192.0.2.9");
    ck_assert_str_eq(ag_lockout_address("::1", ut_pool), "::/64");
    ck_assert_str_eq(ag_lockout_address("garbage:", ut_pool), "garbage:");
}
END_TEST

START_TEST(secret_keys_per_purpose)
{
    unsigned char secret[AG_SECRET_MIN], a[AG_SECRET_KEY_LEN],
        b[AG_SECRET_KEY_LEN];

    memset(secret, 7, sizeof(secret));
    ck_assert(ag_secret_derive(a, secret, sizeof(secret), "one"));
    ck_assert(ag_secret_derive(b, secret, sizeof(secret), "one"));
    ck_assert_mem_eq(a, b, sizeof(a));             /* the same everywhere */
    ck_assert(ag_secret_derive(b, secret, sizeof(secret), "two"));
    ck_assert(memcmp(a, b, sizeof(a)) != 0);       /* one key per purpose */
    secret[0] = 8;
    ck_assert(ag_secret_derive(b, secret, sizeof(secret), "one"));
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
    ck_assert(!ag_secret_derive(b, secret, sizeof(secret) - 1, "one"));
    ck_assert(!ag_secret_derive(b, NULL, 0, "one"));
}
END_TEST

Suite *suite_lockout(void)
{
    Suite *s = suite_create("lockout");
    TCase *tc = tcase_create("lockout");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_test(tc, locks_after_n_until_window_passes);
    tcase_add_test(tc, record_round_trip_and_garbage);
    tcase_add_test(tc, record_from_beyond_9999_is_garbage);
    tcase_add_test(tc, record_with_limit);
    tcase_add_test(tc, identities_differ_by_scope_and_parts);
    tcase_add_test(tc, addresses_counted_per_client);
    tcase_add_test(tc, secret_keys_per_purpose);
    suite_add_tcase(s, tc);
    return s;
}
