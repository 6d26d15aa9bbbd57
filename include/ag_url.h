/*
 * ag_url.h - the links an error page offers (SPEC section 5): which URLs
 * an administrator may configure for sign-in and help, and the sign-in
 * link that brings the person back to the page they wanted.
 */
#ifndef AUTHGATE_AG_URL_H
#define AUTHGATE_AG_URL_H

#include <apr_pools.h>

/* Non-zero when url may be offered as a link: an absolute http:, https:
 * or mailto: URL, or a path on this server ("/login", not "//host").
 * Control bytes, blanks, quotes and angle brackets are refused too. */
int ag_url_is_safe_link(const char *url);

/* base with "return=" and the percent-encoded uri added to its query
 * (before any fragment). */
const char *ag_url_with_return(const char *base, const char *uri,
                               apr_pool_t *pool);

#endif /* AUTHGATE_AG_URL_H */
