/*
 * cli_check.c - "authgate check" (authgate(1)): lint user, role and
 * token files, each by its kind, and cross-check them.  Unlike the
 * module, which refuses a file at its first broken line, check reports
 * every problem it finds as FILE:LINE: error|warning: message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <apr_hash.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_lines.h"
#include "ag_passwd.h"
#include "ag_rolefile.h"
#include "ag_time.h"
#include "ag_tokenfile.h"
#include "ag_userfile.h"
#include "cli.h"

#define CHECK_USAGE \
    "usage: authgate check [--users FILE] [--roles FILE] [--tokens FILE]\n" \
    "                      [--strict]\n" \
    "\n" \
    "Check the files given, each by its kind, and that every token's user\n" \
    "is in the user or role file given.  Problems are printed as\n" \
    "FILE:LINE: error: ... or FILE:LINE: warning: ...\n" \
    "\n" \
    "Errors: unparseable line, duplicate name, unknown hash format,\n" \
    "plain-text or DES password, bad date, bad state, unknown token user.\n" \
    "Warnings: {SHA}, apr1, bcrypt below cost 10; FILE:0 for a file\n" \
    "httpd's User could not read, judged by the mode bits of the file and\n" \
    "of the directories above it.  That user is $AUTHGATE_USER, else\n" \
    "APACHE_RUN_USER of /etc/apache2/envvars (read, never run), else\n" \
    "www-data; its group $AUTHGATE_GROUP, else APACHE_RUN_GROUP, else\n" \
    "the user's own.\n" \
    "\n" \
    "Exit status: 0 no errors (with --strict: no warnings either), 1\n" \
    "errors, 2 a file cannot be read, 64 wrong arguments.\n"

typedef struct {
    int errors;
    int warnings;
    apr_hash_t *users;        /* names from the user and role files */
    int have_users;           /* a user or role file was given */
    cli_httpd_t httpd;        /* who must be able to read the files */
} lint_t;

