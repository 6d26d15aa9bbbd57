/*
 * ag_userfile.h - the user file of SPEC section 3.1: NAME:HASH[:ROLES],
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
    apr_array_header_t *roles;    /* const char *, possibly empty */
    unsigned line;
} ag_user_t;

typedef struct {
    apr_hash_t *users;            /* name -> ag_user_t */
    /* A hash of the file's most common cost, verified for unknown users so
     * that they cost what a wrong password does; NULL when the file holds
     * no verifiable hash. */
    const char *dummy_hash;
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
