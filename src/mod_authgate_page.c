/*
 * mod_authgate_page.c - the page every refusal carries (README,
 * "Error pages").
 *
 * httpd writes the body of an error response itself
 * (ap_send_error_response); just before, it runs the insert_error_filter
 * hook.  For a request the gate refused, that hook adds a filter which
 * drops httpd's canned text and sends the gate's page instead: the
 * built-in one, or an AuthGateErrorDocument template, as HTML or as RFC
 * 9457 problem details when the client prefers JSON.  The status and the
 * challenge headers are left as the refusal set them: the page is never a
 * redirect.  A site's own ErrorDocument for the status still wins over
 * the built-in page (httpd redirects to a local one before this runs).
 * A 403 in a gate area that no gate hook noted (another module's) is
 * made not-allowed here, so that it too carries the page.
 */
#include "mod_authgate.h"

#include "apr_strings.h"
#include "util_filter.h"

#include "http_core.h"
#include "http_protocol.h"
#include "http_request.h"
#include "mod_core.h"

#include "ag_negotiate.h"
#include "ag_page.h"
#include "ag_signin.h"
#include "ag_template.h"
#include "ag_url.h"
#include "ag_words.h"

#define FILTER_NAME "AUTHGATE_PAGE"
#define ROLES_NOTE "AUTHGATE_REQUIRED_ROLES"

/* Everything a page may show, from the request and the refusal. */
static void page_values(const char **v, request_rec *r,
                        const authgate_refusal_t *ref, int json,
                        const char *lang)
{
    const authgate_dir_conf *conf =
        ap_get_module_config(r->per_dir_config, &authgate_module);
    ag_page_case_t c;

    memset(v, 0, sizeof(*v) * AG_TV_COUNT);
    v[AG_TV_STATUS] = apr_itoa(r->pool, ref->status);
    v[AG_TV_REASON] = ag_reason_name(ref->reason);
    v[AG_TV_REALM] = authgate_realm(r);
    /* HEAD is told the Content-Length GET would have, so its
     * page, never sent, is GET's */
    v[AG_TV_METHOD] = r->header_only ? "GET" : r->method;
    /* the path only: the query may hold a secret (?access_token=) */
    v[AG_TV_URI] = ag_url_path(r->unparsed_uri, r->pool);
    v[AG_TV_USER] = ref->user ? ref->user : r->user;
    if (conf->show_roles == 1) {
        v[AG_TV_REQUIRED_ROLES] = apr_table_get(r->notes, ROLES_NOTE);
    }
    v[AG_TV_LOGIN_URL] = ref->login_url;
    v[AG_TV_SUPPORT_URL] = conf->support_url;
    /* ap_send_error_response() has moved err_headers_out to headers_out
     * by the time the page is made */
    v[AG_TV_RETRY_AFTER] = apr_table_get(r->headers_out, "Retry-After");
    if (v[AG_TV_RETRY_AFTER] == NULL) {
        v[AG_TV_RETRY_AFTER] = apr_table_get(r->err_headers_out,
                                             "Retry-After");
    }
    v[AG_TV_REQUEST_ID] = apr_table_get(r->subprocess_env, "UNIQUE_ID");
    v[AG_TV_SERVER_NAME] = ap_get_server_name(r);
    v[AG_TV_UNTIL] = ref->until;
    /* the sign-in form, in the page's language; every value in it is
     * escaped by ag_signin_form(), the page inserts it as it is.  JSON
     * has no form. */
    if (ref->signin && !json) {
        v[AG_TV_SIGNIN_FORM] = ag_signin_form(ref->signin, lang, r->pool);
    }
    v[AG_TV_SIGNOUT_URL] = ref->signout_url;
    /* the words fit the client: one that prefers JSON, or that sent an
     * access token, is an app, not a person at a browser */
    c.used = authgate_req(r)->used;
    c.app = json || c.used == AG_SCHEME_BEARER;
    c.schemes = authgate_conf_schemes(conf);
    c.lang = lang;
    ag_page_words(v, ref->reason, &c, r->pool);
}

