/*
 * cli.h - declarations shared by the parts of the authgate command
 * (authgate(1)).  The command links the same core as the module
 * (src/ag_*.c) and knows nothing of httpd.
 */
#ifndef AUTHGATE_CLI_H
#define AUTHGATE_CLI_H

#include <sys/types.h>

#include <apr_hash.h>
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

/* The kinds of file (README, "Files") the command edits. */
typedef enum {
    CLI_KIND_USER,
    CLI_KIND_ROLE,
    CLI_KIND_TOKEN,
    /* a user file or a role file, told apart by cli_kind_guess */
    CLI_KIND_USER_OR_ROLE
} cli_kind_e;

/* "user file", "role file", "token file": for messages. */
const char *cli_kind_name(cli_kind_e kind);

/* Whether buf[0..len), the text of the file at path (named in messages),
 * is a file of this kind: it parses whole with the module's own parser
 * for the kind, and no line has the shape of a line of /etc/passwd,
 * /etc/shadow or /etc/group.  A user file may not hold a line shaped
 * like a role line (a blank right after the first ':'), nor more than
 * five fields; a role file may not hold a line shaped like a user line
 * (a password hash after the ':', or a second ':').  For
 * CLI_KIND_USER_OR_ROLE the kind is the one cli_kind_guess finds, and a
 * file it cannot tell is refused.  CLI_OK, or CLI_FAIL after reporting
 * "PATH:LINE: not a KIND: why". */
int cli_kind_check(cli_kind_e kind, const char *path, const char *buf,
                   apr_size_t len, apr_pool_t *pool);

/* What one record line (line[0..len), trimmed, not a comment) says of
 * its file's kind: CLI_KIND_USER when its second field is a password
 * hash the module knows (or "!"), or it has more than two fields;
 * CLI_KIND_ROLE when its second field is empty or starts with a blank,
 * as in "ROLE: USER USER"; -1 when it could be either. */
int cli_kind_hint(const char *line, apr_size_t len);

/* Whether buf[0..len) is a user file or a role file, from the hints of
 * its lines: CLI_KIND_USER or CLI_KIND_ROLE when every line that hints
 * agrees, else -1 (no line hints) or -2 (lines disagree:
 * *line1 and *line2 are one of each).  */
int cli_kind_guess(const char *buf, apr_size_t len, unsigned *line1,
                   unsigned *line2);

/* Where a file to be edited is, found by walking its path one name at a
 * time without letting the kernel follow a link: a symbolic link on the
 * way (the last name or a directory) is followed only when root owns it
 * or its owner owns its target (for a link to nothing, the user running
 * the command, who would create the file).  The last name is not a link
 * when the walk ends; it may not exist. */
typedef struct {
    int dirfd;          /* the directory holding the file, open for
                           reading; the caller closes it */
    const char *dir;    /* that directory's path, for messages */
    const char *base;   /* the file's name in it */
    const char *path;   /* dir and base: the file, links resolved */
} cli_place_t;

/* Fill *place for path (strings from pool).  CLI_OK, CLI_FAIL when a
 * link is not to be followed, or CLI_IO (each reported, naming the
 * file or link). */
int cli_path_resolve(cli_place_t *place, const char *path,
                     apr_pool_t *pool);

/* Who httpd's children run as.  Found, in order, from the environment
 * variables AUTHGATE_USER and AUTHGATE_GROUP (a name or a number); else
 * from APACHE_RUN_USER and APACHE_RUN_GROUP in Debian's envvars file
 * ($APACHE_CONFDIR/envvars, default /etc/apache2/envvars; read as text,
 * never run); the group else from the user's primary group; and both
 * else "www-data" when the system has it. */
typedef struct {
    const char *user;   /* httpd's User, or NULL when unknown */
    uid_t uid;
    gid_t user_gid;     /* the User's primary group */
    const char *group;  /* httpd's Group, or NULL when unknown */
    gid_t gid;
    int group_asked;    /* the group came from AUTHGATE_GROUP */
} cli_httpd_t;

/* Fill *h (strings from pool).  CLI_OK, or CLI_FAIL (reported) when
 * AUTHGATE_USER or AUTHGATE_GROUP names nobody. */
int cli_httpd_find(cli_httpd_t *h, apr_pool_t *pool);

/* Why httpd's user could not open the file at path for reading, judged
 * by the mode bits of the file and of every directory on the way (with
 * the links resolved and as written) against the user's uid, httpd's
 * Group and the user's other groups; ACLs are not consulted.  A sentence
 * from pool, or NULL when it could or when that cannot be told (no such
 * user, the user is root, a directory we cannot look at). */
const char *cli_httpd_cannot_read(const cli_httpd_t *h, const char *path,
                                  apr_pool_t *pool);

