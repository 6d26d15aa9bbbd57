/*
 * mod_authgate_cache.c - the shared state of SPEC section 2: the
 * verified-credential cache (AuthGateCacheTTL) kept in an httpd socache
 * chosen with AuthGateCache (default shmcb), shared by every child, with
 * a small per-process front (src/ag_credcache.c) before it.
 *
 * The socache is created in post_config and reattached in child_init; a
 * provider that is not safe across processes is used under a global
 * mutex.  Anything that goes wrong with the cache costs only speed: a
 * miss means the password is checked against its hash, never that it is
 * accepted.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "ap_provider.h"
#include "ap_socache.h"
#include "http_config.h"
#include "http_log.h"
#include "util_mutex.h"

#include "ag_credcache.h"

APLOG_USE_MODULE(authgate);

#define MUTEX_TYPE "authgate-cache"
#define CACHE_NAME "authgate-cred"
#define DEFAULT_PROVIDER "shmcb"
#define FRONT_SLOTS 4096

typedef struct {
    const ap_socache_provider_t *provider;
    ap_socache_instance_t *instance;
    const char *name;                 /* as configured, for messages */
    apr_global_mutex_t *mutex;        /* NULL when the provider needs none */
    ag_cc_front_t *front;             /* per process, from child_init */
    ag_cc_key_t key;
    int ready;
} cache_t;

static cache_t cache;

void *authgate_srv_conf_create(apr_pool_t *p, server_rec *s)
{
    (void)s;
    return apr_pcalloc(p, sizeof(authgate_srv_conf));
}

const char *authgate_cache_set(cmd_parms *cmd, void *dconf, const char *arg)
{
    authgate_srv_conf *sc = ap_get_module_config(cmd->server->module_config,
                                                 &authgate_module);
    const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);
    const char *colon = strchr(arg, ':');
    const char *name = colon ? apr_pstrmemdup(cmd->pool, arg,
                                              (apr_size_t)(colon - arg))
                             : arg;

    (void)dconf;
    if (err) {
        return err;
    }
    sc->provider = ap_lookup_provider(AP_SOCACHE_PROVIDER_GROUP, name,
                                      AP_SOCACHE_PROVIDER_VERSION);
    if (sc->provider == NULL) {
        return apr_psprintf(cmd->pool, "AuthGateCache: no socache provider "
                            "'%s'; load mod_socache_%s (shmcb, memcache "
                            "and redis are the usual ones)", name, name);
    }
    err = sc->provider->create(&sc->instance, colon ? colon + 1 : NULL,
                               cmd->temp_pool, cmd->pool);
    if (err) {
        return apr_psprintf(cmd->pool, "AuthGateCache: %s: %s", arg, err);
    }
    sc->cache_arg = arg;
    return NULL;
}

void authgate_cache_pre_config(apr_pool_t *pconf)
{
    ap_mutex_register(pconf, MUTEX_TYPE, NULL, APR_LOCK_DEFAULT, 0);
}

static apr_status_t cache_cleanup(void *data)
{
    server_rec *s = data;

    if (cache.instance && cache.provider) {
        cache.provider->destroy(cache.instance, s);
    }
    memset(&cache, 0, sizeof(cache));
    return APR_SUCCESS;
}

