/*
 * ag_tokenfile.h - the API token file (README, "Token file"):
 * "id:hash:user:roles:expires:state", parsed whole into a table keyed by
 * ID for O(1) look-ups, and the "ID.SECRET" form clients present.
 */
#ifndef AUTHGATE_AG_TOKENFILE_H
#define AUTHGATE_AG_TOKENFILE_H

#include <apr_tables.h>

#include "ag_lines.h"

#define AG_TOKEN_ID_MAX 64
#define AG_TOKEN_SECRET_MIN 32
#define AG_TOKEN_DIGEST_LEN 32     /* SHA-256 */

typedef struct {
    const char *id;
    const char *user;
    /* The token's roles (const char *); NULL for "*", all of its user's. */
    const apr_array_header_t *roles;
    apr_int64_t expires;           /* seconds since the epoch, or
                                      AG_TIME_NEVER */
    unsigned char digest[AG_TOKEN_DIGEST_LEN];  /* SHA-256 of the secret */
    int revoked;
    /* Why the record can never be used (bad hash, date, state or ID), or
     * NULL.  Such a record is loaded and never matches, like a password
     * hash in an unknown format. */
    const char *problem;
    unsigned line;
} ag_token_t;

/* A file may hold a million tokens: the records sit in one array and are
 * found through an open-addressing index of 32-bit positions, which
 * costs about a third of the memory of a general hash table. */
typedef struct {
    ag_token_t *records;           /* count records, in file order */
    apr_uint32_t count;
    apr_uint32_t *index;           /* mask + 1 slots: 0 empty, else the
                                      record's position + 1 */
    apr_uint32_t mask;
    apr_array_header_t *duplicates; /* ag_token_t * ignored as duplicates */
} ag_tokendb_t;

/* Parse buf[0..len).  Returns APR_SUCCESS with *db (every string from
 * pool), or APR_EGENERAL with err naming the first structurally broken
 * line; the whole file is then refused. */
int ag_tokendb_parse(ag_tokendb_t **db, ag_parse_error_t *err,
                     const char *buf, apr_size_t len, apr_pool_t *pool);

/* Split one record line[0..len) into *tok (strings from pool).  Returns
 * NULL, with tok->problem set when the record is unusable, or a sentence
 * saying why the line is structurally broken. */
const char *ag_token_parse_line(ag_token_t *tok, const char *line,
                                apr_size_t len, apr_pool_t *pool);

/* The token with this ID, or NULL. */
const ag_token_t *ag_tokendb_get(const ag_tokendb_t *db, const char *id);

/* Non-zero when s[0..len) is a valid token ID: [A-Za-z0-9_-]{1,64}. */
int ag_token_id_valid(const char *s, apr_size_t len);

/* Split a presented token "ID.SECRET" at its first '.'; both parts must be
 * valid (ID as above, SECRET at least 32 base64url characters).  Returns
 * 1 with *id (from pool) and *secret (pointing into token), else 0. */
int ag_token_split(const char **id, const char **secret, const char *token,
                   apr_pool_t *pool);

/* The stored form of a secret: "sha256$" and 64 lowercase hex digits,
 * from pool. */
const char *ag_token_hash(const char *secret, apr_pool_t *pool);

#endif /* AUTHGATE_AG_TOKENFILE_H */
