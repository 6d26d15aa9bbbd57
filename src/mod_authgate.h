/*
 * mod_authgate.h - declarations shared by the httpd glue of mod_authgate
 * (mod_authgate.c and src/mod_authgate_*.c).  The core in src/ag_*.c
 * never includes this file: it knows nothing of httpd.
 */
#ifndef AUTHGATE_MOD_AUTHGATE_H
#define AUTHGATE_MOD_AUTHGATE_H

#include "apr_hash.h"

#include "httpd.h"
#include "http_config.h"
#include "ap_socache.h"

#include "authgate.h"
#include "ag_cred.h"
#include "ag_signin.h"
#include "ag_store.h"
#include "ag_tokenfile.h"

/* Our own log tags, never httpd's AH numbers; each number used once. */
#define AGLOGNO(n) "AG" #n ": "

/* How many schemes there are (Basic, Bearer, Form). */
#define AUTHGATE_SCHEMES 3

/* The AuthType value that switches the gate on. */
#define AUTHGATE_AUTH_TYPE "AuthGate"

extern module AP_MODULE_DECLARE_DATA authgate_module;

/* Kinds of files a section may name: credentials, and one error page
 * template per status the gate sends. */
typedef enum {
    AUTHGATE_FILE_USERS = 0,
    AUTHGATE_FILE_ROLES,
    AUTHGATE_FILE_TOKENS,
    AUTHGATE_FILE_TPL_400,
    AUTHGATE_FILE_TPL_401,
    AUTHGATE_FILE_TPL_403,
    AUTHGATE_FILE_TPL_429,
    AUTHGATE_FILE_TPL_500,
    AUTHGATE_FILE_KINDS
} authgate_file_e;

/* The template kind for an HTTP status, or AUTHGATE_FILE_KINDS. */
authgate_file_e authgate_template_kind(int status);

/* A language variant of a template (README, "Languages"): 401.de.html
 * next to 401.html. */
typedef struct {
    const char *lang;                 /* the tag in its name, e.g. "de" */
    const char *path;                 /* absolute */
    ag_store_t *store;                /* httpd.conf: resolved at
                                         configuration time; .htaccess:
                                         NULL, found at first use */
} authgate_variant_t;

/* Per-directory configuration.  Every field has one unset form (NULL or
 * 0); merging takes the child's value when set, else the parent's;
 * defaults are applied where values are read. */
typedef struct {
    const char *file[AUTHGATE_FILE_KINDS];   /* absolute paths */
    /* Stores resolved at configuration time (httpd.conf); NULL for files
     * named in .htaccess, which are resolved at first use. */
    ag_store_t *store[AUTHGATE_FILE_KINDS];
    /* For a template named in .htaccess, the directory of that .htaccess
     * file: the template must stay inside it (or an AuthGateTemplateDir).
     * NULL for files named in httpd.conf. */
    const char *confine[AUTHGATE_FILE_KINDS];
    /* The language variants of each template (authgate_variant_t,
     * sorted by tag), found next to it when the configuration naming it
     * was read; NULL when it has none.  They go with file[kind]. */
    apr_array_header_t *variants[AUTHGATE_FILE_KINDS];
    unsigned schemes;                 /* AuthGateScheme: AG_SCHEME_* bits,
                                         0 unset */
    ag_scheme_e scheme_order[AUTHGATE_SCHEMES];  /* challenge order;
                                                    NONE-terminated */
    const char *login_url;            /* AuthGateLoginURL, checked */
    const char *support_url;          /* AuthGateSupportURL, checked */
    int show_roles;                   /* AuthGateShowRoles; -1 unset */
    apr_int64_t cache_ttl;            /* AuthGateCacheTTL, seconds; -1
                                         unset */
    /* AuthGateLockout and AuthGateAddressLockout: N failures within
     * WINDOW seconds; window -1 unset, 0 off (the default). */
    unsigned lockout_limit;
    apr_int64_t lockout_window;
    unsigned addr_lockout_limit;
    apr_int64_t addr_lockout_window;
    /* AuthGateSessionIdle and AuthGateSessionMax, seconds; -1 unset */
    apr_int64_t session_idle;
    apr_int64_t session_max;
} authgate_dir_conf;

/* The defaults of AuthGateSessionIdle and AuthGateSessionMax, seconds. */
#define AUTHGATE_SESSION_IDLE_DEFAULT (30 * 60)
#define AUTHGATE_SESSION_MAX_DEFAULT (12 * 3600)