void authgate_cache_post_config(apr_pool_t *pconf, apr_pool_t *ptemp,
                                server_rec *s)
{
    authgate_srv_conf *sc = ap_get_module_config(s->module_config,
                                                 &authgate_module);
    struct ap_socache_hints hints = { AG_CC_ID_LEN, sizeof(apr_time_t),
                                      apr_time_from_sec(30) };
    apr_status_t rv;
    const char *err;

    memset(&cache, 0, sizeof(cache));
    apr_pool_cleanup_register(pconf, s, cache_cleanup,
                              apr_pool_cleanup_null);
    if (!ag_cc_key_new(&cache.key)) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00501)
                     "no random bytes for the credential cache's key; "
                     "every password is checked against its hash");
        return;
    }
    cache.ready = 1;           /* the per-process front works from here */
    cache.provider = sc->provider;
    cache.instance = sc->instance;
    cache.name = sc->cache_arg;
    if (cache.provider == NULL) {
        cache.provider = ap_lookup_provider(AP_SOCACHE_PROVIDER_GROUP,
                                            DEFAULT_PROVIDER,
                                            AP_SOCACHE_PROVIDER_VERSION);
        cache.name = DEFAULT_PROVIDER;
        if (cache.provider == NULL) {
            ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00502)
                         "mod_socache_shmcb is not loaded: verified "
                         "passwords are cached per process only; load it "
                         "(or set AuthGateCache) to share them");
            return;
        }
        err = cache.provider->create(&cache.instance, NULL, ptemp, pconf);
        if (err) {
            ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00503)
                         "cannot create the shmcb cache (%s): verified "
                         "passwords are cached per process only", err);
            cache.provider = NULL;
            return;
        }
    }
    if (cache.provider->flags & AP_SOCACHE_FLAG_NOTMPSAFE) {
        rv = ap_global_mutex_create(&cache.mutex, NULL, MUTEX_TYPE, NULL,
                                    s, pconf, 0);
        if (rv != APR_SUCCESS) {
            ap_log_error(APLOG_MARK, APLOG_WARNING, rv, s, AGLOGNO(00504)
                         "cannot create the credential cache's mutex: "
                         "verified passwords are cached per process only");
            cache.provider = NULL;
            return;
        }
    }
    rv = cache.provider->init(cache.instance, CACHE_NAME, &hints, s, pconf);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, rv, s, AGLOGNO(00505)
                     "cannot set up the credential cache %s: verified "
                     "passwords are cached per process only", cache.name);
        cache.provider = NULL;
    }
}

void authgate_cache_child_init(apr_pool_t *pchild, server_rec *s)
{
    apr_status_t rv;

    if (!cache.ready) {
        return;
    }
    if (ag_cc_front_create(&cache.front, FRONT_SLOTS, pchild)
        != APR_SUCCESS) {
        cache.front = NULL;
    }
    if (cache.mutex) {
        rv = apr_global_mutex_child_init(&cache.mutex,
                 apr_global_mutex_lockfile(cache.mutex), pchild);
        if (rv != APR_SUCCESS) {
            ap_log_error(APLOG_MARK, APLOG_ERR, rv, s, AGLOGNO(00506)
                         "cannot attach to the credential cache's mutex; "
                         "this process caches verified passwords alone");
            cache.provider = NULL;
        }
    }
}

int authgate_cache_id(unsigned char *id, const char *user, const char *hash,
                      const char *password)
{
    return cache.ready && ag_cc_id(id, &cache.key, user, hash, password);
}

int authgate_cache_hit(request_rec *r, const unsigned char *id,
                       apr_time_t ttl)
{
    apr_time_t now = apr_time_now(), at = 0;
    unsigned char data[sizeof(apr_time_t)];
    unsigned int len = sizeof(data);
    apr_status_t rv;

    if (!cache.ready) {
        return 0;
    }
    if (cache.front && ag_cc_front_get(cache.front, id, now, ttl)) {
        return 1;
    }
    if (cache.provider == NULL) {
        return 0;
    }
    if (cache.mutex && apr_global_mutex_lock(cache.mutex) != APR_SUCCESS) {
        return 0;
    }
    rv = cache.provider->retrieve(cache.instance, r->server, id,
                                  AG_CC_ID_LEN, data, &len, r->pool);
    if (cache.mutex) {
        apr_global_mutex_unlock(cache.mutex);
    }
    if (rv != APR_SUCCESS || len != sizeof(data)) {
        return 0;
    }
    memcpy(&at, data, sizeof(at));
    if (!ag_cc_fresh(at, now, ttl)) {
        return 0;
    }
    if (cache.front) {
        ag_cc_front_put(cache.front, id, at);
    }
    return 1;
}

void authgate_cache_store(request_rec *r, const unsigned char *id,
                          apr_time_t ttl)
{
    apr_time_t now = apr_time_now();
    unsigned char data[sizeof(apr_time_t)];

    if (!cache.ready) {
        return;
    }
    if (cache.front) {
        ag_cc_front_put(cache.front, id, now);
    }
    if (cache.provider == NULL) {
        return;
    }
    memcpy(data, &now, sizeof(now));
    if (cache.mutex && apr_global_mutex_lock(cache.mutex) != APR_SUCCESS) {
        return;
    }
    (void)cache.provider->store(cache.instance, r->server, id, AG_CC_ID_LEN,
                                now + ttl, data, sizeof(data), r->pool);
    if (cache.mutex) {
        apr_global_mutex_unlock(cache.mutex);
    }
}
