/*
 * mod_authgate_config.c - the AuthGate* directives of mod_authgate(8) and
 * the per-directory configuration they fill.
 */
#include "mod_authgate.h"

#include <limits.h>
#include <stdlib.h>

#include "apr_strings.h"

#include "http_config.h"

#include "ag_url.h"


void *authgate_dir_conf_create(apr_pool_t *p, char *dir)
{
    authgate_dir_conf *conf = apr_pcalloc(p, sizeof(*conf));

    (void)dir;
    conf->show_roles = -1;
    conf->cache_ttl = -1;
    conf->lockout_window = -1;
    conf->addr_lockout_window = -1;
    conf->session_idle = -1;
    conf->session_max = -1;
    return conf;
}

void *authgate_dir_conf_merge(apr_pool_t *p, void *basev, void *addv)
{
    const authgate_dir_conf *base = basev, *add = addv;
    authgate_dir_conf *conf = apr_pcalloc(p, sizeof(*conf));

    for (int k = 0; k < AUTHGATE_FILE_KINDS; k++) {
        if (add->file[k]) {
            conf->file[k] = add->file[k];
            conf->store[k] = add->store[k];
            conf->confine[k] = add->confine[k];
            conf->variants[k] = add->variants[k];
        }
        else {
            conf->file[k] = base->file[k];
            conf->store[k] = base->store[k];
            conf->confine[k] = base->confine[k];
            conf->variants[k] = base->variants[k];
        }
    }
    if (add->schemes) {
        conf->schemes = add->schemes;
        memcpy(conf->scheme_order, add->scheme_order,
               sizeof(conf->scheme_order));
    }
    else {
        conf->schemes = base->schemes;
        memcpy(conf->scheme_order, base->scheme_order,
               sizeof(conf->scheme_order));
    }
    conf->login_url = add->login_url ? add->login_url : base->login_url;
    conf->support_url = add->support_url ? add->support_url
                                         : base->support_url;
    conf->show_roles = add->show_roles != -1 ? add->show_roles
                                             : base->show_roles;
    conf->cache_ttl = add->cache_ttl != -1 ? add->cache_ttl
                                           : base->cache_ttl;
    if (add->lockout_window != -1) {
        conf->lockout_limit = add->lockout_limit;
        conf->lockout_window = add->lockout_window;
    }
    else {
        conf->lockout_limit = base->lockout_limit;
        conf->lockout_window = base->lockout_window;
    }
    if (add->addr_lockout_window != -1) {
        conf->addr_lockout_limit = add->addr_lockout_limit;
        conf->addr_lockout_window = add->addr_lockout_window;
    }
    else {
        conf->addr_lockout_limit = base->addr_lockout_limit;
        conf->addr_lockout_window = base->addr_lockout_window;
    }
    conf->session_idle = add->session_idle != -1 ? add->session_idle
                                                 : base->session_idle;
    conf->session_max = add->session_max != -1 ? add->session_max
                                               : base->session_max;
    return conf;
}

apr_int64_t authgate_conf_session_idle(const authgate_dir_conf *conf)
{
    return conf->session_idle != -1 ? conf->session_idle
                                    : AUTHGATE_SESSION_IDLE_DEFAULT;
}

apr_int64_t authgate_conf_session_max(const authgate_dir_conf *conf)
{
    return conf->session_max != -1 ? conf->session_max
                                   : AUTHGATE_SESSION_MAX_DEFAULT;
}

void authgate_conf_scheme_order(ag_scheme_e order[AUTHGATE_SCHEMES],
                                const authgate_dir_conf *conf)
{
    if (conf->schemes) {
        memcpy(order, conf->scheme_order, sizeof(conf->scheme_order));
        return;
    }
    order[0] = AG_SCHEME_BASIC;
    order[1] = conf->file[AUTHGATE_FILE_TOKENS] ? AG_SCHEME_BEARER
                                                : AG_SCHEME_NONE;
    order[2] = AG_SCHEME_NONE;
}

unsigned authgate_conf_schemes(const authgate_dir_conf *conf)
{
    ag_scheme_e order[AUTHGATE_SCHEMES];
    unsigned set = 0;

    authgate_conf_scheme_order(order, conf);
    for (int i = 0; i < AUTHGATE_SCHEMES; i++) {
        set |= (unsigned)order[i];
    }
    return set;
}

