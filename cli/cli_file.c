/*
 * cli_file.c - how the authgate command changes a file (authgate(1)):
 * atomically (temporary file, fsync, rename) under a lock, keeping its
 * mode, its owner and every line it does not mean to change.
 *
 * Which file that is, and whether it may be rewritten at all, is settled
 * first: symbolic links by cli_path.c, the file's kind by cli_kind.c.
 *
 * The lock is an flock() on the file's directory rather than on the file:
 * the file itself is replaced by each edit, so a lock on it would guard
 * an inode nobody reads any more, and a separate lock file would be left
 * lying next to the credentials.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "cli.h"

#define NEW_FILE_MODE 0640

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("authgate: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

const char *cli_record_name(const char *line, apr_pool_t *pool)
{
    const char *colon;

    while (*line == ' ' || *line == '\t') {
        line++;
    }
    if (*line == '#' || *line == '\0' || *line == '\r') {
        return NULL;
    }
    colon = strchr(line, ':');
    return colon ? apr_pstrmemdup(pool, line, (apr_size_t)(colon - line))
                 : NULL;
}

/* Read everything from fd into a NUL-terminated buffer from pool. */
static int read_fd(char **buf, apr_size_t *len, int fd, const char *path,
                   apr_pool_t *pool)
{
    struct stat st;
    apr_size_t cap, got = 0;
    char *b;

    if (fstat(fd, &st) != 0) {
        cli_error("%s: %s", path, strerror(errno));
        return CLI_IO;
    }
    cap = (apr_size_t)st.st_size + 1;
    b = apr_palloc(pool, cap);
    for (;;) {
        ssize_t n;

        if (got + 1 == cap) {
            char *bigger = apr_palloc(pool, cap * 2);

            memcpy(bigger, b, got);
            b = bigger;
            cap *= 2;
        }
        n = read(fd, b + got, cap - got - 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            cli_error("%s: %s", path, strerror(errno));
            return CLI_IO;
        }
        if (n == 0) {
            break;
        }
        got += (apr_size_t)n;
    }
    b[got] = '\0';
    *buf = b;
    *len = got;
    return CLI_OK;
}

int cli_file_read(char **buf, apr_size_t *len, const char *path,
                  apr_pool_t *pool)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    int rc;

    if (fd < 0) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        return CLI_IO;
    }
    if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        cli_error("cannot read %s: not a regular file", path);
        close(fd);
        return CLI_IO;
    }
    rc = read_fd(buf, len, fd, path, pool);
    close(fd);
    return rc;
}

static void split_lines(cli_text_t *text, const char *buf, apr_size_t len,
                        apr_pool_t *pool)
{
    const char *p = buf, *end = buf + len;

    text->lines = apr_array_make(pool, 64, sizeof(char *));
    while (p < end) {
        const char *nl = memchr(p, '\n', (apr_size_t)(end - p));
        const char *q = nl ? nl : end;

        APR_ARRAY_PUSH(text->lines, char *) =
            apr_pstrmemdup(pool, p, (apr_size_t)(q - p));
        p = nl ? nl + 1 : end;
    }
}

static int write_all(int fd, const char *s, apr_size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, s, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -1;
        }
        s += n;
        len -= (apr_size_t)n;
    }
    return 0;
}

/* Create a temporary file with a name no one can guess beside the file
 * in place->dirfd: O_EXCL and O_NOFOLLOW, so that nothing already there,
 * link or not, is ever opened.  Returns its descriptor and sets *tmp, or
 * -1 with errno set. */
static int make_temp(const char **tmp, const cli_place_t *place,
                     apr_pool_t *pool)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
                              "qrstuvwxyz0123456789-_";

    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned char rnd[8];
        char suffix[sizeof(rnd) + 1];
        int fd;

        if (apr_generate_random_bytes(rnd, sizeof(rnd)) != APR_SUCCESS) {
            errno = EIO;
            return -1;
        }
        for (apr_size_t i = 0; i < sizeof(rnd); i++) {
            suffix[i] = abc[rnd[i] & 63];
        }
        suffix[sizeof(rnd)] = '\0';
        *tmp = apr_psprintf(pool, ".%s.authgate-%s", place->base, suffix);
        fd = openat(place->dirfd, *tmp, O_WRONLY | O_CREAT | O_EXCL
                                        | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
    errno = EEXIST;
    return -1;
}

/* The group a new file is given: httpd's.  Returns CLI_OK with *gid
 * ((gid_t)-1: leave it) and *asked (it came from AUTHGATE_GROUP), or
 * CLI_FAIL (reported). */
static int new_file_group(gid_t *gid, const char **name, int *asked,
                          apr_pool_t *pool)
{
    cli_httpd_t h;

    if (cli_httpd_find(&h, pool) != CLI_OK) {
        return CLI_FAIL;
    }
    *gid = h.group ? h.gid : (gid_t)-1;
    *name = h.group;
    *asked = h.group_asked;
    return CLI_OK;
}

/* Write text to a new temporary file beside the file and rename it over
 * the file.  st describes the original (NULL for a new file). */
