/*
 * mod_authgate_authn.c - the authentication step (README, "Files",
 * "Reasons"): read the Authorization header, check a Basic password
 * against the user file or a Bearer token against the token file, judge
 * whether the account may be used (UNTIL, STATE), and set REMOTE_USER,
 * or refuse with a reason.  The sign-in form's password goes through the
 * same check (authgate_authn_password); form sessions and sign-out are in
 * mod_authgate_session.c.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_core.h"
#include "http_log.h"
#include "http_request.h"

#include "ag_credcache.h"
#include "ag_decide.h"

APLOG_USE_MODULE(authgate);

#define TOKEN_ID_VAR "AUTHGATE_TOKEN_ID"

/* A section that cannot work as configured: logged at error, so that the
 * 500 it causes shows at Debian's default LogLevel warn (the refusal's own
 * line is at info), then refused. */
static int misconfigured(request_rec *r, const char *user, const char *what)
{
    ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, AGLOGNO(00213)
                  "configuration problem: %s (answering 500)", what);
    return authgate_refuse(r, AG_REASON_SERVER_ERROR, user, what);
}

/* The refusal for a lockout state other than FREE: 429 when locked,
 * 500 when the state cannot be read; what names what went unchecked. */
static int refuse_locked(request_rec *r, const char *user, int state,
                         const char *what)
{
    if (state == AUTHGATE_LOCKOUT_LOCKED) {
        return authgate_refuse(r, AG_REASON_LOCKED_OUT, user,
                               apr_pstrcat(r->pool, "too many failed "
                                           "sign-ins; the ", what,
                                           " was not checked", NULL));
    }
    return authgate_refuse(r, AG_REASON_SERVER_ERROR, user,
                           "the lockout state cannot be read");
}

/* The password of u is right: checked by this request (reserved: its
 * attempt was counted before the check) or a moment ago (the cache).
 * Whether the account may be used is judged here, on every request,
 * against the file version in force and the clock: the cache says only
 * that the password was right, so an account disabled by a rewrite, or
 * whose UNTIL day ended while its entry was fresh, is refused at once.
 * Only a client that proved the password gets this far; any other is
 * told invalid-credentials, as for every account. */
static int password_right(request_rec *r, const authgate_dir_conf *conf,
                          const ag_cred_t *cred, const ag_user_t *u,
                          int reserved, const char **hash)
{
    ag_reason_e account = ag_decide_account(u, apr_time_sec(apr_time_now()));

    if (account != AG_REASON_NONE) {
        /* no guess (not counted), and no success (forgets nothing) */
        if (reserved) {
            authgate_lockout_unreserve(r, conf, cred->user);
        }
        return authgate_refuse_account(
            r, account, cred->user, u->until,
            apr_pstrcat(r->pool, "the password is right, but ",
                        ag_account_describe(account, u, r->pool), NULL));
    }
    authgate_lockout_succeeded(r, conf, cred->user, reserved);
    r->user = apr_pstrdup(r->pool, cred->user);
    if (hash) {
        *hash = u->hash;
    }
    return OK;
}

/* A pair verified a moment ago (how: "" or how it was found). */
static int from_cache(request_rec *r, const authgate_dir_conf *conf,
                      const ag_cred_t *cred, const ag_user_t *u,
                      const char *how, const char **hash)
{
    ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r, AGLOGNO(00211)
                  "password of \"%s\" accepted from the cache%s",
                  ap_escape_logitem(r->pool, cred->user), how);
    authgate_status_note(AUTHGATE_STAT_CACHE_HIT);
    return password_right(r, conf, cred, u, 0, hash);
}

