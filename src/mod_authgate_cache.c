/*
 * mod_authgate_cache.c - the shared state (README, "The verified-credential
 * cache", "Password guessing, overload and several servers"): an
 * httpd socache chosen with AuthGateCache (default shmcb), shared by every
 * child (and by every server that names the same memcache or redis),
 * holding the verified-credential cache (AuthGateCacheTTL, with a small
 * per-process front, src/ag_credcache.c, before it) and the lockout
 * records (src/mod_authgate_lockout.c), with the keys derived from
 * AuthGateSecretFile.
 *
 * What must outlive a restart (apachectl graceful or restart, logrotate's
 * nightly reload) is kept in the process pool, found again by name as
 * pool user data (KEEP_KEY), because httpd throws away pconf and unloads
 * and reloads every module's code, ours and the socache providers', at
 * each restart:
 *
 * - the keys (random once per httpd parent without AuthGateSecretFile;
 *   with it, derived from the file at startup, see kept_key()), so that
 *   entries written before a restart are still found after it;
 * - the two global mutexes (the provider's, for a provider that is not
 *   safe across processes, and the one of lockout records), so that the
 *   children of the old generation, which go on serving during a graceful
 *   restart, and those of the new one take the same locks;
 * - the shmcb instance (the default cache), created and initialised once,
 *   so that its shared memory, with the verified passwords and the
 *   lockout records, survives.  Each generation looks the provider up
 *   again (its code may have moved) and uses the kept instance with it:
 *   the instance holds only data (sizes, a file name, the shared segment
 *   and its address), never a pointer into the provider's code or static
 *   data.  A change of AuthGateCache between generations destroys the
 *   kept instance and makes a new, empty one.
 *
 * A remote provider (memcache, redis) is created in every generation, as
 * before: its instance holds that generation's connection settings and
 * pools of connections, and the entries live in the server anyway, where
 * the kept keys find them again.
 *
 * A provider that is not safe across processes is used under the kept
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
#include "http_main.h"
#include "util_mutex.h"

#include "ag_credcache.h"
#include "ag_secret.h"

APLOG_USE_MODULE(authgate);

#define MUTEX_TYPE "authgate-cache"
#define STATE_MUTEX_TYPE "authgate-lockout"
#define CACHE_NAME "authgate-cred"
#define DEFAULT_PROVIDER "shmcb"
#define FRONT_SLOTS 4096
/* The layout of a kept record is frozen once released: a graceful
 * restart into a newer build finds the record an older build made, and
 * reads it with its own layout.  A build that needs more keeps it in a
 * record of its own, under a new name (SESSION_KEEP_KEY). */
#define KEEP_KEY "authgate-cache-keep"
#define SESSION_KEEP_KEY "authgate-session-keep"
/* Process pool user data naming the kept instance that a build writing
 * lockout records with their limit (16 bytes) made; see long_records. */
#define LONG_KEY "authgate-cache-long-records"

/* What outlives a restart, in the process pool (parent only; children
 * inherit a copy). */
typedef struct {
    apr_pool_t *pool;                 /* first: set by authgate_kept() */
    int have_keys;                    /* the random keys below are made */
    ag_cc_key_t key;
    unsigned char state_key[AG_CC_KEY_LEN];
    apr_global_mutex_t *mutex;        /* for NOTMPSAFE providers */
    apr_global_mutex_t *state_mutex;  /* lockout records */
    ap_socache_instance_t *instance;  /* the kept shmcb; NULL none */
    const char *instance_provider;    /* its provider's name */
    const char *instance_spec;        /* its AuthGateCache value */
    int have_used;                    /* used_key below is set */
    unsigned char used_key[AG_CC_KEY_LEN];  /* the last generation's */
} kept_cache_t;

