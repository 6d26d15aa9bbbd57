/*
 * mod_authgate_session.c - signing in with a form, form sessions and
 * signing out (README, "Signing in with a form").
 *
 * The formats and decisions are the core's (ag_session.c: the cookie,
 * the server's record, the anti-forgery value; ag_form.c: the form's
 * body, the same-origin rule, safe targets; ag_signin.c: the form's
 * HTML, made by the page in its language from what
 * authgate_session_form() hands it).  This file moves bytes between them
 * and httpd: the Cookie and Set-Cookie headers (the module's cookies
 * are taken out of the Cookie header the application sees), the
 * request body, the records in the shared socache (the one lockout
 * records use, so that servers sharing memcache or redis share sessions
 * and sign-outs), and the 303 after a sign-in.
 * The password itself is checked by authgate_authn_password, the same
 * code as Basic (lockout, cache, busy, pacing, UNTIL and STATE).
 */
#include "mod_authgate.h"

#include "apr_strings.h"

#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "util_filter.h"

#include "ag_decide.h"
#include "ag_form.h"
#include "ag_session.h"
#include "ag_signin.h"
#include "ag_url.h"

APLOG_USE_MODULE(authgate);

#define SIGNOUT_VAR "AUTHGATE_SIGNOUT_URL"
/* Cookies of one name looked at, at most.  Browsers send one name more
 * than once when it was set for different paths or domains, the more
 * specific first; a sibling host (or any page over plain HTTP) can plant
 * dozens in front of the real one ("cookie tossing"), so all that fit in
 * a Cookie header are looked at: junk fails its signature for the cost
 * of one HMAC.  Of those that pass it, at most SESSIONS_CHECKED are
 * looked up in the shared cache. */
#define COOKIES_TRIED 256
#define SESSIONS_CHECKED 4

static const char *cookies_of(request_rec *r);

/* What a request's area is, for cookies. */
typedef struct {
    unsigned char area[AG_SESSION_AREA_LEN];
    const unsigned char *key;
    int secure;                       /* over HTTPS: Secure, __Host- */
    const char *name;                 /* the session cookie's */
    const char *pre_name;             /* the pre-session cookie's */
} area_t;

/* NULL when sessions cannot be used (no key). */
static const area_t *area_of(request_rec *r, const authgate_dir_conf *conf)
{
    area_t *a = apr_pcalloc(r->pool, sizeof(*a));

    a->key = authgate_session_key();
    if (a->key == NULL
        || !ag_session_area(a->area, authgate_realm(r),
                            conf->file[AUTHGATE_FILE_USERS], r->pool)) {
        return NULL;
    }
    a->secure = strcmp(ap_http_scheme(r), "https") == 0;
    a->name = ag_session_cookie_name(a->area, a->secure, 0, r->pool);
    a->pre_name = ag_session_cookie_name(a->area, a->secure, 1, r->pool);
    return a;
}

static void set_cookie(request_rec *r, const area_t *a, const char *name,
                       const char *value, apr_int64_t max_age)
{
    apr_table_addn(r->err_headers_out, "Set-Cookie",
                   apr_psprintf(r->pool, "%s=%s; Path=/; Max-Age=%"
                                APR_INT64_T_FMT "; HttpOnly; "
                                "SameSite=Lax%s", name, value, max_age,
                                a->secure ? "; Secure" : ""));
}

/* The request's page: its path as sent, and its query less any
 * access_token (and less the sign-out query). */
static const char *own_page(request_rec *r)
{
    const char *target = ag_url_return_target(r->unparsed_uri, r->pool);
    const char *q = strchr(target, '?');

    if (q && strcmp(q + 1, AG_SIGNOUT_QUERY) == 0) {
        target = apr_pstrmemdup(r->pool, target, (apr_size_t)(q - target));
    }
    return target;
}

/* The origin the client addressed: scheme://Host.  NULL without Host. */
static const char *own_origin(request_rec *r)
{
    const char *host = apr_table_get(r->headers_in, "Host");

    return host ? apr_pstrcat(r->pool, ap_http_scheme(r), "://", host, NULL)
                : NULL;
}

static int same_origin(request_rec *r, int allow_none, const char **why)
{
    return ag_form_same_origin(apr_table_get(r->headers_in, "Origin"),
                               apr_table_get(r->headers_in,
                                             "Sec-Fetch-Site"),
                               own_origin(r), allow_none, why);
}

