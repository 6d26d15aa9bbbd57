/*
 * fuzz_cookie.c - the Cookie request header and the session cookie in it
 * (ag_session_cookie_get, ag_session_decode), the pre-session nonce
 * (ag_session_nonce_decode) and the sign-in form's anti-forgery value
 * (ag_session_csrf_check), and the header with the module's cookies
 * taken out before the application sees it (ag_session_cookie_strip).
 * Outside input: any client sends any Cookie header and any form field
 * it likes, before it is authenticated.
 *
 * The input is the Cookie header as httpd hands it over (a C string);
 * its first value of the session cookie's name, and the whole input, are
 * read as a session cookie, a nonce and an anti-forgery value.  A
 * cookie made by ag_session_encode is round-tripped too.
 * Covers: ag_session.c
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_session.h"
#include "authgate.h"
#include "harness.h"

static const unsigned char key[AG_SESSION_KEY_LEN] =
    "fuzz-session-key-0123456789abcd";
#define NOW 1800000000

static void check_decoded(const ag_session_t *s, ag_session_result_e r,
                          const unsigned char *area)
{
    FZ_CHECK(r == AG_SESSION_OK || r == AG_SESSION_MALFORMED
             || r == AG_SESSION_BAD_MAC || r == AG_SESSION_WRONG_AREA
             || r == AG_SESSION_EXPIRED,
             "decode gave a result only the judge gives");
    if (r != AG_SESSION_OK) {
        return;
    }
    /* only a cookie signed under the key can get here */
    FZ_CHECK(s->user && *s->user && strlen(s->user) <= AG_MAX_USER_BYTES,
             "an accepted session without a sane user name");
    FZ_CHECK(memcmp(s->area, area, AG_SESSION_AREA_LEN) == 0,
             "an accepted session of another area");
}

/* Whether the piece at h (len bytes, leading blanks gone) is named
 * with one of the module's prefixes. */
static int is_ours(const char *h, size_t len)
{
    static const char *const prefixes[] = { "authgate-",
                                            "__Host-authgate-" };

    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(prefixes[i]);

        if (len >= n && strncmp(h, prefixes[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The pairs of a Cookie header (between semicolons) that should be left
 * once ours are out, and in *ours the cookies of ours in it.  httpd joins
 * a header sent more than once with ", ", so each pair is read as pieces
 * between commas: a piece is ours when its name has our prefix; a pair
 * with none of ours stays when it is not blank, one with some of ours
 * when another piece of it is not blank. */
static int pairs(const char *h, int *ours)
{
    int n = 0;

    *ours = 0;
    while (h && *h) {
        const char *end = strchr(h, ';');
        size_t len = end ? (size_t)(end - h) : strlen(h);
        const char *q = h;
        int mine = 0, other = 0;

        for (;;) {
            const char *c = memchr(q, ',', len - (size_t)(q - h));
            size_t plen = c ? (size_t)(c - q) : len - (size_t)(q - h);
            const char *t = q;
            size_t tlen = plen;

            while (tlen && (*t == ' ' || *t == '\t')) {
                t++;
                tlen--;
            }
            if (is_ours(t, tlen)) {
                mine++;
            }
            else if (tlen) {
                other++;
            }
            if (c == NULL) {
                break;
            }
            q = c + 1;
        }
        *ours += mine;
        if (mine ? other > 0 : strspn(h, " \t") < len) {
            n++;
        }
        h = end ? end + 1 : NULL;
    }
    return n;
}

/* Taking the module's cookies out: what goes is exactly those, what is
 * left is every other pair, and nothing of ours can be found after. */
static void check_stripped(const char *header, const char *name,
                           apr_pool_t *p)
{
    int gone, again, ours, total, left, none;
    const char *out = ag_session_cookie_strip(header, &gone, p);

    total = pairs(header, &ours);
    FZ_CHECK(gone == ours, "took out what is not ours, or left some of "
                           "ours");
    if (gone == 0) {
        FZ_CHECK(out == header, "a header without our cookies changed");
        return;
    }
    FZ_CHECK(out == NULL || strlen(out) <= 2 * strlen(header),
             "the header grew more than it can");
    left = pairs(out, &none);
    FZ_CHECK(none == 0 && left == total,
             "a pair of the application's went, or one of ours stayed");
    FZ_CHECK(ag_session_cookie_get(out, name, 0, p) == NULL,
             "the session cookie is still there");
    FZ_CHECK(ag_session_cookie_strip(out, &again, p) == out && again == 0,
             "taking ours out twice took more");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *header = fz_str(p, data, size);
    unsigned char area[AG_SESSION_AREA_LEN], nonce[AG_SESSION_NONCE_LEN];
    const char *name, *v;
    ag_session_t s, back;
    ag_session_result_e r;
    char *made;

    FZ_CHECK(ag_session_area(area, "Fuzz", "/fuzz/users", p),
             "no area");
    name = ag_session_cookie_name(area, 0, 0, p);
    for (int i = 0; i < 4; i++) {
        v = ag_session_cookie_get(header, name, i, p);
        if (v == NULL) {
            break;
        }
        FZ_CHECK(strstr(header, v) != NULL,
                 "a cookie value that is not in the header");
        r = ag_session_decode(&s, v, key, area, NOW, 43200, p);
        check_decoded(&s, r, area);
    }
    /* the whole input as a value, and as a name */
    r = ag_session_decode(&s, header, key, area, NOW, 43200, p);
    check_decoded(&s, r, area);
    (void)ag_session_cookie_get("a=1; b=2", header, 0, p);
    check_stripped(header, name, p);
    if (ag_session_nonce_decode(nonce, header)) {
        FZ_CHECK(strcmp(ag_session_nonce_encode(nonce, p), header) == 0,
                 "a nonce with two spellings");
        FZ_CHECK(!ag_session_csrf_check(header, key, nonce, area, NOW),
                 "a nonce accepted as an anti-forgery value");
    }
    memset(nonce, 3, sizeof(nonce));
    FZ_CHECK(!ag_session_csrf_check(header, key, nonce, area, NOW)
             || strcmp(header, ag_session_csrf_make(key, nonce, area,
                                                    apr_atoi64(header), p))
                == 0,
             "an anti-forgery value accepted that was not made");
    /* a session for the input as user name survives the round trip */
    memset(&s, 0, sizeof(s));
    memcpy(s.area, area, sizeof(area));
    s.issued = NOW;
    s.user = header;
    made = ag_session_encode(&s, key, p);
    if (made) {
        FZ_CHECK(strlen(made) <= AG_SESSION_COOKIE_MAX,
                 "a cookie longer than the reader takes");
        r = ag_session_decode(&back, made, key, area, NOW, 43200, p);
        FZ_CHECK(r == AG_SESSION_OK && strcmp(back.user, header) == 0,
                 "a made cookie does not read back");
    }
    fz_done(p);
    return 0;
}
