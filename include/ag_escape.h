/*
 * ag_escape.h - escaping values for the contexts the error pages put them
 * in (README, "Error pages"): HTML text, quoted attributes, JSON strings, URL
 * query components.  Every function also repairs bytes that are not UTF-8
 * (each becomes U+FFFD), so a page never carries invalid text.
 */
#ifndef AUTHGATE_AG_ESCAPE_H
#define AUTHGATE_AG_ESCAPE_H

#include <apr_pools.h>

/* s with & < > " ' replaced by character references: safe in HTML text
 * and in single- or double-quoted attribute values. */
const char *ag_escape_html(const char *s, apr_pool_t *pool);

/* s as the inside of a JSON string (RFC 8259), without the quotes. */
const char *ag_escape_json(const char *s, apr_pool_t *pool);

/* s percent-encoded for a URL query component: everything but the
 * unreserved characters of RFC 3986 is encoded. */
const char *ag_escape_url_component(const char *s, apr_pool_t *pool);

/* s with every byte sequence that is not UTF-8 replaced by U+FFFD. */
const char *ag_escape_utf8_repair(const char *s, apr_pool_t *pool);

/* s for one field of a log line that a filter such as fail2ban reads:
 * every byte outside letters, digits and "-._~@+/:," percent-encoded, so
 * no value can hold a blank, a quote or an '=' and end its field or
 * forge another; "-" for NULL or empty.  From pool. */
const char *ag_escape_log_value(const char *s, apr_pool_t *pool);

#endif /* AUTHGATE_AG_ESCAPE_H */
