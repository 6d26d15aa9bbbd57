/*
 * ag_store.c - loading, reloading and versioning the files
 * (README, "Files", "Reloading").
 *
 * Each version owns an unmanaged pool, so it can be built by one thread
 * and freed by another without touching a pool shared with httpd.  The
 * store holds one reference to the version in force; readers hold one
 * each while they use it.  A store may be given a shared slot (ag_slot.h)
 * through which processes hand each other the newest good version.
 */
#include <string.h>

#include <apr_atomic.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include <openssl/evp.h>

#include "ag_store.h"

struct ag_version_t {
    apr_pool_t *pool;          /* unmanaged; holds this struct and db */
    void *db;
    apr_uint32_t refs;         /* atomic: a version outlives its store */
    apr_time_t mtime;          /* of the file, for messages */
    apr_time_t ctime;          /* of the file: orders versions */
    apr_time_t loaded;         /* when this process put it in force */
    ag_file_id_t id;           /* of the file read (zero when adopted
                                  from shared memory) */
    unsigned char digest[AG_SLOT_DIGEST_LEN];
};

enum { FAIL_NONE = 0, FAIL_UNREADABLE, FAIL_CONTENT, FAIL_SUPERSEDED,
       FAIL_REFUSED };

struct ag_store_t {
    const char *path;
    const char *kind;
    ag_store_parse_fn *parse;
    ag_logger_t log;
    apr_thread_mutex_t *lock;          /* current */
    apr_thread_mutex_t *reload_lock;   /* one reload at a time */
    ag_version_t *current;
    ag_file_id_t seen;                 /* what the last look found */
    int seen_valid;                    /* seen holds a file we processed */
    apr_interval_time_t settle;        /* quiet time before a change is
                                          taken; 0: at once */
    apr_size_t max_size;               /* 0: no limit */
    ag_file_id_t pending;              /* a change waiting to settle */
    apr_time_t pending_since;          /* 0: none */
    apr_time_t next_look;              /* when to look again; 0: none */
    ag_store_vet_fn *vet;
    void *vet_baton;
    char problem[512];                 /* the last failure, or "" */
    unsigned problem_line;             /* its line; 0: the whole file */
    apr_status_t missing;              /* why the last stat() failed */
    int report;                        /* problem is yet to be logged */
    int failing;                       /* FAIL_* of the last look, logged */
    ag_slot_t *slot;                   /* shared newest good version */
    apr_global_mutex_t *slot_lock;
};

static void version_unref(ag_version_t *v)
{
    if (apr_atomic_dec32(&v->refs) == 0) {
        apr_pool_destroy(v->pool);
    }
}

/* Put v in force (NULL: none) and drop the store's reference to the old. */
static void install(ag_store_t *st, ag_version_t *v)
{
    ag_version_t *old;

    if (v) {
        v->loaded = apr_time_now();
    }
    apr_thread_mutex_lock(st->lock);
    old = st->current;
    st->current = v;
    apr_thread_mutex_unlock(st->lock);
    if (old) {
        version_unref(old);
    }
}

static apr_status_t store_cleanup(void *data)
{
    install(data, NULL);
    return APR_SUCCESS;
}