/* Whether the state (socache and its lock) can keep sessions. */
static int store_usable(void)
{
    return authgate_state_lock_usable() == APR_SUCCESS;
}

static apr_status_t rec_get(request_rec *r, const unsigned char *id,
                            ag_session_rec_t *rec)
{
    unsigned char buf[AG_SESSION_REC_LEN + 8];
    unsigned int len = sizeof(buf);
    apr_status_t rv = authgate_state_get(r, id, AG_SESSION_ID_LEN, buf,
                                         &len);

    if (rv == APR_SUCCESS && !ag_session_rec_decode(rec, buf, len)) {
        rv = APR_NOTFOUND;
    }
    return rv;
}

static apr_status_t rec_put(request_rec *r, const unsigned char *id,
                            const ag_session_rec_t *rec, apr_int64_t max)
{
    unsigned char buf[AG_SESSION_REC_LEN];

    ag_session_rec_encode(buf, rec);
    return authgate_state_put(r, id, AG_SESSION_ID_LEN,
                              apr_time_from_sec(rec->issued + max), buf,
                              sizeof(buf));
}

/* Forget the session of s on the server, under the state lock so that
 * no touch of a request running at the same time brings it back. */
static void forget(request_rec *r, const area_t *a, const ag_session_t *s)
{
    unsigned char id[AG_SESSION_ID_LEN];

    if (!ag_session_record_id(id, a->key, s->sid)) {
        return;
    }
    if (authgate_state_lock() != APR_SUCCESS) {
        return;
    }
    (void)authgate_state_remove(r, id, AG_SESSION_ID_LEN);
    authgate_state_unlock();
}

/* Record that the session was used now, when its record says otherwise
 * by more than a few seconds (every request would be a write): under the
 * lock, and only while the record is still there. */
static void touch(request_rec *r, const unsigned char *id,
                  const ag_session_rec_t *seen, apr_int64_t now,
                  apr_int64_t idle, apr_int64_t max)
{
    apr_int64_t step = idle / 8 > 60 ? 60 : (idle / 8 > 1 ? idle / 8 : 1);
    ag_session_rec_t rec;

    if (now - seen->last_used < step
        || authgate_state_lock() != APR_SUCCESS) {
        return;
    }
    if (rec_get(r, id, &rec) == APR_SUCCESS && rec.issued == seen->issued
        && rec.last_used < now) {
        rec.last_used = now;
        (void)rec_put(r, id, &rec, max);
    }
    authgate_state_unlock();
}

/* The session of the request's cookies, judged: OK with *out set, or
 * why none counts (MALFORMED when there is no cookie at all).  A session
 * that ran out or whose user changed is forgotten on the server. */
static ag_session_result_e find_session(ag_session_t *out, int *cookie_seen,
                                        request_rec *r,
                                        const authgate_dir_conf *conf,
                                        const area_t *a, apr_int64_t now,
                                        int *broken)
{
    const char *header = cookies_of(r);
    apr_int64_t idle = authgate_conf_session_idle(conf);
    apr_int64_t max = authgate_conf_session_max(conf);
    ag_session_result_e result = AG_SESSION_MALFORMED;
    int checked = 0;

    *cookie_seen = 0;
    *broken = 0;
    for (int i = 0; i < COOKIES_TRIED; i++) {
        const char *value = ag_session_cookie_get(header, a->name, i,
                                                  r->pool);
        unsigned char id[AG_SESSION_ID_LEN], digest[AG_SESSION_DIGEST_LEN];
        const ag_userdb_t *users;
        const ag_user_t *u;
        ag_session_rec_t rec;
        apr_status_t rv;
        ag_session_t s;

        if (value == NULL) {
            break;
        }
        *cookie_seen = 1;
        result = ag_session_decode(&s, value, a->key, a->area, now, max,
                                   r->pool);
        if (result != AG_SESSION_OK) {
            continue;
        }
        if (++checked > SESSIONS_CHECKED) {
            result = AG_SESSION_ENDED;
            break;
        }
        if (!store_usable() || !ag_session_record_id(id, a->key, s.sid)) {
            *broken = 1;
            return AG_SESSION_ENDED;
        }
        rv = rec_get(r, id, &rec);
        if (rv != APR_SUCCESS && rv != APR_NOTFOUND) {
            *broken = 1;
            return AG_SESSION_ENDED;
        }
        if (authgate_files_db((const void **)&users, r, conf,
                              AUTHGATE_FILE_USERS) != APR_SUCCESS
            || users == NULL) {
            *broken = 1;
            return AG_SESSION_ENDED;
        }
        u = ag_userdb_get(users, s.user);
        if (u && !ag_session_hash_digest(digest, a->key, s.user, u->hash)) {
            *broken = 1;
            return AG_SESSION_ENDED;
        }
        result = ag_session_judge(&s, rv == APR_SUCCESS ? &rec : NULL,
                                  u ? digest : NULL, now, idle, max);
        if (result == AG_SESSION_OK) {
            touch(r, id, &rec, now, idle, max);
            *out = s;
            return result;
        }
        if (result != AG_SESSION_ENDED) {
            forget(r, a, &s);
        }
    }
    return result;
}

