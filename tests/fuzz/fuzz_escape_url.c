/*
 * fuzz_escape_url.c - the values a refusal shows, and what shows them:
 * the escapers for HTML, JSON, URL components and log fields
 * (ag_escape_*), the request-target helpers (ag_url_path,
 * ag_url_return_target, ag_url_with_return, ag_url_is_safe_link), the
 * realm and its quoting in challenges (ag_challenge_realm,
 * ag_challenge_quote, ag_challenge_for), and the pages built from them
 * (ag_page_problem_json, the built-in page).  Outside input: the request
 * target and the user name come from any client; the realm, the role
 * names, the login and help links and response headers such as
 * Retry-After may be set in .htaccess by whoever writes the site.
 *
 * The input is one such value as a C string; it is used in each place.
 * Covers: ag_escape.c ag_url.c ag_challenge.c ag_page.c
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_challenge.h"
#include "ag_escape.h"
#include "ag_page.h"
#include "ag_text.h"
#include "ag_url.h"
#include "harness.h"

/* ---- a strict JSON (RFC 8259) reader, enough to check what the module
 * sends: returns the position after one value, or NULL. */
static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        p++;
    }
    return p;
}

static const char *json_string(const char *p)
{
    if (*p++ != '"') {
        return NULL;
    }
    for (;;) {
        unsigned char c = (unsigned char)*p;

        if (c == '"') {
            return p + 1;
        }
        if (c < 0x20) {                 /* NUL included: unterminated */
            return NULL;
        }
        if (c == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++) {
                    if (!apr_isxdigit((unsigned char)p[i])) {
                        return NULL;
                    }
                }
                p += 5;
                continue;
            }
            if (*p == '\0' || strchr("\"\\/bfnrt", *p) == NULL) {
                return NULL;
            }
        }
        p++;
    }
}

static const char *json_number(const char *p)
{
    if (*p == '-') {
        p++;
    }
    if (*p == '0') {
        p++;
    }
    else if (*p >= '1' && *p <= '9') {
        while (apr_isdigit((unsigned char)*p)) {
            p++;
        }
    }
    else {
        return NULL;
    }
    if (*p == '.') {
        if (!apr_isdigit((unsigned char)*++p)) {
            return NULL;
        }
        while (apr_isdigit((unsigned char)*p)) {
            p++;
        }
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') {
            p++;
        }
        if (!apr_isdigit((unsigned char)*p)) {
            return NULL;
        }
        while (apr_isdigit((unsigned char)*p)) {
            p++;
        }
    }
    return p;
}

static const char *json_members(const char *p, char close, int depth)
{
    p = json_ws(p + 1);
    if (*p == close) {
        return p + 1;
    }
    for (;;) {
        if (close == '}') {
            if ((p = json_string(p)) == NULL) {
                return NULL;
            }
            p = json_ws(p);
            if (*p++ != ':') {
                return NULL;
            }
        }
        if ((p = json_value(p, depth + 1)) == NULL) {
            return NULL;
        }
        p = json_ws(p);
        if (*p == close) {
            return p + 1;
        }
        if (*p++ != ',') {
            return NULL;
        }
        p = json_ws(p);
    }
}

static const char *json_value(const char *p, int depth)
{
    p = json_ws(p);
    if (depth > 16) {
        return NULL;
    }
    switch (*p) {
    case '{':
        return json_members(p, '}', depth);
    case '[':
        return json_members(p, ']', depth);
    case '"':
        return json_string(p);
    case 't':
        return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f':
        return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n':
        return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default:
        return json_number(p);
    }
}

static int json_valid(const char *s)
{
    const char *end = json_value(s, 0);

    return end != NULL && *json_ws(end) == '\0';
}

/* ---- decoders of the escapes, to check that nothing is lost */

