/*
 * ag_rolefile.h - the role file (README, "Role file"): "ROLE: USER USER ...",
 * htgroup-compatible, inverted at load time into user -> roles.
 */
#ifndef AUTHGATE_AG_ROLEFILE_H
#define AUTHGATE_AG_ROLEFILE_H

#include <apr_hash.h>
#include <apr_tables.h>

#include "ag_lines.h"

typedef struct {
    apr_hash_t *by_user;          /* user -> apr_array_header_t of roles */
    apr_hash_t *roles;            /* role -> line number (unsigned *) */
    apr_array_header_t *duplicate_lines;  /* unsigned line numbers */
} ag_roledb_t;

/* Parse buf[0..len).  Returns APR_SUCCESS with *db from pool, or
 * APR_EGENERAL with err naming the first broken line. */
int ag_roledb_parse(ag_roledb_t **db, ag_parse_error_t *err,
                    const char *buf, apr_size_t len, apr_pool_t *pool);

/* The roles the file gives user (const char *), or NULL for none. */
const apr_array_header_t *ag_roledb_roles(const ag_roledb_t *db,
                                          const char *user);

#endif /* AUTHGATE_AG_ROLEFILE_H */
