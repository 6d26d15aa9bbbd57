/*
 * fuzz_userdb.c - the user file (AuthGateUserFile, ag_userdb_parse) and
 * the password hashes in it (ag_passwd_kind, ag_passwd_cost, which also
 * decodes yescrypt's parameters).  Outside input: the file is written by
 * hand, by htpasswd or by other tools, may sit where more people than
 * the server's administrator can change it, and is re-read whenever it
 * changes on disk.
 *
 * The input is the file's content.  Besides the parser's own promises,
 * the target checks that the content scan that keeps credential files
 * from being shown as templates (ag_secretscan_find) recognises every
 * user file that holds a usable hash.
 *
 * The cost model is checked against libcrypt itself: a hash it prices
 * at 0 ("never gets as far as hashing") must be one libcrypt refuses to
 * compute (yescrypt, SHA-crypt, $2b$); a hash libcrypt computes but the
 * model calls free would be checked at its full cost, outside the
 * dummy's bounds.  For that, and so that apr-util and libcrypt meet
 * hostile hash strings too, the first few hashes per input that the
 * model prices at half a millisecond or less are verified; a hash may
 * legitimately cost up to about 2 s (AG_USERDB_DUMMY_COST_MAX), which
 * would stall the fuzzer.  (The other way round, a price for a setting
 * libcrypt refuses, is not checked: the model does not replay all of
 * libcrypt's checks of salts and parameters, and the pace covers it.)
 * Hashes that never match must not match.
 *
 * The validity fields (UNTIL, STATE): an UNTIL kept is a real day that
 * gives the account's end (the next midnight UTC); none is "never"; and
 * every user, written back by ag_user_line() (the writer the authgate
 * command uses) and parsed again, comes back the same (name, hash,
 * roles, UNTIL, STATE), so that the parser and the writer agree on one
 * format.
 * Covers: ag_userfile.c ag_lines.c ag_passwd.c ag_secretscan.c
 * Covers: ag_time.c:ag_time_parse_day
 * Covers: ag_text.c:ag_text_is_utf8
 */
#include <crypt.h>
#include <string.h>

#include <apr_hash.h>
#include <apr_strings.h>

#include "ag_passwd.h"
#include "ag_secretscan.h"
#include "ag_userfile.h"
#include "harness.h"

/* Verifications left for this input. */
static int verify_budget;

/* Whether libcrypt refuses to compute hash (a NULL or "*" answer). */
static int libcrypt_refuses(const char *hash, apr_pool_t *p)
{
    /* about 32 KB: from the pool, not the stack */
    struct crypt_data *data = apr_pcalloc(p, sizeof(*data));
    const char *out = crypt_r("secret", hash, data);

    return out == NULL || out[0] == '*';
}

static int via_libcrypt(const ag_user_t *u)
{
    return u->kind == AG_HASH_YESCRYPT || u->kind == AG_HASH_SHA512
           || u->kind == AG_HASH_SHA256
           || (u->kind == AG_HASH_BCRYPT && strncmp(u->hash, "$2b$", 4) == 0);
}

/* The validity fields, and the line written back from u parsing to the
 * same user. */
static void check_validity(const ag_user_t *u, apr_pool_t *p)
{
    const char *roles = "", *line;
    ag_userdb_t *again = NULL;
    ag_parse_error_t err = { 0, NULL };
    const ag_user_t *v;
    apr_int64_t start;

    FZ_CHECK(u->disabled == 0 || u->disabled == 1, "STATE is neither");
    if (u->until == NULL) {
        FZ_CHECK(u->expires == AG_TIME_NEVER, "no UNTIL, but an end");
    }
    else {
        FZ_CHECK(strlen(u->until) == 10
                 && ag_time_parse_day(&start, u->until, 10)
                 && u->expires == start + 86400,
                 "UNTIL is not a day, or the end is not the next midnight");
    }
    /* Every line loses the blanks at its end: a hash that ends in one
     * (never a hash anybody can match) cannot be the last field written
     * back as it is. */
    if (u->hash[0] && strchr(" \t", u->hash[strlen(u->hash) - 1])) {
        return;
    }
    for (int i = 0; i < u->roles->nelts; i++) {
        roles = apr_pstrcat(p, roles, i ? "," : "",
                            APR_ARRAY_IDX(u->roles, i, const char *), NULL);
    }
    line = ag_user_line(u->name, u->hash, roles, u->until,
                        u->disabled ? AG_USER_STATE_DISABLED : NULL, p);
    FZ_CHECK(ag_userdb_parse(&again, &err, line, strlen(line), p)
             == APR_SUCCESS, "a user written back does not parse");
    v = ag_userdb_get(again, u->name);
    FZ_CHECK(v != NULL && strcmp(v->hash, u->hash) == 0
             && v->roles->nelts == u->roles->nelts
             && v->expires == u->expires && v->disabled == u->disabled
             && (u->until ? v->until && strcmp(v->until, u->until) == 0
                          : v->until == NULL),
             "a user written back comes back otherwise");
    for (int i = 0; v && i < u->roles->nelts; i++) {
        FZ_CHECK(strcmp(APR_ARRAY_IDX(v->roles, i, const char *),
                        APR_ARRAY_IDX(u->roles, i, const char *)) == 0,
                 "a role written back comes back otherwise");
    }
}