/* The default of AuthGateCacheTTL, in seconds. */
#define AUTHGATE_CACHE_TTL_DEFAULT 300

/* Server configuration: AuthGateCache (main server only) and
 * AuthGateTemplateDir (server and virtual hosts). */
typedef struct {
    const char *cache_provider;       /* AuthGateCache's provider name;
                                         NULL: the default (shmcb) */
    const char *cache_provider_arg;   /* what follows its colon; NULL */
    const char *cache_arg;            /* as written, for messages */
    const char *secret_file;          /* AuthGateSecretFile; NULL unset */
    apr_array_header_t *template_dirs;  /* const char *, absolute; NULL
                                           unset; a virtual host adds its
                                           own to the main server's */
} authgate_srv_conf;

/* What a refusal decided, kept in the request for the error page. */
typedef struct {
    ag_reason_e reason;
    int status;
    const char *user;                 /* the user named, if any */
    const char *until;                /* account-expired: the account's
                                         last day, YYYY-MM-DD; else NULL */
    const char *login_url;            /* with return=, or NULL */
    const void *template;             /* ag_template_t, NULL: built-in */
    const ag_signin_t *signin;        /* what the sign-in form holds (made
                                         by the page, in its language),
                                         or NULL: no form */
    const char *signout_url;          /* for a signed-in person, or NULL */
    const char *lang;                 /* the template's language: the
                                         variant's tag; NULL for the
                                         built-in page or the template
                                         without a language */
} authgate_refusal_t;

/* What the gate knows about one request, in r->request_config. */
typedef struct {
    ag_scheme_e used;                 /* the scheme the client used */
    const ag_token_t *token;          /* the token that authenticated the
                                         request; NULL for a password */
    const authgate_refusal_t *refusal;  /* NULL until refused */
    apr_hash_t *roles_seen;           /* roles noted for the 403 page */
    int lockout_seen;                 /* the user had counted failures */
    int role_denied;                  /* a Require role line said no to
                                         the signed-in user: a 403 is
                                         insufficient-role, not
                                         not-allowed */
    const char *cookies;              /* the Cookie header as sent, when
                                         the module's cookies were taken
                                         out of it; else NULL.  Here and
                                         not in r->notes, which
                                         expressions (%{note:...}) and so
                                         pages and .htaccess files read */
} authgate_req_t;

/* The request's state, created on first use. */
authgate_req_t *authgate_req(request_rec *r);
/* The request's refusal, or NULL. */
const authgate_refusal_t *authgate_refusal(request_rec *r);

/* mod_authgate_config.c */
extern const command_rec authgate_cmds[];
void *authgate_dir_conf_create(apr_pool_t *p, char *dir);
void *authgate_dir_conf_merge(apr_pool_t *p, void *basev, void *addv);
void *authgate_srv_conf_merge(apr_pool_t *p, void *basev, void *addv);
/* The AuthGateTemplateDir directories of server s, or NULL. */
const apr_array_header_t *authgate_template_dirs(server_rec *s);
/* The schemes accepted (AG_SCHEME_* bits) and their challenge order
 * (NONE-terminated), with the defaults of mod_authgate(8): Basic, or Basic
 * then Bearer when a token file is named. */
unsigned authgate_conf_schemes(const authgate_dir_conf *conf);
void authgate_conf_scheme_order(ag_scheme_e order[AUTHGATE_SCHEMES],
                                const authgate_dir_conf *conf);
/* The section's AuthGateSessionIdle and AuthGateSessionMax, or their
 * defaults, in seconds. */
apr_int64_t authgate_conf_session_idle(const authgate_dir_conf *conf);
apr_int64_t authgate_conf_session_max(const authgate_dir_conf *conf);

/* mod_authgate_cache.c: the verified-credential cache. */
void *authgate_srv_conf_create(apr_pool_t *p, server_rec *s);
const char *authgate_cache_set(cmd_parms *cmd, void *dconf,
                               const char *arg);
void authgate_cache_pre_config(apr_pool_t *pconf);
/* OK, or an error status when AuthGateSecretFile cannot be used (httpd
 * must not start). */
int authgate_cache_post_config(apr_pool_t *pconf, apr_pool_t *ptemp,
                               server_rec *s);
