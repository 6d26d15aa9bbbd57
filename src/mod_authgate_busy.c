/*
 * mod_authgate_busy.c - a bound on password checks (SPEC section 8):
 * checks that miss the verified-credential cache run at most a few at a
 * time in the whole server (by default the number of CPU cores); a check
 * that cannot start within BUSY_WAIT is answered 503 busy with
 * Retry-After: 1, so that a flood of guesses cannot take the threads and
 * CPU that signed-in users (cache hits) and tokens need: those never
 * wait here.
 *
 * The bound is one System V semaphore shared by every child, taken with
 * SEM_UNDO so that a child that dies in the middle of a check gives its
 * place back.  It belongs to one configuration generation; a child of an
 * older generation that finds it gone checks without the bound.
 */
#include "mod_authgate.h"

#include <errno.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <unistd.h>

#include "http_log.h"
#include "unixd.h"

APLOG_USE_MODULE(authgate);

#define BUSY_WAIT_MS 150

static int semid = -1;
static int limit;

static apr_status_t busy_cleanup(void *data)
{
    (void)data;
    if (semid >= 0) {
        semctl(semid, 0, IPC_RMID);
        semid = -1;
    }
    return APR_SUCCESS;
}

void authgate_busy_post_config(apr_pool_t *pconf, server_rec *s)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    struct semid_ds ds;

    limit = cores > 0 ? (int)cores : 1;
    semid = semget(IPC_PRIVATE, 1, IPC_CREAT | IPC_EXCL | 0600);
    if (semid < 0) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, errno, s, AGLOGNO(00603)
                     "cannot create the semaphore that bounds password "
                     "checks; they run without a bound");
        return;
    }
    apr_pool_cleanup_register(pconf, NULL, busy_cleanup,
                              apr_pool_cleanup_null);
    memset(&ds, 0, sizeof(ds));
    ds.sem_perm.uid = ap_unixd_config.user_id;
    ds.sem_perm.gid = ap_unixd_config.group_id;
    ds.sem_perm.mode = 0600;
    if (semctl(semid, 0, SETVAL, limit) != 0
        || (geteuid() == 0 && semctl(semid, 0, IPC_SET, &ds) != 0)) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, errno, s, AGLOGNO(00604)
                     "cannot set up the semaphore that bounds password "
                     "checks; they run without a bound");
        busy_cleanup(NULL);
    }
}

int authgate_busy_enter(request_rec *r)
{
    struct sembuf op = { 0, -1, SEM_UNDO };
    apr_time_t deadline = apr_time_now() + apr_time_from_msec(BUSY_WAIT_MS);

    if (semid < 0) {
        return AUTHGATE_BUSY_UNBOUNDED;
    }
    for (;;) {
        apr_time_t left = deadline - apr_time_now();
        struct timespec ts;

        if (left <= 0) {
            return AUTHGATE_BUSY_FULL;
        }
        ts.tv_sec = (time_t)apr_time_sec(left);
        ts.tv_nsec = (long)apr_time_usec(left) * 1000;
        if (semtimedop(semid, &op, 1, &ts) == 0) {
            return AUTHGATE_BUSY_ENTERED;
        }
        if (errno == EAGAIN) {
            return AUTHGATE_BUSY_FULL;
        }
        if (errno != EINTR) {
            ap_log_rerror(APLOG_MARK, APLOG_DEBUG, errno, r, AGLOGNO(00605)
                          "the password-check semaphore is gone (a "
                          "restart); checking without the bound");
            return AUTHGATE_BUSY_UNBOUNDED;
        }
    }
}

void authgate_busy_leave(int entered)
{
    struct sembuf op = { 0, 1, SEM_UNDO };

    if (entered == AUTHGATE_BUSY_ENTERED && semid >= 0) {
        while (semop(semid, &op, 1) != 0 && errno == EINTR) {
        }
    }
}
