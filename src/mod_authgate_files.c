/*
 * mod_authgate_files.c - keeping the files current in every httpd process
 * (README, "Reloading"), read as its "Security model" says.
 *
 * Each process holds a registry of the files its configuration names.
 * Files named in httpd.conf are loaded in the parent at startup (so
 * errors are logged before the first request) and inherited by the
 * children; files named only in .htaccess are loaded at their first use.
 * Every child runs a watcher thread that looks at every file once a
 * second, so a change takes effect in every process within two seconds
 * even in processes that serve no request meanwhile.
 *
 * Every read goes through ag_fileread.h: the parent, which runs as root,
 * reads through a helper that drops to httpd's User first; children
 * already run as User.  A change is taken only once the file has been
 * quiet for SETTLE (ag_store_set_settle), so a file rewritten in place is
 * never in force half written.
 *
 * The parent serves no request and may not run threads of its own, so it
 * only looks again from the MPM's monitor hook (every ten seconds or so);
 * a child it forks may start from an older version than the other
 * children hold.  Every good version any process loads of a file named in
 * httpd.conf is therefore also published in shared memory that
 * outlives restarts (mod_authgate_keep.c): a process that finds the file
 * broken takes the newest good version from there, at a restart too.
 *
 * Templates: a file in use as a user, role or token file is never
 * rendered, and one named in .htaccess must stay inside that file's
 * directory or an AuthGateTemplateDir; such a template has its own store,
 * keyed by the directories it is confined to, so it is never served from
 * a copy loaded for another section.
 */
#include "mod_authgate.h"

#include "apr_strings.h"
#include "apr_thread_cond.h"
#include "apr_thread_proc.h"

#include "http_log.h"
#include "http_main.h"
#include "http_request.h"
#include "unixd.h"

#include "ag_rolefile.h"
#include "ag_secretscan.h"
#include "ag_template.h"
#include "ag_userfile.h"

APLOG_USE_MODULE(authgate);

#define LOOK_INTERVAL apr_time_from_sec(1)
/* How long a file must be left alone before a change is taken. */
#define SETTLE apr_time_from_msec(400)
/* How long a first use, or startup, waits for a file to settle. */
#define SETTLE_WAIT apr_time_from_msec(1800)
/* Classes of file with a registry each: users, roles, tokens, templates. */
#define CLASSES 4
#define CLASS_TEMPLATES 3

typedef struct {
    ag_store_t *store;
    const char *key;            /* in the registry */
    int cls;
    apr_array_header_t *roots;  /* a confined template's directories */
    int htaccess;               /* named in .htaccess only */
    volatile apr_time_t used;   /* last use by a request (.htaccess) */
} entry_t;

typedef struct {
    apr_pool_t *pool;           /* unmanaged: used by request threads */
    apr_thread_mutex_t *lock;   /* stores, list and pool */
    apr_hash_t *stores;         /* key -> entry_t */
    apr_array_header_t *list;   /* entry_t * */
    server_rec *server;
    /* the watcher thread of a child */
    apr_thread_t *thread;
    apr_thread_mutex_t *wake_lock;
    apr_thread_cond_t *wake;
    int stopping;
} registry_t;

static registry_t *reg;

/* Users, roles, tokens, templates: the templates of all statuses share
 * stores. */
static int kind_class(authgate_file_e kind)
{
    return kind < AUTHGATE_FILE_TPL_400 ? (int)kind : CLASS_TEMPLATES;
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
 * from post_config on; before that httpd logs to its startup stream).
 * One tag per level, so that each tag has one meaning. */
static void log_to_httpd(void *baton, ag_log_level_e level, const char *msg)
{
    registry_t *r = baton;
    server_rec *s = r->server ? r->server : ap_server_conf;

    switch (level) {
    case AG_LOG_ERR:
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00101) "%s", msg);
        break;
    case AG_LOG_WARNING:
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00108) "%s",
                     msg);
        break;
    case AG_LOG_INFO:
        ap_log_error(APLOG_MARK, APLOG_INFO, 0, s, AGLOGNO(00109) "%s",
                     msg);
        break;
    default:
        ap_log_error(APLOG_MARK, APLOG_DEBUG, 0, s, AGLOGNO(00110) "%s",
                     msg);
        break;
    }
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
    reg->stores = apr_hash_make(pool);
    reg->list = apr_array_make(pool, 8, sizeof(entry_t *));
    apr_thread_mutex_create(&reg->lock, APR_THREAD_MUTEX_DEFAULT, pool);
    apr_pool_cleanup_register(pconf, reg, registry_cleanup,
                              apr_pool_cleanup_null);
    authgate_keep_pre_config(pconf);
}

/* Whether a file read as id is in use as a user, role or token file in
 * this process: the one a store holds, or (on_disk set) the one its path
 * names now. */
