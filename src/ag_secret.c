/*
 * ag_secret.c - per-purpose keys from AuthGateSecretFile (see
 * ag_secret.h).
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "ag_secret.h"

int ag_secret_derive(unsigned char *key, const unsigned char *secret,
                     apr_size_t len, const char *purpose)
{
    static const char label[] = "authgate-key-v1:";
    unsigned char msg[256];
    apr_size_t plen = strlen(purpose);
    unsigned int out = 0;

    if (secret == NULL || len < AG_SECRET_MIN
        || plen > sizeof(msg) - sizeof(label)) {
        return 0;
    }
    memcpy(msg, label, sizeof(label) - 1);
    memcpy(msg + sizeof(label) - 1, purpose, plen);
    return HMAC(EVP_sha256(), secret, (int)len, msg,
                sizeof(label) - 1 + plen, key, &out) != NULL
           && out == AG_SECRET_KEY_LEN;
}