static int hexv(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* %XX (upper-case hex) decoded, with allowed the only bytes that may
 * stand for themselves; NULL when anything else is found. */
static char *percent_decode(const char *s, const char *allowed,
                            apr_pool_t *p)
{
    char *out = apr_palloc(p, strlen(s) + 1), *o = out;

    for (; *s; s++) {
        if (*s == '%') {
            int hi = hexv(s[1]), lo = hi < 0 ? -1 : hexv(s[2]);

            if (lo < 0) {
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            s += 2;
        }
        else if (apr_isalnum((unsigned char)*s) || strchr(allowed, *s)) {
            *o++ = *s;
        }
        else {
            return NULL;
        }
    }
    *o = '\0';
    return out;
}

static char *html_decode(const char *s, apr_pool_t *p)
{
    static const char *const ent[][2] = {
        { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
        { "&quot;", "\"" }, { "&#39;", "'" }
    };
    char *out = apr_palloc(p, strlen(s) + 1), *o = out;

    while (*s) {
        size_t i;

        if (*s != '&') {
            *o++ = *s++;
            continue;
        }
        for (i = 0; i < 5; i++) {
            if (strncmp(s, ent[i][0], strlen(ent[i][0])) == 0) {
                *o++ = ent[i][1][0];
                s += strlen(ent[i][0]);
                break;
            }
        }
        if (i == 5) {
            return NULL;                /* a bare '&' */
        }
    }
    *o = '\0';
    return out;
}

/* The body of a quoted-string (RFC 9110 5.6.4) between its quotes. */
static int quoted_string(const char *s)
{
    size_t n = strlen(s);

    if (n < 2 || s[0] != '"' || s[n - 1] != '"') {
        return 0;
    }
    for (size_t i = 1; i < n - 1; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\\') {
            if (i + 1 >= n - 1) {
                return 0;
            }
            c = (unsigned char)s[++i];
            if (c < 0x20 && c != '\t') {
                return 0;
            }
        }
        else if (c == '"' || (c < 0x20 && c != '\t') || c == 0x7F) {
            return 0;
        }
    }
    return 1;
}

/* ---- the checks */

static void check_escapers(const char *s, apr_pool_t *p)
{
    const char *repaired = ag_escape_utf8_repair(s, p);
    const char *html = ag_escape_html(s, p);
    const char *json = ag_escape_json(s, p);
    const char *url = ag_escape_url_component(s, p);
    const char *logged = ag_escape_log_value(s, p);
    const char *back;

    FZ_CHECK(ag_text_is_utf8(repaired, strlen(repaired)),
             "repaired text is not UTF-8");
    FZ_CHECK(!ag_text_is_utf8(s, strlen(s)) || strcmp(repaired, s) == 0,
             "UTF-8 text was changed by the repair");

    FZ_CHECK(strpbrk(html, "<>\"'") == NULL,
             "escaping let markup through");
    back = html_decode(html, p);
    FZ_CHECK(back && strcmp(back, repaired) == 0,
             "HTML escaping lost or changed text");

    FZ_CHECK(strchr(json, '<') == NULL
             && ag_text_is_utf8(json, strlen(json)),
             "a '<' or invalid UTF-8 in a JSON string");
    FZ_CHECK(json_valid(apr_pstrcat(p, "\"", json, "\"", NULL)),
             "an escaped JSON string is not a JSON string");

    back = percent_decode(url, "-._~", p);
    FZ_CHECK(back && strcmp(back, repaired) == 0,
             "a URL component decodes to other text");

    if (*s == '\0') {
        FZ_CHECK(strcmp(logged, "-") == 0, "an empty log value is not -");
    }
    else {
        FZ_CHECK(strpbrk(logged, " \"=\t\n\r\\") == NULL,
                 "a log value could end its field");
        back = percent_decode(logged, "-._~@+/:,", p);
        FZ_CHECK(back && strcmp(back, s) == 0,
                 "a log value decodes to other text");
    }
}

/* Non-zero when a query of rt holds a parameter whose name, percent-
 * decoded, is access_token. */
static int has_access_token(const char *rt)
{
    const char *q = strchr(rt, '?');

    while (q) {
        const char *c = q + 1;
        const char *end = c + strcspn(c, "&");
        char name[16];
        size_t n = 0;

        for (; c < end && *c != '=' && n < sizeof(name); c++) {
            if (c[0] == '%' && c + 2 < end && hexv(apr_toupper(c[1])) >= 0
                && hexv(apr_toupper(c[2])) >= 0) {
                name[n++] = (char)(hexv(apr_toupper(c[1])) * 16
                                   + hexv(apr_toupper(c[2])));
                c += 2;
            }
            else {
                name[n++] = *c;
            }
        }
        if ((c == end || *c == '=') && n == 12
            && memcmp(name, "access_token", 12) == 0) {
            return 1;
        }
        q = *end ? end : NULL;
    }
    return 0;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void check_urls(const char *s, apr_pool_t *p)
{
    const char *path = ag_url_path(s, p);
    const char *rt = ag_url_return_target(s, p);
    const char *with = ag_url_with_return("/login", rt, p);

    FZ_CHECK(strpbrk(path, "?#") == NULL && starts_with(s, path),
             "a page shows a query, or not the path");
    FZ_CHECK(strchr(rt, '#') == NULL && strlen(rt) <= strlen(s)
             && starts_with(rt, path),
             "a return target gained bytes, a fragment or another path");
    FZ_CHECK(!has_access_token(rt),
             "an access_token survived in a return target");
    FZ_CHECK(strcmp(ag_url_return_target(rt, p), rt) == 0,
             "a return target changes when taken again");
    FZ_CHECK(strcmp(with, apr_pstrcat(p, "/login?return=",
                                      ag_escape_url_component(rt, p),
                                      NULL)) == 0,
             "the sign-in link is not /login?return=TARGET");

    if (ag_url_is_safe_link(s)) {
        const char *w;

        for (const char *c = s; *c; c++) {
            FZ_CHECK((unsigned char)*c > 0x20 && *c != 0x7F
                     && strchr("\"<>\\`", *c) == NULL,
                     "a safe link holds a blank, control or quote");
        }
        FZ_CHECK((strncasecmp(s, "https://", 8) == 0 && s[8] != '/')
                 || (strncasecmp(s, "http://", 7) == 0 && s[7] != '/')
                 || (strncasecmp(s, "mailto:", 7) == 0 && s[7])
                 || (s[0] == '/' && s[1] != '/'),
                 "a safe link is not http(s), mailto or a local path");
        /* a safe sign-in link stays safe with its return target */
        w = ag_url_with_return(s, "/a b?access_token=x&c=<d>#e", p);
        FZ_CHECK(ag_url_is_safe_link(w),
                 "a safe link became unsafe with its return target");
        FZ_CHECK(strncmp(w, s, strcspn(s, "#")) == 0,
                 "the link lost its start");
    }
}

static void check_realm(const char *s, apr_pool_t *p)
{
    const char *realm = ag_challenge_realm(s, p);
    static const ag_reason_e reasons[] = {
        AG_REASON_NONE, AG_REASON_TOKEN_INVALID, AG_REASON_TOKEN_EXPIRED,
        AG_REASON_TOKEN_REVOKED, AG_REASON_MALFORMED_CREDENTIALS,
        AG_REASON_INSUFFICIENT_ROLE
    };

    FZ_CHECK(strlen(realm) <= strlen(s), "a realm grew");
    for (const unsigned char *c = (const unsigned char *)realm; *c; c++) {
        FZ_CHECK(*c >= 0x20 && *c != 0x7F, "a control byte in the realm");
        FZ_CHECK(!(c[0] == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F),
                 "a C1 control in the realm");
    }
    FZ_CHECK(quoted_string(ag_challenge_quote(realm, p))
             && quoted_string(ag_challenge_quote(s, p)),
             "a quoted realm is not a quoted-string");
    for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
        const char *q = ag_challenge_quote(realm, p);

        FZ_CHECK(strcmp(ag_challenge_for(AG_SCHEME_BASIC, realm, reasons[i],
                                         p),
                        apr_pstrcat(p, "Basic realm=", q,
                                    ", charset=\"UTF-8\"", NULL)) == 0
                 && starts_with(ag_challenge_for(AG_SCHEME_BEARER, realm,
                                                 reasons[i], p),
                                apr_pstrcat(p, "Bearer realm=", q, NULL)),
                 "a challenge does not carry the quoted realm");
    }
}

static void check_pages(const char *s, apr_pool_t *p)
{
    /* one page per input, in turn by the value's length: the lockout
     * page reads Retry-After for its hint */
    static const ag_reason_e reasons[] = {
        AG_REASON_LOCKED_OUT, AG_REASON_NO_CREDENTIALS, AG_REASON_BUSY,
        AG_REASON_INSUFFICIENT_ROLE, AG_REASON_NOT_ALLOWED, (ag_reason_e)99
    };
    size_t n = strlen(s);
    ag_reason_e reason = reasons[n % (sizeof(reasons) / sizeof(reasons[0]))];
    const char *v[AG_TV_COUNT] = { 0 };
    static const char *const langs[] = { NULL, "de", "fr-CA", "es", "xx" };
    ag_page_case_t c;
    apr_size_t len;
    char *json, *html;

    if (ag_page_builtin(NULL) == NULL) {
        ag_page_init(fz_lasting_pool());    /* as the module, at startup */
    }
    v[AG_TV_STATUS] = apr_itoa(p, ag_reason_status(reason));
    v[AG_TV_REASON] = ag_reason_name(reason);
    v[AG_TV_URI] = ag_url_path(s, p);
    v[AG_TV_USER] = s;
    v[AG_TV_REALM] = ag_challenge_realm(s, p);
    v[AG_TV_REQUIRED_ROLES] = s;
    v[AG_TV_LOGIN_URL] = ag_url_with_return("/login",
                                            ag_url_return_target(s, p), p);
    v[AG_TV_SUPPORT_URL] = s;
    v[AG_TV_RETRY_AFTER] = s;
    v[AG_TV_REQUEST_ID] = s;
    v[AG_TV_SERVER_NAME] = s;
    v[AG_TV_METHOD] = "GET";
    c.app = (int)(n / 5 % 2);
    c.schemes = (unsigned)(n / 10 % 4);
    c.used = (ag_scheme_e)(n / 40 % 3);
    c.lang = langs[n / 120 % (sizeof(langs) / sizeof(langs[0]))];
    ag_page_words(v, reason, &c, p);
    json = ag_page_problem_json(v, &len, p);
    FZ_CHECK(len == strlen(json) && json_valid(json),
             "problem details are not JSON");
    html = ag_template_render(ag_page_builtin(c.lang), v, &len, p);
    FZ_CHECK(len == strlen(html) && ag_text_is_utf8(html, len),
             "the built-in page is not UTF-8 text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *s = fz_str(p, data, size);

    check_escapers(s, p);
    check_urls(s, p);
    check_realm(s, p);
    check_pages(s, p);
    fz_done(p);
    return 0;
}