/* Up to cap bytes of the request body into *buf (NUL-ended); *eos
 * tells whether the body ended within them.  The client's pace is bounded
 * by httpd's Timeout and mod_reqtimeout's body limits, as for any body. */
static apr_status_t read_some(request_rec *r, apr_size_t cap, char **buf,
                              apr_size_t *len, int *eos)
{
    apr_bucket_brigade *bb;
    apr_size_t got = 0;
    char *b = apr_palloc(r->pool, cap + 1);

    *eos = 0;
    bb = apr_brigade_create(r->pool, r->connection->bucket_alloc);
    while (!*eos && got < cap) {
        apr_status_t rv = ap_get_brigade(r->input_filters, bb,
                                         AP_MODE_READBYTES, APR_BLOCK_READ,
                                         cap - got);
        apr_size_t n;

        if (rv != APR_SUCCESS) {
            apr_brigade_destroy(bb);
            return rv;
        }
        if (APR_BRIGADE_EMPTY(bb)) {
            *eos = 1;
            break;
        }
        if (APR_BUCKET_IS_EOS(APR_BRIGADE_LAST(bb))) {
            *eos = 1;
        }
        n = cap - got;
        rv = apr_brigade_flatten(bb, b + got, &n);
        apr_brigade_cleanup(bb);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        got += n;
    }
    apr_brigade_destroy(bb);
    b[got] = '\0';
    *buf = b;
    *len = got;
    return APR_SUCCESS;
}

/* Whether the Content-Length says the body is longer than a sign-in
 * form can be (or is not a number: HTTP_IN refuses it). */
static int too_long_for_a_form(request_rec *r)
{
    const char *cl = apr_table_get(r->headers_in, "Content-Length");
    char *end;
    apr_int64_t n;

    if (cl == NULL) {
        return 0;
    }
    n = apr_strtoi64(cl, &end, 10);
    return *end || n < 0 || n > AG_FORM_BODY_MAX;
}

/* The body of a sign-in POST, at most AG_FORM_BODY_MAX + 1 bytes (one
 * more tells that it is too long). */
static apr_status_t read_body(request_rec *r, char **body, apr_size_t *len)
{
    int eos;
    apr_status_t rv;

    if (too_long_for_a_form(r)) {
        return APR_ENOSPC;              /* not read at all */
    }
    rv = read_some(r, AG_FORM_BODY_MAX + 1, body, len, &eos);
    if (rv == APR_SUCCESS && *len > AG_FORM_BODY_MAX) {
        return APR_ENOSPC;
    }
    return rv;
}

/* The part of a body read to look at it, handed back to whoever reads
 * the request's body next (the application behind the gate), before what
 * is still on the wire. */
#define KEPT_FILTER "AUTHGATE_KEPT_BODY"

typedef struct {
    const char *data;
    apr_size_t len;
    int eos;                            /* the body ended within data */
} kept_t;

