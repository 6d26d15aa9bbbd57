/*
 * cli_passwd.c - "authgate passwd" and "authgate delete" (authgate(1)):
 * set a user's password in a user file (README, "User file"), hashed with
 * libcrypt, or remove the user.
 */
#include <crypt.h>
#include <stdio.h>
#include <string.h>

#include <apr_strings.h>
#include <openssl/crypto.h>

#include "ag_passwd.h"
#include "ag_text.h"
#include "ag_userfile.h"
#include "authgate.h"
#include "cli.h"

#define BCRYPT_COST 12
#define PASSWD_USAGE \
    "usage: authgate passwd FILE USER [--roles R,R] [--bcrypt|--yescrypt]\n" \
    "                       [--cost N] [--stdin]\n" \
    "\n" \
    "Set USER's password in the user file FILE.  The password is asked\n" \
    "twice on the terminal without echo, or read as one line from\n" \
    "standard input with --stdin (a NUL byte in it is refused).  A new\n" \
    "FILE is created 0640 with httpd's group (see authgate --help).\n" \
    "\n" \
    "  --yescrypt    hash with yescrypt (the default)\n" \
    "  --bcrypt      hash with bcrypt ($2y$, cost 12), which older tools\n" \
    "                such as htpasswd and mod_authn_file also verify\n" \
    "  --cost N      the hash's cost: bcrypt 4-31, yescrypt 1-11\n" \
    "  --roles R,R   set the user's roles (the third field); without it\n" \
    "                the roles already there are kept; \"\" clears them\n" \
    "An existing user's other fields (UNTIL, STATE) are kept.\n" \
    "  --stdin       read the password from standard input\n" \
    "\n" \
    "Exit status: 0 done, 1 refused (also a symbolic link not to be\n" \
    "followed or a FILE that is not a user file), 2 the file cannot be\n" \
    "written, 64 wrong arguments.\n"
#define DELETE_USAGE \
    "usage: authgate delete FILE USER [--tokens TOKENFILE\n" \
    "                                 [--revoke-tokens]]\n" \
    "\n" \
    "Remove USER (every line that names it) from the user file FILE.\n" \
    "A role file is not changed (see authgate role remove).\n" \
    "\n" \
    "  --tokens TOKENFILE  then look for USER's active tokens there and\n" \
    "                      warn (on standard error) when there are any:\n" \
    "                      a token works while a role file names its\n" \
    "                      user, and again if the name is added back\n" \
    "  --revoke-tokens     revoke them instead (in the same run)\n" \
    "Without --tokens no token file is looked at.\n" \
    "\n" \
    "Exit status: 0 done (also with the warning), 1 no such user (or\n" \
    "refused like passwd), 2 a file cannot be read or written, 64 wrong\n" \
    "arguments.\n"

typedef struct {
    const char *user;
    const char *hash;
    const char *roles;     /* NULL: keep */
    int added;
    int removed;
} passwd_edit_t;

const char *cli_bad_name(const char *user)
{
    apr_size_t len = strlen(user);

    if (len == 0) {
        return "the user name is empty";
    }
    if (strchr(user, ':')) {
        return "the user name holds a ':'";
    }
    if (ag_text_has_ctl(user, len) || strpbrk(user, " \t")) {
        return "the user name holds blanks or control bytes";
    }
    if (!ag_text_is_utf8(user, len)) {
        return "the user name is not UTF-8";
    }
    return NULL;
}

/* A name a user file can hold (it starts a record line) and a client can
 * send (256 bytes at most: README, "What the client sees"). */
const char *cli_bad_user(const char *user)
{
    if (strlen(user) > AG_MAX_USER_BYTES) {
        return "the user name exceeds 256 bytes";
    }
    if (user[0] == '#') {
        return "the user name starts with '#', which marks a comment";
    }
    return cli_bad_name(user);
}

const char *cli_bad_roles(const char *roles)
{
    if (strpbrk(roles, ": \t") || ag_text_has_ctl(roles, strlen(roles))) {
        return "a role name holds a ':', a blank or a control byte";
    }
    if (!ag_text_is_utf8(roles, strlen(roles))) {
        return "the roles are not UTF-8";
    }
    return NULL;
}

/* The first line of the user gets the new hash (and roles, when given);
 * its other fields, UNTIL and STATE included, stay as they were. */
