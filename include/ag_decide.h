/*
 * ag_decide.h - the gate's decisions on parsed input: does a password
 * open an account, does a token, does a user hold a required role, limited
 * by the token's roles (README, "Files", "Reasons", "Security model").
 */
#ifndef AUTHGATE_AG_DECIDE_H
#define AUTHGATE_AG_DECIDE_H

#include <apr_tables.h>
#include <apr_time.h>

#include "authgate.h"
#include "ag_rolefile.h"
#include "ag_tokenfile.h"
#include "ag_userfile.h"

typedef enum {
    AG_AUTHN_DENIED = 0,     /* the initial state: nothing decided yet */
    AG_AUTHN_OK,
    AG_AUTHN_UNKNOWN_USER,
    AG_AUTHN_WRONG_PASSWORD,
    AG_AUTHN_DISABLED,       /* "!" hash: no password login */
    AG_AUTHN_UNUSABLE_HASH   /* a format that never matches */
} ag_authn_e;

/* A sentence fragment for the error log, e.g. "wrong password". */
const char *ag_authn_describe(ag_authn_e result);

/* Password checks are paced (README, "What the client sees"): an unknown
 * user costs what a wrong password costs, whatever the costs of the
 * file's hashes.  Two parts:
 *
 * - Work.  A known user with a usable hash has it verified; every other
 *   outcome (unknown user, "!" account, unusable hash) verifies the
 *   file's dummy hash, its heaviest (ag_userfile.h), instead.
 * - Time.  Each version of the file keeps a pace (db->pace): the time the
 *   slowest checks of the dummy's cost take, learnt from every check by
 *   ag_decide_pace_learn().  An answer is due that long after its check
 *   started; a lighter hash ({SHA}, a lower bcrypt cost, a wrong format)
 *   waits out the rest asleep.  A hash lighter than the dummy that comes
 *   before anything set the pace verifies the dummy as well.
 *
 * Who sleeps: ag_decide_password(), in the calling thread (in httpd the
 * request's worker thread, called from mod_authgate_authn.c), after the
 * hash work and before it returns; never for longer than
 * AG_DECIDE_PACE_MAX after the check started.  The credential cache in
 * front of it (a pair verified a moment ago) is not paced: answering it
 * quickly needs the right password.  ag_decide_password_unpaced() never
 * sleeps; its caller decides whether to call ag_decide_pace(). */

/* The longest pace: a pathological hash must not hold threads for ever. */
#define AG_DECIDE_PACE_MAX apr_time_from_sec(2)

/* A faster check of the dummy's cost lowers the pace by this fraction of
 * the difference, so one slow moment (a loaded machine) fades instead of
 * slowing every later check.  Only such checks lower it (a lighter one
 * says nothing of what the dummy costs): while none come, lighter hashes
 * keep answering at the pace of the slow moment. */
#define AG_DECIDE_PACE_EASE 16

/* Check user/password against db and sleep until the answer is due (see
 * above).  *found is set to the user when one exists (found may be NULL).
 * Scratch memory from pool. */
ag_authn_e ag_decide_password(const ag_user_t **found,
                              const ag_userdb_t *db, const char *user,
                              const char *password, apr_pool_t *pool);

/* ag_decide_password() without the sleep: *due (NULL allowed) is set to
 * the ag_decide_clock() time at which the answer should go out. */
ag_authn_e ag_decide_password_unpaced(const ag_user_t **found,
                                      apr_time_t *due,
                                      const ag_userdb_t *db,
                                      const char *user, const char *password,
                                      apr_pool_t *pool);

/* Sleep until due, a time of ag_decide_clock(); return at once when it has
 * passed. */
void ag_decide_pace(apr_time_t due);

/* Microseconds of a clock that never jumps (CLOCK_MONOTONIC), unrelated to
 * the time of day. */
apr_time_t ag_decide_clock(void);

/* Teach *pace (a db's pace, in microseconds) that a check took took: a
 * slower check raises it at once; a faster one lowers it by
 * 1/AG_DECIDE_PACE_EASE of the difference, only when lower is set (the
 * check verified a hash of the dummy's cost).  took counts as at least 1
 * us and at most AG_DECIDE_PACE_MAX.  Lock-free (apr_atomic): any thread
 * may call it at any time while the db lives. */