int authgate_authn_password(request_rec *r, const authgate_dir_conf *conf,
                            const ag_cred_t *cred, const char **hash)
{
    const ag_userdb_t *users;
    const ag_user_t *u;
    ag_authn_e result;
    unsigned char id[AG_CC_ID_LEN];
    const unsigned char *flight;
    apr_time_t ttl;
    int cacheable, busy, locked;

    if (conf->file[AUTHGATE_FILE_USERS] == NULL) {
        return misconfigured(r, cred->user, "a password sign-in (Basic or "
                             "Form) needs AuthGateUserFile");
    }
    if (authgate_files_db((const void **)&users, r, conf,
                          AUTHGATE_FILE_USERS) != APR_SUCCESS) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, cred->user,
                               "the user file is not loaded");
    }
    /* A locked client is refused before any password is looked at. */
    locked = authgate_lockout_check(r, conf, cred->user);
    if (locked != AUTHGATE_LOCKOUT_FREE) {
        return refuse_locked(r, cred->user, locked, "password");
    }
    /* A pair verified a moment ago skips the hash function.  Only a
     * known user with a usable hash can hit; every other name is looked
     * up too, under the file's dummy hash, so that the lookup (a round
     * trip with memcache or redis) costs the same whoever is named. */
    ttl = authgate_conf_cache_ttl(conf);
    u = ag_userdb_get(users, cred->user);
    cacheable = ttl > 0 && u && ag_passwd_usable(u->kind)
                && authgate_cache_id(id, cred->user, u->hash,
                                     cred->password);
    if (cacheable && authgate_cache_hit(r, id, ttl)) {
        return from_cache(r, conf, cred, u, "", hash);
    }
    flight = cacheable ? id : NULL;
    if (!cacheable && ttl > 0 && users->dummy_hash
        && authgate_cache_id(id, cred->user, users->dummy_hash,
                             cred->password)) {
        (void)authgate_cache_hit(r, id, ttl);   /* the same work, ignored */
        flight = id;
    }
    /* A check that misses the cache waits for one of a few places, and
     * keeps it while its answer is paced (a light hash waits out the
     * time the file's heaviest takes), so that pacing sleeps are bounded
     * as the checks are.  A request whose credentials are those of a
     * check already running waits for that one instead (single flight)
     * and then looks the cache up again: a success is shared, a failure
     * is not (it comes back for a place, is counted and checked as any
     * other).  Unknown users wait so too, under the dummy hash's id, so
     * that waiting tells nothing about who exists. */
    busy = authgate_busy_enter(r, flight, 1);
    if (busy == AUTHGATE_BUSY_JOINED) {
        authgate_status_note(AUTHGATE_STAT_JOIN);
        /* the lockout is judged again, as it stands after the wait */
        if (cacheable && authgate_cache_hit(r, id, ttl)) {
            locked = authgate_lockout_check(r, conf, cred->user);
            return locked == AUTHGATE_LOCKOUT_FREE
                   ? from_cache(r, conf, cred, u, ", after the "
                                "identical check it waited for", hash)
                   : refuse_locked(r, cred->user, locked, "password");
        }
        busy = authgate_busy_enter(r, flight, 0);
    }
    if (busy == AUTHGATE_BUSY_FULL) {
        apr_table_setn(r->err_headers_out, "Retry-After", "1");
        return authgate_refuse(r, AG_REASON_BUSY, cred->user,
                               "too many password checks running; this "
                               "one was not started");
    }
    /* The attempt is counted before the check, under the lockout lock,
     * so that parallel guesses can never all be checked; a success takes
     * it back.  A guess that waited for its place while the client got
     * locked out is not checked either. */
    locked = authgate_lockout_reserve(r, conf, cred->user);
    if (locked != AUTHGATE_LOCKOUT_FREE) {
        authgate_busy_leave(busy);
        return refuse_locked(r, cred->user, locked, "password");
    }
    authgate_status_note(AUTHGATE_STAT_CHECK);
    if (cacheable) {
        authgate_status_note(AUTHGATE_STAT_CACHE_MISS);
    }
    result = ag_decide_password(&u, users, cred->user, cred->password,
                                r->pool);
    if (result == AG_AUTHN_OK && cacheable) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r, AGLOGNO(00212)
                      "password of \"%s\" checked against its hash; "
                      "cached for %" APR_TIME_T_FMT " s",
                      ap_escape_logitem(r->pool, cred->user),
                      apr_time_sec(ttl));
        authgate_cache_store(r, id, ttl);
    }
    /* given back after the store, so that those who joined this check
     * find its success in the cache */
    authgate_busy_leave(busy);
    if (result != AG_AUTHN_OK) {
        /* already counted, before the check */
        return authgate_refuse(r, AG_REASON_INVALID_CREDENTIALS, cred->user,
                               apr_pstrcat(r->pool,
                                           ag_authn_describe(result),
                                           cred->latin1 ? " (credentials "
                                           "read as ISO-8859-1)" : "",
                                           NULL));
    }
    return password_right(r, conf, cred, u, 1, hash);
}

