/*
 * ag_lockout.c - failed sign-ins counted per window (see ag_lockout.h).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <apr_strings.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "ag_lockout.h"

int ag_lockout_id(unsigned char *id, const unsigned char *key,
                  const char *address, const char *user, unsigned limit,
                  apr_interval_time_t window)
{
    static const char label[] = "authgate-lockout-v2";
    char rule[64];
    unsigned int len = 0;
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
    OSSL_PARAM params[2];
    size_t out = 0;
    int ok;

    (void)len;
    params[0] = OSSL_PARAM_construct_utf8_string("digest", "SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    snprintf(rule, sizeof(rule), "%u/%" APR_INT64_T_FMT, limit,
             (apr_int64_t)window);
    /* each part with its terminating NUL, so parts cannot run together;
     * the address-wide record has a distinct marker */
    ok = ctx != NULL
         && EVP_MAC_init(ctx, key, AG_LOCKOUT_KEY_LEN, params)
         && EVP_MAC_update(ctx, (const unsigned char *)label, sizeof(label))
         && EVP_MAC_update(ctx, (const unsigned char *)(user ? "U" : "A"),
                           1)
         && EVP_MAC_update(ctx, (const unsigned char *)rule,
                           strlen(rule) + 1)
         && EVP_MAC_update(ctx, (const unsigned char *)address,
                           strlen(address) + 1)
         && (user == NULL
             || EVP_MAC_update(ctx, (const unsigned char *)user,
                               strlen(user) + 1))
         && EVP_MAC_final(ctx, id, &out, AG_LOCKOUT_ID_LEN)
         && out == AG_LOCKOUT_ID_LEN;
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return ok;
}

const char *ag_lockout_address(const char *ip, apr_pool_t *pool)
{
    struct in6_addr a6;
    char buf[INET6_ADDRSTRLEN];

    if (ip == NULL || strchr(ip, ':') == NULL
        || inet_pton(AF_INET6, ip, &a6) != 1) {
        return ip ? ip : "";
    }
    if (IN6_IS_ADDR_V4MAPPED(&a6)) {
        return inet_ntop(AF_INET, &a6.s6_addr[12], buf, sizeof(buf))
               ? apr_pstrdup(pool, buf) : ip;
    }
    memset(&a6.s6_addr[8], 0, 8);
    if (inet_ntop(AF_INET6, &a6, buf, sizeof(buf)) == NULL) {
        return ip;
    }
    return apr_pstrcat(pool, buf, "/64", NULL);
}

static void put32(unsigned char *buf, apr_uint32_t n)
{
    for (int i = 0; i < 4; i++) {
        buf[i] = (unsigned char)(n >> (24 - 8 * i));
    }
}

static apr_uint32_t get32(const unsigned char *buf)
{
    apr_uint32_t n = 0;

    for (int i = 0; i < 4; i++) {
        n = (n << 8) | buf[i];
    }
    return n;
}

apr_size_t ag_lockout_encode(unsigned char *buf, const ag_lockout_rec_t *rec)
{
    apr_uint64_t t = (apr_uint64_t)rec->window_start;

    for (int i = 0; i < 8; i++) {
        buf[i] = (unsigned char)(t >> (56 - 8 * i));
    }
    put32(buf + 8, rec->failures);
    if (rec->limit == 0) {
        return AG_LOCKOUT_REC_LEN;
    }
    put32(buf + 12, rec->limit);
    return AG_LOCKOUT_REC_MAX;
}

int ag_lockout_decode(ag_lockout_rec_t *rec, const unsigned char *buf,
                      apr_size_t len)
{
    apr_uint64_t t = 0;
    apr_uint32_t limit = 0;

    memset(rec, 0, sizeof(*rec));
    if (buf == NULL
        || (len != AG_LOCKOUT_REC_LEN && len != AG_LOCKOUT_REC_MAX)) {
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        t = (t << 8) | buf[i];
    }
    if (len == AG_LOCKOUT_REC_MAX && (limit = get32(buf + 12)) == 0) {
        return 0;
    }
    if ((apr_int64_t)t < 0 || (apr_int64_t)t > AG_LOCKOUT_START_MAX) {
        return 0;
    }
    rec->window_start = (apr_time_t)t;
    rec->failures = get32(buf + 8);
    rec->limit = limit;
    return 1;
}

/* Whether the record's window is still open at now. */
static int open_at(const ag_lockout_rec_t *rec, apr_time_t now,
                   apr_interval_time_t window)
{
    return rec->failures > 0 && now >= rec->window_start
           && now - rec->window_start < window;
}

apr_int64_t ag_lockout_wait(const ag_lockout_rec_t *rec, apr_time_t now,
                            unsigned limit, apr_interval_time_t window)
{
    apr_interval_time_t left;

    if (limit == 0 || !open_at(rec, now, window) || rec->failures < limit) {
        return 0;
    }
    left = rec->window_start + window - now;
    return (left + APR_USEC_PER_SEC - 1) / APR_USEC_PER_SEC;
}

int ag_lockout_in_force(const ag_lockout_rec_t *rec)
{
    return rec->limit > 0 && rec->failures >= rec->limit;
}

void ag_lockout_unfail(ag_lockout_rec_t *rec)
{
    if (rec->failures > 0) {
        rec->failures--;
    }
}

apr_time_t ag_lockout_fail(ag_lockout_rec_t *rec, apr_time_t now,
                           apr_interval_time_t window)
{
    if (!open_at(rec, now, window)) {
        rec->window_start = now;
        rec->failures = 0;
    }
    if (rec->failures < 0xffffffffu) {
        rec->failures++;
    }
    return rec->window_start + window;
}
