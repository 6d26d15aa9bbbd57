/*
 * ag_secretscan.c - recognising credential files by their content (see
 * ag_secretscan.h).
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_lines.h"
#include "ag_passwd.h"
#include "ag_secretscan.h"

/* Whether s[0..len) begins with a token digest: sha256$ and hex. */
static int token_digest(const char *s, apr_size_t len)
{
    static const char prefix[] = "sha256$";
    apr_size_t n = sizeof(prefix) - 1, hex = 0;

    if (len < n + 16 || strncmp(s, prefix, n) != 0) {
        return 0;
    }
    while (n + hex < len && strchr("0123456789abcdefABCDEF", s[n + hex])) {
        hex++;
    }
    return hex >= 16;
}

/* Whether one line is NAME:SECRET with a recognisable secret. */
static int credential_line(const char *line, apr_size_t len,
                           apr_pool_t *pool)
{
    const char *colon = memchr(line, ':', len);
    const char *rest, *end;
    ag_hash_kind_e kind;

    if (colon == NULL || colon == line) {
        return 0;
    }
    rest = colon + 1;
    len -= (apr_size_t)(rest - line);
    if (token_digest(rest, len)) {
        return 1;
    }
    end = memchr(rest, ':', len);
    kind = ag_passwd_kind(apr_pstrmemdup(pool, rest, end
                                         ? (apr_size_t)(end - rest) : len));
    /* DES and "!" are too easy to meet in ordinary text */
    return kind != AG_HASH_UNKNOWN && kind != AG_HASH_DES
           && kind != AG_HASH_DISABLED;
}

unsigned ag_secretscan_find(const char *buf, apr_size_t len,
                            apr_pool_t *pool)
{
    apr_size_t pos = 0;
    unsigned lineno = 0;

    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        apr_size_t n = nl ? (apr_size_t)(nl - (buf + pos)) : len - pos;
        const char *line = buf + pos;

        lineno++;
        while (n > 0 && (*line == ' ' || *line == '\t')) {
            line++;
            n--;
        }
        if (n > 0 && credential_line(line, n, pool)) {
            return lineno;
        }
        pos += n + (apr_size_t)(line - (buf + pos)) + 1;
    }
    return 0;
}
