/*
 * ag_cred.h - reading the Authorization request header: which scheme the
 * client used and, for Basic, the user name and password, or why the
 * header is malformed (README, "What the client sees").
 */
#ifndef AUTHGATE_AG_CRED_H
#define AUTHGATE_AG_CRED_H

#include <apr_pools.h>

#include "authgate.h"

/* Authentication schemes; also used as bits in a set of enabled schemes. */
typedef enum {
    AG_SCHEME_NONE   = 0,
    AG_SCHEME_BASIC  = 1 << 0,
    AG_SCHEME_BEARER = 1 << 1,
    AG_SCHEME_FORM   = 1 << 2     /* the sign-in form and its session
                                     cookie; never an Authorization
                                     header */
} ag_scheme_e;

typedef struct {
    ag_scheme_e scheme;    /* the scheme the client used, NONE if absent or
                              not one we know */
    const char *user;      /* Basic: UTF-8 user name, NUL-terminated */
    const char *password;  /* Basic: UTF-8 password; never log it */
    const char *token;     /* Bearer: the b64token as sent; never log it */
    int latin1;            /* credentials were not UTF-8 and were converted
                              from ISO-8859-1 */
    const char *why;       /* on refusal: a sentence for the error log that
                              holds no secret; NULL otherwise */
    const char *scheme_name; /* unsupported-scheme: the scheme word the
                                client sent, cut to 32 printable bytes for
                                logging; NULL otherwise */
} ag_cred_t;

/* Parse the value of an Authorization header.  header may be NULL (no
 * header).  enabled is a set of AG_SCHEME_* bits: a scheme outside it is
 * unsupported.  Returns AG_REASON_NONE and fills cred on success; otherwise
 * returns the refusal reason (no-credentials, unsupported-scheme,
 * malformed-credentials) with cred->why set.  Strings live in pool. */
ag_reason_e ag_cred_parse(ag_cred_t *cred, const char *header,
                          unsigned enabled, apr_pool_t *pool);

/* The scheme's name as it appears in a challenge ("Basic", "Bearer",
 * "Form"). */
const char *ag_scheme_name(ag_scheme_e scheme);

#endif /* AUTHGATE_AG_CRED_H */
