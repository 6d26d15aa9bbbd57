/*
 * ag_lockout.h - counting failed sign-ins (README, "Password
 * guessing, overload and several servers";
 * AuthGateLockout and AuthGateAddressLockout): after N failures within a
 * window, a client is answered 429 until the window has passed, without
 * a password being checked.
 *
 * A record is kept per client address and user name (AuthGateLockout)
 * and per client address (AuthGateAddressLockout) in a shared cache the
 * glue chooses; this file holds the record's format, its identity in
 * that cache, and the decisions.  The window is fixed: it starts at the
 * first failure and a record whose window has passed counts as empty.
 */
#ifndef AUTHGATE_AG_LOCKOUT_H
#define AUTHGATE_AG_LOCKOUT_H

#include <apr_pools.h>
#include <apr_time.h>

#define AG_LOCKOUT_ID_LEN 32
#define AG_LOCKOUT_REC_LEN 12
/* A record that also names its rule's limit (see limit below). */
#define AG_LOCKOUT_REC_MAX 16

typedef struct {
    apr_time_t window_start;    /* 0: no failure counted */
    apr_uint32_t failures;
    /* The limit of the rule the record counts for, so that a reader of
     * the whole cache (the status page) can tell a lock in force; 0: not
     * written (records in a cache shared with other servers keep the
     * 12-byte form that every version reads).  The decisions never use
     * it: they take the limit from the configuration. */
    apr_uint32_t limit;
} ag_lockout_rec_t;

#define AG_LOCKOUT_KEY_LEN 32

/* The cache identity of the record of address (and user, or NULL for the
 * address-wide record) under a rule of limit failures per window, in
 * id[AG_LOCKOUT_ID_LEN]: an HMAC-SHA-256 under key (AG_LOCKOUT_KEY_LEN
 * bytes, from AuthGateSecretFile so that servers sharing it find the
 * same records).  Keyed, so that nobody can choose names whose records
 * crowd out a given one in the cache; with the rule, so that areas with
 * different rules keep separate counts.  0 when libcrypto fails. */
int ag_lockout_id(unsigned char *id, const unsigned char *key,
                  const char *address, const char *user, unsigned limit,
                  apr_interval_time_t window);

/* The address a client is counted as: an IPv4 address as it is, an IPv6
 * address as its /64 (a client is usually given a whole /64), an
 * IPv4-mapped IPv6 address as the IPv4 address.  From pool. */
const char *ag_lockout_address(const char *ip, apr_pool_t *pool);

/* The latest window start a record may hold: 9999-12-31T23:59:59.999999Z.
 * The module adds a window (at most 7 days) to it for the time it keeps
 * the record, which must not overflow. */
#define AG_LOCKOUT_START_MAX APR_INT64_C(253402300799999999)

/* The record as AG_LOCKOUT_REC_LEN bytes (limit 0) or AG_LOCKOUT_REC_MAX
 * bytes (with its limit; buf must hold that many), and back: encode
 * returns the length written; decode returns 0 (and an empty record) for
 * bytes that are not a record: another length, a window that starts
 * before 1970 or after AG_LOCKOUT_START_MAX (the cache may be a server
 * that others can write to), or a long record with a limit of 0. */
apr_size_t ag_lockout_encode(unsigned char *buf,
                             const ag_lockout_rec_t *rec);
int ag_lockout_decode(ag_lockout_rec_t *rec, const unsigned char *buf,
                      apr_size_t len);

/* How long, at now, a client with rec must still wait under a limit of
 * limit failures per window: 0 when it may try, else whole seconds
 * (at least 1). */
apr_int64_t ag_lockout_wait(const ag_lockout_rec_t *rec, apr_time_t now,
                            unsigned limit, apr_interval_time_t window);

/* Whether rec, read at now from a cache that drops records once their
 * window has passed, holds its client locked: its limit is known and
 * reached.  A record without a limit is never judged locked here. */
int ag_lockout_in_force(const ag_lockout_rec_t *rec);

/* Take back one failure counted before a check that then succeeded. */
void ag_lockout_unfail(ag_lockout_rec_t *rec);

/* Count one failure at now; a record whose window has passed starts
 * over.  Returns the time at which the record may be forgotten. */
apr_time_t ag_lockout_fail(ag_lockout_rec_t *rec, apr_time_t now,
                           apr_interval_time_t window);

#endif /* AUTHGATE_AG_LOCKOUT_H */
