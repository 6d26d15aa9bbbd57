/*
 * ag_session.h - form sessions (README, "Signing in with a form"): the
 * session cookie, the record the server keeps of each session, the
 * anti-forgery value of the sign-in form and the pre-session cookie it
 * is bound to.  Pure C (APR and libcrypto): the glue moves the bytes
 * between httpd, its socache and these functions.
 *
 * The cookie value is  B64URL(payload) "." B64URL(mac)  where payload is
 *   version (1 byte, 1) | session id (16 random bytes) |
 *   sign-in time (8 bytes, big-endian seconds) | area (16 bytes) |
 *   user name (1 to 256 bytes, UTF-8)
 * and mac is HMAC-SHA-256 of a fixed label and the payload under the
 * session key.  It holds no password and no hash.  The area is a digest
 * of the realm and the user file's path: a cookie made for one area is
 * refused by another.  The server's record, named by an HMAC of the
 * session id, holds the sign-in time, the time of last use and a keyed
 * digest of the user's hash at sign-in; without it (signed out, idle, or
 * never made) the cookie counts for nothing.
 */
#ifndef AUTHGATE_AG_SESSION_H
#define AUTHGATE_AG_SESSION_H

#include <apr_pools.h>

#define AG_SESSION_KEY_LEN 32
#define AG_SESSION_SID_LEN 16
#define AG_SESSION_AREA_LEN 16
#define AG_SESSION_DIGEST_LEN 16
#define AG_SESSION_ID_LEN 32          /* the name of a server record */
#define AG_SESSION_NONCE_LEN 16
/* The longest cookie value looked at; a longer one is refused unread. */
#define AG_SESSION_COOKIE_MAX 512
/* How long a sign-in form's anti-forgery value stays good, in seconds. */
#define AG_SESSION_CSRF_TTL 3600
/* The bytes of an encoded server record. */
#define AG_SESSION_REC_LEN (1 + 8 + 8 + AG_SESSION_DIGEST_LEN \
                            + AG_SESSION_AREA_LEN)

typedef struct {
    unsigned char sid[AG_SESSION_SID_LEN];
    apr_int64_t issued;               /* sign-in, seconds since the epoch */
    unsigned char area[AG_SESSION_AREA_LEN];
    const char *user;
} ag_session_t;

typedef enum {
    AG_SESSION_OK = 0,
    AG_SESSION_MALFORMED,             /* not a cookie of this form */
    AG_SESSION_BAD_MAC,               /* tampered, or another key's */
    AG_SESSION_WRONG_AREA,            /* made for another area */
    AG_SESSION_EXPIRED,               /* past AuthGateSessionMax */
    AG_SESSION_IDLE,                  /* unused longer than
                                         AuthGateSessionIdle */
    AG_SESSION_ENDED,                 /* no record: signed out */
    AG_SESSION_USER_GONE,             /* the user is no longer in the file */
    AG_SESSION_PASSWORD_CHANGED       /* the user's hash changed */
} ag_session_result_e;

/* A sentence fragment for the error log, e.g. "the session is idle". */
const char *ag_session_describe(ag_session_result_e result);

/* len random bytes from OpenSSL into buf; 0 when none are available. */
int ag_session_random(unsigned char *buf, apr_size_t len);

/* The area of a realm and a user file path (either may be NULL), in
 * area[AG_SESSION_AREA_LEN]; scratch from pool.  0 when libcrypto
 * fails. */
int ag_session_area(unsigned char *area, const char *realm,
                    const char *userfile, apr_pool_t *pool);

/* The cookie value of s under key[AG_SESSION_KEY_LEN], from pool; NULL
 * when the user name is empty or over 256 bytes, or libcrypto fails. */
char *ag_session_encode(const ag_session_t *s, const unsigned char *key,
                        apr_pool_t *pool);

/* Read and check a cookie value (value may be NULL): its form, its MAC
 * (compared in constant time), its area against area, and its age at
 * now against max seconds (a sign-in time more than a minute ahead of
 * now is refused too).  On OK fills s (user from pool). */
ag_session_result_e ag_session_decode(ag_session_t *s, const char *value,
                                      const unsigned char *key,
                                      const unsigned char *area,
                                      apr_int64_t now, apr_int64_t max,
                                      apr_pool_t *pool);

