/*
 * ag_userfile.c - parsing the user file of SPEC section 3.1.
 */
#include <string.h>

#include <apr_errno.h>
#include <apr_strings.h>

#include "ag_userfile.h"

/* Choose the dummy hash: one of the cost class most users have, so that an
 * unknown user costs what a typical wrong password costs. */
static const char *pick_dummy(apr_array_header_t *order, apr_pool_t *pool)
{
    apr_pool_t *scratch;
    apr_hash_t *counts;
    const char *best = NULL;
    int best_n = 0;

    apr_pool_create(&scratch, pool);
    counts = apr_hash_make(scratch);
    for (int i = 0; i < order->nelts; i++) {
        const ag_user_t *u = APR_ARRAY_IDX(order, i, const ag_user_t *);
        const char *key;
        int *n;

        if (u->kind == AG_HASH_UNKNOWN || u->kind == AG_HASH_DISABLED
            || u->kind == AG_HASH_DES) {
            continue;
        }
        key = ag_passwd_cost_key(u->hash, scratch);
        n = apr_hash_get(counts, key, APR_HASH_KEY_STRING);
        if (n == NULL) {
            n = apr_pcalloc(scratch, sizeof(*n));
            apr_hash_set(counts, key, APR_HASH_KEY_STRING, n);
        }
        if (++*n > best_n) {
            best_n = *n;
            best = u->hash;
        }
    }
    apr_pool_destroy(scratch);
    return best;
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
    db->dummy_hash = pick_dummy(order, pool);
    *dbp = db;
    return APR_SUCCESS;
}

const ag_user_t *ag_userdb_get(const ag_userdb_t *db, const char *name)
{
    return apr_hash_get(db->users, name, APR_HASH_KEY_STRING);
}
