/*
 * cli_secret.c - "authgate secret FILE" (authgate(1)): make the
 * AuthGateSecretFile of mod_authgate(8), 32 random bytes from OpenSSL,
 * mode 0600 (read by httpd's root parent alone, once, at startup).  An
 * existing file is never overwritten: replacing a secret that servers
 * share must be deliberate (delete the old file first).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "ag_secret.h"
#include "cli.h"

int cli_secret(int argc, const char *const *argv, apr_pool_t *pool)
{
    unsigned char secret[AG_SECRET_MIN];
    const char *path;
    int fd, ok;

    (void)pool;
    if (cli_wants_help(argc, argv) || argc != 1) {
        fputs("usage: authgate secret FILE\n"
              "Write 32 random bytes to FILE (a new file, mode 0600) for "
              "AuthGateSecretFile.\n", argc == 1 ? stdout : stderr);
        return argc == 1 ? CLI_OK : CLI_USAGE;
    }
    path = argv[0];
    if (RAND_bytes(secret, sizeof(secret)) != 1) {
        cli_error("no random bytes available");
        return CLI_FAIL;
    }
    /* O_EXCL | O_NOFOLLOW: never through a link, never over a file */
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              0600);
    if (fd < 0) {
        cli_error("%s: %s%s", path, strerror(errno),
                  errno == EEXIST ? " (remove it first to replace the "
                                    "secret)" : "");
        return errno == EEXIST ? CLI_FAIL : CLI_IO;
    }
    ok = write(fd, secret, sizeof(secret)) == (ssize_t)sizeof(secret)
         && fchmod(fd, 0600) == 0 && fsync(fd) == 0;
    memset(secret, 0, sizeof(secret));
    if (close(fd) != 0 || !ok) {
        cli_error("%s: cannot be written", path);
        unlink(path);
        return CLI_IO;
    }
    return CLI_OK;
}
