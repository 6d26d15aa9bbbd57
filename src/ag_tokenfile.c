/*
 * ag_tokenfile.c - parsing the API token file (README, "Token file") and the
 * "ID.SECRET" form of a presented token.
 *
 * A file may hold a million tokens, so a record is kept small: the digest
 * is stored as 32 bytes, and user names and role lists, which repeat, are
 * stored once per file and shared by the records that name them.
 */
#include <string.h>

#include <apr_hash.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_crypto.h"
#include "ag_time.h"
#include "ag_tokenfile.h"

#define HASH_PREFIX "sha256$"
#define HASH_PREFIX_LEN 7

static int is_b64url(unsigned char c)
{
    return apr_isalnum(c) || c == '-' || c == '_';
}

int ag_token_id_valid(const char *s, apr_size_t len)
{
    if (len == 0 || len > AG_TOKEN_ID_MAX) {
        return 0;
    }
    for (apr_size_t i = 0; i < len; i++) {
        if (!is_b64url((unsigned char)s[i])) {
            return 0;
        }
    }
    return 1;
}

int ag_token_split(const char **id, const char **secret, const char *token,
                   apr_pool_t *pool)
{
    const char *dot = strchr(token, '.');
    apr_size_t slen;

    if (dot == NULL || !ag_token_id_valid(token, (apr_size_t)(dot - token))) {
        return 0;
    }
    slen = strlen(dot + 1);
    if (slen < AG_TOKEN_SECRET_MIN) {
        return 0;
    }
    for (apr_size_t i = 0; i < slen; i++) {
        if (!is_b64url((unsigned char)dot[1 + i])) {
            return 0;
        }
    }
    *id = apr_pstrmemdup(pool, token, (apr_size_t)(dot - token));
    *secret = dot + 1;
    return 1;
}

const char *ag_token_hash(const char *secret, apr_pool_t *pool)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[AG_TOKEN_DIGEST_LEN];
    char *out = apr_palloc(pool, HASH_PREFIX_LEN + 2 * sizeof(md) + 1);
    char *o = out + HASH_PREFIX_LEN;

    memcpy(out, HASH_PREFIX, HASH_PREFIX_LEN);
    if (!ag_crypto_sha256(md, secret, strlen(secret))) {
        memset(md, 0, sizeof(md));   /* a hash no secret matches */
    }
    for (apr_size_t i = 0; i < sizeof(md); i++) {
        *o++ = hex[md[i] >> 4];
        *o++ = hex[md[i] & 15];
    }
    *o = '\0';
    return out;
}