static void report(lint_t *l, const char *file, unsigned line, int error,
                   const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(lint_t *l, const char *file, unsigned line, int error,
                   const char *fmt, ...)
{
    va_list ap;

    printf("%s:%u: %s: ", file, line, error ? "error" : "warning");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    if (error) {
        l->errors++;
    }
    else {
        l->warnings++;
    }
}

/* Every file is read with the privileges of httpd's User, so
 * one that user cannot read is unreadable to the module everywhere
 * (README, "Security model"). */
static void lint_access(lint_t *l, const char *file, apr_pool_t *pool)
{
    const char *why = cli_httpd_cannot_read(&l->httpd, file, pool);

    if (why) {
        report(l, file, 0, 0, "%s, so the module cannot use this file",
               why);
    }
}

/* The first line each name was seen on; reports later ones. */
static void seen(lint_t *l, apr_hash_t *names, const char *file,
                 unsigned line, const char *what, const char *name,
                 apr_pool_t *pool)
{
    unsigned *first = apr_hash_get(names, name, APR_HASH_KEY_STRING);

    if (first) {
        report(l, file, line, 1, "duplicate %s '%s' (first on line %u; "
               "this one is ignored)", what, name, *first);
        return;
    }
    first = apr_palloc(pool, sizeof(*first));
    *first = line;
    apr_hash_set(names, name, APR_HASH_KEY_STRING, first);
}

static void lint_hash(lint_t *l, const char *file, unsigned line,
                      const char *hash)
{
    switch (ag_passwd_kind(hash)) {
    case AG_HASH_UNKNOWN:
        if (*hash == '\0') {
            report(l, file, line, 1, "the password hash is empty");
        }
        else if (*hash == '$' || *hash == '{') {
            report(l, file, line, 1, "unknown hash format; this account "
                   "can never log in");
        }
        else {
            report(l, file, line, 1, "the password looks like plain text, "
                   "which is never accepted; set it with authgate passwd");
        }
        break;
    case AG_HASH_DES:
        report(l, file, line, 1, "DES crypt hash, which is never accepted; "
               "set the password again with authgate passwd");
        break;
    case AG_HASH_SHA1:
        report(l, file, line, 0, "{SHA} hash (unsalted SHA-1); use "
               "yescrypt or bcrypt");
        break;
    case AG_HASH_APR1:
        report(l, file, line, 0, "apr1 (MD5) hash; use yescrypt or bcrypt");
        break;
    case AG_HASH_BCRYPT:                 /* $2y$NN$ */
        if (strlen(hash) > 7 && apr_isdigit(hash[4]) && apr_isdigit(hash[5])
            && (hash[4] - '0') * 10 + (hash[5] - '0') < 10) {
            report(l, file, line, 0, "bcrypt cost %c below 10; use 10 or "
                   "more", hash[5]);
        }
        break;
    default:
        break;
    }
}

/* Each record line is given to the module's own parser on its own, so
 * that check calls a line broken exactly when the module would refuse the
 * file because of it. */
typedef int parse_one_fn(void **db, ag_parse_error_t *err, const char *buf,
                         apr_size_t len, apr_pool_t *pool);

static int parse_user_line(void **db, ag_parse_error_t *err,
                           const char *buf, apr_size_t len, apr_pool_t *pool)
{
    return ag_userdb_parse((ag_userdb_t **)db, err, buf, len, pool);
}

static int parse_role_line(void **db, ag_parse_error_t *err,
                           const char *buf, apr_size_t len, apr_pool_t *pool)
{
    return ag_roledb_parse((ag_roledb_t **)db, err, buf, len, pool);
}

static void lint_user(lint_t *l, const char *file, unsigned line,
                      const void *db, apr_hash_t *names, apr_pool_t *pool)
{
    apr_hash_index_t *hi = apr_hash_first(pool,
                                          ((const ag_userdb_t *)db)->users);
    const ag_user_t *u = apr_hash_this_val(hi);
    const char *name = apr_pstrdup(pool, u->name);

    seen(l, names, file, line, "user", name, pool);
    apr_hash_set(l->users, name, APR_HASH_KEY_STRING, name);
    lint_hash(l, file, line, u->hash);
}

static void lint_role(lint_t *l, const char *file, unsigned line,
                      const void *db, apr_hash_t *names, apr_pool_t *pool)
{
    const ag_roledb_t *rdb = db;
    apr_hash_index_t *hi;

    hi = apr_hash_first(pool, rdb->roles);
    seen(l, names, file, line, "role", apr_pstrdup(pool, apr_hash_this_key(hi)),
         pool);
    for (hi = apr_hash_first(pool, rdb->by_user); hi; hi = apr_hash_next(hi)) {
        const char *user = apr_pstrdup(pool, apr_hash_this_key(hi));

        apr_hash_set(l->users, user, APR_HASH_KEY_STRING, user);
    }
}

static void lint_lines(lint_t *l, const char *file, const char *buf,
                       apr_size_t len, parse_one_fn *parse,
                       void (*each)(lint_t *, const char *, unsigned,
                                    const void *, apr_hash_t *,
                                    apr_pool_t *),
                       apr_pool_t *pool)
{
    apr_hash_t *names = apr_hash_make(pool);
    apr_pool_t *scratch;
    ag_parse_error_t err;
    ag_lines_t it;
    const char *line;
    apr_size_t n;
    int rc;

    apr_pool_create(&scratch, pool);
    ag_lines_init(&it, buf, len);
    while ((rc = ag_lines_next(&it, &line, &n, &err)) != 0) {
        void *db;

        apr_pool_clear(scratch);
        if (rc < 0) {
            report(l, file, err.line, 1, "unparseable line: %s", err.msg);
            continue;
        }
        if (parse(&db, &err, line, n, scratch) != APR_SUCCESS) {
            report(l, file, it.lineno, 1, "unparseable line: %s", err.msg);
            continue;
        }
        each(l, file, it.lineno, db, names, pool);
    }
    apr_pool_destroy(scratch);
}

/* Read and lint a user or role file; 0 when it cannot be read. */
static int lint_file(lint_t *l, const char *path, parse_one_fn *parse,
                     void (*each)(lint_t *, const char *, unsigned,
                                  const void *, apr_hash_t *, apr_pool_t *),
                     apr_pool_t *pool)
{
    char *buf;
    apr_size_t len;

    if (cli_file_read(&buf, &len, path, pool) != CLI_OK) {
        return 0;
    }
    l->have_users = 1;
    lint_access(l, path, pool);
    lint_lines(l, path, buf, len, parse, each, pool);
    return 1;
}

static void lint_tokens(lint_t *l, const char *file, const char *buf,
                        apr_size_t len, apr_pool_t *pool)
{
    apr_hash_t *names = apr_hash_make(pool);
    ag_parse_error_t err;
    ag_lines_t it;
    const char *line, *broken;
    apr_size_t n;
    int rc;

    ag_lines_init(&it, buf, len);
    while ((rc = ag_lines_next(&it, &line, &n, &err)) != 0) {
        ag_token_t t;

        if (rc < 0) {
            report(l, file, err.line, 1, "unparseable line: %s", err.msg);
            continue;
        }
        if ((broken = ag_token_parse_line(&t, line, n, pool)) != NULL) {
            report(l, file, it.lineno, 1, "unparseable line: %s", broken);
            continue;
        }
        seen(l, names, file, it.lineno, "token ID", t.id, pool);
        if (t.problem) {
            report(l, file, it.lineno, 1, "%s; the token can never be "
                   "used", t.problem);
        }
        if (l->have_users
            && apr_hash_get(l->users, t.user, APR_HASH_KEY_STRING) == NULL) {
            report(l, file, it.lineno, 1, "token user '%s' is in neither "
                   "the user nor the role file", t.user);
        }
    }
}

int cli_check(int argc, const char *const *argv, apr_pool_t *pool)
{
    const char *users = NULL, *roles = NULL, *tokens = NULL;
    lint_t l;
    int strict = 0, unreadable = 0;
    char *buf;
    apr_size_t len;

    if (cli_wants_help(argc, argv)) {
        fputs(CHECK_USAGE, stdout);
        return CLI_OK;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--users") == 0 && i + 1 < argc) {
            users = argv[++i];
        }
        else if (strcmp(a, "--roles") == 0 && i + 1 < argc) {
            roles = argv[++i];
        }
        else if (strcmp(a, "--tokens") == 0 && i + 1 < argc) {
            tokens = argv[++i];
        }
        else if (strcmp(a, "--strict") == 0) {
            strict = 1;
        }
        else {
            cli_error("check: unknown or incomplete argument '%s'", a);
            fputs(CHECK_USAGE, stderr);
            return CLI_USAGE;
        }
    }
    if (!users && !roles && !tokens) {
        cli_error("check needs at least one of --users, --roles, --tokens");
        fputs(CHECK_USAGE, stderr);
        return CLI_USAGE;
    }
    memset(&l, 0, sizeof(l));
    if (cli_httpd_find(&l.httpd, pool) != CLI_OK) {
        return CLI_FAIL;
    }
    l.users = apr_hash_make(pool);
    if (users) {
        unreadable |= !lint_file(&l, users, parse_user_line, lint_user,
                                 pool);
    }
    if (roles) {
        unreadable |= !lint_file(&l, roles, parse_role_line, lint_role,
                                 pool);
    }
    if (tokens) {
        if (cli_file_read(&buf, &len, tokens, pool) == CLI_OK) {
            /* without every file that names users, a token's user cannot
             * be judged unknown */
            if (unreadable) {
                l.have_users = 0;
            }
            lint_access(&l, tokens, pool);
            lint_tokens(&l, tokens, buf, len, pool);
        }
        else {
            unreadable = 1;
        }
    }
    fflush(stdout);
    if (l.errors || l.warnings) {
        fprintf(stderr, "authgate: %d error%s, %d warning%s\n", l.errors,
                l.errors == 1 ? "" : "s", l.warnings,
                l.warnings == 1 ? "" : "s");
    }
    if (unreadable) {
        return CLI_IO;
    }
    return l.errors || (strict && l.warnings) ? CLI_FAIL : CLI_OK;
}
