/*
 * mod_authgate_config.c - the AuthGate* directives of SPEC section 2 and
 * the per-directory configuration they fill.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_config.h"


void *authgate_dir_conf_create(apr_pool_t *p, char *dir)
{
    (void)dir;
    return apr_pcalloc(p, sizeof(authgate_dir_conf));
}

void *authgate_dir_conf_merge(apr_pool_t *p, void *basev, void *addv)
{
    const authgate_dir_conf *base = basev, *add = addv;
    authgate_dir_conf *conf = apr_pcalloc(p, sizeof(*conf));

    for (int k = 0; k < AUTHGATE_FILE_KINDS; k++) {
        if (add->file[k]) {
            conf->file[k] = add->file[k];
            conf->store[k] = add->store[k];
        }
        else {
            conf->file[k] = base->file[k];
            conf->store[k] = base->store[k];
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
    return conf;
}

unsigned authgate_conf_schemes(const authgate_dir_conf *conf)
{
    return conf->schemes ? conf->schemes : AG_SCHEME_BASIC;
}

static int in_htaccess(cmd_parms *cmd)
{
    return ap_check_cmd_context(cmd, NOT_IN_HTACCESS) != NULL;
}

static const char *set_file(cmd_parms *cmd, void *dconf, const char *arg)
{
    authgate_dir_conf *conf = dconf;
    authgate_file_e kind = (authgate_file_e)(apr_uintptr_t)cmd->info;
    const char *path;

    if (*arg == '\0') {
        return apr_psprintf(cmd->pool, "%s needs a file path",
                            cmd->cmd->name);
    }
    path = ap_server_root_relative(cmd->pool, arg);
    if (path == NULL) {
        return apr_psprintf(cmd->pool, "%s: invalid file path '%s'",
                            cmd->cmd->name, arg);
    }
    conf->file[kind] = path;
    /* Files named in httpd.conf are loaded at startup, so that a broken
     * one is reported before the first request; .htaccess files are read
     * per request and their files are found at first use. */
    conf->store[kind] = in_htaccess(cmd) ? NULL
                                         : authgate_files_store(kind, path);
    return NULL;
}

static const char *set_scheme(cmd_parms *cmd, void *dconf, const char *a1,
                              const char *a2)
{
    authgate_dir_conf *conf = dconf;
    const char *args[2] = { a1, a2 };
    unsigned set = 0;

    memset(conf->scheme_order, 0, sizeof(conf->scheme_order));
    for (int i = 0; i < 2 && args[i]; i++) {
        ag_scheme_e s;

        if (strcasecmp(args[i], "Basic") == 0) {
            s = AG_SCHEME_BASIC;
        }
        else if (strcasecmp(args[i], "Bearer") == 0) {
            return apr_psprintf(cmd->pool, "AuthGateScheme: 'Bearer' needs "
                                "API tokens (AuthGateTokenFile), which this "
                                "build of mod_authgate does not provide yet");
        }
        else {
            return apr_psprintf(cmd->pool, "AuthGateScheme: unknown scheme "
                                "'%s' (expected Basic or Bearer)", args[i]);
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
    AP_INIT_TAKE12("AuthGateScheme", set_scheme, NULL, OR_AUTHCFG,
                   "The authentication schemes accepted and challenged, in "
                   "this order.  The default is Basic."),
    { NULL }
};