static apr_status_t kept_filter(ap_filter_t *f, apr_bucket_brigade *bb,
                                ap_input_mode_t mode,
                                apr_read_type_e block, apr_off_t readbytes)
{
    kept_t *k = f->ctx;
    apr_size_t n;

    if (k->len == 0) {
        if (k->eos) {
            APR_BRIGADE_INSERT_TAIL(bb, apr_bucket_eos_create(
                                            f->c->bucket_alloc));
            return APR_SUCCESS;
        }
        ap_remove_input_filter(f);
        return ap_get_brigade(f->next, bb, mode, block, readbytes);
    }
    n = k->len;
    if ((mode == AP_MODE_READBYTES || mode == AP_MODE_SPECULATIVE)
        && readbytes > 0 && (apr_uint64_t)readbytes < n) {
        n = (apr_size_t)readbytes;
    }
    else if (mode == AP_MODE_GETLINE) {
        const char *nl = memchr(k->data, '\n', k->len);

        n = nl ? (apr_size_t)(nl - k->data) + 1 : k->len;
    }
    APR_BRIGADE_INSERT_TAIL(bb, apr_bucket_heap_create(k->data, n, NULL,
                                                       f->c->bucket_alloc));
    if (mode != AP_MODE_SPECULATIVE) {
        k->data += n;
        k->len -= n;
        if (k->len == 0 && k->eos) {
            APR_BRIGADE_INSERT_TAIL(bb, apr_bucket_eos_create(
                                            f->c->bucket_alloc));
        }
    }
    return APR_SUCCESS;
}

/* Appends one Cookie field to the list being joined. */
static int join_field(void *rec, const char *key, const char *value)
{
    apr_array_header_t *fields = rec;

    (void)key;
    APR_ARRAY_PUSH(fields, const char *) = value;
    return 1;
}

/* post_read_request and log_transaction: the module's cookies (of every
 * area: the browser sends them to every path of the host) are taken out
 * of the Cookie header, so that neither the application (CGI, a proxied
 * backend, a script reading its headers) nor a log format showing
 * %{Cookie}i ever gets a session.  post_read_request runs first, before
 * mod_setenvif, mod_rewrite, the application or a logger reads the
 * header; log_transaction catches a request httpd refuses as it reads
 * it (a malformed header line, too many or too long fields, no Host, an
 * unknown Expect or Transfer-Encoding), which never reaches
 * post_read_request but is logged with the headers read so far.  The
 * header as sent is kept in the request's state for the module alone
 * (cookies_of).  The fields of a header sent more than once are joined
 * with "; ", as HTTP/2 does (HTTP/1.x fields come joined by httpd with
 * ", ", which ag_session_cookie_strip reads too). */
static int hide_cookies(request_rec *r)
{
    apr_array_header_t *fields;
    const char *sent, *kept;
    authgate_req_t *rq;
    int gone;

    if (r->main || apr_table_get(r->headers_in, "Cookie") == NULL) {
        return DECLINED;
    }
    fields = apr_array_make(r->pool, 2, sizeof(const char *));
    apr_table_do(join_field, fields, r->headers_in, "Cookie", NULL);
    sent = fields->nelts == 1 ? APR_ARRAY_IDX(fields, 0, const char *)
                              : apr_array_pstrcat(r->pool, fields, ';');
    kept = ag_session_cookie_strip(sent, &gone, r->pool);
    if (gone == 0) {
        return DECLINED;
    }
    rq = authgate_req(r);
    if (rq->cookies == NULL) {
        rq->cookies = sent;
    }
    if (kept) {
        apr_table_setn(r->headers_in, "Cookie", kept);
    }
    else {
        apr_table_unset(r->headers_in, "Cookie");
    }
    return DECLINED;
}

/* The Cookie header the browser sent.  Subrequests and internal
 * redirects see the header without the module's cookies (they share or
 * copy the first request's), so the one kept is looked for along the
 * chain of requests that led here. */
static const char *cookies_of(request_rec *r)
{
    for (const request_rec *q = r; q; q = q->main ? q->main : q->prev) {
        const authgate_req_t *rq = ap_get_module_config(q->request_config,
                                                        &authgate_module);

        if (rq && rq->cookies) {
            return rq->cookies;
        }
    }
    return apr_table_get(r->headers_in, "Cookie");
}

void authgate_session_register(apr_pool_t *p)
{
    (void)p;
    ap_register_input_filter(KEPT_FILTER, kept_filter, NULL,
                             AP_FTYPE_RESOURCE);
    ap_hook_post_read_request(hide_cookies, NULL, NULL,
                              APR_HOOK_REALLY_FIRST);
    ap_hook_log_transaction(hide_cookies, NULL, NULL,
                            APR_HOOK_REALLY_FIRST);
}

