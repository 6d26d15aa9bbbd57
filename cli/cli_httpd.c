/*
 * cli_httpd.c - who httpd's children run as, for the authgate command
 * (authgate(1)): the group a new file is given so that the
 * server can read it at once, and whether httpd's User could read a file
 * that "authgate check" is given.
 *
 * On Debian, httpd's User and Group are APACHE_RUN_USER and
 * APACHE_RUN_GROUP of /etc/apache2/envvars (or $APACHE_CONFDIR/envvars,
 * as apache2ctl reads it).  That file is a shell script; it is read here
 * as text and never run: only plain assignments of a plain name count,
 * and a value that needs the shell ($, `, \) is treated as unknown.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <apr_file_info.h>
#include <apr_strings.h>

#include "cli.h"

#define DEFAULT_CONFDIR "/etc/apache2"
#define DEFAULT_NAME "www-data"
#define ENVVARS_MAX (64 * 1024)

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* The value of one plain assignment "[export ]NAME=VALUE" in line[0..len)
 * for var: 1 with *value (NULL when the value is not a plain name), or 0
 * when the line assigns no such variable. */
static int assignment(const char **value, const char *line, apr_size_t len,
                      const char *var, apr_pool_t *pool)
{
    const char *p = line, *end = line + len, *start;
    apr_size_t vlen = strlen(var);
    char quote = 0;

    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    if (end - p > 7 && memcmp(p, "export", 6) == 0
        && (p[6] == ' ' || p[6] == '\t')) {
        p += 6;
        while (p < end && (*p == ' ' || *p == '\t')) {
            p++;
        }
    }
    if ((apr_size_t)(end - p) <= vlen || memcmp(p, var, vlen) != 0
        || p[vlen] != '=') {
        return 0;
    }
    *value = NULL;
    p += vlen + 1;
    if (p < end && (*p == '"' || *p == '\'')) {
        quote = *p++;
    }
    start = p;
    while (p < end && name_char(*p)) {
        p++;
    }
    if (p == start || *start == '-') {
        return 1;
    }
    len = (apr_size_t)(p - start);
    if (quote) {
        if (p == end || *p != quote) {
            return 1;
        }
        p++;
    }
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    if (p == end || *p == ';' || *p == '#') {
        *value = apr_pstrmemdup(pool, start, len);
    }
    return 1;
}

/* The value the last assignment of var in envvars gives it, or NULL. */
static const char *envvar(const char *buf, apr_size_t len, const char *var,
                          apr_pool_t *pool)
{
    const char *p = buf, *end = buf + len, *value = NULL;

    while (p < end) {
        const char *nl = memchr(p, '\n', (apr_size_t)(end - p));
        const char *q = nl ? nl : end;
        const char *v;

        if (assignment(&v, p, (apr_size_t)(q - p), var, pool)) {
            value = v;
        }
        p = nl ? nl + 1 : end;
    }
    return value;
}

/* Debian's envvars as text, or NULL when there is none to read. */
static const char *read_envvars(apr_size_t *len, apr_pool_t *pool)
{
    const char *dir = getenv("APACHE_CONFDIR");
    const char *path = apr_pstrcat(pool, dir && *dir ? dir
                                                     : DEFAULT_CONFDIR,
                                   "/envvars", NULL);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    char *buf = NULL;
    ssize_t n = -1;

    if (fd < 0) {
        return NULL;
    }
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
        && st.st_size < ENVVARS_MAX) {
        buf = apr_palloc(pool, ENVVARS_MAX);
        n = read(fd, buf, ENVVARS_MAX - 1);
    }
    close(fd);
    if (n < 0) {
        return NULL;
    }
    *len = (apr_size_t)n;
    return buf;
}

static int all_digits(const char *s)
{
    if (*s == '\0') {
        return 0;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return 0;
        }
    }
    return 1;
}

static const struct passwd *find_user(const char *name)
{
    const struct passwd *pw = getpwnam(name);

    return pw || !all_digits(name) ? pw
                                   : getpwuid((uid_t)strtoul(name, NULL,
                                                             10));
}

/* Fill h's group from name; 0 when there is no such group. */
static int set_group(cli_httpd_t *h, const char *name, apr_pool_t *pool)
{
    const struct group *gr = getgrnam(name);

    if (gr) {
        h->group = apr_pstrdup(pool, gr->gr_name);
        h->gid = gr->gr_gid;
        return 1;
    }
    if (all_digits(name)) {
        h->gid = (gid_t)strtoul(name, NULL, 10);
        gr = getgrgid(h->gid);
        h->group = apr_pstrdup(pool, gr ? gr->gr_name : name);
        return 1;
    }
    return 0;
}

