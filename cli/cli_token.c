/*
 * cli_token.c - "authgate token issue|revoke|list" (authgate(1)): API
 * tokens in a token file (README, "Token file").  A new secret is 256 bits from
 * OpenSSL's random generator, printed once; only its SHA-256 is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <apr_strings.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "ag_lines.h"
#include "ag_time.h"
#include "ag_tokenfile.h"
#include "cli.h"

#define SECRET_BYTES 32
#define DEFAULT_EXPIRES "90d"
#define TOKEN_USAGE \
    "usage: authgate token issue FILE --user U [--roles R,R|*]\n" \
    "                            [--expires 30d|12h|DATE|never] [--id ID]\n" \
    "       authgate token revoke FILE ID\n" \
    "       authgate token list FILE\n" \
    "\n" \
    "issue   adds a token for user U to the token file FILE (created 0640\n" \
    "        with httpd's group if missing, see authgate --help) and\n" \
    "        prints it, ID.SECRET, once: only a hash of the secret is\n" \
    "        stored.  --roles limits the token to some of the user's\n" \
    "        roles (default *, all of them).  --expires takes a duration\n" \
    "        (Nw, Nd, Nh, Nm), a UTC date (YYYY-MM-DD or\n" \
    "        YYYY-MM-DDThh:mm:ssZ) or never; the default is " \
    DEFAULT_EXPIRES ".\n" \
    "        --id names the token ([A-Za-z0-9_-], at most 64); the\n" \
    "        default is the user name and a random suffix.\n" \
    "revoke  marks token ID revoked; it stops working within 2 seconds.\n" \
    "list    shows every token: ID, user, roles, expiry and state (never\n" \
    "        a secret or a hash).\n" \
    "\n" \
    "Exit status: 0 done, 1 refused (unknown ID, bad value, a link or a\n" \
    "file that is not a token file), 2 the file cannot be read or\n" \
    "written, 64 wrong arguments.\n"

/* base64url without padding (RFC 4648 section 5). */
static const char *b64url(const unsigned char *in, apr_size_t len,
                          apr_pool_t *pool)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
                              "qrstuvwxyz0123456789-_";
    char *out = apr_palloc(pool, (len * 4 + 2) / 3 + 1), *o = out;
    apr_size_t i;

    for (i = 0; i + 2 < len; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8
                     | in[i + 2];

        *o++ = abc[v >> 18 & 63];
        *o++ = abc[v >> 12 & 63];
        *o++ = abc[v >> 6 & 63];
        *o++ = abc[v & 63];
    }
    if (i < len) {
        unsigned v = (unsigned)in[i] << 16
                     | (i + 1 < len ? (unsigned)in[i + 1] << 8 : 0);

        *o++ = abc[v >> 18 & 63];
        *o++ = abc[v >> 12 & 63];
        if (i + 1 < len) {
            *o++ = abc[v >> 6 & 63];
        }
    }
    *o = '\0';
    return out;
}

/* "30d", "12h", "45m", "2w", "never", "2027-01-31" or a full UTC time:
 * an absolute expiry in *t.  Returns NULL or why the value is refused. */
static const char *parse_expires(apr_int64_t *t, const char *s)
{
    apr_size_t len = strlen(s);
    char *end;
    long long n;

    if (ag_time_parse(t, s, len)) {
        return NULL;
    }
    if (len == 10) {
        char full[21];

        memcpy(full, s, 10);
        memcpy(full + 10, "T00:00:00Z", 11);
        if (ag_time_parse(t, full, 20)) {
            return NULL;
        }
    }
    n = strtoll(s, &end, 10);
    if (end != s && n > 0 && n < 100000 && end[0] && end[1] == '\0'
        && strchr("wdhm", end[0])) {
        apr_int64_t unit = end[0] == 'w' ? 7 * 86400 : end[0] == 'd' ? 86400
                         : end[0] == 'h' ? 3600 : 60;

        *t = (apr_int64_t)time(NULL) + n * unit;
        return NULL;
    }
    return "is not a duration (30d, 12h, 45m, 2w), a UTC date "
           "(YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ) or never";
}

typedef struct {
    const char *id;
    const char *line;        /* issue: the record to add */
    int found;
    int was_revoked;
} token_edit_t;

