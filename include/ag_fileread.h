/*
 * ag_fileread.h - how every file the gate uses is opened and read
 * (README, "Security model", "Who reads which file"):
 *
 *  - with the privileges of one account, httpd's User: a process that
 *    runs as root (httpd's parent) never reads a file itself, it forks a
 *    short-lived helper that drops to that account first and hands the
 *    bytes back through a pipe; a process that already runs as another
 *    user (httpd's children) reads directly;
 *  - regular files only, opened without blocking: a FIFO, a device or a
 *    directory is refused like an unreadable file and never holds up the
 *    caller;
 *  - a symbolic link anywhere in the path is followed only when it is
 *    owned by root or by the owner of what it points to;
 *  - a file that changed while it was being read is reported as changing
 *    (APR_EAGAIN), never returned half written.
 *
 * Also the confinement rule for templates named in .htaccess.
 */
#ifndef AUTHGATE_AG_FILEREAD_H
#define AUTHGATE_AG_FILEREAD_H

#include <sys/types.h>

#include <apr_pools.h>
#include <apr_tables.h>
#include <apr_time.h>

/* What identifies one version of a file on disk. */
typedef struct {
    apr_time_t mtime;
    apr_time_t ctime;
    apr_off_t size;
    apr_uint64_t inode;
    apr_uint64_t device;
} ag_file_id_t;

/* Non-zero when a and b name the same file in the same state. */
int ag_file_id_same(const ag_file_id_t *a, const ag_file_id_t *b);

/* Read every later file as account uid/gid (name: for initgroups() and
 * messages; "#N" or NULL: no supplementary groups).  Set once per
 * process before the first read; until then (and after uid (uid_t)-1
 * is given) a process reads as itself.
 * Not thread-safe: call it while the process has one thread. */
void ag_fileread_set_account(uid_t uid, gid_t gid, const char *name);

/* The account name set above, or NULL. */
const char *ag_fileread_account(void);

/* Read the whole regular file at path (absolute) into *buf
 * (NUL-terminated, from pool) with *len and its identity in *id (NULL
 * allowed), following the rules above.  Returns APR_SUCCESS; APR_EAGAIN
 * when the file changed while it was read (look again later); or another
 * error with *why set to a sentence fragment naming the cause and, for
 * permissions, the account (e.g. "cannot be opened by user www-data
 * (Permission denied)").  From a root process this forks: call it only
 * where forking is safe (a process with a single thread). */
apr_status_t ag_file_read(char **buf, apr_size_t *len, ag_file_id_t *id,
                          const char **why, const char *path,
                          apr_pool_t *pool);

/* ag_file_read(), refusing a file larger than max bytes (0: no limit)
 * before reading or allocating anything. */
apr_status_t ag_file_read_max(char **buf, apr_size_t *len, ag_file_id_t *id,
                              const char **why, const char *path,
                              apr_size_t max, apr_pool_t *pool);

/* The identity of the file at path now (links followed), for change
 * detection; APR_SUCCESS or an error. */
apr_status_t ag_file_stat(ag_file_id_t *id, const char *path,
                          apr_pool_t *pool);

/* Whether the file read as id from path may be used as a template named
 * in an .htaccess file: path must resolve (links included) to that very
 * file, inside one of roots (const char *, absolute directories already
 * resolved by the caller when it could trust them: they are compared as
 * they are, never resolved again).
 * NULL when it may, else a sentence fragment saying why not. */
const char *ag_file_confined(const char *path, const ag_file_id_t *id,
                             const apr_array_header_t *roots,
                             apr_pool_t *pool);

#endif /* AUTHGATE_AG_FILEREAD_H */
