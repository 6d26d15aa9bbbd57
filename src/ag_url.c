/*
 * ag_url.c - sign-in and help links.
 */
#include <string.h>

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
