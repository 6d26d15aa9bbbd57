/*
 * mod_authgate_lockout.c - AuthGateLockout and AuthGateAddressLockout
 * (mod_authgate(8)): failures counted per client address and user
 * name, and per client address, in the shared socache under a global
 * lock, so that spreading guesses over processes (or over servers that
 * share a memcache or redis) gains nothing (README, "Password guessing,
 * overload and several servers").
 *
 * A locked client is answered 429 with Retry-After before any password
 * is checked.  A success forgets the user's count (not the address's).
 * A right password or token secret for an account that may not be used
 * (expired, disabled) was no guess and is not counted, but it is no
 * success either: it forgets nothing.
 * When the cache or the lock cannot be used the gate refuses (500) and
 * logs why: a lockout is never skipped.  The client address is
 * r->useragent_ip, so mod_remoteip behind a proxy works.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_log.h"

#include "ag_lockout.h"

APLOG_USE_MODULE(authgate);

typedef struct {
    unsigned limit;
    apr_interval_time_t window;
    const char *user;                 /* NULL: the address-wide record */
    unsigned char id[AG_LOCKOUT_ID_LEN];
} scope_t;

/* The scopes in force for this section and user (at most two), with the
 * names of their records; -1 when a name cannot be made. */
static int scopes(scope_t *out, request_rec *r,
                  const authgate_dir_conf *conf, const char *user)
{
    const char *address = ag_lockout_address(r->useragent_ip, r->pool);
    int n = 0;

    if (conf->addr_lockout_window > 0) {
        out[n].limit = conf->addr_lockout_limit;
        out[n].window = apr_time_from_sec(conf->addr_lockout_window);
        out[n++].user = NULL;
    }
    if (user && conf->lockout_window > 0) {
        out[n].limit = conf->lockout_limit;
        out[n].window = apr_time_from_sec(conf->lockout_window);
        out[n++].user = user;
    }
    for (int i = 0; i < n; i++) {
        if (!ag_lockout_id(out[i].id, authgate_state_key(), address,
                           out[i].user, out[i].limit, out[i].window)) {
            return -1;
        }
    }
    return n;
}

int authgate_lockout_enabled(const authgate_dir_conf *conf)
{
    return conf->addr_lockout_window > 0 || conf->lockout_window > 0;
}

/* Read one record; APR_SUCCESS also when there is none (rec empty).  A
 * memcache or redis client answers "not found" also when its server is
 * down: with probe set (and the lock held), an empty record is written
 * back then, so that a cache that cannot be reached is an error, never
 * a clean slate.  Without probe, a write that follows finds it out. */
static apr_status_t fetch(ag_lockout_rec_t *rec, request_rec *r,
                          const scope_t *sc, int probe)
{
    unsigned char buf[AG_LOCKOUT_REC_MAX + 4];
    unsigned int len = sizeof(buf);
    apr_status_t rv;

    rv = authgate_state_get(r, sc->id, AG_LOCKOUT_ID_LEN, buf, &len);
    if (rv == APR_NOTFOUND) {
        ag_lockout_decode(rec, NULL, 0);
        if (!probe || !authgate_state_remote()) {
            return APR_SUCCESS;
        }
        return authgate_state_put(r, sc->id, AG_LOCKOUT_ID_LEN,
                                  apr_time_now() + sc->window, buf,
                                  (unsigned int)ag_lockout_encode(buf, rec));
    }
    if (rv == APR_SUCCESS) {
        ag_lockout_decode(rec, buf, len);   /* garbage counts as empty */
    }
    return rv;
}

/* A record in the kept shmcb names its rule's limit, so that the status
 * page can count the locks in force; one in a cache shared with other
 * servers (memcache, redis), or in a shmcb that children of an older
 * build may still read after a graceful restart, keeps the short form
 * that every version of the module reads (authgate_state_long_records). */
static apr_status_t store(request_rec *r, const scope_t *sc,
                          const ag_lockout_rec_t *rec)
{
    unsigned char buf[AG_LOCKOUT_REC_MAX];
    ag_lockout_rec_t out = *rec;
    apr_size_t len;

    out.limit = authgate_state_long_records() ? sc->limit : 0;
    len = ag_lockout_encode(buf, &out);
    return authgate_state_put(r, sc->id, AG_LOCKOUT_ID_LEN,
                              rec->window_start + sc->window, buf,
                              (unsigned int)len);
}

static int broken(request_rec *r, apr_status_t rv, const char *what)
{
    ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, r, AGLOGNO(00601)
                  "lockout: cannot %s the shared cache (%s); refusing",
                  what, authgate_state_name());
    return AUTHGATE_LOCKOUT_ERROR;
}

static int locked(request_rec *r, apr_int64_t wait)
{
    apr_table_setn(r->err_headers_out, "Retry-After",
                   apr_psprintf(r->pool, "%" APR_INT64_T_FMT, wait));
    return AUTHGATE_LOCKOUT_LOCKED;
}

/* The longest wait the records impose at now; records in rec[]. */
static apr_status_t judge(apr_int64_t *wait, ag_lockout_rec_t *rec,
                          request_rec *r, const scope_t *sc, int n,
                          apr_time_t now, int probe)
{
    apr_status_t rv;

    *wait = 0;
    for (int i = 0; i < n; i++) {
        apr_int64_t w;

        if ((rv = fetch(&rec[i], r, &sc[i], probe)) != APR_SUCCESS) {
            return rv;
        }
        w = ag_lockout_wait(&rec[i], now, sc[i].limit, sc[i].window);
        if (w > *wait) {
            *wait = w;
        }
        if (sc[i].user && rec[i].failures > 0) {
            authgate_req(r)->lockout_seen = 1;
        }
    }
    return APR_SUCCESS;
}