apr_time_t authgate_conf_cache_ttl(const authgate_dir_conf *conf)
{
    return apr_time_from_sec(conf->cache_ttl != -1
                             ? conf->cache_ttl : AUTHGATE_CACHE_TTL_DEFAULT);
}

static int in_htaccess(cmd_parms *cmd)
{
    return ap_check_cmd_context(cmd, NOT_IN_HTACCESS) != NULL;
}

static const char *file_path(cmd_parms *cmd, const char *arg,
                             const char **path)
{
    if (*arg == '\0') {
        return apr_psprintf(cmd->pool, "%s needs a file path",
                            cmd->cmd->name);
    }
    *path = ap_server_root_relative(cmd->pool, arg);
    if (*path == NULL) {
        return apr_psprintf(cmd->pool, "%s: invalid file path '%s'",
                            cmd->cmd->name, arg);
    }
    return NULL;
}

/* The directory of the .htaccess file being read, resolved now (links
 * included), when httpd reads that file: not cmd->path, which inside
 * <Files>, <FilesMatch> or <If> is the section's argument, and not a path
 * resolved later, when whoever owns the parent directory may have
 * swapped the directory for a link.  A directory that cannot be resolved
 * confines to nothing. */
static const char *htaccess_dir(cmd_parms *cmd)
{
    const char *file = cmd->directive ? cmd->directive->filename : NULL;
    const char *slash = file ? strrchr(file, '/') : NULL;
    char resolved[PATH_MAX];

    if (slash == NULL || file[0] != '/') {
        return "/nonexistent/authgate-no-directory/";
    }
    if (realpath(apr_pstrmemdup(cmd->temp_pool, file,
                                (apr_size_t)(slash - file) + 1),
                 resolved) == NULL) {
        return "/nonexistent/authgate-no-directory/";
    }
    return apr_pstrcat(cmd->pool, resolved, "/", NULL);
}

/* Name the file for its kind; files named in httpd.conf are watched from
 * startup on, .htaccess files from their first use. */
static void use_file(cmd_parms *cmd, authgate_dir_conf *conf,
                     authgate_file_e kind, const char *path)
{
    int htaccess = in_htaccess(cmd);

    conf->file[kind] = path;
    /* Files named in httpd.conf are loaded at startup, so that a broken
     * one is reported before the first request; .htaccess files are read
     * per request and their files are found at first use. */
    conf->store[kind] = htaccess ? NULL
                                 : authgate_files_store(kind, path,
                                                        cmd->temp_pool);
    /* A template named in .htaccess stays inside that file's directory
     * (README, "Security model"). */
    conf->confine[kind] = htaccess && kind >= AUTHGATE_FILE_TPL_400
                          ? htaccess_dir(cmd) : NULL;
}

static const char *set_file(cmd_parms *cmd, void *dconf, const char *arg)
{
    const char *path, *err = file_path(cmd, arg, &path);

    if (err == NULL) {
        use_file(cmd, dconf, (authgate_file_e)(apr_uintptr_t)cmd->info,
                 path);
    }
    return err;
}

authgate_file_e authgate_template_kind(int status)
{
    switch (status) {
    case 400:
        return AUTHGATE_FILE_TPL_400;
    case 401:
        return AUTHGATE_FILE_TPL_401;
    case 403:
        return AUTHGATE_FILE_TPL_403;
    case 429:
        return AUTHGATE_FILE_TPL_429;
    case 500:
        return AUTHGATE_FILE_TPL_500;
    default:
        return AUTHGATE_FILE_KINDS;
    }
}

static const char *set_error_document(cmd_parms *cmd, void *dconf,
                                      const char *status_arg,
                                      const char *arg)
{
    authgate_dir_conf *conf = dconf;
    char *end;
    apr_int64_t status = apr_strtoi64(status_arg, &end, 10);
    authgate_file_e kind = *end == '\0' && end != status_arg
        ? authgate_template_kind((int)status) : AUTHGATE_FILE_KINDS;
    const char *path, *err;

    if (kind == AUTHGATE_FILE_KINDS) {
        return apr_psprintf(cmd->pool, "AuthGateErrorDocument: '%s' is "
                            "not one of the statuses 400, 401, 403, 429, "
                            "500", status_arg);
    }
    if ((err = file_path(cmd, arg, &path)) != NULL) {
        return err;
    }
    /* In httpd.conf a broken template stops httpd (it is read as httpd's
     * User once the whole configuration is known, in check_config); in
     * .htaccess it is read at first use and a broken one answers 500.
     * So do its language variants, found now. */
    use_file(cmd, conf, kind, path);
    return authgate_variants_find(&conf->variants[kind], cmd, kind, path,
                                  in_htaccess(cmd));
}

