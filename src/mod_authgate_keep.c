/*
 * mod_authgate_keep->c - what outlives httpd's configuration cycle
 * (README, "Security model", "What survives a restart": a restart keeps
 * the newest good version of a broken file in force, as a change at run
 * time does).
 *
 * A restart (apachectl graceful or restart, logrotate's nightly reload)
 * throws away pconf, every store of the old configuration, and even this
 * module's code and static variables (httpd unloads and reloads DSOs).
 * What must survive lives in the process pool instead, found again by
 * name as pool user data: the shared memory slots in which every process
 * publishes the newest good version of each file named in httpd.conf
 * (ag_slot.h), and the one cross-process lock that guards them.  A store
 * of the new configuration whose file is broken takes its version from
 * its slot, so neither the new parent nor its children fall back to an
 * older version, and children of the old generation go on publishing
 * there during a graceful restart.  Slots hold bytes, never pointers, so
 * nothing in them depends on where the module's code was loaded.
 *
 * Everything here runs in the parent, which has one thread, or once per
 * child in child_init.
 */
#include "mod_authgate.h"

#include "apr_hash.h"
#include "apr_shm.h"
#include "apr_strings.h"

#include "http_log.h"
#include "http_main.h"
#include "util_mutex.h"

APLOG_USE_MODULE(authgate);

#define MUTEX_TYPE "authgate-shm"
/* Room kept in shared memory for each file: four times its size, at
 * least SLOT_MIN_CAPACITY and at most SLOT_MAX_CAPACITY.  The memory is
 * anonymous and shared, so pages cost nothing until a version is written
 * there: the room is generous, so that a file that grows is still kept by
 * a restart.  A start or restart that finds a file grown past half its
 * room lays out a larger one (copying what the old one holds).  A version
 * larger than its room is announced (time and digest) but not copied. */
#define SLOT_MIN_CAPACITY ((apr_size_t)128 * 1024 * 1024)
#define SLOT_MAX_CAPACITY ((apr_size_t)1024 * 1024 * 1024)

#define KEEP_KEY "authgate-keep"

typedef struct {
    apr_pool_t *pool;            /* first: set by authgate_kept() */
    apr_hash_t *slots;           /* registry key -> ag_slot_t * */
    apr_global_mutex_t *lock;    /* NULL: versions are not shared */
    int lock_failed;             /* reported once */
} keep_t;

/* This generation's view of the kept state (children inherit it). */
static keep_t *keep;

void *authgate_kept(const char *key, apr_size_t size, const char *tag)
{
    void *data = NULL;
    apr_pool_t *pool;

    if (ap_pglobal == NULL) {
        return NULL;
    }
    apr_pool_userdata_get(&data, key, ap_pglobal);
    if (data) {
        return data;
    }
    if (apr_pool_create(&pool, ap_pglobal) != APR_SUCCESS) {
        return NULL;
    }
    apr_pool_tag(pool, tag);
    data = apr_pcalloc(pool, size);
    *(apr_pool_t **)data = pool;           /* the record's first member */
    /* apr_pool_cleanup_null lives in APR, not in this module's code */
    apr_pool_userdata_set(data, key, apr_pool_cleanup_null, ap_pglobal);
    return data;
}

static int keep_ready(void)
{
    if (keep == NULL) {
        keep = authgate_kept(KEEP_KEY, sizeof(keep_t), "authgate-keep");
        if (keep && keep->slots == NULL) {
            keep->slots = apr_hash_make(keep->pool);
        }
    }
    return keep != NULL;
}

void authgate_keep_pre_config(apr_pool_t *pconf)
{
    ap_mutex_register(pconf, MUTEX_TYPE, NULL, APR_LOCK_DEFAULT, 0);
}

static int lock_ready(server_rec *s)
{
    apr_status_t rv;

    if (keep->lock || keep->lock_failed) {
        return keep->lock != NULL;
    }
    rv = ap_global_mutex_create(&keep->lock, NULL, MUTEX_TYPE, NULL, s,
                                keep->pool, 0);
    if (rv != APR_SUCCESS) {
        keep->lock = NULL;
        keep->lock_failed = 1;
        ap_log_error(APLOG_MARK, APLOG_ERR, rv, s, AGLOGNO(00105)
                     "cannot set up shared memory for file versions; a "
                     "child forked while a file is broken may start from "
                     "an older version than the others");
    }
    return keep->lock != NULL;
}

void authgate_keep_share(ag_store_t *st, const char *key, server_rec *s)
{
    ag_slot_t *slot;
    apr_shm_t *shm;
    apr_finfo_t fi;
    apr_size_t cap = SLOT_MIN_CAPACITY;

    if (!keep_ready() || !lock_ready(s)) {
        return;
    }
    slot = apr_hash_get(keep->slots, key, APR_HASH_KEY_STRING);
    if (apr_stat(&fi, ag_store_path(st), APR_FINFO_SIZE, keep->pool)
            == APR_SUCCESS
        && (apr_size_t)fi.size * 4 > cap) {
        cap = (apr_size_t)fi.size * 4;
    }
    if (cap > SLOT_MAX_CAPACITY) {
        cap = SLOT_MAX_CAPACITY;
    }
    if (slot == NULL || ag_slot_capacity(slot) < cap / 2) {
        ag_slot_t *bigger;

        if (apr_shm_create(&shm, ag_slot_size(cap), NULL, keep->pool)
            != APR_SUCCESS) {
            ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00107)
                         "cannot set up shared memory for %s; processes "
                         "will not hand each other its versions",
                         ag_store_path(st));
            if (slot == NULL) {
                return;
            }
        }
        else {
            /* the old segment stays for children of older generations */
            bigger = ag_slot_init(apr_shm_baseaddr_get(shm), cap);
            if (slot) {
                apr_global_mutex_lock(keep->lock);
                ag_slot_copy(bigger, slot);
                apr_global_mutex_unlock(keep->lock);
            }
            slot = bigger;
            apr_hash_set(keep->slots, apr_pstrdup(keep->pool, key),
                         APR_HASH_KEY_STRING, slot);
        }
    }
    ag_store_share(st, slot, keep->lock);
}

int authgate_keep_child_init(apr_pool_t *pchild, server_rec *s)
{
    apr_status_t rv;

    if (keep == NULL || keep->lock == NULL) {
        return 0;
    }
    rv = apr_global_mutex_child_init(&keep->lock,
             apr_global_mutex_lockfile(keep->lock), pchild);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, rv, s, AGLOGNO(00106)
                     "cannot attach to the file-version lock");
        return 0;
    }
    return 1;
}

apr_global_mutex_t *authgate_keep_lock(void)
{
    return keep ? keep->lock : NULL;
}
