/*
 * cli_validity.c - "authgate expire", "authgate disable" and "authgate
 * enable": the per-user validity fields of the user file (the README's
 * "User file"), UNTIL (the last day, UTC, on which the account works)
 * and STATE ("disabled" or empty), set and cleared on the user's line as
 * text.  Every other field stays as it was; emptied fields at the end of
 * the line are dropped, so an enabled user without an expiry is
 * NAME:HASH[:ROLES] again.
 */
#include <stdio.h>
#include <string.h>

#include <apr_strings.h>

#include "cli.h"

#define EXPIRE_USAGE \
    "usage: authgate expire FILE USER DATE|never\n" \
    "\n" \
    "Set USER's last valid day (UNTIL, the fourth field of the user\n" \
    "file FILE) to DATE, YYYY-MM-DD in UTC: from the next day on, the\n" \
    "module refuses USER's password, tokens and sessions (reason\n" \
    "account-expired).  \"never\" clears it.  A day already past is\n" \
    "taken, with a warning: the account is expired at once.\n" \
    "\n" \
    "Exit status: 0 done (also when UNTIL was already so), 1 refused\n" \
    "(no such user, a bad date, a link or a file that is not a user\n" \
    "file), 2 the file cannot be read or written, 64 wrong arguments.\n"
#define DISABLE_USAGE \
    "usage: authgate disable FILE USER\n" \
    "       authgate enable FILE USER\n" \
    "\n" \
    "disable sets USER's STATE (the fifth field of the user file FILE)\n" \
    "to disabled: the module refuses USER's password, tokens and\n" \
    "sessions (reason account-disabled) until enable clears it.  The\n" \
    "password, roles and UNTIL stay as they were.  enable does not\n" \
    "change UNTIL (see authgate expire).\n" \
    "\n" \
    "Exit status: 0 done (also when the user was already so), 1 refused\n" \
    "(no such user, a link or a file that is not a user file), 2 the\n" \
    "file cannot be read or written, 64 wrong arguments.\n"

typedef struct {
    const char *user;
    int field;              /* 3 UNTIL, 4 STATE */
    const char *value;      /* "" clears */
    const char *was;        /* the field before */
    const char *until;      /* UNTIL after the edit */
} validity_edit_t;

static int set_field(cli_text_t *text, void *baton, apr_pool_t *pool)
{
    validity_edit_t *e = baton;
    cli_user_line_t u;
    int i = cli_user_find(&u, text, e->user, pool);
    const char **f;

    if (i < 0) {
        cli_error("there is no user '%s' (only a user file holds UNTIL "
                  "and STATE)", e->user);
        return CLI_FAIL;
    }
    f = e->field == 3 ? &u.until : &u.state;
    e->was = *f;
    if (strcmp(*f, e->value) == 0) {
        e->until = u.until;
        return CLI_UNCHANGED;
    }
    *f = e->value;
    e->until = u.until;
    APR_ARRAY_IDX(text->lines, i, char *) = cli_user_line_join(&u, pool);
    return CLI_OK;
}

/* FILE USER, the arguments every one of these commands takes first. */
static int file_and_user(const char **file, const char **user, int argc,
                         const char *const *argv, int want,
                         const char *usage)
{
    const char *why;

    if (argc != want) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error("unknown option '%s'", argv[i]);
            fputs(usage, stderr);
            return CLI_USAGE;
        }
    }
    *file = argv[0];
    *user = argv[1];
    if ((why = cli_bad_user(*user)) != NULL) {
        cli_error("%s", why);
        return CLI_FAIL;
    }
    return CLI_OK;
}

int cli_expire(int argc, const char *const *argv, apr_pool_t *pool)
{
    validity_edit_t e = { NULL, 3, "", NULL, NULL };
    const char *file, *date;
    apr_int64_t day = 0;
    int rc;

    if (cli_wants_help(argc, argv)) {
        fputs(EXPIRE_USAGE, stdout);
        return CLI_OK;
    }
    if ((rc = file_and_user(&file, &e.user, argc, argv, 3, EXPIRE_USAGE))
        != CLI_OK) {
        return rc;
    }
    date = argv[2];
    if (strcmp(date, "never") != 0) {
        if (!cli_until_parse(&day, date)) {
            cli_error("'%s' is not a date YYYY-MM-DD (from 1970 on) or "
                      "never", date);
            return CLI_FAIL;
        }
        e.value = date;
    }
    rc = cli_file_edit(file, CLI_KIND_USER, 0, set_field, &e, pool);
    if (rc != CLI_OK) {
        return rc;
    }
    if (strcmp(e.was, e.value) == 0) {
        printf("%s %s already\n", e.user,
               *e.value ? apr_pstrcat(pool, "works until ", e.value, NULL)
                        : "has no expiry");
        return CLI_OK;
    }
    printf("%s %s in %s\n", e.user,
           *e.value ? apr_pstrcat(pool, "now works until ", e.value,
                                  " (UTC)", NULL)
                    : "no longer expires", file);
    if (*e.value && cli_now() >= day + 86400) {
        cli_error("warning: %s has passed: %s is expired now", e.value,
                  e.user);
    }
    return CLI_OK;
}

static int set_state(int argc, const char *const *argv, const char *value,
                     apr_pool_t *pool)
{
    validity_edit_t e = { NULL, 4, value, NULL, NULL };
    const char *file;
    int rc;

    if (cli_wants_help(argc, argv)) {
        fputs(DISABLE_USAGE, stdout);
        return CLI_OK;
    }
    if ((rc = file_and_user(&file, &e.user, argc, argv, 2, DISABLE_USAGE))
        != CLI_OK) {
        return rc;
    }
    rc = cli_file_edit(file, CLI_KIND_USER, 0, set_field, &e, pool);
    if (rc != CLI_OK) {
        return rc;
    }
    if (strcmp(e.was, value) == 0) {
        printf("%s is %s already\n", e.user, *value ? "disabled"
                                                    : "enabled");
    }
    else {
        printf("%s %s in %s\n", *value ? "disabled" : "enabled", e.user,
               file);
    }
    if (!*value && *e.until) {
        cli_user_line_t u;

        memset(&u, 0, sizeof(u));
        u.until = e.until;
        u.state = "";
        if (strcmp(cli_user_state(&u, cli_now()), "active") != 0) {
            cli_error("warning: %s's last valid day, %s, has passed or is "
                      "not a date; "
                      "authgate expire sets another", e.user, e.until);
        }
    }
    return CLI_OK;
}

int cli_disable(int argc, const char *const *argv, apr_pool_t *pool)
{
    return set_state(argc, argv, "disabled", pool);
}

int cli_enable(int argc, const char *const *argv, apr_pool_t *pool)
{
    return set_state(argc, argv, "", pool);
}