typedef struct {
    const ap_socache_provider_t *provider;
    ap_socache_instance_t *instance;
    const char *name;                 /* as configured, for messages */
    apr_global_mutex_t *mutex;        /* NULL when the provider needs none */
    apr_global_mutex_t *state_mutex;  /* read-modify-write of lockout
                                         records; NULL: none (fail closed) */
    ag_cc_front_t *front;             /* per process, from child_init */
    ag_cc_key_t key;
    unsigned char state_key[AG_CC_KEY_LEN];  /* names lockout records */
    unsigned char session_key[AG_CC_KEY_LEN];  /* signs session cookies */
    int kept;                         /* the instance is the kept one */
    /* Lockout records may be written in their long form.  Builds before
     * it read 12-byte records only and take any other for no record;
     * their children live on after a graceful restart, sharing the kept
     * shmcb, so a long record there would let a locked-out client guess
     * again in them, and have the count written back as 1.  Set only
     * when this build's code made the kept instance (LONG_KEY): one an
     * older build made keeps the short form until a stop and a start. */
    int long_records;
    int ready;
} cache_t;

/* The random key of session cookies, kept like kept_cache_t (without
 * AuthGateSecretFile). */
typedef struct {
    apr_pool_t *pool;                 /* first: set by authgate_kept() */
    int have_key;
    unsigned char key[AG_CC_KEY_LEN];
} kept_session_t;

/* This generation's view (children inherit it). */
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
    const ap_socache_provider_t *provider;
    ap_socache_instance_t *probe;

    (void)dconf;
    if (err) {
        return err;
    }
    provider = ap_lookup_provider(AP_SOCACHE_PROVIDER_GROUP, name,
                                  AP_SOCACHE_PROVIDER_VERSION);
    if (provider == NULL) {
        return apr_psprintf(cmd->pool, "AuthGateCache: no socache provider "
                            "'%s'; load mod_socache_%s (shmcb, memcache "
                            "and redis are the usual ones)", name, name);
    }
    /* the argument is checked here, with a throw-away instance; the one
     * used is made in post_config (or kept from an earlier generation) */
    err = provider->create(&probe, colon ? colon + 1 : NULL,
                           cmd->temp_pool, cmd->temp_pool);
    if (err) {
        return apr_psprintf(cmd->pool, "AuthGateCache: %s: %s", arg, err);
    }
    sc->cache_provider = name;
    sc->cache_provider_arg = colon ? apr_pstrdup(cmd->pool, colon + 1)
                                   : NULL;
    sc->cache_arg = arg;
    return NULL;
}

void authgate_cache_pre_config(apr_pool_t *pconf)
{
    ap_mutex_register(pconf, MUTEX_TYPE, NULL, APR_LOCK_DEFAULT, 0);
    ap_mutex_register(pconf, STATE_MUTEX_TYPE, NULL, APR_LOCK_DEFAULT, 0);
}

const char *authgate_secret_set(cmd_parms *cmd, void *dconf,
                                const char *arg)
{
    authgate_srv_conf *sc = ap_get_module_config(cmd->server->module_config,
                                                 &authgate_module);
    const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);

    (void)dconf;
    if (err) {
        return err;
    }
    sc->secret_file = ap_server_root_relative(cmd->pool, arg);
    if (sc->secret_file == NULL || *arg == '\0') {
        return apr_psprintf(cmd->pool, "AuthGateSecretFile: invalid file "
                            "path '%s'", arg);
    }
    return NULL;
}

/* The secret of AuthGateSecretFile, read by the root parent (like a TLS
 * key: the file should be readable by root alone).  NULL with *err set
 * when it cannot be used. */
static const unsigned char *read_secret(apr_size_t *len, const char **err,
                                        const char *path, apr_pool_t *p)
{
    apr_file_t *f;
    apr_finfo_t fi;
    unsigned char *buf;
    apr_size_t got = 0;
    char ebuf[120];
    apr_status_t rv;

    rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY, 0, p);
    if (rv == APR_SUCCESS) {
        rv = apr_file_info_get(&fi, APR_FINFO_SIZE | APR_FINFO_TYPE, f);
        if (rv == APR_SUCCESS && (fi.filetype != APR_REG
                                  || fi.size < AG_SECRET_MIN
                                  || fi.size > 4096)) {
            apr_file_close(f);
            *err = apr_psprintf(p, "must be a regular file of %d to 4096 "
                                "bytes (authgate secret FILE makes one)",
                                AG_SECRET_MIN);
            return NULL;
        }
        if (rv == APR_SUCCESS) {
            buf = apr_palloc(p, (apr_size_t)fi.size);
            rv = apr_file_read_full(f, buf, (apr_size_t)fi.size, &got);
        }
        apr_file_close(f);
    }
    if (rv != APR_SUCCESS) {
        *err = apr_psprintf(p, "cannot be read (%s)",
                            apr_strerror(rv, ebuf, sizeof(ebuf)));
        return NULL;
    }
    *len = got;
    return buf;
}

