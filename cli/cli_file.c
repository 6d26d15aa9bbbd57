/*
 * cli_file.c - how the authgate command changes a file (SPEC section 6):
 * atomically (temporary file, fsync, rename) under a lock, keeping its
 * mode, its owner and every line it does not mean to change.
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
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

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
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int rc;

    if (fd < 0) {
        cli_error("cannot read %s: %s", path, strerror(errno));
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

/* Write text to a new temporary file beside path and rename it over path.
 * st describes the original (NULL for a new file). */
static int replace_file(const char *path, const char *dir, int dirfd,
                        const cli_text_t *text, const struct stat *st,
                        apr_pool_t *pool)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *tmp = apr_psprintf(pool, "%s/.%s.authgate-XXXXXX", dir, base);
    int fd = mkstemp(tmp);
    const char *what = "write";

    if (fd < 0) {
        cli_error("cannot create a temporary file in %s: %s", dir,
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
    what = "flush";
    if (fsync(fd) != 0) {
        goto fail;
    }
    close(fd);
    fd = -1;
    what = "rename";
    if (rename(tmp, path) != 0) {
        goto fail;
    }
    (void)fsync(dirfd);
    return CLI_OK;

fail:
    cli_error("cannot %s %s: %s", what, fd >= 0 ? tmp : path,
              strerror(errno));
    if (fd >= 0) {
        close(fd);
    }
    unlink(tmp);
    return CLI_IO;
}

int cli_file_edit(const char *path, int create, cli_edit_fn *edit,
                  void *baton, apr_pool_t *pool)
{
    char *real = realpath(path, NULL);   /* malloc'd by libc: copied and
                                            freed at once */
    const char *slash, *dir;
    struct stat st;
    cli_text_t text = { NULL, 0 };
    char *buf = "";
    apr_size_t len = 0;
    int dirfd, fd, rc;

    /* Edit the file a symbolic link points to, not the link. */
    if (real) {
        path = apr_pstrdup(pool, real);
        free(real);
    }
    slash = strrchr(path, '/');
    dir = slash == NULL ? "."
        : slash == path ? "/"
        : apr_pstrmemdup(pool, path, (apr_size_t)(slash - path));
    dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        cli_error("cannot open the directory %s: %s", dir, strerror(errno));
        return CLI_IO;
    }
    if (flock(dirfd, LOCK_EX) != 0) {
        cli_error("cannot lock the directory %s: %s", dir, strerror(errno));
        close(dirfd);
        return CLI_IO;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        rc = fstat(fd, &st) == 0 ? read_fd(&buf, &len, fd, path, pool)
                                 : CLI_IO;
        close(fd);
        if (rc != CLI_OK) {
            close(dirfd);
            return rc;
        }
        if (!S_ISREG(st.st_mode)) {
            cli_error("%s is not a regular file", path);
            close(dirfd);
            return CLI_IO;
        }
        text.existed = 1;
    }
    else if (errno != ENOENT || !create) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        close(dirfd);
        return CLI_IO;
    }
    split_lines(&text, buf, len, pool);
    rc = edit(&text, baton, pool);
    if (rc == CLI_UNCHANGED) {
        rc = CLI_OK;
    }
    else if (rc == CLI_OK) {
        rc = replace_file(path, dir, dirfd, &text,
                          text.existed ? &st : NULL, pool);
    }
    close(dirfd);   /* releases the lock */
    return rc;
}
