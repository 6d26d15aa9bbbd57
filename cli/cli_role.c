/*
 * cli_role.c - "authgate role add|remove FILE USER ROLE[,ROLE...]": give
 * a user roles, or take them away, without an editor, in a user file
 * (the third field of the user's line) or in a role file ("ROLE: USER
 * USER ...", one line a role), whichever FILE is (cli_kind_guess, or
 * --kind).  A user's roles are the union of both files, so a role taken
 * away in one may still be given by the other: the command says so only
 * for the file it was given.
 *
 * Both edits are idempotent: a role the user already has, or does not
 * have, is reported and the file is left as it was (exit status 0).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <apr_strings.h>

#include "ag_lines.h"
#include "cli.h"

#define ROLE_USAGE \
    "usage: authgate role add FILE USER ROLE[,ROLE...] [--kind user|role]\n" \
    "       authgate role remove FILE USER ROLE[,ROLE...]\n" \
    "                            [--kind user|role]\n" \
    "\n" \
    "Give USER the roles, or take them away, in FILE: a user file (the\n" \
    "third field of USER's line; USER must be there) or a role file\n" \
    "(lines \"ROLE: USER USER ...\"; a role's line is added when needed,\n" \
    "and removed once nobody is left in it).  Which of the two FILE is\n" \
    "is told from its lines: a password hash after the first ':' makes a\n" \
    "user file, a blank after it a role file.  When the lines cannot\n" \
    "tell (or FILE does not exist yet), say --kind user or --kind role;\n" \
    "\"role add --kind role\" creates a missing role file (0640, httpd's\n" \
    "group, see authgate --help).  Role names are those Require role\n" \
    "takes: no ':', ',', blank or control byte, and no leading '#'.\n" \
    "Other lines and fields (UNTIL, STATE) stay as they were.\n" \
    "\n" \
    "A role USER has already (add) or does not have (remove) in FILE is\n" \
    "reported and changes nothing; the exit status is still 0.  Roles\n" \
    "given by the other file are not affected.\n" \
    "\n" \
    "Exit status: 0 done, 1 refused (no such user in a user file, a bad\n" \
    "name, a link or a file of another kind), 2 the file cannot be read\n" \
    "or written, 64 wrong arguments.\n"

typedef struct {
    int add;                       /* 1 add, 0 remove */
    int kind;                      /* CLI_KIND_USER, _ROLE, or -1: guess */
    const char *user;
    apr_array_header_t *roles;     /* asked for */
    apr_array_header_t *changed;   /* roles added or removed */
    apr_array_header_t *unchanged; /* already so */
    int kept_empty;                /* role lines left as "ROLE:" */
} role_edit_t;

static int has(const apr_array_header_t *list, const char *s)
{
    for (int i = 0; i < list->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(list, i, const char *), s) == 0) {
            return 1;
        }
    }
    return 0;
}

static void note(role_edit_t *e, int changed, const char *role)
{
    APR_ARRAY_PUSH(changed ? e->changed : e->unchanged, const char *) =
        role;
}

/* -- the user file's third field ---------------------------------------- */

static int edit_user_file(cli_text_t *text, role_edit_t *e,
                          apr_pool_t *pool)
{
    apr_array_header_t *have = apr_array_make(pool, 4, sizeof(char *));
    cli_user_line_t u;
    int i = cli_user_find(&u, text, e->user, pool);

    if (i < 0) {
        cli_error("there is no user '%s' in this user file (authgate "
                  "passwd adds one)", e->user);
        return CLI_FAIL;
    }
    /* the module's own splitting: commas, blanks around names, empty
     * items skipped (the file parsed, so no name holds a blank or ':') */
    ag_lines_split_roles(have, u.roles, strlen(u.roles), NULL, NULL, pool);
    for (int r = 0; r < e->roles->nelts; r++) {
        const char *role = APR_ARRAY_IDX(e->roles, r, const char *);
        int held = has(have, role);

        note(e, held != e->add, role);
    }
    if (e->changed->nelts == 0) {
        return CLI_UNCHANGED;
    }
    if (e->add) {
        /* the field as it was, the new roles after it */
        const char *field = u.roles;
        apr_size_t n = strlen(field);

        while (n > 0 && (field[n - 1] == ',' || field[n - 1] == ' '
                         || field[n - 1] == '\t')) {
            n--;
        }
        u.roles = apr_pstrcat(pool, apr_pstrmemdup(pool, field, n),
                              n ? "," : "",
                              apr_array_pstrcat(pool, e->changed, ','),
                              NULL);
    }
    else {
        apr_array_header_t *kept = apr_array_make(pool, have->nelts,
                                                  sizeof(char *));

        for (int r = 0; r < have->nelts; r++) {
            const char *role = APR_ARRAY_IDX(have, r, const char *);

            if (!has(e->changed, role)) {
                APR_ARRAY_PUSH(kept, const char *) = role;
            }
        }
        u.roles = apr_array_pstrcat(pool, kept, ',');
    }
    APR_ARRAY_IDX(text->lines, i, char *) = cli_user_line_join(&u, pool);
    return CLI_OK;
}

