/*
 * cli_path.c - where a file the authgate command edits really is
 * (authgate(1)): the path is walked one name at a time, and a symbolic link
 * on the way is followed only when its owner is root or the owner of its
 * target, so that whoever may write a directory cannot point a
 * name in it at a file root would then rewrite.
 *
 * The walk holds a descriptor of each directory it passes and never lets
 * the kernel follow a link, so a name swapped for a link after it was
 * judged is not followed either: the caller works in the directory the
 * walk ended in through that descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <apr_strings.h>

#include "cli.h"

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

#define MAX_LINKS 40     /* as the kernel's own limit (ELOOP) */

/* "name (uid N)" or "uid N". */
static const char *who(uid_t uid, apr_pool_t *pool)
{
    struct passwd *pw = getpwuid(uid);

    return pw ? apr_psprintf(pool, "%s (uid %lu)", pw->pw_name,
                             (unsigned long)uid)
              : apr_psprintf(pool, "uid %lu", (unsigned long)uid);
}

/* shown joined with name, for messages: "" is the current directory. */
static const char *join(const char *shown, const char *name,
                        apr_pool_t *pool)
{
    if (*shown == '\0') {
        return name;
    }
    return apr_pstrcat(pool, shown,
                       shown[strlen(shown) - 1] == '/' ? "" : "/", name,
                       NULL);
}

/* Judge the link name in dirfd (lst: its own lstat): CLI_OK with its
 * text in *target, or a status after reporting. */
static int judge_link(const char **target, int dirfd, const char *name,
                      const char *shown, const struct stat *lst,
                      apr_pool_t *pool)
{
    apr_size_t cap = lst->st_size > 0 && lst->st_size < PATH_MAX
                         ? (apr_size_t)lst->st_size + 1 : PATH_MAX;
    char *text = apr_palloc(pool, cap);
    ssize_t n = readlinkat(dirfd, name, text, cap);
    struct stat tst;
    uid_t owner;
    int dangling = 0;

    if (n < 0 || (apr_size_t)n >= cap) {
        cli_error("cannot read the symbolic link %s: %s", shown,
                  n < 0 ? strerror(errno) : "it changed while being read");
        return CLI_IO;
    }
    text[n] = '\0';
    if (fstatat(dirfd, name, &tst, 0) == 0) {
        owner = tst.st_uid;
    }
    else if (errno == ENOENT) {
        owner = geteuid();   /* the file would be created by us */
        dangling = 1;
    }
    else {
        cli_error("cannot follow the symbolic link %s: %s", shown,
                  strerror(errno));
        return CLI_IO;
    }
    if (lst->st_uid != 0 && lst->st_uid != owner) {
        cli_error("%s is a symbolic link owned by %s to %s, which %s; a "
                  "link is followed only when root or the owner of its "
                  "target owns it.  Nothing was changed", shown,
                  who(lst->st_uid, pool), text,
                  dangling
                      ? apr_pstrcat(pool, "does not exist and would be "
                                    "created by ", who(owner, pool), NULL)
                      : apr_pstrcat(pool, "belongs to ", who(owner, pool),
                                    NULL));
        return CLI_FAIL;
    }
    *target = text;
    return CLI_OK;
}

/* Replace *fd by a descriptor of the directory name in it. */
static int enter(int *fd, const char *name, const char *shown)
{
    int next = openat(*fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW
                                 | O_CLOEXEC);

    if (next < 0) {
        cli_error("cannot open the directory %s: %s", shown,
                  strerror(errno));
        return CLI_IO;
    }
    close(*fd);
    *fd = next;
    return CLI_OK;
}

int cli_path_resolve(cli_place_t *place, const char *path, apr_pool_t *pool)
{
    const char *rest = path, *shown = *path == '/' ? "/" : "";
    const char *name = NULL;
    int fd = open(*path == '/' ? "/" : ".", O_PATH | O_DIRECTORY
                                            | O_CLOEXEC);
    int links = 0, rc = CLI_IO;

    if (fd < 0) {
        cli_error("cannot open the directory of %s: %s", path,
                  strerror(errno));
        return CLI_IO;
    }
    for (;;) {
        const char *end, *here;
        struct stat lst;
        int last;

        while (*rest == '/') {
            rest++;
        }
        if (*rest == '\0') {      /* "", "/" or a name ending in '/' */
            cli_error("'%s' does not name a file", path);
            goto done;
        }
        end = strchr(rest, '/');
        name = end ? apr_pstrmemdup(pool, rest, (apr_size_t)(end - rest))
                   : rest;
        rest = end ? end : "";
        last = end == NULL;
        here = join(shown, name, pool);
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
            if (last) {
                cli_error("'%s' does not name a file", path);
                goto done;
            }
            if (name[1] == '.') {
                if (enter(&fd, name, here) != CLI_OK) {
                    goto done;
                }
                shown = here;
            }
            continue;
        }
        if (fstatat(fd, name, &lst, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT && last) {
                break;           /* a file to be created */
            }
            cli_error("cannot reach %s: %s", here, strerror(errno));
            goto done;
        }
        if (S_ISLNK(lst.st_mode)) {
            const char *target;

            if (++links > MAX_LINKS) {
                cli_error("%s: too many levels of symbolic links", path);
                goto done;
            }
            if ((rc = judge_link(&target, fd, name, here, &lst, pool))
                != CLI_OK) {
                goto done;
            }
            rc = CLI_IO;
            rest = apr_pstrcat(pool, target, rest, NULL);
            if (*target == '/') {
                close(fd);
                fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
                if (fd < 0) {
                    cli_error("cannot open the directory /: %s",
                              strerror(errno));
                    goto done;
                }
                shown = "/";
            }
            continue;
        }
        if (last) {
            break;
        }
        if (enter(&fd, name, here) != CLI_OK) {
            goto done;
        }
        shown = here;
    }
    place->dirfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (place->dirfd < 0) {
        cli_error("cannot open the directory %s: %s",
                  *shown ? shown : ".", strerror(errno));
        goto done;
    }
    place->dir = *shown ? shown : ".";
    place->base = name;
    place->path = join(shown, name, pool);
    rc = CLI_OK;
done:
    if (fd >= 0) {
        close(fd);
    }
    return rc;
}