static int is_form_post(request_rec *r)
{
    const char *type = apr_table_get(r->headers_in, "Content-Type");
    static const char want[] = "application/x-www-form-urlencoded";

    return r->method_number == M_POST && type
           && strncasecmp(type, want, sizeof(want) - 1) == 0
           && (type[sizeof(want) - 1] == '\0'
               || type[sizeof(want) - 1] == ';'
               || type[sizeof(want) - 1] == ' ');
}

/* Where a sign-in leads: the form's return target when it is a local
 * path, else the page posted to when it is one, else "/". */
static const char *target_of(request_rec *r, const char *ret)
{
    const char *own = own_page(r);

    if (ret && ag_form_safe_target(ret)) {
        return ret;
    }
    return ag_form_safe_target(own) ? own : "/";
}

/* The nonce of the pre-session cookie, or 0. */
static int pre_nonce(unsigned char *nonce, request_rec *r, const area_t *a)
{
    const char *header = cookies_of(r);

    for (int i = 0; i < COOKIES_TRIED; i++) {
        const char *v = ag_session_cookie_get(header, a->pre_name, i,
                                              r->pool);

        if (v == NULL) {
            return 0;
        }
        if (ag_session_nonce_decode(nonce, v)) {
            return 1;
        }
    }
    return 0;
}

/* Whether the form's anti-forgery value was made for one of the
 * pre-session cookies the browser sent (a planted one may come first). */
static int csrf_good(request_rec *r, const area_t *a, const char *csrf,
                     apr_int64_t now)
{
    const char *header = cookies_of(r);
    unsigned char nonce[AG_SESSION_NONCE_LEN];

    /* one HMAC each, no lookup: all that fit in the header */
    for (int i = 0; i < COOKIES_TRIED; i++) {
        const char *v = ag_session_cookie_get(header, a->pre_name, i,
                                              r->pool);

        if (v == NULL) {
            return 0;
        }
        if (ag_session_nonce_decode(nonce, v)
            && ag_session_csrf_check(csrf, a->key, nonce, a->area, now)) {
            return 1;
        }
    }
    return 0;
}

/* A form POST of a browser already signed in.  When its body is the
 * sign-in form (a second tab's, sent after the first signed in) it must
 * not go on to the application: it holds the password.  It is answered
 * like a sign-in, with a 303 to where the form leads, and the session
 * stays as it is.  Any other body is handed on whole.  OK to go on. */
static int signed_in_post(request_rec *r)
{
    kept_t *k;
    ag_form_t form;
    char *body;
    apr_size_t len;
    apr_status_t rv;
    int eos;

    if (too_long_for_a_form(r)) {
        return OK;                      /* not read: cannot be the form */
    }
    rv = read_some(r, AG_FORM_BODY_MAX + 1, &body, &len, &eos);
    if (rv != APR_SUCCESS) {
        return ap_map_http_request_error(rv, HTTP_BAD_REQUEST);
    }
    if (len <= AG_FORM_BODY_MAX
        && ag_form_parse(&form, body, len, r->pool) != AG_FORM_NOT_OURS) {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r, AGLOGNO(01404)
                      "a sign-in form of a browser already signed in was "
                      "not handed on: client=%s user=%s", r->useragent_ip,
                      ap_escape_logitem(r->pool, r->user));
        apr_table_setn(r->headers_out, "Location", target_of(r, form.ret));
        apr_table_setn(r->err_headers_out, "Cache-Control", "no-store");
        return HTTP_SEE_OTHER;
    }
    k = apr_pcalloc(r->pool, sizeof(*k));
    k->data = body;
    k->len = len;
    k->eos = eos;
    ap_add_input_filter(KEPT_FILTER, k, r, r->connection);
    return OK;
}

/* A sign-in: the form's body is ours.  Returns DECLINED when it is not
 * (an ordinary POST: the caller answers 401), else 303 or a refusal. */
