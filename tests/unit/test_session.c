/*
 * test_session.c - the session cookie (made, read back; tampered with,
 * expired, under another key, truncated, oversized, of another area),
 * the server's record and its judgement, the anti-forgery value and the
 * cookie names and look-up.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_session.h"
#include "unit.h"

static const unsigned char key[AG_SESSION_KEY_LEN] = "0123456789abcdef0123456789abcde";
static const unsigned char key2[AG_SESSION_KEY_LEN] = "fedcba9876543210fedcba987654321";

#define NOW 1800000000
#define MAX 43200

static ag_session_t make(const char *user, unsigned char *area)
{
    ag_session_t s;

    memset(&s, 0, sizeof(s));
    ck_assert(ag_session_area(area, "Members", "/etc/authgate/users",
                              ut_pool));
    memcpy(s.area, area, AG_SESSION_AREA_LEN);
    memset(s.sid, 7, sizeof(s.sid));
    s.issued = NOW;
    s.user = user;
    return s;
}

START_TEST(round_trip)
{
    unsigned char area[AG_SESSION_AREA_LEN];
    ag_session_t s = make("alice", area), back;
    char *v = ag_session_encode(&s, key, ut_pool);

    ck_assert_ptr_nonnull(v);
    ck_assert_ptr_null(strstr(v, "alice"));    /* encoded, not plain */
    ck_assert_int_eq(ag_session_decode(&back, v, key, area, NOW + 10, MAX,
                                       ut_pool), AG_SESSION_OK);
    ck_assert_str_eq(back.user, "alice");
    ck_assert_int_eq(back.issued, NOW);
    ck_assert_mem_eq(back.sid, s.sid, AG_SESSION_SID_LEN);
    /* a UTF-8 name, and the longest one */
    {
        char long_name[AG_MAX_USER_BYTES + 2];

        memset(long_name, 'n', AG_MAX_USER_BYTES);
        long_name[AG_MAX_USER_BYTES] = '\0';
        s.user = long_name;
        v = ag_session_encode(&s, key, ut_pool);
        ck_assert_ptr_nonnull(v);
        ck_assert_int_le(strlen(v), AG_SESSION_COOKIE_MAX);
        ck_assert_int_eq(ag_session_decode(&back, v, key, area, NOW, MAX,
                                           ut_pool), AG_SESSION_OK);
        ck_assert_str_eq(back.user, long_name);
        long_name[AG_MAX_USER_BYTES] = 'n';
        long_name[AG_MAX_USER_BYTES + 1] = '\0';
        ck_assert_ptr_null(ag_session_encode(&s, key, ut_pool));
        s.user = "";
        ck_assert_ptr_null(ag_session_encode(&s, key, ut_pool));
    }
}
END_TEST

