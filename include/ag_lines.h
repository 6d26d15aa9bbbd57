/*
 * ag_lines.h - the line discipline every file (README, "Files") shares:
 * UTF-8 text, one record a line, '#' comment lines and blank lines
 * skipped, control bytes (other than tab) make the file unparseable.
 */
#ifndef AUTHGATE_AG_LINES_H
#define AUTHGATE_AG_LINES_H

#include <apr_pools.h>
#include <apr_tables.h>

/* Where and why a file could not be parsed. */
typedef struct {
    unsigned line;     /* 1-based line number, 0 for the whole file */
    const char *msg;   /* a sentence without secrets */
} ag_parse_error_t;

typedef struct {
    const char *buf;
    apr_size_t len;
    apr_size_t pos;
    unsigned lineno;   /* number of the line last returned */
} ag_lines_t;

/* Iterate over buf[0..len); buf must outlive the iterator. */
void ag_lines_init(ag_lines_t *it, const char *buf, apr_size_t len);

/* The next record line, without its line ending (LF or CRLF) and without
 * leading or trailing blanks.  Returns 1 and sets *line and *len, 0 at the end, or -1
 * with err filled when the line holds control bytes or is not UTF-8. */
int ag_lines_next(ag_lines_t *it, const char **line, apr_size_t *len,
                  ag_parse_error_t *err);

/* Copies one name of a list; baton is the caller's. */
typedef const char *ag_lines_copy_fn(void *baton, const char *s,
                                     apr_size_t len, apr_pool_t *pool);

/* Split the comma-separated role list s[0..len) into out (const char *),
 * skipping empty items and blanks around names.  Each name is copied by
 * copy (NULL: apr_pstrmemdup from pool).  Returns 0 when a name holds a
 * blank or a ':'. */
int ag_lines_split_roles(apr_array_header_t *out, const char *s,
                         apr_size_t len, ag_lines_copy_fn *copy,
                         void *baton, apr_pool_t *pool);

/* Fill err for the current line and return APR_EGENERAL: a helper for the
 * parsers' error paths. */
int ag_lines_fail(const ag_lines_t *it, ag_parse_error_t *err,
                  const char *msg);

#endif /* AUTHGATE_AG_LINES_H */
