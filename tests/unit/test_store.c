/*
 * test_store.c - loading and reloading files: whole or nothing, newest
 * good version kept, versions outlive reloads while referenced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <apr_strings.h>

#include "ag_store.h"
#include "ag_userfile.h"
#include "unit.h"

static char dir[64];
static ut_log_t logbuf;
static ag_logger_t logger = { ut_log_capture, &logbuf };

static int parse_users(void **db, ag_parse_error_t *err, const char *buf,
                       apr_size_t len, apr_pool_t *pool)
{
    return ag_userdb_parse((ag_userdb_t **)db, err, buf, len, pool);
}

static void setup(void)
{
    ut_setup();
    strcpy(dir, "/tmp/ag-unit-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    memset(&logbuf, 0, sizeof(logbuf));
}

static void teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    ut_teardown();
}

/* Replace path atomically (write a temporary file, rename it). */
static const char *put(const char *name, const char *text)
{
    const char *path = apr_pstrcat(ut_pool, dir, "/", name, NULL);
    const char *tmp = apr_pstrcat(ut_pool, path, ".tmp", NULL);
    FILE *f = fopen(tmp, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    ck_assert_int_eq(rename(tmp, path), 0);
    return path;
}

static int has_user(ag_store_t *st, const char *user)
{
    ag_version_t *v = ag_store_acquire(st);
    int found;

    ck_assert_ptr_nonnull(v);
    found = ag_userdb_get(ag_version_db(v), user) != NULL;
    ag_store_release(v);
    return found;
}

static ag_store_t *make(const char *path)
{
    ag_store_t *st;

    ck_assert_int_eq(ag_store_create(&st, path, "user file", parse_users,
                                     &logger, ut_pool), APR_SUCCESS);
    return st;
}

START_TEST(reload_on_rename)
{
    const char *path = put("users", "alice:!\nbob:!\n");
    ag_store_t *st = make(path);

    ck_assert_ptr_null(ag_store_acquire(st));   /* nothing read yet */
    ck_assert(ag_store_refresh(st));
    ck_assert(has_user(st, "bob"));
    ck_assert_int_eq(logbuf.level, AG_LOG_INFO);

    put("users", "alice:!\n");
    ck_assert(ag_store_refresh(st));
    ck_assert(!has_user(st, "bob"));
    ck_assert(has_user(st, "alice"));
}
END_TEST

START_TEST(broken_keeps_newest_good)
{
    const char *path = put("users", "alice:!\nbob:!\n");
    ag_store_t *st = make(path);

    ck_assert(ag_store_refresh(st));
    put("users", "alice:!\n");                 /* version N: bob removed */
    ck_assert(ag_store_refresh(st));
    put("users", "alice:!\ngarbage line\n");   /* version N+1: broken */
    ck_assert(ag_store_refresh(st));
    ck_assert(has_user(st, "alice"));
    ck_assert(!has_user(st, "bob"));           /* N stays, not N-1 */
    ck_assert_int_eq(logbuf.level, AG_LOG_ERR);
    ck_assert_ptr_nonnull(strstr(logbuf.last, path));
    ck_assert_ptr_nonnull(strstr(logbuf.last, "line 2"));
    ck_assert_ptr_nonnull(strstr(logbuf.last, "keeping the version"));

    /* the error is logged once, not at every look */
    int count = logbuf.count;
    ck_assert(ag_store_refresh(st));
    ck_assert_int_eq(logbuf.count, count);

    /* a missing file also keeps the newest good version */
    ck_assert_int_eq(unlink(path), 0);
    ck_assert(ag_store_refresh(st));
    ck_assert(has_user(st, "alice"));
    ck_assert_ptr_nonnull(strstr(logbuf.last, "cannot be read"));

    /* and a good file after that is taken */
    put("users", "carol:!\n");
    ck_assert(ag_store_refresh(st));
    ck_assert(has_user(st, "carol"));
    ck_assert(!has_user(st, "alice"));
}
END_TEST

START_TEST(never_loaded_means_no_version)
{
    const char *path = apr_pstrcat(ut_pool, dir, "/missing", NULL);
    ag_store_t *st = make(path);

    ck_assert(!ag_store_refresh(st));
    ck_assert_ptr_null(ag_store_acquire(st));
    ck_assert_ptr_nonnull(strstr(logbuf.last, "answer 500"));

    put("missing", "broken\n");
    ck_assert(!ag_store_refresh(st));
    ck_assert_ptr_null(ag_store_acquire(st));
    ck_assert_ptr_nonnull(strstr(logbuf.last, "line 1"));

    put("missing", "ok:!\n");
    ck_assert(ag_store_refresh(st));
    ck_assert(has_user(st, "ok"));
}
END_TEST

START_TEST(version_outlives_reload)
{
    const char *path = put("users", "alice:!\n");
    ag_store_t *st = make(path);
    ag_version_t *held;
    const ag_userdb_t *db;

    ck_assert(ag_store_refresh(st));
    held = ag_store_acquire(st);
    db = ag_version_db(held);
    put("users", "bob:!\n");
    ck_assert(ag_store_refresh(st));
    /* the held version is intact (ASan would catch a use after free) */
    ck_assert_ptr_nonnull(ag_userdb_get(db, "alice"));
    ck_assert_ptr_null(ag_userdb_get(db, "bob"));
    ag_store_release(held);
    ck_assert(has_user(st, "bob"));
}
END_TEST

START_TEST(touch_without_change_is_quiet)
{
    const char *path = put("users", "alice:!\n");
    ag_store_t *st = make(path);
    int count;

    ck_assert(ag_store_refresh(st));
    count = logbuf.count;
    put("users", "alice:!\n");                /* same bytes, new inode */
    ck_assert(ag_store_refresh(st));
    ck_assert_int_eq(logbuf.count, count);
    ck_assert_str_eq(ag_store_path(st), path);
}
END_TEST

/* What a status page shows: when the version in force was put in force,
 * its digest, and the last problem split into line and message. */
START_TEST(info_tells_version_and_problem)
{
    const char *path = put("users", "alice:!\n");
    ag_store_t *st = make(path);
    ag_store_info_t info, first;
    apr_time_t before = apr_time_now();

    ag_store_info(&info, st, ut_pool);
    ck_assert_int_eq(info.in_force, 0);
    ck_assert_ptr_null(info.problem);

    ck_assert(ag_store_refresh(st));
    ag_store_info(&first, st, ut_pool);
    ck_assert_int_eq(first.in_force, 1);
    ck_assert_int_eq(first.shared, 0);
    ck_assert(first.loaded >= before && first.loaded <= apr_time_now());
    ck_assert(first.mtime > 0);
    ck_assert_ptr_null(first.problem);
    ck_assert_int_eq(first.problem_line, 0);

    put("users", "alice:!\nno colon here\n");
    ck_assert(ag_store_refresh(st));
    ag_store_info(&info, st, ut_pool);
    ck_assert_int_eq(info.in_force, 1);        /* the good one stays */
    ck_assert_int_eq(memcmp(info.digest, first.digest,
                            sizeof(info.digest)), 0);
    ck_assert_int_eq(info.loaded, first.loaded);
    ck_assert_uint_eq(info.problem_line, 2);
    ck_assert_str_eq(info.problem, "no ':' after the user name");

    put("users", "bob:!\n");
    ck_assert(ag_store_refresh(st));
    ag_store_info(&info, st, ut_pool);
    ck_assert_ptr_null(info.problem);
    ck_assert_int_eq(info.problem_line, 0);
    ck_assert_int_ne(memcmp(info.digest, first.digest,
                            sizeof(info.digest)), 0);

    ck_assert_int_eq(unlink(path), 0);
    ck_assert(ag_store_refresh(st));
    ag_store_info(&info, st, ut_pool);
    ck_assert_int_eq(info.problem_line, 0);
    ck_assert_ptr_nonnull(strstr(info.problem, "cannot be read"));
}
END_TEST

Suite *suite_store(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("store");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, reload_on_rename);
    tcase_add_test(tc, broken_keeps_newest_good);
    tcase_add_test(tc, never_loaded_means_no_version);
    tcase_add_test(tc, version_outlives_reload);
    tcase_add_test(tc, touch_without_change_is_quiet);
    tcase_add_test(tc, info_tells_version_and_problem);
    suite_add_tcase(s, tc);
    return s;
}

