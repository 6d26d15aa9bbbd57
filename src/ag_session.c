/*
 * ag_session.c - the session cookie, the server's record, the
 * anti-forgery value and the cookie names (see ag_session.h).
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "authgate.h"
#include "ag_crypto.h"
#include "ag_session.h"
#include "ag_text.h"

#define VERSION 1
#define PAYLOAD_FIXED (1 + AG_SESSION_SID_LEN + 8 + AG_SESSION_AREA_LEN)
#define PAYLOAD_MAX (PAYLOAD_FIXED + AG_MAX_USER_BYTES)
#define MAC_B64_LEN 43                  /* 32 bytes, unpadded */
#define NONCE_B64_LEN 22                /* 16 bytes, unpadded */
#define SKEW 60                         /* seconds a clock may be ahead */

static const char label_cookie[] = "authgate-session-v1";
static const char label_record[] = "authgate-session-record-v1";
static const char label_hash[] = "authgate-session-hash-v1";
static const char label_csrf[] = "authgate-csrf-v1";
static const char label_area[] = "authgate-area-v1";

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const char *ag_session_describe(ag_session_result_e result)
{
    switch (result) {
    case AG_SESSION_OK:
        return "the session is valid";
    case AG_SESSION_MALFORMED:
        return "the session cookie is malformed";
    case AG_SESSION_BAD_MAC:
        return "the session cookie's signature does not match";
    case AG_SESSION_WRONG_AREA:
        return "the session cookie belongs to another area";
    case AG_SESSION_EXPIRED:
        return "the session is older than AuthGateSessionMax";
    case AG_SESSION_IDLE:
        return "the session was unused longer than AuthGateSessionIdle";
    case AG_SESSION_ENDED:
        return "the session was signed out or is unknown to the server";
    case AG_SESSION_USER_GONE:
        return "the session's user is no longer in the user file";
    case AG_SESSION_PASSWORD_CHANGED:
        return "the session's user changed password";
    default:
        return "the session is refused";
    }
}

int ag_session_random(unsigned char *buf, apr_size_t len)
{
    return RAND_bytes(buf, (int)len) == 1;
}

/* Unpadded base64url of in[0..len), NUL-terminated, from pool. */
static char *enc64(const unsigned char *in, apr_size_t len, apr_pool_t *p)
{
    char *out = apr_palloc(p, (len * 4 + 2) / 3 + 1), *o = out;
    apr_size_t i = 0;

    for (; i + 3 <= len; i += 3) {
        apr_uint32_t v = (apr_uint32_t)in[i] << 16
                         | (apr_uint32_t)in[i + 1] << 8 | in[i + 2];

        *o++ = b64url[v >> 18];
        *o++ = b64url[(v >> 12) & 63];
        *o++ = b64url[(v >> 6) & 63];
        *o++ = b64url[v & 63];
    }
    if (len - i == 1) {
        *o++ = b64url[in[i] >> 2];
        *o++ = b64url[(in[i] & 3) << 4];
    }
    else if (len - i == 2) {
        apr_uint32_t v = (apr_uint32_t)in[i] << 8 | in[i + 1];

        *o++ = b64url[v >> 10];
        *o++ = b64url[(v >> 4) & 63];
        *o++ = b64url[(v & 15) << 2];
    }
    *o = '\0';
    return out;
}

static int val64(unsigned char c)
{
    const char *p = c ? strchr(b64url, c) : NULL;

    return p ? (int)(p - b64url) : -1;
}

/* Strict unpadded base64url s[0..len) into out (room for len*3/4 bytes);
 * the length, or -1.  Bits left over must be zero, so that one value
 * has one spelling. */
