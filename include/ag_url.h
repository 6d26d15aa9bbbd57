/*
 * ag_url.h - the links an error page offers (README, "Error pages"): which URLs
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
 * (before any fragment).  uri should come from ag_url_return_target(). */
const char *ag_url_with_return(const char *base, const char *uri,
                               apr_pool_t *pool);

/* The path of a request target as the client sent it: uri up to its
 * query ('?') or fragment ('#'), copied from pool.  No page shows
 * the query, which may hold a secret such as ?access_token=. */
const char *ag_url_path(const char *uri, apr_pool_t *pool);

/* The target a sign-in should lead back to: uri without its fragment and
 * without any access_token parameter (RFC 6750 section 2.3) in its query.
 * Parameters are separated by '&' (application/x-www-form-urlencoded); a
 * parameter is an access_token when its name, percent-decoded, is exactly
 * "access_token" (case-sensitive, as RFC 6750 writes it), with or without
 * "=VALUE".  Every other parameter stays byte for byte, in its order;
 * empty ones ("a&&b") go, and a query left empty loses its '?'.  Returns
 * a string from pool (uri itself is not changed). */
const char *ag_url_return_target(const char *uri, apr_pool_t *pool);

#endif /* AUTHGATE_AG_URL_H */
