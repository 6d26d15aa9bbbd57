/*
 * mod_authgate_role.c - the "Require role R [R ...]" authorization
 * provider (mod_authgate(8)): granted when the authenticated user holds any
 * of the roles, from the user file's third field or the role file, and
 * the user file does not say the account is expired or disabled.
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

/* Most roles a 403 page names, and most bytes of their list: a request
 * that fails many long Require lines costs linear time, bounded memory. */
#define SHOWN_ROLES_MAX 32
#define SHOWN_ROLES_BYTES 1024

/* A "Require role" line, parsed once, when the configuration is read. */
typedef struct {
    apr_array_header_t *roles;   /* const char * */
    /* The line sits under an odd number of negations ("Require not",
     * <RequireNone>, <RequireNotAll>): a role withheld by a token must
     * then count as held, so that the negation denies (README,
     * "Security model"). */
    int negated;
} role_rule_t;

/* How many negations stand between this Require line and its section.
 * mod_authz_core may rewrite nested negations (De Morgan), which keeps
 * each line's parity. */
static int negations(cmd_parms *cmd)
{
    const ap_directive_t *d = cmd->directive;
    const char *args;
    int n = 0;

    if (d == NULL) {
        return 0;
    }
    args = d->args;
    if (args && strcasecmp(ap_getword_conf(cmd->temp_pool, &args),
                           "not") == 0) {
        n++;
    }
    for (d = d->parent; d; d = d->parent) {
        if (strcasecmp(d->directive, "<RequireNone") == 0
            || strcasecmp(d->directive, "<RequireNotAll") == 0) {
            n++;
        }
    }
    return n;
}

static const char *role_parse(cmd_parms *cmd, const char *line,
                              const void **parsed)
{
    role_rule_t *rule = apr_pcalloc(cmd->pool, sizeof(*rule));
    const char *w;

    rule->roles = apr_array_make(cmd->pool, 2, sizeof(const char *));
    while (*(w = ap_getword_conf(cmd->pool, &line)) != '\0') {
        if (strpbrk(w, ":, \t")) {
            return apr_psprintf(cmd->pool, "Require role: '%s' is not a "
                                "role name (no ':', ',' or blanks)", w);
        }
        APR_ARRAY_PUSH(rule->roles, const char *) = w;
    }
    if (rule->roles->nelts == 0) {
        return "Require role needs at least one role name";
    }
    rule->negated = negations(cmd) % 2;
    *parsed = rule;
    return NULL;
}

/* Remember which roles would have let the user in, for a 403 page with
 * AuthGateShowRoles On: every "Require role" that said no adds its own,
 * each once, up to the bounds above. */
static void note_required_roles(request_rec *r,
                                const apr_array_header_t *required)
{
    authgate_req_t *rq = authgate_req(r);
    const char *all = apr_table_get(r->notes, "AUTHGATE_REQUIRED_ROLES");
    apr_size_t bytes = all ? strlen(all) : 0;

    if (rq->roles_seen == NULL) {
        rq->roles_seen = apr_hash_make(r->pool);
    }
    for (int i = 0; i < required->nelts; i++) {
        const char *role = APR_ARRAY_IDX(required, i, const char *);
        apr_size_t len = strlen(role);

        if (apr_hash_count(rq->roles_seen) >= SHOWN_ROLES_MAX
            || bytes + len + 2 > SHOWN_ROLES_BYTES) {
            break;
        }
        if (apr_hash_get(rq->roles_seen, role, len)) {
            continue;
        }
        apr_hash_set(rq->roles_seen, role, len, role);
        all = all ? apr_pstrcat(r->pool, all, ", ", role, NULL) : role;
        bytes += len + 2;
    }
    if (all) {
        apr_table_setn(r->notes, "AUTHGATE_REQUIRED_ROLES", all);
    }
}

static authz_status role_check(request_rec *r, const char *line,
                               const void *parsed)
{
    const authgate_dir_conf *conf =
        ap_get_module_config(r->per_dir_config, &authgate_module);
    const role_rule_t *rule = parsed;
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
    if (ag_decide_account(u, apr_time_sec(apr_time_now()))
        != AG_REASON_NONE) {
        /* Reached only when another module authenticated the user
         * (AuthType AuthGate refuses such an account first): an account
         * that may not be used holds no role of a positive rule, and
         * every role of a negated one, so it escapes no negation. */
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r, AGLOGNO(00403)
                      "user \"%s\" is expired or disabled in the user "
                      "file; Require role does not grant",
                      ap_escape_logitem(r->pool, r->user));
        return rule->negated ? AUTHZ_GRANTED : AUTHZ_DENIED;
    }
    switch (ag_decide_role(u, file_roles, authgate_req(r)->token,
                           rule->roles)) {
    case AG_ROLE_HELD:
        /* under a negation, holding the role is what refuses */
        authgate_req(r)->role_denied |= rule->negated;
        return AUTHZ_GRANTED;
    case AG_ROLE_WITHHELD:
        /* Withheld, not denied: under a negation it counts as held, so
         * "Require not role X" denies a token whose user holds X; in a
         * positive rule it does not grant. */
        if (rule->negated) {
            ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r, AGLOGNO(00402)
                          "token's user holds a role of a negated Require "
                          "role line that the token does not carry; it "
                          "counts as held");
            authgate_req(r)->role_denied = 1;
            return AUTHZ_GRANTED;
        }
        break;
    case AG_ROLE_NOT_HELD:
        break;
    default:
        return AUTHZ_GENERAL_ERROR;
    }
    if (!rule->negated) {
        /* a 403 that follows is for want of a role (insufficient-role) */
        authgate_req(r)->role_denied = 1;
        if (conf->show_roles == 1) {
            note_required_roles(r, rule->roles);
        }
    }
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
