/*
 * ag_lockout.c - failed sign-ins counted per window (see ag_lockout.h).
 */
#include <string.h>

#include <openssl/evp.h>

#include "ag_lockout.h"

int ag_lockout_id(unsigned char *id, const char *address, const char *user)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    static const char label[] = "authgate-lockout-v1";
    unsigned int len = 0;
    int ok;

    if (ctx == NULL) {
        return 0;
    }
    /* each part with its terminating NUL, so parts cannot run together;
     * the address-wide record has a distinct marker */
    ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)
         && EVP_DigestUpdate(ctx, label, sizeof(label))
         && EVP_DigestUpdate(ctx, user ? "U" : "A", 1)
         && EVP_DigestUpdate(ctx, address, strlen(address) + 1)
         && (user == NULL || EVP_DigestUpdate(ctx, user, strlen(user) + 1))
         && EVP_DigestFinal_ex(ctx, id, &len)
         && len == AG_LOCKOUT_ID_LEN;
    EVP_MD_CTX_free(ctx);
    return ok;
}

void ag_lockout_encode(unsigned char *buf, const ag_lockout_rec_t *rec)
{
    apr_uint64_t t = (apr_uint64_t)rec->window_start;

    for (int i = 0; i < 8; i++) {
        buf[i] = (unsigned char)(t >> (56 - 8 * i));
    }
    for (int i = 0; i < 4; i++) {
        buf[8 + i] = (unsigned char)(rec->failures >> (24 - 8 * i));
    }
}

int ag_lockout_decode(ag_lockout_rec_t *rec, const unsigned char *buf,
                      apr_size_t len)
{
    apr_uint64_t t = 0;
    apr_uint32_t n = 0;

    memset(rec, 0, sizeof(*rec));
    if (buf == NULL || len != AG_LOCKOUT_REC_LEN) {
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        t = (t << 8) | buf[i];
    }
    for (int i = 0; i < 4; i++) {
        n = (n << 8) | buf[8 + i];
    }
    if ((apr_int64_t)t < 0) {
        return 0;
    }
    rec->window_start = (apr_time_t)t;
    rec->failures = n;
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
