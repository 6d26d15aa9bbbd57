/*
 * mod_authgate_files.c - keeping the files of SPEC section 3 current in
 * every httpd process ("Reloading").
 *
 * Each process holds a registry of the files its configuration names.
 * Files named in httpd.conf are loaded in the parent at startup (so
 * errors are logged before the first request) and inherited by the
 * children; files named only in .htaccess are loaded at their first use.
 * Every child runs a watcher thread that looks at every file once a
 * second, so a change takes effect in every process within two seconds
 * even in processes that serve no request meanwhile.
 *
 * The parent serves no request and may not run threads of its own, so it
 * only looks again from the MPM's monitor hook (every ten seconds or so);
 * a child it forks may start from an older version than the other
 * children hold.  Every good version any process loads of a file named in
 * httpd.conf is therefore also published in shared memory (ag_slot.h):
 * a child that finds the file broken takes the newest good version from
 * there rather than keep the one it inherited.
 */
#include "mod_authgate.h"

#include "apr_shm.h"
#include "apr_strings.h"
#include "apr_thread_cond.h"
#include "apr_thread_proc.h"

#include "http_log.h"
#include "http_main.h"
#include "http_request.h"
#include "util_mutex.h"

#include "ag_rolefile.h"
#include "ag_template.h"
#include "ag_userfile.h"

APLOG_USE_MODULE(authgate);

#define LOOK_INTERVAL apr_time_from_sec(1)
#define MUTEX_TYPE "authgate-shm"
/* Room kept in shared memory for each file: four times its size at
 * startup, at least SLOT_MIN_CAPACITY and at most SLOT_MAX_CAPACITY.  A
 * version larger than its room is announced (time and digest) but not
 * copied: a huge file (a million tokens is 130 MB) is not held twice in
 * every process that touches it. */
#define SLOT_MIN_CAPACITY (1024 * 1024)
#define SLOT_MAX_CAPACITY (64 * 1024 * 1024)
/* Classes of file with a registry each: users, roles, tokens, templates. */
#define CLASSES 4

typedef struct {
    apr_pool_t *pool;           /* unmanaged: used by request threads */
    apr_thread_mutex_t *lock;   /* stores, list and pool */
    apr_hash_t *stores[CLASSES]; /* per class of file: path -> ag_store_t */
    apr_array_header_t *list;   /* ag_store_t * */
    server_rec *server;
    /* the watcher thread of a child */
    apr_thread_t *thread;
    apr_thread_mutex_t *wake_lock;
    apr_thread_cond_t *wake;
    int stopping;
    /* versions shared between processes */
    apr_global_mutex_t *shm_lock;
    apr_shm_t *shm;
} registry_t;

static registry_t *reg;

/* Users, roles, tokens, templates: the templates of all statuses share
 * stores. */
static int kind_class(authgate_file_e kind)
{
    return kind < AUTHGATE_FILE_TPL_400 ? (int)kind : CLASSES - 1;
}

static const char *const kind_names[AUTHGATE_FILE_KINDS] = {
    "user file", "role file", "token file", "template", "template",
    "template", "template", "template"
};

static int parse_users(void **db, ag_parse_error_t *err, const char *buf,
                       apr_size_t len, apr_pool_t *pool)
{
    return ag_userdb_parse((ag_userdb_t **)db, err, buf, len, pool);
}

static int parse_roles(void **db, ag_parse_error_t *err, const char *buf,
                       apr_size_t len, apr_pool_t *pool)
{
    return ag_roledb_parse((ag_roledb_t **)db, err, buf, len, pool);
}

static int parse_tokens(void **db, ag_parse_error_t *err, const char *buf,
                        apr_size_t len, apr_pool_t *pool)
{
    return ag_tokendb_parse((ag_tokendb_t **)db, err, buf, len, pool);
}

static int parse_template(void **tpl, ag_parse_error_t *err,
                          const char *buf, apr_size_t len, apr_pool_t *pool)
{
    return ag_template_compile((ag_template_t **)tpl, err, buf, len, pool);
}

static ag_store_parse_fn *const parsers[AUTHGATE_FILE_KINDS] = {
    parse_users, parse_roles, parse_tokens, parse_template, parse_template,
    parse_template, parse_template, parse_template
};

/* The core's messages go to the error log of the main server (known
 * from post_config on; before that httpd logs to its startup stream). */
static void log_to_httpd(void *baton, ag_log_level_e level, const char *msg)
{
    registry_t *r = baton;
    server_rec *s = r->server ? r->server : ap_server_conf;
    int lvl = level == AG_LOG_ERR ? APLOG_ERR
            : level == AG_LOG_WARNING ? APLOG_WARNING
            : level == AG_LOG_INFO ? APLOG_INFO : APLOG_DEBUG;

    ap_log_error(APLOG_MARK, lvl, 0, s, AGLOGNO(00101) "%s", msg);
}

