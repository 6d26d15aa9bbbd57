/*
 * ag_signin.h - the sign-in form of a Form area (README, "Signing in
 * with a form"): what a refusal's page needs to show it, and its HTML
 * (the template value signin_form) in the page's language.  The words
 * of the pages around it (signed-out, cross-site, the hints that point
 * to the form) are every language's reasons table (ag_words_<tag>.c).
 */
#ifndef AUTHGATE_AG_SIGNIN_H
#define AUTHGATE_AG_SIGNIN_H

#include <apr_pools.h>

#include "authgate.h"

/* The reserved query that signs out, in every gate area. */
#define AG_SIGNOUT_QUERY "authgate=signout"

/* What a refusal hands to its page so that the form can be made once
 * the page's language is known.  Every field is plain text (NULL
 * allowed), escaped only when the HTML is made. */
typedef struct {
    const char *action;     /* the page asked for: where the form posts */
    const char *csrf;       /* the anti-forgery value */
    const char *ret;        /* the return target, or NULL */
    const char *user;       /* the user name to fill in, or NULL */
} ag_signin_t;

/* The sign-in form f as HTML, from pool: a POST to f->action with the
 * anti-forgery value, the return target and the user name filled in;
 * fields that password managers recognise (autocomplete username and
 * current-password), labels and the button in lang (ag_words_ui(): as
 * ag_words_known() reads it, English for NULL or a language the gate
 * does not speak), no script and no outside resource.  Every value and
 * every word is HTML-escaped here: the result is inserted as it is. */
char *ag_signin_form(const ag_signin_t *f, const char *lang,
                     apr_pool_t *pool);

#endif /* AUTHGATE_AG_SIGNIN_H */