apr_status_t ag_store_create(ag_store_t **storep, const char *path,
                             const char *kind, ag_store_parse_fn *parse,
                             const ag_logger_t *logger, apr_pool_t *pool)
{
    ag_store_t *st = apr_pcalloc(pool, sizeof(*st));
    apr_status_t rv;

    st->path = apr_pstrdup(pool, path);
    st->kind = apr_pstrdup(pool, kind);
    st->parse = parse;
    if (logger) {
        st->log = *logger;
    }
    rv = apr_thread_mutex_create(&st->lock, APR_THREAD_MUTEX_DEFAULT, pool);
    if (rv == APR_SUCCESS) {
        rv = apr_thread_mutex_create(&st->reload_lock,
                                     APR_THREAD_MUTEX_DEFAULT, pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    apr_pool_cleanup_register(pool, st, store_cleanup,
                              apr_pool_cleanup_null);
    *storep = st;
    return APR_SUCCESS;
}

void ag_store_share(ag_store_t *st, ag_slot_t *slot,
                    apr_global_mutex_t *mutex)
{
    st->slot = slot;
    st->slot_lock = mutex;
}

ag_slot_t *ag_store_slot(const ag_store_t *st)
{
    return st->slot;
}

/* What a failure means for requests, for the end of an error message. */
static const char *consequence(const ag_store_t *st, apr_pool_t *p)
{
    char date[APR_RFC822_DATE_LEN];

    if (st->current == NULL) {
        return "no version of it is in force; requests that need it "
               "answer 500";
    }
    apr_rfc822_date(date, st->current->mtime);
    return apr_psprintf(p, "keeping the version last modified %s", date);
}

/* Log a failure once: an unreadable file is reported when it becomes
 * unreadable, broken content each time it changes (it is only parsed when
 * it changed). */
static void fail(ag_store_t *st, apr_pool_t *p, int kind, unsigned line,
                 const char *what)
{
    if (line) {
        what = apr_psprintf(p, "line %u: %s", line, what);
    }
    apr_cpystrn(st->problem, what, sizeof(st->problem));
    st->problem_line = line;
    st->report = kind != st->failing || kind == FAIL_CONTENT
                 || kind == FAIL_REFUSED;
    st->failing = kind;
}

/* Log the failure recorded by fail(), once the version that stays in
 * force is known. */
static void report(ag_store_t *st, apr_pool_t *p)
{
    if (st->report) {
        ag_log(&st->log, AG_LOG_ERR, p, "%s %s: %s; %s", st->kind, st->path,
               st->problem, consequence(st, p));
        st->report = 0;
    }
}

apr_status_t ag_store_read(char **buf, apr_size_t *len, const char **why,
                           const char *path, apr_pool_t *pool)
{
    return ag_file_read(buf, len, NULL, why, path, pool);
}

/* A new version in its own pool, not yet parsed. */
static ag_version_t *version_new(apr_time_t mtime, apr_time_t ctime)
{
    apr_pool_t *vp;
    ag_version_t *v;

    if (apr_pool_create_unmanaged_ex(&vp, NULL, NULL) != APR_SUCCESS) {
        return NULL;
    }
    v = apr_pcalloc(vp, sizeof(*v));
    v->pool = vp;
    v->refs = 1;
    v->mtime = mtime;
    v->ctime = ctime;
    return v;
}

/* A process that cannot use the file on disk takes the newest good
 * version another process published, if it is newer than its own; if
 * that version was too large to share, its own is outdated and must not
 * be served.  Called with reload_lock held. */
static void adopt_shared(ag_store_t *st, apr_pool_t *scratch)
{
    ag_version_t *v, *cur = st->current;
    ag_slot_result_e res;
    ag_parse_error_t err = { 0, NULL };
    char *buf = NULL;
    apr_size_t len = 0;
    apr_time_t ctime = 0;

    if (st->slot == NULL) {
        return;
    }
    apr_global_mutex_lock(st->slot_lock);
    res = ag_slot_newer(st->slot, cur ? cur->ctime : 0,
                        cur ? cur->digest : NULL, &buf, &len, &ctime,
                        scratch);
    apr_global_mutex_unlock(st->slot_lock);
    if (res == AG_SLOT_NOTHING_NEWER) {
        return;
    }
    if (res == AG_SLOT_NEWER_TOO_BIG) {
        if (st->failing != FAIL_SUPERSEDED) {
            ag_log(&st->log, AG_LOG_ERR, scratch, "%s %s: a newer version "
                   "was loaded by another process but is too large to "
                   "share, and the file cannot be used now; requests that "
                   "need it answer 500 until it can", st->kind, st->path);
        }
        st->failing = FAIL_SUPERSEDED;
        install(st, NULL);
        return;
    }
    v = version_new(ctime, ctime);
    if (v == NULL) {
        return;
    }
    EVP_Digest(buf, len, v->digest, NULL, EVP_sha256(), NULL);
    if (st->parse(&v->db, &err, buf, len, v->pool) != APR_SUCCESS) {
        apr_pool_destroy(v->pool);
        return;
    }
    ag_log(&st->log, AG_LOG_INFO, scratch, "%s %s: took the newest good "
           "version from shared memory (%" APR_SIZE_T_FMT " bytes)",
           st->kind, st->path, len);
    install(st, v);
}

/* Whether a change to the file, now seen as id, has settled: the file
 * has not been touched for st->settle, or it has looked the same for that
 * long.  A file rewritten in place is taken only once it stopped
 * changing. */
static int settled(ag_store_t *st, const ag_file_id_t *id, apr_time_t now)
{
    apr_time_t touched = id->ctime > id->mtime ? id->ctime : id->mtime;
    /* An empty file is what every rewrite in place passes through: it
     * must stay quiet three times as long before it is believed. */
    apr_interval_time_t quiet = id->size == 0 ? st->settle * 3 : st->settle;

    if (quiet <= 0 || (touched <= now && now - touched >= quiet)) {
        return 1;
    }
    /* touched just now, or dated in the future: it must look the same
     * for the quiet time */
    if (st->pending_since && ag_file_id_same(id, &st->pending)) {
        if (now - st->pending_since >= quiet) {
            return 1;
        }
    }
    else {
        st->pending = *id;
        st->pending_since = now;
    }
    st->next_look = touched <= now ? touched + quiet
                                   : st->pending_since + quiet;
    return 0;
}

int ag_store_refresh(ag_store_t *st)
{
    apr_pool_t *scratch;
    apr_status_t rv;
    ag_file_id_t id, rid;
    ag_version_t *v = NULL;
    ag_parse_error_t err = { 0, NULL };
    char *buf = NULL;
    apr_size_t len = 0;
    char ebuf[256];
    const char *why;
    int ok, usable = 0;
    apr_time_t started;

    apr_thread_mutex_lock(st->reload_lock);
    started = apr_time_now();
    st->next_look = 0;
    rv = ag_file_stat(&id, st->path, NULL);
    /* The common cases cost a stat() and no memory: nothing changed, or
     * a file that could not be found still cannot be, with nothing
     * shared to look at instead. */
    if (rv == APR_SUCCESS && st->seen_valid
        && ag_file_id_same(&id, &st->seen) && st->failing == FAIL_NONE) {
        ok = st->current != NULL;
        apr_thread_mutex_unlock(st->reload_lock);
        return ok;
    }
    if (rv != APR_SUCCESS && st->failing == FAIL_UNREADABLE
        && !st->seen_valid && st->slot == NULL && st->missing == rv) {
        ok = st->current != NULL;
        apr_thread_mutex_unlock(st->reload_lock);
        return ok;
    }
    if (apr_pool_create_unmanaged_ex(&scratch, NULL, NULL) != APR_SUCCESS) {
        ok = st->current != NULL;
        apr_thread_mutex_unlock(st->reload_lock);
        return ok;
    }
    st->missing = APR_SUCCESS;

    if (rv != APR_SUCCESS) {
        st->seen_valid = 0;
        st->pending_since = 0;
        st->missing = rv;
        fail(st, scratch, FAIL_UNREADABLE, 0,
             apr_psprintf(scratch, "cannot be read (%s)",
                          apr_strerror(rv, ebuf, sizeof(ebuf))));
        goto done;
    }
    if (st->seen_valid && ag_file_id_same(&id, &st->seen)) {
        usable = st->failing == FAIL_NONE;
        goto done;
    }
    if (!settled(st, &id, started)) {
        usable = st->failing == FAIL_NONE && st->current != NULL;
        goto keep;
    }

    rv = ag_file_read_max(&buf, &len, &rid, &why, st->path, st->max_size,
                          scratch);
    if (rv == APR_SUCCESS && !ag_file_id_same(&rid, &id)) {
        rv = APR_EAGAIN;   /* changed between the look and the read */
    }
    if (rv == APR_EAGAIN) {
        /* written to while we read: look again once it is quiet */
        st->pending = id;
        st->pending_since = started;
        st->next_look = started + (st->settle > 0 ? st->settle
                                                  : apr_time_from_msec(100));
        usable = st->failing == FAIL_NONE && st->current != NULL;
        goto keep;
    }
    st->pending_since = 0;
    if (rv != APR_SUCCESS) {
        st->seen_valid = 0;
        fail(st, scratch, FAIL_UNREADABLE, 0, why);
        goto done;
    }
    st->seen = rid;
    st->seen_valid = 1;
    if (st->vet && (why = st->vet(st->vet_baton, st->path, &rid, buf, len,
                                  scratch)) != NULL) {
        fail(st, scratch, FAIL_REFUSED, 0, why);
        goto done;
    }

    v = version_new(rid.mtime, rid.ctime);
    if (v == NULL
        || !EVP_Digest(buf, len, v->digest, NULL, EVP_sha256(), NULL)) {
        fail(st, scratch, FAIL_CONTENT, 0, "cannot be digested");
        goto done;
    }
    v->id = rid;
    if (st->current && st->failing == FAIL_NONE
        && memcmp(st->current->digest, v->digest, AG_SLOT_DIGEST_LEN) == 0) {
        apr_thread_mutex_lock(st->lock);
        st->current->mtime = rid.mtime;   /* touched, not changed */
        st->current->id = rid;
        apr_thread_mutex_unlock(st->lock);
        usable = 1;
        goto done;
    }
    if (st->parse(&v->db, &err, buf, len, v->pool) != APR_SUCCESS) {
        fail(st, scratch, FAIL_CONTENT, err.line,
             err.msg ? err.msg : "cannot be parsed");
        goto done;
    }

    st->failing = FAIL_NONE;
    st->problem[0] = '\0';
    st->problem_line = 0;
    usable = 1;
    ag_log(&st->log, AG_LOG_INFO, scratch, "%s %s loaded (%" APR_SIZE_T_FMT
           " bytes in %.2f s)", st->kind, st->path, len,
           (double)(apr_time_now() - started) / APR_USEC_PER_SEC);
    if (st->slot) {
        apr_global_mutex_lock(st->slot_lock);
        ag_slot_publish(st->slot, v->ctime, v->digest, buf, len);
        apr_global_mutex_unlock(st->slot_lock);
    }
    install(st, v);
    v = NULL;

done:
    if (v) {
        apr_pool_destroy(v->pool);
    }
keep:
    if (!usable) {
        adopt_shared(st, scratch);
    }
    report(st, scratch);
    ok = st->current != NULL;
    apr_thread_mutex_unlock(st->reload_lock);
    apr_pool_destroy(scratch);
    return ok;
}

apr_time_t ag_store_next_look(const ag_store_t *st)
{
    return st->next_look;
}

int ag_store_refresh_wait(ag_store_t *st, apr_interval_time_t limit)
{
    apr_time_t deadline = apr_time_now() + limit;
    int ok = ag_store_refresh(st);

    while (!ok && st->next_look) {
        apr_time_t now = apr_time_now();

        if (now >= deadline) {
            break;
        }
        apr_sleep(st->next_look > now
                  ? (st->next_look < deadline ? st->next_look : deadline)
                    - now
                  : apr_time_from_msec(20));
        ok = ag_store_refresh(st);
    }
    return ok;
}

void ag_store_set_settle(ag_store_t *st, apr_interval_time_t quiet)
{
    st->settle = quiet;
}

void ag_store_set_max_size(ag_store_t *st, apr_size_t max)
{
    st->max_size = max;
}

void ag_store_set_vet(ag_store_t *st, ag_store_vet_fn *vet, void *baton)
{
    st->vet = vet;
    st->vet_baton = baton;
}

const char *ag_store_problem(ag_store_t *st, apr_pool_t *pool)
{
    const char *copy;

    apr_thread_mutex_lock(st->reload_lock);
    copy = st->problem[0] ? apr_pstrdup(pool, st->problem) : NULL;
    apr_thread_mutex_unlock(st->reload_lock);
    return copy;
}

void ag_store_info(ag_store_info_t *info, ag_store_t *st, apr_pool_t *pool)
{
    const char *problem;

    memset(info, 0, sizeof(*info));
    apr_thread_mutex_lock(st->lock);
    if (st->current) {
        info->in_force = 1;
        info->loaded = st->current->loaded;
        info->mtime = st->current->mtime;
        info->shared = st->current->id.inode == 0
                       && st->current->id.device == 0;
        memcpy(info->digest, st->current->digest, AG_SLOT_DIGEST_LEN);
    }
    apr_thread_mutex_unlock(st->lock);
    apr_thread_mutex_lock(st->reload_lock);
    problem = st->problem;
    info->problem_line = st->problem_line;
    /* the message without the "line N: " that the log line carries */
    if (st->problem_line && (problem = strstr(problem, ": ")) != NULL) {
        problem += 2;
    }
    else {
        problem = st->problem;
    }
    info->problem = *problem ? apr_pstrdup(pool, problem) : NULL;
    apr_thread_mutex_unlock(st->reload_lock);
}

const ag_file_id_t *ag_version_id(const ag_version_t *v)
{
    return &v->id;
}

int ag_store_file_id(ag_file_id_t *id, ag_store_t *st)
{
    int valid = 0;

    apr_thread_mutex_lock(st->lock);
    if (st->current && (st->current->id.inode || st->current->id.device)) {
        *id = st->current->id;
        valid = 1;
    }
    apr_thread_mutex_unlock(st->lock);
    return valid;
}

ag_version_t *ag_store_acquire(ag_store_t *st)
{
    ag_version_t *v;

    apr_thread_mutex_lock(st->lock);
    v = st->current;
    if (v) {
        apr_atomic_inc32(&v->refs);
    }
    apr_thread_mutex_unlock(st->lock);
    return v;
}

void ag_store_release(ag_version_t *v)
{
    if (v) {
        version_unref(v);
    }
}

const void *ag_version_db(const ag_version_t *v)
{
    return v->db;
}

int ag_store_has_version(ag_store_t *st)
{
    int has;

    apr_thread_mutex_lock(st->lock);
    has = st->current != NULL;
    apr_thread_mutex_unlock(st->lock);
    return has;
}

const char *ag_store_path(const ag_store_t *st)
{
    return st->path;
}
