/*
 * mod_authgate_status.c - the gate's section of mod_status's page
 * (server-status, server-status?auto, server-status?notable), and the
 * server-wide counters behind it.
 *
 * Counters: refusals by reason, requests let through, verified-credential
 * cache hits and misses, password checks and single-flight joins.  They
 * live in anonymous shared memory made once by httpd's parent, in a pool
 * of the process pool found again by name (KEEP_KEY) at each restart, as
 * src/mod_authgate_keep.c and src/mod_authgate_cache.c keep what must
 * outlive one: every child of every generation inherits the mapping, so
 * the counts are server-wide and survive graceful and full restarts;
 * only a stop and a start (or a module whose counters are laid out
 * differently, see LAYOUT) starts from zero.  A request adds to them with
 * one apr_atomic add, no lock; each counter has a cache line of its own
 * so that children counting different things do not slow each other.
 *
 * The page: the counters; the bound on password checks (this
 * generation's board, src/mod_authgate_busy.c); the lockout records in
 * force and the verified passwords held, counted by walking through the
 * shared cache when it can be (shmcb; memcache and redis cannot be walked
 * through, and are shared with other servers: "unknown"); and every user,
 * role and token file the answering process knows of, with the time the
 * version in force was loaded, its modification time, the start of its
 * SHA-256, its number of entries and the last problem met reading it.
 * Files are per process: the table is the view of the child that
 * answered.  Nothing on the page names a user, a token, a secret or a
 * hash: counts and file paths only.
 */
#include "mod_authgate.h"

#include <unistd.h>

#include "apr_atomic.h"
#include "apr_optional_hooks.h"
#include "apr_shm.h"
#include "apr_strings.h"

#include "http_log.h"
#include "http_main.h"
#include "http_protocol.h"
#include "mod_status.h"

#include "ag_credcache.h"
#include "ag_lockout.h"
#include "ag_rolefile.h"
#include "ag_userfile.h"
#include "ag_version.h"

APLOG_USE_MODULE(authgate);

#define KEEP_KEY "authgate-status-keep"
/* Room for this many reasons; AG_REASON_COUNT must fit. */
#define STATUS_REASONS 32
#define CACHE_LINE 64

_Static_assert(AG_REASON_COUNT <= STATUS_REASONS,
               "more reasons than the status counters have room for");

enum {
    C_ALLOWED = AUTHGATE_STAT_ALLOWED,
    C_HITS = AUTHGATE_STAT_CACHE_HIT,
    C_MISSES = AUTHGATE_STAT_CACHE_MISS,
    C_CHECKS = AUTHGATE_STAT_CHECK,
    C_JOINS = AUTHGATE_STAT_JOIN,
    C_REFUSED,                        /* + reason */
    C_COUNT = C_REFUSED + STATUS_REASONS
};

typedef struct {
    volatile apr_uint64_t n;
    char pad[CACHE_LINE - sizeof(apr_uint64_t)];
} counter_t;

/* Which layout a kept segment has: a module that counts other things, or
 * numbers its reasons otherwise, must not read an older one's. */
#define LAYOUT ((APR_UINT64_C(0x41475354) << 32) | ((apr_uint64_t)C_COUNT \
                << 16) | (apr_uint64_t)AG_REASON_COUNT)

typedef struct {
    apr_uint64_t layout;
    apr_time_t since;                 /* when the counting started */
    char pad[CACHE_LINE - sizeof(apr_uint64_t) - sizeof(apr_time_t)];
    counter_t c[C_COUNT];
} counters_t;

typedef struct {
    apr_pool_t *pool;                 /* first: set by authgate_kept() */
    counters_t *counters;             /* NULL: none could be made */
} kept_status_t;

/* This generation's counters (children inherit the pointer and the
 * mapping); NULL: nothing is counted. */
static counters_t *counters;

static kept_status_t *kept_status(void)
{
    return authgate_kept(KEEP_KEY, sizeof(kept_status_t), KEEP_KEY);
}

void authgate_status_post_config(apr_pool_t *pconf, server_rec *s)
{
    kept_status_t *ks = kept_status();
    apr_shm_t *shm;

    (void)pconf;
    counters = NULL;
    if (ks == NULL) {
        return;
    }
    if (ks->counters && ks->counters->layout != LAYOUT) {
        /* the old segment stays for the old generation's children */
        ap_log_error(APLOG_MARK, APLOG_NOTICE, 0, s, AGLOGNO(00801)
                     "the status counters are laid out anew by this "
                     "version of the module: they start from zero");
        ks->counters = NULL;
    }
    if (ks->counters == NULL) {
        if (apr_shm_create(&shm, sizeof(counters_t), NULL, ks->pool)
            != APR_SUCCESS) {
            ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00802)
                         "cannot set up shared memory for the status "
                         "counters; the status page shows none");
            return;
        }
        ks->counters = apr_shm_baseaddr_get(shm);
        memset(ks->counters, 0, sizeof(counters_t));
        ks->counters->layout = LAYOUT;
        ks->counters->since = apr_time_now();
    }
    counters = ks->counters;
}

