/*
 * ag_signin.h - what the pages of a form area show (README, "Signing in
 * with a form"): the sign-in form's HTML (the template value
 * signin_form), and the words of the pages that belong to signing in and
 * out.  Kept apart from ag_page.c, which holds the words of every other
 * page.
 */
#ifndef AUTHGATE_AG_SIGNIN_H
#define AUTHGATE_AG_SIGNIN_H

#include <apr_pools.h>

#include "authgate.h"

/* The reserved query that signs out, in every gate area. */
#define AG_SIGNOUT_QUERY "authgate=signout"

/* The sign-in form as HTML, from pool: a POST to action (the page asked
 * for), with the anti-forgery value csrf, the return target ret (may be
 * NULL) and the user name user (may be NULL) filled in; fields that
 * password managers recognise (autocomplete username and
 * current-password), labels, no script and no outside resource.  Every
 * value is HTML-escaped here: the result is inserted as it is. */
char *ag_signin_form(const char *action, const char *csrf, const char *ret,
                     const char *user, apr_pool_t *pool);

/* Words of the pages of signing in and out: the title, message, hint
 * and status text of signed-out and cross-site (returns 1 for those;
 * ag_page_words() asks here first), and, when form is set (the page
 * shows the sign-in form), hints that point to the form instead of the
 * browser's dialog for the other reasons (returns 0).  Strings static or
 * from pool. */
int ag_signin_words(const char **values, ag_reason_e reason, int form,
                     apr_pool_t *pool);


#endif /* AUTHGATE_AG_SIGNIN_H */
