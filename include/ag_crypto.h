/*
 * ag_crypto.h - SHA-256 and HMAC-SHA-256 from OpenSSL's libcrypto for the
 * request path (Bearer secrets, verified-credential identities).
 *
 * OpenSSL 3 looks an algorithm up by name on every call of its one-shot
 * functions, under locks shared by every thread; at thousands of
 * requests a second that costs more than the hashing.  These functions
 * fetch each algorithm once and keep one context per thread, reset
 * between uses.
 */
#ifndef AUTHGATE_AG_CRYPTO_H
#define AUTHGATE_AG_CRYPTO_H

#include <apr.h>

#define AG_SHA256_LEN 32

/* One piece of a message. */
typedef struct {
    const void *data;
    apr_size_t len;
} ag_crypto_part_t;

/* out = SHA-256(data[0..len)).  Returns 0 when libcrypto fails. */
int ag_crypto_sha256(unsigned char *out, const void *data, apr_size_t len);

/* out = HMAC-SHA-256(key[0..32), the n parts in order).  Returns 0 when
 * libcrypto fails. */
int ag_crypto_hmac_sha256(unsigned char *out, const unsigned char *key,
                          const ag_crypto_part_t *parts, int n);

#endif /* AUTHGATE_AG_CRYPTO_H */
