/*
 * ag_cred.c - parsing of the Authorization header: scheme selection and the
 * strict decoding of Basic credentials (RFC 7617) with the limits and the
 * ISO-8859-1 fallback of the README's "What the client sees".
 */
#include <string.h>

#include <apr_base64.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_cred.h"
#include "ag_text.h"

#define SCHEME_LOG_MAX 32

const char *ag_scheme_name(ag_scheme_e scheme)
{
    switch (scheme) {
    case AG_SCHEME_BASIC:
        return "Basic";
    case AG_SCHEME_BEARER:
        return "Bearer";
    case AG_SCHEME_FORM:
        return "Form";
    default:
        return "none";
    }
}

static ag_reason_e malformed(ag_cred_t *cred, const char *why)
{
    cred->why = why;
    return AG_REASON_MALFORMED_CREDENTIALS;
}

static int is_b64(unsigned char c)
{
    return apr_isalnum(c) || c == '+' || c == '/';
}

/* Check that s[0..len) is base64 (RFC 4648 section 4) with or without its
 * padding; anything else is refused, never skipped. */
static int valid_base64(const char *s, apr_size_t len)
{
    apr_size_t i = 0, pad = 0;

    while (i < len && is_b64((unsigned char)s[i])) {
        i++;
    }
    while (i < len && s[i] == '=') {
        i++;
        pad++;
    }
    if (i != len || len == 0 || pad > 2) {
        return 0;
    }
    if (pad > 0) {
        return len % 4 == 0;
    }
    return len % 4 != 1;
}

/* A loggable copy of the scheme word: printable ASCII only, short. */
static const char *loggable_scheme(const char *s, apr_size_t len,
                                   apr_pool_t *pool)
{
    char *out;
    apr_size_t n = len > SCHEME_LOG_MAX ? SCHEME_LOG_MAX : len;

    out = apr_pstrmemdup(pool, s, n);
    for (apr_size_t i = 0; i < n; i++) {
        if (!apr_isgraph((unsigned char)out[i])) {
            out[i] = '?';
        }
    }
    return out;
}

static ag_reason_e parse_basic(ag_cred_t *cred, const char *b64,
                               apr_size_t len, apr_pool_t *pool)
{
    apr_size_t max_encoded = ((AG_MAX_CRED_BYTES + 2) / 3) * 4;
    char *decoded;
    const char *colon;
    apr_size_t dlen, ulen;
    int n;

    if (len == 0) {
        return malformed(cred, "Basic credentials are empty");
    }
    if (len > max_encoded) {
        return malformed(cred, "Basic credentials exceed 4096 bytes");
    }
    if (!valid_base64(b64, len)) {
        return malformed(cred, "Basic credentials are not valid base64");
    }
    b64 = apr_pstrmemdup(pool, b64, len);
    decoded = apr_palloc(pool, apr_base64_decode_len(b64) + 1);
    n = apr_base64_decode_binary((unsigned char *)decoded, b64);
    if (n < 0) {
        return malformed(cred, "Basic credentials are not valid base64");
    }
    dlen = (apr_size_t)n;
    decoded[dlen] = '\0';
    if (dlen > AG_MAX_CRED_BYTES) {
        return malformed(cred, "Basic credentials exceed 4096 bytes");
    }
    colon = memchr(decoded, ':', dlen);
    if (colon == NULL) {
        return malformed(cred, "Basic credentials have no ':' between user "
                               "name and password");
    }
    ulen = (apr_size_t)(colon - decoded);
    if (ulen > AG_MAX_USER_BYTES) {
        return malformed(cred, "the user name exceeds 256 bytes");
    }
    if (ag_text_has_ctl(decoded, dlen)) {
        return malformed(cred, "Basic credentials hold control bytes");
    }
    if (ag_text_is_utf8(decoded, dlen)) {
        cred->user = apr_pstrmemdup(pool, decoded, ulen);
        cred->password = colon + 1;
    }
    else {
        cred->latin1 = 1;
        cred->user = ag_text_latin1_to_utf8(decoded, ulen, pool);
        cred->password = ag_text_latin1_to_utf8(colon + 1,
                                                dlen - ulen - 1, pool);
    }
    return AG_REASON_NONE;
}

/* RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" /
 * "~" / "+" / "/" ) *"=". */
static ag_reason_e parse_bearer(ag_cred_t *cred, const char *s,
                                apr_size_t len, apr_pool_t *pool)
{
    apr_size_t i = 0;

    if (len == 0) {
        return malformed(cred, "the Bearer token is empty");
    }
    if (len > AG_MAX_CRED_BYTES) {
        return malformed(cred, "the Bearer token exceeds 4096 bytes");
    }
    while (i < len && (apr_isalnum((unsigned char)s[i])
                       || strchr("-._~+/", s[i]) != NULL)) {
        i++;
    }
    if (i == 0) {
        return malformed(cred, "the Bearer token is not a b64token");
    }
    while (i < len && s[i] == '=') {
        i++;
    }
    if (i != len) {
        return malformed(cred, "the Bearer token is not a b64token");
    }
    cred->token = apr_pstrmemdup(pool, s, len);
    return AG_REASON_NONE;
}

ag_reason_e ag_cred_parse(ag_cred_t *cred, const char *header,
                          unsigned enabled, apr_pool_t *pool)
{
    const char *p, *word;
    apr_size_t wlen, len;

    memset(cred, 0, sizeof(*cred));
    if (header == NULL) {
        cred->why = "no Authorization header";
        return AG_REASON_NO_CREDENTIALS;
    }
    p = header;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    word = p;
    while (*p && *p != ' ' && *p != '\t') {
        p++;
    }
    wlen = (apr_size_t)(p - word);
    if (wlen == 0) {
        cred->why = "the Authorization header is empty";
        return AG_REASON_MALFORMED_CREDENTIALS;
    }
    while (*p == ' ' || *p == '\t') {
        p++;
    }

    if (wlen == 5 && strncasecmp(word, "Basic", 5) == 0) {
        cred->scheme = AG_SCHEME_BASIC;
    }
    else if (wlen == 6 && strncasecmp(word, "Bearer", 6) == 0) {
        cred->scheme = AG_SCHEME_BEARER;
    }
    if (cred->scheme == AG_SCHEME_NONE || !(enabled & cred->scheme)) {
        /* copied for the log only when it is needed there */
        cred->scheme_name = loggable_scheme(word, wlen, pool);
        cred->why = "the client used a scheme this area does not accept";
        return AG_REASON_UNSUPPORTED_SCHEME;
    }
    len = strlen(p);
    if (ag_text_has_ctl(p, len)) {
        return malformed(cred, "the Authorization header holds control "
                               "bytes");
    }
    /* blanks after the credentials are not part of them */
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) {
        len--;
    }
    switch (cred->scheme) {
    case AG_SCHEME_BASIC:
        return parse_basic(cred, p, len, pool);
    case AG_SCHEME_BEARER:
        return parse_bearer(cred, p, len, pool);
    default:
        cred->why = "the scheme is not known";
        return AG_REASON_UNSUPPORTED_SCHEME;
    }
}
