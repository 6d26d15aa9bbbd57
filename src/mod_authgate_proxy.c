/*
 * mod_authgate_proxy.c - forward-proxy authentication (407,
 * Proxy-Authorization) is not offered (README, "Known limits").
 *
 * The gate reads Authorization and answers 401; in front of a forward
 * proxy that header belongs to the origin server, so a gate there would
 * judge credentials that were never meant for it.  AuthType AuthGate
 * inside a <Proxy> or <ProxyMatch> section, at any depth, therefore stops
 * httpd when the configuration is read (httpd -t fails too).  Any other
 * way a forward-proxy request can reach a gate area (a <LocationMatch> on
 * absolute URIs) is answered 500 before a credential is looked at.
 * Reverse-proxied paths are protected with <Location>, as usual.
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_config.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"

APLOG_USE_MODULE(authgate);

static int is_proxy_section(const ap_directive_t *d)
{
    return strcasecmp(d->directive, "<Proxy") == 0
           || strcasecmp(d->directive, "<ProxyMatch") == 0;
}

/* Whether d is "AuthType AuthGate" (quoted or not, in any case). */
static int is_gate_type(const ap_directive_t *d, apr_pool_t *p)
{
    const char *args = d->args;

    return strcasecmp(d->directive, "AuthType") == 0 && args != NULL
           && strcasecmp(ap_getword_conf(p, &args), AUTHGATE_AUTH_TYPE) == 0;
}

/* The first AuthType AuthGate among d, its siblings and their children
 * that lies inside a proxy section (proxy: the one d is in, or NULL),
 * with that section in *section; NULL when there is none. */
static const ap_directive_t *gate_in_proxy(const ap_directive_t **section,
                                           const ap_directive_t *d,
                                           const ap_directive_t *proxy,
                                           apr_pool_t *p)
{
    for (; d != NULL; d = d->next) {
        const ap_directive_t *in = proxy ? proxy
                                 : is_proxy_section(d) ? d : NULL;
        const ap_directive_t *found;

        if (proxy && is_gate_type(d, p)) {
            *section = proxy;
            return d;
        }
        if (d->first_child
            && (found = gate_in_proxy(section, d->first_child, in, p))) {
            return found;
        }
    }
    return NULL;
}

static int proxy_check_config(apr_pool_t *pconf, apr_pool_t *plog,
                              apr_pool_t *ptemp, server_rec *s)
{
    const ap_directive_t *section = NULL;
    const ap_directive_t *d = gate_in_proxy(&section, ap_conftree, NULL,
                                            ptemp);

    (void)pconf;
    (void)plog;
    if (d == NULL) {
        return OK;
    }
    ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, AGLOGNO(00701)
                 "AuthType %s at %s:%d, inside %s %s at %s:%d: "
                 "forward-proxy authentication (407, Proxy-Authorization) "
                 "is not offered by mod_authgate; protect reverse-proxied "
                 "paths with <Location> instead",
                 AUTHGATE_AUTH_TYPE, d->filename, d->line_num,
                 section->directive, section->args ? section->args : ">",
                 section->filename, section->line_num);
    return HTTP_INTERNAL_SERVER_ERROR;
}

/* Fail closed: a forward-proxy request in a gate area is never judged. */
static int proxy_refuse_forward(request_rec *r)
{
    if (r->proxyreq != PROXYREQ_PROXY || !authgate_is_ours(r)) {
        return DECLINED;
    }
    ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, AGLOGNO(00702)
                  "a forward-proxy request reached an AuthType %s area; "
                  "forward-proxy authentication is not offered, so it is "
                  "refused: keep the gate out of proxy requests",
                  AUTHGATE_AUTH_TYPE);
    return authgate_refuse(r, AG_REASON_SERVER_ERROR, NULL,
                           "forward-proxy authentication is not offered");
}

void authgate_proxy_register(apr_pool_t *p)
{
    (void)p;
    ap_hook_check_config(proxy_check_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_header_parser(proxy_refuse_forward, NULL, NULL,
                          APR_HOOK_FIRST);
}
