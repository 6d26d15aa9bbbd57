/*
 * ag_fileread.c - opening and reading the files (README, "Files") with
 * the server account's privileges, regular files only, without blocking,
 * links only between owners who trust each other (see ag_fileread.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <apr_strings.h>

#include "ag_fileread.h"

/* Causes that are not an errno, carried from the helper to the caller. */
enum {
    CAUSE_NONE = 0,
    CAUSE_ERRNO,          /* detail: the errno of open/read/stat */
    CAUSE_NOT_REGULAR,
    CAUSE_LINK_OWNER,     /* detail: the link's owner */
    CAUSE_CHANGING,
    CAUSE_ACCOUNT,        /* the helper could not become the account */
    CAUSE_TOO_BIG
};

typedef struct {
    int cause;
    int detail;
    char where[256];      /* the path of the offending link, if any */
} outcome_t;

static struct {
    int set;
    uid_t uid;
    gid_t gid;
    char name[64];
} account;

void ag_fileread_set_account(uid_t uid, gid_t gid, const char *name)
{
    account.set = uid != (uid_t)-1;
    account.uid = uid;
    account.gid = gid;
    account.name[0] = '\0';
    if (name) {
        apr_cpystrn(account.name, name, sizeof(account.name));
    }
}

const char *ag_fileread_account(void)
{
    return account.set && account.name[0] ? account.name : NULL;
}

int ag_file_id_same(const ag_file_id_t *a, const ag_file_id_t *b)
{
    return a->mtime == b->mtime && a->ctime == b->ctime
           && a->size == b->size && a->inode == b->inode
           && a->device == b->device;
}

static void id_from_stat(ag_file_id_t *id, const struct stat *st)
{
    id->mtime = apr_time_from_sec(st->st_mtim.tv_sec)
                + st->st_mtim.tv_nsec / 1000;
    id->ctime = apr_time_from_sec(st->st_ctim.tv_sec)
                + st->st_ctim.tv_nsec / 1000;
    id->size = st->st_size;
    id->inode = (apr_uint64_t)st->st_ino;
    id->device = (apr_uint64_t)st->st_dev;
}

apr_status_t ag_file_stat(ag_file_id_t *id, const char *path,
                          apr_pool_t *pool)
{
    struct stat st;

    (void)pool;
    if (stat(path, &st) != 0) {
        return errno;
    }
    id_from_stat(id, &st);
    return APR_SUCCESS;
}

#define MAX_LINKS 40

/* Open path (absolute) for reading, one name at a time from "/": a
 * symbolic link is followed only when it is owned by root or by the owner
 * of what it leads to, and every step opens with O_NOFOLLOW, so a name
 * swapped for a link after it was judged is never followed.  Only a
 * regular file is opened, without blocking.  Returns the descriptor, or
 * -1 with out filled. */
