/*
 * mod_authgate_refuse.c - what every refusal does (SPEC sections 1 and 4):
 * the AUTHGATE_REASON note and environment variable, one error-log line
 * at LogLevel authgate:info, and the challenges of a 401.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"

#include "ag_challenge.h"

APLOG_USE_MODULE(authgate);

#define REASON_VAR "AUTHGATE_REASON"

int authgate_is_ours(request_rec *r)
{
    const char *type = ap_auth_type(r);

    return type && strcasecmp(type, AUTHGATE_AUTH_TYPE) == 0;
}

const char *authgate_realm(request_rec *r)
{
    const char *name = ap_auth_name(r);
    char *out, *o;

    if (name == NULL) {
        return NULL;
    }
    /* mod_authn_core stores AuthName through ap_escape_quotes(), which
     * puts a backslash before each double quote; take those out again so
     * that the realm is quoted once, by ag_challenge_quote(). */
    out = o = apr_palloc(r->pool, strlen(name) + 1);
    for (const char *p = name; *p; p++) {
        if (p[0] == '\\' && p[1] == '"') {
            p++;
        }
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

void authgate_set_challenges(request_rec *r, ag_reason_e reason)
{
    const authgate_dir_conf *conf =
        ap_get_module_config(r->per_dir_config, &authgate_module);
    const char *realm = authgate_realm(r);
    ag_scheme_e order[2] = { AG_SCHEME_BASIC, AG_SCHEME_NONE };

    (void)reason;   /* Bearer error attributes depend on it (later) */
    if (conf->schemes) {
        memcpy(order, conf->scheme_order, sizeof(order));
    }
    apr_table_unset(r->err_headers_out, "WWW-Authenticate");
    for (int i = 0; i < 2 && order[i] != AG_SCHEME_NONE; i++) {
        apr_table_add(r->err_headers_out, "WWW-Authenticate",
                      ag_challenge_for(order[i], realm ? realm : "",
                                       r->pool));
    }
}

int authgate_refuse(request_rec *r, ag_reason_e reason, const char *user,
                    const char *detail)
{
    const char *name = ag_reason_name(reason);
    int status = ag_reason_status(reason);

    apr_table_setn(r->notes, REASON_VAR, name);
    apr_table_setn(r->subprocess_env, REASON_VAR, name);
    ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r, AGLOGNO(00201)
                  "refused: reason=%s user=\"%s\" client=%s uri=\"%s\"%s%s",
                  name, user ? ap_escape_logitem(r->pool, user) : "",
                  r->useragent_ip, ap_escape_logitem(r->pool, r->uri),
                  detail ? ": " : "",
                  detail ? ap_escape_logitem(r->pool, detail) : "");
    if (status == HTTP_UNAUTHORIZED) {
        authgate_set_challenges(r, reason);
    }
    return status;
}

int authgate_note_auth_failure(request_rec *r, const char *auth_type)
{
    if (strcasecmp(auth_type, AUTHGATE_AUTH_TYPE) != 0) {
        return DECLINED;
    }
    authgate_set_challenges(r, AG_REASON_INVALID_CREDENTIALS);
    return OK;
}
