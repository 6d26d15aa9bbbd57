/*
 * ag_challenge.h - the WWW-Authenticate challenges of the README's
 * "What the client sees" and "Reasons" (RFC 7617 Basic, RFC 6750 Bearer).
 */
#ifndef AUTHGATE_AG_CHALLENGE_H
#define AUTHGATE_AG_CHALLENGE_H

#include <apr_pools.h>

#include "ag_cred.h"

/* realm as an HTTP quoted-string (RFC 9110 5.6.4), quotes included: '"'
 * and '\' are escaped with '\', control bytes become spaces. */
const char *ag_challenge_quote(const char *realm, apr_pool_t *pool);

/* The realm that pages, problem details, the environment and challenges
 * show for an AuthName as httpd keeps it (mod_authn_core stores it with
 * each double quote escaped as \"): those escapes are undone, so that the
 * realm is quoted once, by ag_challenge_quote(), and every control
 * character (C0 bytes, tab included, DEL, and the C1 range U+0080-U+009F
 * written in UTF-8) becomes one space, so that none reaches a client.
 * Returns a string from pool, or NULL when authname is NULL. */
const char *ag_challenge_realm(const char *authname, apr_pool_t *pool);

/* The challenge for one scheme, e.g. Basic realm="R", charset="UTF-8".
 * For Bearer, reason adds the error attributes of RFC 6750 section 3.1
 * (error="invalid_token" and its error_description for the token reasons
 * and for account-expired and account-disabled, "invalid_request" for
 * malformed credentials, "insufficient_scope" for a missing role); pass
 * AG_REASON_NONE for a plain challenge. */
const char *ag_challenge_for(ag_scheme_e scheme, const char *realm,
                             ag_reason_e reason, apr_pool_t *pool);

#endif /* AUTHGATE_AG_CHALLENGE_H */
