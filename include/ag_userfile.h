/*
 * ag_userfile.h - the user file (README, "User file"): NAME:HASH[:ROLES],
 * htpasswd-compatible, parsed whole into a hash table for O(1) look-ups.
 */
#ifndef AUTHGATE_AG_USERFILE_H
#define AUTHGATE_AG_USERFILE_H

#include <apr_hash.h>
#include <apr_tables.h>

#include "ag_lines.h"
#include "ag_passwd.h"

typedef struct {
    const char *name;
    const char *hash;             /* never logged */
    ag_hash_kind_e kind;
    apr_uint64_t cost;            /* ag_passwd_cost(hash) */
    apr_array_header_t *roles;    /* const char *, possibly empty */
    unsigned line;
} ag_user_t;

/* About 2 s on the machine of the cost model: bcrypt cost 15 is below it,
 * 16 above.  A dummy heavier than this would let any unknown name burn
 * seconds of CPU. */
#define AG_USERDB_DUMMY_COST_MAX APR_UINT64_C(2000000000)

typedef struct {
    apr_hash_t *users;            /* name -> ag_user_t */
    /* The file's heaviest hash by ag_passwd_cost() among those costing at
     * most AG_USERDB_DUMMY_COST_MAX (the lightest above it when none
     * does; the first in the file of equal costs): verified for unknown
     * and disabled users and unusable hashes, so that they cost what the
     * slowest wrong password does.  NULL, and dummy_cost 0, when no hash
     * of the file costs anything to verify. */
    const char *dummy_hash;
    apr_uint64_t dummy_cost;
    /* The pace of password checks against this version of the file, in
     * microseconds: read and written only by ag_decide.c, with apr_atomic,
     * from any thread (the db is otherwise read-only).  Starts at 0. */
    apr_uint32_t *pace;
    apr_array_header_t *duplicates; /* ag_user_t of ignored duplicates */
} ag_userdb_t;

/* Parse buf[0..len) (need not be NUL-terminated).  On success returns
 * APR_SUCCESS and *db, allocated with every string from pool.  On a
 * structurally broken line returns APR_EGENERAL with err set; the whole
 * file is refused. */
int ag_userdb_parse(ag_userdb_t **db, ag_parse_error_t *err,
                    const char *buf, apr_size_t len, apr_pool_t *pool);

/* The user named name, or NULL. */
const ag_user_t *ag_userdb_get(const ag_userdb_t *db, const char *name);

#endif /* AUTHGATE_AG_USERFILE_H */
