/*
 * ag_decide.h - the gate's decisions on parsed input: does a password
 * open an account (SPEC 3.1, 4), does a user hold a required role (3.2).
 */
#ifndef AUTHGATE_AG_DECIDE_H
#define AUTHGATE_AG_DECIDE_H

#include <apr_tables.h>

#include "ag_rolefile.h"
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

/* Non-zero when one of required (const char *) is among the roles the user
 * holds: the user file's roles (user may be NULL) and the role file's
 * (file_roles may be NULL). */
int ag_decide_role(const ag_user_t *user,
                   const apr_array_header_t *file_roles,
                   const apr_array_header_t *required);

#endif /* AUTHGATE_AG_DECIDE_H */
