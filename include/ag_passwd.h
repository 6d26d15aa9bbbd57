/*
 * ag_passwd.h - the password hash formats of SPEC section 3.1 and their
 * verification through apr-util and libcrypt.
 */
#ifndef AUTHGATE_AG_PASSWD_H
#define AUTHGATE_AG_PASSWD_H

#include <apr_pools.h>

typedef enum {
    AG_HASH_UNKNOWN = 0,  /* loaded, never matches */
    AG_HASH_DISABLED,     /* "!" or "!...": no password login */
    AG_HASH_BCRYPT,       /* $2y$ $2a$ $2b$ */
    AG_HASH_YESCRYPT,     /* $y$ */
    AG_HASH_SHA512,       /* $6$ */
    AG_HASH_SHA256,       /* $5$ */
    AG_HASH_APR1,         /* $apr1$ */
    AG_HASH_SHA1,         /* {SHA} */
    AG_HASH_DES           /* traditional crypt: recognised, never matches */
} ag_hash_kind_e;

/* The format of hash (NUL-terminated, never NULL). */
ag_hash_kind_e ag_passwd_kind(const char *hash);

/* Non-zero for a format that can match a password (not unknown, not
 * disabled, not DES). */
int ag_passwd_usable(ag_hash_kind_e kind);

/* A short name of a format, e.g. "bcrypt", for messages. */
const char *ag_passwd_kind_name(ag_hash_kind_e kind);

/* The part of hash that fixes what verifying it costs: the format and its
 * parameters without the salt ("$2y$10$", "$y$j9T$", "$6$rounds=N$",
 * "{SHA}").  Two hashes with the same key cost the same to verify.  The
 * result is allocated from pool. */
const char *ag_passwd_cost_key(const char *hash, apr_pool_t *pool);

/* Non-zero when password matches hash.  Formats that never match (unknown,
 * disabled, DES) return 0 at once.  Scratch memory comes from pool; the
 * comparison of computed and stored hashes is constant-time. */
int ag_passwd_verify(const char *password, const char *hash,
                     apr_pool_t *pool);

#endif /* AUTHGATE_AG_PASSWD_H */
