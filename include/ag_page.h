/*
 * ag_page.h - what a refused person is told (README, "Error pages"): the plain
 * words for each reason, the built-in HTML page, and RFC 9457 problem
 * details for clients that prefer JSON.
 */
#ifndef AUTHGATE_AG_PAGE_H
#define AUTHGATE_AG_PAGE_H

#include <apr_pools.h>

#include "authgate.h"
#include "ag_cred.h"
#include "ag_template.h"

/* Who is told, about what kind of area: the words fit the case (README,
 * "Error pages").  An app is never told to reload a page; an area that
 * takes only access tokens never speaks of passwords, nor one that takes
 * only passwords of tokens. */
typedef struct {
    int app;            /* the client is a program, not a person at a
                           browser: it prefers JSON, or it sent a token */
    unsigned schemes;   /* AG_SCHEME_* bits the area accepts; 0 counts as
                           Basic; to a person, Form counts as Basic */
    ag_scheme_e used;   /* the scheme the client sent, or AG_SCHEME_NONE */
    const char *lang;   /* the page's language tag (ag_words.h): the words
                           are in the language of its first subtag, or in
                           English for one the gate does not speak; NULL:
                           English */
} ag_page_case_t;

/* Fill values[AG_TV_TITLE], [AG_TV_MESSAGE], [AG_TV_HINT],
 * [AG_TV_STATUS_TEXT] (the status in words, in the page's language),
 * [AG_TV_LANG] (c->lang, or the language of the words) and the actions
 * [AG_TV_LOGIN_LABEL], [AG_TV_RETRY_LABEL] and [AG_TV_HOME_URL] for
 * reason in case c (NULL: a person in a Basic area, in English).  Reads
 * values[AG_TV_LOGIN_URL], [AG_TV_SUPPORT_URL], [AG_TV_USER],
 * [AG_TV_SIGNOUT_URL] and [AG_TV_URI] (each may be NULL) to choose the
 * actions, [AG_TV_SIGNIN_FORM] (set: the page shows the sign-in form,
 * and a person's hint points to it), [AG_TV_RETRY_AFTER] (seconds) for the
 * lockout hint and [AG_TV_UNTIL] ("YYYY-MM-DD") for the message of
 * account-expired.  Every case gets a hint that says what to do next, and
 * the built-in page at least one link.  Strings from pool or static. */
void ag_page_words(const char **values, ag_reason_e reason,
                   const ag_page_case_t *c, apr_pool_t *pool);

/* The built-in page in lang (as ag_words_known() reads it: English for
 * NULL or a language the gate does not speak); NULL before
 * ag_page_init() (thread-safe after it). */
const ag_template_t *ag_page_builtin(const char *lang);

/* Compile the built-in page of every language into pool, where it lives
 * until the pool is cleared (then the next call compiles it again); call
 * before threads start.  Returns APR_SUCCESS (the built-in template is tested to
 * compile). */
apr_status_t ag_page_init(apr_pool_t *pool);

/* RFC 9457 problem details as JSON: type, title, status, detail, reason,
 * instance, and user, realm, login_url, support_url, request_id,
 * required_roles, retry_after, until when they are not empty; title and
 * detail are the values' words, in the language ag_page_words() chose.
 * From pool, length in *len. */
char *ag_page_problem_json(const char *const *values, apr_size_t *len,
                           apr_pool_t *pool);

#endif /* AUTHGATE_AG_PAGE_H */