void authgate_status_note(authgate_stat_e what)
{
    if (counters) {
        apr_atomic_inc64(&counters->c[what].n);
    }
}

void authgate_status_refused(ag_reason_e reason)
{
    /* what ag_reason_name() calls it: server-error when out of range */
    if (reason <= AG_REASON_NONE || reason >= AG_REASON_COUNT) {
        reason = AG_REASON_SERVER_ERROR;
    }
    if (counters) {
        apr_atomic_inc64(&counters->c[C_REFUSED + reason].n);
    }
}

static apr_uint64_t count_of(int i)
{
    return counters ? apr_atomic_read64(&counters->c[i].n) : 0;
}

/* -- what the shared cache holds ------------------------------------- */

typedef struct {
    apr_uint64_t verified;            /* verified passwords */
    apr_uint64_t records;             /* lockout records with failures */
    apr_uint64_t locked;              /* of which at their limit */
} walk_t;

static apr_status_t walk_entry(ap_socache_instance_t *instance,
                               server_rec *s, void *baton,
                               const unsigned char *id, unsigned int idlen,
                               const unsigned char *data,
                               unsigned int datalen, apr_pool_t *pool)
{
    walk_t *w = baton;
    ag_lockout_rec_t rec;

    (void)instance;
    (void)s;
    (void)id;
    (void)pool;
    /* the entries are told apart by their size: a verified password
     * holds the time of its check, a lockout record 12 or 16 bytes */
    if (idlen == AG_CC_ID_LEN && datalen == sizeof(apr_time_t)) {
        w->verified++;
    }
    else if (idlen == AG_LOCKOUT_ID_LEN
             && ag_lockout_decode(&rec, data, datalen)
             && rec.failures > 0) {
        w->records++;
        /* the cache drops a record once its window has passed */
        w->locked += ag_lockout_in_force(&rec) != 0;
    }
    return APR_SUCCESS;
}

/* -- the page ---------------------------------------------------------- */

typedef struct {
    request_rec *r;
    int flags;
    int html;
    int table;
} page_t;

/* A value for a "Key: value" line of ?auto: a control byte could start a
 * line of its own for a reader that splits at CR (a path named in
 * .htaccess may hold one), so those and '%' are percent-encoded. */
static const char *auto_value(const char *s, apr_pool_t *p)
{
    apr_size_t n = 0;
    char *out, *o;

    for (const char *c = s; *c; c++) {
        n += ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '%') ? 3 : 1;
    }
    o = out = apr_palloc(p, n + 1);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c < 0x20 || *c == 0x7f || *c == '%') {
            o += apr_snprintf(o, 4, "%%%02X", *c);
        }
        else {
            *o++ = (char)*c;
        }
    }
    *o = '\0';
    return out;
}

/* One item: key (a fixed name, never outside text) and value (escaped
 * here for the form asked for). */
static void item(page_t *pg, const char *key, const char *label,
                 const char *value)
{
    request_rec *r = pg->r;

    if (!pg->html) {
        ap_rprintf(r, "AuthGate%s: %s\n", key, auto_value(value, r->pool));
    }
    else if (pg->table) {
        ap_rprintf(r, "<tr><th>%s</th><td>%s</td></tr>\n", label,
                   ap_escape_html(r->pool, value));
    }
    else {
        ap_rprintf(r, "<dt>%s</dt><dd>%s</dd>\n", label,
                   ap_escape_html(r->pool, value));
    }
}

static void number(page_t *pg, const char *key, const char *label,
                   apr_uint64_t n)
{
    item(pg, key, label, apr_psprintf(pg->r->pool, "%" APR_UINT64_T_FMT,
                                      n));
}

/* A value that is not known: left out of ?auto, "unknown" in HTML. */
static void unknown(page_t *pg, const char *label, const char *why)
{
    if (pg->html) {
        item(pg, NULL, label, why);
    }
}

static void open_list(page_t *pg, const char *caption)
{
    if (!pg->html) {
        return;
    }
    if (caption) {
        ap_rprintf(pg->r, "<h3>%s</h3>\n", caption);
    }
    ap_rputs(pg->table ? "<table border=\"0\">\n" : "<dl>\n", pg->r);
}

static void close_list(page_t *pg)
{
    if (pg->html) {
        ap_rputs(pg->table ? "</table>\n" : "</dl>\n", pg->r);
    }
}

