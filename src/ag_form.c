/*
 * ag_form.c - the sign-in form's body, the same-origin rule and the safe
 * return targets (see ag_form.h).
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_form.h"
#include "ag_text.h"

enum { F_USER = 0, F_PASSWORD, F_CSRF, F_RETURN, F_COUNT };

static const char *const names[F_COUNT] = {
    AG_FORM_USER, AG_FORM_PASSWORD, AG_FORM_CSRF, AG_FORM_RETURN
};

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = (unsigned char)apr_tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0..len) decoded ('+' a space, %XX a byte) into out (room for len
 * bytes); the decoded length, or -1 for a broken escape. */
static apr_ssize_t decode(char *out, const char *s, apr_size_t len)
{
    apr_size_t o = 0;

    for (apr_size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '+') {
            out[o++] = ' ';
        }
        else if (c == '%') {
            int hi, lo;

            if (i + 2 >= len) {
                return -1;
            }
            hi = hexval((unsigned char)s[i + 1]);
            lo = hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0) {
                return -1;
            }
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        }
        else {
            out[o++] = (char)c;
        }
    }
    return (apr_ssize_t)o;
}

static ag_form_result_e malformed(ag_form_t *form, const char *why)
{
    form->user = form->password = form->csrf = form->ret = NULL;
    form->why = why;
    return AG_FORM_MALFORMED;
}

ag_form_result_e ag_form_parse(ag_form_t *form, const char *body,
                               apr_size_t len, apr_pool_t *pool)
{
    const char *val[F_COUNT] = { NULL, NULL, NULL, NULL };
    apr_size_t vlen[F_COUNT] = { 0, 0, 0, 0 };
    const char *bad = NULL;
    int ours = 0;
    char *buf = apr_palloc(pool, len + 1);
    apr_size_t pos = 0;

    memset(form, 0, sizeof(*form));
    while (pos < len) {
        const char *pair = body + pos;
        const char *amp = memchr(pair, '&', len - pos);
        apr_size_t plen = amp ? (apr_size_t)(amp - pair) : len - pos;
        const char *eq = memchr(pair, '=', plen);
        apr_size_t nlen = eq ? (apr_size_t)(eq - pair) : plen;
        apr_ssize_t dn;

        pos += plen + 1;
        if (plen == 0) {
            continue;
        }
        /* a name longer than ours cannot be ours: not decoded */
        if (nlen > 3 * 16) {
            continue;
        }
        dn = decode(buf, pair, nlen);
        if (dn < 0) {
            bad = bad ? bad : "a field name has a broken %-escape";
            continue;
        }
        for (int f = 0; f < F_COUNT; f++) {
            apr_ssize_t dv;
            char *v;

            if ((apr_size_t)dn != strlen(names[f])
                || memcmp(buf, names[f], (apr_size_t)dn) != 0) {
                continue;
            }
            ours = 1;
            if (val[f]) {
                bad = bad ? bad : "a field of the sign-in form comes twice";
                break;
            }
            v = apr_palloc(pool, plen - nlen + 1);
            dv = eq ? decode(v, eq + 1, plen - nlen - 1) : 0;
            if (dv < 0) {
                bad = bad ? bad : "a field value has a broken %-escape";
                val[f] = "";
                break;
            }
            v[dv] = '\0';
            val[f] = v;
            vlen[f] = (apr_size_t)dv;
            break;
        }
    }
    if (!ours) {
        return AG_FORM_NOT_OURS;
    }
    if (len > AG_FORM_BODY_MAX) {
        return malformed(form, "the sign-in form is over 8192 bytes");
    }
    if (bad) {
        return malformed(form, bad);
    }
    if (!val[F_USER] || !val[F_PASSWORD] || !val[F_CSRF]) {
        return malformed(form, "the sign-in form lacks a user name, a "
                               "password or its anti-forgery value");
    }
    if (vlen[F_USER] == 0) {
        return malformed(form, "the user name is empty");
    }
    if (vlen[F_USER] > AG_MAX_USER_BYTES) {
        return malformed(form, "the user name exceeds 256 bytes");
    }
    if (vlen[F_PASSWORD] > AG_MAX_CRED_BYTES) {
        return malformed(form, "the password exceeds 4096 bytes");
    }
    if (ag_text_has_ctl(val[F_USER], vlen[F_USER])
        || ag_text_has_ctl(val[F_PASSWORD], vlen[F_PASSWORD])) {
        return malformed(form, "the user name or password holds control "
                               "bytes");
    }
    if (vlen[F_CSRF] > AG_FORM_CSRF_MAX
        || ag_text_has_ctl(val[F_CSRF], vlen[F_CSRF])) {
        return malformed(form, "the anti-forgery value is too long or "
                               "holds control bytes");
    }
    if (val[F_RETURN] && (vlen[F_RETURN] > AG_FORM_RETURN_MAX
                          || ag_text_has_ctl(val[F_RETURN],
                                             vlen[F_RETURN]))) {
        return malformed(form, "the return target is too long or holds "
                               "control bytes");
    }
    if (ag_text_is_utf8(val[F_USER], vlen[F_USER])
        && ag_text_is_utf8(val[F_PASSWORD], vlen[F_PASSWORD])) {
        form->user = val[F_USER];
        form->password = val[F_PASSWORD];
    }
    else {
        /* as for Basic: an older client's ISO-8859-1 */
        form->latin1 = 1;
        form->user = ag_text_latin1_to_utf8(val[F_USER], vlen[F_USER],
                                            pool);
        form->password = ag_text_latin1_to_utf8(val[F_PASSWORD],
                                                vlen[F_PASSWORD], pool);
    }
    form->csrf = val[F_CSRF];
    form->ret = val[F_RETURN];
    return AG_FORM_OK;
}

int ag_form_same_origin(const char *origin, const char *fetch_site,
                        const char *own, int allow_none, const char **why)
{
    const char *dummy;

    why = why ? why : &dummy;
    *why = NULL;
    if (origin == NULL && fetch_site == NULL) {
        *why = "neither Origin nor Sec-Fetch-Site was sent";
        return 0;
    }
    if (origin && (own == NULL || strcasecmp(origin, own) != 0)) {
        *why = "the Origin is another site's";
        return 0;
    }
    if (fetch_site && strcasecmp(fetch_site, "same-origin") != 0
        && !(allow_none && strcasecmp(fetch_site, "none") == 0)) {
        *why = "Sec-Fetch-Site does not say same-origin";
        return 0;
    }
    return 1;
}

int ag_form_safe_target(const char *t)
{
    apr_size_t len;

    if (t == NULL || t[0] != '/' || t[1] == '/' || t[1] == '\\') {
        return 0;
    }
    len = strlen(t);
    if (len > AG_FORM_RETURN_MAX) {
        return 0;
    }
    for (apr_size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];

        if (c <= 0x20 || c >= 0x7F || c == '\\') {
            return 0;
        }
    }
    return 1;
}