static int hexval(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "sha256$" and 64 lowercase hex digits into digest. */
static int parse_hash(unsigned char *digest, const char *s, apr_size_t len)
{
    if (len != HASH_PREFIX_LEN + 2 * AG_TOKEN_DIGEST_LEN
        || memcmp(s, HASH_PREFIX, HASH_PREFIX_LEN) != 0) {
        return 0;
    }
    s += HASH_PREFIX_LEN;
    for (int i = 0; i < AG_TOKEN_DIGEST_LEN; i++) {
        int hi = hexval((unsigned char)s[2 * i]);
        int lo = hexval((unsigned char)s[2 * i + 1]);

        if (hi < 0 || lo < 0) {
            return 0;
        }
        digest[i] = (unsigned char)(hi << 4 | lo);
    }
    return 1;
}

/* IDs are packed into large blocks instead of one allocation each. */
typedef struct {
    char *next;
    apr_size_t left;
} arena_t;

static const char *arena_dup(arena_t *a, const char *s, apr_size_t len,
                             apr_pool_t *pool)
{
    char *out;

    if (a->left < len + 1) {
        apr_size_t size = len + 1 > 65536 ? len + 1 : 65536;

        a->next = apr_palloc(pool, size);
        a->left = size;
    }
    out = a->next;
    memcpy(out, s, len);
    out[len] = '\0';
    a->next += len + 1;
    a->left -= len + 1;
    return out;
}

/* Strings shared by many records: user names and role lists. */
typedef struct {
    apr_hash_t *strings;     /* text -> the same text, from the db pool */
    apr_hash_t *role_lists;  /* list text -> apr_array_header_t * */
    apr_pool_t *scratch;     /* the tables and their keys */
    arena_t ids;             /* where the records' IDs are kept */
} interner_t;

static const char *intern(interner_t *in, const char *s, apr_size_t len,
                          apr_pool_t *pool)
{
    const char *have;

    if (in == NULL) {
        return apr_pstrmemdup(pool, s, len);
    }
    have = apr_hash_get(in->strings, s, (apr_ssize_t)len);
    if (have == NULL) {
        have = apr_pstrmemdup(pool, s, len);
        apr_hash_set(in->strings, have, (apr_ssize_t)len, have);
    }
    return have;
}

static const char *intern_copy(void *baton, const char *s, apr_size_t len,
                               apr_pool_t *pool)
{
    return intern(baton, s, len, pool);
}

/* The roles field: "*" (NULL), or a comma list; 0 when a role name holds
 * a blank (the field cannot hold a ':'). */
static int parse_roles(const apr_array_header_t **out, const char *s,
                       apr_size_t len, interner_t *in, apr_pool_t *pool)
{
    apr_array_header_t *roles;

    if (len == 1 && *s == '*') {
        *out = NULL;
        return 1;
    }
    if (in && (*out = apr_hash_get(in->role_lists, s, (apr_ssize_t)len))) {
        return 1;
    }
    roles = apr_array_make(pool, 2, sizeof(const char *));
    if (!ag_lines_split_roles(roles, s, len, intern_copy, in, pool)) {
        return 0;
    }
    if (in) {
        apr_hash_set(in->role_lists, apr_pstrmemdup(in->scratch, s, len),
                     (apr_ssize_t)len, roles);
    }
    *out = roles;
    return 1;
}

static const char *parse_line(ag_token_t *tok, const char *line,
                              apr_size_t len, interner_t *in,
                              apr_pool_t *pool)
{
    const char *f[4], *end = line + len, *p = line, *last, *exp;
    apr_size_t flen[4];

    memset(tok, 0, sizeof(*tok));
    /* the first four fields, the last one, and EXPIRES between them */
    for (int i = 0; i < 4; i++) {
        const char *c = memchr(p, ':', (apr_size_t)(end - p));

        if (c == NULL) {
            return "fewer than six ':'-separated fields "
                   "(id:hash:user:roles:expires:state)";
        }
        f[i] = p;
        flen[i] = (apr_size_t)(c - p);
        p = c + 1;
    }
    last = end;
    while (last > p && last[-1] != ':') {
        last--;
    }
    if (last == p) {
        return "fewer than six ':'-separated fields "
               "(id:hash:user:roles:expires:state)";
    }
    exp = p;
    if (flen[0] == 0) {
        return "the token ID is empty";
    }
    if (flen[2] == 0) {
        return "the user name is empty";
    }
    if (!parse_roles(&tok->roles, f[3], flen[3], in, pool)) {
        return "a role name holds a blank";
    }
    tok->id = in ? arena_dup(&in->ids, f[0], flen[0], pool)
                 : apr_pstrmemdup(pool, f[0], flen[0]);
    tok->user = intern(in, f[2], flen[2], pool);
    if (!ag_token_id_valid(f[0], flen[0])) {
        tok->problem = "the token ID is not 1 to 64 of A-Z a-z 0-9 _ -";
    }
    else if (!parse_hash(tok->digest, f[1], flen[1])) {
        tok->problem = "the hash is not sha256$ and 64 lowercase hex digits";
    }
    else if (!ag_time_parse(&tok->expires, exp,
                            (apr_size_t)(last - 1 - exp))) {
        tok->problem = "the expiry is neither YYYY-MM-DDThh:mm:ssZ nor "
                       "never";
    }
    if (end - last == 7 && memcmp(last, "revoked", 7) == 0) {
        tok->revoked = 1;
    }
    else if (!(end - last == 6 && memcmp(last, "active", 6) == 0)) {
        tok->revoked = 1;
        if (tok->problem == NULL) {
            tok->problem = "the state is neither active nor revoked";
        }
    }
    return NULL;
}

const char *ag_token_parse_line(ag_token_t *tok, const char *line,
                                apr_size_t len, apr_pool_t *pool)
{
    return parse_line(tok, line, len, NULL, pool);
}

/* FNV-1a, then a final mix so that IDs that differ only in their last
 * digits spread over the whole index. */
static apr_uint32_t id_hash(const char *s, apr_size_t len)
{
    apr_uint64_t h = 1469598103934665603ULL;

    for (apr_size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (apr_uint32_t)h;
}

/* The index slot holding id, or the empty slot where it would go. */
static apr_uint32_t find_slot(const ag_tokendb_t *db, const char *id,
                              apr_size_t len)
{
    apr_uint32_t i = id_hash(id, len) & db->mask;

    while (db->index[i] != 0) {
        const ag_token_t *t = &db->records[db->index[i] - 1];

        if (strncmp(t->id, id, len) == 0 && t->id[len] == '\0') {
            break;
        }
        i = (i + 1) & db->mask;
    }
    return i;
}

int ag_tokendb_parse(ag_tokendb_t **dbp, ag_parse_error_t *err,
                     const char *buf, apr_size_t len, apr_pool_t *pool)
{
    ag_tokendb_t *db = apr_pcalloc(pool, sizeof(*db));
    apr_pool_t *scratch;
    interner_t in;
    ag_lines_t it;
    const char *line, *p, *end = buf + len;
    apr_size_t n, lines = 1, slots = 2;
    int rc;

    /* Size everything once: at most one record a line, and an index at
     * most half full. */
    for (p = buf; p < end && (p = memchr(p, '\n', (apr_size_t)(end - p)));
         p++) {
        lines++;
    }
    if (lines >= APR_UINT32_MAX / 4) {
        err->line = 0;
        err->msg = "the file holds too many lines";
        return APR_EGENERAL;
    }
    while (slots < 2 * lines) {
        slots <<= 1;
    }
    db->records = apr_palloc(pool, sizeof(ag_token_t) * lines);
    db->index = apr_pcalloc(pool, sizeof(apr_uint32_t) * slots);
    db->mask = (apr_uint32_t)(slots - 1);
    db->duplicates = apr_array_make(pool, 0, sizeof(ag_token_t *));

    apr_pool_create(&scratch, pool);
    in.strings = apr_hash_make(scratch);
    in.role_lists = apr_hash_make(scratch);
    in.scratch = scratch;
    in.ids.next = NULL;
    in.ids.left = 0;
    ag_lines_init(&it, buf, len);
    while ((rc = ag_lines_next(&it, &line, &n, err)) > 0) {
        ag_token_t *tok = &db->records[db->count];
        const char *broken = parse_line(tok, line, n, &in, pool);
        apr_uint32_t slot;

        if (broken) {
            apr_pool_destroy(scratch);
            return ag_lines_fail(&it, err, broken);
        }
        tok->line = it.lineno;
        slot = find_slot(db, tok->id, strlen(tok->id));
        if (db->index[slot] != 0) {
            ag_token_t *dup = apr_pmemdup(pool, tok, sizeof(*tok));

            APR_ARRAY_PUSH(db->duplicates, ag_token_t *) = dup;
            continue;
        }
        db->index[slot] = ++db->count;
    }
    apr_pool_destroy(scratch);
    if (rc < 0) {
        return APR_EGENERAL;
    }
    *dbp = db;
    return APR_SUCCESS;
}

const ag_token_t *ag_tokendb_get(const ag_tokendb_t *db, const char *id)
{
    apr_uint32_t slot = find_slot(db, id, strlen(id));

    return db->index[slot] ? &db->records[db->index[slot] - 1] : NULL;
}
