/*
 * ag_store.c - loading, reloading and versioning the files of SPEC
 * section 3 ("Reloading").
 *
 * Each version owns an unmanaged pool, so it can be built by one thread
 * and freed by another without touching a pool shared with httpd.  The
 * store holds one reference to the version in force; readers hold one
 * each while they use it.  A store may be given a shared slot (ag_slot.h)
 * through which processes hand each other the newest good version.
 */
#include <string.h>

#include <apr_file_io.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include <openssl/evp.h>

#include "ag_store.h"

#define IDENTITY_WANTED (APR_FINFO_MTIME | APR_FINFO_CTIME | APR_FINFO_SIZE \
                         | APR_FINFO_INODE | APR_FINFO_DEV)

typedef struct {
    apr_time_t mtime, ctime;
    apr_off_t size;
    apr_ino_t inode;
    apr_dev_t device;
} identity_t;

struct ag_version_t {
    apr_pool_t *pool;          /* unmanaged; holds this struct and db */
    ag_store_t *store;
    void *db;
    unsigned refs;             /* guarded by store->lock */
    apr_time_t mtime;          /* of the file, for messages */
    apr_time_t ctime;          /* of the file: orders versions */
    unsigned char digest[AG_SLOT_DIGEST_LEN];
};

enum { FAIL_NONE = 0, FAIL_UNREADABLE, FAIL_CONTENT, FAIL_SUPERSEDED };

struct ag_store_t {
    const char *path;
    const char *kind;
    ag_store_parse_fn *parse;
    ag_logger_t log;
    apr_thread_mutex_t *lock;          /* current and refs */
    apr_thread_mutex_t *reload_lock;   /* one reload at a time */
    ag_version_t *current;
    identity_t seen;                   /* what the last look found */
    int seen_valid;                    /* seen holds a file we processed */
    int failing;                       /* FAIL_* of the last look, logged */
    ag_slot_t *slot;                   /* shared newest good version */
    apr_global_mutex_t *slot_lock;
};

static void version_unref(ag_version_t *v)
{
    int last;

    apr_thread_mutex_lock(v->store->lock);
    last = --v->refs == 0;
    apr_thread_mutex_unlock(v->store->lock);
    if (last) {
        apr_pool_destroy(v->pool);
    }
}