static int set_password(cli_text_t *text, void *baton, apr_pool_t *pool)
{
    passwd_edit_t *e = baton;
    cli_user_line_t u;
    int i = cli_user_find(&u, text, e->user, pool);

    if (i >= 0) {
        u.hash = e->hash;
        if (e->roles) {
            u.roles = e->roles;
        }
        APR_ARRAY_IDX(text->lines, i, char *) = cli_user_line_join(&u,
                                                                   pool);
        return CLI_OK;
    }
    e->added = 1;
    memset(&u, 0, sizeof(u));
    u.name = e->user;
    u.hash = e->hash;
    u.roles = e->roles ? e->roles : "";
    u.until = u.state = u.eol = "";
    APR_ARRAY_PUSH(text->lines, char *) = cli_user_line_join(&u, pool);
    return CLI_OK;
}

static int remove_user(cli_text_t *text, void *baton, apr_pool_t *pool)
{
    passwd_edit_t *e = baton;
    apr_array_header_t *kept = apr_array_make(pool, text->lines->nelts,
                                              sizeof(char *));

    for (int i = 0; i < text->lines->nelts; i++) {
        char *line = APR_ARRAY_IDX(text->lines, i, char *);
        const char *name = cli_record_name(line, pool);

        if (name && strcmp(name, e->user) == 0) {
            e->removed++;
            continue;
        }
        APR_ARRAY_PUSH(kept, char *) = line;
    }
    if (e->removed == 0) {
        cli_error("there is no user '%s'", e->user);
        return CLI_FAIL;
    }
    text->lines = kept;
    return CLI_OK;
}

/* Hash password with libcrypt: yescrypt, or bcrypt as "$2y$" (the
 * spelling apr-util, htpasswd and mod_authn_file verify too). */
static const char *make_hash(const char *password, int bcrypt, long cost,
                             apr_pool_t *pool)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    struct crypt_data *data = apr_pcalloc(pool, sizeof(*data));
    const char *out;

    if (crypt_gensalt_rn(bcrypt ? "$2y$" : "$y$",
                         (unsigned long)(bcrypt && cost == 0 ? BCRYPT_COST
                                                             : cost),
                         NULL, 0, salt, sizeof(salt)) == NULL) {
        return NULL;
    }
    out = crypt_r(password, salt, data);
    out = out && out[0] == '$' ? apr_pstrdup(pool, out) : NULL;
    OPENSSL_cleanse(data, sizeof(*data));
    return out;
}

int cli_passwd(int argc, const char *const *argv, apr_pool_t *pool)
{
    passwd_edit_t e = { NULL, NULL, NULL, 0, 0 };
    const char *file = NULL, *why;
    int bcrypt = 0, from_stdin = 0, rc;
    long cost = 0;
    char *password;

    if (cli_wants_help(argc, argv)) {
        fputs(PASSWD_USAGE, stdout);
        return CLI_OK;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--bcrypt") == 0) {
            bcrypt = 1;
        }
        else if (strcmp(a, "--yescrypt") == 0) {
            bcrypt = 0;
        }
        else if (strcmp(a, "--stdin") == 0) {
            from_stdin = 1;
        }
        else if (strcmp(a, "--roles") == 0 && i + 1 < argc) {
            e.roles = argv[++i];
        }
        else if (strcmp(a, "--cost") == 0 && i + 1 < argc) {
            char *end;

            cost = strtol(argv[++i], &end, 10);
            if (*end || end == argv[i] || cost < 1 || cost > 31) {
                cli_error("--cost: '%s' is not a number from 1 to 31",
                          argv[i]);
                return CLI_USAGE;
            }
        }
        else if (a[0] == '-' && a[1] != '\0') {
            cli_error("passwd: unknown or incomplete option '%s'", a);
            fputs(PASSWD_USAGE, stderr);
            return CLI_USAGE;
        }
        else if (file == NULL) {
            file = a;
        }
        else if (e.user == NULL) {
            e.user = a;
        }
        else {
            cli_error("passwd: unexpected argument '%s'", a);
            return CLI_USAGE;
        }
    }
    if (file == NULL || e.user == NULL) {
        fputs(PASSWD_USAGE, stderr);
        return CLI_USAGE;
    }
    if ((why = cli_bad_user(e.user)) != NULL) {
        cli_error("%s", why);
        return CLI_FAIL;
    }
    if (e.roles && (why = cli_bad_roles(e.roles)) != NULL) {
        cli_error("--roles: %s", why);
        return CLI_FAIL;
    }
    if (cost && ((bcrypt && cost < 4) || (!bcrypt && cost > 11))) {
        cli_error("--cost %ld is out of range for %s", cost,
                  bcrypt ? "bcrypt (4-31)" : "yescrypt (1-11)");
        return CLI_USAGE;
    }
    if ((rc = cli_read_password(&password, from_stdin, pool)) != CLI_OK) {
        return rc;
    }
    if (*password == '\0') {
        cli_error("the password is empty; nothing was changed");
        return CLI_FAIL;
    }
    e.hash = make_hash(password, bcrypt, cost, pool);
    OPENSSL_cleanse(password, strlen(password));
    if (e.hash == NULL) {
        cli_error("libcrypt cannot make a %s hash", bcrypt ? "bcrypt"
                                                           : "yescrypt");
        return CLI_FAIL;
    }
    rc = cli_file_edit(file, CLI_KIND_USER, 1, set_password, &e, pool);
    if (rc == CLI_OK) {
        printf("%s user %s in %s (%s)\n", e.added ? "added" : "updated",
               e.user, file, bcrypt ? "bcrypt" : "yescrypt");
    }
    return rc;
}