const char *authgate_secret_set(cmd_parms *cmd, void *dconf,
                                const char *arg);
/* Read AuthGateSecretFile once per httpd parent (cold start, or
 * apachectl configtest) and keep the keys derived from it; OK, or !OK
 * with the reason logged (httpd must not start).  A restart keeps the
 * keys without reading the file again. */
int authgate_secret_check_config(apr_pool_t *ptemp, server_rec *s);
/* Shared state for lockout records, in the same socache.  lock returns
 * an error when there is no cache or no lock (the caller fails closed);
 * get/put/remove are the socache's own calls, under the provider's own
 * mutex when it needs one. */
apr_status_t authgate_state_lock(void);
/* Whether authgate_state_lock() could be taken (for reads that need no
 * lock but must fail closed when the state cannot be kept). */
apr_status_t authgate_state_lock_usable(void);
void authgate_state_unlock(void);
apr_status_t authgate_state_get(request_rec *r, const unsigned char *id,
                                unsigned int idlen, unsigned char *buf,
                                unsigned int *len);
apr_status_t authgate_state_put(request_rec *r, const unsigned char *id,
                                unsigned int idlen, apr_time_t expiry,
                                unsigned char *buf, unsigned int len);
apr_status_t authgate_state_remove(request_rec *r, const unsigned char *id,
                                   unsigned int idlen);
/* The key that names lockout records (AG_LOCKOUT_KEY_LEN bytes): from
 * AuthGateSecretFile when set, else random once per httpd parent (kept
 * by restarts). */
const unsigned char *authgate_state_key(void);
/* The key that signs session cookies and names session records
 * (AG_SESSION_KEY_LEN bytes), from AuthGateSecretFile when set, else
 * random once per httpd parent (kept by restarts); NULL when there is
 * none (sessions then cannot be used). */
const unsigned char *authgate_session_key(void);
/* Non-zero when the cache is a server elsewhere (memcache, redis), whose
 * "not found" may mean "cannot be reached". */
int authgate_state_remote(void);
/* Non-zero when lockout records may name their limit (16 bytes): only in
 * the kept shmcb, and only when no child of an older build, which reads
 * 12-byte records alone, can share it (src/mod_authgate_cache.c). */
int authgate_state_long_records(void);
/* The cache provider's name, for messages. */
const char *authgate_state_name(void);
/* Walk through every live entry of the shared cache (verified passwords
 * and lockout records alike), under the cache's mutex; APR_ENOTIMPL when
 * the cache cannot be walked through (memcache, redis, none).  For the
 * status page only: the walk holds the mutex every lookup needs. */
apr_status_t authgate_state_iterate(request_rec *r,
                                    ap_socache_iterator_t *iterator,
                                    void *baton);
void authgate_cache_child_init(apr_pool_t *pchild, server_rec *s);
/* The cache identity of (user, hash, password) in id[AG_CC_ID_LEN]; 0
 * when the cache cannot be used. */
int authgate_cache_id(unsigned char *id, const char *user, const char *hash,
                      const char *password);
/* Whether id was verified less than ttl ago, by any process. */
int authgate_cache_hit(request_rec *r, const unsigned char *id,
                       apr_time_t ttl);
/* Remember that id was verified now, for ttl. */
void authgate_cache_store(request_rec *r, const unsigned char *id,
                          apr_time_t ttl);
/* The TTL of the section: AuthGateCacheTTL or its default; 0 is off. */
apr_time_t authgate_conf_cache_ttl(const authgate_dir_conf *conf);

/* mod_authgate_authn.c: the authentication step (Basic and Bearer). */
int authgate_check_authn(request_rec *r);
/* Check a user name and password (Basic, or the sign-in form) against
 * the section's user file, with everything a password check takes:
 * lockout check, reservation and success, the verified-credential cache
 * and its single flight, the bound on running checks (busy), pacing,
 * and the account's UNTIL and STATE.  OK with r->user set and *hash
 * (NULL allowed) the user's hash in the file version checked against;
 * otherwise the refusal's status (authgate_refuse has run). */
int authgate_authn_password(request_rec *r, const authgate_dir_conf *conf,
                            const ag_cred_t *cred, const char **hash);

/* mod_authgate_session.c: form sessions, the sign-in form's POST and the
 * sign-out URL (README, "Signing in with a form").  Called first by the
 * authentication step: DECLINED when the request is none of those (go
 * on with the Authorization header), OK with r->user set for a valid
 * session, or a status (303 after a sign-in; a refusal). */
