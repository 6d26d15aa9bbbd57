/*
 * fuzz_cred.c - the Authorization request header (Basic and Bearer,
 * ag_cred_parse).  Outside input: any client sends any bytes it likes
 * there, before it is authenticated, and the decoded user name goes on
 * into look-ups, pages and log lines.
 *
 * The input is the header value as httpd hands it over (a C string).
 * Covers: ag_cred.c ag_text.c
 */
#include <string.h>

#include <apr_base64.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_cred.h"
#include "ag_text.h"
#include "harness.h"

static const unsigned sets[] = {
    AG_SCHEME_BASIC | AG_SCHEME_BEARER, AG_SCHEME_BASIC, AG_SCHEME_BEARER,
    AG_SCHEME_NONE
};

static int is_b64token_char(char c)
{
    return apr_isalnum((unsigned char)c) || strchr("-._~+/", c) != NULL;
}

/* What every result must look like, whatever the input. */
static void check_shape(const ag_cred_t *c, ag_reason_e r, unsigned enabled,
                        const char *header)
{
    FZ_CHECK(r == AG_REASON_NONE || r == AG_REASON_UNSUPPORTED_SCHEME
             || r == AG_REASON_MALFORMED_CREDENTIALS,
             "a header gave a reason other than unsupported or malformed");
    FZ_CHECK((r == AG_REASON_NONE) == (c->why == NULL),
             "why is set exactly when the header is refused");
    if (r == AG_REASON_UNSUPPORTED_SCHEME) {
        FZ_CHECK(c->scheme_name != NULL && strlen(c->scheme_name) <= 32,
                 "the logged scheme name is missing or longer than 32");
        for (const char *s = c->scheme_name; *s; s++) {
            FZ_CHECK(apr_isgraph((unsigned char)*s),
                     "the logged scheme name holds a blank or control");
        }
    }
    if (r != AG_REASON_NONE) {
        return;
    }
    FZ_CHECK((c->scheme & enabled) != 0
             && (c->scheme == AG_SCHEME_BASIC
                 || c->scheme == AG_SCHEME_BEARER),
             "accepted a scheme that is not enabled");
    if (c->scheme == AG_SCHEME_BASIC) {
        size_t ulen, plen;

        FZ_CHECK(c->user && c->password && c->token == NULL,
                 "Basic without user and password");
        ulen = strlen(c->user);
        plen = strlen(c->password);
        FZ_CHECK(strchr(c->user, ':') == NULL, "a ':' in the user name");
        FZ_CHECK(ulen <= (c->latin1 ? 2 : 1) * AG_MAX_USER_BYTES,
                 "the user name is over the limit");
        FZ_CHECK(ulen + plen <= (c->latin1 ? 2 : 1) * AG_MAX_CRED_BYTES,
                 "the credentials are over the limit");
        FZ_CHECK(ag_text_is_utf8(c->user, ulen)
                 && ag_text_is_utf8(c->password, plen),
                 "the user name or password is not UTF-8");
        FZ_CHECK(!ag_text_has_ctl(c->user, ulen)
                 && !ag_text_has_ctl(c->password, plen),
                 "a control byte in the user name or password");
    }
    else {
        size_t n, i = 0;

        FZ_CHECK(c->token && c->user == NULL && c->password == NULL,
                 "Bearer without a token");
        n = strlen(c->token);
        FZ_CHECK(n >= 1 && n <= AG_MAX_CRED_BYTES,
                 "the token is empty or over the limit");
        while (i < n && is_b64token_char(c->token[i])) {
            i++;
        }
        FZ_CHECK(i > 0, "the token does not start with a b64token char");
        while (i < n && c->token[i] == '=') {
            i++;
        }
        FZ_CHECK(i == n, "the token is not a b64token");
        FZ_CHECK(strstr(header, c->token) != NULL,
                 "the token is not a part of the header");
    }
}

static int same_cred(const ag_cred_t *a, const ag_cred_t *b)
{
    if (a->scheme != b->scheme || a->latin1 != b->latin1) {
        return 0;
    }
    if (a->scheme == AG_SCHEME_BASIC) {
        return strcmp(a->user, b->user) == 0
               && strcmp(a->password, b->password) == 0;
    }
    return strcmp(a->token, b->token) == 0;
}

static ag_reason_e parse_basic_pair(ag_cred_t *c, const char *pair,
                                    apr_pool_t *p)
{
    int n = (int)strlen(pair);
    char *b64 = apr_palloc(p, (apr_size_t)apr_base64_encode_len(n));

    apr_base64_encode(b64, pair, n);
    return ag_cred_parse(c, apr_pstrcat(p, "Basic ", b64, NULL),
                         AG_SCHEME_BASIC, p);
}