static int replace_file(const cli_place_t *place, const cli_text_t *text,
                        const struct stat *st, apr_pool_t *pool)
{
    const char *tmp = NULL, *what = "write", *group = NULL;
    gid_t gid = (gid_t)-1;
    int fd, asked = 0;

    if (st == NULL && new_file_group(&gid, &group, &asked, pool) != CLI_OK) {
        return CLI_FAIL;
    }
    if ((fd = make_temp(&tmp, place, pool)) < 0) {
        cli_error("cannot create a temporary file in %s: %s", place->dir,
                  strerror(errno));
        return CLI_IO;
    }
    for (int i = 0; i < text->lines->nelts; i++) {
        const char *line = APR_ARRAY_IDX(text->lines, i, const char *);

        if (write_all(fd, line, strlen(line)) != 0
            || write_all(fd, "\n", 1) != 0) {
            goto fail;
        }
    }
    what = "set the mode of";
    if (fchmod(fd, st ? (st->st_mode & 07777) : NEW_FILE_MODE) != 0) {
        goto fail;
    }
    /* Keep the owner; only root may give a file away, and a file we
     * could not give back must not replace the original. */
    what = "set the owner of";
    if (st && (st->st_uid != geteuid() || st->st_gid != getegid())
        && fchown(fd, st->st_uid, st->st_gid) != 0) {
        goto fail;
    }
    /* A new file goes to httpd's group, so that the server can read it;
     * a group we may not give it is fatal only when it was asked for. */
    if (st == NULL && gid != (gid_t)-1 && gid != getegid()
        && fchown(fd, (uid_t)-1, gid) != 0) {
        if (asked) {
            what = apr_pstrcat(pool, "give the group ", group, " to",
                               NULL);
            goto fail;
        }
        cli_error("warning: cannot give %s to httpd's group %s (%s); "
                  "httpd may be unable to read it", place->path, group,
                  strerror(errno));
    }
    what = "flush";
    if (fsync(fd) != 0) {
        goto fail;
    }
    close(fd);
    fd = -1;
    what = "rename";
    if (renameat(place->dirfd, tmp, place->dirfd, place->base) != 0) {
        goto fail;
    }
    (void)fsync(place->dirfd);
    return CLI_OK;

fail:
    cli_error("cannot %s %s: %s", what,
              fd >= 0 ? apr_pstrcat(pool, place->dir, "/", tmp, NULL)
                      : place->path,
              strerror(errno));
    if (fd >= 0) {
        close(fd);
    }
    unlinkat(place->dirfd, tmp, 0);
    return CLI_IO;
}

int cli_file_edit(const char *path, cli_kind_e kind, int create,
                  cli_edit_fn *edit, void *baton, apr_pool_t *pool)
{
    cli_place_t place;
    struct stat st;
    cli_text_t text = { NULL, 0 };
    char *buf = "";
    apr_size_t len = 0;
    int fd, rc;

    /* Links are resolved here, once, and only where they may be
     * followed; from now on the file is its name in place.dirfd. */
    if ((rc = cli_path_resolve(&place, path, pool)) != CLI_OK) {
        return rc;
    }
    if (flock(place.dirfd, LOCK_EX) != 0) {
        cli_error("cannot lock the directory %s: %s", place.dir,
                  strerror(errno));
        close(place.dirfd);
        return CLI_IO;
    }
    /* O_NOFOLLOW: a link put in the file's place since it was judged is
     * not followed; O_NONBLOCK: a FIFO does not hang the command. */
    fd = openat(place.dirfd, place.base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK
                                         | O_CLOEXEC);
    if (fd >= 0) {
        rc = fstat(fd, &st) == 0 ? CLI_OK : CLI_IO;
        if (rc == CLI_OK && !S_ISREG(st.st_mode)) {
            cli_error("%s is not a regular file", place.path);
            rc = CLI_IO;
        }
        if (rc == CLI_OK) {
            rc = read_fd(&buf, &len, fd, place.path, pool);
        }
        close(fd);
        if (rc == CLI_OK) {
            rc = cli_kind_check(kind, place.path, buf, len, pool);
        }
        if (rc != CLI_OK) {
            close(place.dirfd);
            return rc;
        }
        text.existed = 1;
    }
    else if (errno == ELOOP) {
        cli_error("%s became a symbolic link while it was being opened; "
                  "nothing was changed", place.path);
        close(place.dirfd);
        return CLI_FAIL;
    }
    else if (errno != ENOENT || !create) {
        cli_error("cannot read %s: %s", place.path, strerror(errno));
        close(place.dirfd);
        return CLI_IO;
    }
    split_lines(&text, buf, len, pool);
    rc = edit(&text, baton, pool);
    if (rc == CLI_UNCHANGED) {
        rc = CLI_OK;
    }
    else if (rc == CLI_OK) {
        rc = replace_file(&place, &text, text.existed ? &st : NULL, pool);
    }
    close(place.dirfd);   /* releases the lock */
    return rc;
}
