/*
 * ag_template.h - the error page templates (README, "Templates").
 *
 * {{name}} inserts a value, HTML-escaped; {{#name}}...{{/name}} keeps the
 * block only when the value is non-empty, {{^name}}...{{/name}} only when
 * it is empty; blocks nest.  Templates are compiled once; an unknown name,
 * a malformed tag or an unbalanced block is an error naming the line.
 * Rendering substitutes values, never interprets them.
 */
#ifndef AUTHGATE_AG_TEMPLATE_H
#define AUTHGATE_AG_TEMPLATE_H

#include <apr_pools.h>

#include "ag_lines.h"

/* The values a template may name. */
typedef enum {
    AG_TV_STATUS = 0,
    AG_TV_STATUS_TEXT,
    AG_TV_TITLE,
    AG_TV_MESSAGE,
    AG_TV_HINT,
    AG_TV_REASON,
    AG_TV_REALM,
    AG_TV_METHOD,
    AG_TV_URI,
    AG_TV_USER,
    AG_TV_REQUIRED_ROLES,
    AG_TV_LOGIN_URL,
    AG_TV_SUPPORT_URL,
    AG_TV_RETRY_AFTER,
    AG_TV_REQUEST_ID,
    AG_TV_SERVER_NAME,
    AG_TV_UNTIL,          /* account-expired: the account's last day */
    AG_TV_LOGIN_LABEL,
    AG_TV_RETRY_LABEL,
    AG_TV_HOME_URL,
    AG_TV_SIGNIN_FORM,    /* the sign-in form, HTML made by ag_signin.c:
                             the one value inserted as it is */
    AG_TV_SIGNOUT_URL,    /* the sign-out URL, for a signed-in person */
    AG_TV_SIGNOUT_LABEL,  /* "Sign out" or "Sign in as someone else" */
    AG_TV_LANG,           /* the language of the page, e.g. "de" */
    AG_TV_COUNT
} ag_tvar_e;

/* The name of a value as written in templates, e.g. "login_url". */
const char *ag_template_var_name(ag_tvar_e var);

typedef struct ag_template_t ag_template_t;

/* Compile text[0..len) (copied: the caller may free it).  Returns
 * APR_SUCCESS with *tpl from pool, or
 * APR_EGENERAL with err naming the line and the problem. */
int ag_template_compile(ag_template_t **tpl, ag_parse_error_t *err,
                        const char *text, apr_size_t len, apr_pool_t *pool);

/* Render with values[AG_TV_COUNT] (NULL counts as empty); every inserted
 * value is HTML-escaped but AG_TV_SIGNIN_FORM, which only the module
 * makes (ag_signin_form() escapes what it holds).  Returns a NUL-terminated string from pool and
 * its length in *len (len may be NULL). */
char *ag_template_render(const ag_template_t *tpl,
                         const char *const *values, apr_size_t *len,
                         apr_pool_t *pool);

#endif /* AUTHGATE_AG_TEMPLATE_H */
