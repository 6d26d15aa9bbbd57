/*
 * authgate.c - the authgate command (authgate(1)): manage the user and
 * token files of mod_authgate and check them.  A table of subcommands;
 * each returns one of the exit statuses of cli.h to main.
 */
#include <stdio.h>
#include <string.h>

#include <apr_general.h>

#include "ag_version.h"
#include "cli.h"

#define USAGE \
    "usage: authgate passwd FILE USER [--roles R,R] [--bcrypt|--yescrypt]\n" \
    "                       [--cost N] [--stdin]\n" \
    "       authgate delete FILE USER [--tokens TOKENFILE\n" \
    "                                 [--revoke-tokens]]\n" \
    "       authgate users USERFILE [--roles ROLEFILE]\n" \
    "                      [--tokens TOKENFILE] [--json]\n" \
    "       authgate role add|remove FILE USER ROLE[,ROLE...]\n" \
    "                                [--kind user|role]\n" \
    "       authgate expire FILE USER DATE|never\n" \
    "       authgate disable FILE USER\n" \
    "       authgate enable FILE USER\n" \
    "       authgate token issue FILE --user U [--roles R,R|*]\n" \
    "                            [--expires 30d|12h|DATE|never] [--id ID]\n" \
    "       authgate token revoke FILE ID\n" \
    "       authgate token list FILE\n" \
    "       authgate check [--users FILE] [--roles FILE] [--tokens FILE]\n" \
    "                      [--strict]\n" \
    "       authgate secret FILE\n" \
    "       authgate --version\n" \
    "\n" \
    "Manage and check the user, role and token files of mod_authgate.\n" \
    "Every change is written atomically (a temporary file renamed over\n" \
    "the old one, under a lock), keeps the file's mode and owner and\n" \
    "leaves other lines as they were.  A new file is created 0640 with\n" \
    "httpd's group: $AUTHGATE_GROUP, else APACHE_RUN_GROUP or the group\n" \
    "of APACHE_RUN_USER in $APACHE_CONFDIR/envvars (/etc/apache2/envvars,\n" \
    "read as text, never run), else www-data.  A symbolic link is\n" \
    "followed only when root or the owner of its target owns it, and a\n" \
    "file is rewritten only when it parses as the kind named (never a\n" \
    "passwd, shadow or group file).  \"authgate COMMAND --help\" says\n" \
    "more about each command.\n" \
    "\n" \
    "Exit status: 0 done, 1 refused (including a link or a file of\n" \
    "another kind) or (check) errors found, 2 a file cannot be read or\n" \
    "written, 64 wrong arguments.\n"

static const struct {
    const char *name;
    int (*run)(int argc, const char *const *argv, apr_pool_t *pool);
} commands[] = {
    { "passwd", cli_passwd },
    { "delete", cli_delete },
    { "token", cli_token },
    { "check", cli_check },
    { "secret", cli_secret },
    { "users", cli_users },
    { "role", cli_role },
    { "expire", cli_expire },
    { "disable", cli_disable },
    { "enable", cli_enable },
};

int cli_wants_help(int argc, const char *const *argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, const char *const *argv)
{
    apr_pool_t *pool;
    int rc = CLI_USAGE;

    if (argc < 2) {
        fputs(USAGE, stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0) {
        fputs(USAGE, stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0
        || strcmp(argv[1], "version") == 0) {
        if (argc > 2) {
            cli_error("%s takes no arguments", argv[1]);
            return CLI_USAGE;
        }
        fputs("authgate " AUTHGATE_VERSION "\n", stdout);
        return CLI_OK;
    }
    if (apr_app_initialize(&argc, &argv, NULL) != APR_SUCCESS
        || apr_pool_create(&pool, NULL) != APR_SUCCESS) {
        cli_error("cannot initialise APR");
        return CLI_FAIL;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            rc = commands[i].run(argc - 2, argv + 2, pool);
            break;
        }
        if (i + 1 == sizeof(commands) / sizeof(commands[0])) {
            cli_error("unknown command '%s'", argv[1]);
            fputs(USAGE, stderr);
        }
    }
    fflush(stdout);
    apr_pool_destroy(pool);
    apr_terminate();
    return rc;
}