int authgate_session_check_authn(request_rec *r,
                                 const authgate_dir_conf *conf);
/* After any successful authentication: AUTHGATE_SIGNOUT_URL for the
 * site's own pages (none for Bearer). */
void authgate_session_allowed(request_rec *r, const authgate_dir_conf *conf);
/* For a refusal's page in a Form area: what the sign-in form holds, its
 * action, anti-forgery value, return target and user name (from
 * r->pool; the page makes the HTML in its language, ag_signin_form()),
 * with the form's pre-session cookie set in r->err_headers_out; or NULL
 * when the page shows no form (not a Form area, not a 401 or
 * cross-site, a Bearer request).  user (NULL allowed) fills the user
 * name field. */
const ag_signin_t *authgate_session_form(request_rec *r,
                                  const authgate_dir_conf *conf,
                                  ag_reason_e reason, const char *user);
/* The sign-out URL of this request's page, for a signed-in person (not
 * Bearer), or NULL. */
const char *authgate_session_signout_url(request_rec *r);

/* mod_authgate_variants.c: language variants of templates. */
/* Find the variants of the template at path for kind, named in cmd's
 * configuration (htaccess: in a .htaccess file): *out gets them (from
 * cmd->pool) or NULL.  Returns NULL, or an error for the directive. */
const char *authgate_variants_find(apr_array_header_t **out,
                                   cmd_parms *cmd, authgate_file_e kind,
                                   const char *path, int htaccess);
/* The template of kind for r: the variant Accept-Language likes best
 * (*lang its tag), or, when none fits or there are none, the section's
 * template (*lang NULL).  As authgate_files_db. */
apr_status_t authgate_variants_template(const void **tpl, const char **lang,
                                        request_rec *r,
                                        const authgate_dir_conf *conf,
                                        authgate_file_e kind);

/* mod_authgate_files.c: the per-process registry of watched files. */
void authgate_files_pre_config(apr_pool_t *pconf);
/* The store of a file named in httpd.conf at path for kind, created on
 * first use (files named in .htaccess get theirs in authgate_files_db,
 * with their size limits and confinement); scratch from pool.  NULL
 * when it cannot be created. */
ag_store_t *authgate_files_store(authgate_file_e kind, const char *path,
                                 apr_pool_t *pool);
/* Read every file as httpd's User from now on, and check the templates
 * named in httpd.conf: OK, or !OK with the reason logged (httpd must not
 * start). */
int authgate_files_check_config(apr_pool_t *ptemp, server_rec *s);
void authgate_files_post_config(apr_pool_t *pconf, server_rec *s);
void authgate_files_child_init(apr_pool_t *pchild, server_rec *s);
int authgate_files_monitor(apr_pool_t *p, server_rec *s);
/* The version in force of the section's file of this kind, released with
 * r->pool.  Returns APR_SUCCESS with *db (NULL when the section names no
 * such file), or an error when the file is named but no good version of
 * it was ever loaded (the request must answer 500). */
apr_status_t authgate_files_db(const void **db, request_rec *r,
                               const authgate_dir_conf *conf,
                               authgate_file_e kind);
/* The same for the file at path (the section's, or a language variant
 * of its template of this kind, README "Languages"), with its store
 * when it was named in httpd.conf (NULL: .htaccess, found at first use
 * and confined like conf->file[kind]). */
apr_status_t authgate_files_db_at(const void **db, request_rec *r,
                                  const authgate_dir_conf *conf,
                                  authgate_file_e kind, const char *path,
                                  ag_store_t *store);
/* The user, role and token files this process knows of, in the order it
 * met them: every one named in httpd.conf, and those named in .htaccess
 * that a request of this process used.  The stores live as long as the
 * configuration. */
typedef struct {
    ag_store_t *store;
    authgate_file_e kind;             /* USERS, ROLES or TOKENS */
    int htaccess;                     /* named in .htaccess only */
} authgate_file_ref_t;
apr_array_header_t *authgate_files_list(apr_pool_t *pool);

/* mod_authgate_keep.c: what outlives a restart, in the process pool:
 * the shared memory slots of the files named in httpd.conf and their
 * cross-process lock.  Keys are the registry's. */
