/*
 * ag_credcache.h - the verified-credential cache of the README
 * (AuthGateCacheTTL): after one successful check of a password against a
 * hash, the same pair skips the hash function for a while.
 *
 * Nothing secret is kept: an entry is identified by HMAC-SHA-256, under a
 * random key made at startup, of the user name, the stored hash and the
 * password, and holds only the time of the successful check.  Because the
 * stored hash is part of the identity, a changed password or a changed
 * hash never matches an old entry; a deleted user is never looked up.
 * Only successes are ever stored.
 *
 * This file holds the identity and the small per-process front table;
 * the glue shares entries between processes through httpd's socache.
 */
#ifndef AUTHGATE_AG_CREDCACHE_H
#define AUTHGATE_AG_CREDCACHE_H

#include <apr_pools.h>
#include <apr_time.h>

#define AG_CC_KEY_LEN 32
#define AG_CC_ID_LEN 32

typedef struct {
    unsigned char bytes[AG_CC_KEY_LEN];
} ag_cc_key_t;

/* Fill key with random bytes from OpenSSL; 0 when none are available
 * (then the cache must stay off). */
int ag_cc_key_new(ag_cc_key_t *key);

/* The identity of (user, hash, password) under key, in id[AG_CC_ID_LEN].
 * Returns 0 when libcrypto fails (then treat it as a miss). */
int ag_cc_id(unsigned char *id, const ag_cc_key_t *key, const char *user,
             const char *hash, const char *password);

/* Whether a check made at verified_at still counts at now with ttl. */
int ag_cc_fresh(apr_time_t verified_at, apr_time_t now, apr_time_t ttl);

/* The per-process front: a fixed-size direct-mapped table, safe for
 * concurrent use by the threads of one process.  It never grows: a new
 * entry replaces the one in its slot. */
typedef struct ag_cc_front_t ag_cc_front_t;

/* A front with slots entries (rounded up to a power of two), allocated
 * from pool. */
apr_status_t ag_cc_front_create(ag_cc_front_t **front, unsigned slots,
                                apr_pool_t *pool);

/* Non-zero when id was stored and is fresh at now for ttl. */
int ag_cc_front_get(ag_cc_front_t *front, const unsigned char *id,
                    apr_time_t now, apr_time_t ttl);

/* Remember that id was verified at verified_at. */
void ag_cc_front_put(ag_cc_front_t *front, const unsigned char *id,
                     apr_time_t verified_at);

#endif /* AUTHGATE_AG_CREDCACHE_H */
