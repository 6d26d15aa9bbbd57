/*
 * ag_text.h - byte-level text checks shared by the credential parser and
 * the file parsers: UTF-8 validity, control bytes, ISO-8859-1 conversion.
 */
#ifndef AUTHGATE_AG_TEXT_H
#define AUTHGATE_AG_TEXT_H

#include <apr_pools.h>

/* Non-zero when s[0..len) is well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF).  s may hold NUL bytes. */
int ag_text_is_utf8(const char *s, apr_size_t len);

/* Non-zero when s[0..len) holds a C0 control byte (0x00-0x1F) or DEL.
 * Tabs count as control bytes: callers that allow them skip this check. */
int ag_text_has_ctl(const char *s, apr_size_t len);

/* s[0..len) read as ISO-8859-1, returned as a NUL-terminated UTF-8 string
 * allocated from pool. */
char *ag_text_latin1_to_utf8(const char *s, apr_size_t len, apr_pool_t *pool);

#endif /* AUTHGATE_AG_TEXT_H */
