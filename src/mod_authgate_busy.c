/*
 * mod_authgate_busy.c - a bound on password checks (SPEC section 8):
 * checks that miss the verified-credential cache run at most a few at a
 * time in the whole server (the number of CPU cores); a check that cannot
 * start within BUSY_WAIT_MS is answered 503 busy with Retry-After: 1, so
 * that a flood of guesses cannot take the threads and CPU that signed-in
 * users (cache hits) and tokens need: those never wait here.
 *
 * The places live in anonymous shared memory made by the parent and
 * inherited by its children: no other process, not even a CGI script
 * running as httpd's User, can reach them (a System V semaphore could be
 * set to 0 by any process of that user).  Waiters sleep on a
 * process-shared condition variable until a place is given back.  A
 * place holds the pid of the process that took it; a place whose process
 * died (a child killed in the middle of a check) is taken back by a
 * waiter that finds no free one.  The memory belongs to one
 * configuration generation; a child of an older generation keeps its
 * own.
 */
#include "mod_authgate.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "apr_shm.h"

#include "http_log.h"

APLOG_USE_MODULE(authgate);

#define BUSY_WAIT_MS 150
/* A waiter looks for places of dead processes at least this often. */
#define RECHECK_MS 75
#define MAX_PLACES 256

/* In the shared memory: a robust, process-shared mutex and condition
 * variable (waiters sleep until a place is given back, instead of
 * polling), and the places, each the pid of its holder or 0. */
typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    pid_t owner[MAX_PLACES];
} board_t;

static board_t *board;      /* NULL: no bound */
static int limit;

void authgate_busy_post_config(apr_pool_t *pconf, server_rec *s)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    pthread_mutexattr_t ma;
    pthread_condattr_t ca;
    apr_shm_t *shm;
    int ok;

    limit = cores > 0 ? (int)cores : 1;
    if (limit > MAX_PLACES) {
        limit = MAX_PLACES;
    }
    board = NULL;
    if (apr_shm_create(&shm, sizeof(board_t), NULL, pconf) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00603)
                     "cannot set up the shared memory that bounds password "
                     "checks; they run without a bound");
        return;
    }
    board = apr_shm_baseaddr_get(shm);
    memset(board, 0, sizeof(*board));
    ok = pthread_mutexattr_init(&ma) == 0
         && pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED) == 0
         && pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST) == 0
         && pthread_mutex_init(&board->lock, &ma) == 0
         && pthread_condattr_init(&ca) == 0
         && pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED) == 0
         && pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0
         && pthread_cond_init(&board->freed, &ca) == 0;
    if (!ok) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00604)
                     "cannot set up the lock that bounds password checks; "
                     "they run without a bound");
        board = NULL;
    }
}

static int lock_board(void)
{
    int rc = pthread_mutex_lock(&board->lock);

    if (rc == EOWNERDEAD) {
        /* a process died holding it: the places are still consistent */
        pthread_mutex_consistent(&board->lock);
        rc = 0;
    }
    return rc == 0;
}

/* Take a free place, or one whose process is gone; its index, or -1.
 * Called with the board locked. */
static int take(pid_t me)
{
    for (int i = 0; i < limit; i++) {
        if (board->owner[i] == 0) {
            board->owner[i] = me;
            return i;
        }
    }
    for (int i = 0; i < limit; i++) {
        if (board->owner[i] != me && kill(board->owner[i], 0) != 0
            && errno == ESRCH) {
            board->owner[i] = me;
            return i;
        }
    }
    return -1;
}

int authgate_busy_enter(request_rec *r)
{
    struct timespec now, deadline, until;
    pid_t me = getpid();
    int place = -1;

    (void)r;
    if (board == NULL) {
        return AUTHGATE_BUSY_UNBOUNDED;
    }
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_nsec += BUSY_WAIT_MS * 1000000L;
    deadline.tv_sec += deadline.tv_nsec / 1000000000L;
    deadline.tv_nsec %= 1000000000L;
    if (!lock_board()) {
        return AUTHGATE_BUSY_UNBOUNDED;
    }
    while ((place = take(me)) < 0) {
        int rc;

        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > deadline.tv_sec
            || (now.tv_sec == deadline.tv_sec
                && now.tv_nsec >= deadline.tv_nsec)) {
            break;
        }
        until = now;
        until.tv_nsec += RECHECK_MS * 1000000L;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        if (until.tv_sec > deadline.tv_sec
            || (until.tv_sec == deadline.tv_sec
                && until.tv_nsec > deadline.tv_nsec)) {
            until = deadline;
        }
        rc = pthread_cond_timedwait(&board->freed, &board->lock, &until);
        if (rc == EOWNERDEAD) {
            pthread_mutex_consistent(&board->lock);
        }
    }
    pthread_mutex_unlock(&board->lock);
    return place < 0 ? AUTHGATE_BUSY_FULL : AUTHGATE_BUSY_ENTERED + place;
}

void authgate_busy_leave(int entered)
{
    int place = entered - AUTHGATE_BUSY_ENTERED;

    if (board == NULL || entered < AUTHGATE_BUSY_ENTERED || place >= limit
        || !lock_board()) {
        return;
    }
    board->owner[place] = 0;
    pthread_cond_signal(&board->freed);
    pthread_mutex_unlock(&board->lock);
}
