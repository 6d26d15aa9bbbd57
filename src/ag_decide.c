/*
 * ag_decide.c - password, token and role decisions (README, "Files",
 * "Reasons", "Security model").
 */
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include <apr_atomic.h>
#include <apr_strings.h>
#include <apr_time.h>

#include "ag_crypto.h"
#include "ag_decide.h"
#include "ag_time.h"

const char *ag_authn_describe(ag_authn_e result)
{
    switch (result) {
    case AG_AUTHN_OK:
        return "password accepted";
    case AG_AUTHN_UNKNOWN_USER:
        return "unknown user";
    case AG_AUTHN_WRONG_PASSWORD:
        return "wrong password";
    case AG_AUTHN_DISABLED:
        return "password login disabled for this account";
    case AG_AUTHN_UNUSABLE_HASH:
        return "the account's hash is in a format that is never accepted";
    default:
        return "denied";
    }
}

apr_time_t ag_decide_clock(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (apr_time_t)ts.tv_sec * APR_USEC_PER_SEC
           + (apr_time_t)(ts.tv_nsec / 1000);
}

void ag_decide_pace_learn(apr_uint32_t *pace, apr_interval_time_t took,
                          int lower)
{
    apr_uint32_t sample, old, want;

    /* 0 means "never learnt": a sample is at least 1 us. */
    sample = took < 1 ? 1
             : took > AG_DECIDE_PACE_MAX ? (apr_uint32_t)AG_DECIDE_PACE_MAX
             : (apr_uint32_t)took;
    do {
        old = apr_atomic_read32(pace);
        if (sample > old) {
            want = sample;
        }
        else if (lower) {
            want = old - (old - sample) / AG_DECIDE_PACE_EASE;
        }
        else {
            return;
        }
        if (want == old) {
            return;
        }
    } while (apr_atomic_cas32(pace, want, old) != old);
}

/* Verify db's dummy hash in place of a real one (the outcome is ignored on
 * purpose) and learn the pace from the time since start. */
static void verify_dummy(const ag_userdb_t *db, const char *password,
                         apr_time_t start, apr_pool_t *pool)
{
    if (db->dummy_hash == NULL) {
        return;
    }
    (void)ag_passwd_verify(password, db->dummy_hash, pool);
    ag_decide_pace_learn(db->pace, ag_decide_clock() - start, 1);
}

ag_authn_e ag_decide_password_unpaced(const ag_user_t **found,
                                      apr_time_t *due,
                                      const ag_userdb_t *db,
                                      const char *user, const char *password,
                                      apr_pool_t *pool)
{
    apr_time_t start = ag_decide_clock();
    const ag_user_t *u = ag_userdb_get(db, user);
    ag_authn_e result = AG_AUTHN_DENIED;

    if (found) {
        *found = u;
    }
    if (u == NULL) {
        result = AG_AUTHN_UNKNOWN_USER;
    }
    else if (u->kind == AG_HASH_DISABLED) {
        result = AG_AUTHN_DISABLED;
    }
    else if (!ag_passwd_usable(u->kind)) {
        result = AG_AUTHN_UNUSABLE_HASH;
    }

    if (result != AG_AUTHN_DENIED) {
        /* Same work as the slowest real check. */
        verify_dummy(db, password, start, pool);
    }
    else {
        /* A hash lighter than the dummy, before anything has set the pace,
         * verifies the dummy too: the first answers must not be quick. */
        int light = u->cost < db->dummy_cost;
        int first = light && apr_atomic_read32(db->pace) == 0;
        apr_time_t end;

        result = ag_passwd_verify(password, u->hash, pool)
                 ? AG_AUTHN_OK : AG_AUTHN_WRONG_PASSWORD;
        end = ag_decide_clock();
        if (first) {
            verify_dummy(db, password, end, pool);
        }
        else if (u->cost <= db->dummy_cost) {
            /* A hash heavier than the dummy (beyond its limit) would hold
             * every check to its own time: it neither raises nor lowers
             * the pace. */
            ag_decide_pace_learn(db->pace, end - start, !light);
        }
    }
    if (due) {
        *due = start + (apr_time_t)apr_atomic_read32(db->pace);
    }
    return result;
}

void ag_decide_pace(apr_time_t due)
{
    apr_interval_time_t wait;

    /* apr_sleep() may end early on a signal: sleep again. */
    while ((wait = due - ag_decide_clock()) > 0) {
        apr_sleep(wait);
    }
}

ag_authn_e ag_decide_password(const ag_user_t **found,
                              const ag_userdb_t *db, const char *user,
                              const char *password, apr_pool_t *pool)
{
    apr_time_t due;
    ag_authn_e result = ag_decide_password_unpaced(found, &due, db, user,
                                                   password, pool);

    ag_decide_pace(due);
    return result;
}

ag_reason_e ag_decide_account(const ag_user_t *u, apr_int64_t now)
{
    if (u == NULL) {
        return AG_REASON_NONE;
    }
    if (u->disabled) {
        return AG_REASON_ACCOUNT_DISABLED;
    }
    if (u->expires != AG_TIME_NEVER && now >= u->expires) {
        return AG_REASON_ACCOUNT_EXPIRED;
    }
    return AG_REASON_NONE;
}