/* -- the role file ------------------------------------------------------- */

/* A role file line: its role name (blanks before the ':' dropped, as the
 * module's parser drops them), and where its members start. */
typedef struct {
    const char *role;
    const char *head;     /* the line up to and including its ':' */
    const char *members;  /* after the ':', without a trailing CR */
    const char *eol;      /* "\r" or "" */
} role_line_t;

static int role_line_split(role_line_t *rl, const char *line,
                           apr_pool_t *pool)
{
    const char *p = line, *colon, *end;
    apr_size_t n = strlen(line);

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (*p == '#' || (colon = strchr(p, ':')) == NULL) {
        return 0;
    }
    end = colon;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    rl->role = apr_pstrmemdup(pool, p, (apr_size_t)(end - p));
    rl->head = apr_pstrmemdup(pool, line, (apr_size_t)(colon + 1 - line));
    rl->eol = n > 0 && line[n - 1] == '\r' ? "\r" : "";
    rl->members = apr_pstrmemdup(pool, colon + 1,
                                 (apr_size_t)(line + n - strlen(rl->eol)
                                              - colon - 1));
    return 1;
}

/* The members of a role line, split at blanks as the module splits them. */
static apr_array_header_t *members_of(const char *s, apr_pool_t *pool)
{
    apr_array_header_t *out = apr_array_make(pool, 8, sizeof(char *));

    while (*s) {
        apr_size_t n;

        s += strspn(s, " \t");
        n = strcspn(s, " \t");
        if (n) {
            APR_ARRAY_PUSH(out, const char *) = apr_pstrmemdup(pool, s, n);
        }
        s += n;
    }
    return out;
}

/* Add: to the role's first line (the one the module uses), or a new line
 * at the end. */
static void role_add(cli_text_t *text, role_edit_t *e, const char *role,
                     apr_pool_t *pool)
{
    for (int i = 0; i < text->lines->nelts; i++) {
        char **line = &APR_ARRAY_IDX(text->lines, i, char *);
        role_line_t rl;
        apr_size_t n;

        if (!role_line_split(&rl, *line, pool)
            || strcmp(rl.role, role) != 0) {
            continue;
        }
        if (has(members_of(rl.members, pool), e->user)) {
            note(e, 0, role);
            return;
        }
        n = strlen(rl.members);
        while (n > 0 && (rl.members[n - 1] == ' '
                         || rl.members[n - 1] == '\t')) {
            n--;
        }
        *line = apr_pstrcat(pool, rl.head,
                            apr_pstrmemdup(pool, rl.members, n), " ",
                            e->user, rl.eol, NULL);
        note(e, 1, role);
        return;
    }
    APR_ARRAY_PUSH(text->lines, char *) =
        apr_pstrcat(pool, role, ": ", e->user, NULL);
    note(e, 1, role);
}

/* Remove: from every line of the role, the ignored duplicates too, so
 * that none can bring the user back.  A line left empty goes, but for
 * the first line of a role that has more: it stays as "ROLE:", since
 * removing it would put the next line, and its members, in force. */
static void role_remove(cli_text_t *text, role_edit_t *e, const char *role,
                        apr_pool_t *pool)
{
    apr_array_header_t *kept = apr_array_make(pool, text->lines->nelts,
                                              sizeof(char *));
    int first = -1, later = 0, removed = 0;

    for (int i = 0; i < text->lines->nelts; i++) {
        role_line_t rl;

        if (role_line_split(&rl, APR_ARRAY_IDX(text->lines, i, char *),
                            pool) && strcmp(rl.role, role) == 0) {
            if (first < 0) {
                first = i;
            }
            else {
                later = 1;
            }
        }
    }
    for (int i = 0; i < text->lines->nelts; i++) {
        char *line = APR_ARRAY_IDX(text->lines, i, char *);
        apr_array_header_t *members, *left;
        role_line_t rl;

        if (!role_line_split(&rl, line, pool) || strcmp(rl.role, role) != 0
            || !has(members = members_of(rl.members, pool), e->user)) {
            APR_ARRAY_PUSH(kept, char *) = line;
            continue;
        }
        removed = 1;
        left = apr_array_make(pool, members->nelts, sizeof(char *));
        for (int m = 0; m < members->nelts; m++) {
            const char *who = APR_ARRAY_IDX(members, m, const char *);

            if (strcmp(who, e->user) != 0) {
                APR_ARRAY_PUSH(left, const char *) = who;
            }
        }
        if (left->nelts == 0 && !(i == first && later)) {
            continue;               /* an emptied line goes */
        }
        if (left->nelts == 0) {
            e->kept_empty = 1;
        }
        APR_ARRAY_PUSH(kept, char *) =
            apr_pstrcat(pool, rl.head, left->nelts ? " " : "",
                        apr_array_pstrcat(pool, left, ' '), rl.eol, NULL);
    }
    text->lines = kept;
    note(e, removed, role);
}

