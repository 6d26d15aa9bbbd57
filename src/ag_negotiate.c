/*
 * ag_negotiate.c - Accept header parsing (RFC 9110 section 12.5.1).
 */
#include <string.h>

#include <apr_lib.h>

#include "ag_negotiate.h"

/* The first c in [p, end), or NULL. */
static const char *find(const char *p, const char *end, char c)
{
    for (; p < end; p++) {
        if (*p == c) {
            return p;
        }
    }
    return NULL;
}

static const char *skip_ows(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    return p;
}

/* q-value: "0", "0.5", "1", "1.000": at most three decimals; returns -1
 * when malformed (the whole range is then ignored). */
static int parse_q(const char *p, const char *end)
{
    int q, digits = 0;

    if (p >= end || (*p != '0' && *p != '1')) {
        return -1;
    }
    q = (*p++ - '0') * 1000;
    if (p < end && *p == '.') {
        int scale = 100;

        for (p++; p < end && apr_isdigit(*p); p++, digits++) {
            if (digits == 3) {
                return -1;
            }
            q += (*p - '0') * scale;
            scale /= 10;
        }
    }
    if (p != end || q > 1000) {
        return -1;
    }
    return q;
}

/* How specifically range[0..rlen) matches type: 3 exact, 2 type/, 1 the
 * wildcard, 0 no match. */
static int match(const char *range, apr_size_t rlen, const char *type)
{
    const char *slash = memchr(range, '/', rlen);
    apr_size_t tlen = strlen(type);
    const char *tslash = strchr(type, '/');

    if (slash == NULL) {
        return 0;
    }
    if (rlen == 3 && memcmp(range, "*/*", 3) == 0) {
        return 1;
    }
    if ((apr_size_t)(slash - range) == (apr_size_t)(tslash - type)
        && strncasecmp(range, type, (apr_size_t)(slash - range)) == 0) {
        if (rlen - (apr_size_t)(slash - range) == 2 && slash[1] == '*') {
            return 2;
        }
        if (rlen == tlen && strncasecmp(range, type, tlen) == 0) {
            return 3;
        }
    }
    return 0;
}

int ag_negotiate_quality(const char *accept, const char *type)
{
    const char *p, *end;
    int best_spec = 0, best_q = 0;

    if (accept == NULL) {
        return 1000;
    }
    p = accept;
    end = accept + strlen(accept);
    while (p < end) {
        const char *comma = find(p, end, ',');
        const char *elem_end = comma ? comma : end;
        const char *r = skip_ows(p, elem_end), *rend = r, *semi;
        int spec, q = 1000;

        while (rend < elem_end && *rend != ';' && *rend != ' '
               && *rend != '\t') {
            rend++;
        }
        /* parameters: only q matters here */
        semi = find(rend, elem_end, ';');
        while (semi) {
            const char *param = skip_ows(semi + 1, elem_end);
            const char *pend = find(param, elem_end, ';');
            const char *vend = pend ? pend : elem_end;

            while (vend > param && (vend[-1] == ' ' || vend[-1] == '\t')) {
                vend--;
            }
            if (vend - param >= 2 && (param[0] == 'q' || param[0] == 'Q')
                && param[1] == '=') {
                q = parse_q(param + 2, vend);
            }
            semi = pend;
        }
        spec = q < 0 ? 0 : match(r, (apr_size_t)(rend - r), type);
        if (spec > best_spec) {
            best_spec = spec;
            best_q = q;
        }
        p = comma ? comma + 1 : end;
    }
    return best_q;
}

int ag_negotiate_prefers_json(const char *accept)
{
    int html, json, problem;

    if (accept == NULL) {
        return 0;
    }
    html = ag_negotiate_quality(accept, "text/html");
    json = ag_negotiate_quality(accept, "application/json");
    problem = ag_negotiate_quality(accept, "application/problem+json");
    return (json > problem ? json : problem) > html;
}