/* The end of a generation: a remote instance goes with it (while its
 * provider's code is still loaded: this cleanup was registered after
 * LoadModule's); the kept one stays. */
static apr_status_t cache_cleanup(void *data)
{
    server_rec *s = data;

    if (cache.instance && cache.provider && !cache.kept) {
        cache.provider->destroy(cache.instance, s);
    }
    memset(&cache, 0, sizeof(cache));
    return APR_SUCCESS;
}

/* What every instance is told of its entries: a cache id, the time of
 * the check, and how often expired entries may be swept. */
static struct ap_socache_hints cache_hints = {
    AG_CC_ID_LEN, sizeof(apr_time_t), apr_time_from_sec(30)
};

/* The record of what outlives a restart, made at the first generation.
 * NULL when there is no memory for it. */
static kept_cache_t *kept_cache(void)
{
    return authgate_kept(KEEP_KEY, sizeof(kept_cache_t), KEEP_KEY);
}

/* A global mutex of the process pool, made once and kept; NULL (logged)
 * when it cannot be made.  Its mechanism and file are those of the
 * generation that made it (the Mutex directive of a later one does not
 * change it). */
static apr_global_mutex_t *kept_mutex(apr_global_mutex_t **m,
                                      const char *type, kept_cache_t *kc,
                                      server_rec *s, apr_status_t *rv)
{
    *rv = APR_SUCCESS;
    if (*m == NULL) {
        *rv = ap_global_mutex_create(m, NULL, type, NULL, s, kc->pool, 0);
        if (*rv != APR_SUCCESS) {
            *m = NULL;
        }
        else if (*m == NULL) {
            *rv = APR_ENOLOCK;          /* Mutex none */
        }
    }
    return *m;
}

/* Destroy the kept instance (the configured cache changed).  Its
 * provider's code of this generation does it, if that provider is still
 * loaded; else the segment is left as it is. */
static void drop_kept_instance(kept_cache_t *kc, server_rec *s)
{
    const ap_socache_provider_t *old;

    old = ap_lookup_provider(AP_SOCACHE_PROVIDER_GROUP,
                             kc->instance_provider,
                             AP_SOCACHE_PROVIDER_VERSION);
    if (old) {
        old->destroy(kc->instance, s);
    }
    kc->instance = NULL;
    kc->instance_provider = NULL;
    kc->instance_spec = NULL;
}

/* The shmcb instance for spec, kept from an earlier generation or made
 * now; NULL (logged) when it cannot be made.
 *
 * shmcb's create and init allocate the instance, its file name and its
 * shared segment in the pool they are given, and init registers a
 * cleanup there, in shmcb's own code, that destroys the segment.  That
 * code is unloaded at the next restart, so the pool must never be
 * destroyed or cleared afterwards: it is an unmanaged pool (no parent),
 * and not even the end of httpd destroys it; the anonymous shared memory
 * goes back to the system when the last process that maps it exits.  A
 * change of AuthGateCache leaves such a pool behind (a few hundred bytes,
 * the segment itself is destroyed by drop_kept_instance()). */
