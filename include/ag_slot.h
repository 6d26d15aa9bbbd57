/*
 * ag_slot.h - the newest good version of one file, kept in memory shared
 * by every httpd process (README, "Reloading": "An older version never
 * comes back").
 *
 * A process that loads a good version publishes its bytes here; a process
 * that finds the file on disk broken or unreadable takes the published
 * version when it is newer than its own.  This is what keeps a child that
 * was forked from a parent holding an old version from serving it.
 * Versions are ordered by the file's ctime when it was read: a rename or
 * rewrite always moves it forward; between equal ctimes the later
 * publication wins.
 *
 * The slot does no locking: callers hold a cross-process mutex around
 * every call.  The memory may be any zeroed region (shared memory in the
 * module, a plain buffer in tests).
 */
#ifndef AUTHGATE_AG_SLOT_H
#define AUTHGATE_AG_SLOT_H

#include <apr_pools.h>
#include <apr_time.h>

#define AG_SLOT_DIGEST_LEN 32

typedef struct ag_slot_t ag_slot_t;

/* Bytes of memory a slot able to hold capacity bytes of file needs. */
apr_size_t ag_slot_size(apr_size_t capacity);

/* Lay a slot for capacity bytes out over mem, which must hold at least
 * ag_slot_size(capacity) bytes. */
ag_slot_t *ag_slot_init(void *mem, apr_size_t capacity);

/* Record a good version read at ctime, unless the slot holds a newer
 * one or this very one.  A version larger than the slot's capacity is recorded
 * without its bytes (so others learn theirs is outdated).  Returns 1 when
 * recorded. */
int ag_slot_publish(ag_slot_t *slot, apr_time_t ctime,
                    const unsigned char *digest, const char *buf,
                    apr_size_t len);

typedef enum {
    AG_SLOT_NOTHING_NEWER = 0,  /* the caller's version is the newest */
    AG_SLOT_NEWER,              /* *buf, *len: a newer version's bytes */
    AG_SLOT_NEWER_TOO_BIG       /* newer, but its bytes did not fit */
} ag_slot_result_e;

/* Compare with the caller's version read at ctime (0: none) and digest
 * (NULL: none); a newer version's bytes are copied into pool.  *newer_ctime
 * receives the newer version's ctime. */
ag_slot_result_e ag_slot_newer(const ag_slot_t *slot, apr_time_t ctime,
                               const unsigned char *digest, char **buf,
                               apr_size_t *len, apr_time_t *newer_ctime,
                               apr_pool_t *pool);

/* The capacity the slot was laid out for. */
apr_size_t ag_slot_capacity(const ag_slot_t *slot);

/* Copy what src holds into dst (a larger slot replacing it). */
void ag_slot_copy(ag_slot_t *dst, const ag_slot_t *src);

#endif /* AUTHGATE_AG_SLOT_H */