START_TEST(refused)
{
    unsigned char area[AG_SESSION_AREA_LEN], other[AG_SESSION_AREA_LEN];
    ag_session_t s = make("alice", area), back;
    char *v = ag_session_encode(&s, key, ut_pool), *t;
    apr_size_t n = strlen(v);
    char big[AG_SESSION_COOKIE_MAX + 10];

    /* tampered: every single byte changed */
    for (apr_size_t i = 0; i < n; i++) {
        t = apr_pstrdup(ut_pool, v);
        t[i] = t[i] == 'A' ? 'B' : 'A';
        ck_assert_int_ne(ag_session_decode(&back, t, key, area, NOW, MAX,
                                           ut_pool), AG_SESSION_OK);
    }
    /* another key */
    ck_assert_int_eq(ag_session_decode(&back, v, key2, area, NOW, MAX,
                                       ut_pool), AG_SESSION_BAD_MAC);
    /* truncated anywhere */
    for (apr_size_t i = 0; i < n; i++) {
        t = apr_pstrmemdup(ut_pool, v, i);
        ck_assert_int_ne(ag_session_decode(&back, t, key, area, NOW, MAX,
                                           ut_pool), AG_SESSION_OK);
    }
    /* expired, and from the future */
    ck_assert_int_eq(ag_session_decode(&back, v, key, area, NOW + MAX, MAX,
                                       ut_pool), AG_SESSION_EXPIRED);
    ck_assert_int_eq(ag_session_decode(&back, v, key, area, NOW - 3600,
                                       MAX, ut_pool), AG_SESSION_EXPIRED);
    /* another area: another user file, or another realm */
    ck_assert(ag_session_area(other, "Members", "/etc/authgate/users2",
                              ut_pool));
    ck_assert_int_eq(ag_session_decode(&back, v, key, other, NOW, MAX,
                                       ut_pool), AG_SESSION_WRONG_AREA);
    ck_assert(ag_session_area(other, "Admins", "/etc/authgate/users",
                              ut_pool));
    ck_assert_int_eq(ag_session_decode(&back, v, key, other, NOW, MAX,
                                       ut_pool), AG_SESSION_WRONG_AREA);
    /* oversized, empty, NULL, junk */
    memset(big, 'A', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    ck_assert_int_eq(ag_session_decode(&back, big, key, area, NOW, MAX,
                                       ut_pool), AG_SESSION_MALFORMED);
    ck_assert_int_eq(ag_session_decode(&back, "", key, area, NOW, MAX,
                                       ut_pool), AG_SESSION_MALFORMED);
    ck_assert_int_eq(ag_session_decode(&back, NULL, key, area, NOW, MAX,
                                       ut_pool), AG_SESSION_MALFORMED);
    ck_assert_int_eq(ag_session_decode(&back, "a.b", key, area, NOW, MAX,
                                       ut_pool), AG_SESSION_MALFORMED);
    /* padding or a second dot are not base64url */
    t = apr_pstrcat(ut_pool, v, "=", NULL);
    ck_assert_int_eq(ag_session_decode(&back, t, key, area, NOW, MAX,
                                       ut_pool), AG_SESSION_MALFORMED);
}
END_TEST

START_TEST(records)
{
    unsigned char area[AG_SESSION_AREA_LEN], buf[AG_SESSION_REC_LEN];
    unsigned char d1[AG_SESSION_DIGEST_LEN], d2[AG_SESSION_DIGEST_LEN];
    unsigned char id1[AG_SESSION_ID_LEN], id2[AG_SESSION_ID_LEN];
    ag_session_t s = make("alice", area);
    ag_session_rec_t rec, back;

    ck_assert(ag_session_hash_digest(d1, key, "alice", "$2y$05$abc"));
    ck_assert(ag_session_hash_digest(d2, key, "alice", "$2y$05$abd"));
    ck_assert_mem_ne(d1, d2, sizeof(d1));
    memset(&rec, 0, sizeof(rec));
    rec.issued = NOW;
    rec.last_used = NOW + 100;
    memcpy(rec.digest, d1, sizeof(d1));
    memcpy(rec.area, area, sizeof(rec.area));
    ag_session_rec_encode(buf, &rec);
    ck_assert(ag_session_rec_decode(&back, buf, sizeof(buf)));
    ck_assert_int_eq(back.issued, NOW);
    ck_assert_int_eq(back.last_used, NOW + 100);
    ck_assert(!ag_session_rec_decode(&back, buf, sizeof(buf) - 1));
    buf[0] = 9;
    ck_assert(!ag_session_rec_decode(&back, buf, sizeof(buf)));

    ck_assert(ag_session_record_id(id1, key, s.sid));
    s.sid[0] ^= 1;
    ck_assert(ag_session_record_id(id2, key, s.sid));
    ck_assert_mem_ne(id1, id2, sizeof(id1));
    s.sid[0] ^= 1;

    ck_assert_int_eq(ag_session_judge(&s, &rec, d1, NOW + 200, 1800, MAX),
                     AG_SESSION_OK);
    ck_assert_int_eq(ag_session_judge(&s, NULL, d1, NOW + 200, 1800, MAX),
                     AG_SESSION_ENDED);
    ck_assert_int_eq(ag_session_judge(&s, &rec, d1, NOW + 100 + 1800,
                                      1800, MAX), AG_SESSION_IDLE);
    ck_assert_int_eq(ag_session_judge(&s, &rec, d1, NOW + MAX, 99999999,
                                      MAX), AG_SESSION_EXPIRED);
    ck_assert_int_eq(ag_session_judge(&s, &rec, NULL, NOW + 200, 1800, MAX),
                     AG_SESSION_USER_GONE);
    ck_assert_int_eq(ag_session_judge(&s, &rec, d2, NOW + 200, 1800, MAX),
                     AG_SESSION_PASSWORD_CHANGED);
    rec.issued = NOW + 1;         /* a record that is not the cookie's */
    ck_assert_int_eq(ag_session_judge(&s, &rec, d1, NOW + 200, 1800, MAX),
                     AG_SESSION_ENDED);
}
END_TEST

START_TEST(csrf)
{
    unsigned char area[AG_SESSION_AREA_LEN], other[AG_SESSION_AREA_LEN];
    unsigned char nonce[AG_SESSION_NONCE_LEN], n2[AG_SESSION_NONCE_LEN];
    char *v, *t, *enc;

    make("alice", area);
    ck_assert(ag_session_area(other, "X", NULL, ut_pool));
    ck_assert(ag_session_random(nonce, sizeof(nonce)));
    memcpy(n2, nonce, sizeof(n2));
    n2[0] ^= 1;
    enc = ag_session_nonce_encode(nonce, ut_pool);
    ck_assert_int_eq(strlen(enc), 22);
    ck_assert(ag_session_nonce_decode(n2, enc));
    ck_assert_mem_eq(n2, nonce, sizeof(n2));
    ck_assert(!ag_session_nonce_decode(n2, "short"));
    ck_assert(!ag_session_nonce_decode(n2, NULL));
    n2[0] ^= 1;

    v = ag_session_csrf_make(key, nonce, area, NOW, ut_pool);
    ck_assert_ptr_nonnull(v);
    ck_assert(ag_session_csrf_check(v, key, nonce, area, NOW));
    ck_assert(ag_session_csrf_check(v, key, nonce, area,
                                    NOW + AG_SESSION_CSRF_TTL));
    ck_assert(!ag_session_csrf_check(v, key, nonce, area,
                                     NOW + AG_SESSION_CSRF_TTL + 1));
    ck_assert(!ag_session_csrf_check(v, key, nonce, area, NOW - 120));
    ck_assert(!ag_session_csrf_check(v, key2, nonce, area, NOW));
    ck_assert(!ag_session_csrf_check(v, key, n2, area, NOW));
    ck_assert(!ag_session_csrf_check(v, key, nonce, other, NOW));
    ck_assert(!ag_session_csrf_check(NULL, key, nonce, area, NOW));
    ck_assert(!ag_session_csrf_check("", key, nonce, area, NOW));
    /* the time changed, the MAC kept */
    t = apr_pstrdup(ut_pool, v);
    t[9] = t[9] == '1' ? '2' : '1';
    ck_assert(!ag_session_csrf_check(t, key, nonce, area, NOW));
    t = apr_pstrcat(ut_pool, v, "A", NULL);
    ck_assert(!ag_session_csrf_check(t, key, nonce, area, NOW));
}
END_TEST

START_TEST(cookies)
{
    unsigned char area[AG_SESSION_AREA_LEN];
    const char *n, *h;

    make("alice", area);
    n = ag_session_cookie_name(area, 0, 0, ut_pool);
    ck_assert_int_eq(strncmp(n, "authgate-", 9), 0);
    ck_assert_int_eq(strlen(n), 17);
    ck_assert_int_eq(strncmp(ag_session_cookie_name(area, 1, 0, ut_pool),
                             "__Host-authgate-", 16), 0);
    ck_assert_str_eq(ag_session_cookie_name(area, 1, 1, ut_pool) + 24,
                     "-pre");
    h = apr_pstrcat(ut_pool, "a=1; ", n, "=first; ", n, "x=no; ", n,
                    "=second ;b=2", NULL);
    ck_assert_str_eq(ag_session_cookie_get(h, n, 0, ut_pool), "first");
    ck_assert_str_eq(ag_session_cookie_get(h, n, 1, ut_pool), "second");
    ck_assert_ptr_null(ag_session_cookie_get(h, n, 2, ut_pool));
    ck_assert_ptr_null(ag_session_cookie_get(NULL, n, 0, ut_pool));
    ck_assert_ptr_null(ag_session_cookie_get("", n, 0, ut_pool));
}
END_TEST

START_TEST(cookies_stripped)
{
    unsigned char area[AG_SESSION_AREA_LEN];
    const char *n, *pre, *host, *h;
    int gone;

    make("alice", area);
    n = ag_session_cookie_name(area, 0, 0, ut_pool);
    pre = ag_session_cookie_name(area, 0, 1, ut_pool);
    host = ag_session_cookie_name(area, 1, 0, ut_pool);
    /* ours go, whatever the area; the others stay in order */
    h = apr_pstrcat(ut_pool, "a=1; ", n, "=s1;", pre, "=p ;b=2;  ", host,
                    "=s2; authgate-00000000=other;c=3", NULL);
    ck_assert_str_eq(ag_session_cookie_strip(h, &gone, ut_pool),
                     "a=1; b=2; c=3");
    ck_assert_int_eq(gone, 4);
    /* nothing of ours: the header itself, untouched */
    h = "a=1;b=2;;  c=authgate-x; xauthgate-1=2";
    ck_assert_ptr_eq(ag_session_cookie_strip(h, &gone, ut_pool), h);
    ck_assert_int_eq(gone, 0);
    /* only ours: nothing left */
    h = apr_pstrcat(ut_pool, " ", n, "=s1; ", pre, "=p", NULL);
    ck_assert_ptr_null(ag_session_cookie_strip(h, &gone, ut_pool));
    ck_assert_int_eq(gone, 2);
    ck_assert_ptr_null(ag_session_cookie_strip(NULL, &gone, ut_pool));
    ck_assert_int_eq(gone, 0);
    /* the worst growth: every separator gains a blank */
    h = apr_pstrcat(ut_pool, "a;b;c;d;e;", n, "=1;f;g", NULL);
    ck_assert_str_eq(ag_session_cookie_strip(h, NULL, ut_pool),
                     "a; b; c; d; e; f; g");
    /* a name that merely holds ours later on is not ours */
    h = apr_pstrcat(ut_pool, "x", n, "=1; y=", n, NULL);
    ck_assert_ptr_eq(ag_session_cookie_strip(h, &gone, ut_pool), h);
}
END_TEST

/* httpd joins a Cookie header sent more than once with ", ": a cookie of
 * ours after a comma goes too, and the others of its field stay. */
START_TEST(cookies_stripped_joined)
{
    unsigned char area[AG_SESSION_AREA_LEN];
    const char *n, *host, *h;
    int gone;

    make("alice", area);
    n = ag_session_cookie_name(area, 0, 0, ut_pool);
    host = ag_session_cookie_name(area, 1, 0, ut_pool);
    h = apr_pstrcat(ut_pool, "theme=dark, ", n, "=s1", NULL);
    ck_assert_str_eq(ag_session_cookie_strip(h, &gone, ut_pool),
                     "theme=dark");
    ck_assert_int_eq(gone, 1);
    h = apr_pstrcat(ut_pool, n, "=s1, theme=dark; a=1", NULL);
    ck_assert_str_eq(ag_session_cookie_strip(h, &gone, ut_pool),
                     "theme=dark; a=1");
    ck_assert_int_eq(gone, 1);
    h = apr_pstrcat(ut_pool, "a=1; b=2, ", host, "=s2,\t", n,
                    "=s1, c=3; d=4", NULL);
    ck_assert_str_eq(ag_session_cookie_strip(h, &gone, ut_pool),
                     "a=1; b=2, c=3; d=4");
    ck_assert_int_eq(gone, 2);
    h = apr_pstrcat(ut_pool, n, "=s1, ", n, "=s2", NULL);
    ck_assert_ptr_null(ag_session_cookie_strip(h, &gone, ut_pool));
    ck_assert_int_eq(gone, 2);
    /* a comma in another cookie's value stays as it was */
    h = apr_pstrcat(ut_pool, "list=a,b, c;", n, "=s1; x=,y", NULL);
    ck_assert_str_eq(ag_session_cookie_strip(h, &gone, ut_pool),
                     "list=a,b, c; x=,y");
    ck_assert_int_eq(gone, 1);
    h = "list=a,b,,c; x=,y";
    ck_assert_ptr_eq(ag_session_cookie_strip(h, &gone, ut_pool), h);
}
END_TEST

Suite *suite_session(void)
{
    Suite *s = suite_create("session");
    TCase *tc = tcase_create("session");

    tcase_add_checked_fixture(tc, ut_setup, ut_teardown);
    tcase_add_test(tc, round_trip);
    tcase_add_test(tc, refused);
    tcase_add_test(tc, records);
    tcase_add_test(tc, csrf);
    tcase_add_test(tc, cookies);
    tcase_add_test(tc, cookies_stripped);
    tcase_add_test(tc, cookies_stripped_joined);
    suite_add_tcase(s, tc);
    return s;
}