static void check_user(const ag_user_t *u, unsigned lines, apr_pool_t *p)
{
    FZ_CHECK(u->name[0] != '\0' && strchr(u->name, ':') == NULL,
             "a user name is empty or holds a ':'");
    FZ_CHECK(strchr(u->hash, ':') == NULL, "a hash holds a ':'");
    FZ_CHECK(u->kind == ag_passwd_kind(u->hash),
             "the kind is not that of the hash");
    FZ_CHECK(u->cost == ag_passwd_cost(u->hash),
             "the cost is not that of the hash");
    FZ_CHECK(u->cost == 0 || ag_passwd_usable(u->kind),
             "a hash that never matches has a cost");
    FZ_CHECK(ag_passwd_kind_name(u->kind)[0] != '\0', "a kind without a "
                                                      "name");
    FZ_CHECK(u->line >= 1 && u->line <= lines, "a user's line is off");
    check_validity(u, p);
    for (int i = 0; i < u->roles->nelts; i++) {
        const char *role = APR_ARRAY_IDX(u->roles, i, const char *);

        FZ_CHECK(role[0] != '\0' && strpbrk(role, " \t:") == NULL,
                 "a role is empty or holds a blank or ':'");
    }
    if (!ag_passwd_usable(u->kind)) {
        FZ_CHECK(!ag_passwd_verify("", u->hash, p)
                 && !ag_passwd_verify(u->name, u->hash, p),
                 "a hash that never matches matched");
    }
    else if (u->cost <= 500000 && verify_budget > 0) {
        verify_budget--;
        if (u->cost == 0 && via_libcrypt(u)) {
            FZ_CHECK(libcrypt_refuses(u->hash, p),
                     "the cost model calls free a hash libcrypt computes");
        }
        (void)ag_passwd_verify("secret", u->hash, p);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *buf = (const char *)data;
    unsigned lines = fz_lines(buf, size);
    ag_userdb_t *db = NULL;
    ag_parse_error_t err = { 0, NULL };
    const ag_user_t *within = NULL, *beyond = NULL;
    int usable = 0;

    verify_budget = 4;
    if (ag_userdb_parse(&db, &err, buf, size, p) != APR_SUCCESS) {
        FZ_CHECK(err.msg != NULL && err.line >= 1 && err.line <= lines,
                 "a refused file names no line, or a line it has not");
        fz_done(p);
        return 0;
    }
    FZ_CHECK(db->pace != NULL && *db->pace == 0, "a new file has a pace");
    for (apr_hash_index_t *hi = apr_hash_first(p, db->users); hi;
         hi = apr_hash_next(hi)) {
        const char *name;
        ag_user_t *u;

        apr_hash_this(hi, (const void **)&name, NULL, (void **)&u);
        FZ_CHECK(strcmp(name, u->name) == 0, "a user filed under another "
                                             "name");
        FZ_CHECK(ag_userdb_get(db, name) == u, "a user cannot be found");
        check_user(u, lines, p);
        usable |= ag_passwd_usable(u->kind);
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
    for (int i = 0; i < db->duplicates->nelts; i++) {
        const ag_user_t *d = APR_ARRAY_IDX(db->duplicates, i,
                                           const ag_user_t *);
        const ag_user_t *first = ag_userdb_get(db, d->name);

        check_user(d, lines, p);
        usable |= ag_passwd_usable(d->kind);
        FZ_CHECK(first != NULL && first != d && first->line < d->line,
                 "a duplicate without an earlier user of its name");
    }
    /* the dummy: the heaviest within the limit, else the lightest
     * beyond it, else none (equal costs: any of them) */
    if (within == NULL) {
        within = beyond;
    }
    FZ_CHECK(within ? db->dummy_hash != NULL
                      && db->dummy_cost == within->cost
                      && ag_passwd_cost(db->dummy_hash) == db->dummy_cost
                    : db->dummy_hash == NULL && db->dummy_cost == 0,
             "the dummy hash is not the one the rule picks");
    /* a user file with a usable hash is never rendered as a template */
    FZ_CHECK(!usable || ag_secretscan_find(buf, size, p) != 0,
             "the credential scan misses a user file");
    (void)ag_userdb_get(db, "");
    fz_done(p);
    return 0;
}