/* Put v in force (NULL: none) and drop the store's reference to the old. */
static void install(ag_store_t *st, ag_version_t *v)
{
    ag_version_t *old;

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

static int same_identity(const identity_t *a, const identity_t *b)
{
    return a->mtime == b->mtime && a->ctime == b->ctime
           && a->size == b->size && a->inode == b->inode
           && a->device == b->device;
}

static void identity_from(identity_t *id, const apr_finfo_t *fi)
{
    id->mtime = fi->mtime;
    id->ctime = fi->ctime;
    id->size = fi->size;
    id->inode = fi->inode;
    id->device = fi->device;
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
static void fail(ag_store_t *st, apr_pool_t *p, int kind, const char *what)
{
    if (kind != st->failing || kind == FAIL_CONTENT) {
        ag_log(&st->log, AG_LOG_ERR, p, "%s %s: %s; %s", st->kind, st->path,
               what, consequence(st, p));
    }
    st->failing = kind;
}

static apr_status_t read_whole(char **buf, apr_size_t *len,
                               apr_finfo_t *fi, const char *path,
                               apr_pool_t *p)
{
    apr_file_t *f;
    apr_status_t rv;
    apr_size_t got = 0;

    rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY, 0, p);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = apr_file_info_get(fi, IDENTITY_WANTED, f);
    if (rv == APR_SUCCESS || rv == APR_INCOMPLETE) {
        *buf = apr_palloc(p, (apr_size_t)fi->size + 1);
        rv = APR_SUCCESS;
        if (fi->size > 0) {
            rv = apr_file_read_full(f, *buf, (apr_size_t)fi->size, &got);
            if (rv == APR_EOF) {
                rv = APR_SUCCESS;   /* shrank meanwhile: the next look
                                       sees the new identity */
            }
        }
        (*buf)[got] = '\0';
        *len = got;
    }
    apr_file_close(f);
    return rv;
}

apr_status_t ag_store_read(char **buf, apr_size_t *len, const char *path,
                           apr_pool_t *pool)
{
    apr_finfo_t fi;

    return read_whole(buf, len, &fi, path, pool);
}

/* A new version in its own pool, not yet parsed. */
static ag_version_t *version_new(ag_store_t *st, apr_time_t mtime,
                                 apr_time_t ctime)
{
    apr_pool_t *vp;
    ag_version_t *v;

    if (apr_pool_create_unmanaged_ex(&vp, NULL, NULL) != APR_SUCCESS) {
        return NULL;
    }
    v = apr_pcalloc(vp, sizeof(*v));
    v->pool = vp;
    v->store = st;
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
    v = version_new(st, ctime, ctime);
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

int ag_store_refresh(ag_store_t *st)
{
    apr_pool_t *scratch;
    apr_finfo_t fi;
    apr_status_t rv;
    identity_t id;
    ag_version_t *v = NULL;
    ag_parse_error_t err = { 0, NULL };
    char *buf = NULL;
    apr_size_t len = 0;
    char ebuf[256];
    int ok, usable = 0;
    apr_time_t started;

    if (apr_pool_create_unmanaged_ex(&scratch, NULL, NULL) != APR_SUCCESS) {
        return st->current != NULL;
    }
    apr_thread_mutex_lock(st->reload_lock);
    started = apr_time_now();

    rv = apr_stat(&fi, st->path, IDENTITY_WANTED, scratch);
    if (rv != APR_SUCCESS && rv != APR_INCOMPLETE) {
        st->seen_valid = 0;
        fail(st, scratch, FAIL_UNREADABLE,
             apr_psprintf(scratch, "cannot be read (%s)",
                          apr_strerror(rv, ebuf, sizeof(ebuf))));
        goto done;
    }
    identity_from(&id, &fi);
    if (st->seen_valid && same_identity(&id, &st->seen)) {
        usable = st->failing == FAIL_NONE;
        goto done;
    }

    rv = read_whole(&buf, &len, &fi, st->path, scratch);
    if (rv != APR_SUCCESS) {
        st->seen_valid = 0;
        fail(st, scratch, FAIL_UNREADABLE,
             apr_psprintf(scratch, "cannot be read (%s)",
                          apr_strerror(rv, ebuf, sizeof(ebuf))));
        goto done;
    }
    identity_from(&st->seen, &fi);
    st->seen_valid = 1;

    v = version_new(st, fi.mtime, fi.ctime);
    if (v == NULL
        || !EVP_Digest(buf, len, v->digest, NULL, EVP_sha256(), NULL)) {
        fail(st, scratch, FAIL_CONTENT, "cannot be digested");
        goto done;
    }
    if (st->current && st->failing == FAIL_NONE
        && memcmp(st->current->digest, v->digest, AG_SLOT_DIGEST_LEN) == 0) {
        st->current->mtime = fi.mtime;   /* touched, not changed */
        usable = 1;
        goto done;
    }
    if (st->parse(&v->db, &err, buf, len, v->pool) != APR_SUCCESS) {
        fail(st, scratch, FAIL_CONTENT,
             apr_psprintf(scratch, "line %u: %s", err.line,
                          err.msg ? err.msg : "cannot be parsed"));
        goto done;
    }

    st->failing = FAIL_NONE;
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
    if (!usable) {
        adopt_shared(st, scratch);
    }
    ok = st->current != NULL;
    apr_thread_mutex_unlock(st->reload_lock);
    apr_pool_destroy(scratch);
    return ok;
}

ag_version_t *ag_store_acquire(ag_store_t *st)
{
    ag_version_t *v;

    apr_thread_mutex_lock(st->lock);
    v = st->current;
    if (v) {
        v->refs++;
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

const char *ag_store_path(const ag_store_t *st)
{
    return st->path;
}