const char *ag_account_describe(ag_reason_e reason, const ag_user_t *u,
                                apr_pool_t *pool)
{
    switch (reason) {
    case AG_REASON_ACCOUNT_DISABLED:
        return "the account is disabled";
    case AG_REASON_ACCOUNT_EXPIRED:
        return u && u->until
               ? apr_pstrcat(pool, "the account expired (its last day was ",
                             u->until, ")", NULL)
               : "the account expired";
    default:
        return "the account may be used";
    }
}

static int holds(const apr_array_header_t *held, const char *role)
{
    if (held == NULL) {
        return 0;
    }
    for (int i = 0; i < held->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(held, i, const char *), role) == 0) {
            return 1;
        }
    }
    return 0;
}

const char *ag_token_describe(ag_token_result_e result)
{
    switch (result) {
    case AG_TOKEN_OK:
        return "token accepted";
    case AG_TOKEN_NOT_ID_SECRET:
        return "the token is not ID.SECRET with a valid ID and a secret of "
               "at least 32 base64url characters";
    case AG_TOKEN_UNKNOWN_ID:
        return "unknown token ID";
    case AG_TOKEN_WRONG_SECRET:
        return "wrong token secret";
    case AG_TOKEN_UNUSABLE:
        return "the token's record in the token file is unusable";
    case AG_TOKEN_NO_USER:
        return "the token's user is in neither the user nor the role file";
    case AG_TOKEN_REVOKED:
        return "the token was revoked";
    case AG_TOKEN_EXPIRED:
        return "the token expired";
    case AG_TOKEN_ACCOUNT_DISABLED:
        return "the token's user account is disabled";
    case AG_TOKEN_ACCOUNT_EXPIRED:
        return "the token's user account expired";
    default:
        return "denied";
    }
}

ag_reason_e ag_token_reason(ag_token_result_e result)
{
    switch (result) {
    case AG_TOKEN_REVOKED:
        return AG_REASON_TOKEN_REVOKED;
    case AG_TOKEN_EXPIRED:
        return AG_REASON_TOKEN_EXPIRED;
    case AG_TOKEN_ACCOUNT_DISABLED:
        return AG_REASON_ACCOUNT_DISABLED;
    case AG_TOKEN_ACCOUNT_EXPIRED:
        return AG_REASON_ACCOUNT_EXPIRED;
    case AG_TOKEN_OK:
        return AG_REASON_NONE;
    default:
        return AG_REASON_TOKEN_INVALID;
    }
}

ag_token_result_e ag_decide_token(const ag_token_t **found, const char **id,
                                  const ag_tokendb_t *db,
                                  const ag_userdb_t *users,
                                  const ag_roledb_t *roles,
                                  const char *token, apr_int64_t now,
                                  apr_pool_t *pool)
{
    const ag_token_t *t = NULL;
    const ag_user_t *u;
    const char *tid, *secret;
    unsigned char md[AG_TOKEN_DIGEST_LEN];
    int same;

    if (found) {
        *found = NULL;
    }
    if (id) {
        *id = NULL;
    }
    if (!ag_token_split(&tid, &secret, token, pool)) {
        return AG_TOKEN_NOT_ID_SECRET;
    }
    if (id) {
        *id = tid;
    }
    if (db) {
        t = ag_tokendb_get(db, tid);
    }
    /* The digest is computed for unknown IDs too: the same work either
     * way. */
    if (!ag_crypto_sha256(md, secret, strlen(secret))) {
        return AG_TOKEN_DENIED;
    }
    if (t == NULL) {
        return AG_TOKEN_UNKNOWN_ID;
    }
    if (found) {
        *found = t;
    }
    same = CRYPTO_memcmp(md, t->digest, sizeof(md)) == 0;
    if (t->problem) {
        return AG_TOKEN_UNUSABLE;
    }
    if (!same) {
        return AG_TOKEN_WRONG_SECRET;
    }
    if (t->revoked) {
        return AG_TOKEN_REVOKED;
    }
    if (t->expires != AG_TIME_NEVER && now >= t->expires) {
        return AG_TOKEN_EXPIRED;
    }
    u = users ? ag_userdb_get(users, t->user) : NULL;
    if (u == NULL && !(roles && ag_roledb_roles(roles, t->user))) {
        return AG_TOKEN_NO_USER;
    }
    switch (ag_decide_account(u, now)) {
    case AG_REASON_NONE:
        return AG_TOKEN_OK;
    case AG_REASON_ACCOUNT_DISABLED:
        return AG_TOKEN_ACCOUNT_DISABLED;
    default:
        return AG_TOKEN_ACCOUNT_EXPIRED;
    }
}

ag_role_e ag_decide_role(const ag_user_t *user,
                         const apr_array_header_t *file_roles,
                         const ag_token_t *token,
                         const apr_array_header_t *required)
{
    ag_role_e result = AG_ROLE_NOT_HELD;

    for (int i = 0; i < required->nelts; i++) {
        const char *role = APR_ARRAY_IDX(required, i, const char *);

        if (!(user && holds(user->roles, role))
            && !holds(file_roles, role)) {
            continue;
        }
        if (token && token->roles && !holds(token->roles, role)) {
            result = AG_ROLE_WITHHELD;
            continue;
        }
        return AG_ROLE_HELD;
    }
    return result;
}