/* Edit the file at path, which must be of the given kind, atomically:
 * find it with cli_path_resolve, then under an exclusive advisory lock
 * on its directory read it (a missing file is empty when create is
 * set; anything but a regular file is refused), refuse it unless
 * cli_kind_check accepts it, let edit change the lines, write them to a
 * temporary file in the same directory with the original's mode and
 * owner (a new file: mode 0640, group httpd's Group as cli_httpd_find
 * finds it), fsync it, rename it over the original and fsync the
 * directory.  A reader never sees half a file, and concurrent edits
 * never lose one another's lines.  Returns edit's status, CLI_FAIL
 * (refused: link, kind, AUTHGATE_GROUP) or CLI_IO. */
int cli_file_edit(const char *path, cli_kind_e kind, int create,
                  cli_edit_fn *edit, void *baton, apr_pool_t *pool);

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

/* Why a user name cannot start a line of a user file (also: over 256
 * bytes, a leading '#'), or NULL when it can. */
const char *cli_bad_user(const char *user);

/* A user file's line as its five text fields (the README's "User file"):
 * NAME:HASH:ROLES:UNTIL:STATE, each "" when absent; STATE takes the rest
 * of the line, so a line with more colons is written back whole. */
typedef struct {
    const char *name;
    const char *hash;      /* never printed */
    const char *roles;
    const char *until;     /* YYYY-MM-DD, last day (UTC) it works */
    const char *state;     /* "disabled" */
    const char *eol;       /* "\r" when the line ended in CR LF */
} cli_user_line_t;

/* Split line[0..len) (blanks around it and a trailing CR are dropped):
 * 1 for a record, 0 for a comment, a blank line or a line without ':'.
 * Strings from pool. */
int cli_user_line_split(cli_user_line_t *u, const char *line,
                        apr_size_t len, apr_pool_t *pool);

/* The line for u: NAME:HASH, then ROLES, UNTIL, STATE up to the last
 * non-empty one, then u->eol.  From pool. */
char *cli_user_line_join(const cli_user_line_t *u, apr_pool_t *pool);

/* The index in text of the first line of user (the one the module uses)
 * with *u filled, or -1. */
int cli_user_find(cli_user_line_t *u, const cli_text_t *text,
                  const char *user, apr_pool_t *pool);

/* Parse an UNTIL date, YYYY-MM-DD (a real date, years 1970-9999), into
 * the first second of that day (UTC): 1, or 0 when it is not one. */
int cli_until_parse(apr_int64_t *first_second, const char *date);

/* "active", "expired" (now is past the UNTIL day), "disabled" or
 * "invalid" (UNTIL or STATE holds something else). */
const char *cli_user_state(const cli_user_line_t *u, apr_int64_t now);

/* Why a role name cannot be stored (empty, a leading '#', a ':', ',',
 * blank or control byte, not UTF-8), or NULL. */
const char *cli_bad_role_name(const char *role);

/* Split the comma list given on the command line into *roles (const
 * char *, duplicates dropped): NULL, or why a name is refused. */
const char *cli_role_list(apr_array_header_t **roles, const char *list,
                          apr_pool_t *pool);

/* The current time, in seconds since the epoch. */
apr_int64_t cli_now(void);

/* The active tokens of a token file (state active, not expired, usable),
 * by user: *active maps a user name to an apr_array_header_t of token
 * IDs (const char *).  The file must parse whole.  CLI_OK, CLI_FAIL (not
 * a token file) or CLI_IO (each reported). */
int cli_tokens_active(apr_hash_t **active, const char *file,
                      apr_pool_t *pool);

/* Revoke every active token of user in the token file file, atomically
 * (cli_file_edit).  CLI_OK with *ids the IDs revoked, or a status. */
int cli_tokens_revoke_user(apr_array_header_t **ids, const char *file,
                           const char *user, apr_pool_t *pool);

/* Subcommands: argc/argv start after the subcommand's own name. */
int cli_passwd(int argc, const char *const *argv, apr_pool_t *pool);
int cli_delete(int argc, const char *const *argv, apr_pool_t *pool);
int cli_token(int argc, const char *const *argv, apr_pool_t *pool);
int cli_check(int argc, const char *const *argv, apr_pool_t *pool);
int cli_secret(int argc, const char *const *argv, apr_pool_t *pool);
int cli_users(int argc, const char *const *argv, apr_pool_t *pool);
int cli_role(int argc, const char *const *argv, apr_pool_t *pool);
int cli_expire(int argc, const char *const *argv, apr_pool_t *pool);
int cli_disable(int argc, const char *const *argv, apr_pool_t *pool);
int cli_enable(int argc, const char *const *argv, apr_pool_t *pool);

/* Read a password: from standard input (one line) when from_stdin, else
 * from the terminal twice without echo.  CLI_OK with *password (from
 * pool; the caller wipes it), or CLI_FAIL (reported). */
int cli_read_password(char **password, int from_stdin, apr_pool_t *pool);

/* Non-zero when argv[i] is "-h" or "--help" for some i < argc. */
int cli_wants_help(int argc, const char *const *argv);

#endif /* AUTHGATE_CLI_H */
