/*
 * mod_authgate.c - the httpd glue of mod_authgate: the module record and
 * the hooks.  Everything that decides lives in
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

#include "mod_authgate.h"

static int authgate_pre_config(apr_pool_t *pconf, apr_pool_t *plog,
                               apr_pool_t *ptemp)
{
    (void)plog;
    (void)ptemp;
    authgate_files_pre_config(pconf);
    authgate_cache_pre_config(pconf);
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
    if (authgate_cache_post_config(pconf, ptemp, s) != OK) {
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    authgate_busy_post_config(pconf, s);
    authgate_status_post_config(pconf, s);
    return OK;
}

static int authgate_check_config(apr_pool_t *pconf, apr_pool_t *plog,
                                 apr_pool_t *ptemp, server_rec *s)
{
    (void)pconf;
    (void)plog;
    if (authgate_secret_check_config(ptemp, s) != OK) {
        return !OK;
    }
    return authgate_files_check_config(ptemp, s);
}

static void authgate_child_init(apr_pool_t *pchild, server_rec *s)
{
    authgate_files_child_init(pchild, s);
    authgate_cache_child_init(pchild, s);
}

static void authgate_register_hooks(apr_pool_t *p)
{
    static const char *const before_authz_core[] = { "mod_authz_core.c",
                                                      NULL };

    ap_hook_pre_config(authgate_pre_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_check_config(authgate_check_config, NULL, NULL,
                         APR_HOOK_MIDDLE);
    ap_hook_post_config(authgate_post_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_child_init(authgate_child_init, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_monitor(authgate_files_monitor, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_check_authn(authgate_check_authn, NULL, NULL, APR_HOOK_MIDDLE,
                        AP_AUTH_INTERNAL_PER_CONF);
    ap_hook_check_authz(authgate_forbid_check_authz, NULL,
                        before_authz_core, APR_HOOK_LAST,
                        AP_AUTH_INTERNAL_PER_CONF);
    ap_hook_check_access_ex(authgate_forbid_check_access, NULL,
                            before_authz_core, APR_HOOK_LAST,
                            AP_AUTH_INTERNAL_PER_CONF);
    ap_hook_note_auth_failure(authgate_note_auth_failure, NULL, NULL,
                              APR_HOOK_MIDDLE);
    authgate_role_register(p);
    authgate_page_register(p);
    authgate_session_register(p);
    authgate_proxy_register(p);
    authgate_status_register(p);
}

AP_DECLARE_MODULE(authgate) = {
    STANDARD20_MODULE_STUFF,
    authgate_dir_conf_create,
    authgate_dir_conf_merge,
    authgate_srv_conf_create,
    authgate_srv_conf_merge,
    authgate_cmds,
    authgate_register_hooks,
    AP_MODULE_FLAG_NONE
};
