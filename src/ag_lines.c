/*
 * ag_lines.c - splitting the files (README, "Files") into record lines.
 */
#include <string.h>

#include <apr_errno.h>
#include <apr_strings.h>

#include "ag_lines.h"
#include "ag_text.h"

void ag_lines_init(ag_lines_t *it, const char *buf, apr_size_t len)
{
    it->buf = buf;
    it->len = len;
    it->pos = 0;
    it->lineno = 0;
}

int ag_lines_fail(const ag_lines_t *it, ag_parse_error_t *err,
                  const char *msg)
{
    err->line = it->lineno;
    err->msg = msg;
    return APR_EGENERAL;
}

int ag_lines_split_roles(apr_array_header_t *out, const char *s,
                         apr_size_t len, ag_lines_copy_fn *copy,
                         void *baton, apr_pool_t *pool)
{
    const char *p = s, *end = s + len;

    while (p < end) {
        const char *comma = memchr(p, ',', (apr_size_t)(end - p));
        const char *a = p, *b = comma ? comma : end;

        while (a < b && (*a == ' ' || *a == '\t')) {
            a++;
        }
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        for (const char *c = a; c < b; c++) {
            if (*c == ' ' || *c == '\t' || *c == ':') {
                return 0;
            }
        }
        if (b > a) {
            APR_ARRAY_PUSH(out, const char *) =
                copy ? copy(baton, a, (apr_size_t)(b - a), pool)
                     : apr_pstrmemdup(pool, a, (apr_size_t)(b - a));
        }
        p = comma ? comma + 1 : end;
    }
    return 1;
}

static int has_ctl_but_tab(const char *s, apr_size_t len)
{
    for (apr_size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            return 1;
        }
    }
    return 0;
}

int ag_lines_next(ag_lines_t *it, const char **line, apr_size_t *len,
                  ag_parse_error_t *err)
{
    while (it->pos < it->len) {
        const char *start = it->buf + it->pos;
        const char *nl = memchr(start, '\n', it->len - it->pos);
        apr_size_t n = nl ? (apr_size_t)(nl - start) : it->len - it->pos;
        apr_size_t skip = 0;

        it->pos += n + (nl ? 1 : 0);
        it->lineno++;
        if (n > 0 && start[n - 1] == '\r') {
            n--;
        }
        if (has_ctl_but_tab(start, n)) {
            ag_lines_fail(it, err, "the line holds control bytes");
            return -1;
        }
        if (!ag_text_is_utf8(start, n)) {
            ag_lines_fail(it, err, "the line is not valid UTF-8");
            return -1;
        }
        while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t')) {
            n--;
        }
        while (skip < n && (start[skip] == ' ' || start[skip] == '\t')) {
            skip++;
        }
        if (skip == n || start[skip] == '#') {
            continue;
        }
        *line = start + skip;
        *len = n - skip;
        return 1;
    }
    return 0;
}