static ap_socache_instance_t *kept_instance(kept_cache_t *kc,
                                            const ap_socache_provider_t *pr,
                                            const char *provider,
                                            const char *arg,
                                            const char *spec,
                                            apr_pool_t *ptemp,
                                            server_rec *s)
{
    ap_socache_instance_t *instance;
    apr_pool_t *pool;
    apr_status_t rv;
    const char *err;

    if (kc->instance && strcmp(kc->instance_spec, spec) == 0
        && strcmp(kc->instance_provider, provider) == 0) {
        return kc->instance;
    }
    if (kc->instance) {
        ap_log_error(APLOG_MARK, APLOG_NOTICE, 0, s, AGLOGNO(00513)
                     "AuthGateCache changed from %s to %s: the verified "
                     "passwords and lockout records of %s are dropped",
                     kc->instance_spec, spec, kc->instance_spec);
        drop_kept_instance(kc, s);
    }
    rv = apr_pool_create_unmanaged_ex(&pool, NULL, NULL);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, rv, s, AGLOGNO(00514)
                     "no memory for the shared cache %s: verified "
                     "passwords are cached per process only", spec);
        return NULL;
    }
    apr_pool_tag(pool, "authgate-cache-instance");
    err = pr->create(&instance, arg, ptemp, pool);
    if (err) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00503)
                     "cannot create the cache %s (%s): verified passwords "
                     "are cached per process only", spec, err);
        apr_pool_destroy(pool);        /* create registers no cleanup */
        return NULL;
    }
    rv = pr->init(instance, CACHE_NAME, &cache_hints, s, pool);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, rv, s, AGLOGNO(00505)
                     "cannot set up the credential cache %s: verified "
                     "passwords are cached per process only", spec);
        pr->destroy(instance, s);      /* the pool is left (see above) */
        return NULL;
    }
    kc->instance = instance;
    /* the key is copied into the process pool; the value outlives this
     * module's code */
    apr_pool_userdata_set(instance, LONG_KEY, apr_pool_cleanup_null,
                          ap_pglobal);
    kc->instance_provider = apr_pstrdup(kc->pool, provider);
    kc->instance_spec = apr_pstrdup(kc->pool, spec);
    return instance;
}

/* The key derived from AuthGateSecretFile is kept in the process pool,
 * under the file's name, for the life of httpd's parent: the file is read
 * once, at startup (mod_authgate(8)), and a restart (graceful, or logrotate's)
 * keeps the key even if the file was damaged since; a new secret takes a
 * stop and a start.  The module's own variables do not survive a restart
 * (httpd reloads its code). */
/* The note holds three keys (cache, lockout, sessions); builds that kept
 * two used "authgate-secret-key:", which a graceful restart into this one
 * must not read as three: a new layout takes a new name, and this build
 * reads the file again. */
#define SECRET_KEY_NOTE "authgate-secret-keys-3:"

static const unsigned char *kept_key(const char *path)
{
    void *data = NULL;
    char name[1024];

    apr_snprintf(name, sizeof(name), "%s%s", SECRET_KEY_NOTE, path);
    if (ap_pglobal) {
        apr_pool_userdata_get(&data, name, ap_pglobal);
    }
    return data;
}

int authgate_secret_check_config(apr_pool_t *ptemp, server_rec *s)
{
    authgate_srv_conf *sc = ap_get_module_config(s->module_config,
                                                 &authgate_module);
    const unsigned char *secret;
    unsigned char *key;
    apr_size_t len = 0;
    const char *why = NULL;
    apr_finfo_t fi;

    if (sc->secret_file == NULL || kept_key(sc->secret_file)) {
        return OK;
    }
    secret = read_secret(&len, &why, sc->secret_file, ptemp);
    if (secret == NULL) {
        ap_log_error(APLOG_MARK, APLOG_STARTUP | APLOG_EMERG, 0, s,
                     AGLOGNO(00507) "AuthGateSecretFile %s %s",
                     sc->secret_file, why);
        return !OK;
    }
    key = apr_palloc(ap_pglobal, 3 * AG_CC_KEY_LEN);
    if (!ag_secret_derive(key, secret, len, "credential-cache")
        || !ag_secret_derive(key + AG_CC_KEY_LEN, secret, len,
                             "lockout-records")
        || !ag_secret_derive(key + 2 * AG_CC_KEY_LEN, secret, len,
                             "session-cookies")) {
        memset((void *)secret, 0, len);
        ap_log_error(APLOG_MARK, APLOG_STARTUP | APLOG_EMERG, 0, s,
                     AGLOGNO(00511) "AuthGateSecretFile %s: cannot derive "
                     "keys from it", sc->secret_file);
        return !OK;
    }
    memset((void *)secret, 0, len);
    if (apr_stat(&fi, sc->secret_file, APR_FINFO_UPROT | APR_FINFO_GPROT
                 | APR_FINFO_WPROT | APR_FINFO_USER, ptemp) == APR_SUCCESS
        && ((fi.protection & (APR_GREAD | APR_GWRITE | APR_WREAD
                              | APR_WWRITE)) || fi.user != 0)) {
        ap_log_error(APLOG_MARK, APLOG_STARTUP | APLOG_WARNING, 0, s,
                     AGLOGNO(00512) "AuthGateSecretFile %s should belong to "
                     "root with mode 0600: others can read or change it",
                     sc->secret_file);
    }
    apr_pool_userdata_set(key, apr_pstrcat(ap_pglobal, SECRET_KEY_NOTE,
                                           sc->secret_file, NULL),
                          apr_pool_cleanup_null, ap_pglobal);
    return OK;
}

