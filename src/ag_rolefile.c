/*
 * ag_rolefile.c - parsing the role file (README, "Role file").
 */
#include <string.h>

#include <apr_errno.h>
#include <apr_strings.h>

#include "ag_rolefile.h"

static void add_member(ag_roledb_t *db, const char *user, apr_size_t ulen,
                       const char *role, apr_pool_t *pool)
{
    apr_array_header_t *roles = apr_hash_get(db->by_user, user, ulen);

    if (roles == NULL) {
        roles = apr_array_make(pool, 2, sizeof(const char *));
        apr_hash_set(db->by_user, apr_pstrmemdup(pool, user, ulen), ulen,
                     roles);
    }
    for (int i = 0; i < roles->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(roles, i, const char *), role) == 0) {
            return;
        }
    }
    APR_ARRAY_PUSH(roles, const char *) = role;
}

int ag_roledb_parse(ag_roledb_t **dbp, ag_parse_error_t *err,
                    const char *buf, apr_size_t len, apr_pool_t *pool)
{
    ag_roledb_t *db = apr_pcalloc(pool, sizeof(*db));
    ag_lines_t it;
    const char *line;
    apr_size_t n;
    int rc;

    db->by_user = apr_hash_make(pool);
    db->roles = apr_hash_make(pool);
    db->duplicate_lines = apr_array_make(pool, 0, sizeof(unsigned));
    ag_lines_init(&it, buf, len);
    while ((rc = ag_lines_next(&it, &line, &n, err)) > 0) {
        const char *colon = memchr(line, ':', n);
        const char *p, *end = line + n, *rend;
        const char *role;
        unsigned *at;

        if (colon == NULL) {
            return ag_lines_fail(&it, err, "no ':' after the role name");
        }
        rend = colon;
        while (rend > line && (rend[-1] == ' ' || rend[-1] == '\t')) {
            rend--;
        }
        if (rend == line) {
            return ag_lines_fail(&it, err, "the role name is empty");
        }
        for (p = line; p < rend; p++) {
            if (*p == ' ' || *p == '\t') {
                return ag_lines_fail(&it, err, "the role name holds a "
                                               "blank");
            }
        }
        role = apr_pstrmemdup(pool, line, (apr_size_t)(rend - line));
        if (apr_hash_get(db->roles, role, APR_HASH_KEY_STRING)) {
            APR_ARRAY_PUSH(db->duplicate_lines, unsigned) = it.lineno;
            continue;
        }
        at = apr_palloc(pool, sizeof(*at));
        *at = it.lineno;
        apr_hash_set(db->roles, role, APR_HASH_KEY_STRING, at);
        p = colon + 1;
        while (p < end) {
            const char *w;

            while (p < end && (*p == ' ' || *p == '\t')) {
                p++;
            }
            w = p;
            while (p < end && *p != ' ' && *p != '\t') {
                p++;
            }
            if (p > w) {
                add_member(db, w, (apr_size_t)(p - w), role, pool);
            }
        }
    }
    if (rc < 0) {
        return APR_EGENERAL;
    }
    *dbp = db;
    return APR_SUCCESS;
}

const apr_array_header_t *ag_roledb_roles(const ag_roledb_t *db,
                                          const char *user)
{
    return apr_hash_get(db->by_user, user, APR_HASH_KEY_STRING);
}
