/*
 * cli_users.c - "authgate users USERFILE [--roles ROLEFILE] [--tokens
 * TOKENFILE] [--json]": every user with the roles the module would give
 * them (the union of the user file's third field and the role file),
 * their UNTIL and STATE, the kind of their password hash, and with
 * --tokens how many active tokens they have.  Users the role file alone
 * names are listed too.  A hash itself is never printed.
 *
 * The output is for scripts as well as people: one line a user, sorted
 * by name (byte order), fields separated by one tab, "-" for an empty
 * field; a tab, a backslash or a newline in a value is written \t, \\ or
 * \n, a C1 control character (U+0080 to U+009F) \u00XX.  --json writes
 * one JSON array of objects instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <apr_hash.h>
#include <apr_strings.h>

#include "ag_lines.h"
#include "ag_passwd.h"
#include "ag_rolefile.h"
#include "cli.h"

#define USERS_USAGE \
    "usage: authgate users USERFILE [--roles ROLEFILE]\n" \
    "                      [--tokens TOKENFILE] [--json]\n" \
    "\n" \
    "List every user of USERFILE, and every user ROLEFILE names, one line\n" \
    "each, sorted by name, fields separated by a tab:\n" \
    "\n" \
    "  USER    the name\n" \
    "  ROLES   the roles the module gives the user: the user file's\n" \
    "          third field and the role file together, sorted, comma-\n" \
    "          separated\n" \
    "  UNTIL   the last day (UTC) on which the account works\n" \
    "  STATE   active, expired (UNTIL has passed), disabled, or invalid\n" \
    "          (UNTIL or STATE holds something else)\n" \
    "  HASH    the kind of password hash: yescrypt, bcrypt, sha512-crypt,\n" \
    "          sha256-crypt, apr1-md5, sha1, des-crypt, unknown, or\n" \
    "          no-password (\"!\": tokens only)\n" \
    "  TOKENS  with --tokens: how many active tokens the user has\n" \
    "\n" \
    "The first line names the fields.  An empty field is \"-\" (a user only\n" \
    "the role file names has no UNTIL, STATE active, HASH -); a tab, a\n" \
    "backslash or a newline in a value is written \\t, \\\\ or \\n, a C1\n" \
    "control character \\u0080 to \\u009f.  --json\n" \
    "prints a JSON array of objects instead: user, roles (an array),\n" \
    "until (null when none), state, hash (null when none), in_user_file,\n" \
    "and tokens with --tokens.  No hash is ever printed.\n" \
    "\n" \
    "Exit status: 0 done, 1 a file is not of its kind, 2 a file cannot be\n" \
    "read, 64 wrong arguments.\n"

typedef struct {
    const char *name;
    cli_user_line_t line;          /* in_file only */
    int in_file;                   /* named by the user file */
    apr_array_header_t *roles;     /* const char *, sorted, unique */
    int tokens;
} entry_t;

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const entry_t *const *)a)->name,
                  (*(const entry_t *const *)b)->name);
}

static entry_t *entry(apr_hash_t *all, const char *name, apr_pool_t *pool)
{
    entry_t *e = apr_hash_get(all, name, APR_HASH_KEY_STRING);

    if (e == NULL) {
        e = apr_pcalloc(pool, sizeof(*e));
        e->name = name;
        e->roles = apr_array_make(pool, 4, sizeof(const char *));
        apr_hash_set(all, name, APR_HASH_KEY_STRING, e);
    }
    return e;
}

static void add_role(entry_t *e, const char *role)
{
    for (int i = 0; i < e->roles->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(e->roles, i, const char *), role) == 0) {
            return;
        }
    }
    APR_ARRAY_PUSH(e->roles, const char *) = role;
}

/* The user file, read as the module reads it (the first line of a name
 * wins), its lines split as text so that UNTIL and STATE are seen. */