static apr_status_t registry_cleanup(void *data)
{
    registry_t *r = data;

    if (reg == r) {
        reg = NULL;
    }
    apr_pool_destroy(r->pool);
    return APR_SUCCESS;
}

void authgate_files_pre_config(apr_pool_t *pconf)
{
    apr_pool_t *pool;

    /* Unmanaged, because request threads of a child add .htaccess files
     * while other threads may allocate from pconf's relatives. */
    apr_pool_create_unmanaged_ex(&pool, NULL, NULL);
    reg = apr_pcalloc(pool, sizeof(*reg));
    reg->pool = pool;
    for (int i = 0; i < CLASSES; i++) {
        reg->stores[i] = apr_hash_make(pool);
    }
    reg->list = apr_array_make(pool, 8, sizeof(ag_store_t *));
    apr_thread_mutex_create(&reg->lock, APR_THREAD_MUTEX_DEFAULT, pool);
    apr_pool_cleanup_register(pconf, reg, registry_cleanup,
                              apr_pool_cleanup_null);
    ap_mutex_register(pconf, MUTEX_TYPE, NULL, APR_LOCK_DEFAULT, 0);
}

ag_store_t *authgate_files_store(authgate_file_e kind, const char *path)
{
    apr_hash_t *stores;
    ag_store_t *st;
    ag_logger_t logger;

    if (reg == NULL) {
        return NULL;
    }
    apr_thread_mutex_lock(reg->lock);
    stores = reg->stores[kind_class(kind)];
    st = apr_hash_get(stores, path, APR_HASH_KEY_STRING);
    if (st == NULL) {
        /* allocated once per file, never per request */
        logger.fn = log_to_httpd;
        logger.baton = reg;
        if (ag_store_create(&st, path, kind_names[kind], parsers[kind],
                            &logger, reg->pool) == APR_SUCCESS) {
            apr_hash_set(stores, ag_store_path(st), APR_HASH_KEY_STRING, st);
            APR_ARRAY_PUSH(reg->list, ag_store_t *) = st;
        }
        else {
            st = NULL;
        }
    }
    apr_thread_mutex_unlock(reg->lock);
    return st;
}

/* Look at every registered file once. */
static void look_at_all(void)
{
    apr_array_header_t *list;
    apr_pool_t *tmp;

    apr_pool_create_unmanaged_ex(&tmp, NULL, NULL);
    apr_thread_mutex_lock(reg->lock);
    list = apr_array_copy(tmp, reg->list);
    apr_thread_mutex_unlock(reg->lock);
    for (int i = 0; i < list->nelts; i++) {
        ag_store_refresh(APR_ARRAY_IDX(list, i, ag_store_t *));
    }
    apr_pool_destroy(tmp);
}

/* Give every file named in httpd.conf a slot in one shared memory
 * segment.  Without it each process still works on its own; only the
 * hand-over of versions between processes is lost, and that is logged. */
static void share_versions(apr_pool_t *pconf, server_rec *s)
{
    apr_size_t *caps, total = 0;
    apr_status_t rv;
    char *base;
    int n = reg->list->nelts;

    if (n == 0) {
        return;
    }
    caps = apr_pcalloc(pconf, sizeof(*caps) * (apr_size_t)n);
    for (int i = 0; i < n; i++) {
        ag_store_t *st = APR_ARRAY_IDX(reg->list, i, ag_store_t *);
        apr_finfo_t fi;

        caps[i] = SLOT_MIN_CAPACITY;
        if (apr_stat(&fi, ag_store_path(st), APR_FINFO_SIZE, pconf)
                == APR_SUCCESS
            && (apr_size_t)fi.size * 4 > caps[i]) {
            caps[i] = (apr_size_t)fi.size * 4;
        }
        if (caps[i] > SLOT_MAX_CAPACITY) {
            caps[i] = SLOT_MAX_CAPACITY;
        }
        total += ag_slot_size(caps[i]);
    }
    rv = ap_global_mutex_create(&reg->shm_lock, NULL, MUTEX_TYPE, NULL, s,
                                pconf, 0);
    if (rv == APR_SUCCESS) {
        rv = apr_shm_create(&reg->shm, total, NULL, pconf);
    }
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_ERR, rv, s, AGLOGNO(00105)
                     "cannot set up shared memory for file versions; a "
                     "child forked while a file is broken may start from "
                     "an older version than the others");
        reg->shm_lock = NULL;
        reg->shm = NULL;
        return;
    }
    base = apr_shm_baseaddr_get(reg->shm);
    for (int i = 0; i < n; i++) {
        ag_store_share(APR_ARRAY_IDX(reg->list, i, ag_store_t *),
                       ag_slot_init(base, caps[i]), reg->shm_lock);
        base += ag_slot_size(caps[i]);
    }
}

