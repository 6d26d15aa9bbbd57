/*
 * harness.c - the shared part of the libFuzzer targets (see harness.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                     /* dlsym RTLD_NEXT */
#endif
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "harness.h"

/* apr_palloc() as a malloc() per allocation.  The targets' executable
 * defines apr_palloc, so the dynamic linker binds every call to it to
 * this one: the core's, and libapr's own calls through its PLT (from
 * apr_pcalloc, apr_pstrdup, apr_array_push, apr_hash_set ...).  Each
 * block is freed by a cleanup of its pool.  Registering that cleanup may
 * itself call apr_palloc for the cleanup's record: that one, and any
 * call before the targets start, goes to libapr's apr_palloc. */
typedef void *palloc_fn(apr_pool_t *pool, apr_size_t size);

static palloc_fn *real_palloc;
static int shim_on;
static int in_shim;
static apr_pool_t *lasting;
/* The inputs' pools share one allocator, which keeps the blocks of
 * destroyed pools for the next input instead of unmapping them. */
static apr_allocator_t *allocator;

static apr_status_t free_block(void *block)
{
    free(block);
    return APR_SUCCESS;
}

void *apr_palloc(apr_pool_t *pool, apr_size_t size)
{
    void *block;

    if (real_palloc == NULL) {
        real_palloc = (palloc_fn *)dlsym(RTLD_NEXT, "apr_palloc");
        if (real_palloc == NULL) {
            fprintf(stderr, "harness: libapr's apr_palloc not found\n");
            abort();
        }
    }
    if (!shim_on || in_shim
        || (lasting && apr_pool_is_ancestor(lasting, pool))) {
        return real_palloc(pool, size);
    }
    block = malloc(size ? size : 1);
    if (block == NULL) {
        fprintf(stderr, "harness: out of memory (%zu bytes)\n",
                (size_t)size);
        abort();
    }
    in_shim = 1;
    apr_pool_cleanup_register(pool, block, free_block,
                              apr_pool_cleanup_null);
    in_shim = 0;
    return block;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    apr_initialize();
    if (apr_allocator_create(&allocator) != APR_SUCCESS
        || apr_pool_create(&lasting, NULL) != APR_SUCCESS) {
        fprintf(stderr, "harness: cannot create a pool\n");
        abort();
    }
    shim_on = 1;
    return 0;
}

apr_pool_t *fz_lasting_pool(void)
{
    return lasting;
}

apr_pool_t *fz_pool(void)
{
    apr_pool_t *pool;

    if (apr_pool_create_ex(&pool, NULL, NULL, allocator) != APR_SUCCESS) {
        fprintf(stderr, "harness: cannot create a pool\n");
        abort();
    }
    return pool;
}

void fz_done(apr_pool_t *pool)
{
    apr_pool_destroy(pool);
}

char *fz_str(apr_pool_t *pool, const uint8_t *data, size_t size)
{
    return apr_pstrmemdup(pool, (const char *)data, size);
}

int fz_split(const uint8_t *data, size_t size, const char **a, size_t *alen,
             const char **b, size_t *blen)
{
    const uint8_t *nul = memchr(data, '\0', size);

    *a = (const char *)data;
    if (nul == NULL) {
        *alen = size;
        *b = (const char *)data + size;
        *blen = 0;
        return 0;
    }
    *alen = (size_t)(nul - data);
    *b = (const char *)nul + 1;
    *blen = size - *alen - 1;
    return 1;
}

unsigned fz_lines(const char *buf, size_t len)
{
    unsigned n = 0;

    for (size_t i = 0; i < len; i++) {
        n += buf[i] == '\n';
    }
    return n + (len > 0 && buf[len - 1] != '\n');
}

void fz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "\ninvariant broken at %s:%d: %s\n", file, line, what);
    fflush(stderr);
    abort();
}