static int read_users(apr_hash_t *all, const char *file, apr_pool_t *pool)
{
    ag_parse_error_t err;
    ag_lines_t it;
    const char *line;
    apr_size_t n, len;
    char *buf;
    int rc;

    if ((rc = cli_file_read(&buf, &len, file, pool)) != CLI_OK
        || (rc = cli_kind_check(CLI_KIND_USER, file, buf, len, pool))
           != CLI_OK) {
        return rc;
    }
    ag_lines_init(&it, buf, len);
    while (ag_lines_next(&it, &line, &n, &err) > 0) {
        cli_user_line_t u;
        entry_t *e;

        if (!cli_user_line_split(&u, line, n, pool)
            || apr_hash_get(all, u.name, APR_HASH_KEY_STRING)) {
            continue;
        }
        e = entry(all, u.name, pool);
        e->in_file = 1;
        e->line = u;
        {
            apr_array_header_t *roles = apr_array_make(pool, 4,
                                                       sizeof(char *));

            ag_lines_split_roles(roles, u.roles, strlen(u.roles), NULL,
                                 NULL, pool);
            for (int i = 0; i < roles->nelts; i++) {
                add_role(e, APR_ARRAY_IDX(roles, i, const char *));
            }
        }
    }
    return CLI_OK;
}

static int read_roles(apr_hash_t *all, const char *file, apr_pool_t *pool)
{
    ag_parse_error_t err;
    ag_roledb_t *db;
    apr_size_t len;
    char *buf;
    int rc;

    if ((rc = cli_file_read(&buf, &len, file, pool)) != CLI_OK
        || (rc = cli_kind_check(CLI_KIND_ROLE, file, buf, len, pool))
           != CLI_OK) {
        return rc;
    }
    if (ag_roledb_parse(&db, &err, buf, len, pool) != APR_SUCCESS) {
        return CLI_FAIL;             /* cli_kind_check said why */
    }
    for (apr_hash_index_t *hi = apr_hash_first(pool, db->by_user); hi;
         hi = apr_hash_next(hi)) {
        const apr_array_header_t *roles = apr_hash_this_val(hi);
        entry_t *e = entry(all, apr_hash_this_key(hi), pool);

        for (int i = 0; i < roles->nelts; i++) {
            add_role(e, APR_ARRAY_IDX(roles, i, const char *));
        }
    }
    return CLI_OK;
}

/* A C1 control (U+0080 to U+009F) at s, as UTF-8 (0xC2 0x80-0x9F): the
 * line reader refuses C0 controls but takes these, and a terminal that
 * obeys 8-bit controls reads U+009B as ESC [. */
static int c1_at(const char *s)
{
    return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] >= 0x80
           && (unsigned char)s[1] <= 0x9F;
}

/* A value for a tab-separated line: "-" when empty, \t \\ \n escaped,
 * and a C1 control written \u00XX. */
