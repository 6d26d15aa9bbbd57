/*
 * ag_decide.c - password and role decisions (SPEC sections 3.1, 3.2, 4).
 */
#include <string.h>

#include "ag_decide.h"

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

ag_authn_e ag_decide_password(const ag_user_t **found,
                              const ag_userdb_t *db, const char *user,
                              const char *password, apr_pool_t *pool)
{
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
    else if (u->kind == AG_HASH_UNKNOWN || u->kind == AG_HASH_DES) {
        result = AG_AUTHN_UNUSABLE_HASH;
    }
    else {
        return ag_passwd_verify(password, u->hash, pool)
               ? AG_AUTHN_OK : AG_AUTHN_WRONG_PASSWORD;
    }
    /* Same work as a real check; the outcome is ignored on purpose. */
    if (db->dummy_hash) {
        (void)ag_passwd_verify(password, db->dummy_hash, pool);
    }
    return result;
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

int ag_decide_role(const ag_user_t *user,
                   const apr_array_header_t *file_roles,
                   const apr_array_header_t *required)
{
    for (int i = 0; i < required->nelts; i++) {
        const char *role = APR_ARRAY_IDX(required, i, const char *);

        if ((user && holds(user->roles, role)) || holds(file_roles, role)) {
            return 1;
        }
    }
    return 0;
}
