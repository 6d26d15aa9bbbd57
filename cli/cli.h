/*
 * cli.h - declarations shared by the parts of the authgate command
 * (SPEC section 6).  The command links the same core as the module
 * (src/ag_*.c) and knows nothing of httpd.
 */
#ifndef AUTHGATE_CLI_H
#define AUTHGATE_CLI_H

#include <apr_pools.h>
#include <apr_tables.h>

/* Exit statuses of every subcommand. */
#define CLI_OK        0   /* done */
#define CLI_FAIL      1   /* refused: bad input, no such user or token;
                             check: errors found */
#define CLI_IO        2   /* a file cannot be read or written */
#define CLI_USAGE     64  /* wrong arguments (EX_USAGE of sysexits.h) */
/* Returned by an edit function: nothing to change, nothing to write. */
#define CLI_UNCHANGED (-1)

/* Print "authgate: <message>" to standard error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A file as lines, each kept byte for byte (without its '\n'), so that an
 * edit changes only the lines it means to. */
typedef struct {
    apr_array_header_t *lines;    /* char *, NUL-terminated */
    int existed;                  /* 0: the file is being created */
} cli_text_t;

/* Change text in place; return CLI_OK to write the result, CLI_UNCHANGED
 * to write nothing and succeed, anything else to leave the file untouched
 * and return that status. */
typedef int cli_edit_fn(cli_text_t *text, void *baton, apr_pool_t *pool);

/* Edit the file at path atomically: under an exclusive advisory lock on
 * its directory, read it (a missing file is empty when create is set),
 * let edit change the lines, write them to a temporary file in the same
 * directory with the original's mode and owner (0640 for a new file),
 * fsync it, rename it over the original and fsync the directory.  A
 * reader never sees half a file, and concurrent edits never lose one
 * another's lines.  Returns edit's status or CLI_IO. */
int cli_file_edit(const char *path, int create, cli_edit_fn *edit,
                  void *baton, apr_pool_t *pool);

/* Read the whole file: CLI_OK with *buf and *len, or CLI_IO (reported). */
int cli_file_read(char **buf, apr_size_t *len, const char *path,
                  apr_pool_t *pool);

/* The name of a record line (the text before its first ':', after
 * leading blanks), or NULL for a comment, a blank line or a line without
 * ':'.  From pool. */
const char *cli_record_name(const char *line, apr_pool_t *pool);

/* Why a user name cannot stand in a field of a file (empty, a ':', a
 * blank or control byte, not UTF-8), or NULL when it can. */
const char *cli_bad_name(const char *user);

/* Why a comma list of role names cannot be stored (a ':', blank or
 * control byte, or not UTF-8), or NULL when it can. */
const char *cli_bad_roles(const char *roles);

/* Subcommands: argc/argv start after the subcommand's own name. */
int cli_passwd(int argc, const char *const *argv, apr_pool_t *pool);
int cli_delete(int argc, const char *const *argv, apr_pool_t *pool);
int cli_token(int argc, const char *const *argv, apr_pool_t *pool);
int cli_check(int argc, const char *const *argv, apr_pool_t *pool);

/* Read a password: from standard input (one line) when from_stdin, else
 * from the terminal twice without echo.  CLI_OK with *password (from
 * pool; the caller wipes it), or CLI_FAIL (reported). */
int cli_read_password(char **password, int from_stdin, apr_pool_t *pool);

/* Non-zero when argv[i] is "-h" or "--help" for some i < argc. */
int cli_wants_help(int argc, const char *const *argv);

#endif /* AUTHGATE_CLI_H */
