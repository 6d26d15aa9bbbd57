/*
 * ag_secretscan.h - whether a text would give away credentials if it were
 * shown (README, "Security model":
 * "A file in use as a user, role or token file is never
 * rendered as a template, whoever names it").  The module knows which
 * files its own process uses; a file named only in some other .htaccess
 * is recognised by its content instead.
 */
#ifndef AUTHGATE_AG_SECRETSCAN_H
#define AUTHGATE_AG_SECRETSCAN_H

#include <apr_pools.h>

/* The number of the first line of buf[0..len) that looks like a record
 * of a user or token file (NAME:HASH with a hash in a known format, or a
 * token's sha256$ digest), or 0 when there is none.  Role files hold no
 * secret and look like ordinary text ("Note: ..."): they are recognised
 * only by identity, where the process uses them.  Scratch memory from
 * pool. */
unsigned ag_secretscan_find(const char *buf, apr_size_t len,
                            apr_pool_t *pool);

#endif /* AUTHGATE_AG_SECRETSCAN_H */