static apr_status_t page_filter(ap_filter_t *f, apr_bucket_brigade *bb)
{
    request_rec *r = f->r;
    const authgate_refusal_t *ref = authgate_refusal(r);
    apr_bucket *e, *eos = NULL;
    const char *v[AG_TV_COUNT];
    const char *body, *lang;
    apr_size_t len;
    int json;

    /* httpd's own text comes first; drop it and wait for the end. */
    for (e = APR_BRIGADE_FIRST(bb); e != APR_BRIGADE_SENTINEL(bb);
         e = APR_BUCKET_NEXT(e)) {
        if (APR_BUCKET_IS_EOS(e)) {
            eos = e;
            break;
        }
    }
    while (!APR_BRIGADE_EMPTY(bb) && APR_BRIGADE_FIRST(bb) != eos) {
        apr_bucket_delete(APR_BRIGADE_FIRST(bb));
    }
    if (eos == NULL) {
        return APR_SUCCESS;
    }

    json = ag_negotiate_prefers_json(apr_table_get(r->headers_in,
                                                   "Accept"));
    /* The language (README, "Languages"): a template's variant was
     * chosen with the refusal; the template without a language is the
     * default, its words English, its language its own (no
     * Content-Language); the built-in page and JSON speak the language
     * Accept-Language likes best of the gate's.  The sign-in form is
     * made in it too (page_values). */
    if (!json && ref->template) {
        lang = ref->lang;
    }
    else {
        lang = ag_words_lang(apr_table_get(r->headers_in,
                                           "Accept-Language"));
    }
    page_values(v, r, ref, json, lang);
    if (json) {
        body = ag_page_problem_json(v, &len, r->pool);
        ap_set_content_type(r, "application/problem+json");
    }
    else {
        body = ag_template_render(ref->template ? ref->template
                                                : ag_page_builtin(lang),
                                  v, &len, r->pool);
        ap_set_content_type(r, "text/html; charset=utf-8");
    }
    apr_table_setn(r->headers_out, "Cache-Control", "no-store");
    if (lang) {
        apr_table_setn(r->headers_out, "Content-Language", lang);
    }
    else {
        apr_table_unset(r->headers_out, "Content-Language");
    }
    /* what the page depends on, added to what the refused response
     * may already vary on */
    apr_table_mergen(r->headers_out, "Vary", "Accept");
    apr_table_mergen(r->headers_out, "Vary", "Accept-Language");
    ap_set_content_length(r, len);
    if (!r->header_only) {
        APR_BUCKET_INSERT_BEFORE(eos, apr_bucket_pool_create(body, len,
                                     r->pool, f->c->bucket_alloc));
    }
    ap_remove_output_filter(f);
    return ap_pass_brigade(f->next, bb);
}

static void insert_page(request_rec *r)
{
    const authgate_refusal_t *ref = authgate_refusal(r);

    /* A 403 in a gate area that the gate has not noted came from outside
     * the Require rules (mod_access_compat's Deny, mod_rewrite's [F], a
     * handler): it is a refusal all the same, and gets the page.  The
     * status is httpd's already; it stays 403. */
    if (r->status == HTTP_FORBIDDEN
        && (ref == NULL || ref->status != HTTP_FORBIDDEN)
        && authgate_is_ours(r)) {
        authgate_refuse(r, AG_REASON_NOT_ALLOWED, r->user,
                        "refused with 403 by a module other than the "
                        "Require rules");
        ref = authgate_refusal(r);
    }
    if (ref == NULL || r->status != ref->status) {
        return;
    }
    /* a site's ErrorDocument "text" for this status is its own choice */
    if (ref->template == NULL
        && ap_response_code_string(r, ap_index_of_response(r->status))) {
        return;
    }
    ap_add_output_filter(FILTER_NAME, NULL, r, r->connection);
}

apr_status_t authgate_page_post_config(apr_pool_t *pconf)
{
    return ag_page_init(pconf);
}

void authgate_page_register(apr_pool_t *p)
{
    (void)p;
    ap_register_output_filter(FILTER_NAME, page_filter, NULL,
                              AP_FTYPE_CONTENT_SET);
    ap_hook_insert_error_filter(insert_page, NULL, NULL, APR_HOOK_MIDDLE);
}
