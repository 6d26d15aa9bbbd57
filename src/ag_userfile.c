/*
 * ag_userfile.c - parsing the user file (README, "User file"), and the one
 * definition of its line format (fields, UNTIL, STATE) that the
 * authgate command shares.
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

int ag_user_split(ag_user_field_t *f, const char **why, const char *line,
                  apr_size_t len)
{
    const char *p = line, *end = line + len;
    int n = 0;

    memset(f, 0, sizeof(*f) * AG_UF_COUNT);
    for (;;) {
        const char *c = memchr(p, ':', (apr_size_t)(end - p));

        if (n == AG_UF_COUNT) {
            *why = "more than five fields (NAME:HASH:ROLES:UNTIL:STATE)";
            return 0;
        }
        f[n].s = p;
        f[n].len = (apr_size_t)((c ? c : end) - p);
        n++;
        if (c == NULL) {
            break;
        }
        p = c + 1;
    }
    if (n < 2) {
        *why = "no ':' after the user name";
        return 0;
    }
    if (f[AG_UF_NAME].len == 0) {
        *why = "the user name is empty";
        return 0;
    }
    return n;
}

int ag_user_parse_until(apr_int64_t *expires, const char *s,
                        apr_size_t len)
{
    apr_int64_t day;

    if (len == 0) {
        *expires = AG_TIME_NEVER;
        return 1;
    }
    if (!ag_time_parse_day(&day, s, len)) {
        return 0;
    }
    /* the account works through the whole of that day */
    *expires = day + 86400;
    return 1;
}

int ag_user_parse_state(int *disabled, const char *s, apr_size_t len)
{
    static const char word[] = AG_USER_STATE_DISABLED;

    if (len == 0) {
        *disabled = 0;
        return 1;
    }
    if (len == sizeof(word) - 1 && memcmp(s, word, len) == 0) {
        *disabled = 1;
        return 1;
    }
    return 0;
}

char *ag_user_line(const char *name, const char *hash,
                   const char *roles, const char *until,
                   const char *state, apr_pool_t *pool)
{
    const char *f[AG_UF_COUNT] = { name, hash, roles, until, state };
    int n = AG_UF_COUNT;

    while (n > 2 && (f[n - 1] == NULL || *f[n - 1] == '\0')) {
        n--;
    }
    return apr_pstrcat(pool, f[0], ":", f[1],
                       n > 2 ? ":" : "", n > 2 && f[2] ? f[2] : "",
                       n > 3 ? ":" : "", n > 3 && f[3] ? f[3] : "",
                       n > 4 ? ":" : "", n > 4 ? f[4] : "", NULL);
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
        ag_user_field_t f[AG_UF_COUNT];
        const char *why;
        ag_user_t *u;

        if (!ag_user_split(f, &why, line, n)) {
            return ag_lines_fail(&it, err, why);
        }
        u = apr_pcalloc(pool, sizeof(*u));
        u->name = apr_pstrmemdup(pool, f[AG_UF_NAME].s, f[AG_UF_NAME].len);
        u->hash = apr_pstrmemdup(pool, f[AG_UF_HASH].s, f[AG_UF_HASH].len);
        u->kind = ag_passwd_kind(u->hash);
        u->cost = ag_passwd_cost(u->hash);
        u->line = it.lineno;
        u->roles = apr_array_make(pool, 2, sizeof(const char *));
        if (f[AG_UF_ROLES].s
            && !ag_lines_split_roles(u->roles, f[AG_UF_ROLES].s,
                                     f[AG_UF_ROLES].len, NULL, NULL,
                                     pool)) {
            return ag_lines_fail(&it, err, "a role name holds a blank");
        }
        if (!ag_user_parse_until(&u->expires, f[AG_UF_UNTIL].s,
                                 f[AG_UF_UNTIL].len)) {
            return ag_lines_fail(&it, err, "UNTIL (the fourth field) is "
                                           "neither empty nor a date "
                                           "YYYY-MM-DD");
        }
        if (f[AG_UF_UNTIL].len > 0) {
            u->until = apr_pstrmemdup(pool, f[AG_UF_UNTIL].s,
                                      f[AG_UF_UNTIL].len);
        }
        if (!ag_user_parse_state(&u->disabled, f[AG_UF_STATE].s,
                                 f[AG_UF_STATE].len)) {
            return ag_lines_fail(&it, err, "STATE (the fifth field) is "
                                           "neither empty nor 'disabled'");
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
