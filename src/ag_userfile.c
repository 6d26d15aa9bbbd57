/*
 * ag_userfile.c - parsing the user file (README, "User file").
 */
#include <string.h>

#include <apr_errno.h>
#include <apr_strings.h>

#include "ag_userfile.h"

/* Choose the dummy hash (see ag_userfile.h): the heaviest within the
 * limit, else the lightest beyond it. */
static void pick_dummy(ag_userdb_t *db, const apr_array_header_t *order)
{
    const ag_user_t *within = NULL, *beyond = NULL;

    for (int i = 0; i < order->nelts; i++) {
        const ag_user_t *u = APR_ARRAY_IDX(order, i, const ag_user_t *);

        if (u->cost == 0) {
            continue;
        }
        if (u->cost <= AG_USERDB_DUMMY_COST_MAX) {
            if (within == NULL || u->cost > within->cost) {
                within = u;
            }
        }
        else if (beyond == NULL || u->cost < beyond->cost) {
            beyond = u;
        }
    }
    if (within == NULL) {
        within = beyond;
    }
    db->dummy_hash = within ? within->hash : NULL;
    db->dummy_cost = within ? within->cost : 0;
}

int ag_userdb_parse(ag_userdb_t **dbp, ag_parse_error_t *err,
                    const char *buf, apr_size_t len, apr_pool_t *pool)
{
    ag_userdb_t *db = apr_pcalloc(pool, sizeof(*db));
    apr_array_header_t *order = apr_array_make(pool, 16,
                                               sizeof(ag_user_t *));
    ag_lines_t it;
    const char *line;
    apr_size_t n;
    int rc;

    db->users = apr_hash_make(pool);
    db->duplicates = apr_array_make(pool, 0, sizeof(ag_user_t *));
    db->pace = apr_pcalloc(pool, sizeof(*db->pace));
    ag_lines_init(&it, buf, len);
    while ((rc = ag_lines_next(&it, &line, &n, err)) > 0) {
        const char *c1 = memchr(line, ':', n);
        const char *hash, *c2;
        apr_size_t hlen;
        ag_user_t *u;

        if (c1 == NULL) {
            return ag_lines_fail(&it, err, "no ':' after the user name");
        }
        if (c1 == line) {
            return ag_lines_fail(&it, err, "the user name is empty");
        }
        hash = c1 + 1;
        c2 = memchr(hash, ':', (apr_size_t)(line + n - hash));
        hlen = (apr_size_t)((c2 ? c2 : line + n) - hash);

        u = apr_pcalloc(pool, sizeof(*u));
        u->name = apr_pstrmemdup(pool, line, (apr_size_t)(c1 - line));
        u->hash = apr_pstrmemdup(pool, hash, hlen);
        u->kind = ag_passwd_kind(u->hash);
        u->cost = ag_passwd_cost(u->hash);
        u->line = it.lineno;
        u->roles = apr_array_make(pool, 2, sizeof(const char *));
        if (c2 && !ag_lines_split_roles(u->roles, c2 + 1,
                                         (apr_size_t)(line + n - c2 - 1),
                                         NULL, NULL, pool)) {
            return ag_lines_fail(&it, err, "a role name holds a blank or "
                                           "a ':'");
        }
        if (apr_hash_get(db->users, u->name, APR_HASH_KEY_STRING)) {
            APR_ARRAY_PUSH(db->duplicates, ag_user_t *) = u;
            continue;
        }
        apr_hash_set(db->users, u->name, APR_HASH_KEY_STRING, u);
        APR_ARRAY_PUSH(order, ag_user_t *) = u;
    }
    if (rc < 0) {
        return APR_EGENERAL;
    }
    pick_dummy(db, order);
    *dbp = db;
    return APR_SUCCESS;
}

const ag_user_t *ag_userdb_get(const ag_userdb_t *db, const char *name)
{
    return apr_hash_get(db->users, name, APR_HASH_KEY_STRING);
}