int authgate_cache_post_config(apr_pool_t *pconf, apr_pool_t *ptemp,
                               server_rec *s)
{
    authgate_srv_conf *sc = ap_get_module_config(s->module_config,
                                                 &authgate_module);
    kept_cache_t *kc = kept_cache();
    const char *provider = sc->cache_provider ? sc->cache_provider
                                              : DEFAULT_PROVIDER;
    apr_status_t rv;
    const char *err;

    memset(&cache, 0, sizeof(cache));
    apr_pool_cleanup_register(pconf, s, cache_cleanup,
                              apr_pool_cleanup_null);
    if (kc == NULL) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00514)
                     "no memory for the cache's keys; every password is "
                     "checked against its hash, and areas with "
                     "AuthGateLockout refuse every sign-in");
        return OK;
    }
    if (sc->secret_file) {
        const unsigned char *kept = kept_key(sc->secret_file);

        if (kept == NULL) {
            /* check_config reads it first; this is only a safety net */
            ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, AGLOGNO(00508)
                         "AuthGateSecretFile %s: no key was derived from "
                         "it", sc->secret_file);
            return HTTP_INTERNAL_SERVER_ERROR;
        }
        memcpy(cache.key.bytes, kept, AG_CC_KEY_LEN);
        memcpy(cache.state_key, kept + AG_CC_KEY_LEN, AG_CC_KEY_LEN);
        memcpy(cache.session_key, kept + 2 * AG_CC_KEY_LEN, AG_CC_KEY_LEN);
    }
    else {
        kept_session_t *ks = authgate_kept(SESSION_KEEP_KEY,
                                           sizeof(kept_session_t),
                                           SESSION_KEEP_KEY);

        if (ks == NULL) {
            ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00514)
                         "no memory for the session key; no one can sign "
                         "in with the form");
            return OK;
        }
        if (!ks->have_key) {
            ag_cc_key_t session_key;

            if (!ag_cc_key_new(&session_key)) {
                ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00501)
                             "no random bytes for the session key; no one "
                             "can sign in with the form");
                return OK;
            }
            memcpy(ks->key, session_key.bytes, AG_CC_KEY_LEN);
            memset(&session_key, 0, sizeof(session_key));
            ks->have_key = 1;
        }
        memcpy(cache.session_key, ks->key, AG_CC_KEY_LEN);
        if (!kc->have_keys) {
            ag_cc_key_t lockout_key;

            if (!ag_cc_key_new(&kc->key) || !ag_cc_key_new(&lockout_key)) {
                ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00501)
                             "no random bytes for the cache's keys; every "
                             "password is checked against its hash, and "
                             "areas with AuthGateLockout refuse every "
                             "sign-in");
                return OK;
            }
            memcpy(kc->state_key, lockout_key.bytes, AG_CC_KEY_LEN);
            memset(&lockout_key, 0, sizeof(lockout_key));
            kc->have_keys = 1;
        }
        cache.key = kc->key;
        memcpy(cache.state_key, kc->state_key, AG_CC_KEY_LEN);
    }
    /* Adding, removing or renaming AuthGateSecretFile at a restart
     * changes the keys, and with them the names of every lockout record
     * and verified password: the server starts counting afresh.  Say so
     * (the keys themselves are never logged). */
    if (kc->have_used
        && memcmp(kc->used_key, cache.state_key, AG_CC_KEY_LEN) != 0) {
        ap_log_error(APLOG_MARK, APLOG_NOTICE, 0, s, AGLOGNO(00515)
                     "the cache's keys changed with AuthGateSecretFile: "
                     "earlier lockout records and verified passwords no "
                     "longer count");
    }
    memcpy(kc->used_key, cache.state_key, AG_CC_KEY_LEN);
    kc->have_used = 1;
    cache.state_mutex = kept_mutex(&kc->state_mutex, STATE_MUTEX_TYPE, kc,
                                   s, &rv);
    if (cache.state_mutex == NULL) {
        ap_log_error(APLOG_MARK, APLOG_ERR, rv, s, AGLOGNO(00509)
                     "cannot create the lockout mutex; areas with "
                     "AuthGateLockout refuse every sign-in (500)");
    }
    cache.ready = 1;           /* the per-process front works from here */
    cache.name = sc->cache_arg ? sc->cache_arg : DEFAULT_PROVIDER;
    cache.provider = ap_lookup_provider(AP_SOCACHE_PROVIDER_GROUP, provider,
                                        AP_SOCACHE_PROVIDER_VERSION);
    if (cache.provider == NULL) {
        /* only the default can be missing: AuthGateCache checks its own */
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00502)
                     "mod_socache_shmcb is not loaded: verified "
                     "passwords are cached per process only, and areas "
                     "with AuthGateLockout refuse every sign-in (500); "
                     "load it (or set AuthGateCache)");
        return OK;
    }
    if (cache.provider->flags & AP_SOCACHE_FLAG_NOTMPSAFE) {
        cache.mutex = kept_mutex(&kc->mutex, MUTEX_TYPE, kc, s, &rv);
        if (cache.mutex == NULL) {
            ap_log_error(APLOG_MARK, APLOG_WARNING, rv, s, AGLOGNO(00504)
                         "cannot create the credential cache's mutex: "
                         "verified passwords are cached per process only");
            cache.provider = NULL;
            return OK;
        }
    }
    if (strcmp(provider, DEFAULT_PROVIDER) == 0) {
        /* shmcb: kept by restarts */
        cache.instance = kept_instance(kc, cache.provider, provider,
                                       sc->cache_provider_arg, cache.name,
                                       ptemp, s);
        cache.kept = 1;
        if (cache.instance == NULL) {
            cache.provider = NULL;
        }
        else {
            void *made = NULL;

            apr_pool_userdata_get(&made, LONG_KEY, ap_pglobal);
            cache.long_records = made == (void *)cache.instance;
        }
        return OK;
    }
    if (kc->instance) {
        ap_log_error(APLOG_MARK, APLOG_NOTICE, 0, s, AGLOGNO(00513)
                     "AuthGateCache changed from %s to %s: the verified "
                     "passwords and lockout records of %s are dropped",
                     kc->instance_spec, cache.name, kc->instance_spec);
        drop_kept_instance(kc, s);
    }
    /* a remote cache (or another local one): made anew by every
     * generation, with this generation's code and settings */
    err = cache.provider->create(&cache.instance, sc->cache_provider_arg,
                                 ptemp, pconf);
    if (err) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s, AGLOGNO(00503)
                     "cannot create the cache %s (%s): verified passwords "
                     "are cached per process only", cache.name, err);
        cache.provider = NULL;
        cache.instance = NULL;
        return OK;
    }
    rv = cache.provider->init(cache.instance, CACHE_NAME, &cache_hints, s,
                              pconf);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, rv, s, AGLOGNO(00505)
                     "cannot set up the credential cache %s: verified "
                     "passwords are cached per process only", cache.name);
        cache.provider = NULL;
    }
    return OK;
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
    if (cache.state_mutex
        && apr_global_mutex_child_init(&cache.state_mutex,
               apr_global_mutex_lockfile(cache.state_mutex), pchild)
           != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s, AGLOGNO(00510)
                     "cannot attach to the lockout mutex; areas with "
                     "AuthGateLockout refuse every sign-in (500)");
        cache.state_mutex = NULL;
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

