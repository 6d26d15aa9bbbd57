/*
 * fuzz_tokendb.c - the API token file (AuthGateTokenFile,
 * ag_tokendb_parse) and presented Bearer tokens checked against it
 * (ag_token_split, ag_decide_token).  Outside input twice over: the file
 * is written by hand or by tools and re-read when it changes; the token
 * is whatever a client puts after "Bearer ".
 *
 * The input is FILE, a NUL byte, then TOKEN (without a NUL, all of it is
 * the file and no token is presented).  Every "{hash}" in FILE is first
 * replaced by the stored form of TOKEN's secret (what follows its first
 * '.'), so that inputs can reach the decisions past the secret check
 * (revoked, expired, unknown user, accepted) without breaking SHA-256.
 *
 * The token is checked at a few times (the epoch, a fixed day, the
 * record's own expiry), with a user file that knows "alice" and a role
 * file that knows "carol".  It also goes through ag_cred_parse as a
 * Bearer header, as the module does.  The content scan that keeps
 * credential files from being shown as templates must recognise every
 * token file with a usable record.  The authgate command reads the same
 * file line by line (ag_token_parse_line): it must read it alike.
 * Covers: ag_tokenfile.c ag_lines.c ag_time.c:ag_time_parse
 * Covers: ag_time.c:digits ag_time.c:days_in_month
 * Covers: ag_time.c:days_from_civil ag_decide.c:ag_decide_token
 * Covers: ag_text.c:ag_text_is_utf8
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                     /* memmem */
#endif
#include <string.h>

#include <apr_strings.h>

#include "ag_cred.h"
#include "ag_decide.h"
#include "ag_rolefile.h"
#include "ag_secretscan.h"
#include "ag_time.h"
#include "ag_tokenfile.h"
#include "ag_userfile.h"
#include "harness.h"

#define MARK "{hash}"
#define MARK_LEN (sizeof(MARK) - 1)

/* s[0..len) with every MARK replaced by with; its length in *outlen. */
static const char *replace_marks(const char *s, size_t len, size_t *outlen,
                                 const char *with, apr_pool_t *p)
{
    const char *end = s + len, *at;
    size_t wlen = strlen(with), marks = 0;
    char *out, *o;

    for (at = s; (at = memmem(at, (size_t)(end - at), MARK, MARK_LEN));
         at += MARK_LEN) {
        marks++;
    }
    out = o = apr_palloc(p, len + marks * wlen + 1);
    while ((at = memmem(s, (size_t)(end - s), MARK, MARK_LEN))) {
        memcpy(o, s, (size_t)(at - s));
        o += at - s;
        memcpy(o, with, wlen);
        o += wlen;
        s = at + MARK_LEN;
    }
    memcpy(o, s, (size_t)(end - s));
    o += end - s;
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

static void check_record(const ag_token_t *t, unsigned lines)
{
    FZ_CHECK(t->id && t->id[0] != '\0' && t->user && t->user[0] != '\0',
             "a record without an ID or a user");
    FZ_CHECK(t->line >= 1 && t->line <= lines, "a record's line is off");
    if (t->problem == NULL) {
        FZ_CHECK(ag_token_id_valid(t->id, strlen(t->id)),
                 "a usable record with an invalid ID");
    }
    for (int i = 0; t->roles && i < t->roles->nelts; i++) {
        const char *role = APR_ARRAY_IDX(t->roles, i, const char *);

        FZ_CHECK(role[0] != '\0' && strpbrk(role, " \t:") == NULL,
                 "a token role is empty or holds a blank or ':'");
    }
}

static int same_roles(const apr_array_header_t *a,
                      const apr_array_header_t *b)
{
    if (a == NULL || b == NULL) {
        return a == b;
    }
    if (a->nelts != b->nelts) {
        return 0;
    }
    for (int i = 0; i < a->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(a, i, const char *),
                   APR_ARRAY_IDX(b, i, const char *)) != 0) {
            return 0;
        }
    }
    return 1;
}

/* The file line by line through ag_token_parse_line (the authgate
 * command's reader): it must break on the line the file parser names,
 * and read every record as the file parser did. */
