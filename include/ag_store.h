/*
 * ag_store.h - a file (README, "Files") held in memory and kept current:
 * loaded whole or not at all, re-read when its identity on disk changes,
 * the newest good version kept in force when a later one is broken or
 * missing.  Versions are reference-counted so a reload never frees data a
 * request is still reading.
 *
 * Files are opened and read through ag_fileread.h (the server account's
 * privileges, regular files only, never blocking).  A change is taken
 * only once the file has stopped changing (ag_store_set_settle), so a
 * file rewritten in place is never in force half written.
 *
 * Thread safety: every function may be called from any thread once the
 * store exists; ag_store_refresh() serialises reloads itself.  A version
 * may outlive its store (a restart hands it to the next store).
 */
#ifndef AUTHGATE_AG_STORE_H
#define AUTHGATE_AG_STORE_H

#include <apr_global_mutex.h>
#include <apr_pools.h>
#include <apr_time.h>

#include "authgate.h"
#include "ag_fileread.h"
#include "ag_lines.h"
#include "ag_slot.h"

/* Parse buf[0..len) into *db allocated from pool; APR_SUCCESS or an error
 * with err set.  Same shape as ag_userdb_parse / ag_roledb_parse. */
typedef int ag_store_parse_fn(void **db, ag_parse_error_t *err,
                              const char *buf, apr_size_t len,
                              apr_pool_t *pool);

/* Decide whether the file read as id from path, with content
 * buf[0..len), may be used at all (e.g. a template that must stay inside
 * a directory and must not be a credential file); NULL when it may, else
 * a sentence fragment for the log (never quoting the content).  Called
 * after each read, before parsing; scratch memory from pool. */
typedef const char *ag_store_vet_fn(void *baton, const char *path,
                                    const ag_file_id_t *id,
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

/* Take a change only once the file has not been touched for quiet (or
 * has looked the same for that long); 0, the default, takes it at once. */
void ag_store_set_settle(ag_store_t *store, apr_interval_time_t quiet);

/* Refuse (as unreadable) a file larger than max bytes, before reading
 * it; 0, the default, sets no limit. */
void ag_store_set_max_size(ag_store_t *store, apr_size_t max);

/* Check every file read with vet (baton is passed along); none by
 * default. */
void ag_store_set_vet(ag_store_t *store, ag_store_vet_fn *vet,
                      void *baton);

/* When a change seen by the last ag_store_refresh() waits to settle, the
 * time to look again; else 0. */
apr_time_t ag_store_next_look(const ag_store_t *store);

/* ag_store_refresh(), and while no version is in force and a change is
 * settling, wait for it and look again, for at most limit. */
int ag_store_refresh_wait(ag_store_t *store, apr_interval_time_t limit);

/* The identity of the file the version in force was read from; 0 when
 * there is none (or it came from shared memory). */
int ag_store_file_id(ag_file_id_t *id, ag_store_t *store);

/* Why the last look at the file could not use it (e.g. "line 3: no
 * ':'"), copied into pool; NULL when the last look went well. */
const char *ag_store_problem(ag_store_t *store, apr_pool_t *pool);

/* What a status page may show of a store: never its content. */
typedef struct {
    int in_force;              /* a good version is in force */
    apr_time_t loaded;         /* when this process put it in force */
    apr_time_t mtime;          /* the file's, when that version was read
                                  (its ctime for one from shared memory) */
    int shared;                /* taken from shared memory, not the disk */
    unsigned char digest[AG_SLOT_DIGEST_LEN];  /* SHA-256 of its bytes */
    unsigned problem_line;     /* the line of the problem; 0: none, or the
                                  whole file */
    const char *problem;       /* why the last look at the file could not
                                  use it (without the line), from pool;
                                  NULL when it went well */
} ag_store_info_t;

/* Fill info about the version in force and the last look; strings from
 * pool. */
void ag_store_info(ag_store_info_t *info, ag_store_t *store,
                   apr_pool_t *pool);

/* The identity of the file a version was read from (all zero for one
 * taken from shared memory). */
const ag_file_id_t *ag_version_id(const ag_version_t *version);

/* The version in force, with a reference the caller must give back with
 * ag_store_release(); NULL when no good version was ever loaded. */
ag_version_t *ag_store_acquire(ag_store_t *store);
void ag_store_release(ag_version_t *version);

/* The parsed data of a version (what the parse function returned). */
const void *ag_version_db(const ag_version_t *version);

const char *ag_store_path(const ag_store_t *store);

/* Non-zero when a good version is in force. */
int ag_store_has_version(ag_store_t *store);

/* Read the whole file at path into *buf (NUL-terminated, from pool), as
 * the store does (ag_file_read); *why explains an error. */
apr_status_t ag_store_read(char **buf, apr_size_t *len, const char **why,
                           const char *path, apr_pool_t *pool);

#endif /* AUTHGATE_AG_STORE_H */