static const char *when(page_t *pg, apr_time_t t)
{
    if (!pg->html) {
        return apr_psprintf(pg->r->pool, "%" APR_TIME_T_FMT,
                            apr_time_sec(t));
    }
    return ap_ht_time(pg->r->pool, t, "%Y-%m-%d %H:%M:%S %Z", 1);
}

static void show_counters(page_t *pg)
{
    request_rec *r = pg->r;
    apr_uint64_t total = 0;

    open_list(pg, "Requests since the counters started");
    if (counters == NULL) {
        unknown(pg, "Counters", "not kept (no shared memory)");
        close_list(pg);
        return;
    }
    item(pg, "CountersSince", "Counting since",
         when(pg, counters->since));
    number(pg, "Allowed", "Let through", count_of(C_ALLOWED));
    for (int i = AG_REASON_NONE + 1; i < AG_REASON_COUNT; i++) {
        total += count_of(C_REFUSED + i);
    }
    number(pg, "Refusals", "Refused", total);
    for (int i = AG_REASON_NONE + 1; i < AG_REASON_COUNT; i++) {
        const char *name = ag_reason_name((ag_reason_e)i);

        number(pg, apr_pstrcat(r->pool, "Refusals_", name, NULL),
               apr_pstrcat(r->pool, "Refused: ", name, NULL),
               count_of(C_REFUSED + i));
    }
    number(pg, "CacheHits", "Passwords accepted from the cache",
           count_of(C_HITS));
    number(pg, "CacheMisses", "Passwords not in the cache",
           count_of(C_MISSES));
    number(pg, "PasswordChecks", "Password checks against a hash",
           count_of(C_CHECKS));
    number(pg, "SingleFlightJoins", "Waits for an identical check",
           count_of(C_JOINS));
    close_list(pg);
}

static void show_now(page_t *pg)
{
    authgate_busy_snapshot_t busy;
    walk_t w = { 0, 0, 0 };
    apr_status_t rv;

    open_list(pg, "Now");
    authgate_busy_snapshot(&busy);
    if (busy.bounded) {
        number(pg, "ChecksRunning", "Password checks running",
               (apr_uint64_t)busy.running);
        number(pg, "ChecksWaiting", "Waiting for a place",
               (apr_uint64_t)busy.waiting);
        number(pg, "ChecksJoining", "Waiting for an identical check",
               (apr_uint64_t)busy.joining);
        number(pg, "ChecksLimit", "Places for password checks",
               (apr_uint64_t)busy.limit);
    }
    else {
        unknown(pg, "Password checks", "no bound in force");
    }
    rv = authgate_state_iterate(pg->r, walk_entry, &w);
    if (rv == APR_SUCCESS) {
        number(pg, "CacheEntries", "Verified passwords held", w.verified);
        number(pg, "LockoutRecords", "Lockout records counting failures",
               w.records);
        number(pg, "LockoutsInForce", "Lockouts in force", w.locked);
    }
    else {
        unknown(pg, "Lockouts in force",
                apr_psprintf(pg->r->pool, "unknown (the cache %s cannot "
                             "be walked through)", authgate_state_name()));
    }
    close_list(pg);
}

static const char *const kind_names[] = { "user", "role", "token" };

/* The number of entries of a version: users, roles or tokens. */
static apr_uint64_t entries(authgate_file_e kind, const void *db)
{
    switch (kind) {
    case AUTHGATE_FILE_USERS:
        return apr_hash_count(((const ag_userdb_t *)db)->users);
    case AUTHGATE_FILE_ROLES:
        return apr_hash_count(((const ag_roledb_t *)db)->roles);
    case AUTHGATE_FILE_TOKENS:
        return ((const ag_tokendb_t *)db)->count;
    default:
        return 0;
    }
}

static const char *short_digest(const unsigned char *d, apr_pool_t *p)
{
    char hex[17];

    for (int i = 0; i < 8; i++) {
        apr_snprintf(hex + 2 * i, 3, "%02x", d[i]);
    }
    return apr_pstrdup(p, hex);
}

