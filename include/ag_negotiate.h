/*
 * ag_negotiate.h - choosing between an HTML page and JSON problem details
 * (README, "Error pages") from the Accept request header, with q-values.
 */
#ifndef AUTHGATE_AG_NEGOTIATE_H
#define AUTHGATE_AG_NEGOTIATE_H

/* The quality (0 to 1000) that accept gives media type type/subtype: the
 * q of the most specific matching range (type/subtype, then type/, then
 * the wildcard), or 0 when none matches.  accept may be NULL (then every
 * type gets 1000). */
int ag_negotiate_quality(const char *accept, const char *type);

/* Non-zero when the client ranks application/json or
 * application/problem+json strictly above text/html. */
int ag_negotiate_prefers_json(const char *accept);

#endif /* AUTHGATE_AG_NEGOTIATE_H */