static int sign_in(request_rec *r, const authgate_dir_conf *conf,
                   const area_t *a, apr_int64_t now, char *body,
                   apr_size_t len)
{
    unsigned char id[AG_SESSION_ID_LEN];
    ag_session_rec_t rec;
    ag_session_t s;
    ag_form_t form;
    ag_cred_t cred;
    const char *why, *hash = NULL, *value, *target;
    apr_status_t rv = APR_SUCCESS;
    int st;

    if (body == NULL) {
        rv = read_body(r, &body, &len);
    }
    if (rv == APR_ENOSPC) {
        return authgate_refuse(r, AG_REASON_MALFORMED_CREDENTIALS, NULL,
                               "a form POST over 8192 bytes was not read "
                               "as a sign-in");
    }
    if (rv != APR_SUCCESS) {
        return authgate_refuse(r, AG_REASON_MALFORMED_CREDENTIALS, NULL,
                               "the body of a form POST could not be read "
                               "(timed out or broken)");
    }
    switch (ag_form_parse(&form, body, len, r->pool)) {
    case AG_FORM_NOT_OURS:
        return DECLINED;
    case AG_FORM_MALFORMED:
        return authgate_refuse(r, AG_REASON_MALFORMED_CREDENTIALS, NULL,
                               form.why);
    case AG_FORM_OK:
        break;
    }
    authgate_req(r)->used = AG_SCHEME_FORM;
    /* from this site's own page, with the form's own value */
    if (!same_origin(r, 0, &why)) {
        return authgate_refuse(r, AG_REASON_CROSS_SITE, form.user,
                               apr_pstrcat(r->pool, "sign-in refused: ",
                                           why, NULL));
    }
    if (!csrf_good(r, a, form.csrf, now)) {
        return authgate_refuse(r, AG_REASON_CROSS_SITE, form.user,
                               "sign-in refused: the anti-forgery value is "
                               "missing, wrong, expired or not this "
                               "browser's");
    }
    if (!store_usable()) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, form.user,
                               "sessions cannot be kept: the shared cache "
                               "or its lock is not available");
    }
    memset(&cred, 0, sizeof(cred));
    cred.scheme = AG_SCHEME_FORM;
    cred.user = form.user;
    cred.password = form.password;
    cred.latin1 = form.latin1;
    st = authgate_authn_password(r, conf, &cred, &hash);
    if (st != OK) {
        return st;
    }
    /* a new session: a new id, never one the client brought */
    memset(&s, 0, sizeof(s));
    memset(&rec, 0, sizeof(rec));
    s.user = form.user;
    s.issued = rec.issued = rec.last_used = now;
    memcpy(s.area, a->area, AG_SESSION_AREA_LEN);
    memcpy(rec.area, a->area, AG_SESSION_AREA_LEN);
    if (!ag_session_random(s.sid, sizeof(s.sid))
        || !ag_session_record_id(id, a->key, s.sid)
        || !ag_session_hash_digest(rec.digest, a->key, s.user, hash)
        || (value = ag_session_encode(&s, a->key, r->pool)) == NULL) {
        r->user = NULL;
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, form.user,
                               "no session could be made (libcrypto)");
    }
    rv = rec_put(r, id, &rec, authgate_conf_session_max(conf));
    if (rv != APR_SUCCESS) {
        r->user = NULL;
        ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, r, AGLOGNO(01401)
                      "cannot store a session in the shared cache %s",
                      authgate_state_name());
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, form.user,
                               "the session could not be stored");
    }
    target = target_of(r, form.ret);
    set_cookie(r, a, a->name, value, authgate_conf_session_max(conf));
    set_cookie(r, a, a->pre_name, "", 0);
    apr_table_setn(r->headers_out, "Location", target);
    apr_table_setn(r->err_headers_out, "Cache-Control", "no-store");
    ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r, AGLOGNO(01402)
                  "signed in: client=%s user=%s", r->useragent_ip,
                  ap_escape_logitem(r->pool, form.user));
    return HTTP_SEE_OTHER;
}

/* The sign-out URL: the session (if any) is forgotten on the server and
 * in the browser; the answer is 401 signed-out, with the challenges of
 * the area (a fresh Basic one in Basic areas, which makes browsers drop
 * the credentials they keep) and, in Form areas, the sign-in form. */
