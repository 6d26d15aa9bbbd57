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

/* One element of a comma-separated list, from *p: its range [*r, *rend)
 * and its q (1000 when none is given, -1 when malformed).  Parameters
 * other than q are skipped, or, with only_q (Accept-Language takes q
 * alone and one range an element), make the element malformed.  *p
 * moves past the element. */
static int element(const char **p, const char *end, const char **r,
                   const char **rend, int only_q)
{
    const char *comma = find(*p, end, ',');
    const char *elem_end = comma ? comma : end;
    const char *semi;
    int q = 1000;

    *r = skip_ows(*p, elem_end);
    *rend = *r;
    while (*rend < elem_end && **rend != ';' && **rend != ' '
           && **rend != '\t') {
        (*rend)++;
    }
    semi = find(*rend, elem_end, ';');
    if (only_q && skip_ows(*rend, semi ? semi : elem_end)
                  != (semi ? semi : elem_end)) {
        q = -1;                     /* "de x": not one range */
    }
    while (semi && (!only_q || q >= 0)) {
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
        else if (only_q) {
            q = -1;
        }
        semi = pend;
    }
    *p = comma ? comma + 1 : end;
    return q;
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
        const char *r, *rend;
        /* parameters: only q matters here */
        int q = element(&p, end, &r, &rend, 0);
        int spec = q < 0 ? 0 : match(r, (apr_size_t)(rend - r), type);

        if (spec > best_spec) {
            best_spec = spec;
            best_q = q;
        }
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

/* Accept-Language (RFC 9110 section 12.5.4) ------------------------------ */

/* Non-zero when [p, end) is a language range: "*", or subtags of 1 to 8
 * letters and digits joined by '-', the first of letters only. */
static int language_range(const char *p, const char *end)
{
    int n = 0, first = 1;

    if (end - p == 1 && *p == '*') {
        return 1;
    }
    if (p >= end) {
        return 0;
    }
    for (; p < end; p++) {
        if (*p == '-') {
            if (n == 0) {
                return 0;
            }
            n = 0;
            first = 0;
            continue;
        }
        if (!(first ? apr_isalpha(*p) : apr_isalnum(*p)) || ++n > 8) {
            return 0;
        }
    }
    return n > 0;
}

int ag_negotiate_language_tag(const char *tag)
{
    return strcmp(tag, "*") != 0
           && language_range(tag, tag + strlen(tag));
}

/* How specifically range[0..rlen) matches tag: 4 the same tag, 3 the
 * range is a prefix of the tag ("de" for "de-CH"), 2 the tag is a prefix
 * of the range ("de-CH" for "de": the lookup of RFC 4647 section 3.4
 * falls back to it), 1 the wildcard, 0 no match.  Case-insensitive. */
static int lang_match(const char *range, apr_size_t rlen, const char *tag)
{
    apr_size_t tlen = strlen(tag);

    if (rlen == 1 && range[0] == '*') {
        return 1;
    }
    if (rlen == tlen && strncasecmp(range, tag, tlen) == 0) {
        return 4;
    }
    if (rlen < tlen && tag[rlen] == '-'
        && strncasecmp(range, tag, rlen) == 0) {
        return 3;
    }
    if (tlen < rlen && range[tlen] == '-'
        && strncasecmp(range, tag, tlen) == 0) {
        return 2;
    }
    return 0;
}

int ag_negotiate_language(const char *accept_language,
                          const char *const *offered, int n)
{
    int best = -1, best_q = 0, best_pos = 0, best_spec = 0;

    if (accept_language == NULL || offered == NULL) {
        return -1;
    }
    for (int t = 0; t < n; t++) {
        const char *p = accept_language;
        const char *end = p + strlen(p);
        int spec = 0, q = 0, pos = 0;

        /* the most specific range that matches the tag decides its q
         * (so "*, de;q=0" excludes de), the first one of them if two are
         * as specific */
        for (int i = 0; p < end; i++) {
            const char *r, *rend;
            int rq = element(&p, end, &r, &rend, 1);
            int s = rq < 0 || !language_range(r, rend)
                    ? 0 : lang_match(r, (apr_size_t)(rend - r), offered[t]);

            if (s > spec) {
                spec = s;
                q = rq;
                pos = i;
            }
        }
        /* the highest q wins; between equals, the range named first,
         * then the closer match, then the tag offered first */
        if (q > 0 && (best < 0 || q > best_q
                      || (q == best_q && (pos < best_pos
                                          || (pos == best_pos
                                              && spec > best_spec))))) {
            best = t;
            best_q = q;
            best_pos = pos;
            best_spec = spec;
        }
    }
    return best;
}