void authgate_keep_pre_config(apr_pool_t *pconf);
/* The record named key that outlives restarts: size bytes, zeroed when
 * first made, in a pool of its own (tagged tag) under the process pool,
 * which the record's first member (an apr_pool_t *) points to.  NULL
 * when there is no memory for it. */
void *authgate_kept(const char *key, apr_size_t size, const char *tag);
/* Give st the shared slot of key, created on first use; logged and left
 * unshared when shared memory cannot be had. */
void authgate_keep_share(ag_store_t *st, const char *key, server_rec *s);
/* Attach a new child to the lock; non-zero when slots may be used. */
int authgate_keep_child_init(apr_pool_t *pchild, server_rec *s);
/* The cross-process lock of the slots (this process's handle), or NULL. */
apr_global_mutex_t *authgate_keep_lock(void);

/* mod_authgate_lockout.c: AuthGateLockout, AuthGateAddressLockout. */
#define AUTHGATE_LOCKOUT_FREE   0
#define AUTHGATE_LOCKOUT_LOCKED 1
#define AUTHGATE_LOCKOUT_ERROR  2
/* Whether the section counts failures at all. */
int authgate_lockout_enabled(const authgate_dir_conf *conf);
/* Whether the client (r->useragent_ip; an IPv6 client by its /64) may
 * try user (NULL: only the address counts, as for tokens): FREE, LOCKED
 * (Retry-After set in r->err_headers_out) or ERROR (the shared cache or
 * its lock failed, logged; the caller must refuse).  Reads only; for
 * user NULL (tokens) it also makes sure the cache can be written. */
int authgate_lockout_check(request_rec *r, const authgate_dir_conf *conf,
                           const char *user);
/* Just before a password is checked, under the lock: the same answer as
 * authgate_lockout_check, and when FREE the attempt is counted as a
 * failure at once, so that parallel guesses can never all be checked;
 * authgate_lockout_succeeded(..., 1) takes it back. */
int authgate_lockout_reserve(request_rec *r, const authgate_dir_conf *conf,
                             const char *user);
/* Count a failure of the client for user (NULL: address only); for
 * attempts that were not reserved (tokens). */
void authgate_lockout_failed(request_rec *r, const authgate_dir_conf *conf,
                             const char *user);
/* After a success: forget the user's failures, and take back the
 * address's counted attempt when reserved is set. */
void authgate_lockout_succeeded(request_rec *r,
                                const authgate_dir_conf *conf,
                                const char *user, int reserved);
/* After a check whose password was right but whose account may not be
 * used (account-expired, account-disabled): take back the attempt
 * authgate_lockout_reserve counted, from the user's record and the
 * address's, and forget nothing else.  Such a refusal is no guess, so it
 * is not counted; nor is it a success, so it does not wipe the failures
 * counted before it (a disabled account would otherwise let whoever
 * holds its password clear the count of their other guesses). */
void authgate_lockout_unreserve(request_rec *r,
                                const authgate_dir_conf *conf,
                                const char *user);

/* mod_authgate_busy.c: the bound on password checks. */
#define AUTHGATE_BUSY_ENTERED   0      /* and above: the place taken */
#define AUTHGATE_BUSY_FULL      (-1)
#define AUTHGATE_BUSY_UNBOUNDED (-2)
#define AUTHGATE_BUSY_JOINED    (-3)
void authgate_busy_post_config(apr_pool_t *pconf, server_rec *s);
/* Wait a short while for a place to check a password: ENTERED or more
 * (the place; give it back with authgate_busy_leave), FULL (answer 503
 * busy) or UNBOUNDED (no bound in force; check anyway).  id (NULL: none)
 * is the cache id of the check (AG_CC_ID_LEN bytes), kept with its
 * place; with may_join set, when a check of the same id is running, no
 * place is taken: the call waits (at most 3 s) until that check has
 * ended and answers JOINED: look the cache up again, and on a miss call
 * again with may_join 0. */
int authgate_busy_enter(request_rec *r, const unsigned char *id,
                        int may_join);
void authgate_busy_leave(int entered);
/* What the board holds now, for the status page (this generation's
 * board; bounded 0 when there is none). */
typedef struct {
    int bounded;                      /* the bound is in force */
    int limit;                        /* places */
    int running;                      /* checks running (places taken) */
    int waiting;                      /* requests waiting for a place */
    int joining;                      /* requests waiting for an identical
                                         check (single flight) */
} authgate_busy_snapshot_t;
void authgate_busy_snapshot(authgate_busy_snapshot_t *snap);