int cli_httpd_find(cli_httpd_t *h, apr_pool_t *pool)
{
    const char *env_user = getenv("AUTHGATE_USER");
    const char *env_group = getenv("AUTHGATE_GROUP");
    const char *envvars, *user = NULL, *group = NULL;
    const struct passwd *pw;
    apr_size_t len = 0;

    memset(h, 0, sizeof(*h));
    env_user = env_user && *env_user ? env_user : NULL;
    env_group = env_group && *env_group ? env_group : NULL;
    envvars = read_envvars(&len, pool);
    if (env_user) {
        user = env_user;
    }
    else if (envvars) {
        user = envvar(envvars, len, "APACHE_RUN_USER", pool);
    }
    if ((pw = find_user(user ? user : DEFAULT_NAME)) != NULL) {
        h->user = apr_pstrdup(pool, pw->pw_name);
        h->uid = pw->pw_uid;
        h->user_gid = pw->pw_gid;
    }
    else if (env_user) {
        cli_error("AUTHGATE_USER: there is no user '%s'", env_user);
        return CLI_FAIL;
    }
    if (env_group) {
        if (!set_group(h, env_group, pool)) {
            cli_error("AUTHGATE_GROUP: there is no group '%s'", env_group);
            return CLI_FAIL;
        }
        h->group_asked = 1;
        return CLI_OK;
    }
    if (!env_user && envvars) {
        group = envvar(envvars, len, "APACHE_RUN_GROUP", pool);
    }
    if (group && set_group(h, group, pool)) {
        return CLI_OK;
    }
    if (h->user) {
        const struct group *gr = getgrgid(h->user_gid);

        h->gid = h->user_gid;
        h->group = gr ? apr_pstrdup(pool, gr->gr_name)
                      : apr_psprintf(pool, "%lu", (unsigned long)h->gid);
        return CLI_OK;
    }
    (void)set_group(h, DEFAULT_NAME, pool);
    return CLI_OK;
}

/* "mode 0700, owner root, group root" */
static const char *describe(const struct stat *st, apr_pool_t *pool)
{
    const struct passwd *pw = getpwuid(st->st_uid);
    const struct group *gr = getgrgid(st->st_gid);

    return apr_psprintf(pool, "mode %04o, owner %s, group %s",
                        (unsigned)(st->st_mode & 07777),
                        pw ? apr_pstrdup(pool, pw->pw_name)
                           : apr_psprintf(pool, "%lu",
                                          (unsigned long)st->st_uid),
                        gr ? apr_pstrdup(pool, gr->gr_name)
                           : apr_psprintf(pool, "%lu",
                                          (unsigned long)st->st_gid));
}

typedef struct {
    const cli_httpd_t *h;
    gid_t *groups;
    int ngroups;
} access_t;

/* Whether the mode bits of st let httpd's user do bit (4 read, 1
 * search), judged as the kernel does: owner, else group, else others. */
static int may(const access_t *a, const struct stat *st, unsigned bit)
{
    unsigned mode = (unsigned)st->st_mode;

    if (a->h->uid == 0) {
        return 1;
    }
    if (st->st_uid == a->h->uid) {
        return (mode >> 6) & bit;
    }
    for (int i = 0; i < a->ngroups; i++) {
        if (a->groups[i] == st->st_gid) {
            return (mode >> 3) & bit;
        }
    }
    return mode & bit;
}

/* Why httpd's user could not search every directory on the absolute
 * path abs up to its last name, or NULL. */
static const char *search_path(const access_t *a, const char *abs,
                               apr_pool_t *pool)
{
    const char *slash = abs;

    while ((slash = strchr(slash, '/')) != NULL) {
        const char *dir = slash == abs
                              ? "/"
                              : apr_pstrmemdup(pool, abs,
                                               (apr_size_t)(slash - abs));
        struct stat st;

        slash++;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            continue;             /* reported elsewhere, if at all */
        }
        if (!may(a, &st, 1)) {
            return apr_psprintf(pool, "cannot search the directory %s "
                                "(%s)", dir, describe(&st, pool));
        }
    }
    return NULL;
}

const char *cli_httpd_cannot_read(const cli_httpd_t *h, const char *path,
                                  apr_pool_t *pool)
{
    access_t a = { h, NULL, 0 };
    const char *abs = path, *why;
    char *cwd, *real;
    struct stat st;
    int n = 64;

    if (h->user == NULL || h->uid == 0) {
        return NULL;
    }
    for (;;) {
        a.groups = apr_palloc(pool, sizeof(gid_t) * (apr_size_t)n);
        a.ngroups = n;
        if (getgrouplist(h->user, h->group ? h->gid : h->user_gid,
                         a.groups, &a.ngroups) >= 0) {
            break;
        }
        if (a.ngroups <= n) {
            return NULL;
        }
        n = a.ngroups;
    }
    if (*path != '/') {
        if (apr_filepath_get(&cwd, APR_FILEPATH_NATIVE, pool)
            != APR_SUCCESS) {
            return NULL;
        }
        abs = apr_pstrcat(pool, cwd, "/", path, NULL);
    }
    why = search_path(&a, abs, pool);
    if (why == NULL && (real = realpath(abs, NULL)) != NULL) {
        /* the directories a symbolic link leads through, too */
        const char *copy = apr_pstrdup(pool, real);

        free(real);   /* malloc'd by libc */
        why = search_path(&a, copy, pool);
    }
    if (why == NULL && stat(abs, &st) == 0 && !may(&a, &st, 4)) {
        why = apr_psprintf(pool, "cannot read it (%s)", describe(&st, pool));
    }
    return why ? apr_psprintf(pool, "httpd's user %s (group %s) %s",
                              h->user, h->group ? h->group : "?", why)
               : NULL;
}
