/*
 * cli_kind.c - whether a file the authgate command is about to rewrite
 * is of the kind named (authgate(1)): a user file is judged by the
 * module's own user-file parser, a token file by its token-file parser,
 * and a line shaped like one of the system's account files (/etc/passwd,
 * /etc/shadow, /etc/group) is never taken for a record, even where a
 * parser would accept it: such a file is refused whole and left as it
 * was.
 *
 * A user file and a role file are also told apart by the shape of their
 * lines (cli_kind_hint), because the module's parsers for the two accept
 * each other's lines: "authgate role" finds which of the two it was
 * given this way, and no command writes a line of one kind into a file
 * of the other.
 */
#include <string.h>

#include <apr_strings.h>

#include "ag_lines.h"
#include "ag_passwd.h"
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
    case CLI_KIND_USER_OR_ROLE:
        return "user or role file";
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

int cli_kind_hint(const char *line, apr_size_t len)
{
    const char *end = line + len;
    const char *c1 = memchr(line, ':', len), *f2, *c2;
    char head[16];      /* ag_passwd_kind looks at a prefix (or, for DES,
                           13 bytes), which this holds */
    apr_size_t hlen;

    if (c1 == NULL) {
        return -1;
    }
    f2 = c1 + 1;
    if (f2 == end || *f2 == ' ' || *f2 == '\t') {
        return CLI_KIND_ROLE;             /* "ROLE: USER USER", "ROLE:" */
    }
    c2 = memchr(f2, ':', (apr_size_t)(end - f2));
    if (c2) {
        return CLI_KIND_USER;             /* NAME:HASH:ROLES... */
    }
    /* a hash the module knows; DES is left out: any 13 letters, a
     * user name as well as a hash, would pass for one */
    hlen = (apr_size_t)(end - f2);
    if (hlen >= sizeof(head)) {
        hlen = sizeof(head) - 1;
    }
    memcpy(head, f2, hlen);
    head[hlen] = '\0';
    switch (ag_passwd_kind(head)) {
    case AG_HASH_UNKNOWN:
    case AG_HASH_DES:
        return -1;
    default:
        return CLI_KIND_USER;
    }
}

int cli_kind_guess(const char *buf, apr_size_t len, unsigned *line1,
                   unsigned *line2)
{
    unsigned first[2] = { 0, 0 };     /* first line of each kind */
    ag_parse_error_t err;
    ag_lines_t it;
    const char *line;
    apr_size_t n;

    ag_lines_init(&it, buf, len);
    while (ag_lines_next(&it, &line, &n, &err) > 0) {
        int hint = cli_kind_hint(line, n);

        if (hint == CLI_KIND_USER && first[0] == 0) {
            first[0] = it.lineno;
        }
        if (hint == CLI_KIND_ROLE && first[1] == 0) {
            first[1] = it.lineno;
        }
    }
    if (first[0] && first[1]) {
        *line1 = first[0];
        *line2 = first[1];
        return -2;
    }
    return first[0] ? CLI_KIND_USER : first[1] ? CLI_KIND_ROLE : -1;
}

/* A user or role file line of the other kind, reported. */
static int other_kind(cli_kind_e kind, const char *path, const char *buf,
                      apr_size_t len)
{
    ag_parse_error_t err;
    ag_lines_t it;
    const char *line;
    apr_size_t n;
    int other = kind == CLI_KIND_USER ? CLI_KIND_ROLE : CLI_KIND_USER;

    ag_lines_init(&it, buf, len);
    while (ag_lines_next(&it, &line, &n, &err) > 0) {
        /* "NAME:" is a user without a hash as well as a role without
         * members: it hints, but is not held against a user file */
        if (kind == CLI_KIND_USER && line[n - 1] == ':'
            && memchr(line, ':', n) == line + n - 1) {
            continue;
        }
        if (cli_kind_hint(line, n) == other) {
            cli_error("%s:%u: not a %s: the line has the shape of a line "
                      "of a %s (%s).  Nothing was changed", path,
                      it.lineno, cli_kind_name(kind), cli_kind_name(other),
                      other == CLI_KIND_ROLE ? "ROLE: USER USER"
                                             : "NAME:HASH");
            return 1;
        }
    }
    return 0;
}

/* The user file as the module's parser of three fields reads it: each
 * record line cut before its fourth field (UNTIL and STATE, which the
 * command handles as text, see cli_userline.c).  A line of more than five
 * fields is no user line: NULL after reporting. */
static const char *three_fields(apr_size_t *outlen, const char *path,
                                const char *buf, apr_size_t len,
                                apr_pool_t *pool)
{
    char *out = apr_palloc(pool, len + 1), *o = out;
    const char *p = buf, *end = buf + len;
    unsigned lineno = 0;

    while (p < end) {
        const char *nl = memchr(p, '\n', (apr_size_t)(end - p));
        const char *q = nl ? nl : end, *s = p, *cut = NULL;
        int colons = 0;

        lineno++;
        while (s < q && (*s == ' ' || *s == '\t')) {
            s++;
        }
        if (s < q && *s != '#') {
            for (const char *c = s; c < q; c++) {
                if (*c == ':' && ++colons == 3) {
                    cut = c;
                }
            }
        }
        if (colons > 4) {
            cli_error("%s:%u: not a user file: the line has more than "
                      "five fields (NAME:HASH:ROLES:UNTIL:STATE).  Nothing "
                      "was changed", path, lineno);
            return NULL;
        }
        memcpy(o, p, (apr_size_t)((cut ? cut : q) - p));
        o += (cut ? cut : q) - p;
        if (nl) {
            *o++ = '\n';
        }
        p = nl ? nl + 1 : end;
    }
    *o = '\0';
    *outlen = (apr_size_t)(o - out);
    return out;
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
    unsigned l1, l2;
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
    if (kind == CLI_KIND_USER_OR_ROLE) {
        switch (rc = cli_kind_guess(buf, len, &l1, &l2)) {
        case CLI_KIND_USER:
        case CLI_KIND_ROLE:
            kind = (cli_kind_e)rc;
            break;
        case -2:
            cli_error("%s: neither a user file nor a role file: line %u "
                      "has the shape of a user line (NAME:HASH), line %u "
                      "that of a role line (ROLE: USER USER).  Nothing "
                      "was changed", path, l1, l2);
            return CLI_FAIL;
        default:
            cli_error("%s: cannot tell whether this is a user file or a "
                      "role file; say which with --kind user or --kind "
                      "role.  Nothing was changed", path);
            return CLI_FAIL;
        }
    }
    if ((kind == CLI_KIND_USER || kind == CLI_KIND_ROLE)
        && other_kind(kind, path, buf, len)) {
        return CLI_FAIL;
    }
    /* a line the iterator refuses is reported by the parser below */
    apr_pool_create(&scratch, pool);
    if (kind == CLI_KIND_USER
        && (buf = three_fields(&len, path, buf, len, scratch)) == NULL) {
        apr_pool_destroy(scratch);
        return CLI_FAIL;
    }
    rc = parse_as(kind, &err, buf, len, scratch);
    if (rc != APR_SUCCESS) {
        cli_error("%s:%u: not a %s: %s.  Nothing was changed (authgate "
                  "check lists every problem)", path, err.line,
                  cli_kind_name(kind), err.msg);
    }
    apr_pool_destroy(scratch);
    return rc == APR_SUCCESS ? CLI_OK : CLI_FAIL;
}
