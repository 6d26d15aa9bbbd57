/*
 * mod_authgate_forbid.c - 403, not 401, for an authenticated user who
 * fails Require, in every area with AuthType AuthGate (README,
 * "What the client sees").
 *
 * mod_authz_core already knows how to answer 403 there: its own
 * AuthzSendForbiddenOnFailure flag.  Rather than re-implement the Require
 * engine, mod_authgate switches that flag on for exactly the requests it
 * authenticated:
 *
 *  - post_config builds, through httpd's configuration API (ap_walk_config
 *    on a one-line "AuthzSendForbiddenOnFailure On"), a configuration
 *    vector in which only mod_authz_core's slot is set, to that flag;
 *  - our check_authz hook is ordered just before mod_authz_core's.  For a
 *    request whose AuthType is AuthGate it merges that vector over the
 *    request's configuration with ap_merge_per_dir_configs (authz_core's
 *    own merge keeps every Require section and takes only the flag), runs
 *    the remaining check_authz hooks (mod_authz_core's) with it, and puts
 *    the request's configuration back before returning their verdict.
 *
 * So <RequireAll>, <RequireAny>, <RequireNone>, Require ip, <Limit> and
 * <If> are evaluated by mod_authz_core itself, unchanged; only its choice
 * between 401 and 403 differs, and only for AuthType AuthGate.  The swap
 * lasts for the duration of one function call, so no subrequest or
 * internal redirect ever sees the altered configuration.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_config.h"
#include "http_log.h"
#include "http_request.h"


APLOG_USE_MODULE(authgate);

static ap_conf_vector_t *forbid_vector;

void authgate_forbid_post_config(apr_pool_t *pconf, apr_pool_t *ptemp,
                                 server_rec *s)
{
    ap_directive_t directive = { 0 };
    cmd_parms parms = { 0 };
    ap_conf_vector_t *vector = ap_create_per_dir_config(pconf);
    const char *err;

    directive.directive = "AuthzSendForbiddenOnFailure";
    directive.args = "On";
    directive.filename = "mod_authgate";
    parms.pool = pconf;
    parms.temp_pool = ptemp;
    parms.server = s;
    parms.override = OR_AUTHCFG | ACCESS_CONF;
    parms.limited = -1;
    err = ap_walk_config(&directive, &parms, vector);
    forbid_vector = err ? NULL : vector;
    if (err) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, AGLOGNO(00301)
                     "cannot switch on AuthzSendForbiddenOnFailure (%s); "
                     "authenticated users who fail Require get 401", err);
    }
}

int authgate_forbid_check_authz(request_rec *r)
{
    apr_array_header_t *hooks;
    ap_LINK_auth_checker_t *link;
    ap_conf_vector_t *saved;
    int i, rv = DECLINED;

    if (forbid_vector == NULL || r->user == NULL || !authgate_is_ours(r)) {
        return DECLINED;
    }
    hooks = ap_hook_get_auth_checker();
    link = (ap_LINK_auth_checker_t *)hooks->elts;
    for (i = 0; i < hooks->nelts; i++) {
        if (link[i].pFunc == authgate_forbid_check_authz) {
            break;
        }
    }
    if (i == hooks->nelts) {
        return DECLINED;
    }

    saved = r->per_dir_config;
    r->per_dir_config = ap_merge_per_dir_configs(r->pool, saved,
                                                 forbid_vector);
    for (i++; i < hooks->nelts && rv == DECLINED; i++) {
        rv = link[i].pFunc(r);
    }
    r->per_dir_config = saved;

    if (rv == HTTP_FORBIDDEN) {
        rv = authgate_refuse(r, AG_REASON_INSUFFICIENT_ROLE, r->user,
                             "authenticated, but Require is not met");
    }
    else if (rv == OK) {
        authgate_status_note(AUTHGATE_STAT_ALLOWED);
    }
    return rv;
}
