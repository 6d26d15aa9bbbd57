/*
 * mod_authgate_refuse.c - what every refusal does (README, "Reasons"):
 * the AUTHGATE_REASON note and environment variable, one error-log line
 * at LogLevel authgate:info, and the challenges of 401, and of 400 and
 * 403 for Bearer.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"

#include "ag_challenge.h"
#include "ag_escape.h"
#include "ag_url.h"

APLOG_USE_MODULE(authgate);

#define REASON_VAR "AUTHGATE_REASON"

int authgate_is_ours(request_rec *r)
{
    const char *type = ap_auth_type(r);

    return type && strcasecmp(type, AUTHGATE_AUTH_TYPE) == 0;
}

const char *authgate_realm(request_rec *r)
{
    return ag_challenge_realm(ap_auth_name(r), r->pool);
}

authgate_req_t *authgate_req(request_rec *r)
{
    authgate_req_t *rq = ap_get_module_config(r->request_config,
                                              &authgate_module);

    if (rq == NULL) {
        rq = apr_pcalloc(r->pool, sizeof(*rq));
        ap_set_module_config(r->request_config, &authgate_module, rq);
    }
    return rq;
}

const authgate_refusal_t *authgate_refusal(request_rec *r)
{
    const authgate_req_t *rq = ap_get_module_config(r->request_config,
                                                    &authgate_module);

    return rq ? rq->refusal : NULL;
}

/* The WWW-Authenticate headers of a refusal (README, "What the client sees"): a
 * 401 challenges every enabled scheme in AuthGateScheme order, the Bearer
 * one with RFC 6750 error attributes when the client used Bearer; a 400
 * in an area that accepts Bearer says invalid_request; a 403 for a role
 * to a client that signed in with a token says insufficient_scope (a
 * token with more roles would do).  A 403 by another rule (not-allowed)
 * has no challenge: no token would help. */
void authgate_set_challenges(request_rec *r, ag_reason_e reason)
{
    const authgate_dir_conf *conf =
        ap_get_module_config(r->per_dir_config, &authgate_module);
    const authgate_req_t *rq = authgate_req(r);
    const char *realm = authgate_realm(r);
    int status = ag_reason_status(reason);
    ag_scheme_e order[AUTHGATE_SCHEMES];

    realm = realm ? realm : "";
    authgate_conf_scheme_order(order, conf);
    apr_table_unset(r->err_headers_out, "WWW-Authenticate");
    if (status == HTTP_UNAUTHORIZED) {
        /* With Form on, a browser must never be given a Basic challenge
         * (it would open its dialog over the page's form): scripts send
         * Basic credentials without being asked. */
        int form = (authgate_conf_schemes(conf) & AG_SCHEME_FORM) != 0;

        for (int i = 0; i < AUTHGATE_SCHEMES && order[i] != AG_SCHEME_NONE;
             i++) {
            if (form && order[i] == AG_SCHEME_BASIC) {
                continue;
            }
            ag_reason_e attrs = order[i] == AG_SCHEME_BEARER
                                && rq->used == AG_SCHEME_BEARER
                                ? reason : AG_REASON_NONE;

            apr_table_add(r->err_headers_out, "WWW-Authenticate",
                          ag_challenge_for(order[i], realm, attrs, r->pool));
        }
    }
    else if ((status == HTTP_BAD_REQUEST
              && (authgate_conf_schemes(conf) & AG_SCHEME_BEARER))
             || (reason == AG_REASON_INSUFFICIENT_ROLE && rq->token)) {
        apr_table_add(r->err_headers_out, "WWW-Authenticate",
                      ag_challenge_for(AG_SCHEME_BEARER, realm, reason,
                                       r->pool));
    }
}

/* The template for status, if one is configured: NULL when none is, or
 * *broken set when the configured one cannot be used. */
static const void *template_for(request_rec *r, const authgate_dir_conf *conf,
                                int status, const char **lang, int *broken)
{
    authgate_file_e kind = authgate_template_kind(status);
    const void *tpl = NULL;

    *broken = 0;
    *lang = NULL;
    /* the language variant Accept-Language asks for, if any */
    if (kind != AUTHGATE_FILE_KINDS
        && authgate_variants_template(&tpl, lang, r, conf, kind)
           != APR_SUCCESS) {
        *broken = 1;
        *lang = NULL;
    }
    return tpl;
}

static void set_var(request_rec *r, const char *name, const char *value)
{
    if (value) {
        apr_table_setn(r->subprocess_env, name, value);
    }
}

/* The URI the error log names.  mod_proxy keeps the whole absolute URI
 * of a forward-proxy request in r->uri, query included, and the query may
 * hold a secret: the log names its path only. */
static const char *log_uri(request_rec *r)
{
    return r->proxyreq == PROXYREQ_PROXY ? ag_url_path(r->uri, r->pool)
                                         : r->uri;
}

/* Refusals a guesser causes, logged at error (Debian's default LogLevel
 * warn keeps them, as it keeps mod_auth_basic's failures); the others at
 * info.  One tag per level.  account-expired and account-disabled are
 * told only to a client that proved the password or token secret: no
 * guess, so info, and conf/fail2ban never counts them. */
