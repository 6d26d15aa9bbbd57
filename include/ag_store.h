/*
 * ag_store.h - a file of SPEC section 3 held in memory and kept current:
 * loaded whole or not at all, re-read when its identity on disk changes,
 * the newest good version kept in force when a later one is broken or
 * missing.  Versions are reference-counted so a reload never frees data a
 * request is still reading.
 *
 * Thread safety: every function may be called from any thread once the
 * store exists; ag_store_refresh() serialises reloads itself.
 */
#ifndef AUTHGATE_AG_STORE_H
#define AUTHGATE_AG_STORE_H

#include <apr_global_mutex.h>
#include <apr_pools.h>
#include <apr_time.h>

#include "authgate.h"
#include "ag_lines.h"
#include "ag_slot.h"

/* Parse buf[0..len) into *db allocated from pool; APR_SUCCESS or an error
 * with err set.  Same shape as ag_userdb_parse / ag_roledb_parse. */
typedef int ag_store_parse_fn(void **db, ag_parse_error_t *err,
                              const char *buf, apr_size_t len,
                              apr_pool_t *pool);

typedef struct ag_store_t ag_store_t;
typedef struct ag_version_t ag_version_t;

/* Create a store for path (absolute), described in messages as kind (e.g.
 * "user file").  Nothing is read yet.  The store lives as long as pool;
 * logger is copied and may be used from any thread. */
apr_status_t ag_store_create(ag_store_t **store, const char *path,
                             const char *kind, ag_store_parse_fn *parse,
                             const ag_logger_t *logger, apr_pool_t *pool);

/* Share versions with other processes through slot, guarded by the
 * cross-process mutex; call it before the first ag_store_refresh().
 * From then on every good version loaded is published there, and when
 * the file on disk cannot be used a newer published version is taken
 * instead of keeping an older one. */
void ag_store_share(ag_store_t *store, ag_slot_t *slot,
                    apr_global_mutex_t *mutex);

/* The slot given by ag_store_share, or NULL. */
ag_slot_t *ag_store_slot(const ag_store_t *store);

/* Look at the file on disk and load it when it changed since the last
 * look (or was never loaded).  Errors are logged once per change, naming
 * file and line, and leave the version in force untouched.  Returns
 * non-zero when a good version is in force afterwards. */
int ag_store_refresh(ag_store_t *store);

/* The version in force, with a reference the caller must give back with
 * ag_store_release(); NULL when no good version was ever loaded. */
ag_version_t *ag_store_acquire(ag_store_t *store);
void ag_store_release(ag_version_t *version);

/* The parsed data of a version (what the parse function returned). */
const void *ag_version_db(const ag_version_t *version);

const char *ag_store_path(const ag_store_t *store);

/* Read the whole file at path into *buf (NUL-terminated, from pool), as
 * the store does; for checks made once, such as at configuration time. */
apr_status_t ag_store_read(char **buf, apr_size_t *len, const char *path,
                           apr_pool_t *pool);

#endif /* AUTHGATE_AG_STORE_H */