static void show_files(page_t *pg)
{
    request_rec *r = pg->r;
    apr_array_header_t *files = authgate_files_list(r->pool);

    if (pg->html) {
        ap_rprintf(r, "<h3>Files</h3>\n<p>As process %" APR_PID_T_FMT
                   " sees them: each process keeps its own; files named "
                   "only in .htaccess appear once a request of this "
                   "process used them.</p>\n", getpid());
    }
    else {
        ap_rprintf(r, "AuthGateFiles: %d\n", files->nelts);
    }
    if (pg->html && pg->table) {
        ap_rputs("<table border=\"0\"><tr><th>#</th><th>Kind</th>"
                 "<th>Path</th><th>Named in</th><th>Loaded</th>"
                 "<th>Modified</th><th>SHA-256</th><th>Entries</th>"
                 "<th>Last problem</th></tr>\n", r);
    }
    for (int i = 0; i < files->nelts; i++) {
        const authgate_file_ref_t *f = &APR_ARRAY_IDX(files, i,
                                                      authgate_file_ref_t);
        const char *path = ag_store_path(f->store);
        const char *kind = kind_names[f->kind];
        const char *origin = f->htaccess ? ".htaccess" : "httpd.conf";
        const char *loaded = NULL, *modified = NULL, *digest = NULL;
        const char *count = NULL, *problem = NULL;
        ag_store_info_t info;
        ag_version_t *v;
        int n = i + 1;

        ag_store_info(&info, f->store, r->pool);
        if (info.in_force && (v = ag_store_acquire(f->store)) != NULL) {
            count = apr_psprintf(r->pool, "%" APR_UINT64_T_FMT,
                                 entries(f->kind, ag_version_db(v)));
            ag_store_release(v);
            loaded = when(pg, info.loaded);
            modified = when(pg, info.mtime);
            digest = short_digest(info.digest, r->pool);
        }
        if (info.problem) {
            /* the form of httpd's own configuration errors; the message
             * never quotes the file */
            problem = info.problem_line
                      ? apr_psprintf(r->pool, "%s:%u: %s", path,
                                     info.problem_line, info.problem)
                      : apr_psprintf(r->pool, "%s: %s", path, info.problem);
        }
        if (!pg->html) {
            const char *k = apr_psprintf(r->pool, "File_%d_", n);

            item(pg, apr_pstrcat(r->pool, k, "Kind", NULL), NULL, kind);
            item(pg, apr_pstrcat(r->pool, k, "Path", NULL), NULL, path);
            item(pg, apr_pstrcat(r->pool, k, "NamedIn", NULL), NULL, origin);
            item(pg, apr_pstrcat(r->pool, k, "InForce", NULL), NULL,
                 loaded ? "1" : "0");
            if (loaded) {
                item(pg, apr_pstrcat(r->pool, k, "Loaded", NULL), NULL,
                     loaded);
                item(pg, apr_pstrcat(r->pool, k, "Modified", NULL), NULL,
                     modified);
                item(pg, apr_pstrcat(r->pool, k, "Digest", NULL), NULL,
                     digest);
                item(pg, apr_pstrcat(r->pool, k, "Entries", NULL), NULL,
                     count);
            }
            if (problem) {
                item(pg, apr_pstrcat(r->pool, k, "Error", NULL), NULL,
                     problem);
            }
            continue;
        }
        if (pg->table) {
            ap_rprintf(r, "<tr><td>%d</td><td>%s</td><td>%s</td>"
                       "<td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                       "<td>%s</td><td>%s</td></tr>\n", n, kind,
                       ap_escape_html(r->pool, path), origin,
                       loaded ? loaded : "none in force",
                       modified ? modified : "",
                       digest ? digest : "", count ? count : "",
                       problem ? ap_escape_html(r->pool, problem) : "none");
            continue;
        }
        ap_rprintf(r, "<h4>File %d</h4>\n<dl>\n", n);
        item(pg, NULL, "Kind", kind);
        item(pg, NULL, "Path", path);
        item(pg, NULL, "Named in", origin);
        item(pg, NULL, "Loaded", loaded ? loaded : "none in force");
        if (loaded) {
            item(pg, NULL, "Modified", modified);
            item(pg, NULL, "SHA-256", digest);
            item(pg, NULL, "Entries", count);
        }
        item(pg, NULL, "Last problem", problem ? problem : "none");
        ap_rputs("</dl>\n", r);
    }
    if (pg->html && pg->table) {
        ap_rputs("</table>\n", r);
    }
}

static int status_hook(request_rec *r, int flags)
{
    page_t pg;

    pg.r = r;
    pg.flags = flags;
    pg.html = !(flags & AP_STATUS_SHORT);
    pg.table = !(flags & AP_STATUS_NOTABLE);
    if (pg.html) {
        ap_rputs("<hr />\n<h2>AuthGate</h2>\n<p>mod_authgate "
                 AUTHGATE_VERSION "</p>\n", r);
    }
    else {
        ap_rputs("AuthGateVersion: " AUTHGATE_VERSION "\n", r);
    }
    show_counters(&pg);
    show_now(&pg);
    show_files(&pg);
    return OK;
}

void authgate_status_register(apr_pool_t *p)
{
    (void)p;
    /* registered by name: works whether or not mod_status is loaded */
    APR_OPTIONAL_HOOK(ap, status_hook, status_hook, NULL, NULL,
                      APR_HOOK_MIDDLE);
}
