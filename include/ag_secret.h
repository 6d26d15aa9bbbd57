/*
 * ag_secret.h - keys derived from AuthGateSecretFile (mod_authgate(8)): one
 * secret of AG_SECRET_MIN or more random bytes, read once at startup,
 * from which every key the module needs is derived, each for one
 * purpose, so that servers sharing the file share cache entries and
 * sessions, and restarts keep them.
 */
#ifndef AUTHGATE_AG_SECRET_H
#define AUTHGATE_AG_SECRET_H

#include <apr_pools.h>

#define AG_SECRET_MIN 32
#define AG_SECRET_KEY_LEN 32

/* The key for purpose (e.g. "credential-cache"), in key[AG_SECRET_KEY_LEN]:
 * HMAC-SHA-256 of the purpose under the secret.  0 when the secret is
 * shorter than AG_SECRET_MIN bytes or libcrypto fails. */
int ag_secret_derive(unsigned char *key, const unsigned char *secret,
                     apr_size_t len, const char *purpose);

#endif /* AUTHGATE_AG_SECRET_H */
