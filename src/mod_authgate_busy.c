/*
 * mod_authgate_busy.c - a bound on password checks (README,
 * "Password guessing, overload and several servers"):
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
 *
 * Single flight: a place also holds the cache id of the check it runs
 * (the HMAC of user, stored hash and password; all zero when none).  A
 * request whose id is that of a check already running takes no place
 * and runs no check: it sleeps on a second condition variable until
 * that very check has ended (or JOIN_WAIT_MS passed, or its process
 * died), then looks the cache up again; a failure is not shared, so after a
 * miss it comes back for a place of its own.  At most MAX_JOINERS
 * requests wait so at a time (slots holding their pids, taken back from
 * dead processes); more go the ordinary way.  The ids are never logged.
 */
#include "mod_authgate.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "apr_shm.h"

#include "ag_credcache.h"

#include "http_log.h"

APLOG_USE_MODULE(authgate);

#define BUSY_WAIT_MS 150
/* A waiter looks for places of dead processes at least this often. */
#define RECHECK_MS 75
#define MAX_PLACES 256
/* A request joins an identical running check for at most this long: the
 * pace cap (2 s) and a little more. */
#define JOIN_WAIT_MS 3000
#define MAX_JOINERS 64

/* In the shared memory: a robust, process-shared mutex and condition
 * variables (waiters sleep until a place is given back, joiners until a
 * check ends, instead of polling), the places, each the pid of its
 * holder or 0 and the id of its check, and the joiners' slots. */
typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    pthread_cond_t ended;
    pid_t owner[MAX_PLACES];
    unsigned long turn[MAX_PLACES];   /* + 1 at every take and leave */
    unsigned char id[MAX_PLACES][AG_CC_ID_LEN];
    pid_t joiner[MAX_JOINERS];
    int waiting;                      /* requests waiting for a place, for
                                         the status page only (a process
                                         killed while it waited leaves it
                                         one too high until the next
                                         restart) */
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
         && pthread_cond_init(&board->freed, &ca) == 0
         && pthread_cond_init(&board->ended, &ca) == 0;
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

static int dead(pid_t pid)
{
    return kill(pid, 0) != 0 && errno == ESRCH;
}

/* Claim for me one of n pid slots: a free one, else one whose process
 * is gone; its index, or -1.  Called with the board locked. */
static int claim(pid_t *slots, int n, pid_t me)
{
    int i;

    for (i = 0; i < n && slots[i] != 0; i++) {
    }
    if (i == n) {
        for (i = 0; i < n && (slots[i] == me || !dead(slots[i])); i++) {
        }
    }
    if (i == n) {
        return -1;
    }
    slots[i] = me;
    return i;
}

/* Take a place for the check of id (NULL: none); its index, or -1.
 * Called with the board locked. */
static int take(pid_t me, const unsigned char *id)
{
    int place = claim(board->owner, limit, me);

    if (place >= 0) {
        board->turn[place]++;
        if (id) {
            memcpy(board->id[place], id, AG_CC_ID_LEN);
        }
        else {
            memset(board->id[place], 0, AG_CC_ID_LEN);
        }
    }
    return place;
}

/* The place running the check of id, held by a live process; or -1.
 * Called with the board locked. */
static int running(const unsigned char *id)
{
    for (int i = 0; i < limit; i++) {
        if (board->owner[i] != 0
            && memcmp(board->id[i], id, AG_CC_ID_LEN) == 0
            && !dead(board->owner[i])) {
            return i;
        }
    }
    return -1;
}

static void add_ms(struct timespec *t, long ms)
{
    t->tv_nsec += ms * 1000000L;
    t->tv_sec += t->tv_nsec / 1000000000L;
    t->tv_nsec %= 1000000000L;
}

static int before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec
           || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Sleep on cond until it is signalled, RECHECK_MS pass or the deadline
 * comes; 0 once the deadline has passed.  Locked. */
static int nap(pthread_cond_t *cond, const struct timespec *deadline)
{
    struct timespec now, until;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!before(&now, deadline)) {
        return 0;
    }
    until = now;
    add_ms(&until, RECHECK_MS);
    if (before(deadline, &until)) {
        until = *deadline;
    }
    if (pthread_cond_timedwait(cond, &board->lock, &until) == EOWNERDEAD) {
        pthread_mutex_consistent(&board->lock);
    }
    return 1;
}

/* Wait, locked, until the check found on place ends (the place given
 * back or taken again: its turn changes, or its process is gone), or
 * JOIN_WAIT_MS passed.  Only that one check: a guesser who repeats the
 * same wrong password keeps starting identical checks on the place, and
 * a joiner waiting for "no identical check" would sleep through all of
 * them.  0 when no joiner's slot was free. */
static int join(pid_t me, int place)
{
    struct timespec deadline;
    unsigned long turn = board->turn[place];
    int slot = claim(board->joiner, MAX_JOINERS, me);

    if (slot < 0) {
        return 0;
    }
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    add_ms(&deadline, JOIN_WAIT_MS);
    while (board->turn[place] == turn && !dead(board->owner[place])
           && nap(&board->ended, &deadline)) {
    }
    board->joiner[slot] = 0;
    return 1;
}

int authgate_busy_enter(request_rec *r, const unsigned char *id,
                        int may_join)
{
    struct timespec deadline;
    pid_t me = getpid();
    int place = -1, other;

    (void)r;
    if (board == NULL) {
        return AUTHGATE_BUSY_UNBOUNDED;
    }
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    add_ms(&deadline, BUSY_WAIT_MS);
    if (!lock_board()) {
        return AUTHGATE_BUSY_UNBOUNDED;
    }
    /* looking for an identical check and taking a place are one step
     * under the lock, so that two identical requests never both check */
    for (;;) {
        if (id && may_join && (other = running(id)) >= 0
            && join(me, other)) {
            place = AUTHGATE_BUSY_JOINED;
            break;
        }
        if ((place = take(me, id)) >= 0) {
            place += AUTHGATE_BUSY_ENTERED;
            break;
        }
        board->waiting++;
        if (!nap(&board->freed, &deadline)) {
            board->waiting--;
            place = AUTHGATE_BUSY_FULL;
            break;
        }
        board->waiting--;
    }
    pthread_mutex_unlock(&board->lock);
    return place;
}

void authgate_busy_leave(int entered)
{
    int place = entered - AUTHGATE_BUSY_ENTERED;

    if (board == NULL || entered < AUTHGATE_BUSY_ENTERED || place >= limit
        || !lock_board()) {
        return;
    }
    board->owner[place] = 0;
    board->turn[place]++;
    memset(board->id[place], 0, AG_CC_ID_LEN);
    pthread_cond_signal(&board->freed);
    pthread_cond_broadcast(&board->ended);   /* every joiner of it */
    pthread_mutex_unlock(&board->lock);
}

void authgate_busy_snapshot(authgate_busy_snapshot_t *snap)
{
    memset(snap, 0, sizeof(*snap));
    if (board == NULL) {
        return;
    }
    snap->bounded = 1;
    snap->limit = limit;
    if (!lock_board()) {
        return;
    }
    for (int i = 0; i < limit; i++) {
        snap->running += board->owner[i] != 0 && !dead(board->owner[i]);
    }
    for (int i = 0; i < MAX_JOINERS; i++) {
        snap->joining += board->joiner[i] != 0 && !dead(board->joiner[i]);
    }
    snap->waiting = board->waiting;
    pthread_mutex_unlock(&board->lock);
}
