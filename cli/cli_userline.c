/*
 * cli_userline.c - a line of the user file as five text fields,
 * NAME:HASH:ROLES:UNTIL:STATE (the README's "User file"), for the
 * commands that rewrite one user's line: passwd, role, expire, disable,
 * enable.  Each changes the field it means to and writes the others back
 * as they were; empty fields at the end are dropped, so a line htpasswd
 * wrote stays NAME:HASH.
 *
 * The command works on the text of the line on purpose: the fields it
 * does not change are copied, never re-derived from a parsed record, so
 * an edit cannot alter what the module reads from them.
 */
#include <string.h>
#include <time.h>

#include <apr_strings.h>

#include "ag_text.h"
#include "ag_time.h"
#include "cli.h"

#define DAY 86400

int cli_user_line_split(cli_user_line_t *u, const char *line,
                        apr_size_t len, apr_pool_t *pool)
{
    const char *end = line + len;
    const char **field[5];
    const char *p;

    field[0] = &u->name;
    field[1] = &u->hash;
    field[2] = &u->roles;
    field[3] = &u->until;
    field[4] = &u->state;
    u->eol = "";
    while (line < end && (*line == ' ' || *line == '\t')) {
        line++;
    }
    if (end > line && end[-1] == '\r') {
        u->eol = "\r";
        end--;
    }
    while (end > line && (end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    if (line == end || *line == '#' || memchr(line, ':', end - line) == NULL) {
        return 0;
    }
    p = line;
    for (int i = 0; i < 5; i++) {
        /* the last field takes the rest of the line, colons and all, so
         * that a line is written back whole whatever it holds */
        const char *c = i < 4 ? memchr(p, ':', (apr_size_t)(end - p)) : NULL;

        *field[i] = apr_pstrmemdup(pool, p,
                                   (apr_size_t)((c ? c : end) - p));
        if (c == NULL) {
            for (int j = i + 1; j < 5; j++) {
                *field[j] = "";
            }
            break;
        }
        p = c + 1;
    }
    return 1;
}

char *cli_user_line_join(const cli_user_line_t *u, apr_pool_t *pool)
{
    const char *tail[3] = { u->roles, u->until, u->state };
    int last = -1;
    char *out;

    for (int i = 0; i < 3; i++) {
        if (*tail[i]) {
            last = i;
        }
    }
    out = apr_pstrcat(pool, u->name, ":", u->hash, NULL);
    for (int i = 0; i <= last; i++) {
        out = apr_pstrcat(pool, out, ":", tail[i], NULL);
    }
    return apr_pstrcat(pool, out, u->eol, NULL);
}

int cli_user_find(cli_user_line_t *u, const cli_text_t *text,
                  const char *user, apr_pool_t *pool)
{
    for (int i = 0; i < text->lines->nelts; i++) {
        const char *line = APR_ARRAY_IDX(text->lines, i, const char *);

        if (cli_user_line_split(u, line, strlen(line), pool)
            && strcmp(u->name, user) == 0) {
            return i;
        }
    }
    return -1;
}

int cli_until_parse(apr_int64_t *first_second, const char *date)
{
    char full[21];

    if (strlen(date) != 10) {
        return 0;
    }
    memcpy(full, date, 10);
    memcpy(full + 10, "T00:00:00Z", 11);
    return ag_time_parse(first_second, full, 20);
}

const char *cli_user_state(const cli_user_line_t *u, apr_int64_t now)
{
    apr_int64_t day;

    if (*u->state && strcmp(u->state, "disabled") != 0) {
        return "invalid";
    }
    if (*u->until && !cli_until_parse(&day, u->until)) {
        return "invalid";
    }
    if (*u->state) {
        return "disabled";
    }
    /* UNTIL is the last day on which the account works, in UTC */
    if (*u->until && now >= day + DAY) {
        return "expired";
    }
    return "active";
}

const char *cli_bad_role_name(const char *role)
{
    if (*role == '\0') {
        return "a role name is empty";
    }
    if (role[0] == '#') {
        return "a role name starts with '#', which marks a comment";
    }
    if (strpbrk(role, ":, \t") || ag_text_has_ctl(role, strlen(role))) {
        return "a role name holds a ':', a ',', a blank or a control byte";
    }
    if (!ag_text_is_utf8(role, strlen(role))) {
        return "a role name is not UTF-8";
    }
    return NULL;
}

const char *cli_role_list(apr_array_header_t **roles, const char *list,
                          apr_pool_t *pool)
{
    const char *p = list;

    *roles = apr_array_make(pool, 4, sizeof(const char *));
    for (;;) {
        const char *comma = strchr(p, ',');
        const char *role = comma ? apr_pstrmemdup(pool, p,
                                                  (apr_size_t)(comma - p))
                                 : p;
        const char *why = cli_bad_role_name(role);
        int seen = 0;

        if (why) {
            return apr_psprintf(pool, "%s ('%s')", why, list);
        }
        for (int i = 0; i < (*roles)->nelts; i++) {
            seen |= strcmp(APR_ARRAY_IDX(*roles, i, const char *), role)
                    == 0;
        }
        if (!seen) {
            APR_ARRAY_PUSH(*roles, const char *) = role;
        }
        if (comma == NULL) {
            return NULL;
        }
        p = comma + 1;
    }
}

apr_int64_t cli_now(void)
{
    return (apr_int64_t)time(NULL);
}