static int is_credential_file(const ag_file_id_t *id, int on_disk,
                              apr_pool_t *p)
{
    apr_array_header_t *list;
    ag_file_id_t other;

    apr_thread_mutex_lock(reg->lock);
    list = apr_array_copy(p, reg->list);
    apr_thread_mutex_unlock(reg->lock);
    for (int i = 0; i < list->nelts; i++) {
        entry_t *e = APR_ARRAY_IDX(list, i, entry_t *);

        if (e->cls == CLASS_TEMPLATES) {
            continue;
        }
        if ((ag_store_file_id(&other, e->store)
             && other.inode == id->inode && other.device == id->device)
            || (on_disk
                && ag_file_stat(&other, ag_store_path(e->store), p)
                   == APR_SUCCESS
                && other.inode == id->inode && other.device == id->device)) {
            return 1;
        }
    }
    return 0;
}

static const char *vet_template(void *baton, const char *path,
                                const ag_file_id_t *id, const char *buf,
                                apr_size_t len, apr_pool_t *p)
{
    const entry_t *e = baton;
    unsigned line;

    if ((line = ag_secretscan_find(buf, len, p)) != 0) {
        return apr_psprintf(p, "refused: it looks like a user or token "
                            "file (line %u holds a password hash or token "
                            "digest) and is never rendered as a template",
                            line);
    }
    if (is_credential_file(id, 1, p)) {
        return "refused: it is in use as a user, role or token file and "
               "is never rendered as a template";
    }
    if (e->roots) {
        const char *why = ag_file_confined(path, id, e->roots, p);

        if (why) {
            return apr_pstrcat(p, "refused as a template named in "
                               ".htaccess: it ", why, NULL);
        }
    }
    return NULL;
}

/* The registry key of a file: its class, path and confinement. */
static const char *entry_key(int cls, const char *path,
                             const apr_array_header_t *roots, apr_pool_t *p)
{
    const char *key = apr_psprintf(p, "%d\n%s", cls, path);

    for (int i = 0; roots && i < roots->nelts; i++) {
        key = apr_pstrcat(p, key, "\n", APR_ARRAY_IDX(roots, i,
                                                      const char *), NULL);
    }
    return key;
}

/* Largest file taken: a template is a page, and a file named in
 * .htaccess is its author's, so neither may cost a process much memory
 * or its watcher much time.  Files named in httpd.conf have no limit. */
#define MAX_TEMPLATE (1024 * 1024)
#define MAX_HTACCESS_FILE (16 * 1024 * 1024)
/* A file named in .htaccess that no request used for this long is no
 * longer watched; the next request that uses it looks at it first. */
#define DORMANT apr_time_from_sec(600)

/* The entry of a file, created on first use; the lookup key is made in
 * pool (the request's, or the configuration's). */
static entry_t *registry_entry(authgate_file_e kind, const char *path,
                               const apr_array_header_t *roots,
                               int htaccess, apr_pool_t *pool)
{
    entry_t *e;
    ag_logger_t logger;
    const char *key;
    int cls = kind_class(kind);

    if (reg == NULL) {
        return NULL;
    }
    key = entry_key(cls, path, roots, pool);
    apr_thread_mutex_lock(reg->lock);
    e = apr_hash_get(reg->stores, key, APR_HASH_KEY_STRING);
    if (e == NULL) {
        /* allocated once per file, never per request */
        e = apr_pcalloc(reg->pool, sizeof(*e));
        e->cls = cls;
        e->key = apr_pstrdup(reg->pool, key);
        e->htaccess = htaccess;
        e->used = apr_time_now();
        if (roots) {
            e->roots = apr_array_copy(reg->pool, roots);
            for (int i = 0; i < e->roots->nelts; i++) {
                APR_ARRAY_IDX(e->roots, i, const char *) = apr_pstrdup(
                    reg->pool, APR_ARRAY_IDX(roots, i, const char *));
            }
        }
        logger.fn = log_to_httpd;
        logger.baton = reg;
        if (ag_store_create(&e->store, path, kind_names[kind], parsers[kind],
                            &logger, reg->pool) == APR_SUCCESS) {
            ag_store_set_settle(e->store, SETTLE);
            if (cls == CLASS_TEMPLATES) {
                ag_store_set_vet(e->store, vet_template, e);
                ag_store_set_max_size(e->store, MAX_TEMPLATE);
            }
            else if (htaccess) {
                ag_store_set_max_size(e->store, MAX_HTACCESS_FILE);
            }
            apr_hash_set(reg->stores, e->key, APR_HASH_KEY_STRING, e);
            APR_ARRAY_PUSH(reg->list, entry_t *) = e;
        }
        else {
            e = NULL;
        }
    }
    apr_thread_mutex_unlock(reg->lock);
    return e;
}

