/*
 * ag_url.c - sign-in and help links, and the parts of a request target a
 * page may show.
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_escape.h"
#include "ag_url.h"

int ag_url_is_safe_link(const char *url)
{
    for (const char *p = url; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>'
            || c == '\\' || c == '`') {
            return 0;
        }
    }
    if (strncasecmp(url, "https://", 8) == 0) {
        return url[8] != '\0' && url[8] != '/';
    }
    if (strncasecmp(url, "http://", 7) == 0) {
        return url[7] != '\0' && url[7] != '/';
    }
    if (strncasecmp(url, "mailto:", 7) == 0) {
        return url[7] != '\0';
    }
    return url[0] == '/' && url[1] != '/';
}

const char *ag_url_with_return(const char *base, const char *uri,
                               apr_pool_t *pool)
{
    const char *hash = strchr(base, '#');
    apr_size_t head = hash ? (apr_size_t)(hash - base) : strlen(base);
    const char *before = apr_pstrmemdup(pool, base, head);
    const char *q = memchr(before, '?', head);
    const char *sep = q == NULL ? "?"
                    : (head > 0 && (before[head - 1] == '?'
                                    || before[head - 1] == '&')) ? "" : "&";

    return apr_pstrcat(pool, before, sep, "return=",
                       ag_escape_url_component(uri, pool),
                       hash ? hash : "", NULL);
}

const char *ag_url_path(const char *uri, apr_pool_t *pool)
{
    return apr_pstrmemdup(pool, uri, strcspn(uri, "?#"));
}

static int hex_value(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Non-zero when the query parameter p[0..len) is named access_token: the
 * name ends at the first '=' and is compared once percent-decoded. */
static int is_access_token(const char *p, apr_size_t len)
{
    static const char name[] = "access_token";
    apr_size_t n = 0;

    for (apr_size_t i = 0; i < len && p[i] != '='; i++) {
        char c = p[i];

        if (c == '%' && i + 2 < len && apr_isxdigit(p[i + 1])
            && apr_isxdigit(p[i + 2])) {
            c = (char)(hex_value(p[i + 1]) * 16 + hex_value(p[i + 2]));
            i += 2;
        }
        if (n == sizeof(name) - 1 || c != name[n]) {
            return 0;
        }
        n++;
    }
    return n == sizeof(name) - 1;
}

const char *ag_url_return_target(const char *uri, apr_pool_t *pool)
{
    apr_size_t path = strcspn(uri, "?#");
    const char *q, *end;
    char *out, *o;

    if (uri[path] != '?') {
        return apr_pstrmemdup(pool, uri, path);
    }
    q = uri + path + 1;
    end = q + strcspn(q, "#");
    out = apr_palloc(pool, (apr_size_t)(end - uri) + 1);
    memcpy(out, uri, path);
    o = out + path;
    for (const char *p = q; p <= end;) {
        const char *amp = memchr(p, '&', (apr_size_t)(end - p));
        apr_size_t len = (apr_size_t)((amp ? amp : end) - p);

        if (len > 0 && !is_access_token(p, len)) {
            *o = o == out + path ? '?' : '&';
            memcpy(o + 1, p, len);
            o += len + 1;
        }
        p += len + 1;
    }
    *o = '\0';
    return out;
}
