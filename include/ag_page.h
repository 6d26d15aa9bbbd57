/*
 * ag_page.h - what a refused person is told (README, "Error pages"): the plain
 * words for each reason, the built-in HTML page, and RFC 9457 problem
 * details for clients that prefer JSON.
 */
#ifndef AUTHGATE_AG_PAGE_H
#define AUTHGATE_AG_PAGE_H

#include <apr_pools.h>

#include "authgate.h"
#include "ag_template.h"

/* Fill values[AG_TV_TITLE], [AG_TV_MESSAGE], [AG_TV_HINT] and
 * [AG_TV_STATUS_TEXT] for reason.  basic: the area accepts Basic, so the
 * browser can be asked again; values[AG_TV_RETRY_AFTER] (seconds, may be
 * empty) is used for the lockout hint, values[AG_TV_UNTIL] (the
 * account's last day, "YYYY-MM-DD", may be empty) for the message of
 * account-expired.  Strings from pool or static. */
void ag_page_words(const char **values, ag_reason_e reason, int basic,
                   apr_pool_t *pool);

/* The built-in page, compiled on first use (thread-safe after
 * ag_page_init()). */
const ag_template_t *ag_page_builtin(void);

/* Compile the built-in page into pool, where it lives until the pool is
 * cleared (then the next call compiles it again); call before threads
 * start.  Returns APR_SUCCESS (the built-in template is tested to
 * compile). */
apr_status_t ag_page_init(apr_pool_t *pool);

/* RFC 9457 problem details as JSON: type, title, status, detail, reason,
 * instance, and user, realm, login_url, support_url, request_id,
 * required_roles, retry_after, until when they are not empty.  From pool, length in *len. */
char *ag_page_problem_json(const char *const *values, apr_size_t *len,
                           apr_pool_t *pool);

#endif /* AUTHGATE_AG_PAGE_H */
