/*
 * ag_challenge.h - the WWW-Authenticate challenges of SPEC section 4.
 */
#ifndef AUTHGATE_AG_CHALLENGE_H
#define AUTHGATE_AG_CHALLENGE_H

#include <apr_pools.h>

#include "ag_cred.h"

/* realm as an HTTP quoted-string (RFC 9110 5.6.4), quotes included: '"'
 * and '\' are escaped with '\', control bytes become spaces. */
const char *ag_challenge_quote(const char *realm, apr_pool_t *pool);

/* The challenge for one scheme, e.g. Basic realm="R", charset="UTF-8". */
const char *ag_challenge_for(ag_scheme_e scheme, const char *realm,
                             apr_pool_t *pool);

#endif /* AUTHGATE_AG_CHALLENGE_H */