/* The index of the first record with this ID, or -1. */
static int find_token(const cli_text_t *text, const char *id,
                      apr_pool_t *pool)
{
    for (int i = 0; i < text->lines->nelts; i++) {
        const char *name = cli_record_name(
            APR_ARRAY_IDX(text->lines, i, const char *), pool);

        if (name && strcmp(name, id) == 0) {
            return i;
        }
    }
    return -1;
}

static int add_token(cli_text_t *text, void *baton, apr_pool_t *pool)
{
    token_edit_t *e = baton;

    if (find_token(text, e->id, pool) >= 0) {
        cli_error("a token with ID '%s' exists already", e->id);
        return CLI_FAIL;
    }
    if (!text->existed) {
        APR_ARRAY_PUSH(text->lines, char *) =
            "# id:hash:user:roles:expires:state";
    }
    APR_ARRAY_PUSH(text->lines, char *) = (char *)e->line;
    return CLI_OK;
}

static int revoke_token(cli_text_t *text, void *baton, apr_pool_t *pool)
{
    token_edit_t *e = baton;
    int i = find_token(text, e->id, pool);
    char **line, *state;
    apr_size_t n;

    if (i < 0) {
        cli_error("there is no token '%s'", e->id);
        return CLI_FAIL;
    }
    line = &APR_ARRAY_IDX(text->lines, i, char *);
    state = strrchr(*line, ':');
    n = strlen(state + 1);
    while (n > 0 && strchr("\r \t", state[n])) {
        n--;
    }
    if (n == 7 && strncmp(state + 1, "revoked", 7) == 0) {
        e->was_revoked = 1;
        return CLI_UNCHANGED;
    }
    /* the state is the last field; everything before it stays as it was */
    *line = apr_pstrcat(pool, apr_pstrmemdup(pool, *line,
                                             (apr_size_t)(state - *line)),
                        ":revoked", state + 1 + n, NULL);
    return CLI_OK;
}

/* Default ID: the user name cut to the ID alphabet, a random suffix. */
static const char *default_id(const char *user, apr_pool_t *pool)
{
    unsigned char rnd[6];
    char prefix[41];
    apr_size_t n = 0;

    for (const char *p = user; *p && n < sizeof(prefix) - 1; p++) {
        prefix[n++] = ag_token_id_valid(p, 1) ? *p : '-';
    }
    prefix[n] = '\0';
    if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
        return NULL;
    }
    return apr_pstrcat(pool, n ? prefix : "token", "-",
                       b64url(rnd, sizeof(rnd), pool), NULL);
}

static int token_issue(int argc, const char *const *argv, apr_pool_t *pool)
{
    const char *file = NULL, *user = NULL, *roles = "*", *id = NULL;
    const char *expires = DEFAULT_EXPIRES, *why, *secret;
    unsigned char rnd[SECRET_BYTES];
    token_edit_t e = { NULL, NULL, 0, 0 };
    apr_int64_t until;
    int rc;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--user") == 0 && i + 1 < argc) {
            user = argv[++i];
        }
        else if (strcmp(a, "--roles") == 0 && i + 1 < argc) {
            roles = argv[++i];
        }
        else if (strcmp(a, "--expires") == 0 && i + 1 < argc) {
            expires = argv[++i];
        }
        else if (strcmp(a, "--id") == 0 && i + 1 < argc) {
            id = argv[++i];
        }
        else if (a[0] == '-' || file) {
            cli_error("token issue: unknown or incomplete argument '%s'", a);
            fputs(TOKEN_USAGE, stderr);
            return CLI_USAGE;
        }
        else {
            file = a;
        }
    }
    if (file == NULL || user == NULL) {
        cli_error("token issue needs FILE and --user");
        fputs(TOKEN_USAGE, stderr);
        return CLI_USAGE;
    }
    if (cli_bad_name(user) != NULL) {
        cli_error("--user: '%s' is not a user name a token file can hold",
                  user);
        return CLI_FAIL;
    }
    if (strcmp(roles, "*") != 0 && (why = cli_bad_roles(roles)) != NULL) {
        cli_error("--roles: %s", why);
        return CLI_FAIL;
    }
    if ((why = parse_expires(&until, expires)) != NULL) {
        cli_error("--expires: '%s' %s", expires, why);
        return CLI_FAIL;
    }
    if (until != AG_TIME_NEVER && until <= (apr_int64_t)time(NULL)) {
        cli_error("--expires: %s is in the past", expires);
        return CLI_FAIL;
    }
    if (id && !ag_token_id_valid(id, strlen(id))) {
        cli_error("--id: '%s' is not 1 to 64 of A-Z a-z 0-9 _ -", id);
        return CLI_FAIL;
    }
    if (id == NULL && (id = default_id(user, pool)) == NULL) {
        cli_error("no random bytes for a token ID");
        return CLI_FAIL;
    }
    if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
        cli_error("no random bytes for a token secret");
        return CLI_FAIL;
    }
    secret = b64url(rnd, sizeof(rnd), pool);
    OPENSSL_cleanse(rnd, sizeof(rnd));
    e.id = id;
    e.line = apr_pstrcat(pool, id, ":", ag_token_hash(secret, pool), ":",
                         user, ":", roles, ":",
                         ag_time_format(until, pool), ":active", NULL);
    rc = cli_file_edit(file, CLI_KIND_TOKEN, 1, add_token, &e, pool);
    if (rc == CLI_OK) {
        printf("%s.%s\n", id, secret);
        fflush(stdout);
        fprintf(stderr, "authgate: issued token %s for %s (roles %s, "
                "expires %s).  The line above is the whole token; it is "
                "shown only this once.\n", id, user, roles,
                ag_time_format(until, pool));
    }
    OPENSSL_cleanse((char *)secret, strlen(secret));
    return rc;
}

