/*
 * mod_authgate_role.c - the "Require role R [R ...]" authorization
 * provider (SPEC section 2): granted when the authenticated user holds any
 * of the roles, from the user file's third field or the role file.
 * Registered with mod_authz_core, so it composes with every Require
 * container and with other providers.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_config.h"
#include "http_log.h"
#include "http_request.h"
#include "mod_auth.h"

#include "ag_decide.h"

APLOG_USE_MODULE(authgate);

/* Roles are parsed once, when the configuration is read. */
static const char *role_parse(cmd_parms *cmd, const char *line,
                              const void **parsed)
{
    apr_array_header_t *roles = apr_array_make(cmd->pool, 2,
                                               sizeof(const char *));
    const char *w;

    while (*(w = ap_getword_conf(cmd->pool, &line)) != '\0') {
        if (strpbrk(w, ":, \t")) {
            return apr_psprintf(cmd->pool, "Require role: '%s' is not a "
                                "role name (no ':', ',' or blanks)", w);
        }
        APR_ARRAY_PUSH(roles, const char *) = w;
    }
    if (roles->nelts == 0) {
        return "Require role needs at least one role name";
    }
    *parsed = roles;
    return NULL;
}

/* Remember which roles would have let the user in, for a 403 page with
 * AuthGateShowRoles On: every "Require role" that said no adds its own. */
static void note_required_roles(request_rec *r,
                                const apr_array_header_t *required)
{
    const char *have = apr_table_get(r->notes, "AUTHGATE_REQUIRED_ROLES");
    const char *all = have;

    for (int i = 0; i < required->nelts; i++) {
        const char *role = APR_ARRAY_IDX(required, i, const char *);

        if (all == NULL) {
            all = role;
        }
        else if (!ap_find_list_item(r->pool, all, role)) {
            all = apr_pstrcat(r->pool, all, ", ", role, NULL);
        }
    }
    apr_table_setn(r->notes, "AUTHGATE_REQUIRED_ROLES", all);
}

static authz_status role_check(request_rec *r, const char *line,
                               const void *parsed)
{
    const authgate_dir_conf *conf =
        ap_get_module_config(r->per_dir_config, &authgate_module);
    const ag_userdb_t *users;
    const ag_roledb_t *roles;
    const ag_user_t *u = NULL;
    const apr_array_header_t *file_roles = NULL;

    (void)line;
    if (r->user == NULL) {
        return AUTHZ_DENIED_NO_USER;
    }
    if (!conf->file[AUTHGATE_FILE_USERS] && !conf->file[AUTHGATE_FILE_ROLES]) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, AGLOGNO(00401)
                      "Require role needs AuthGateUserFile or "
                      "AuthGateRoleFile in this section");
        authgate_refuse(r, AG_REASON_SERVER_ERROR, r->user,
                        "no file gives roles here");
        return AUTHZ_GENERAL_ERROR;
    }
    if (authgate_files_db((const void **)&users, r, conf,
                          AUTHGATE_FILE_USERS) != APR_SUCCESS
        || authgate_files_db((const void **)&roles, r, conf,
                             AUTHGATE_FILE_ROLES) != APR_SUCCESS) {
        authgate_refuse(r, AG_REASON_SERVER_ERROR, r->user,
                        "a file that gives roles is not loaded");
        return AUTHZ_GENERAL_ERROR;
    }
    if (users) {
        u = ag_userdb_get(users, r->user);
    }
    if (roles) {
        file_roles = ag_roledb_roles(roles, r->user);
    }
    if (ag_decide_role(u, file_roles, authgate_req(r)->token, parsed)) {
        return AUTHZ_GRANTED;
    }
    note_required_roles(r, parsed);
    return AUTHZ_DENIED;
}

static const authz_provider role_provider = {
    &role_check,
    &role_parse,
};

void authgate_role_register(apr_pool_t *p)
{
    ap_register_auth_provider(p, AUTHZ_PROVIDER_GROUP, "role",
                              AUTHZ_PROVIDER_VERSION, &role_provider,
                              AP_AUTH_INTERNAL_PER_CONF);
}
