/*
 * cli_prompt.c - reading a new password for "authgate passwd": twice
 * from the terminal without echo, or one line from standard input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "authgate.h"
#include "cli.h"

#define PW_MAX AG_MAX_CRED_BYTES

#define LINE_NONE (-1)   /* end of input before any byte, or an error */
#define LINE_LONG (-2)   /* more than PW_MAX bytes */
#define LINE_NUL  (-3)   /* a NUL byte, which would cut the password short
                            where crypt() reads it */

/* One line from fd into buf (at most PW_MAX bytes, without its line
 * ending): 0, or one of the LINE_ statuses with buf wiped. */
static int read_line(int fd, char *buf)
{
    apr_size_t n = 0;
    int any = 0, nul = 0;

    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);

        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;
        }
        any = 1;
        if (c == '\n') {
            break;
        }
        if (c == '\0') {
            nul = 1;
        }
        if (n == PW_MAX) {
            OPENSSL_cleanse(buf, n);
            return LINE_LONG;
        }
        buf[n++] = c;
    }
    if (!any) {
        return LINE_NONE;
    }
    if (nul) {
        OPENSSL_cleanse(buf, n);
        return LINE_NUL;
    }
    if (n > 0 && buf[n - 1] == '\r') {
        n--;
    }
    buf[n] = '\0';
    return 0;
}

/* Say why read_line refused a password. */
static void refused(int rc, const char *none)
{
    if (rc == LINE_LONG) {
        cli_error("the password exceeds %d bytes", PW_MAX);
    }
    else if (rc == LINE_NUL) {
        cli_error("the password holds a NUL byte, which no password hash "
                  "can keep; nothing was changed");
    }
    else {
        cli_error("%s", none);
    }
}

/* Ask on the terminal with echo off.  Echo goes off, discarding what
 * was typed ahead, before the prompt appears: an answer typed once the
 * prompt shows is never thrown away. */
static int ask(int tty, const char *prompt, char *buf)
{
    struct termios old, quiet;
    int rc, restore;

    restore = tcgetattr(tty, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    rc = write(tty, prompt, strlen(prompt)) < 0 ? LINE_NONE
                                                : read_line(tty, buf);
    if (restore) {
        tcsetattr(tty, TCSANOW, &old);
    }
    if (write(tty, "\n", 1) < 0) {
        rc = LINE_NONE;
    }
    return rc;
}

int cli_read_password(char **password, int from_stdin, apr_pool_t *pool)
{
    char *first = apr_palloc(pool, PW_MAX + 1);
    char *again = apr_palloc(pool, PW_MAX + 1);
    int tty, rc, same;

    if (from_stdin) {
        rc = read_line(STDIN_FILENO, first);
        if (rc != 0) {
            refused(rc, "no password on standard input");
            return CLI_FAIL;
        }
        *password = first;
        return CLI_OK;
    }
    tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (tty < 0) {
        cli_error("no terminal to ask for the password on; use --stdin");
        return CLI_FAIL;
    }
    rc = ask(tty, "New password: ", first);
    if (rc == 0) {
        rc = ask(tty, "Repeat the password: ", again);
    }
    close(tty);
    if (rc != 0) {
        OPENSSL_cleanse(first, PW_MAX + 1);
        OPENSSL_cleanse(again, PW_MAX + 1);
        refused(rc, "no password was given");
        return CLI_FAIL;
    }
    same = strcmp(first, again) == 0;
    OPENSSL_cleanse(again, PW_MAX + 1);
    if (!same) {
        OPENSSL_cleanse(first, PW_MAX + 1);
        cli_error("the two passwords differ; nothing was changed");
        return CLI_FAIL;
    }
    *password = first;
    return CLI_OK;
}