void authgate_files_post_config(apr_pool_t *pconf, server_rec *s)
{
    if (reg == NULL) {
        return;
    }
    reg->server = s;
    share_versions(pconf, s);
    look_at_all();
}

int authgate_files_monitor(apr_pool_t *p, server_rec *s)
{
    (void)p;
    (void)s;
    if (reg) {
        look_at_all();
    }
    return DECLINED;
}

static void *APR_THREAD_FUNC watcher(apr_thread_t *thread, void *data)
{
    registry_t *r = data;

    apr_thread_mutex_lock(r->wake_lock);
    while (!r->stopping) {
        apr_thread_mutex_unlock(r->wake_lock);
        look_at_all();
        apr_thread_mutex_lock(r->wake_lock);
        if (!r->stopping) {
            apr_thread_cond_timedwait(r->wake, r->wake_lock, LOOK_INTERVAL);
        }
    }
    apr_thread_mutex_unlock(r->wake_lock);
    apr_thread_exit(thread, APR_SUCCESS);
    return NULL;
}

static apr_status_t stop_watcher(void *data)
{
    registry_t *r = data;
    apr_status_t ignored;

    apr_thread_mutex_lock(r->wake_lock);
    r->stopping = 1;
    apr_thread_cond_signal(r->wake);
    apr_thread_mutex_unlock(r->wake_lock);
    apr_thread_join(&ignored, r->thread);
    r->thread = NULL;
    return APR_SUCCESS;
}

void authgate_files_child_init(apr_pool_t *pchild, server_rec *s)
{
    apr_status_t rv;

    if (reg == NULL) {
        return;
    }
    if (reg->shm_lock) {
        rv = apr_global_mutex_child_init(&reg->shm_lock,
                 apr_global_mutex_lockfile(reg->shm_lock), pchild);
        if (rv != APR_SUCCESS) {
            ap_log_error(APLOG_MARK, APLOG_CRIT, rv, s, AGLOGNO(00106)
                         "cannot attach to the file-version lock");
        }
        for (int i = 0; i < reg->list->nelts; i++) {
            ag_store_t *st = APR_ARRAY_IDX(reg->list, i, ag_store_t *);

            ag_store_share(st, rv == APR_SUCCESS ? ag_store_slot(st) : NULL,
                           reg->shm_lock);
        }
    }
    /* A child may be forked long after the parent last looked. */
    look_at_all();
    if (apr_thread_mutex_create(&reg->wake_lock, APR_THREAD_MUTEX_DEFAULT,
                                pchild) != APR_SUCCESS
        || apr_thread_cond_create(&reg->wake, pchild) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, AGLOGNO(00102)
                     "cannot create the file watcher's lock; files change "
                     "only when requests look at them");
        return;
    }
    reg->stopping = 0;
    rv = apr_thread_create(&reg->thread, NULL, watcher, reg, pchild);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, rv, s, AGLOGNO(00103)
                     "cannot start the file watcher thread; files change "
                     "only when requests look at them");
        return;
    }
    apr_pool_pre_cleanup_register(pchild, reg, stop_watcher);
}

static apr_status_t release_version(void *data)
{
    ag_store_release(data);
    return APR_SUCCESS;
}

apr_status_t authgate_files_db(const void **db, request_rec *r,
                               const authgate_dir_conf *conf,
                               authgate_file_e kind)
{
    ag_store_t *st = conf->store[kind];
    ag_version_t *v;

    *db = NULL;
    if (conf->file[kind] == NULL) {
        return APR_SUCCESS;
    }
    if (st == NULL) {
        /* Named in .htaccess: found (and loaded) at first use, then kept
         * current by the watcher like the others. */
        st = authgate_files_store(kind, conf->file[kind]);
        if (st == NULL) {
            return APR_EGENERAL;
        }
    }
    /* The watcher keeps loaded files current, so the hot path does no I/O;
     * only a file with no version in force yet (first use in .htaccess,
     * or broken since startup) is looked at here. */
    v = ag_store_acquire(st);
    if (v == NULL && ag_store_refresh(st)) {
        v = ag_store_acquire(st);
    }
    if (v == NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, AGLOGNO(00104)
                      "%s %s is not loaded; answering 500",
                      kind_names[kind], conf->file[kind]);
        return APR_EGENERAL;
    }
    apr_pool_cleanup_register(r->pool, v, release_version,
                              apr_pool_cleanup_null);
    *db = ag_version_db(v);
    return APR_SUCCESS;
}
