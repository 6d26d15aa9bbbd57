/*
 * mod_authgate_busy.c - a bound on password checks (SPEC section 8):
 * checks that miss the verified-credential cache run at most a few at a
 * time in the whole server (the number of CPU cores); a check that cannot
 * start within BUSY_WAIT_MS is answered 503 busy with Retry-After: 1, so
 * that a flood of guesses cannot take the threads and CPU that signed-in
 * users (cache hits) and tokens need: those never wait here.
 *
 * The places are words in anonymous shared memory made by the parent and
 * inherited by its children: no other process, not even a CGI script
 * running as httpd's User, can reach them (a System V semaphore could be
 * set to 0 by any process of that user).  A place holds the pid of the
 * process that took it; a place whose process died (a child killed in
 * the middle of a check) is taken back by the next process that finds
 * no free one.  The memory belongs to one configuration generation; a
 * child of an older generation keeps its own.
 */
#include "mod_authgate.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "apr_atomic.h"
#include "apr_shm.h"

#include "http_log.h"

APLOG_USE_MODULE(authgate);

#define BUSY_WAIT_MS 150
#define BUSY_POLL apr_time_from_msec(2)
#define MAX_PLACES 256

static volatile apr_uint32_t *places;   /* NULL: no bound */
static int limit;

void authgate_busy_post_config(apr_pool_t *pconf, server_rec *s)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    apr_shm_t *shm;

    limit = cores > 0 ? (int)cores : 1;
    if (limit > MAX_PLACES) {
        limit = MAX_PLACES;
    }
    places = NULL;
    if (apr_shm_create(&shm, sizeof(apr_uint32_t) * MAX_PLACES, NULL, pconf)
        != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00603)
                     "cannot set up the shared memory that bounds password "
                     "checks; they run without a bound");
        return;
    }
    places = apr_shm_baseaddr_get(shm);
    for (int i = 0; i < MAX_PLACES; i++) {
        places[i] = 0;
    }
}

/* Take a free place, or one whose process is gone; its index, or -1. */
static int take(apr_uint32_t me)
{
    for (int i = 0; i < limit; i++) {
        if (apr_atomic_cas32(&places[i], me, 0) == 0) {
            return i;
        }
    }
    for (int i = 0; i < limit; i++) {
        apr_uint32_t holder = apr_atomic_read32(&places[i]);

        if (holder != 0 && holder != me && kill((pid_t)holder, 0) != 0
            && errno == ESRCH
            && apr_atomic_cas32(&places[i], me, holder) == holder) {
            return i;
        }
    }
    return -1;
}

int authgate_busy_enter(request_rec *r)
{
    apr_time_t deadline = apr_time_now() + apr_time_from_msec(BUSY_WAIT_MS);
    apr_uint32_t me = (apr_uint32_t)getpid();
    int place;

    (void)r;
    if (places == NULL) {
        return AUTHGATE_BUSY_UNBOUNDED;
    }
    while ((place = take(me)) < 0) {
        if (apr_time_now() >= deadline) {
            return AUTHGATE_BUSY_FULL;
        }
        apr_sleep(BUSY_POLL);
    }
    return AUTHGATE_BUSY_ENTERED + place;
}

void authgate_busy_leave(int entered)
{
    int place = entered - AUTHGATE_BUSY_ENTERED;

    if (places && entered >= AUTHGATE_BUSY_ENTERED && place < limit) {
        apr_atomic_set32(&places[place], 0);
    }
}