void *authgate_srv_conf_merge(apr_pool_t *p, void *basev, void *addv)
{
    const authgate_srv_conf *base = basev, *add = addv;
    authgate_srv_conf *conf = apr_pcalloc(p, sizeof(*conf));

    /* AuthGateCache is read from the main server only. */
    *conf = *add;
    if (base->template_dirs && add->template_dirs) {
        conf->template_dirs = apr_array_append(p, base->template_dirs,
                                               add->template_dirs);
    }
    else {
        conf->template_dirs = add->template_dirs ? add->template_dirs
                                                 : base->template_dirs;
    }
    return conf;
}

const apr_array_header_t *authgate_template_dirs(server_rec *s)
{
    const authgate_srv_conf *sc = ap_get_module_config(s->module_config,
                                                       &authgate_module);

    return sc ? sc->template_dirs : NULL;
}

static const char *set_template_dir(cmd_parms *cmd, void *dconf,
                                    const char *arg)
{
    authgate_srv_conf *sc = ap_get_module_config(cmd->server->module_config,
                                                 &authgate_module);
    const char *path, *err;
    apr_finfo_t fi;
    char resolved[PATH_MAX];

    (void)dconf;
    if ((err = ap_check_cmd_context(cmd, NOT_IN_DIR_CONTEXT)) != NULL) {
        return err;
    }
    if ((err = file_path(cmd, arg, &path)) != NULL) {
        return err;
    }
    if (apr_stat(&fi, path, APR_FINFO_TYPE, cmd->temp_pool) != APR_SUCCESS
        || fi.filetype != APR_DIR || realpath(path, resolved) == NULL) {
        return apr_psprintf(cmd->pool, "AuthGateTemplateDir: '%s' is not "
                            "a directory", path);
    }
    path = apr_pstrdup(cmd->pool, resolved);   /* resolved once, here */
    if (sc->template_dirs == NULL) {
        sc->template_dirs = apr_array_make(cmd->pool, 2,
                                           sizeof(const char *));
    }
    APR_ARRAY_PUSH(sc->template_dirs, const char *) = path;
    return NULL;
}

static const char *set_link(cmd_parms *cmd, void *dconf, const char *arg)
{
    authgate_dir_conf *conf = dconf;

    if (!ag_url_is_safe_link(arg)) {
        return apr_psprintf(cmd->pool, "%s: '%s' is not an http:, https: "
                            "or mailto: URL, nor a path on this server",
                            cmd->cmd->name, arg);
    }
    if (cmd->info) {
        conf->support_url = arg;
    }
    else {
        conf->login_url = arg;
    }
    return NULL;
}

static const char *set_show_roles(cmd_parms *cmd, void *dconf, int on)
{
    (void)cmd;
    ((authgate_dir_conf *)dconf)->show_roles = on;
    return NULL;
}

static const char *set_cache_ttl(cmd_parms *cmd, void *dconf,
                                 const char *arg)
{
    char *end;
    apr_int64_t ttl = apr_strtoi64(arg, &end, 10);

    /* at most a week: a verified password should be checked again */
    if (*end != '\0' || end == arg || ttl < 0 || ttl > 7 * 86400) {
        return apr_psprintf(cmd->pool, "AuthGateCacheTTL: '%s' is not a "
                            "number of seconds from 0 (off) to 604800",
                            arg);
    }
    ((authgate_dir_conf *)dconf)->cache_ttl = ttl;
    return NULL;
}