/* mod_authgate_refuse.c: refusals, challenges, the error-log line. */
int authgate_is_ours(request_rec *r);
/* The realm (AuthName) as every page, problem detail, environment
 * variable and challenge shows it: the administrator's words with each
 * control character made a space (ag_challenge_realm); NULL if unset. */
const char *authgate_realm(request_rec *r);
/* Refuse the request: note and log the reason, set the challenges of a
 * 401, and remember what the error page needs.  Returns the status to
 * answer: ag_reason_status(reason), or 500 when the template configured
 * for that status cannot be used -- except for not-allowed, a 403 that
 * another rule decided, which stays 403 and gets the built-in page. */
int authgate_refuse(request_rec *r, ag_reason_e reason, const char *user,
                    const char *detail);
/* authgate_refuse() for an account refused for its validity
 * (account-expired, account-disabled; call only once the client has
 * proved the password or token secret): until is the account's last day
 * ("YYYY-MM-DD", NULL when none), shown by the page (the template value
 * until, the problem details' until) and set as AUTHGATE_UNTIL for
 * account-expired. */
int authgate_refuse_account(request_rec *r, ag_reason_e reason,
                            const char *user, const char *until,
                            const char *detail);
void authgate_set_challenges(request_rec *r, ag_reason_e reason);
int authgate_note_auth_failure(request_rec *r, const char *auth_type);

/* mod_authgate_forbid.c: what a 403 in a gate area is.  403 instead of
 * 401 for authenticated users who fail Require (check_authz, ordered
 * just before mod_authz_core's), insufficient-role when a Require role
 * line said no and not-allowed otherwise; and not-allowed for a 403 the
 * Require rules give before anyone signed in (access_checker_ex, ordered
 * just before mod_authz_core's). */
void authgate_forbid_post_config(apr_pool_t *pconf, apr_pool_t *ptemp,
                                 server_rec *s);
int authgate_forbid_check_authz(request_rec *r);
int authgate_forbid_check_access(request_rec *r);

/* mod_authgate_page.c: the error page of every refusal. */
void authgate_page_register(apr_pool_t *p);
/* The input filter that hands a body read by the gate on to the
 * application (mod_authgate_session.c). */
void authgate_session_register(apr_pool_t *p);
apr_status_t authgate_page_post_config(apr_pool_t *pconf);

/* mod_authgate_proxy.c: forward-proxy authentication (407,
 * Proxy-Authorization) is not offered.  Registers a check_config
 * hook that stops httpd, and makes `apachectl configtest` fail, with a
 * message naming file and line when AuthType AuthGate appears inside a
 * <Proxy> or <ProxyMatch> section at any depth; and a header_parser hook
 * that answers 500 (server-error), before any credential is read, to a
 * forward-proxy request (PROXYREQ_PROXY) that reaches a gate area some
 * other way, such as a <LocationMatch> on absolute URIs. */
void authgate_proxy_register(apr_pool_t *p);

/* mod_authgate_status.c: server-wide counters, and the gate's section
 * of mod_status's page.  Counting is one atomic add, no lock, and does
 * nothing before post_config or when shared memory could not be had. */
typedef enum {
    AUTHGATE_STAT_ALLOWED = 0,        /* a request let through */
    AUTHGATE_STAT_CACHE_HIT,          /* a password accepted from the
                                         verified-credential cache */
    AUTHGATE_STAT_CACHE_MISS,         /* a cacheable password checked
                                         against its hash */
    AUTHGATE_STAT_CHECK,              /* any check against a hash */
    AUTHGATE_STAT_JOIN                /* a wait for an identical check */
} authgate_stat_e;
void authgate_status_register(apr_pool_t *p);
/* Find (or, at a cold start, make) the counters, kept by restarts. */
void authgate_status_post_config(apr_pool_t *pconf, server_rec *s);
void authgate_status_note(authgate_stat_e what);
/* One refusal for reason, as authgate_refuse() gives it. */
void authgate_status_refused(ag_reason_e reason);

/* mod_authgate_role.c: the "Require role" provider. */
void authgate_role_register(apr_pool_t *p);

#endif /* AUTHGATE_MOD_AUTHGATE_H */