/* Two stores on one file stand for two httpd processes. */
START_TEST(shared_slot_hands_over_newest_good)
{
    const char *path = put("users", "alice:!\nbob:!\n");
    ag_store_t *a = make(path), *b = make(path);
    apr_size_t cap = _i == 0 ? 4096 : 4;
    ag_slot_t *slot = ag_slot_init(apr_pcalloc(ut_pool, ag_slot_size(cap)),
                                   cap);
    apr_global_mutex_t *mutex;

    ck_assert_int_eq(apr_global_mutex_create(&mutex, NULL, APR_LOCK_DEFAULT,
                                             ut_pool), APR_SUCCESS);
    ag_store_share(a, slot, mutex);
    ag_store_share(b, slot, mutex);
    ck_assert(ag_store_refresh(a));
    ck_assert(ag_store_refresh(b));      /* both on v1 */

    usleep(20000);                       /* distinct ctimes, as in life */
    put("users", "alice:!\n");           /* v2: only a looks */
    ck_assert(ag_store_refresh(a));
    ck_assert(!has_user(a, "bob"));

    usleep(20000);
    put("users", "garbage\n");           /* v3 broken; b never saw v2 */
    ck_assert(ag_store_refresh(a));
    if (_i == 0) {
        ck_assert(ag_store_refresh(b));
        ck_assert(!has_user(b, "bob"));  /* v2 from the slot, not v1 */
        ck_assert(has_user(b, "alice"));
        /* the error names the version kept: v2's time, not "none" */
        ck_assert_ptr_nonnull(strstr(logbuf.last, "keeping the version"));
    }
    else {
        /* v2 did not fit in the slot: b must not serve v1 either */
        ck_assert(!ag_store_refresh(b));
        ck_assert_ptr_null(ag_store_acquire(b));
        ck_assert_ptr_nonnull(strstr(logbuf.last, "no version of it is in "
                                     "force"));
        put("users", "carol:!\n");
        ck_assert(ag_store_refresh(b));
        ck_assert(has_user(b, "carol"));
    }
    /* a keeps its own v2 throughout */
    ck_assert(has_user(a, "alice"));
    ck_assert(!has_user(a, "bob"));
}
END_TEST

