/*
 * ag_challenge.c - building WWW-Authenticate challenges (RFC 7617 for
 * Basic, RFC 6750 for Bearer) with the realm sent as a valid quoted-string.
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

const char *ag_challenge_realm(const char *authname, apr_pool_t *pool)
{
    char *out, *o;

    if (authname == NULL) {
        return NULL;
    }
    out = o = apr_palloc(pool, strlen(authname) + 1);
    for (const char *p = authname; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (c == '\\' && p[1] == '"') {
            continue;                       /* the '"' comes next */
        }
        if (c == 0xC2 && (unsigned char)p[1] >= 0x80
            && (unsigned char)p[1] <= 0x9F) {
            *o++ = ' ';                     /* a C1 control, U+0080-9F */
            p++;
            continue;
        }
        *o++ = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    *o = '\0';
    return out;
}

/* RFC 6750 section 3.1: the error code and its description for a
 * reason, or NULL when the reason carries none. */
static const char *bearer_error(ag_reason_e reason, const char **desc)
{
    *desc = NULL;
    switch (reason) {
    case AG_REASON_TOKEN_INVALID:
        *desc = "The access token is invalid";
        return "invalid_token";
    case AG_REASON_TOKEN_EXPIRED:
        *desc = "The access token expired";
        return "invalid_token";
    case AG_REASON_TOKEN_REVOKED:
        *desc = "The access token was revoked";
        return "invalid_token";
    case AG_REASON_ACCOUNT_EXPIRED:
        /* the token is sound, but its user's account no longer works */
        *desc = "The account of the access token expired";
        return "invalid_token";
    case AG_REASON_ACCOUNT_DISABLED:
        *desc = "The account of the access token is disabled";
        return "invalid_token";
    case AG_REASON_MALFORMED_CREDENTIALS:
        return "invalid_request";
    case AG_REASON_INSUFFICIENT_ROLE:
        return "insufficient_scope";
    default:
        return NULL;
    }
}

const char *ag_challenge_for(ag_scheme_e scheme, const char *realm,
                             ag_reason_e reason, apr_pool_t *pool)
{
    const char *q = ag_challenge_quote(realm, pool);
    const char *error, *desc;

    if (scheme == AG_SCHEME_BASIC) {
        return apr_pstrcat(pool, "Basic realm=", q, ", charset=\"UTF-8\"",
                           NULL);
    }
    if (scheme == AG_SCHEME_FORM) {
        /* no browser knows it: no dialog, the page's form instead */
        return apr_pstrcat(pool, "Form realm=", q, NULL);
    }
    error = bearer_error(reason, &desc);
    return apr_pstrcat(pool, "Bearer realm=", q,
                       error ? ", error=\"" : "", error ? error : "",
                       error ? "\"" : "",
                       desc ? ", error_description=\"" : "",
                       desc ? desc : "", desc ? "\"" : "", NULL);
}