static const char *tsv(const char *s, apr_pool_t *pool)
{
    char *out, *o;

    if (s == NULL || *s == '\0') {
        return "-";
    }
    out = o = apr_palloc(pool, strlen(s) * 3 + 1);
    for (; *s; s++) {
        if (*s == '\t' || *s == '\\' || *s == '\n') {
            *o++ = '\\';
            *o++ = *s == '\t' ? 't' : *s == '\n' ? 'n' : '\\';
        }
        else if (c1_at(s)) {
            /* two bytes in, six out: within three a byte */
            o += sprintf(o, "\\u%04x", (unsigned char)s[1]);
            s++;
        }
        else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

/* A JSON string, or null for NULL.  The files are UTF-8 (the line reader
 * refuses anything else), so only quotes, backslashes and control
 * characters (C0, DEL and C1) need escaping. */
static const char *json(const char *s, apr_pool_t *pool)
{
    char *out, *o;

    if (s == NULL) {
        return "null";
    }
    out = o = apr_palloc(pool, strlen(s) * 6 + 3);
    *o++ = '"';
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        }
        else if (c < 0x20 || c == 0x7f) {
            o += sprintf(o, "\\u%04x", c);
        }
        else if (c1_at(s)) {
            /* the same character, escaped, so that a terminal showing
             * the JSON does not obey it */
            o += sprintf(o, "\\u%04x", (unsigned char)s[1]);
            s++;
        }
        else {
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

static const char *hash_kind(const entry_t *e)
{
    ag_hash_kind_e kind;

    if (!e->in_file) {
        return NULL;
    }
    kind = ag_passwd_kind(e->line.hash);
    return kind == AG_HASH_DISABLED ? "no-password"
                                    : ag_passwd_kind_name(kind);
}

static void print_entries(apr_array_header_t *list, int tokens, int as_json,
                          apr_pool_t *pool)
{
    apr_int64_t now = cli_now();

    if (as_json) {
        fputs("[", stdout);
    }
    else {
        printf("USER\tROLES\tUNTIL\tSTATE\tHASH%s\n",
               tokens ? "\tTOKENS" : "");
    }
    for (int i = 0; i < list->nelts; i++) {
        const entry_t *e = APR_ARRAY_IDX(list, i, const entry_t *);
        const char *until = e->in_file && *e->line.until ? e->line.until
                                                         : NULL;
        const char *state = e->in_file ? cli_user_state(&e->line, now)
                                       : "active";
        const char *hash = hash_kind(e);

        if (!as_json) {
            printf("%s\t%s\t%s\t%s\t%s", tsv(e->name, pool),
                   tsv(apr_array_pstrcat(pool, e->roles, ','), pool),
                   tsv(until, pool), state, hash ? hash : "-");
            if (tokens) {
                printf("\t%d", e->tokens);
            }
            putchar('\n');
            continue;
        }
        printf("%s\n  {\"user\": %s, \"roles\": [", i ? "," : "",
               json(e->name, pool));
        for (int r = 0; r < e->roles->nelts; r++) {
            printf("%s%s", r ? ", " : "",
                   json(APR_ARRAY_IDX(e->roles, r, const char *), pool));
        }
        printf("], \"until\": %s, \"state\": \"%s\", \"hash\": %s, "
               "\"in_user_file\": %s", json(until, pool), state,
               json(hash, pool), e->in_file ? "true" : "false");
        if (tokens) {
            printf(", \"tokens\": %d", e->tokens);
        }
        putchar('}');
    }
    if (as_json) {
        fputs(list->nelts ? "\n]\n" : "]\n", stdout);
    }
}

int cli_users(int argc, const char *const *argv, apr_pool_t *pool)
{
    const char *users = NULL, *roles = NULL, *tokens = NULL;
    apr_hash_t *all = apr_hash_make(pool), *active = NULL;
    apr_array_header_t *list;
    int as_json = 0, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(USERS_USAGE, stdout);
        return CLI_OK;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--roles") == 0 && i + 1 < argc) {
            roles = argv[++i];
        }
        else if (strcmp(a, "--tokens") == 0 && i + 1 < argc) {
            tokens = argv[++i];
        }
        else if (strcmp(a, "--json") == 0) {
            as_json = 1;
        }
        else if ((a[0] == '-' && a[1] != '\0') || users) {
            cli_error("users: unknown or unexpected argument '%s'", a);
            fputs(USERS_USAGE, stderr);
            return CLI_USAGE;
        }
        else {
            users = a;
        }
    }
    if (users == NULL) {
        fputs(USERS_USAGE, stderr);
        return CLI_USAGE;
    }
    if ((rc = read_users(all, users, pool)) != CLI_OK
        || (roles && (rc = read_roles(all, roles, pool)) != CLI_OK)
        || (tokens && (rc = cli_tokens_active(&active, tokens, pool))
                      != CLI_OK)) {
        return rc;
    }
    list = apr_array_make(pool, (int)apr_hash_count(all), sizeof(entry_t *));
    for (apr_hash_index_t *hi = apr_hash_first(pool, all); hi;
         hi = apr_hash_next(hi)) {
        entry_t *e = apr_hash_this_val(hi);
        const apr_array_header_t *ids =
            active ? apr_hash_get(active, e->name, APR_HASH_KEY_STRING)
                   : NULL;

        e->tokens = ids ? ids->nelts : 0;
        qsort(e->roles->elts, (size_t)e->roles->nelts, sizeof(char *),
              by_string);
        APR_ARRAY_PUSH(list, entry_t *) = e;
    }
    qsort(list->elts, (size_t)list->nelts, sizeof(entry_t *), by_name);
    print_entries(list, tokens != NULL, as_json, pool);
    return CLI_OK;
}
