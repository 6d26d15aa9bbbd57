/*
 * ag_negotiate.h - choosing between an HTML page and JSON problem details
 * from the Accept request header, and the language of a page from
 * Accept-Language, with q-values (README, "Error pages").
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

/* The index in offered[0..n) of the language tag accept_language (an
 * Accept-Language header value, RFC 9110 section 12.5.4) likes best, or
 * -1 when it accepts none of them (or is NULL): the caller then uses its
 * default.  Tags and ranges compare case-insensitively; a range matches
 * the same tag, a longer tag it is a prefix of ("de" takes "de-CH") and,
 * failing those, a shorter tag that is a prefix of it ("de-CH" takes "de",
 * as a lookup falls back); "*" matches any tag.  The most specific range
 * that matches a tag gives its q; q=0 excludes it.  The highest q wins;
 * between equals the range named first, then the closer match, then the
 * tag offered first.  A malformed element (a bad range, a bad q, another
 * parameter) is ignored. */
int ag_negotiate_language(const char *accept_language,
                          const char *const *offered, int n);

/* Non-zero when tag (not NULL) is a language tag as Accept-Language names
 * them: subtags of 1 to 8 letters and digits joined by '-', the first of
 * letters only ("de", "de-CH", "es-419"); "*" is not one. */
int ag_negotiate_language_tag(const char *tag);

#endif /* AUTHGATE_AG_NEGOTIATE_H */