/* AuthGateLockout / AuthGateAddressLockout: "N SECONDS", or "Off". */
static const char *set_lockout(cmd_parms *cmd, void *dconf, const char *a1,
                               const char *a2)
{
    authgate_dir_conf *conf = dconf;
    apr_int64_t n = 0, secs = 0;
    char *end1 = NULL, *end2 = NULL;

    if (a2 == NULL && strcasecmp(a1, "Off") == 0) {
        n = 0;
        secs = 0;
    }
    else {
        n = apr_strtoi64(a1, &end1, 10);
        if (a2) {
            secs = apr_strtoi64(a2, &end2, 10);
        }
        if (a2 == NULL || *end1 != '\0' || end1 == a1 || n < 1
            || n > 1000000 || *end2 != '\0' || end2 == a2 || secs < 1
            || secs > 7 * 86400) {
            return apr_psprintf(cmd->pool, "%s: '%s%s%s' is not Off nor N "
                                "SECONDS (N failures from 1 to 1000000 "
                                "within 1 to 604800 seconds)",
                                cmd->cmd->name, a1, a2 ? " " : "",
                                a2 ? a2 : "");
        }
    }
    if (cmd->info) {
        conf->addr_lockout_limit = (unsigned)n;
        conf->addr_lockout_window = secs;
    }
    else {
        conf->lockout_limit = (unsigned)n;
        conf->lockout_window = secs;
    }
    return NULL;
}

/* AuthGateSessionIdle / AuthGateSessionMax: a duration, "90", "45s",
 * "30m", "12h" or "7d", from 1 second to cmd->info days. */
static const char *set_session_time(cmd_parms *cmd, void *dconf,
                                    const char *arg)
{
    authgate_dir_conf *conf = dconf;
    apr_int64_t days = (apr_int64_t)(apr_uintptr_t)cmd->info & 0xFFFF;
    int is_max = ((apr_uintptr_t)cmd->info & 0x10000) != 0;
    char *end;
    apr_int64_t n = apr_strtoi64(arg, &end, 10), unit = 1;

    if (end != arg && *end && end[1] == '\0') {
        switch (*end) {
        case 's': unit = 1; end++; break;
        case 'm': unit = 60; end++; break;
        case 'h': unit = 3600; end++; break;
        case 'd': unit = 86400; end++; break;
        default: break;
        }
    }
    if (end == arg || *end != '\0' || n < 1 || n > days * 86400
        || n * unit > days * 86400) {
        return apr_psprintf(cmd->pool, "%s: '%s' is not a duration from 1 "
                            "second to %d days (a number of seconds, or "
                            "with s, m, h or d: 30m, 12h)", cmd->cmd->name,
                            arg, (int)days);
    }
    if (is_max) {
        conf->session_max = n * unit;
    }
    else {
        conf->session_idle = n * unit;
    }
    return NULL;
}

static const char *set_scheme(cmd_parms *cmd, void *dconf, const char *a1,
                              const char *a2, const char *a3)
{
    authgate_dir_conf *conf = dconf;
    const char *args[AUTHGATE_SCHEMES] = { a1, a2, a3 };
    unsigned set = 0;

    memset(conf->scheme_order, 0, sizeof(conf->scheme_order));
    for (int i = 0; i < AUTHGATE_SCHEMES && args[i]; i++) {
        ag_scheme_e s;

        if (strcasecmp(args[i], "Basic") == 0) {
            s = AG_SCHEME_BASIC;
        }
        else if (strcasecmp(args[i], "Bearer") == 0) {
            s = AG_SCHEME_BEARER;
        }
        else if (strcasecmp(args[i], "Form") == 0) {
            s = AG_SCHEME_FORM;
        }
        else {
            return apr_psprintf(cmd->pool, "AuthGateScheme: unknown scheme "
                                "'%s' (expected Basic, Bearer or Form)",
                                args[i]);
        }
        if (set & s) {
            return apr_psprintf(cmd->pool, "AuthGateScheme: scheme '%s' "
                                "is named twice", args[i]);
        }
        set |= s;
        conf->scheme_order[i] = s;
    }
    conf->schemes = set;
    return NULL;
}