static apr_ssize_t dec64(unsigned char *out, const char *s, apr_size_t len)
{
    apr_size_t o = 0, i = 0;

    if (len % 4 == 1) {
        return -1;
    }
    for (; i < len; i += 4) {
        apr_size_t n = len - i < 4 ? len - i : 4;
        apr_uint32_t v = 0;

        for (apr_size_t k = 0; k < 4; k++) {
            int d = k < n ? val64((unsigned char)s[i + k]) : 0;

            if (d < 0) {
                return -1;
            }
            v = v << 6 | (apr_uint32_t)d;
        }
        out[o++] = (unsigned char)(v >> 16);
        if (n > 2) {
            out[o++] = (unsigned char)(v >> 8);
        }
        else if ((v >> 8) & 0xFF) {
            return -1;
        }
        if (n > 3) {
            out[o++] = (unsigned char)v;
        }
        else if (v & 0xFF) {
            return -1;
        }
    }
    return (apr_ssize_t)o;
}

static void put64(unsigned char *b, apr_int64_t v)
{
    apr_uint64_t u = (apr_uint64_t)v;

    for (int i = 7; i >= 0; i--) {
        b[i] = (unsigned char)(u & 0xFF);
        u >>= 8;
    }
}

static apr_int64_t get64(const unsigned char *b)
{
    apr_uint64_t u = 0;

    for (int i = 0; i < 8; i++) {
        u = u << 8 | b[i];
    }
    return (apr_int64_t)u;
}

int ag_session_area(unsigned char *area, const char *realm,
                    const char *userfile, apr_pool_t *pool)
{
    unsigned char d[AG_SHA256_LEN];
    /* label, then each part marked present or absent and NUL-ended, so
     * that no two (realm, file) pairs give the same bytes */
    const char *buf = apr_pstrcat(pool, label_area, "|",
                                  realm ? "R" : "-", realm ? realm : "",
                                  "|", userfile ? "U" : "-",
                                  userfile ? userfile : "", NULL);
    apr_size_t rl = realm ? strlen(realm) : 0;

    /* the realm's length too: a '|' inside it cannot shift the parts */
    buf = apr_psprintf(pool, "%s|%" APR_SIZE_T_FMT, buf, rl);
    if (!ag_crypto_sha256(d, buf, strlen(buf))) {
        return 0;
    }
    memcpy(area, d, AG_SESSION_AREA_LEN);
    return 1;
}

static int mac(unsigned char *out, const unsigned char *key,
               const char *label, apr_size_t llen, const void *data,
               apr_size_t len)
{
    ag_crypto_part_t parts[2] = { { label, llen }, { data, len } };

    return ag_crypto_hmac_sha256(out, key, parts, 2);
}

char *ag_session_encode(const ag_session_t *s, const unsigned char *key,
                        apr_pool_t *pool)
{
    unsigned char payload[PAYLOAD_MAX], m[AG_SHA256_LEN];
    apr_size_t ulen = s->user ? strlen(s->user) : 0;
    apr_size_t n = PAYLOAD_FIXED + ulen;

    if (ulen == 0 || ulen > AG_MAX_USER_BYTES) {
        return NULL;
    }
    payload[0] = VERSION;
    memcpy(payload + 1, s->sid, AG_SESSION_SID_LEN);
    put64(payload + 1 + AG_SESSION_SID_LEN, s->issued);
    memcpy(payload + 1 + AG_SESSION_SID_LEN + 8, s->area,
           AG_SESSION_AREA_LEN);
    memcpy(payload + PAYLOAD_FIXED, s->user, ulen);
    if (!mac(m, key, label_cookie, sizeof(label_cookie), payload, n)) {
        return NULL;
    }
    return apr_pstrcat(pool, enc64(payload, n, pool), ".",
                       enc64(m, sizeof(m), pool), NULL);
}

