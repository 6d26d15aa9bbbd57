/*
 * mod_authgate_forbid.c - what a 403 in an area with AuthType AuthGate
 * is (README, "What the client sees" and "How 403 is achieved"): 403,
 * not 401, for an authenticated user who fails Require; insufficient-role
 * when a Require role line said no, not-allowed for any other rule.
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
 *
 * A 403 that the rules give before anyone signs in is observed the same
 * way, around mod_authz_core's access_checker_ex hook, and made the
 * gate's not-allowed; it is never changed into another status.
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

/* Run the hooks of a RUN_FIRST hook array that come after self, as
 * httpd would, and return the first answer that is not DECLINED.  Each
 * element of an ap_LINK_*_t array starts with the hook function.  *found
 * is 0 when self is not in the array. */
typedef int hook_fn(request_rec *r);

static int run_after(const apr_array_header_t *hooks, size_t size,
                     hook_fn *self, request_rec *r, int *found)
{
    const char *elts = hooks->elts;
    int i, rv = DECLINED;

    for (i = 0; i < hooks->nelts; i++) {
        if (*(hook_fn *const *)(elts + i * size) == self) {
            break;
        }
    }
    *found = i < hooks->nelts;
    for (i++; *found && i < hooks->nelts && rv == DECLINED; i++) {
        rv = (*(hook_fn *const *)(elts + i * size))(r);
    }
    return rv;
}

int authgate_forbid_check_authz(request_rec *r)
{
    ap_conf_vector_t *saved;
    int rv, found;

    if (forbid_vector == NULL || r->user == NULL || !authgate_is_ours(r)) {
        return DECLINED;
    }
    saved = r->per_dir_config;
    r->per_dir_config = ap_merge_per_dir_configs(r->pool, saved,
                                                 forbid_vector);
    rv = run_after(ap_hook_get_auth_checker(),
                   sizeof(ap_LINK_auth_checker_t),
                   authgate_forbid_check_authz, r, &found);
    r->per_dir_config = saved;
    if (!found) {
        return DECLINED;
    }

    if (rv == HTTP_FORBIDDEN && authgate_req(r)->role_denied) {
        rv = authgate_refuse(r, AG_REASON_INSUFFICIENT_ROLE, r->user,
                             "authenticated, but Require is not met");
    }
    else if (rv == HTTP_FORBIDDEN
             || (rv == HTTP_UNAUTHORIZED && authgate_refusal(r) == NULL)) {
        /* mod_authz_core answers 401 even to a signed-in user when a rule
         * still asks for a user (Require expr naming REMOTE_USER): here,
         * as for every other rule, the signed-in user gets 403 */
        rv = authgate_refuse(r, AG_REASON_NOT_ALLOWED, r->user,
                             "authenticated, but a Require rule other than "
                             "a role is not met");
    }
    else if (rv == OK) {
        authgate_status_note(AUTHGATE_STAT_ALLOWED);
    }
    return rv;
}

/* Before anyone signs in, mod_authz_core evaluates the Require rules
 * without a user (its access_checker_ex hook): a rule that needs no user
 * (Require ip, Require all denied, an expression) may refuse at once,
 * with 403.  In a gate area that 403 is the gate's not-allowed, noted
 * and logged here, before httpd looks for an ErrorDocument, so a site's
 * own error document sees REDIRECT_AUTHGATE_REASON.
 *
 * When the rules need a user, mod_authz_core declines; httpd then runs
 * the hooks after this one again, which evaluates the rules a second
 * time without a user (cheap: every provider answers at once when it
 * needs a user, and mod_authz_host caches its lookups per connection). */
int authgate_forbid_check_access(request_rec *r)
{
    int rv, found;

    if (!authgate_is_ours(r)) {
        return DECLINED;
    }
    rv = run_after(ap_hook_get_access_checker_ex(),
                   sizeof(ap_LINK_access_checker_ex_t),
                   authgate_forbid_check_access, r, &found);
    if (found && rv == HTTP_FORBIDDEN) {
        rv = authgate_refuse(r, AG_REASON_NOT_ALLOWED, NULL,
                             "a Require rule refused before sign-in");
    }
    return found ? rv : DECLINED;
}