static void check_limits(const ag_cred_t *c, apr_pool_t *p)
{
    ag_cred_t again;

    if (c->scheme == AG_SCHEME_BEARER) {
        size_t n = strlen(c->token), pad = strcspn(c->token, "=");
        char *t = apr_palloc(p, AG_MAX_CRED_BYTES + 2);

        /* more of its characters before any '=' padding */
        memcpy(t, c->token, pad);
        memset(t + pad, c->token[0], AG_MAX_CRED_BYTES + 1 - n);
        memcpy(t + pad + AG_MAX_CRED_BYTES + 1 - n, c->token + pad,
               n - pad);
        t[AG_MAX_CRED_BYTES + 1] = '\0';
        FZ_CHECK(ag_cred_parse(&again, apr_pstrcat(p, "Bearer ", t, NULL),
                               AG_SCHEME_BEARER, p)
                 == AG_REASON_MALFORMED_CREDENTIALS,
                 "a token over 4096 bytes was accepted");
        memmove(t + pad, t + pad + 1, AG_MAX_CRED_BYTES + 1 - pad);
        FZ_CHECK(ag_cred_parse(&again, apr_pstrcat(p, "Bearer ", t, NULL),
                               AG_SCHEME_BEARER, p) == AG_REASON_NONE
                 && strlen(again.token) == AG_MAX_CRED_BYTES,
                 "a token of 4096 bytes was refused");
    }
    else if (!c->latin1) {
        size_t n = strlen(c->user) + 1 + strlen(c->password);
        char *pair = apr_palloc(p, AG_MAX_CRED_BYTES + 5);

        if (n > AG_MAX_CRED_BYTES) {
            return;
        }
        /* 4100 bytes: longer than 4096 already in base64 */
        memset(pair, 'x', AG_MAX_CRED_BYTES + 4);
        pair[AG_MAX_CRED_BYTES + 4] = '\0';
        memcpy(pair, c->user, strlen(c->user));
        pair[strlen(c->user)] = ':';
        memcpy(pair + strlen(c->user) + 1, c->password,
               strlen(c->password));
        FZ_CHECK(parse_basic_pair(&again, pair, p)
                 == AG_REASON_MALFORMED_CREDENTIALS,
                 "Basic credentials over 4096 bytes were accepted");
        pair[AG_MAX_CRED_BYTES + 1] = '\0';
        FZ_CHECK(parse_basic_pair(&again, pair, p)
                 == AG_REASON_MALFORMED_CREDENTIALS,
                 "Basic credentials of 4097 bytes were accepted");
        pair[AG_MAX_CRED_BYTES] = '\0';
        FZ_CHECK(parse_basic_pair(&again, pair, p) == AG_REASON_NONE
                 && strcmp(again.user, c->user) == 0,
                 "Basic credentials of 4096 bytes were refused");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *header = fz_str(p, data, size);
    ag_cred_t both, one, again;
    ag_reason_e r;

    r = ag_cred_parse(&both, header, sets[0], p);
    check_shape(&both, r, sets[0], header);
    for (size_t i = 1; i < sizeof(sets) / sizeof(sets[0]); i++) {
        ag_reason_e r1 = ag_cred_parse(&one, header, sets[i], p);

        check_shape(&one, r1, sets[i], header);
        /* a scheme outside the set is unsupported; inside it, the
         * answer does not depend on what else is enabled */
        if (r == AG_REASON_NONE) {
            FZ_CHECK((both.scheme & sets[i])
                     ? r1 == AG_REASON_NONE && same_cred(&both, &one)
                     : r1 == AG_REASON_UNSUPPORTED_SCHEME,
                     "the answer depends on the other enabled scheme");
        }
        else if (r == AG_REASON_UNSUPPORTED_SCHEME) {
            FZ_CHECK(r1 == AG_REASON_UNSUPPORTED_SCHEME,
                     "an unknown scheme is accepted by a smaller set");
        }
    }

    /* the limits, from either side: the accepted credentials padded to
     * exactly 4096 bytes still pass, one byte more does not */
    if (r == AG_REASON_NONE) {
        check_limits(&both, p);
    }
    FZ_CHECK(ag_cred_parse(&one, NULL, sets[0], p) == AG_REASON_NO_CREDENTIALS
             && strcmp(ag_scheme_name(both.scheme),
                       both.scheme == AG_SCHEME_BASIC ? "Basic"
                       : both.scheme == AG_SCHEME_BEARER ? "Bearer"
                       : "none") == 0,
             "no header is not no credentials, or a scheme's name is off");

    /* Basic credentials that were UTF-8 encode back to the same pair */
    if (r == AG_REASON_NONE && both.scheme == AG_SCHEME_BASIC
        && !both.latin1) {
        FZ_CHECK(parse_basic_pair(&again, apr_pstrcat(p, both.user, ":",
                                                      both.password, NULL),
                                  p) == AG_REASON_NONE
                 && same_cred(&both, &again),
                 "Basic credentials do not survive being encoded again");
    }
    fz_done(p);
    return 0;
}
