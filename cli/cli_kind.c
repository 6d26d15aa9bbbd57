/*
 * cli_kind.c - whether a file the authgate command is about to rewrite
 * is of the kind named (authgate(1)): a user file is judged by the
 * module's own user-file parser, a token file by its token-file parser,
 * and a line shaped like one of the system's account files (/etc/passwd,
 * /etc/shadow, /etc/group) is never taken for a record, even where a
 * parser would accept it: such a file is refused whole and left as it
 * was.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_lines.h"
#include "ag_rolefile.h"
#include "ag_tokenfile.h"
#include "ag_userfile.h"
#include "cli.h"

#define MAX_FIELDS 10

const char *cli_kind_name(cli_kind_e kind)
{
    switch (kind) {
    case CLI_KIND_USER:
        return "user file";
    case CLI_KIND_ROLE:
        return "role file";
    case CLI_KIND_TOKEN:
        return "token file";
    default:
        return "file of no known kind";
    }
}

/* Non-zero when s[0..len) is one or more ASCII digits (empty_ok: or
 * nothing). */
static int digits(const char *s, apr_size_t len, int empty_ok)
{
    if (len == 0) {
        return empty_ok;
    }
    for (apr_size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

/* Which system account file line[0..len) looks like a line of, or NULL.
 *   passwd  name:password:UID:GID:gecos:home:shell    (7 fields)
 *   shadow  name:hash:last:min:max:warn:inactive:expire:reserved (9),
 *           the six in the middle numbers or empty
 *   group   name:x:GID:members                         (4)
 * No user, role or token record has these shapes: a user record has at
 * most five fields and none of them numeric in these places, a token
 * record six or eight. */
static const char *system_shape(const char *line, apr_size_t len)
{
    const char *f[MAX_FIELDS];
    apr_size_t flen[MAX_FIELDS];
    const char *p = line, *end = line + len;
    int n = 0;

    for (;;) {
        const char *c = memchr(p, ':', (apr_size_t)(end - p));

        if (n == MAX_FIELDS) {
            return NULL;
        }
        f[n] = p;
        flen[n++] = (apr_size_t)((c ? c : end) - p);
        if (c == NULL) {
            break;
        }
        p = c + 1;
    }
    if (n == 7 && digits(f[2], flen[2], 0) && digits(f[3], flen[3], 0)) {
        return "/etc/passwd";
    }
    if (n == 9) {
        int numeric = 1;

        for (int i = 2; i < 8; i++) {
            numeric = numeric && digits(f[i], flen[i], 1);
        }
        if (numeric) {
            return "/etc/shadow";
        }
    }
    if (n == 4 && flen[1] == 1 && f[1][0] == 'x'
        && digits(f[2], flen[2], 0)) {
        return "/etc/group";
    }
    return NULL;
}

static int parse_as(cli_kind_e kind, ag_parse_error_t *err,
                    const char *buf, apr_size_t len, apr_pool_t *pool)
{
    ag_userdb_t *udb;
    ag_roledb_t *rdb;
    ag_tokendb_t *tdb;

    switch (kind) {
    case CLI_KIND_USER:
        return ag_userdb_parse(&udb, err, buf, len, pool);
    case CLI_KIND_ROLE:
        return ag_roledb_parse(&rdb, err, buf, len, pool);
    case CLI_KIND_TOKEN:
        return ag_tokendb_parse(&tdb, err, buf, len, pool);
    default:
        err->line = 0;
        err->msg = "no parser for this kind of file";
        return APR_EGENERAL;
    }
}

int cli_kind_check(cli_kind_e kind, const char *path, const char *buf,
                   apr_size_t len, apr_pool_t *pool)
{
    apr_pool_t *scratch;
    ag_parse_error_t err;
    ag_lines_t it;
    const char *line;
    apr_size_t n;
    int rc;

    ag_lines_init(&it, buf, len);
    while ((rc = ag_lines_next(&it, &line, &n, &err)) > 0) {
        const char *like = system_shape(line, n);

        if (like) {
            cli_error("%s:%u: not a %s: the line has the shape of a line "
                      "of %s.  Nothing was changed", path, it.lineno,
                      cli_kind_name(kind), like);
            return CLI_FAIL;
        }
    }
    /* a line the iterator refuses is reported by the parser below */
    apr_pool_create(&scratch, pool);
    rc = parse_as(kind, &err, buf, len, scratch);
    if (rc != APR_SUCCESS) {
        cli_error("%s:%u: not a %s: %s.  Nothing was changed (authgate "
                  "check lists every problem)", path, err.line,
                  cli_kind_name(kind), err.msg);
    }
    apr_pool_destroy(scratch);
    return rc == APR_SUCCESS ? CLI_OK : CLI_FAIL;
}