static int edit_role_file(cli_text_t *text, role_edit_t *e,
                          apr_pool_t *pool)
{
    for (int r = 0; r < e->roles->nelts; r++) {
        const char *role = APR_ARRAY_IDX(e->roles, r, const char *);

        if (e->add) {
            role_add(text, e, role, pool);
        }
        else {
            role_remove(text, e, role, pool);
        }
    }
    return e->changed->nelts ? CLI_OK : CLI_UNCHANGED;
}

/* -- the command ------------------------------------------------------- */

/* The kind of the text, judged again on the lines read under the lock
 * (cli_kind_check has accepted the same bytes as this kind). */
static int kind_of(const cli_text_t *text)
{
    int kind = -1;

    for (int i = 0; i < text->lines->nelts && kind < 0; i++) {
        const char *line = APR_ARRAY_IDX(text->lines, i, const char *);
        apr_size_t n = strlen(line);

        while (*line == ' ' || *line == '\t') {
            line++;
            n--;
        }
        while (n > 0 && strchr("\r \t", line[n - 1])) {
            n--;
        }
        if (n > 0 && *line != '#') {
            kind = cli_kind_hint(line, n);
        }
    }
    return kind;
}

static int edit_roles(cli_text_t *text, void *baton, apr_pool_t *pool)
{
    role_edit_t *e = baton;
    int kind = e->kind >= 0 ? e->kind : kind_of(text);

    switch (kind) {
    case CLI_KIND_USER:
        return edit_user_file(text, e, pool);
    case CLI_KIND_ROLE:
        return edit_role_file(text, e, pool);
    default:            /* cli_kind_check refused such a file already */
        cli_error("cannot tell the kind of the file");
        return CLI_FAIL;
    }
}

int cli_role(int argc, const char *const *argv, apr_pool_t *pool)
{
    role_edit_t e;
    const char *pos[4] = { NULL, NULL, NULL, NULL }, *why;
    cli_kind_e kind = CLI_KIND_USER_OR_ROLE;
    int npos = 0, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(ROLE_USAGE, stdout);
        return CLI_OK;
    }
    memset(&e, 0, sizeof(e));
    e.kind = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--kind") == 0 && i + 1 < argc) {
            a = argv[++i];
            if (strcmp(a, "user") == 0) {
                e.kind = kind = CLI_KIND_USER;
            }
            else if (strcmp(a, "role") == 0) {
                e.kind = kind = CLI_KIND_ROLE;
            }
            else {
                cli_error("role: --kind is user or role, not '%s'", a);
                return CLI_USAGE;
            }
        }
        else if ((a[0] == '-' && a[1] != '\0') || npos == 4) {
            cli_error("role: unknown or unexpected argument '%s'", a);
            fputs(ROLE_USAGE, stderr);
            return CLI_USAGE;
        }
        else {
            pos[npos++] = a;
        }
    }
    if (npos != 4 || (strcmp(pos[0], "add") != 0
                      && strcmp(pos[0], "remove") != 0)) {
        fputs(ROLE_USAGE, stderr);
        return CLI_USAGE;
    }
    e.add = strcmp(pos[0], "add") == 0;
    e.user = pos[2];
    if ((why = cli_bad_user(e.user)) != NULL) {
        cli_error("%s", why);
        return CLI_FAIL;
    }
    if ((why = cli_role_list(&e.roles, pos[3], pool)) != NULL) {
        cli_error("%s", why);
        return CLI_FAIL;
    }
    e.changed = apr_array_make(pool, 4, sizeof(char *));
    e.unchanged = apr_array_make(pool, 4, sizeof(char *));
    if (kind == CLI_KIND_USER_OR_ROLE && access(pos[1], F_OK) != 0) {
        cli_error("%s does not exist; to create a role file, say --kind "
                  "role", pos[1]);
        return CLI_FAIL;
    }
    rc = cli_file_edit(pos[1], kind, e.add && kind == CLI_KIND_ROLE,
                       edit_roles, &e, pool);
    if (rc != CLI_OK) {
        return rc;
    }
    if (e.changed->nelts) {
        printf("%s role%s %s %s %s in %s\n", e.add ? "added" : "removed",
               e.changed->nelts == 1 ? "" : "s",
               apr_array_pstrcat(pool, e.changed, ','),
               e.add ? "for" : "from", e.user, pos[1]);
    }
    if (e.unchanged->nelts) {
        printf("%s %s role%s %s in %s%s\n", e.user,
               e.add ? "has" : "does not have",
               e.unchanged->nelts == 1 ? "" : "s",
               apr_array_pstrcat(pool, e.unchanged, ','), pos[1],
               e.add ? " already" : "");
    }
    if (e.kept_empty) {
        cli_error("warning: %s holds more than one line for a role; the "
                  "first, which the module uses, was kept with nobody in "
                  "it (authgate check lists the duplicates)", pos[1]);
    }
    return CLI_OK;
}