static int sign_out(request_rec *r, const authgate_dir_conf *conf)
{
    const char *why;
    const area_t *a;

    if (!same_origin(r, 1, &why)) {
        return authgate_refuse(r, AG_REASON_CROSS_SITE, NULL,
                               apr_pstrcat(r->pool, "sign-out refused: ",
                                           why, NULL));
    }
    if ((authgate_conf_schemes(conf) & AG_SCHEME_FORM)
        && (a = area_of(r, conf)) != NULL) {
        const char *header = cookies_of(r);
        int found = 0, forgotten = 0;

        for (int i = 0; i < COOKIES_TRIED; i++) {
            const char *v = ag_session_cookie_get(header, a->name, i,
                                                  r->pool);
            ag_session_t s;

            if (v == NULL) {
                break;
            }
            /* whatever its age: a signed cookie of this area goes */
            if (forgotten < SESSIONS_CHECKED
                && ag_session_decode(&s, v, a->key, a->area,
                                     apr_time_sec(apr_time_now()),
                                     APR_INT64_MAX, r->pool)
                   == AG_SESSION_OK) {
                forgotten++;
                forget(r, a, &s);
                ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r, AGLOGNO(01403)
                              "signed out: client=%s user=%s",
                              r->useragent_ip,
                              ap_escape_logitem(r->pool, s.user));
            }
            found = 1;
        }
        if (found) {
            set_cookie(r, a, a->name, "", 0);
        }
    }
    return authgate_refuse(r, AG_REASON_SIGNED_OUT, NULL,
                           "the sign-out URL was asked for");
}

/* A form POST that also brings an Authorization header.  When its body
 * is the sign-in form, the form is what the person sent: it is taken as
 * a sign-in.  Any other body is handed on whole; DECLINED lets the
 * header's credentials be checked. */
static int form_with_authorization(request_rec *r,
                                   const authgate_dir_conf *conf,
                                   apr_int64_t now)
{
    const area_t *a;
    ag_form_t form;
    kept_t *k;
    char *body;
    apr_size_t len;
    apr_status_t rv;
    int eos;

    if (too_long_for_a_form(r)) {
        return DECLINED;                /* not read: cannot be the form */
    }
    rv = read_some(r, AG_FORM_BODY_MAX + 1, &body, &len, &eos);
    if (rv != APR_SUCCESS) {
        return ap_map_http_request_error(rv, HTTP_BAD_REQUEST);
    }
    if (len <= AG_FORM_BODY_MAX
        && ag_form_parse(&form, body, len, r->pool) != AG_FORM_NOT_OURS) {
        if (conf->file[AUTHGATE_FILE_USERS] == NULL
            || (a = area_of(r, conf)) == NULL) {
            return authgate_refuse(r, AG_REASON_SERVER_ERROR, NULL,
                                   "a sign-in form arrived, but the area "
                                   "has no user file or no session key");
        }
        return sign_in(r, conf, a, now, body, len);
    }
    k = apr_pcalloc(r->pool, sizeof(*k));
    k->data = body;
    k->len = len;
    k->eos = eos;
    ap_add_input_filter(KEPT_FILTER, k, r, r->connection);
    return DECLINED;
}