static int open_walk(const char *path, outcome_t *out)
{
    char rest[PATH_MAX], link[PATH_MAX], check[PATH_MAX],
        seen[PATH_MAX] = "";
    int dirfd, links = 0;
    char *p;

    if (path[0] != '/' || strlen(path) >= sizeof(rest)) {
        out->cause = CAUSE_ERRNO;
        out->detail = path[0] != '/' ? EINVAL : ENAMETOOLONG;
        return -1;
    }
    apr_cpystrn(rest, path, sizeof(rest));
    dirfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    p = rest;
    while (dirfd >= 0) {
        struct stat lst, tst, again;
        char *name, *next;
        ssize_t n, n2;

        while (*p == '/') {
            p++;
        }
        if (*p == '\0') {
            break;                  /* the path named a directory */
        }
        name = p;
        next = strchr(p, '/');
        if (next) {
            *next = '\0';
            p = next + 1;
        }
        else {
            p += strlen(p);
        }
        if (strcmp(name, ".") == 0) {
            continue;
        }
        if (strlen(seen) + strlen(name) + 2 < sizeof(seen)) {
            strcat(strcat(seen, "/"), name);
        }
        if (fstatat(dirfd, name, &lst, AT_SYMLINK_NOFOLLOW) != 0) {
            goto fail_errno;
        }
        if (S_ISLNK(lst.st_mode)) {
            n = readlinkat(dirfd, name, link, sizeof(link) - 1);
            if (++links > MAX_LINKS || n <= 0) {
                errno = n <= 0 ? errno : ELOOP;
                goto fail_errno;
            }
            link[n] = '\0';
            if (fstatat(dirfd, name, &tst, 0) != 0) {
                goto fail_errno;
            }
            if (lst.st_uid != 0 && lst.st_uid != tst.st_uid) {
                out->cause = CAUSE_LINK_OWNER;
                out->detail = (int)lst.st_uid;
                apr_cpystrn(out->where, seen, sizeof(out->where));
                close(dirfd);
                return -1;
            }
            /* the link judged must be the link read: the same inode, the
             * same target, before and after */
            n2 = readlinkat(dirfd, name, check, sizeof(check) - 1);
            if (n2 != n || memcmp(check, link, (apr_size_t)n) != 0
                || fstatat(dirfd, name, &again, AT_SYMLINK_NOFOLLOW) != 0
                || again.st_ino != lst.st_ino || again.st_dev != lst.st_dev) {
                out->cause = CAUSE_CHANGING;
                close(dirfd);
                return -1;
            }
            /* go on at the link's target, then the names after it */
            if (strlen(link) + strlen(p) + 2 >= sizeof(link)) {
                errno = ENAMETOOLONG;
                goto fail_errno;
            }
            if (*p) {
                strcat(strcat(link, "/"), p);
            }
            apr_cpystrn(rest, link, sizeof(rest));
            p = rest;
            if (rest[0] == '/') {
                close(dirfd);
                dirfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
            }
            continue;
        }
        if (*p != '\0') {
            int sub = openat(dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW
                                          | O_CLOEXEC);

            close(dirfd);
            dirfd = sub;
            if (dirfd < 0) {
                goto fail_errno;
            }
            continue;
        }
        /* the last name: a regular file, judged before it is opened */
        if (!S_ISREG(lst.st_mode)) {
            out->cause = CAUSE_NOT_REGULAR;
            close(dirfd);
            return -1;
        }
        n = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW
                                | O_CLOEXEC);
        if (n < 0) {
            goto fail_errno;
        }
        close(dirfd);
        return (int)n;
    }
    if (dirfd >= 0) {
        close(dirfd);
        out->cause = CAUSE_NOT_REGULAR;
        return -1;
    }
    /* fall through: open("/") failed */
    out->cause = CAUSE_ERRNO;
    out->detail = errno;
    return -1;

fail_errno:
    out->cause = CAUSE_ERRNO;
    out->detail = errno;
    if (dirfd >= 0) {
        close(dirfd);
    }
    return -1;
}