ag_store_t *authgate_files_store(authgate_file_e kind, const char *path,
                                 apr_pool_t *pool)
{
    entry_t *e = registry_entry(kind, path, NULL, 0, pool);

    return e ? e->store : NULL;
}

/* Look at every registered file once (wait > 0: and wait that long at
 * most for files that are settling and have no version yet).  Returns the
 * earliest time a settling file should be looked at again, or 0. */
static apr_time_t look_at_all(apr_interval_time_t wait)
{
    apr_array_header_t *list;
    apr_pool_t *tmp;
    apr_time_t next = 0;

    apr_pool_create_unmanaged_ex(&tmp, NULL, NULL);
    apr_thread_mutex_lock(reg->lock);
    list = apr_array_copy(tmp, reg->list);
    apr_thread_mutex_unlock(reg->lock);
    for (int i = 0; i < list->nelts; i++) {
        entry_t *e = APR_ARRAY_IDX(list, i, entry_t *);
        ag_store_t *st = e->store;
        apr_time_t at;

        /* A file named in .htaccess is watched while it has a version
         * in force and requests use it; the others are looked at by the
         * request that needs them, so dead names cost nothing. */
        if (e->htaccess && (apr_time_now() - e->used > DORMANT
                            || !ag_store_has_version(st))) {
            continue;
        }
        if (wait > 0) {
            ag_store_refresh_wait(st, wait);
        }
        else {
            ag_store_refresh(st);
        }
        at = ag_store_next_look(st);
        if (at && (next == 0 || at < next)) {
            next = at;
        }
    }
    apr_pool_destroy(tmp);
    return next;
}

/* Every file is read with the privileges of httpd's User (README,
 * "Security model"). */
static void read_as_user(void)
{
    ag_fileread_set_account(ap_unixd_config.user_id,
                            ap_unixd_config.group_id,
                            ap_unixd_config.user_name);
}

int authgate_files_check_config(apr_pool_t *ptemp, server_rec *s)
{
    int ok = 1;

    if (reg == NULL) {
        return OK;
    }
    read_as_user();
    /* Shared before the first look, so that at a restart a broken file
     * takes the newest good version that any process published. */
    for (int i = 0; i < reg->list->nelts; i++) {
        entry_t *e = APR_ARRAY_IDX(reg->list, i, entry_t *);

        authgate_keep_share(e->store, e->key, s);
    }
    /* A template named in httpd.conf must compile, or httpd does not
     * start; at a restart, the version that was serving stays instead
     * (the store has logged why). */
    for (int i = 0; i < reg->list->nelts; i++) {
        entry_t *e = APR_ARRAY_IDX(reg->list, i, entry_t *);
        char *text;
        const char *why, *why2;
        apr_size_t len;
        ag_template_t *tpl;
        ag_parse_error_t perr = { 0, NULL };
        const char *path = ag_store_path(e->store);

        if (e->cls != CLASS_TEMPLATES
            || ag_store_refresh_wait(e->store, SETTLE_WAIT)) {
            continue;
        }
        ok = 0;
        why = ag_store_problem(e->store, ptemp);
        if (why && ag_store_read(&text, &len, &why2, path, ptemp)
                       == APR_SUCCESS
            && ag_template_compile(&tpl, &perr, text, len, ptemp)
               != APR_SUCCESS) {
            /* the form of httpd's own configuration errors */
            why = apr_psprintf(ptemp, "%s:%u: %s", path, perr.line,
                               perr.msg);
        }
        else {
            why = apr_psprintf(ptemp, "%s %s", path,
                               why ? why : "cannot be used");
        }
        ap_log_error(APLOG_MARK, APLOG_STARTUP | APLOG_EMERG, 0, s,
                     AGLOGNO(00111) "AuthGateErrorDocument: %s", why);
    }
    return ok ? OK : !OK;
}

void authgate_files_post_config(apr_pool_t *pconf, server_rec *s)
{
    (void)pconf;
    if (reg == NULL) {
        return;
    }
    reg->server = s;
    read_as_user();
    look_at_all(SETTLE_WAIT);
}

int authgate_files_monitor(apr_pool_t *p, server_rec *s)
{
    (void)p;
    (void)s;
    if (reg) {
        look_at_all(0);
    }
    return DECLINED;
}