int authgate_lockout_check(request_rec *r, const authgate_dir_conf *conf,
                           const char *user)
{
    scope_t sc[2];
    ag_lockout_rec_t rec[2];
    int n = scopes(sc, r, conf, user);
    int probe = user == NULL;
    apr_int64_t wait;
    apr_status_t rv;

    if (n == 0) {
        return AUTHGATE_LOCKOUT_FREE;
    }
    if (n < 0) {
        return broken(r, APR_EGENERAL, "name a record in");
    }
    /* Reading needs no lock (a password check reserves under it); a
     * token, which is not reserved, probes the cache under it. */
    if (probe && (rv = authgate_state_lock()) != APR_SUCCESS) {
        return broken(r, rv, "lock");
    }
    if (!probe && authgate_state_lock_usable() != APR_SUCCESS) {
        return broken(r, APR_ENOLOCK, "lock");
    }
    rv = judge(&wait, rec, r, sc, n, apr_time_now(), probe);
    if (probe) {
        authgate_state_unlock();
    }
    if (rv != APR_SUCCESS) {
        return broken(r, rv, "read");
    }
    return wait > 0 ? locked(r, wait) : AUTHGATE_LOCKOUT_FREE;
}

int authgate_lockout_reserve(request_rec *r, const authgate_dir_conf *conf,
                             const char *user)
{
    scope_t sc[2];
    ag_lockout_rec_t rec[2];
    int n = scopes(sc, r, conf, user);
    apr_time_t now = apr_time_now();
    apr_int64_t wait;
    apr_status_t rv;

    if (n <= 0) {
        return n == 0 ? AUTHGATE_LOCKOUT_FREE
                      : broken(r, APR_EGENERAL, "name a record in");
    }
    if ((rv = authgate_state_lock()) != APR_SUCCESS) {
        return broken(r, rv, "lock");
    }
    rv = judge(&wait, rec, r, sc, n, now, 0);
    for (int i = 0; rv == APR_SUCCESS && wait == 0 && i < n; i++) {
        ag_lockout_fail(&rec[i], now, sc[i].window);
        rv = store(r, &sc[i], &rec[i]);
    }
    authgate_state_unlock();
    if (rv != APR_SUCCESS) {
        return broken(r, rv, wait ? "read" : "write");
    }
    if (wait > 0) {
        return locked(r, wait);
    }
    authgate_req(r)->lockout_seen = 1;       /* a record exists now */
    return AUTHGATE_LOCKOUT_FREE;
}

void authgate_lockout_failed(request_rec *r, const authgate_dir_conf *conf,
                             const char *user)
{
    scope_t sc[2];
    int n = scopes(sc, r, conf, user);
    apr_time_t now = apr_time_now();
    apr_status_t rv;

    if (n <= 0) {
        if (n < 0) {
            broken(r, APR_EGENERAL, "name a record in");
        }
        return;
    }
    if ((rv = authgate_state_lock()) != APR_SUCCESS) {
        broken(r, rv, "lock");
        return;
    }
    for (int i = 0; i < n; i++) {
        ag_lockout_rec_t rec;

        if ((rv = fetch(&rec, r, &sc[i], 0)) != APR_SUCCESS) {
            broken(r, rv, "read");
            continue;
        }
        ag_lockout_fail(&rec, now, sc[i].window);
        if ((rv = store(r, &sc[i], &rec)) != APR_SUCCESS) {
            broken(r, rv, "write");
        }
    }
    authgate_state_unlock();
}

/* After a check with the right secret: take back the attempt counted
 * before it (reserved) from the address's record, and from the user's
 * record forget every failure (forget: a success) or only this attempt
 * (an account refused for its validity). */
static void settle(request_rec *r, const authgate_dir_conf *conf,
                   const char *user, int reserved, int forget)
{
    scope_t sc[2];
    int n;
    apr_status_t rv = APR_SUCCESS;

    /* only a client with counted failures has a record to change */
    if (!authgate_req(r)->lockout_seen
        || (n = scopes(sc, r, conf, user)) <= 0) {
        return;
    }
    if (authgate_state_lock() != APR_SUCCESS) {
        return;
    }
    for (int i = 0; i < n; i++) {
        ag_lockout_rec_t rec;

        if (sc[i].user && forget) {
            /* a success forgets the user's failures */
            rv = authgate_state_remove(r, sc[i].id, AG_LOCKOUT_ID_LEN);
        }
        else if (reserved && fetch(&rec, r, &sc[i], 0) == APR_SUCCESS
                 && rec.failures > 0) {
            /* the record keeps its failures, less this attempt */
            ag_lockout_unfail(&rec);
            rv = store(r, &sc[i], &rec);
        }
        if (rv != APR_SUCCESS && rv != APR_NOTFOUND) {
            ap_log_rerror(APLOG_MARK, APLOG_WARNING, rv, r, AGLOGNO(00602)
                          "lockout: cannot take back the counted attempt "
                          "of a client that signed in (%s)",
                          authgate_state_name());
        }
    }
    authgate_state_unlock();
}

void authgate_lockout_succeeded(request_rec *r,
                                const authgate_dir_conf *conf,
                                const char *user, int reserved)
{
    settle(r, conf, user, reserved, 1);
}

void authgate_lockout_unreserve(request_rec *r,
                                const authgate_dir_conf *conf,
                                const char *user)
{
    settle(r, conf, user, 1, 0);
}
