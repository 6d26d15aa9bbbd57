/*
 * mod_authgate.c - the httpd glue of mod_authgate: the module record, the
 * hooks and the authentication step.  Everything that decides lives in
 * the httpd-free core (src/ag_*.c); the rest of the glue is in
 * src/mod_authgate_*.c, one concern per file.
 */
#include "apr_strings.h"

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_main.h"
#include "http_protocol.h"
#include "http_request.h"
#include "mod_auth.h"
#include "mpm_common.h"

#include "ag_decide.h"
#include "mod_authgate.h"

/* Authentication (SPEC sections 1, 3.1, 4): read the credentials, check
 * them against the user file, set r->user, or refuse with a reason. */
static int authgate_check_authn(request_rec *r)
{
    const authgate_dir_conf *conf;
    const ag_userdb_t *users;
    const ag_user_t *u;
    ag_cred_t cred;
    ag_reason_e reason;
    ag_authn_e result;

    if (!authgate_is_ours(r)) {
        return DECLINED;
    }
    conf = ap_get_module_config(r->per_dir_config, &authgate_module);
    if (ap_auth_name(r) == NULL) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, NULL,
                               "AuthType AuthGate needs AuthName");
    }

    reason = ag_cred_parse(&cred, apr_table_get(r->headers_in,
                                                "Authorization"),
                           authgate_conf_schemes(conf), r->pool);
    if (reason != AG_REASON_NONE) {
        const char *why = cred.why;

        if (reason == AG_REASON_UNSUPPORTED_SCHEME && cred.scheme_name) {
            why = apr_pstrcat(r->pool, why, " (", cred.scheme_name, ")",
                              NULL);
        }
        return authgate_refuse(r, reason, NULL, why);
    }

    if (conf->file[AUTHGATE_FILE_USERS] == NULL) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, cred.user,
                               "AuthType AuthGate needs AuthGateUserFile");
    }
    if (authgate_files_db((const void **)&users, r, conf,
                          AUTHGATE_FILE_USERS) != APR_SUCCESS) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, cred.user,
                               "the user file is not loaded");
    }

    result = ag_decide_password(&u, users, cred.user, cred.password,
                                r->pool);
    if (result != AG_AUTHN_OK) {
        return authgate_refuse(r, AG_REASON_INVALID_CREDENTIALS, cred.user,
                               apr_pstrcat(r->pool,
                                           ag_authn_describe(result),
                                           cred.latin1 ? " (credentials "
                                           "read as ISO-8859-1)" : "",
                                           NULL));
    }
    r->user = apr_pstrdup(r->pool, cred.user);
    r->ap_auth_type = AUTHGATE_AUTH_TYPE;
    return OK;
}

static int authgate_pre_config(apr_pool_t *pconf, apr_pool_t *plog,
                               apr_pool_t *ptemp)
{
    (void)plog;
    (void)ptemp;
    authgate_files_pre_config(pconf);
    return OK;
}

static int authgate_post_config(apr_pool_t *pconf, apr_pool_t *plog,
                                apr_pool_t *ptemp, server_rec *s)
{
    (void)plog;
    /* httpd reads its configuration twice at startup; the first pass
     * only checks it. */
    if (ap_state_query(AP_SQ_MAIN_STATE) == AP_SQ_MS_CREATE_PRE_CONFIG) {
        return OK;
    }
    if (authgate_page_post_config(pconf) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, AGLOGNO(00001)
                     "cannot compile the built-in error page");
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    authgate_forbid_post_config(pconf, ptemp, s);
    authgate_files_post_config(pconf, s);
    return OK;
}

static void authgate_child_init(apr_pool_t *pchild, server_rec *s)
{
    authgate_files_child_init(pchild, s);
}

static void authgate_register_hooks(apr_pool_t *p)
{
    static const char *const before_authz_core[] = { "mod_authz_core.c",
                                                      NULL };

    ap_hook_pre_config(authgate_pre_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_post_config(authgate_post_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_child_init(authgate_child_init, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_monitor(authgate_files_monitor, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_check_authn(authgate_check_authn, NULL, NULL, APR_HOOK_MIDDLE,
                        AP_AUTH_INTERNAL_PER_CONF);
    ap_hook_check_authz(authgate_forbid_check_authz, NULL,
                        before_authz_core, APR_HOOK_LAST,
                        AP_AUTH_INTERNAL_PER_CONF);
    ap_hook_note_auth_failure(authgate_note_auth_failure, NULL, NULL,
                              APR_HOOK_MIDDLE);
    authgate_role_register(p);
    authgate_page_register(p);
}

AP_DECLARE_MODULE(authgate) = {
    STANDARD20_MODULE_STUFF,
    authgate_dir_conf_create,
    authgate_dir_conf_merge,
    NULL,
    NULL,
    authgate_cmds,
    authgate_register_hooks,
    AP_MODULE_FLAG_NONE
};
