/*
 * ag_decide.h - the gate's decisions on parsed input: does a password
 * open an account (SPEC 3.1, 4), does a token (3.3), does a user hold a
 * required role (3.2), limited by the token's roles (3.3).
 */
#ifndef AUTHGATE_AG_DECIDE_H
#define AUTHGATE_AG_DECIDE_H

#include <apr_tables.h>

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

/* Check user/password against db.  Every outcome other than a known user
 * with a verifiable hash verifies db's dummy hash instead, so unknown and
 * disabled users cost what a wrong password costs.  *found is set to the
 * user when one exists (NULL allowed).  Scratch memory from pool. */
ag_authn_e ag_decide_password(const ag_user_t **found,
                              const ag_userdb_t *db, const char *user,
                              const char *password, apr_pool_t *pool);

typedef enum {
    AG_TOKEN_DENIED = 0,     /* the initial state: nothing decided yet */
    AG_TOKEN_OK,
    AG_TOKEN_NOT_ID_SECRET,  /* not "ID.SECRET" with a valid ID and secret */
    AG_TOKEN_UNKNOWN_ID,
    AG_TOKEN_WRONG_SECRET,
    AG_TOKEN_UNUSABLE,       /* the record has a problem (bad date, ...) */
    AG_TOKEN_NO_USER,        /* its user is in neither user nor role file */
    AG_TOKEN_REVOKED,
    AG_TOKEN_EXPIRED
} ag_token_result_e;

/* A sentence fragment for the error log, e.g. "unknown token ID". */
const char *ag_token_describe(ag_token_result_e result);

/* The refusal reason of a result other than OK: token-revoked,
 * token-expired or token-invalid. */
ag_reason_e ag_token_reason(ag_token_result_e result);

/* Check a presented Bearer token against db at time now (seconds since
 * the epoch).  The secret is checked first, by comparing SHA-256 digests
 * in constant time, so revocation and expiry are told only to a client
 * that holds the secret.  users and roles (either may be NULL) say
 * whether the token's user exists.  *found is set to the token record
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
 * holds one that the token does not carry (SPEC 3.3: such a role must
 * neither grant "Require role" nor escape "Require not role"); NOT_HELD
 * otherwise. */
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