ag_session_result_e ag_session_decode(ag_session_t *s, const char *value,
                                      const unsigned char *key,
                                      const unsigned char *area,
                                      apr_int64_t now, apr_int64_t max,
                                      apr_pool_t *pool)
{
    unsigned char payload[PAYLOAD_MAX + 3], got[AG_SHA256_LEN + 3];
    unsigned char want[AG_SHA256_LEN];
    const char *dot;
    apr_size_t vlen, plen;
    apr_ssize_t n, mlen;

    memset(s, 0, sizeof(*s));
    if (value == NULL || (vlen = strlen(value)) > AG_SESSION_COOKIE_MAX
        || (dot = strchr(value, '.')) == NULL) {
        return AG_SESSION_MALFORMED;
    }
    plen = (apr_size_t)(dot - value);
    if (plen > (PAYLOAD_MAX * 4 + 2) / 3
        || vlen - plen - 1 != MAC_B64_LEN) {
        return AG_SESSION_MALFORMED;
    }
    n = dec64(payload, value, plen);
    mlen = dec64(got, dot + 1, MAC_B64_LEN);
    if (n < (apr_ssize_t)PAYLOAD_FIXED + 1 || n > (apr_ssize_t)PAYLOAD_MAX
        || mlen != AG_SHA256_LEN) {
        return AG_SESSION_MALFORMED;
    }
    if (!mac(want, key, label_cookie, sizeof(label_cookie), payload,
             (apr_size_t)n)
        || CRYPTO_memcmp(want, got, AG_SHA256_LEN) != 0) {
        return AG_SESSION_BAD_MAC;
    }
    /* signed by us: the fields below were written by ag_session_encode */
    if (payload[0] != VERSION) {
        return AG_SESSION_MALFORMED;
    }
    if (memcmp(payload + 1 + AG_SESSION_SID_LEN + 8, area,
               AG_SESSION_AREA_LEN) != 0) {
        return AG_SESSION_WRONG_AREA;
    }
    s->issued = get64(payload + 1 + AG_SESSION_SID_LEN);
    if (s->issued > now + SKEW || s->issued < 0 || now - s->issued >= max) {
        return AG_SESSION_EXPIRED;
    }
    memcpy(s->sid, payload + 1, AG_SESSION_SID_LEN);
    memcpy(s->area, area, AG_SESSION_AREA_LEN);
    s->user = apr_pstrmemdup(pool, (const char *)payload + PAYLOAD_FIXED,
                             (apr_size_t)n - PAYLOAD_FIXED);
    if (strlen(s->user) != (apr_size_t)n - PAYLOAD_FIXED) {
        return AG_SESSION_MALFORMED;
    }
    return AG_SESSION_OK;
}

int ag_session_record_id(unsigned char *id, const unsigned char *key,
                         const unsigned char *sid)
{
    return mac(id, key, label_record, sizeof(label_record), sid,
               AG_SESSION_SID_LEN);
}

int ag_session_hash_digest(unsigned char *out, const unsigned char *key,
                           const char *user, const char *hash)
{
    unsigned char d[AG_SHA256_LEN];
    ag_crypto_part_t parts[3] = {
        { label_hash, sizeof(label_hash) },
        { user, strlen(user) + 1 },
        { hash, strlen(hash) }
    };

    if (!ag_crypto_hmac_sha256(d, key, parts, 3)) {
        return 0;
    }
    memcpy(out, d, AG_SESSION_DIGEST_LEN);
    return 1;
}

void ag_session_rec_encode(unsigned char *buf, const ag_session_rec_t *rec)
{
    buf[0] = VERSION;
    put64(buf + 1, rec->issued);
    put64(buf + 9, rec->last_used);
    memcpy(buf + 17, rec->digest, AG_SESSION_DIGEST_LEN);
    memcpy(buf + 17 + AG_SESSION_DIGEST_LEN, rec->area,
           AG_SESSION_AREA_LEN);
}

int ag_session_rec_decode(ag_session_rec_t *rec, const unsigned char *buf,
                          apr_size_t len)
{
    if (len != AG_SESSION_REC_LEN || buf[0] != VERSION) {
        return 0;
    }
    rec->issued = get64(buf + 1);
    rec->last_used = get64(buf + 9);
    memcpy(rec->digest, buf + 17, AG_SESSION_DIGEST_LEN);
    memcpy(rec->area, buf + 17 + AG_SESSION_DIGEST_LEN,
           AG_SESSION_AREA_LEN);
    return 1;
}

