/*
 * test_fileread.c - how files are opened and read: regular files only,
 * never blocking, links only between owners who trust each other, with
 * the server account's privileges, never half written; and where a
 * template named in .htaccess may come from.
 */
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <apr_strings.h>

#include "ag_fileread.h"
#include "ag_store.h"
#include "ag_userfile.h"
#include "unit.h"

static char dir[64];

static void setup(void)
{
    ut_setup();
    strcpy(dir, "/tmp/ag-read-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    chmod(dir, 0755);
}

static void teardown(void)
{
    char cmd[128];

    ag_fileread_set_account((uid_t)-1, (gid_t)-1, NULL);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    ut_teardown();
}

static const char *at(const char *name)
{
    return apr_pstrcat(ut_pool, dir, "/", name, NULL);
}

static const char *put(const char *name, const char *text, mode_t mode)
{
    const char *path = at(name);
    FILE *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    ck_assert_int_eq(chmod(path, mode), 0);
    return path;
}

static apr_status_t rd(char **buf, const char **why, const char *path)
{
    apr_size_t len;
    ag_file_id_t id;

    return ag_file_read(buf, &len, &id, why, path, ut_pool);
}

START_TEST(regular_file_is_read)
{
    char *buf;
    const char *why;
    apr_size_t len;
    ag_file_id_t id, now;
    const char *path = put("users", "alice:!\n", 0644);

    ck_assert_int_eq(ag_file_read(&buf, &len, &id, &why, path, ut_pool),
                     APR_SUCCESS);
    ck_assert_str_eq(buf, "alice:!\n");
    ck_assert_uint_eq(len, 8);
    ck_assert_int_eq(ag_file_stat(&now, path, ut_pool), APR_SUCCESS);
    ck_assert(ag_file_id_same(&id, &now));
}
END_TEST

START_TEST(fifo_directory_and_device_refused_at_once)
{
    char *buf;
    const char *why;
    const char *fifo = at("fifo");

    ck_assert_int_eq(mkfifo(fifo, 0644), 0);
    /* no writer: a blocking open would hang here */
    ck_assert_int_ne(rd(&buf, &why, fifo), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(why, "not a regular file"));
    ck_assert_int_ne(rd(&buf, &why, dir), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(why, "not a regular file"));
    ck_assert_int_ne(rd(&buf, &why, "/dev/zero"), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(why, "not a regular file"));
}
END_TEST

START_TEST(links_need_trusted_owners)
{
    char *buf;
    const char *why;
    const char *target = put("real", "alice:!\n", 0644);
    const char *link = at("link");
    const char *dlink = at("dirlink");

    ck_assert_int_eq(symlink(target, link), 0);
    ck_assert_int_eq(rd(&buf, &why, link), APR_SUCCESS);   /* same owner */
    ck_assert_int_eq(geteuid(), 0);   /* make check runs as root */
    /* a link owned by someone who owns neither root's files nor the
     * target is not followed, wherever it stands in the path */
    ck_assert_int_eq(lchown(link, 65534, 65534), 0);
    ck_assert_int_ne(rd(&buf, &why, link), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(why, "symbolic link"));
    ck_assert_ptr_nonnull(strstr(why, "uid 65534"));
    ck_assert_int_eq(symlink(dir, dlink), 0);
    ck_assert_int_eq(lchown(dlink, 65534, 65534), 0);
    ck_assert_int_ne(rd(&buf, &why, apr_pstrcat(ut_pool, dlink, "/real",
                                                NULL)), APR_SUCCESS);
    /* the target's owner may link to it */
    ck_assert_int_eq(chown(target, 65534, 65534), 0);
    ck_assert_int_eq(rd(&buf, &why, link), APR_SUCCESS);
}
END_TEST

START_TEST(read_as_the_account)
{
    char *buf;
    const char *why;
    const char *open_file = put("open", "alice:!\n", 0644);
    const char *secret = put("secret", "root-only\n", 0600);
    struct passwd *nobody = getpwnam("nobody");

    ck_assert_ptr_nonnull(nobody);
    ck_assert_int_eq(geteuid(), 0);   /* make check runs as root */
    ck_assert_int_eq(rd(&buf, &why, secret), APR_SUCCESS);  /* as root */
    ag_fileread_set_account(nobody->pw_uid, nobody->pw_gid, "nobody");
    ck_assert_str_eq(ag_fileread_account(), "nobody");
    ck_assert_int_eq(rd(&buf, &why, open_file), APR_SUCCESS);
    ck_assert_str_eq(buf, "alice:!\n");
    ck_assert_int_ne(rd(&buf, &why, secret), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(why, "by user nobody"));
    ck_assert_ptr_nonnull(strstr(why, "Permission denied"));
    ck_assert_ptr_null(strstr(why, "root-only"));
    /* still root afterwards: only the helper changed user */
    ck_assert_int_eq(geteuid(), 0);
}
END_TEST

START_TEST(templates_stay_inside_their_roots)
{
    apr_array_header_t *roots = apr_array_make(ut_pool, 2,
                                               sizeof(const char *));
    const char *inside, *outside = "/etc/passwd";
    ag_file_id_t id;

    ck_assert_int_eq(mkdir(at("site"), 0755), 0);
    inside = put("site/401.html", "page\n", 0644);
    APR_ARRAY_PUSH(roots, const char *) = at("site/");
    ck_assert_int_eq(ag_file_stat(&id, inside, ut_pool), APR_SUCCESS);
    ck_assert_ptr_null(ag_file_confined(inside, &id, roots, ut_pool));
    /* "site2" is not inside "site" */
    ck_assert_int_eq(mkdir(at("site2"), 0755), 0);
    put("site2/x.html", "x\n", 0644);
    ck_assert_int_eq(ag_file_stat(&id, at("site2/x.html"), ut_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(ag_file_confined(at("site2/x.html"), &id, roots,
                                           ut_pool));
    ck_assert_int_eq(ag_file_stat(&id, outside, ut_pool), APR_SUCCESS);
    ck_assert_ptr_nonnull(ag_file_confined(outside, &id, roots, ut_pool));
    /* a link inside that leads out is judged by where it leads */
    ck_assert_int_eq(symlink(outside, at("site/out.html")), 0);
    ck_assert_ptr_nonnull(strstr(ag_file_confined(at("site/out.html"), &id,
                                                  roots, ut_pool),
                                 "outside"));
    /* a file swapped after it was read is refused */
    ck_assert_int_eq(ag_file_stat(&id, inside, ut_pool), APR_SUCCESS);
    put("site/new.html", "other\n", 0644);
    ck_assert_int_eq(rename(at("site/new.html"), inside), 0);
    ck_assert_ptr_nonnull(ag_file_confined(inside, &id, roots, ut_pool));
}
END_TEST

static int parse_users(void **db, ag_parse_error_t *err, const char *buf,
                       apr_size_t len, apr_pool_t *pool)
{
    return ag_userdb_parse((ag_userdb_t **)db, err, buf, len, pool);
}

START_TEST(store_waits_for_a_change_to_settle)
{
    ag_store_t *st;
    const char *path = put("users", "alice:!\n", 0644);
    apr_time_t next;

    ck_assert_int_eq(ag_store_create(&st, path, "user file", parse_users,
                                     NULL, ut_pool), APR_SUCCESS);
    ag_store_set_settle(st, apr_time_from_msec(300));
    /* just written: not taken yet, and the store says when to look */
    ck_assert(!ag_store_refresh(st));
    next = ag_store_next_look(st);
    ck_assert(next > apr_time_now());
    ck_assert(next <= apr_time_now() + apr_time_from_msec(300));
    /* waiting takes it once it has been quiet long enough */
    ck_assert(ag_store_refresh_wait(st, apr_time_from_sec(2)));
    ck_assert_int_eq(ag_store_next_look(st), 0);

    /* a change is not taken while it is fresh: the old version stays */
    put("users", "bob:!\n", 0644);
    ck_assert(ag_store_refresh(st));
    ag_version_t *v = ag_store_acquire(st);
    ck_assert_ptr_nonnull(ag_userdb_get(ag_version_db(v), "alice"));
    ag_store_release(v);
    ck_assert(ag_store_next_look(st) > 0);
    usleep(350000);
    ck_assert(ag_store_refresh(st));
    v = ag_store_acquire(st);
    ck_assert_ptr_nonnull(ag_userdb_get(ag_version_db(v), "bob"));
    ag_store_release(v);
}
END_TEST

static const char *refuse_all(void *baton, const char *path,
                              const ag_file_id_t *id, const char *buf,
                              apr_size_t len, apr_pool_t *pool)
{
    (void)path;
    (void)id;
    (void)buf;
    (void)len;
    (void)pool;
    return baton;
}

START_TEST(store_vet_refuses)
{
    ag_store_t *st;
    ut_log_t log = { 0, AG_LOG_DEBUG, "" };
    ag_logger_t logger = { ut_log_capture, &log };
    const char *path = put("users", "alice:!\n", 0644);

    ck_assert_int_eq(ag_store_create(&st, path, "template", parse_users,
                                     &logger, ut_pool), APR_SUCCESS);
    ag_store_set_vet(st, refuse_all, "is not allowed here");
    ck_assert(!ag_store_refresh(st));
    ck_assert_ptr_null(ag_store_acquire(st));
    ck_assert_str_eq(ag_store_problem(st, ut_pool), "is not allowed here");
    ck_assert_int_eq(log.level, AG_LOG_ERR);
    ck_assert_ptr_nonnull(strstr(log.last, "is not allowed here"));
    /* allowed again: taken at the next change */
    ag_store_set_vet(st, NULL, NULL);
    put("users", "bob:!\n", 0644);
    ck_assert(ag_store_refresh(st));
    ck_assert_ptr_null(ag_store_problem(st, ut_pool));
}
END_TEST

Suite *suite_fileread(void)
{
    Suite *s = suite_create("fileread");
    TCase *tc = tcase_create("read");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, regular_file_is_read);
    tcase_add_test(tc, fifo_directory_and_device_refused_at_once);
    tcase_add_test(tc, links_need_trusted_owners);
    tcase_add_test(tc, read_as_the_account);
    tcase_add_test(tc, templates_stay_inside_their_roots);
    tcase_add_test(tc, store_waits_for_a_change_to_settle);
    tcase_add_test(tc, store_vet_refuses);
    suite_add_tcase(s, tc);
    return s;
}
