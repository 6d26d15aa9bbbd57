/*
 * ag_slot.c - the shared copy of a file's newest good version.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_slot.h"

struct ag_slot_t {
    apr_size_t capacity;
    apr_time_t ctime;            /* 0: empty */
    apr_size_t len;
    int has_bytes;
    unsigned char digest[AG_SLOT_DIGEST_LEN];
    char data[];
};

apr_size_t ag_slot_size(apr_size_t capacity)
{
    return APR_ALIGN_DEFAULT(sizeof(ag_slot_t) + capacity);
}

ag_slot_t *ag_slot_init(void *mem, apr_size_t capacity)
{
    ag_slot_t *slot = mem;

    memset(slot, 0, sizeof(*slot));
    slot->capacity = capacity;
    return slot;
}

int ag_slot_publish(ag_slot_t *slot, apr_time_t ctime,
                    const unsigned char *digest, const char *buf,
                    apr_size_t len)
{
    /* File times are coarse (a few milliseconds): at an equal ctime the
     * later publication is taken to be the newer version. */
    if (slot->ctime > ctime
        || (slot->ctime == ctime
            && memcmp(slot->digest, digest, AG_SLOT_DIGEST_LEN) == 0)) {
        return 0;
    }
    slot->ctime = ctime;
    memcpy(slot->digest, digest, AG_SLOT_DIGEST_LEN);
    slot->has_bytes = len <= slot->capacity;
    slot->len = slot->has_bytes ? len : 0;
    if (slot->has_bytes) {
        memcpy(slot->data, buf, len);
    }
    return 1;
}

ag_slot_result_e ag_slot_newer(const ag_slot_t *slot, apr_time_t ctime,
                               const unsigned char *digest, char **buf,
                               apr_size_t *len, apr_time_t *newer_ctime,
                               apr_pool_t *pool)
{
    if (slot->ctime == 0 || slot->ctime < ctime
        || (digest && memcmp(digest, slot->digest,
                             AG_SLOT_DIGEST_LEN) == 0)) {
        return AG_SLOT_NOTHING_NEWER;
    }
    *newer_ctime = slot->ctime;
    if (!slot->has_bytes) {
        return AG_SLOT_NEWER_TOO_BIG;
    }
    *buf = apr_palloc(pool, slot->len + 1);
    memcpy(*buf, slot->data, slot->len);
    (*buf)[slot->len] = '\0';
    *len = slot->len;
    return AG_SLOT_NEWER;
}

apr_size_t ag_slot_capacity(const ag_slot_t *slot)
{
    return slot->capacity;
}

void ag_slot_copy(ag_slot_t *dst, const ag_slot_t *src)
{
    dst->ctime = src->ctime;
    memcpy(dst->digest, src->digest, AG_SLOT_DIGEST_LEN);
    dst->has_bytes = src->has_bytes && src->len <= dst->capacity;
    dst->len = dst->has_bytes ? src->len : 0;
    if (dst->has_bytes) {
        memcpy(dst->data, src->data, src->len);
    }
}
