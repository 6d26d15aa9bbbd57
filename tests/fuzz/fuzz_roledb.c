/*
 * fuzz_roledb.c - the role file (AuthGateRoleFile, ag_roledb_parse) and
 * the role decision on what it gives (ag_decide_role).  Outside input:
 * the file is htgroup-compatible, written by hand or by other tools,
 * and re-read whenever it changes on disk.
 *
 * The input is the file's content.  A parsed file is written back out
 * as "ROLE: USER USER ..." and parsed again: the same users must hold
 * the same roles.
 * Covers: ag_rolefile.c ag_lines.c:ag_lines_init ag_lines.c:ag_lines_next
 * Covers: ag_lines.c:ag_lines_fail ag_lines.c:has_ctl_but_tab
 * Covers: ag_text.c:ag_text_is_utf8 ag_decide.c:ag_decide_role
 * Covers: ag_decide.c:holds
 */
#include <string.h>

#include <apr_hash.h>
#include <apr_strings.h>
#include <apr_tables.h>

#include "ag_decide.h"
#include "ag_rolefile.h"
#include "harness.h"

static int holds(const apr_array_header_t *roles, const char *role)
{
    for (int i = 0; roles && i < roles->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(roles, i, const char *), role) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The file as the parser understood it: each role once, with its
 * members, in no particular order. */
static const char *write_back(const ag_roledb_t *db, apr_pool_t *p)
{
    apr_array_header_t *out = apr_array_make(p, 16, sizeof(const char *));

    for (apr_hash_index_t *r = apr_hash_first(p, db->roles); r;
         r = apr_hash_next(r)) {
        const char *role;

        apr_hash_this(r, (const void **)&role, NULL, NULL);
        APR_ARRAY_PUSH(out, const char *) = apr_pstrcat(p, role, ":",
                                                        NULL);
        for (apr_hash_index_t *u = apr_hash_first(p, db->by_user); u;
             u = apr_hash_next(u)) {
            const char *user;
            apr_array_header_t *roles;

            apr_hash_this(u, (const void **)&user, NULL, (void **)&roles);
            if (holds(roles, role)) {
                APR_ARRAY_PUSH(out, const char *) =
                    apr_pstrcat(p, " ", user, NULL);
            }
        }
        APR_ARRAY_PUSH(out, const char *) = "\n";
    }
    return apr_array_pstrcat(p, out, '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *buf = (const char *)data;
    unsigned lines = fz_lines(buf, size);
    ag_roledb_t *db = NULL, *again = NULL;
    ag_parse_error_t err = { 0, NULL };
    apr_array_header_t *required = apr_array_make(p, 1,
                                                  sizeof(const char *));
    const char *text;

    if (ag_roledb_parse(&db, &err, buf, size, p) != APR_SUCCESS) {
        FZ_CHECK(err.msg != NULL && err.line >= 1 && err.line <= lines,
                 "a refused file names no line, or a line it has not");
        fz_done(p);
        return 0;
    }
    for (apr_hash_index_t *r = apr_hash_first(p, db->roles); r;
         r = apr_hash_next(r)) {
        const char *role;
        unsigned *line;

        apr_hash_this(r, (const void **)&role, NULL, (void **)&line);
        FZ_CHECK(role[0] != '\0' && strpbrk(role, " \t:") == NULL,
                 "a role name is empty or holds a blank or ':'");
        FZ_CHECK(*line >= 1 && *line <= lines, "a role's line is off");
    }
    for (int i = 0; i < db->duplicate_lines->nelts; i++) {
        unsigned line = APR_ARRAY_IDX(db->duplicate_lines, i, unsigned);

        FZ_CHECK(line >= 1 && line <= lines, "a duplicate's line is off");
    }
    for (apr_hash_index_t *u = apr_hash_first(p, db->by_user); u;
         u = apr_hash_next(u)) {
        const char *user;
        apr_array_header_t *roles;

        apr_hash_this(u, (const void **)&user, NULL, (void **)&roles);
        FZ_CHECK(user[0] != '\0' && strpbrk(user, " \t") == NULL,
                 "a member is empty or holds a blank");
        FZ_CHECK(ag_roledb_roles(db, user) == roles,
                 "a member's roles cannot be found");
        FZ_CHECK(roles->nelts > 0, "a member without a role");
        for (int i = 0; i < roles->nelts; i++) {
            const char *role = APR_ARRAY_IDX(roles, i, const char *);

            FZ_CHECK(apr_hash_get(db->roles, role, APR_HASH_KEY_STRING),
                     "a member holds a role the file does not define");
            for (int j = 0; j < i; j++) {
                FZ_CHECK(strcmp(APR_ARRAY_IDX(roles, j, const char *),
                                role) != 0, "a role listed twice");
            }
            /* the role is held through the file, and not through a
             * token that does not carry it */
            required->nelts = 0;
            APR_ARRAY_PUSH(required, const char *) = role;
            FZ_CHECK(ag_decide_role(NULL, roles, NULL, required)
                     == AG_ROLE_HELD, "a member does not hold its role");
        }
    }

    /* written back and read again, the file says the same */
    text = write_back(db, p);
    FZ_CHECK(ag_roledb_parse(&again, &err, text, strlen(text), p)
             == APR_SUCCESS, "the file written back does not parse");
    FZ_CHECK(apr_hash_count(again->roles) == apr_hash_count(db->roles)
             && apr_hash_count(again->by_user)
                == apr_hash_count(db->by_user),
             "the file written back has other roles or members");
    for (apr_hash_index_t *u = apr_hash_first(p, db->by_user); u;
         u = apr_hash_next(u)) {
        const char *user;
        apr_array_header_t *roles;
        const apr_array_header_t *back;

        apr_hash_this(u, (const void **)&user, NULL, (void **)&roles);
        back = ag_roledb_roles(again, user);
        FZ_CHECK(back && back->nelts == roles->nelts,
                 "a member has other roles once written back");
        for (int i = 0; i < roles->nelts; i++) {
            FZ_CHECK(holds(back, APR_ARRAY_IDX(roles, i, const char *)),
                     "a member lost a role once written back");
        }
    }
    fz_done(p);
    return 0;
}