static void check_lines(const ag_tokendb_t *db, const ag_parse_error_t *err,
                        const char *file, size_t flen, apr_pool_t *p)
{
    ag_lines_t it;
    ag_parse_error_t lerr;
    const char *line;
    apr_size_t n;
    apr_uint32_t next = 0;
    int dup = 0, rc;

    ag_lines_init(&it, file, flen);
    while ((rc = ag_lines_next(&it, &line, &n, &lerr)) > 0) {
        ag_token_t tok;
        const ag_token_t *t;

        if (ag_token_parse_line(&tok, line, n, p) != NULL) {
            FZ_CHECK(db == NULL && err->line == it.lineno,
                     "the line reader breaks on another line");
            return;
        }
        if (db == NULL) {
            continue;           /* the file breaks further down */
        }
        if (next < db->count && db->records[next].line == it.lineno) {
            t = &db->records[next++];
        }
        else {
            FZ_CHECK(dup < db->duplicates->nelts,
                     "a record the file parser did not keep");
            t = APR_ARRAY_IDX(db->duplicates, dup++, const ag_token_t *);
            FZ_CHECK(t->line == it.lineno, "records out of order");
        }
        FZ_CHECK(strcmp(tok.id, t->id) == 0 && strcmp(tok.user, t->user) == 0
                 && tok.revoked == t->revoked
                 && (tok.problem == NULL) == (t->problem == NULL)
                 && (tok.problem != NULL || tok.expires == t->expires)
                 && memcmp(tok.digest, t->digest, sizeof(tok.digest)) == 0
                 && same_roles(tok.roles, t->roles),
                 "the line reader and the file parser read a record "
                 "differently");
    }
    if (rc < 0) {
        FZ_CHECK(db == NULL && err->line == lerr.line,
                 "the line reader fails on another line");
        return;
    }
    FZ_CHECK(db != NULL && next == db->count
             && dup == db->duplicates->nelts,
             "the file parser refused a file the line reader reads");
}

/* One presented token at one time: the result must agree with the
 * record it names. */