/* Read path as the current process may.  *buf from pool. */
static void read_here(char **buf, apr_size_t *len, ag_file_id_t *id,
                      outcome_t *out, const char *path, apr_size_t max,
                      apr_pool_t *pool)
{
    struct stat before, after;
    apr_size_t got = 0;
    char extra;
    int fd;

    memset(out, 0, sizeof(*out));
    fd = open_walk(path, out);
    if (fd < 0) {
        return;
    }
    if (fstat(fd, &before) != 0) {
        out->cause = CAUSE_ERRNO;
        out->detail = errno;
        close(fd);
        return;
    }
    if (!S_ISREG(before.st_mode)) {
        out->cause = CAUSE_NOT_REGULAR;
        close(fd);
        return;
    }
    if ((apr_uint64_t)before.st_size >= (apr_uint64_t)APR_SIZE_MAX / 2
        || (max && (apr_uint64_t)before.st_size > (apr_uint64_t)max)) {
        /* refused before a byte is read or allocated */
        out->cause = CAUSE_TOO_BIG;
        out->detail = max ? (int)(max / 1024) : 0;
        close(fd);
        return;
    }
    *buf = apr_palloc(pool, (apr_size_t)before.st_size + 1);
    while (got < (apr_size_t)before.st_size) {
        ssize_t r = read(fd, *buf + got, (apr_size_t)before.st_size - got);

        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            out->cause = CAUSE_ERRNO;
            out->detail = errno;
            close(fd);
            return;
        }
        if (r == 0) {
            break;
        }
        got += (apr_size_t)r;
    }
    (*buf)[got] = '\0';
    *len = got;
    /* A file that shrank, grew or was written to meanwhile is not one
     * version of anything. */
    if (got != (apr_size_t)before.st_size || read(fd, &extra, 1) != 0
        || fstat(fd, &after) != 0
        || after.st_size != before.st_size
        || after.st_mtim.tv_sec != before.st_mtim.tv_sec
        || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec
        || after.st_ctim.tv_sec != before.st_ctim.tv_sec
        || after.st_ctim.tv_nsec != before.st_ctim.tv_nsec) {
        out->cause = CAUSE_CHANGING;
    }
    close(fd);
    if (id) {
        id_from_stat(id, &before);
    }
}

static int write_all(int fd, const void *data, apr_size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t w = write(fd, p, len);

        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return 0;
        }
        p += w;
        len -= (apr_size_t)w;
    }
    return 1;
}

static int read_all(int fd, void *data, apr_size_t len)
{
    char *p = data;

    while (len > 0) {
        ssize_t r = read(fd, p, len);

        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return 0;
        }
        p += r;
        len -= (apr_size_t)r;
    }
    return 1;
}

/* What the helper sends ahead of the file's bytes. */
typedef struct {
    outcome_t out;
    ag_file_id_t id;
    apr_uint64_t len;
} report_t;

/* The helper: become the account, read, report, exit.  Never returns. */
static void helper(int fd, const char *path, apr_size_t max,
                   apr_pool_t *pool)
{
    report_t rep;
    char *buf = NULL;
    apr_size_t len = 0;
    int ok;

    memset(&rep, 0, sizeof(rep));
    if (account.name[0] && account.name[0] != '#') {
        ok = initgroups(account.name, account.gid) == 0;
    }
    else {
        ok = setgroups(1, &account.gid) == 0;
    }
    ok = ok && setgid(account.gid) == 0 && setuid(account.uid) == 0
         && getuid() == account.uid && geteuid() == account.uid
         && getegid() == account.gid;
    if (!ok) {
        rep.out.cause = CAUSE_ACCOUNT;
        rep.out.detail = errno;
    }
    else {
        read_here(&buf, &len, &rep.id, &rep.out, path, max, pool);
        rep.len = rep.out.cause == CAUSE_NONE ? len : 0;
    }
    ok = write_all(fd, &rep, sizeof(rep))
         && (rep.len == 0 || write_all(fd, buf, len));
    _exit(ok ? 0 : 1);
}

/* Read path through a helper process running as the account. */
static void read_as_account(char **buf, apr_size_t *len, ag_file_id_t *id,
                            outcome_t *out, const char *path,
                            apr_size_t max, apr_pool_t *pool)
{
    int fds[2], status;
    pid_t pid;
    report_t rep;
    int ok;

    memset(out, 0, sizeof(*out));
    if (pipe2(fds, O_CLOEXEC) != 0) {
        out->cause = CAUSE_ERRNO;
        out->detail = errno;
        return;
    }
    pid = fork();
    if (pid < 0) {
        out->cause = CAUSE_ERRNO;
        out->detail = errno;
        close(fds[0]);
        close(fds[1]);
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        helper(fds[1], path, max, pool);
    }
    close(fds[1]);
    ok = read_all(fds[0], &rep, sizeof(rep));
    if (ok && rep.out.cause == CAUSE_NONE) {
        ok = rep.len < (apr_uint64_t)APR_SIZE_MAX / 2;
        if (ok) {
            *buf = apr_palloc(pool, (apr_size_t)rep.len + 1);
            ok = read_all(fds[0], *buf, (apr_size_t)rep.len);
        }
        if (ok) {
            (*buf)[rep.len] = '\0';
            *len = (apr_size_t)rep.len;
        }
    }
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!ok) {
        out->cause = CAUSE_ACCOUNT;
        out->detail = EIO;
        return;
    }
    *out = rep.out;
    if (id) {
        *id = rep.id;
    }
}

