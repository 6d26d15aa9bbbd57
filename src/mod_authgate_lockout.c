/*
 * mod_authgate_lockout.c - AuthGateLockout and AuthGateAddressLockout
 * (SPEC sections 2 and 8): failures counted per client address and user
 * name, and per client address, in the shared socache under a global
 * lock, so that spreading guesses over processes (or over servers that
 * share a memcache or redis) gains nothing.
 *
 * A locked client is answered 429 with Retry-After before any password
 * is checked.  A success forgets the user's count (not the address's).
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
} scope_t;

/* The scopes in force for this section and user: at most two. */
static int scopes(scope_t *out, const authgate_dir_conf *conf,
                  const char *user)
{
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
    return n;
}

int authgate_lockout_enabled(const authgate_dir_conf *conf)
{
    return conf->addr_lockout_window > 0 || conf->lockout_window > 0;
}

/* Read one record; APR_SUCCESS also when there is none (rec empty).
 * A memcache or redis client answers "not found" also when its server
 * is down; for those, an empty record is written back, so that a cache
 * that cannot be reached is an error here, never a clean slate. */
static apr_status_t fetch(ag_lockout_rec_t *rec, request_rec *r,
                          const unsigned char *id,
                          apr_interval_time_t window)
{
    unsigned char buf[AG_LOCKOUT_REC_LEN + 4];
    unsigned int len = sizeof(buf);
    apr_status_t rv;

    rv = authgate_state_get(r, id, AG_LOCKOUT_ID_LEN, buf, &len);
    if (rv == APR_NOTFOUND) {
        ag_lockout_decode(rec, NULL, 0);
        if (!authgate_state_remote()) {
            return APR_SUCCESS;
        }
        ag_lockout_encode(buf, rec);
        return authgate_state_put(r, id, AG_LOCKOUT_ID_LEN,
                                  apr_time_now() + window, buf,
                                  AG_LOCKOUT_REC_LEN);
    }
    if (rv == APR_SUCCESS) {
        ag_lockout_decode(rec, buf, len);   /* garbage counts as empty */
    }
    return rv;
}

static int broken(request_rec *r, apr_status_t rv, const char *what)
{
    ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, r, AGLOGNO(00601)
                  "lockout: cannot %s the shared cache (%s); refusing",
                  what, authgate_state_name());
    return AUTHGATE_LOCKOUT_ERROR;
}

int authgate_lockout_check(request_rec *r, const authgate_dir_conf *conf,
                           const char *user)
{
    scope_t sc[2];
    int n = scopes(sc, conf, user);
    apr_int64_t wait = 0;
    apr_time_t now = apr_time_now();
    apr_status_t rv;

    if (n == 0) {
        return AUTHGATE_LOCKOUT_FREE;
    }
    if ((rv = authgate_state_lock()) != APR_SUCCESS) {
        return broken(r, rv, "lock");
    }
    for (int i = 0; i < n; i++) {
        unsigned char id[AG_LOCKOUT_ID_LEN];
        ag_lockout_rec_t rec;
        apr_int64_t w;

        if (!ag_lockout_id(id, r->useragent_ip, sc[i].user)) {
            authgate_state_unlock();
            return broken(r, APR_EGENERAL, "name a record in");
        }
        if ((rv = fetch(&rec, r, id, sc[i].window)) != APR_SUCCESS) {
            authgate_state_unlock();
            return broken(r, rv, "read");
        }
        w = ag_lockout_wait(&rec, now, sc[i].limit, sc[i].window);
        if (w > wait) {
            wait = w;
        }
        if (sc[i].user && rec.failures > 0) {
            authgate_req(r)->lockout_seen = 1;
        }
    }
    authgate_state_unlock();
    if (wait > 0) {
        apr_table_setn(r->err_headers_out, "Retry-After",
                       apr_psprintf(r->pool, "%" APR_INT64_T_FMT, wait));
        return AUTHGATE_LOCKOUT_LOCKED;
    }
    return AUTHGATE_LOCKOUT_FREE;
}

void authgate_lockout_failed(request_rec *r, const authgate_dir_conf *conf,
                             const char *user)
{
    scope_t sc[2];
    int n = scopes(sc, conf, user);
    apr_time_t now = apr_time_now();
    apr_status_t rv;

    if (n == 0) {
        return;
    }
    if ((rv = authgate_state_lock()) != APR_SUCCESS) {
        broken(r, rv, "lock");
        return;
    }
    for (int i = 0; i < n; i++) {
        unsigned char id[AG_LOCKOUT_ID_LEN], buf[AG_LOCKOUT_REC_LEN];
        ag_lockout_rec_t rec;
        apr_time_t until;

        if (!ag_lockout_id(id, r->useragent_ip, sc[i].user)) {
            broken(r, APR_EGENERAL, "name a record in");
            continue;
        }
        if ((rv = fetch(&rec, r, id, sc[i].window)) != APR_SUCCESS) {
            broken(r, rv, "read");
            continue;
        }
        until = ag_lockout_fail(&rec, now, sc[i].window);
        ag_lockout_encode(buf, &rec);
        rv = authgate_state_put(r, id, AG_LOCKOUT_ID_LEN, until, buf,
                                sizeof(buf));
        if (rv != APR_SUCCESS) {
            broken(r, rv, "write");
        }
    }
    authgate_state_unlock();
}

void authgate_lockout_succeeded(request_rec *r,
                                const authgate_dir_conf *conf,
                                const char *user)
{
    unsigned char id[AG_LOCKOUT_ID_LEN];
    apr_status_t rv;

    /* only a user who had failures has a record to forget */
    if (conf->lockout_window <= 0 || !authgate_req(r)->lockout_seen
        || !ag_lockout_id(id, r->useragent_ip, user)) {
        return;
    }
    if (authgate_state_lock() != APR_SUCCESS) {
        return;
    }
    rv = authgate_state_remove(r, id, AG_LOCKOUT_ID_LEN);
    authgate_state_unlock();
    if (rv != APR_SUCCESS && rv != APR_NOTFOUND) {
        ap_log_rerror(APLOG_MARK, APLOG_WARNING, rv, r, AGLOGNO(00602)
                      "lockout: cannot forget the failures of a user who "
                      "signed in (%s)", authgate_state_name());
    }
}