/* After a user is deleted, their tokens: revoked with --revoke-tokens,
 * else named in a warning.  A token outlives its user's line: it works
 * again for a user of that name added later, and at once while a role
 * file still names the user. */
static int delete_tokens(const char *tokens, const char *user, int revoke,
                         apr_pool_t *pool)
{
    apr_array_header_t *ids;
    apr_hash_t *active;
    int rc;

    if (revoke) {
        rc = cli_tokens_revoke_user(&ids, tokens, user, pool);
        if (rc == CLI_OK) {
            printf("revoked %d token%s of %s in %s%s%s\n", ids->nelts,
                   ids->nelts == 1 ? "" : "s", user, tokens,
                   ids->nelts ? ": " : "",
                   apr_array_pstrcat(pool, ids, ' '));
        }
        return rc;
    }
    if ((rc = cli_tokens_active(&active, tokens, pool)) != CLI_OK) {
        return rc;
    }
    ids = apr_hash_get(active, user, APR_HASH_KEY_STRING);
    if (ids && ids->nelts) {
        cli_error("warning: %s still has %d active token%s in %s: %s.  "
                  "They work while a role file names %s, and again if a "
                  "user of that name is added.  The user is deleted "
                  "now; revoke each token with authgate token revoke %s "
                  "ID (delete --revoke-tokens does both in one run)",
                  user, ids->nelts, ids->nelts == 1 ? "" : "s", tokens,
                  apr_array_pstrcat(pool, ids, ' '), user, tokens);
    }
    return CLI_OK;
}

int cli_delete(int argc, const char *const *argv, apr_pool_t *pool)
{
    passwd_edit_t e = { NULL, NULL, NULL, 0, 0 };
    const char *file = NULL, *tokens = NULL;
    int rc, revoke = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(DELETE_USAGE, stdout);
        return CLI_OK;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--tokens") == 0 && i + 1 < argc) {
            tokens = argv[++i];
        }
        else if (strcmp(a, "--revoke-tokens") == 0) {
            revoke = 1;
        }
        else if (a[0] == '-' || (file && e.user)) {
            cli_error("delete: unknown or unexpected argument '%s'", a);
            fputs(DELETE_USAGE, stderr);
            return CLI_USAGE;
        }
        else if (file == NULL) {
            file = a;
        }
        else {
            e.user = a;
        }
    }
    if (file == NULL || e.user == NULL || (revoke && tokens == NULL)) {
        if (revoke && tokens == NULL) {
            cli_error("delete: --revoke-tokens needs --tokens FILE");
        }
        fputs(DELETE_USAGE, stderr);
        return CLI_USAGE;
    }
    rc = cli_file_edit(file, CLI_KIND_USER, 0, remove_user, &e, pool);
    if (rc != CLI_OK) {
        return rc;
    }
    printf("deleted user %s from %s\n", e.user, file);
    return tokens ? delete_tokens(tokens, e.user, revoke, pool) : CLI_OK;
}
