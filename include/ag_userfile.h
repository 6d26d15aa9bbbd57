/*
 * ag_userfile.h - the user file (README, "User file"):
 * NAME:HASH[:ROLES[:UNTIL[:STATE]]], htpasswd-compatible, parsed whole
 * into a hash table for O(1) look-ups.
 *
 * This file is the one place the format of a user line is defined: the
 * module, the authgate command's check and the commands that edit a
 * line all split and judge fields with the functions below.
 *
 * - NAME   not empty; ends at the first ':'
 * - HASH   up to the next ':' (a hash never holds one)
 * - ROLES  a comma-separated list, blanks around names allowed
 * - UNTIL  empty, or "YYYY-MM-DD": the last day (UTC) on which the
 *          account works
 * - STATE  empty, or "disabled"
 *
 * htpasswd and mod_authn_file read the first two fields only, so a file
 * with all five stays theirs too.
 */
#ifndef AUTHGATE_AG_USERFILE_H
#define AUTHGATE_AG_USERFILE_H

#include <apr_hash.h>
#include <apr_tables.h>

#include "ag_lines.h"
#include "ag_passwd.h"
#include "ag_time.h"

/* The STATE that switches an account off. */
#define AG_USER_STATE_DISABLED "disabled"

typedef struct {
    const char *name;
    const char *hash;             /* never logged */
    ag_hash_kind_e kind;
    apr_uint64_t cost;            /* ag_passwd_cost(hash) */
    apr_array_header_t *roles;    /* const char *, possibly empty */
    unsigned line;
    /* UNTIL: the first second at which the account no longer works (the
     * start of the day after UNTIL, UTC), or AG_TIME_NEVER when UNTIL is
     * empty; until is UNTIL as written ("YYYY-MM-DD"), or NULL. */
    apr_int64_t expires;
    const char *until;
    int disabled;                 /* STATE is "disabled" */
} ag_user_t;

/* The fields of a user line. */
typedef enum {
    AG_UF_NAME = 0,
    AG_UF_HASH,
    AG_UF_ROLES,
    AG_UF_UNTIL,
    AG_UF_STATE,
    AG_UF_COUNT
} ag_user_field_e;

typedef struct {
    const char *s;                /* into the line; NULL when absent */
    apr_size_t len;
} ag_user_field_t;

/* Split one record line (as ag_lines_next() returns it: no line ending,
 * no blanks around it) at its ':' into f[AG_UF_COUNT]; fields the line
 * does not have are NULL.  Returns the number of fields (2 to 5), or 0
 * with *why set to a sentence (no ':' after the name, an empty name, more
 * than five fields).  The values are not judged. */
int ag_user_split(ag_user_field_t *f, const char **why, const char *line,
                  apr_size_t len);

/* Judge an UNTIL field: empty gives AG_TIME_NEVER, "YYYY-MM-DD" the
 * first second of the following day (UTC) in *expires.  Returns 0 for
 * anything else. */
int ag_user_parse_until(apr_int64_t *expires, const char *s,
                        apr_size_t len);

/* Judge a STATE field: empty gives 0, "disabled" 1 in *disabled.
 * Returns 0 for anything else. */
int ag_user_parse_state(int *disabled, const char *s, apr_size_t len);

/* A user line from its fields, the trailing empty ones left out (so a
 * user with neither roles nor validity stays NAME:HASH, as htpasswd
 * writes it).  roles, until, state may be NULL or "".  The values are
 * not judged; from pool. */
char *ag_user_line(const char *name, const char *hash,
                   const char *roles, const char *until,
                   const char *state, apr_pool_t *pool);

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
 * structurally broken line (see ag_user_split), a role name with a blank,
 * or an UNTIL or STATE that is not one of the forms above, returns
 * APR_EGENERAL with err set; the whole file is refused. */
int ag_userdb_parse(ag_userdb_t **db, ag_parse_error_t *err,
                    const char *buf, apr_size_t len, apr_pool_t *pool);

/* The user named name, or NULL. */
const ag_user_t *ag_userdb_get(const ag_userdb_t *db, const char *name);

#endif /* AUTHGATE_AG_USERFILE_H */