static int token_revoke(int argc, const char *const *argv, apr_pool_t *pool)
{
    token_edit_t e = { NULL, NULL, 0, 0 };
    int rc;

    if (argc != 2 || argv[0][0] == '-' || argv[1][0] == '-') {
        fputs(TOKEN_USAGE, stderr);
        return CLI_USAGE;
    }
    e.id = argv[1];
    rc = cli_file_edit(argv[0], CLI_KIND_TOKEN, 0, revoke_token, &e, pool);
    if (e.was_revoked) {
        printf("token %s was already revoked\n", e.id);
        return CLI_OK;
    }
    if (rc == CLI_OK) {
        printf("revoked token %s in %s\n", e.id, argv[0]);
    }
    return rc;
}

static int token_list(int argc, const char *const *argv, apr_pool_t *pool)
{
    apr_int64_t now = (apr_int64_t)time(NULL);
    ag_lines_t it;
    ag_parse_error_t err;
    const char *line;
    apr_size_t n, len;
    char *buf;
    int rc;

    if (argc != 1 || argv[0][0] == '-') {
        fputs(TOKEN_USAGE, stderr);
        return CLI_USAGE;
    }
    if ((rc = cli_file_read(&buf, &len, argv[0], pool)) != CLI_OK) {
        return rc;
    }
    printf("%-24s %-16s %-20s %-20s %s\n", "ID", "USER", "ROLES", "EXPIRES",
           "STATE");
    ag_lines_init(&it, buf, len);
    while ((rc = ag_lines_next(&it, &line, &n, &err)) != 0) {
        ag_token_t t;
        const char *state, *roles = "*";

        if (rc < 0 || ag_token_parse_line(&t, line, n, pool) != NULL) {
            fprintf(stderr, "%s:%u: unparseable line skipped (see "
                    "authgate check)\n", argv[0], it.lineno);
            continue;
        }
        if (t.roles) {
            roles = "";
            for (int i = 0; i < t.roles->nelts; i++) {
                roles = apr_pstrcat(pool, roles, i ? "," : "",
                                    APR_ARRAY_IDX(t.roles, i, const char *),
                                    NULL);
            }
        }
        state = t.problem ? "unusable"
              : t.revoked ? "revoked"
              : t.expires != AG_TIME_NEVER && now >= t.expires ? "expired"
              : "active";
        printf("%-24s %-16s %-20s %-20s %s\n", t.id, t.user, roles,
               t.problem ? "-" : ag_time_format(t.expires, pool), state);
    }
    return CLI_OK;
}

/* Active: not revoked, usable, not expired now. */
static int token_active(const ag_token_t *t, apr_int64_t now)
{
    return !t->revoked && t->problem == NULL
           && (t->expires == AG_TIME_NEVER || now < t->expires);
}