const command_rec authgate_cmds[] = {
    AP_INIT_TAKE1("AuthGateUserFile", set_file,
                  (void *)(apr_uintptr_t)AUTHGATE_FILE_USERS, OR_AUTHCFG,
                  "The user file (NAME:HASH[:ROLES], htpasswd-compatible) "
                  "checked for passwords; relative paths are taken from "
                  "ServerRoot.  There is no default."),
    AP_INIT_TAKE1("AuthGateRoleFile", set_file,
                  (void *)(apr_uintptr_t)AUTHGATE_FILE_ROLES, OR_AUTHCFG,
                  "The role file (ROLE: USER USER ..., htgroup-compatible) "
                  "that adds roles to users; relative paths are taken from "
                  "ServerRoot.  There is no default."),
    AP_INIT_TAKE1("AuthGateTokenFile", set_file,
                  (void *)(apr_uintptr_t)AUTHGATE_FILE_TOKENS, OR_AUTHCFG,
                  "The API token file (id:hash:user:roles:expires:state) "
                  "checked for Bearer tokens; relative paths are taken from "
                  "ServerRoot.  There is no default."),
    AP_INIT_TAKE123("AuthGateScheme", set_scheme, NULL, OR_AUTHCFG,
                    "The authentication schemes accepted and challenged "
                    "(Basic, Bearer, Form), in this order; with Form, "
                    "people sign in on the page and Basic is accepted but "
                    "never challenged.  The default is Basic, or Basic "
                    "Bearer when AuthGateTokenFile is set."),
    AP_INIT_TAKE1("AuthGateSessionIdle", set_session_time,
                  (void *)(apr_uintptr_t)30, OR_AUTHCFG,
                  "How long a form session may go unused before it ends "
                  "(seconds, or 45s, 30m, 12h, 7d; at most 30 days).  The "
                  "default is 30m."),
    AP_INIT_TAKE1("AuthGateSessionMax", set_session_time,
                  (void *)(apr_uintptr_t)(0x10000 | 365), OR_AUTHCFG,
                  "How long after sign-in a form session ends, however "
                  "much it is used (seconds, or 45s, 30m, 12h, 7d; at most "
                  "365 days).  The default is 12h."),
    AP_INIT_TAKE2("AuthGateErrorDocument", set_error_document, NULL,
                  OR_AUTHCFG,
                  "A template for the page sent with a refusal: a status "
                  "(400, 401, 403, 429 or 500) and a file.  The default is "
                  "the built-in page."),
    AP_INIT_TAKE1("AuthGateTemplateDir", set_template_dir, NULL, RSRC_CONF,
                  "A directory from which AuthGateErrorDocument in "
                  ".htaccess files may also take templates (besides the "
                  ".htaccess file's own directory); may be given more than "
                  "once, in the main server and in virtual hosts.  There "
                  "is no default."),
    AP_INIT_TAKE1("AuthGateLoginURL", set_link, NULL, OR_AUTHCFG,
                  "Where people sign in (http:, https:, mailto: or a local "
                  "path); "
                  "the page links to it with return= and the URI asked "
                  "for.  There is no default."),
    AP_INIT_TAKE1("AuthGateSupportURL", set_link, (void *)1, OR_AUTHCFG,
                  "Where people get help (http:, https:, mailto: or a "
                  "local path).  There is no default."),
    AP_INIT_FLAG("AuthGateShowRoles", set_show_roles, NULL, OR_AUTHCFG,
                 "Whether a 403 page names the roles that would let the "
                 "user in.  The default is Off."),
    AP_INIT_TAKE1("AuthGateCacheTTL", set_cache_ttl, NULL, OR_AUTHCFG,
                  "How many seconds a verified password stays verified, "
                  "so the same user and password skip the hash function; "
                  "0 turns the cache off.  The default is 300."),
    AP_INIT_TAKE12("AuthGateLockout", set_lockout, NULL, OR_AUTHCFG,
                   "After N failed sign-ins by one client address for one "
                   "user name within SECONDS, answer 429 until the window "
                   "has passed (\"N SECONDS\" or Off).  The default is "
                   "Off."),
    AP_INIT_TAKE12("AuthGateAddressLockout", set_lockout, (void *)1,
                   OR_AUTHCFG,
                   "After N failed sign-ins from one client address, "
                   "whatever the user names, answer 429 to that address "
                   "until the window of SECONDS has passed (\"N SECONDS\" "
                   "or Off).  The default is Off."),
    AP_INIT_TAKE1("AuthGateSecretFile", authgate_secret_set, NULL,
                  RSRC_CONF,
                  "A file of 32 or more random bytes (authgate secret FILE "
                  "makes one), read once at startup, from which every key "
                  "is derived, so that servers sharing it share cache "
                  "entries.  Main server only.  The default is a random "
                  "key per start."),
    AP_INIT_TAKE1("AuthGateCache", authgate_cache_set, NULL, RSRC_CONF,
                  "The httpd socache provider that shares verified "
                  "passwords between processes: shmcb, memcache:HOST:PORT "
                  "or redis:HOST:PORT (with its mod_socache_* loaded).  "
                  "Main server only.  The default is shmcb."),
    { NULL }
};