void ag_decide_pace_learn(apr_uint32_t *pace, apr_interval_time_t took,
                          int lower);

/* Whether the account u may be let in at now (seconds since the epoch):
 * AG_REASON_NONE, AG_REASON_ACCOUNT_DISABLED (its STATE is "disabled";
 * judged first) or AG_REASON_ACCOUNT_EXPIRED (now is past its UNTIL day).
 * The caller asks only once the client has proved the password or the
 * token secret, and must not have skipped the check of a wrong one for
 * it: a client that proved nothing is told invalid-credentials or
 * token-invalid, as for any other account.  Judged on every request,
 * against the file version in force and the clock, never remembered
 * (the verified-credential cache records passwords, not this). */
ag_reason_e ag_decide_account(const ag_user_t *u, apr_int64_t now);

/* A sentence fragment for the error log, e.g. "the account is disabled";
 * u may be NULL. */
const char *ag_account_describe(ag_reason_e reason, const ag_user_t *u,
                                apr_pool_t *pool);

typedef enum {
    AG_TOKEN_DENIED = 0,     /* the initial state: nothing decided yet */
    AG_TOKEN_OK,
    AG_TOKEN_NOT_ID_SECRET,  /* not "ID.SECRET" with a valid ID and secret */
    AG_TOKEN_UNKNOWN_ID,
    AG_TOKEN_WRONG_SECRET,
    AG_TOKEN_UNUSABLE,       /* the record has a problem (bad date, ...) */
    AG_TOKEN_NO_USER,        /* its user is in neither user nor role file */
    AG_TOKEN_REVOKED,
    AG_TOKEN_EXPIRED,
    AG_TOKEN_ACCOUNT_DISABLED, /* its user's account (ag_decide_account) */
    AG_TOKEN_ACCOUNT_EXPIRED
} ag_token_result_e;

/* A sentence fragment for the error log, e.g. "unknown token ID". */
const char *ag_token_describe(ag_token_result_e result);

/* The refusal reason of a result other than OK: token-revoked,
 * token-expired, account-disabled, account-expired or token-invalid. */
ag_reason_e ag_token_reason(ag_token_result_e result);

/* Check a presented Bearer token against db at time now (seconds since
 * the epoch).  The secret is checked first, by comparing SHA-256 digests
 * in constant time, so revocation and expiry, and the state of the
 * token's user account, are told only to a client that holds the secret.
 * users and roles (either may be NULL) say whether the token's user
 * exists; a user in the user file must also pass ag_decide_account()
 * (one known only from the role file has no validity fields).  *found is set to the token record
 * when the ID is known (NULL allowed); *id to the presented ID when it is
 * well-formed (NULL allowed).  Scratch memory from pool. */
ag_token_result_e ag_decide_token(const ag_token_t **found, const char **id,
                                  const ag_tokendb_t *db,
                                  const ag_userdb_t *users,
                                  const ag_roledb_t *roles,
                                  const char *token, apr_int64_t now,
                                  apr_pool_t *pool);

/* Whether the user holds one of required (const char *) among the roles
 * from the user file (user may be NULL) and the role file (file_roles
 * may be NULL), as seen through token (NULL when the user signed in with
 * a password; a token carries its own roles, or "*" for all of them):
 * HELD when one is held and carried; WITHHELD when none is, but the user
 * holds one that the token does not carry (such a role must
 * neither grant "Require role" nor escape "Require not role"); NOT_HELD
 * otherwise (README, "Security model"). */
typedef enum {
    AG_ROLE_NOT_HELD = 0,
    AG_ROLE_HELD,
    AG_ROLE_WITHHELD
} ag_role_e;

ag_role_e ag_decide_role(const ag_user_t *user,
                         const apr_array_header_t *file_roles,
                         const ag_token_t *token,
                         const apr_array_header_t *required);

#endif /* AUTHGATE_AG_DECIDE_H */