static void check_decision(const ag_tokendb_t *db, const ag_userdb_t *users,
                           const ag_roledb_t *roles, const char *token,
                           apr_int64_t now, apr_pool_t *p)
{
    const ag_token_t *found = NULL;
    const char *id = NULL, *sid, *secret;
    int split = ag_token_split(&sid, &secret, token, p);
    ag_token_result_e r = ag_decide_token(&found, &id, db, users, roles,
                                          token, now, p);

    FZ_CHECK((r == AG_TOKEN_NOT_ID_SECRET) == !split,
             "ID.SECRET refused when it splits, or taken when it does not");
    if (!split) {
        FZ_CHECK(found == NULL && id == NULL,
                 "a token that does not split names a record");
        return;
    }
    FZ_CHECK(id && strcmp(id, sid) == 0, "the presented ID is not its ID");
    FZ_CHECK(strlen(secret) >= AG_TOKEN_SECRET_MIN, "a short secret split");
    if (r == AG_TOKEN_UNKNOWN_ID) {
        FZ_CHECK(found == NULL && (db == NULL || !ag_tokendb_get(db, id)),
                 "a known ID called unknown");
        return;
    }
    FZ_CHECK(found && db && found == ag_tokendb_get(db, id)
             && strcmp(found->id, id) == 0,
             "the decision names another record than the ID's");
    FZ_CHECK(r != AG_TOKEN_UNUSABLE || found->problem != NULL,
             "a record without a problem called unusable");
    if (r == AG_TOKEN_UNUSABLE) {
        return;
    }
    FZ_CHECK(found->problem == NULL, "a record with a problem was used");
    {
        const char *stored = ag_token_hash(secret, p);
        char hex[2 * AG_TOKEN_DIGEST_LEN + 1];

        for (int i = 0; i < AG_TOKEN_DIGEST_LEN; i++) {
            apr_snprintf(hex + 2 * i, 3, "%02x", found->digest[i]);
        }
        FZ_CHECK((strcmp(stored + 7, hex) == 0)
                 == (r != AG_TOKEN_WRONG_SECRET),
                 "the secret check disagrees with the stored digest");
    }
    if (r == AG_TOKEN_WRONG_SECRET) {
        return;
    }
    FZ_CHECK((r == AG_TOKEN_REVOKED) == (found->revoked != 0),
             "revocation is not told as it stands in the file");
    if (r == AG_TOKEN_REVOKED) {
        return;
    }
    FZ_CHECK((r == AG_TOKEN_EXPIRED)
             == (found->expires != AG_TIME_NEVER && now >= found->expires),
             "expiry is not told as the date says");
    if (r == AG_TOKEN_EXPIRED) {
        return;
    }
    FZ_CHECK((r == AG_TOKEN_OK)
             == (ag_userdb_get(users, found->user) != NULL
                 || ag_roledb_roles(roles, found->user) != NULL),
             "a token accepted for an unknown user, or refused for a "
             "known one");
    FZ_CHECK(r == AG_TOKEN_OK || r == AG_TOKEN_NO_USER,
             "an unexpected result");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char user_file[] = "alice:{SHA}x\n";
    static const char role_file[] = "staff: carol\n";
    apr_pool_t *p = fz_pool();
    const char *file, *tok, *secret;
    size_t flen, tlen;
    unsigned lines;
    ag_tokendb_t *db = NULL;
    ag_userdb_t *users;
    ag_roledb_t *roles;
    ag_parse_error_t err = { 0, NULL };
    ag_cred_t cred;
    const char *token;
    int usable = 0;

    fz_split(data, size, &file, &flen, &tok, &tlen);
    token = apr_pstrmemdup(p, tok, tlen);       /* a C string: to a NUL */
    secret = strchr(token, '.');
    file = replace_marks(file, flen, &flen,
                         ag_token_hash(secret ? secret + 1 : token, p), p);
    lines = fz_lines(file, flen);
    if (ag_userdb_parse(&users, &err, user_file, sizeof(user_file) - 1, p)
        || ag_roledb_parse(&roles, &err, role_file, sizeof(role_file) - 1,
                           p)) {
        fz_fail(__FILE__, __LINE__, "the fixed user or role file");
    }

    if (ag_tokendb_parse(&db, &err, file, flen, p) != APR_SUCCESS) {
        FZ_CHECK(err.msg != NULL && err.line >= 1 && err.line <= lines,
                 "a refused file names no line, or a line it has not");
        db = NULL;
    }
    else {
        FZ_CHECK(db->count <= lines, "more records than lines");
        for (apr_uint32_t i = 0; i < db->count; i++) {
            const ag_token_t *t = &db->records[i];

            check_record(t, lines);
            FZ_CHECK(ag_tokendb_get(db, t->id) == t,
                     "a record cannot be found by its ID");
            usable |= t->problem == NULL;
        }
        for (int i = 0; i < db->duplicates->nelts; i++) {
            const ag_token_t *d = APR_ARRAY_IDX(db->duplicates, i,
                                                const ag_token_t *);
            const ag_token_t *first = ag_tokendb_get(db, d->id);

            check_record(d, lines);
            usable |= d->problem == NULL;
            FZ_CHECK(first && first != d && first->line < d->line,
                     "a duplicate without an earlier record of its ID");
        }
        /* a token file with a usable record is never shown as a page */
        FZ_CHECK(!usable || ag_secretscan_find(file, flen, p) != 0,
                 "the credential scan misses a token file");
    }

    check_lines(db, &err, file, flen, p);
    check_decision(db, users, roles, token, 0, p);
    check_decision(db, users, roles, token, 1767225600, p);
    {
        const char *id, *s;
        const ag_token_t *t;

        if (db && ag_token_split(&id, &s, token, p)
            && (t = ag_tokendb_get(db, id)) && t->expires != AG_TIME_NEVER) {
            check_decision(db, users, roles, token, t->expires - 1, p);
            check_decision(db, users, roles, token, t->expires, p);
        }
    }
    /* the same token as the module gets it: from a Bearer header */
    if (ag_cred_parse(&cred, apr_pstrcat(p, "Bearer ", token, NULL),
                      AG_SCHEME_BEARER, p) == AG_REASON_NONE
        && strcmp(cred.token, token) == 0) {
        check_decision(db, users, roles, cred.token, 1767225600, p);
    }
    fz_done(p);
    return 0;
}