int cli_tokens_active(apr_hash_t **active, const char *file,
                      apr_pool_t *pool)
{
    apr_int64_t now = (apr_int64_t)time(NULL);
    ag_parse_error_t err;
    ag_tokendb_t *db;
    apr_size_t len;
    char *buf;
    int rc;

    if ((rc = cli_file_read(&buf, &len, file, pool)) != CLI_OK) {
        return rc;
    }
    if (ag_tokendb_parse(&db, &err, buf, len, pool) != APR_SUCCESS) {
        cli_error("%s:%u: not a token file: %s (authgate check lists every "
                  "problem)", file, err.line, err.msg);
        return CLI_FAIL;
    }
    *active = apr_hash_make(pool);
    for (apr_uint32_t i = 0; i < db->count; i++) {
        const ag_token_t *t = &db->records[i];
        apr_array_header_t *ids;

        if (!token_active(t, now)) {
            continue;
        }
        ids = apr_hash_get(*active, t->user, APR_HASH_KEY_STRING);
        if (ids == NULL) {
            ids = apr_array_make(pool, 2, sizeof(const char *));
            apr_hash_set(*active, t->user, APR_HASH_KEY_STRING, ids);
        }
        APR_ARRAY_PUSH(ids, const char *) = t->id;
    }
    return CLI_OK;
}

typedef struct {
    const char *user;
    apr_array_header_t *ids;
} revoke_user_t;

/* Every active line of the user, duplicates of an ID included: were the
 * first line removed by hand later, a duplicate would come into force. */
static int revoke_users_tokens(cli_text_t *text, void *baton,
                               apr_pool_t *pool)
{
    revoke_user_t *e = baton;
    apr_int64_t now = (apr_int64_t)time(NULL);

    for (int i = 0; i < text->lines->nelts; i++) {
        char **line = &APR_ARRAY_IDX(text->lines, i, char *);
        const char *p = *line, *state;
        apr_size_t n = strlen(p), skip = 0;
        ag_token_t t;

        while (n > 0 && strchr("\r \t", p[n - 1])) {
            n--;
        }
        while (skip < n && (p[skip] == ' ' || p[skip] == '\t')) {
            skip++;
        }
        if (skip == n || p[skip] == '#'
            || ag_token_parse_line(&t, p + skip, n - skip, pool) != NULL
            || strcmp(t.user, e->user) != 0 || !token_active(&t, now)) {
            continue;
        }
        /* the state is the last field; the rest stays as it was */
        state = memrchr(p, ':', n);
        *line = apr_pstrcat(pool, apr_pstrmemdup(pool, p,
                                                 (apr_size_t)(state - p)),
                            ":revoked", p + n, NULL);
        APR_ARRAY_PUSH(e->ids, const char *) = t.id;
    }
    return e->ids->nelts ? CLI_OK : CLI_UNCHANGED;
}

int cli_tokens_revoke_user(apr_array_header_t **ids, const char *file,
                           const char *user, apr_pool_t *pool)
{
    revoke_user_t e;
    int rc;

    e.user = user;
    e.ids = apr_array_make(pool, 2, sizeof(const char *));
    rc = cli_file_edit(file, CLI_KIND_TOKEN, 0, revoke_users_tokens, &e,
                       pool);
    *ids = e.ids;
    return rc;
}

int cli_token(int argc, const char *const *argv, apr_pool_t *pool)
{
    if (argc == 0) {
        fputs(TOKEN_USAGE, stderr);
        return CLI_USAGE;
    }
    if (cli_wants_help(argc, argv)) {
        fputs(TOKEN_USAGE, stdout);
        return CLI_OK;
    }
    if (strcmp(argv[0], "issue") == 0) {
        return token_issue(argc - 1, argv + 1, pool);
    }
    if (strcmp(argv[0], "revoke") == 0) {
        return token_revoke(argc - 1, argv + 1, pool);
    }
    if (strcmp(argv[0], "list") == 0) {
        return token_list(argc - 1, argv + 1, pool);
    }
    cli_error("token: unknown subcommand '%s' (issue, revoke, list)",
              argv[0]);
    return CLI_USAGE;
}
