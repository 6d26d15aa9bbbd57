/*
 * fuzz_lockout_record.c - lockout records as the shared cache hands them
 * back (ag_lockout_decode), the decisions taken on them
 * (ag_lockout_wait, ag_lockout_fail, ag_lockout_unfail), and the client
 * address they are counted under (ag_lockout_address).  Outside input:
 * the cache may be a memcached or redis server that other hosts can
 * write to, so a record may be any bytes of any length; the address is
 * the client's, as httpd or mod_remoteip took it from the connection or
 * a proxy header.
 *
 * The input is the record's bytes; the same bytes as a C string are the
 * address.  A record that decodes must encode to the same bytes, and
 * every decision on it, at a few times and under rules the configuration
 * allows (1 to 1000000 failures within 1 to 604800 seconds), must stay
 * in range, including the time the module stores the record until
 * (window start plus window).  Addresses in one IPv6 /64 are one client,
 * and the record's identity in the cache (ag_lockout_id, keyed by the
 * address and the user name a client sent) keeps its parts apart.
 * Covers: ag_lockout.c
 */
#include <arpa/inet.h>
#include <string.h>

#include <apr_strings.h>

#include "ag_lockout.h"
#include "harness.h"

#define SEC(n) apr_time_from_sec(n)

/* Times a clock can show: 2001-09-09 and 2286-11-20. */
static const apr_time_t nows[] = { SEC(1000000000), SEC(10000000000LL) };
static const struct {
    unsigned limit;
    apr_interval_time_t window;
} rules[] = {
    { 1, SEC(1) }, { 5, SEC(600) }, { 1000000, SEC(7 * 86400) }
};

static void decide(const ag_lockout_rec_t *got, apr_time_t now,
                   unsigned limit, apr_interval_time_t window)
{
    ag_lockout_rec_t rec = *got;
    apr_int64_t wait = ag_lockout_wait(&rec, now, limit, window);
    apr_time_t until, stored;

    FZ_CHECK(wait >= 0 && wait <= apr_time_sec(window),
             "a wait outside the window");
    FZ_CHECK(wait == 0 || rec.failures >= limit,
             "a wait before the limit is reached");
    /* what the module stores after taking a failure back */
    if (rec.failures > 0) {
        ag_lockout_rec_t back = rec;

        ag_lockout_unfail(&back);
        FZ_CHECK(back.failures == rec.failures - 1, "unfail took more");
        FZ_CHECK(!__builtin_add_overflow(back.window_start, window,
                                         &stored),
                 "a record's storage time overflows");
    }
    until = ag_lockout_fail(&rec, now, window);
    FZ_CHECK(rec.failures >= 1 && rec.window_start <= now
             && until == rec.window_start + window && until > now,
             "a failure counted outside its window");
}

/* The record's identity: the same parts give the same name, the address-
 * wide record and a user's record never share one, nor do a user name
 * and the same bytes moved into the address. */
static void check_identity(const char *address, const char *user)
{
    static const unsigned char key[AG_LOCKOUT_KEY_LEN] = { 1, 2, 3 };
    unsigned char a[AG_LOCKOUT_ID_LEN], b[AG_LOCKOUT_ID_LEN];
    unsigned char c[AG_LOCKOUT_ID_LEN];

    FZ_CHECK(ag_lockout_id(a, key, address, user, 5, SEC(600))
             && ag_lockout_id(b, key, address, user, 5, SEC(600))
             && memcmp(a, b, sizeof(a)) == 0,
             "one record, two identities");
    FZ_CHECK(ag_lockout_id(c, key, address, NULL, 5, SEC(600))
             && memcmp(a, c, sizeof(a)) != 0,
             "a user's record shares the address-wide record's identity");
    if (*user) {
        char moved[64];

        apr_snprintf(moved, sizeof(moved), "%.40s%c", address, *user);
        if (strlen(moved) == strlen(address) + 1) {
            FZ_CHECK(ag_lockout_id(c, key, moved, user + 1, 5, SEC(600))
                     && memcmp(a, c, sizeof(a)) != 0,
                     "address and user name run into each other");
        }
    }
}

static void check_address(const char *ip, apr_pool_t *p)
{
    const char *a = ag_lockout_address(ip, p);
    struct in6_addr a6;
    char buf[INET6_ADDRSTRLEN];

    FZ_CHECK(a != NULL, "no address");
    check_identity(a, ip);
    if (strchr(ip, ':') == NULL || inet_pton(AF_INET6, ip, &a6) != 1) {
        FZ_CHECK(strcmp(a, ip) == 0, "a non-IPv6 address was changed");
        return;
    }
    if (IN6_IS_ADDR_V4MAPPED(&a6)) {
        struct in_addr a4;

        FZ_CHECK(inet_pton(AF_INET, a, &a4) == 1,
                 "a mapped address did not become IPv4");
        return;
    }
    FZ_CHECK(strlen(a) > 3 && strcmp(a + strlen(a) - 3, "/64") == 0,
             "an IPv6 address is not counted as its /64");
    /* another interface of the same /64 is the same client */
    for (int i = 8; i < 16; i++) {
        a6.s6_addr[i] ^= 0x5a;
    }
    if (!IN6_IS_ADDR_V4MAPPED(&a6)
        && inet_ntop(AF_INET6, &a6, buf, sizeof(buf))) {
        FZ_CHECK(strcmp(ag_lockout_address(buf, p), a) == 0,
                 "one /64 counted as two clients");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    ag_lockout_rec_t rec;
    unsigned char back[AG_LOCKOUT_REC_MAX];

    if (ag_lockout_decode(&rec, data, size)) {
        FZ_CHECK(size == AG_LOCKOUT_REC_LEN || size == AG_LOCKOUT_REC_MAX,
                 "decoded a record of a wrong length");
        FZ_CHECK(rec.window_start >= 0, "a record from before 1970");
        FZ_CHECK((size == AG_LOCKOUT_REC_MAX) == (rec.limit != 0),
                 "a record's limit does not match its length");
        FZ_CHECK(ag_lockout_encode(back, &rec) == size
                 && memcmp(back, data, size) == 0,
                 "a record does not round-trip");
        FZ_CHECK(!ag_lockout_in_force(&rec)
                 || rec.failures >= rec.limit, "a lock below its limit");
    }
    else {
        FZ_CHECK(rec.window_start == 0 && rec.failures == 0
                 && rec.limit == 0,
                 "bytes that are not a record left a record");
    }
    /* garbage counts as an empty record: decisions hold either way */
    for (size_t n = 0; n < sizeof(nows) / sizeof(nows[0]); n++) {
        for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
            apr_time_t start = rec.window_start;

            decide(&rec, nows[n], rules[r].limit, rules[r].window);
            /* at the edges of the record's own window, when a clock
             * can show them */
            if (start > 0 && start <= nows[1]) {
                decide(&rec, start, rules[r].limit, rules[r].window);
                decide(&rec, start + rules[r].window - 1, rules[r].limit,
                       rules[r].window);
                decide(&rec, start + rules[r].window, rules[r].limit,
                       rules[r].window);
            }
        }
    }
    check_address(fz_str(p, data, size), p);
    fz_done(p);
    return 0;
}
