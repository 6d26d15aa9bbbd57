/*
 * ag_challenge.c - building WWW-Authenticate challenges (RFC 7617 for
 * Basic) with the realm sent as a valid quoted-string.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_challenge.h"

const char *ag_challenge_quote(const char *realm, apr_pool_t *pool)
{
    apr_size_t len = strlen(realm);
    char *out = apr_palloc(pool, len * 2 + 3);
    char *o = out;

    *o++ = '"';
    for (const char *p = realm; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        }
        else if (c < 0x20 || c == 0x7F) {
            *o++ = ' ';
        }
        else {
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

const char *ag_challenge_for(ag_scheme_e scheme, const char *realm,
                             apr_pool_t *pool)
{
    const char *q = ag_challenge_quote(realm, pool);

    if (scheme == AG_SCHEME_BASIC) {
        return apr_pstrcat(pool, "Basic realm=", q, ", charset=\"UTF-8\"",
                           NULL);
    }
    return apr_pstrcat(pool, ag_scheme_name(scheme), " realm=", q, NULL);
}