ag_session_result_e ag_session_judge(const ag_session_t *s,
                                     const ag_session_rec_t *rec,
                                     const unsigned char *digest,
                                     apr_int64_t now, apr_int64_t idle,
                                     apr_int64_t max)
{
    if (rec == NULL || rec->issued != s->issued
        || memcmp(rec->area, s->area, AG_SESSION_AREA_LEN) != 0) {
        return AG_SESSION_ENDED;
    }
    if (now - rec->issued >= max) {
        return AG_SESSION_EXPIRED;
    }
    if (now - rec->last_used >= idle) {
        return AG_SESSION_IDLE;
    }
    if (digest == NULL) {
        return AG_SESSION_USER_GONE;
    }
    if (CRYPTO_memcmp(digest, rec->digest, AG_SESSION_DIGEST_LEN) != 0) {
        return AG_SESSION_PASSWORD_CHANGED;
    }
    return AG_SESSION_OK;
}

char *ag_session_nonce_encode(const unsigned char *nonce, apr_pool_t *pool)
{
    return enc64(nonce, AG_SESSION_NONCE_LEN, pool);
}

int ag_session_nonce_decode(unsigned char *nonce, const char *value)
{
    unsigned char buf[AG_SESSION_NONCE_LEN + 3];

    if (value == NULL || strlen(value) != NONCE_B64_LEN
        || dec64(buf, value, NONCE_B64_LEN) != AG_SESSION_NONCE_LEN) {
        return 0;
    }
    memcpy(nonce, buf, AG_SESSION_NONCE_LEN);
    return 1;
}

static int csrf_mac(unsigned char *out, const unsigned char *key,
                    const unsigned char *nonce, const unsigned char *area,
                    apr_int64_t t)
{
    unsigned char when[8];
    ag_crypto_part_t parts[4] = {
        { label_csrf, sizeof(label_csrf) },
        { nonce, AG_SESSION_NONCE_LEN },
        { area, AG_SESSION_AREA_LEN },
        { when, sizeof(when) }
    };

    put64(when, t);
    return ag_crypto_hmac_sha256(out, key, parts, 4);
}

char *ag_session_csrf_make(const unsigned char *key,
                           const unsigned char *nonce,
                           const unsigned char *area, apr_int64_t now,
                           apr_pool_t *pool)
{
    unsigned char m[AG_SHA256_LEN];

    if (!csrf_mac(m, key, nonce, area, now)) {
        return NULL;
    }
    return apr_psprintf(pool, "%" APR_INT64_T_FMT ".%s", now,
                        enc64(m, sizeof(m), pool));
}

int ag_session_csrf_check(const char *value, const unsigned char *key,
                          const unsigned char *nonce,
                          const unsigned char *area, apr_int64_t now)
{
    unsigned char got[AG_SHA256_LEN + 3], want[AG_SHA256_LEN];
    apr_int64_t t = 0;
    const char *p = value;
    int digits = 0;

    if (value == NULL) {
        return 0;
    }
    for (; apr_isdigit((unsigned char)*p) && digits < 12; p++, digits++) {
        t = t * 10 + (*p - '0');
    }
    /* one spelling of each time: no leading zero */
    if (digits == 0 || (digits > 1 && value[0] == '0') || *p != '.'
        || strlen(p + 1) != MAC_B64_LEN
        || dec64(got, p + 1, MAC_B64_LEN) != AG_SHA256_LEN) {
        return 0;
    }
    if (t > now + SKEW || now - t > AG_SESSION_CSRF_TTL) {
        return 0;
    }
    return csrf_mac(want, key, nonce, area, t)
           && CRYPTO_memcmp(want, got, AG_SHA256_LEN) == 0;
}

const char *ag_session_cookie_name(const unsigned char *area, int secure,
                                   int pre, apr_pool_t *pool)
{
    return apr_psprintf(pool, "%sauthgate-%02x%02x%02x%02x%s",
                        secure ? "__Host-" : "", area[0], area[1], area[2],
                        area[3], pre ? "-pre" : "");
}