/* Shared state other than verified credentials (lockout records).  Every
 * failure is reported, never hidden: the caller fails closed. */

apr_status_t authgate_state_lock(void)
{
    if (!cache.ready || cache.provider == NULL || cache.state_mutex == NULL) {
        return APR_ENOLOCK;
    }
    return apr_global_mutex_lock(cache.state_mutex);
}

apr_status_t authgate_state_lock_usable(void)
{
    return cache.ready && cache.provider && cache.state_mutex
           ? APR_SUCCESS : APR_ENOLOCK;
}

void authgate_state_unlock(void)
{
    apr_global_mutex_unlock(cache.state_mutex);
}

apr_status_t authgate_state_get(request_rec *r, const unsigned char *id,
                                unsigned int idlen, unsigned char *buf,
                                unsigned int *len)
{
    apr_status_t rv;

    if (cache.mutex && (rv = apr_global_mutex_lock(cache.mutex))
                       != APR_SUCCESS) {
        return rv;
    }
    rv = cache.provider->retrieve(cache.instance, r->server, id, idlen, buf,
                                  len, r->pool);
    if (cache.mutex) {
        apr_global_mutex_unlock(cache.mutex);
    }
    return rv;
}

apr_status_t authgate_state_put(request_rec *r, const unsigned char *id,
                                unsigned int idlen, apr_time_t expiry,
                                unsigned char *buf, unsigned int len)
{
    apr_status_t rv;

    if (cache.mutex && (rv = apr_global_mutex_lock(cache.mutex))
                       != APR_SUCCESS) {
        return rv;
    }
    rv = cache.provider->store(cache.instance, r->server, id, idlen, expiry,
                               buf, len, r->pool);
    if (cache.mutex) {
        apr_global_mutex_unlock(cache.mutex);
    }
    return rv;
}