static int authn_bearer(request_rec *r, const authgate_dir_conf *conf,
                        const ag_cred_t *cred)
{
    const ag_tokendb_t *tokens;
    const ag_userdb_t *users;
    const ag_roledb_t *roles;
    const ag_token_t *tok;
    const char *id;
    ag_token_result_e result;
    int locked;

    if (conf->file[AUTHGATE_FILE_TOKENS] == NULL) {
        return misconfigured(r, NULL, "Bearer needs AuthGateTokenFile");
    }
    if (authgate_files_db((const void **)&tokens, r, conf,
                          AUTHGATE_FILE_TOKENS) != APR_SUCCESS
        || authgate_files_db((const void **)&users, r, conf,
                             AUTHGATE_FILE_USERS) != APR_SUCCESS
        || authgate_files_db((const void **)&roles, r, conf,
                             AUTHGATE_FILE_ROLES) != APR_SUCCESS) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, NULL,
                               "a file Bearer tokens need is not loaded");
    }
    /* Token guesses count against the client address. */
    locked = authgate_lockout_check(r, conf, NULL);
    if (locked != AUTHGATE_LOCKOUT_FREE) {
        return refuse_locked(r, NULL, locked, "token");
    }
    result = ag_decide_token(&tok, &id, tokens, users, roles, cred->token,
                             apr_time_sec(apr_time_now()), r->pool);
    if (id) {
        /* the ID is not a secret; logs may name it */
        apr_table_setn(r->notes, TOKEN_ID_VAR, id);
        apr_table_setn(r->subprocess_env, TOKEN_ID_VAR, id);
    }
    if (result == AG_TOKEN_ACCOUNT_DISABLED
        || result == AG_TOKEN_ACCOUNT_EXPIRED) {
        /* the secret was right: told, and not counted as a guess */
        const ag_user_t *u = ag_userdb_get(users, tok->user);
        ag_reason_e account = ag_token_reason(result);

        return authgate_refuse_account(
            r, account, tok->user, u ? u->until : NULL,
            apr_pstrcat(r->pool, "the token secret is right, but ",
                        ag_account_describe(account, u, r->pool),
                        " (token ", id, ")", NULL));
    }
    if (result != AG_TOKEN_OK) {
        authgate_lockout_failed(r, conf, NULL);
        return authgate_refuse(r, ag_token_reason(result),
                               tok && result != AG_TOKEN_UNKNOWN_ID
                                   && result != AG_TOKEN_WRONG_SECRET
                               ? tok->user : NULL,
                               apr_pstrcat(r->pool,
                                           ag_token_describe(result),
                                           id ? " (token " : "",
                                           id ? id : "", id ? ")" : "",
                                           NULL));
    }
    authgate_req(r)->token = tok;
    r->user = apr_pstrdup(r->pool, tok->user);
    return OK;
}

int authgate_check_authn(request_rec *r)
{
    const authgate_dir_conf *conf;
    ag_cred_t cred;
    ag_reason_e reason;
    int rv;

    if (!authgate_is_ours(r)) {
        return DECLINED;
    }
    conf = ap_get_module_config(r->per_dir_config, &authgate_module);
    if (ap_auth_name(r) == NULL) {
        return misconfigured(r, NULL, "AuthType AuthGate needs AuthName");
    }
    /* the sign-out URL, form sessions and the sign-in form's POST */
    rv = authgate_session_check_authn(r, conf);
    if (rv != DECLINED) {
        if (rv == OK) {
            r->ap_auth_type = AUTHGATE_AUTH_TYPE;
        }
        return rv;
    }

    reason = ag_cred_parse(&cred, apr_table_get(r->headers_in,
                                                "Authorization"),
                           authgate_conf_schemes(conf), r->pool);
    authgate_req(r)->used = cred.scheme;
    if (reason != AG_REASON_NONE) {
        const char *why = cred.why;

        if (reason == AG_REASON_UNSUPPORTED_SCHEME && cred.scheme_name) {
            why = apr_pstrcat(r->pool, why, " (", cred.scheme_name, ")",
                              NULL);
        }
        return authgate_refuse(r, reason, NULL, why);
    }

    switch (cred.scheme) {
    case AG_SCHEME_BASIC:
        rv = authgate_authn_password(r, conf, &cred, NULL);
        break;
    case AG_SCHEME_BEARER:
        rv = authn_bearer(r, conf, &cred);
        break;
    default:
        rv = authgate_refuse(r, AG_REASON_SERVER_ERROR, NULL,
                             "no scheme was chosen");
        break;
    }
    if (rv == OK) {
        r->ap_auth_type = AUTHGATE_AUTH_TYPE;
        authgate_session_allowed(r, conf);
    }
    return rv;
}