/* The name of the server record of session id sid, in
 * id[AG_SESSION_ID_LEN]; 0 when libcrypto fails. */
int ag_session_record_id(unsigned char *id, const unsigned char *key,
                         const unsigned char *sid);

/* A keyed digest of a user's hash, in out[AG_SESSION_DIGEST_LEN]: the
 * record keeps it so that a changed password ends the session; it tells
 * nothing of the hash without the key.  0 when libcrypto fails. */
int ag_session_hash_digest(unsigned char *out, const unsigned char *key,
                           const char *user, const char *hash);

typedef struct {
    apr_int64_t issued;               /* sign-in, seconds */
    apr_int64_t last_used;            /* seconds */
    unsigned char digest[AG_SESSION_DIGEST_LEN];
    unsigned char area[AG_SESSION_AREA_LEN];
} ag_session_rec_t;

/* rec into buf[AG_SESSION_REC_LEN]. */
void ag_session_rec_encode(unsigned char *buf, const ag_session_rec_t *rec);
/* buf[0..len) into rec; 0 when it is not a record of this form. */
int ag_session_rec_decode(ag_session_rec_t *rec, const unsigned char *buf,
                          apr_size_t len);

/* Judge a decoded cookie s with its record rec (NULL: none found) at
 * now: ENDED without a record or when the record is not the cookie's;
 * EXPIRED past max seconds after sign-in; IDLE when unused for more than
 * idle seconds; USER_GONE when digest (the user's current hash digest)
 * is NULL; PASSWORD_CHANGED when it differs from the record's (constant
 * time); otherwise OK. */
ag_session_result_e ag_session_judge(const ag_session_t *s,
                                     const ag_session_rec_t *rec,
                                     const unsigned char *digest,
                                     apr_int64_t now, apr_int64_t idle,
                                     apr_int64_t max);

/* The pre-session nonce as a cookie value (base64url), from pool, and
 * back: ag_session_nonce_decode returns 0 for anything but 22 base64url
 * characters. */
char *ag_session_nonce_encode(const unsigned char *nonce, apr_pool_t *pool);
int ag_session_nonce_decode(unsigned char *nonce, const char *value);

/* The form's anti-forgery value for the browser holding nonce, in area,
 * made at now: "SECONDS.MAC", from pool (NULL when libcrypto fails). */
char *ag_session_csrf_make(const unsigned char *key,
                           const unsigned char *nonce,
                           const unsigned char *area, apr_int64_t now,
                           apr_pool_t *pool);
/* Whether value is such a value for nonce and area, made at most
 * AG_SESSION_CSRF_TTL seconds before now (and not after now plus a
 * minute); the MAC is compared in constant time. */
int ag_session_csrf_check(const char *value, const unsigned char *key,
                          const unsigned char *nonce,
                          const unsigned char *area, apr_int64_t now);

/* The names of an area's cookies: "authgate-XXXXXXXX" (8 hex digits of
 * the area) for the session and the same with "-pre" for the pre-session
 * nonce; with the "__Host-" prefix when secure.  From pool. */
const char *ag_session_cookie_name(const unsigned char *area, int secure,
                                   int pre, apr_pool_t *pool);

/* The index-th (from 0) value of the cookie called name in a Cookie
 * header (NULL allowed), or NULL when there are no more.  Browsers may
 * send one name more than once (set for different paths or domains):
 * callers try each. */
const char *ag_session_cookie_get(const char *header, const char *name,
                                  int index, apr_pool_t *pool);

/* The Cookie header without any of the module's cookies: every pair
 * whose name starts with "authgate-" or "__Host-authgate-" (of any area,
 * session or pre-session) goes, the others stay as they were, in order,
 * joined by "; ".  httpd joins a header sent more than once with ", ",
 * so a pair is read as pieces between commas: a piece of ours goes, the
 * others of its pair stay, joined by the commas they had.  NULL when
 * none is left (header NULL allowed).
 * *removed (when not NULL) says how many went; when none did, header
 * itself is returned.  From pool. */
const char *ag_session_cookie_strip(const char *header, int *removed,
                                    apr_pool_t *pool);

#endif /* AUTHGATE_AG_SESSION_H */
