/*
 * ag_passwd.c - verification of the hash formats of SPEC section 3.1.
 *
 * apr-util's apr_password_validate() covers $apr1$, {SHA} and the bcrypt
 * variants it implements itself ($2y$, $2a$); libcrypt's crypt_r() covers
 * yescrypt, SHA-crypt and $2b$.  Traditional DES crypt and plain text are
 * recognised and refused: both are too weak to trust with a login.
 */
#include <string.h>

#include <crypt.h>
#include <openssl/crypto.h>

#include <apr_lib.h>
#include <apr_md5.h>
#include <apr_strings.h>

#include "ag_passwd.h"

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int is_des(const char *hash)
{
    if (strlen(hash) != 13) {
        return 0;
    }
    for (const char *p = hash; *p; p++) {
        if (!apr_isalnum((unsigned char)*p) && *p != '.' && *p != '/') {
            return 0;
        }
    }
    return 1;
}

ag_hash_kind_e ag_passwd_kind(const char *hash)
{
    if (hash[0] == '!') {
        return AG_HASH_DISABLED;
    }
    if (has_prefix(hash, "$2y$") || has_prefix(hash, "$2a$")
        || has_prefix(hash, "$2b$")) {
        return AG_HASH_BCRYPT;
    }
    if (has_prefix(hash, "$y$")) {
        return AG_HASH_YESCRYPT;
    }
    if (has_prefix(hash, "$6$")) {
        return AG_HASH_SHA512;
    }
    if (has_prefix(hash, "$5$")) {
        return AG_HASH_SHA256;
    }
    if (has_prefix(hash, "$apr1$")) {
        return AG_HASH_APR1;
    }
    if (has_prefix(hash, "{SHA}")) {
        return AG_HASH_SHA1;
    }
    if (is_des(hash)) {
        return AG_HASH_DES;
    }
    return AG_HASH_UNKNOWN;
}

int ag_passwd_usable(ag_hash_kind_e kind)
{
    return kind != AG_HASH_UNKNOWN && kind != AG_HASH_DISABLED
           && kind != AG_HASH_DES;
}

const char *ag_passwd_kind_name(ag_hash_kind_e kind)
{
    switch (kind) {
    case AG_HASH_DISABLED:
        return "disabled";
    case AG_HASH_BCRYPT:
        return "bcrypt";
    case AG_HASH_YESCRYPT:
        return "yescrypt";
    case AG_HASH_SHA512:
        return "sha512-crypt";
    case AG_HASH_SHA256:
        return "sha256-crypt";
    case AG_HASH_APR1:
        return "apr1-md5";
    case AG_HASH_SHA1:
        return "sha1";
    case AG_HASH_DES:
        return "des-crypt";
    default:
        return "unknown";
    }
}

const char *ag_passwd_cost_key(const char *hash, apr_pool_t *pool)
{
    const char *p;

    switch (ag_passwd_kind(hash)) {
    case AG_HASH_BCRYPT:             /* $2y$NN$ */
        return apr_pstrndup(pool, hash, 7);
    case AG_HASH_YESCRYPT:           /* $y$PARAMS$ */
        p = strchr(hash + 3, '$');
        return p ? apr_pstrmemdup(pool, hash, (apr_size_t)(p - hash + 1))
                 : apr_pstrdup(pool, "$y$");
    case AG_HASH_SHA512:
    case AG_HASH_SHA256:             /* $6$[rounds=N$] */
        if (has_prefix(hash + 3, "rounds=")) {
            p = strchr(hash + 3, '$');
            if (p) {
                return apr_pstrmemdup(pool, hash,
                                      (apr_size_t)(p - hash + 1));
            }
        }
        return apr_pstrndup(pool, hash, 3);
    case AG_HASH_APR1:
        return "$apr1$";
    case AG_HASH_SHA1:
        return "{SHA}";
    default:
        return "";
    }
}

static int verify_crypt(const char *password, const char *hash,
                        apr_pool_t *pool)
{
    /* struct crypt_data is about 32 KB: from the pool, not the stack. */
    struct crypt_data *data = apr_pcalloc(pool, sizeof(*data));
    const char *out = crypt_r(password, hash, data);
    apr_size_t len;
    int match;

    if (out == NULL || out[0] == '*') {
        return 0;
    }
    len = strlen(hash);
    match = strlen(out) == len && CRYPTO_memcmp(out, hash, len) == 0;
    /* The computed hash is as secret as the stored one. */
    OPENSSL_cleanse(data, sizeof(*data));
    return match;
}

int ag_passwd_verify(const char *password, const char *hash,
                     apr_pool_t *pool)
{
    switch (ag_passwd_kind(hash)) {
    case AG_HASH_BCRYPT:
        if (has_prefix(hash, "$2b$")) {
            return verify_crypt(password, hash, pool);
        }
        return apr_password_validate(password, hash) == APR_SUCCESS;
    case AG_HASH_APR1:
    case AG_HASH_SHA1:
        return apr_password_validate(password, hash) == APR_SUCCESS;
    case AG_HASH_YESCRYPT:
    case AG_HASH_SHA512:
    case AG_HASH_SHA256:
        return verify_crypt(password, hash, pool);
    default:
        return 0;
    }
}
