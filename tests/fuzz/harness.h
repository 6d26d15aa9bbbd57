/*
 * harness.h - what every libFuzzer target in tests/fuzz/ shares.
 *
 * - APR is set up once, before the first input.
 * - fz_pool() gives each input a pool of its own and fz_done()
 *   destroys it: nothing an input allocates outlives it, so
 *   LeakSanitizer sees the core's real leaks only.
 * - While the targets run, every apr_palloc() (and so apr_pcalloc(),
 *   apr_pstrdup(), apr_array_push(), apr_hash_set() ...) is a malloc()
 *   of its own, freed when its pool goes (see harness.c): ASan then
 *   knows the bounds of each allocation, where a pool would hide an
 *   overflow into the next allocation of the same block.
 * - FZ_CHECK() turns a broken invariant into a crash that libFuzzer
 *   keeps as a crash file, after saying which invariant broke.
 */
#ifndef AUTHGATE_FUZZ_HARNESS_H
#define AUTHGATE_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include <apr_pools.h>

/* A fresh pool for one input; give it back with fz_done(). */
apr_pool_t *fz_pool(void);
void fz_done(apr_pool_t *pool);

/* A pool that lives as long as the process, for what a module keeps from
 * startup (the built-in page).  Its allocations are libapr's own: the
 * blocks of a pool that is never destroyed would be reachable only
 * through the pool's cleanup records, which LeakSanitizer does not
 * follow, and would be reported as leaks. */
apr_pool_t *fz_lasting_pool(void);

/* data[0..size) as a NUL-terminated string from pool.  Bytes after a NUL
 * stay in the copy, but a C string ends at the first one, as a header
 * value that httpd hands over does. */
char *fz_str(apr_pool_t *pool, const uint8_t *data, size_t size);

/* Split data[0..size) at its first NUL: a is everything before it, b
 * everything after it (empty when there is no NUL).  Returns 1 when
 * there was a NUL. */
int fz_split(const uint8_t *data, size_t size, const char **a, size_t *alen,
             const char **b, size_t *blen);

/* The number of lines of buf[0..len) as the file parsers count them. */
unsigned fz_lines(const char *buf, size_t len);

/* Print "invariant broken at FILE:LINE: what" and abort(). */
void fz_fail(const char *file, int line, const char *what)
    __attribute__((noreturn));

#define FZ_CHECK(cond, what) \
    ((cond) ? (void)0 : fz_fail(__FILE__, __LINE__, (what)))

#endif /* AUTHGATE_FUZZ_HARNESS_H */
