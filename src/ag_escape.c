/*
 * ag_escape.c - context escaping for the error pages.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_escape.h"
#include "ag_text.h"

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD in UTF-8 */

/* Length of the well-formed UTF-8 sequence at p (at most n bytes left),
 * or 0 when there is none. */
static apr_size_t utf8_seq(const char *p, apr_size_t n)
{
    unsigned char c = (unsigned char)*p;
    apr_size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

    if (len > n || !ag_text_is_utf8(p, len)) {
        return 0;
    }
    return len;
}

/* The shared walk: for each character of s (a valid UTF-8 sequence, or
 * U+FFFD for a bad byte) ask map() for its replacement; NULL keeps it. */
typedef const char *map_fn(unsigned char c, char *buf);

static const char *walk(const char *s, map_fn *map, apr_pool_t *pool)
{
    /* No byte grows to more than six ("&quot;", "\u001f"). */
    apr_size_t n = strlen(s), o = 0;
    char *out = apr_palloc(pool, n * 6 + 1);
    char buf[8];

    for (apr_size_t i = 0; i < n;) {
        apr_size_t len = utf8_seq(s + i, n - i);
        const char *rep = NULL;

        if (len == 0) {
            rep = REPLACEMENT;
            len = 1;
        }
        else if (len == 1) {
            rep = map((unsigned char)s[i], buf);
        }
        if (rep) {
            apr_size_t rl = strlen(rep);

            memcpy(out + o, rep, rl);
            o += rl;
        }
        else {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    out[o] = '\0';
    return out;
}

static const char *map_none(unsigned char c, char *buf)
{
    (void)c;
    (void)buf;
    return NULL;
}

static const char *map_html(unsigned char c, char *buf)
{
    (void)buf;
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

static const char *map_json(unsigned char c, char *buf)
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    case '<':                 /* harmless in JSON, and never "</script" */
        return "\\u003c";
    default:
        if (c < 0x20 || c == 0x7F) {
            apr_snprintf(buf, 8, "\\u%04x", c);
            return buf;
        }
        return NULL;
    }
}

static const char *map_url(unsigned char c, char *buf)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
        || c == '~') {
        return NULL;
    }
    apr_snprintf(buf, 8, "%%%02X", c);
    return buf;
}

const char *ag_escape_utf8_repair(const char *s, apr_pool_t *pool)
{
    return walk(s, map_none, pool);
}

const char *ag_escape_html(const char *s, apr_pool_t *pool)
{
    return walk(s, map_html, pool);
}

const char *ag_escape_json(const char *s, apr_pool_t *pool)
{
    return walk(s, map_json, pool);
}

const char *ag_escape_url_component(const char *s, apr_pool_t *pool)
{
    /* Non-ASCII characters are encoded byte by byte, in UTF-8. */
    const char *clean = ag_escape_utf8_repair(s, pool);
    char *out = apr_palloc(pool, strlen(clean) * 3 + 1), *o = out;
    char buf[8];

    for (const char *p = clean; *p; p++) {
        const char *rep = map_url((unsigned char)*p, buf);

        if (rep) {
            memcpy(o, rep, 3);
            o += 3;
        }
        else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

const char *ag_escape_log_value(const char *s, apr_pool_t *pool)
{
    char *out, *o;

    if (s == NULL || *s == '\0') {
        return "-";
    }
    out = o = apr_palloc(pool, strlen(s) * 3 + 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
            || (*p >= '0' && *p <= '9') || strchr("-._~@+/:,", *p)) {
            *o++ = (char)*p;
        }
        else {
            apr_snprintf(o, 4, "%%%02X", *p);
            o += 3;
        }
    }
    *o = '\0';
    return out;
}