int authgate_session_check_authn(request_rec *r,
                                 const authgate_dir_conf *conf)
{
    unsigned schemes = authgate_conf_schemes(conf);
    apr_int64_t now = apr_time_sec(apr_time_now());
    const area_t *a;
    ag_session_t s;
    ag_session_result_e result;
    int seen, broken, rv;

    if (r->args && strcmp(r->args, AG_SIGNOUT_QUERY) == 0
        && (schemes & (AG_SCHEME_FORM | AG_SCHEME_BASIC))) {
        return sign_out(r, conf);
    }
    /* a cookie counts only where Form is on, and never for a request
     * that brings its own credentials (Bearer, or Basic sent by a
     * script) */
    if (!(schemes & AG_SCHEME_FORM)) {
        return DECLINED;
    }
    if (apr_table_get(r->headers_in, "Authorization")) {
        /* a browser that keeps Basic credentials for the site may still
         * post the form: its body holds a password and must not go on
         * to the application once the header's credentials pass */
        return is_form_post(r) ? form_with_authorization(r, conf, now)
                               : DECLINED;
    }
    if (conf->file[AUTHGATE_FILE_USERS] == NULL) {
        return DECLINED;     /* the password check says what is missing */
    }
    a = area_of(r, conf);
    if (a == NULL) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, NULL,
                               "there is no session key");
    }
    result = find_session(&s, &seen, r, conf, a, now, &broken);
    if (broken) {
        return authgate_refuse(r, AG_REASON_SERVER_ERROR, NULL,
                               "a session cannot be checked: the shared "
                               "cache, its lock or the user file is not "
                               "available");
    }
    if (result == AG_SESSION_OK) {
        const ag_userdb_t *users = NULL;
        const ag_user_t *u;
        ag_reason_e account;

        (void)authgate_files_db((const void **)&users, r, conf,
                                AUTHGATE_FILE_USERS);
        u = users ? ag_userdb_get(users, s.user) : NULL;
        if (u == NULL) {
            return authgate_refuse(r, AG_REASON_SERVER_ERROR, s.user,
                                   "the session's user vanished");
        }
        authgate_req(r)->used = AG_SCHEME_FORM;
        /* the account's UNTIL and STATE, judged on every request */
        account = ag_decide_account(u, now);
        if (account != AG_REASON_NONE) {
            return authgate_refuse_account(
                r, account, s.user, u->until,
                apr_pstrcat(r->pool, "the session is valid, but ",
                            ag_account_describe(account, u, r->pool),
                            NULL));
        }
        r->user = apr_pstrdup(r->pool, s.user);
        authgate_session_allowed(r, conf);
        return is_form_post(r) ? signed_in_post(r) : OK;
    }
    if (is_form_post(r)) {
        rv = sign_in(r, conf, a, now, NULL, 0);
        if (rv != DECLINED) {
            return rv;
        }
    }
    if (seen) {
        /* the browser's cookie no longer counts: it goes */
        set_cookie(r, a, a->name, "", 0);
        return authgate_refuse(r, AG_REASON_NO_CREDENTIALS, NULL,
                               ag_session_describe(result));
    }
    return DECLINED;
}

const char *authgate_session_signout_url(request_rec *r)
{
    const authgate_req_t *rq = authgate_req(r);
    const char *path;

    if (r->user == NULL || rq->used == AG_SCHEME_BEARER
        || rq->used == AG_SCHEME_NONE) {
        return NULL;
    }
    path = ag_url_path(r->unparsed_uri, r->pool);
    return ag_form_safe_target(path)
           ? apr_pstrcat(r->pool, path, "?" AG_SIGNOUT_QUERY, NULL)
           : "/?" AG_SIGNOUT_QUERY;
}

void authgate_session_allowed(request_rec *r, const authgate_dir_conf *conf)
{
    const char *url = authgate_session_signout_url(r);

    (void)conf;
    if (url) {
        apr_table_setn(r->subprocess_env, SIGNOUT_VAR, url);
    }
}

const ag_signin_t *authgate_session_form(request_rec *r,
                                         const authgate_dir_conf *conf,
                                         ag_reason_e reason,
                                         const char *user)
{
    ag_signin_t *f;
    unsigned char nonce[AG_SESSION_NONCE_LEN];
    const char *csrf, *page;
    const area_t *a;
    int status = ag_reason_status(reason);

    if (!(authgate_conf_schemes(conf) & AG_SCHEME_FORM)
        || (status != HTTP_UNAUTHORIZED && reason != AG_REASON_CROSS_SITE)
        || authgate_req(r)->used == AG_SCHEME_BEARER
        || (a = area_of(r, conf)) == NULL) {
        return NULL;
    }
    if (!pre_nonce(nonce, r, a)
        && !ag_session_random(nonce, sizeof(nonce))) {
        return NULL;
    }
    csrf = ag_session_csrf_make(a->key, nonce, a->area,
                                apr_time_sec(apr_time_now()), r->pool);
    if (csrf == NULL) {
        return NULL;
    }
    /* the nonce's cookie lives as long as the form's value is good */
    set_cookie(r, a, a->pre_name, ag_session_nonce_encode(nonce, r->pool),
               AG_SESSION_CSRF_TTL);
    page = own_page(r);
    if (!ag_form_safe_target(page)) {
        page = "/";
    }
    switch (reason) {
    case AG_REASON_INVALID_CREDENTIALS:
    case AG_REASON_ACCOUNT_EXPIRED:
    case AG_REASON_ACCOUNT_DISABLED:
    case AG_REASON_CROSS_SITE:
        break;
    default:
        user = NULL;
        break;
    }
    /* plain text: the page escapes it into the form, in its language */
    f = apr_pcalloc(r->pool, sizeof(*f));
    f->action = page;
    f->csrf = csrf;
    f->ret = page;
    f->user = user;
    return f;
}
