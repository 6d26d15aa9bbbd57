/*
 * ag_passwd.h - the password hash formats (README, "User file") and their
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

/* What verifying hash costs, estimated from its format and parameters
 * alone, in nanoseconds of one core of the machine the model was measured
 * on (a 2-core x86-64 VM): bcrypt 56 us per 2^cost; sha512-crypt
 * 330 ns and sha256-crypt 410 ns per round (5000 without "rounds=");
 * yescrypt from the N, r and t its setting encodes (j9T, the default, is
 * 57 ms); apr1 119 us; {SHA} 400 ns.  Only the order matters: the user
 * file picks its dummy hash by it (ag_userfile.h).  0 for a hash that
 * costs nothing because it never gets as far as hashing: unknown,
 * disabled, DES, or parameters libcrypt and apr-util refuse (a bcrypt cost
 * outside 4-31, rounds outside 1000-999999999, ...).  Saturates at
 * AG_PASSWD_COST_HUGE. */
#define AG_PASSWD_COST_HUGE APR_UINT64_C(0x7fffffffffffffff)
apr_uint64_t ag_passwd_cost(const char *hash);

/* Non-zero when password matches hash.  Formats that never match (unknown,
 * disabled, DES) return 0 at once.  Scratch memory comes from pool; the
 * comparison of computed and stored hashes is constant-time. */
int ag_passwd_verify(const char *password, const char *hash,
                     apr_pool_t *pool);

#endif /* AUTHGATE_AG_PASSWD_H */
