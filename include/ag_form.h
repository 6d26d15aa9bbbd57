/*
 * ag_form.h - the sign-in form's body and the checks around it (README,
 * "Signing in with a form"): an application/x-www-form-urlencoded body
 * read strictly into the module's own fields, whether a request comes
 * from the page's own origin, and which targets a sign-in may lead back
 * to.  Pure C: no httpd.
 */
#ifndef AUTHGATE_AG_FORM_H
#define AUTHGATE_AG_FORM_H

#include <apr_pools.h>

#include "authgate.h"

/* The field names the built-in form sends. */
#define AG_FORM_USER     "ag_user"
#define AG_FORM_PASSWORD "ag_password"
#define AG_FORM_CSRF     "ag_csrf"
#define AG_FORM_RETURN   "ag_return"

/* The largest body read as a sign-in; a longer one is refused unread. */
#define AG_FORM_BODY_MAX 8192
/* The largest anti-forgery value and return target accepted. */
#define AG_FORM_CSRF_MAX 128
#define AG_FORM_RETURN_MAX 2048

typedef enum {
    AG_FORM_OK = 0,        /* a sign-in: user, password and csrf are set */
    AG_FORM_NOT_OURS,      /* no field of the module's: an ordinary POST */
    AG_FORM_MALFORMED      /* ours, but broken (why says how) */
} ag_form_result_e;

typedef struct {
    const char *user;      /* UTF-8, NUL-terminated; never empty on OK */
    const char *password;  /* UTF-8; never log it */
    const char *csrf;      /* the anti-forgery value, as sent */
    const char *ret;       /* the return target, as sent; NULL if absent */
    int latin1;            /* user or password was not UTF-8 and was read
                              as ISO-8859-1 */
    const char *why;       /* MALFORMED: a sentence for the log, no
                              secret; NULL otherwise */
} ag_form_t;

/* Read body[0..len) (not NUL-terminated; may hold any byte).  Fields are
 * '&'-separated NAME=VALUE pairs, '+' is a space, %XX a byte.  A body
 * with none of the four fields above is NOT_OURS.  One that has any of
 * them is MALFORMED when: it is longer than AG_FORM_BODY_MAX; a '%' is
 * not followed by two hex digits; one of the four fields comes twice;
 * user, password or csrf is missing; the user name is empty, over
 * AG_MAX_USER_BYTES or holds a control byte; the password is over
 * AG_MAX_CRED_BYTES or holds a control byte (NUL included); csrf or the
 * return target is over its limit or holds a control byte.  Other fields
 * are ignored.  Strings from pool. */
ag_form_result_e ag_form_parse(ag_form_t *form, const char *body,
                               apr_size_t len, apr_pool_t *pool);

/* Whether a sign-in or sign-out may be taken from this request:
 * origin is the Origin header (NULL when absent), fetch_site the
 * Sec-Fetch-Site header (NULL when absent), own the request's own origin
 * "scheme://host[:port]" as the client named it.  Every header present
 * must say "same origin" (Origin equal to own, ignoring ASCII case;
 * Sec-Fetch-Site "same-origin", or "none" for a navigation the person
 * typed, which allow_none permits), and at least one must be present:
 * a request with neither is refused (strict: old clients cannot sign in
 * with the form).  Returns 1 when accepted; *why (may be NULL) names the
 * reason otherwise. */
int ag_form_same_origin(const char *origin, const char *fetch_site,
                        const char *own, int allow_none, const char **why);

/* Whether target may follow a sign-in as a Location: a local path that
 * starts with exactly one '/' (not "//" nor "/\\"), holds no control
 * byte, blank, backslash or non-ASCII byte, and is at most
 * AG_FORM_RETURN_MAX bytes.  Everything else could lead to another
 * site. */
int ag_form_safe_target(const char *target);

#endif /* AUTHGATE_AG_FORM_H */
