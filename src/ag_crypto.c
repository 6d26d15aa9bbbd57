/*
 * ag_crypto.c - libcrypto's SHA-256 and HMAC with algorithms fetched once
 * and a context per thread (see ag_crypto.h for why).
 *
 * The per-thread contexts are allocated by libcrypto itself, not from an
 * APR pool: no pool lives exactly as long as a thread of httpd's.  One
 * context of each kind per thread is kept until the process ends.
 */
#include <pthread.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "ag_crypto.h"

#define HMAC_KEY_LEN 32

static pthread_once_t fetched = PTHREAD_ONCE_INIT;
static EVP_MD *sha256;
static EVP_MAC *hmac;

static _Thread_local EVP_MD_CTX *md_ctx;
static _Thread_local EVP_MAC_CTX *mac_ctx;
static _Thread_local unsigned char mac_key[HMAC_KEY_LEN];

static void fetch(void)
{
    sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
}

int ag_crypto_sha256(unsigned char *out, const void *data, apr_size_t len)
{
    unsigned int n = 0;

    pthread_once(&fetched, fetch);
    if (sha256 == NULL) {
        return 0;
    }
    if (md_ctx == NULL && (md_ctx = EVP_MD_CTX_new()) == NULL) {
        return 0;
    }
    return EVP_DigestInit_ex2(md_ctx, sha256, NULL) == 1
           && EVP_DigestUpdate(md_ctx, data, len) == 1
           && EVP_DigestFinal_ex(md_ctx, out, &n) == 1
           && n == AG_SHA256_LEN;
}

int ag_crypto_hmac_sha256(unsigned char *out, const unsigned char *key,
                          const ag_crypto_part_t *parts, int n)
{
    size_t len = 0;
    int ok;

    pthread_once(&fetched, fetch);
    if (hmac == NULL) {
        return 0;
    }
    if (mac_ctx == NULL && (mac_ctx = EVP_MAC_CTX_new(hmac)) == NULL) {
        return 0;
    }
    if (memcmp(mac_key, key, HMAC_KEY_LEN) == 0) {
        /* the key this context holds already: only reset it */
        ok = EVP_MAC_init(mac_ctx, NULL, 0, NULL) == 1;
    }
    else {
        OSSL_PARAM params[2];

        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                     "SHA256", 0);
        params[1] = OSSL_PARAM_construct_end();
        ok = EVP_MAC_init(mac_ctx, key, HMAC_KEY_LEN, params) == 1;
        if (ok) {
            memcpy(mac_key, key, HMAC_KEY_LEN);
        }
        else {
            memset(mac_key, 0, HMAC_KEY_LEN);
        }
    }
    for (int i = 0; ok && i < n; i++) {
        ok = EVP_MAC_update(mac_ctx, parts[i].data, parts[i].len) == 1;
    }
    return ok && EVP_MAC_final(mac_ctx, out, &len, AG_SHA256_LEN) == 1
           && len == AG_SHA256_LEN;
}
