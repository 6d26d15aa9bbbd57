/*
 * ag_passwd.c - verification of the hash formats (README, "User file").
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

/* The cost model's constants, in nanoseconds (see ag_passwd.h). */
#define NS_BCRYPT_UNIT   56000   /* per 2^cost */
#define NS_SHA512_ROUND  330
#define NS_SHA256_ROUND  410
#define NS_APR1          119000
#define NS_SHA1          400
/* yescrypt, per block of 128 bytes (N * r of them): filling the memory
 * (allocation, first touch, SMix1) and each sixth of a second pass. */
#define NS_YESCRYPT_FILL 419
#define NS_YESCRYPT_RW   57      /* per sixth of a pass, YESCRYPT_RW */
#define NS_YESCRYPT_WORM 246     /* per sixth of a pass, classic flavors */

static apr_uint64_t mul_sat(apr_uint64_t a, apr_uint64_t b)
{
    if (a != 0 && b > AG_PASSWD_COST_HUGE / a) {
        return AG_PASSWD_COST_HUGE;
    }
    return a * b;
}

/* "$2y$NN$" and 22 salt characters: NN must be 04-31 for apr-util and
 * libcrypt to hash at all. */
static apr_uint64_t bcrypt_cost(const char *hash)
{
    int cost;

    if (!apr_isdigit(hash[4]) || !apr_isdigit(hash[5]) || hash[6] != '$'
        || strlen(hash) < 29) {
        return 0;
    }
    for (int i = 7; i < 29; i++) {
        if (!apr_isalnum(hash[i]) && hash[i] != '.' && hash[i] != '/') {
            return 0;
        }
    }
    cost = (hash[4] - '0') * 10 + (hash[5] - '0');
    if (cost < 4 || cost > 31) {
        return 0;
    }
    return (apr_uint64_t)NS_BCRYPT_UNIT << cost;
}

/* "$6$" or "$5$", then "rounds=N$" as libcrypt reads it: decimal without
 * a leading zero, 1000-999999999, else it refuses the setting. */
static apr_uint64_t shacrypt_cost(const char *hash, apr_uint64_t per_round)
{
    const char *p = hash + 3;
    apr_uint64_t rounds = 0;

    if (strncmp(p, "rounds=", 7) != 0) {
        return 5000 * per_round;
    }
    p += 7;
    if (*p == '0') {
        return 0;
    }
    for (; apr_isdigit(*p) && rounds <= 999999999; p++) {
        rounds = rounds * 10 + (apr_uint64_t)(*p - '0');
    }
    if (*p != '$' || rounds < 1000 || rounds > 999999999) {
        return 0;
    }
    return rounds * per_round;
}

/* One character of crypt's base64 alphabet, or 64 for another byte. */
static unsigned atoi64(char c)
{
    static const char abc[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                              "abcdefghijklmnopqrstuvwxyz";
    const char *p = c ? strchr(abc, c) : NULL;

    return p ? (unsigned)(p - abc) : 64;
}

/* yescrypt's variable-length number (libxcrypt's decode64_uint32): one
 * to six characters, the first saying how many follow.  Returns the
 * character after it, or NULL when the encoding is broken. */
static const char *decode_number(apr_uint64_t *out, const char *p,
                                 apr_uint64_t min)
{
    unsigned start = 0, end = 47, chars = 1, bits = 0;
    unsigned c = atoi64(*p++);

    if (c > 63) {
        return NULL;
    }
    *out = min;
    while (c > end) {
        *out += (apr_uint64_t)(end + 1 - start) << bits;
        start = end + 1;
        end = start + (62 - end) / 2;
        chars++;
        bits += 6;
    }
    *out += (apr_uint64_t)(c - start) << bits;
    while (--chars) {
        c = atoi64(*p++);
        if (c > 63) {
            return NULL;
        }
        bits -= 6;
        *out += (apr_uint64_t)c << bits;
    }
    return p;
}

/* "$y$" FLAVOR N_LOG2 R [HAVE [P] [T] [G] [NROM]] "$" SALT ["$" HASH]: the
 * memory is N * r blocks of 128 bytes (p splits it, it does not add to
 * it); the second pass walks N/3 of them (t = 0), 2N/3 (t = 1) or
 * (t - 1) N, classic flavors N, 1.5 N or t N.  libcrypt hashes a setting
 * without its "$" HASH (or with an empty salt) as readily as a whole
 * hash, so such a line costs what its parameters say. */
static apr_uint64_t yescrypt_cost(const char *hash)
{
    apr_uint64_t flavor, n_log2, r, have = 0, p = 1, t = 0, g = 0, nrom;
    apr_uint64_t sixths, per_sixth, blocks, per_block;
    const char *s = hash + 3;

    if ((s = decode_number(&flavor, s, 0)) == NULL || flavor > 2 + 0xff
        || (s = decode_number(&n_log2, s, 1)) == NULL || n_log2 > 63
        || (s = decode_number(&r, s, 1)) == NULL) {
        return 0;
    }
    if (*s != '$') {
        if ((s = decode_number(&have, s, 1)) == NULL
            || ((have & 1) && (s = decode_number(&p, s, 2)) == NULL)
            || ((have & 2) && (s = decode_number(&t, s, 1)) == NULL)
            || ((have & 4) && (s = decode_number(&g, s, 1)) == NULL)
            || ((have & 8) && (s = decode_number(&nrom, s, 1)) == NULL)) {
            return 0;
        }
    }
    if (*s != '$') {
        return 0;
    }
    if (flavor >= 2) {               /* YESCRYPT_RW */
        sixths = t == 0 ? 2 : t == 1 ? 4 : mul_sat(6, t - 1);
        per_sixth = NS_YESCRYPT_RW;
    }
    else {
        sixths = t == 0 ? 6 : t == 1 ? 9 : mul_sat(6, t);
        per_sixth = NS_YESCRYPT_WORM;
    }
    blocks = mul_sat((apr_uint64_t)1 << n_log2, r);
    per_block = NS_YESCRYPT_FILL + mul_sat(sixths, per_sixth) / 6;
    return mul_sat(blocks, per_block);
}

apr_uint64_t ag_passwd_cost(const char *hash)
{
    switch (ag_passwd_kind(hash)) {
    case AG_HASH_BCRYPT:
        return bcrypt_cost(hash);
    case AG_HASH_YESCRYPT:
        return yescrypt_cost(hash);
    case AG_HASH_SHA512:
        return shacrypt_cost(hash, NS_SHA512_ROUND);
    case AG_HASH_SHA256:
        return shacrypt_cost(hash, NS_SHA256_ROUND);
    case AG_HASH_APR1:
        return NS_APR1;
    case AG_HASH_SHA1:
        return NS_SHA1;
    default:
        return 0;
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