const char *ag_session_cookie_get(const char *header, const char *name,
                                  int index, apr_pool_t *pool)
{
    apr_size_t nlen = strlen(name);
    const char *p = header;

    while (p && *p) {
        const char *end = strchr(p, ';');
        apr_size_t len = end ? (apr_size_t)(end - p) : strlen(p);

        while (len && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        if (len > nlen && memcmp(p, name, nlen) == 0 && p[nlen] == '=') {
            if (index-- == 0) {
                apr_size_t vlen = len - nlen - 1;

                while (vlen && (p[nlen + 1 + vlen - 1] == ' '
                                || p[nlen + 1 + vlen - 1] == '\t')) {
                    vlen--;
                }
                return apr_pstrmemdup(pool, p + nlen + 1, vlen);
            }
        }
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

/* Whether the pair at p (len bytes, leading blanks gone) is one of ours. */
static int ours(const char *p, apr_size_t len)
{
    static const char *const prefixes[] = { "authgate-", "__Host-authgate-" };

    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        apr_size_t n = strlen(prefixes[i]);

        if (len >= n && memcmp(p, prefixes[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The length of p (len bytes) up to its first comma. */
static apr_size_t to_comma(const char *p, apr_size_t len)
{
    const char *c = memchr(p, ',', len);

    return c ? (apr_size_t)(c - p) : len;
}

/* Skips the blanks at the start of [*p, *p + *len). */
static void skip_blanks(const char **p, apr_size_t *len)
{
    while (*len && (**p == ' ' || **p == '\t')) {
        (*p)++;
        (*len)--;
    }
}

/* Writes at o the comma-separated pieces of the pair at p (len bytes)
 * that are not ours, joined by the commas they had, and counts ours in
 * *gone (httpd joins a Cookie header sent more than once with ", ", so a
 * pair may hold the cookies of several fields).  The first piece written
 * loses its leading blanks; an empty one is not written.  With o NULL,
 * only counts.  Returns the end of what was written. */
static char *keep_pieces(char *o, const char *p, apr_size_t len, int *gone)
{
    char *start = o;

    for (;;) {
        apr_size_t n = to_comma(p, len);
        const char *q = p;
        apr_size_t qn = n;

        skip_blanks(&q, &qn);
        if (ours(q, qn)) {
            (*gone)++;
        }
        else if (o == NULL) {
            /* counting only */
        }
        else if (o > start) {
            *o++ = ',';
            memcpy(o, p, n);
            o += n;
        }
        else if (qn > 0) {
            memcpy(o, q, qn);
            o += qn;
        }
        if (n == len) {
            return o;
        }
        p += n + 1;
        len -= n + 1;
    }
}

/* Whether one of the comma-separated pieces of the pair at p (len bytes)
 * is one of ours. */
static int holds_ours(const char *p, apr_size_t len)
{
    int n = 0;

    (void)keep_pieces(NULL, p, len, &n);
    return n > 0;
}

const char *ag_session_cookie_strip(const char *header, int *removed,
                                    apr_pool_t *pool)
{
    const char *p = header;
    char *out, *o;
    int gone = 0;

    if (removed) {
        *removed = 0;
    }
    if (header == NULL) {
        return NULL;
    }
    /* the common case: no cookie of ours, nothing copied */
    if (strstr(header, "authgate-") == NULL) {
        return header;
    }
    /* each pair kept costs its bytes and "; ", each one in the header at
     * least its bytes and ";": never more than twice the header (a pair
     * rebuilt without pieces of ours is never longer than it was) */
    o = out = apr_palloc(pool, 2 * strlen(header) + 1);
    while (*p) {
        const char *end = strchr(p, ';');
        apr_size_t len = end ? (apr_size_t)(end - p) : strlen(p);

        skip_blanks(&p, &len);
        if (len > 0) {
            /* the separator goes in first, and out again when nothing
             * of the pair is left */
            char *sep = o, *pair;

            if (o > out) {
                *o++ = ';';
                *o++ = ' ';
            }
            pair = o;
            if (holds_ours(p, len)) {
                o = keep_pieces(o, p, len, &gone);
            }
            else {
                memcpy(o, p, len);      /* as it was, to the byte */
                o += len;
            }
            if (o == pair) {
                o = sep;
            }
        }
        if (end == NULL) {
            break;
        }
        p = end + 1;
    }
    *o = '\0';
    if (removed) {
        *removed = gone;
    }
    if (gone == 0) {
        return header;
    }
    return o > out ? out : NULL;
}