START_TEST(slot_orders_by_ctime)
{
    ag_slot_t *slot = ag_slot_init(apr_pcalloc(ut_pool, ag_slot_size(64)),
                                   64);
    unsigned char d1[AG_SLOT_DIGEST_LEN] = { 1 }, d2[AG_SLOT_DIGEST_LEN] = { 2 };
    char *buf;
    apr_size_t len;
    apr_time_t ct;

    ck_assert_int_eq(ag_slot_newer(slot, 0, NULL, &buf, &len, &ct, ut_pool),
                     AG_SLOT_NOTHING_NEWER);
    ck_assert(ag_slot_publish(slot, 200, d2, "v2", 2));
    ck_assert(!ag_slot_publish(slot, 100, d1, "v1", 2));   /* older */
    ck_assert_int_eq(ag_slot_newer(slot, 100, d1, &buf, &len, &ct, ut_pool),
                     AG_SLOT_NEWER);
    ck_assert_str_eq(buf, "v2");
    ck_assert(ct == 200);
    ck_assert_int_eq(ag_slot_newer(slot, 200, d2, &buf, &len, &ct, ut_pool),
                     AG_SLOT_NOTHING_NEWER);
    ck_assert_int_eq(ag_slot_newer(slot, 300, NULL, &buf, &len, &ct,
                                   ut_pool), AG_SLOT_NOTHING_NEWER);
    /* same ctime, other bytes: the later publication wins */
    ck_assert(ag_slot_publish(slot, 200, d1, "v3", 2));
    ck_assert(!ag_slot_publish(slot, 200, d1, "v3", 2));
    ck_assert_int_eq(ag_slot_newer(slot, 200, d2, &buf, &len, &ct, ut_pool),
                     AG_SLOT_NEWER);
    ck_assert_str_eq(buf, "v3");
    /* exactly the capacity fits */
    {
        char big[64];

        memset(big, 'x', sizeof(big));
        ck_assert(ag_slot_publish(slot, 300, d2, big, sizeof(big)));
        ck_assert_int_eq(ag_slot_newer(slot, 0, NULL, &buf, &len, &ct,
                                       ut_pool), AG_SLOT_NEWER);
        ck_assert_uint_eq(len, 64);
    }
}
END_TEST

Suite *suite_slot(void)
{
    Suite *s = suite_create("slot");
    TCase *tc = tcase_create("slot");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, shared_slot_hands_over_newest_good, 0, 2);
    tcase_add_test(tc, slot_orders_by_ctime);
    suite_add_tcase(s, tc);
    return s;
}