static void *APR_THREAD_FUNC watcher(apr_thread_t *thread, void *data)
{
    registry_t *r = data;

    apr_thread_mutex_lock(r->wake_lock);
    while (!r->stopping) {
        apr_time_t next, now;
        apr_interval_time_t nap = LOOK_INTERVAL;

        apr_thread_mutex_unlock(r->wake_lock);
        next = look_at_all(0);
        now = apr_time_now();
        if (next) {
            /* a change is settling: look again as soon as it may be
             * taken */
            nap = next > now ? next - now + apr_time_from_msec(10)
                             : apr_time_from_msec(10);
            if (nap > LOOK_INTERVAL) {
                nap = LOOK_INTERVAL;
            }
        }
        apr_thread_mutex_lock(r->wake_lock);
        if (!r->stopping) {
            apr_thread_cond_timedwait(r->wake, r->wake_lock, nap);
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
    int shared;

    if (reg == NULL) {
        return;
    }
    shared = authgate_keep_child_init(pchild, s);
    for (int i = 0; i < reg->list->nelts; i++) {
        ag_store_t *st = APR_ARRAY_IDX(reg->list, i, entry_t *)->store;

        ag_store_share(st, shared ? ag_store_slot(st) : NULL,
                       authgate_keep_lock());
    }
    /* A child may be forked long after the parent last looked. */
    look_at_all(0);
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

/* Whether the version of a template is a file in use as a user, role or
 * token file (it may have become one after it was loaded).  In memory
 * only: this runs for a refusal's page. */
static int template_is_credential(const ag_version_t *v, apr_pool_t *p)
{
    const ag_file_id_t *id = ag_version_id(v);

    if (id->inode == 0 && id->device == 0) {
        return 0;           /* taken from shared memory: vetted there */
    }
    return is_credential_file(id, 0, p);
}

/* The directories a template named in .htaccess may come from. */
static apr_array_header_t *template_roots(request_rec *r,
                                          const authgate_dir_conf *conf,
                                          authgate_file_e kind)
{
    const apr_array_header_t *dirs = authgate_template_dirs(r->server);
    apr_array_header_t *roots = apr_array_make(r->pool, 2,
                                               sizeof(const char *));

    APR_ARRAY_PUSH(roots, const char *) = conf->confine[kind];
    if (dirs) {
        apr_array_cat(roots, dirs);
    }
    return roots;
}

apr_status_t authgate_files_db(const void **db, request_rec *r,
                               const authgate_dir_conf *conf,
                               authgate_file_e kind)
{
    return authgate_files_db_at(db, r, conf, kind, conf->file[kind],
                                conf->store[kind]);
}

apr_status_t authgate_files_db_at(const void **db, request_rec *r,
                                  const authgate_dir_conf *conf,
                                  authgate_file_e kind, const char *path,
                                  ag_store_t *st)
{
    ag_version_t *v;

    *db = NULL;
    if (path == NULL) {
        return APR_SUCCESS;
    }
    if (st == NULL) {
        /* Named in .htaccess: found (and loaded) at first use, then kept
         * current by the watcher like the others. */
        entry_t *e = registry_entry(kind, path,
                                    conf->confine[kind]
                                    ? template_roots(r, conf, kind) : NULL,
                                    1, r->pool);

        if (e == NULL) {
            return APR_EGENERAL;
        }
        st = e->store;
        /* not watched while unused: look now, then mark it used */
        if (r->request_time - e->used > DORMANT) {
            ag_store_refresh(st);
        }
        e->used = r->request_time;
    }
    /* The watcher keeps loaded files current, so the hot path does no I/O;
     * only a file with no version in force yet (first use in .htaccess,
     * or broken since startup) is looked at here. */
    v = ag_store_acquire(st);
    if (v == NULL && ag_store_refresh_wait(st, SETTLE_WAIT)) {
        v = ag_store_acquire(st);
    }
    if (v == NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, AGLOGNO(00104)
                      "%s %s is not loaded; answering 500",
                      kind_names[kind], path);
        return APR_EGENERAL;
    }
    if (kind_class(kind) == CLASS_TEMPLATES && template_is_credential(v, r->pool)) {
        ag_store_release(v);
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, AGLOGNO(00112)
                      "template %s is in use as a user, role or token "
                      "file and is never rendered; answering 500",
                      path);
        return APR_EGENERAL;
    }
    apr_pool_cleanup_register(r->pool, v, release_version,
                              apr_pool_cleanup_null);
    *db = ag_version_db(v);
    return APR_SUCCESS;
}

apr_array_header_t *authgate_files_list(apr_pool_t *pool)
{
    apr_array_header_t *out = apr_array_make(pool, 8,
                                             sizeof(authgate_file_ref_t));
    apr_array_header_t *list;

    if (reg == NULL) {
        return out;
    }
    apr_thread_mutex_lock(reg->lock);
    list = apr_array_copy(pool, reg->list);
    apr_thread_mutex_unlock(reg->lock);
    for (int i = 0; i < list->nelts; i++) {
        const entry_t *e = APR_ARRAY_IDX(list, i, entry_t *);
        authgate_file_ref_t *ref;

        if (e->cls == CLASS_TEMPLATES) {
            continue;
        }
        ref = apr_array_push(out);
        ref->store = e->store;
        ref->kind = (authgate_file_e)e->cls;   /* users, roles, tokens */
        ref->htaccess = e->htaccess;
    }
    return out;
}