static const char *explain(const outcome_t *out, apr_pool_t *pool)
{
    const char *who = account.set && account.name[0]
        ? apr_psprintf(pool, " by user %s", account.name) : "";
    char ebuf[128];

    switch (out->cause) {
    case CAUSE_ERRNO:
        return apr_psprintf(pool, "cannot be read%s (%s)", who,
                            apr_strerror(out->detail, ebuf, sizeof(ebuf)));
    case CAUSE_NOT_REGULAR:
        return "is not a regular file (a FIFO, device or directory is "
               "never read)";
    case CAUSE_LINK_OWNER:
        return apr_psprintf(pool, "cannot be read: the symbolic link %s "
                            "is owned by uid %d, neither root nor the "
                            "owner of its target", out->where, out->detail);
    case CAUSE_ACCOUNT:
        return apr_psprintf(pool, "cannot be read%s: the reading helper "
                            "failed (%s)", who,
                            apr_strerror(out->detail, ebuf, sizeof(ebuf)));
    case CAUSE_TOO_BIG:
        return out->detail
               ? apr_psprintf(pool, "is larger than %d KiB, the most a file "
                              "of its kind may be here", out->detail)
               : "is too large to read";
    case CAUSE_CHANGING:
        return "is being written";
    default:
        return "cannot be read";
    }
}

apr_status_t ag_file_read(char **buf, apr_size_t *len, ag_file_id_t *id,
                          const char **why, const char *path,
                          apr_pool_t *pool)
{
    return ag_file_read_max(buf, len, id, why, path, 0, pool);
}

apr_status_t ag_file_read_max(char **buf, apr_size_t *len, ag_file_id_t *id,
                              const char **why, const char *path,
                              apr_size_t max, apr_pool_t *pool)
{
    outcome_t out;

    *why = NULL;
    if (account.set && geteuid() == 0 && account.uid != 0) {
        read_as_account(buf, len, id, &out, path, max, pool);
    }
    else {
        read_here(buf, len, id, &out, path, max, pool);
    }
    if (out.cause == CAUSE_NONE) {
        return APR_SUCCESS;
    }
    *why = explain(&out, pool);
    if (out.cause == CAUSE_CHANGING) {
        return APR_EAGAIN;
    }
    return out.cause == CAUSE_ERRNO && out.detail ? out.detail
                                                  : APR_EGENERAL;
}

const char *ag_file_confined(const char *path, const ag_file_id_t *id,
                             const apr_array_header_t *roots,
                             apr_pool_t *pool)
{
    char resolved[PATH_MAX];
    struct stat st;

    if (realpath(path, resolved) == NULL) {
        return "cannot be resolved";
    }
    if (stat(resolved, &st) != 0 || (apr_uint64_t)st.st_ino != id->inode
        || (apr_uint64_t)st.st_dev != id->device) {
        return "was replaced while it was read";
    }
    for (int i = 0; roots && i < roots->nelts; i++) {
        const char *root = APR_ARRAY_IDX(roots, i, const char *);
        apr_size_t n = strlen(root);

        while (n > 1 && root[n - 1] == '/') {
            n--;              /* "/srv/site/" and "/srv/site" alike */
        }
        if (root[0] == '/' && strncmp(resolved, root, n) == 0
            && (resolved[n] == '/' || n == 1)) {
            return NULL;
        }
    }
    return apr_psprintf(pool, "resolves to %s, outside the .htaccess "
                        "file's directory and every AuthGateTemplateDir",
                        apr_pstrdup(pool, resolved));
}