apr_status_t authgate_state_remove(request_rec *r, const unsigned char *id,
                                   unsigned int idlen)
{
    apr_status_t rv;

    if (cache.mutex && (rv = apr_global_mutex_lock(cache.mutex))
                       != APR_SUCCESS) {
        return rv;
    }
    rv = cache.provider->remove(cache.instance, r->server, id, idlen,
                                r->pool);
    if (cache.mutex) {
        apr_global_mutex_unlock(cache.mutex);
    }
    return rv;
}

const char *authgate_state_name(void)
{
    return cache.provider && cache.name ? cache.name : "none loaded";
}

int authgate_state_long_records(void)
{
    return cache.provider && cache.kept && cache.long_records;
}

int authgate_state_remote(void)
{
    /* shmcb (and dbm) need a mutex and live in this machine; memcache and
     * redis are servers elsewhere, whose clients say "not found" when
     * they cannot reach them */
    return cache.provider
           && !(cache.provider->flags & AP_SOCACHE_FLAG_NOTMPSAFE);
}

const unsigned char *authgate_state_key(void)
{
    return cache.state_key;
}

const unsigned char *authgate_session_key(void)
{
    return cache.ready ? cache.session_key : NULL;
}

apr_status_t authgate_state_iterate(request_rec *r,
                                    ap_socache_iterator_t *iterator,
                                    void *baton)
{
    apr_status_t rv;

    /* memcache and redis cannot be walked through (their iterate says
     * APR_ENOTIMPL), and a cache shared with other servers holds their
     * records too */
    if (!cache.ready || cache.provider == NULL
        || cache.provider->iterate == NULL || authgate_state_remote()) {
        return APR_ENOTIMPL;
    }
    if (cache.mutex && (rv = apr_global_mutex_lock(cache.mutex))
                       != APR_SUCCESS) {
        return rv;
    }
    rv = cache.provider->iterate(cache.instance, r->server, baton, iterator,
                                 r->pool);
    if (cache.mutex) {
        apr_global_mutex_unlock(cache.mutex);
    }
    return rv;
}