static int guesser_reason(ag_reason_e reason)
{
    switch (reason) {
    case AG_REASON_INVALID_CREDENTIALS:
    case AG_REASON_TOKEN_INVALID:
    case AG_REASON_TOKEN_EXPIRED:
    case AG_REASON_TOKEN_REVOKED:
    case AG_REASON_LOCKED_OUT:
    case AG_REASON_MALFORMED_CREDENTIALS:
        return 1;
    default:
        return 0;
    }
}

/* httpd cuts an error-log line at about 8 KB; the values a client chose
 * are cut well short of that, so the line stays whole and matchable. */
#define LOG_USER_MAX 256
#define LOG_URI_MAX 512
#define LOG_DETAIL_MAX 512

/* s cut to at most max bytes, marked with "..." when cut. */
static const char *clip(const char *s, apr_size_t max, apr_pool_t *p)
{
    if (s == NULL || strlen(s) <= max) {
        return s;
    }
    return apr_pstrcat(p, apr_pstrmemdup(p, s, max), "...", NULL);
}

/* One line per refusal: the client address first, then values the client
 * chose, each encoded so that it cannot end its field or forge another
 * (conf/fail2ban/ relies on this).  Never a password, secret or hash. */
static void log_refusal(request_rec *r, ag_reason_e reason,
                        const char *user, const char *detail)
{
    const char *name = ag_reason_name(reason);
    const char *who = ag_escape_log_value(clip(user, LOG_USER_MAX, r->pool),
                                          r->pool);
    const char *uri = ag_escape_log_value(clip(log_uri(r), LOG_URI_MAX,
                                               r->pool), r->pool);
    const char *why = detail ? ap_escape_logitem(r->pool,
                                                 clip(detail, LOG_DETAIL_MAX,
                                                      r->pool)) : "";

    if (guesser_reason(reason)) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, AGLOGNO(00202)
                      "refused: client=%s reason=%s user=%s uri=%s: %s",
                      r->useragent_ip, name, who, uri, why);
    }
    else {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r, AGLOGNO(00201)
                      "refused: client=%s reason=%s user=%s uri=%s: %s",
                      r->useragent_ip, name, who, uri, why);
    }
}

static int refuse(request_rec *r, ag_reason_e reason, const char *user,
                  const char *until, const char *detail)
{
    const authgate_dir_conf *conf =
        ap_get_module_config(r->per_dir_config, &authgate_module);
    authgate_refusal_t *ref = apr_pcalloc(r->pool, sizeof(*ref));
    const char *name;
    int broken;

    ref->status = ag_reason_status(reason);
    ref->template = template_for(r, conf, ref->status, &ref->lang,
                                 &broken);
    if (broken && reason == AG_REASON_NOT_ALLOWED) {
        /* another rule decided this 403, perhaps after httpd has begun
         * to answer it: it stays 403, with the built-in page */
        detail = apr_pstrcat(r->pool, detail ? detail : "",
                             "; the template for this status cannot be "
                             "used, the built-in page is shown", NULL);
        ref->template = NULL;
        ref->lang = NULL;
    }
    else if (broken) {
        /* logged by authgate_files_db; the gate cannot show its page */
        detail = apr_pstrcat(r->pool, detail ? detail : "",
                             "; the template for this status cannot be "
                             "used", NULL);
        reason = AG_REASON_SERVER_ERROR;
        ref->status = ag_reason_status(reason);
        ref->template = template_for(r, conf, ref->status, &ref->lang,
                                 &broken);
    }
    ref->reason = reason;
    ref->user = user;
    authgate_status_refused(reason);
    ref->until = reason == AG_REASON_ACCOUNT_EXPIRED ? until : NULL;
    if (conf->login_url) {
        /* back to the page asked for, less any access_token */
        ref->login_url = ag_url_with_return(
            conf->login_url, ag_url_return_target(r->unparsed_uri, r->pool),
            r->pool);
    }
    ref->signin = authgate_session_form(r, conf, reason, user);
    ref->signout_url = authgate_session_signout_url(r);
    authgate_req(r)->refusal = ref;

    name = ag_reason_name(reason);
    apr_table_setn(r->notes, REASON_VAR, name);
    set_var(r, REASON_VAR, name);
    set_var(r, "AUTHGATE_REALM", authgate_realm(r));
    set_var(r, "AUTHGATE_LOGIN_URL", ref->login_url);
    set_var(r, "AUTHGATE_SUPPORT_URL", conf->support_url);
    set_var(r, "AUTHGATE_UNTIL", ref->until);
    set_var(r, "AUTHGATE_SIGNOUT_URL", ref->signout_url);
    log_refusal(r, reason, user, detail);
    authgate_set_challenges(r, reason);
    if (ref->template) {
        /* An AuthGateErrorDocument outranks the site's ErrorDocument for
         * the same status: keep httpd from redirecting to the latter. */
        ap_custom_response(r, ref->status, "\"");
    }
    return ref->status;
}

int authgate_refuse(request_rec *r, ag_reason_e reason, const char *user,
                    const char *detail)
{
    return refuse(r, reason, user, NULL, detail);
}

int authgate_refuse_account(request_rec *r, ag_reason_e reason,
                            const char *user, const char *until,
                            const char *detail)
{
    return refuse(r, reason, user, until, detail);
}

int authgate_note_auth_failure(request_rec *r, const char *auth_type)
{
    if (strcasecmp(auth_type, AUTHGATE_AUTH_TYPE) != 0) {
        return DECLINED;
    }
    authgate_set_challenges(r, AG_REASON_INVALID_CREDENTIALS);
    return OK;
}
