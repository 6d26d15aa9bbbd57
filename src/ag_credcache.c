/*
 * ag_credcache.c - identities of verified credentials and the per-process
 * front table of the README's "The verified-credential cache".
 */
#include <string.h>

#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "ag_credcache.h"
#include "ag_crypto.h"

/* Stripes of locks over the table, so threads rarely wait for each
 * other. */
#define STRIPES 16

typedef struct {
    unsigned char id[AG_CC_ID_LEN];
    apr_time_t verified_at;          /* 0: empty */
} entry_t;

struct ag_cc_front_t {
    entry_t *slots;
    unsigned mask;
    apr_thread_mutex_t *locks[STRIPES];
};

int ag_cc_key_new(ag_cc_key_t *key)
{
    return RAND_bytes(key->bytes, sizeof(key->bytes)) == 1;
}

int ag_cc_id(unsigned char *id, const ag_cc_key_t *key, const char *user,
             const char *hash, const char *password)
{
    /* Each field is followed by its NUL, so no two different triples
     * give the same message. */
    ag_crypto_part_t parts[3];

    parts[0].data = user;
    parts[0].len = strlen(user) + 1;
    parts[1].data = hash;
    parts[1].len = strlen(hash) + 1;
    parts[2].data = password;
    parts[2].len = strlen(password) + 1;
    return ag_crypto_hmac_sha256(id, key->bytes, parts, 3);
}

int ag_cc_fresh(apr_time_t verified_at, apr_time_t now, apr_time_t ttl)
{
    return verified_at > 0 && ttl > 0 && now >= verified_at
           && now - verified_at < ttl;
}

apr_status_t ag_cc_front_create(ag_cc_front_t **frontp, unsigned slots,
                                apr_pool_t *pool)
{
    ag_cc_front_t *f = apr_pcalloc(pool, sizeof(*f));
    unsigned n = 1;
    apr_status_t rv;

    while (n < slots && n < (1u << 24)) {
        n <<= 1;
    }
    f->slots = apr_pcalloc(pool, sizeof(entry_t) * n);
    f->mask = n - 1;
    for (int i = 0; i < STRIPES; i++) {
        rv = apr_thread_mutex_create(&f->locks[i], APR_THREAD_MUTEX_DEFAULT,
                                     pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    *frontp = f;
    return APR_SUCCESS;
}

/* The slot of an id: its first bytes are uniformly random already. */
static unsigned slot_of(const ag_cc_front_t *f, const unsigned char *id)
{
    return ((unsigned)id[0] | (unsigned)id[1] << 8 | (unsigned)id[2] << 16
            | (unsigned)id[3] << 24) & f->mask;
}

int ag_cc_front_get(ag_cc_front_t *f, const unsigned char *id,
                    apr_time_t now, apr_time_t ttl)
{
    unsigned i = slot_of(f, id);
    apr_thread_mutex_t *lock = f->locks[i % STRIPES];
    int hit;

    apr_thread_mutex_lock(lock);
    hit = CRYPTO_memcmp(f->slots[i].id, id, AG_CC_ID_LEN) == 0
          && ag_cc_fresh(f->slots[i].verified_at, now, ttl);
    apr_thread_mutex_unlock(lock);
    return hit;
}

void ag_cc_front_put(ag_cc_front_t *f, const unsigned char *id,
                     apr_time_t verified_at)
{
    unsigned i = slot_of(f, id);
    apr_thread_mutex_t *lock = f->locks[i % STRIPES];

    apr_thread_mutex_lock(lock);
    memcpy(f->slots[i].id, id, AG_CC_ID_LEN);
    f->slots[i].verified_at = verified_at;
    apr_thread_mutex_unlock(lock);
}
