/*
 * ag_page.c - the built-in page and RFC 9457 problem details (README,
 * "Error pages"); the words are in ag_words.c.
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>
#include <apr_tables.h>

#include "ag_escape.h"
#include "ag_page.h"
#include "ag_signin.h"
#include "ag_words_lang.h"

/* One page serves every status: the values say what happened.  Inline
 * CSS only, no script, no external resource; readable without the CSS.
 * The page's own words (between the values) come from the language's
 * table and are escaped into it when it is built; {{lang}} is the
 * language's tag, or a template variant's (README, "Languages"). */
static const char page_head[] =
"<!DOCTYPE html>\n"
"<html lang=\"{{lang}}\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<meta name=\"robots\" content=\"noindex\">\n"
"<title>{{title}} ({{status}})</title>\n"
"<style>\n"
"*{box-sizing:border-box}\n"
"html{-webkit-text-size-adjust:100%}\n"
"body{margin:0;background:#f3f4f6;color:#1f2328;"
"font:1rem/1.6 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Helvetica Neue\",Arial,sans-serif}\n"
".wrap{max-width:40rem;margin:0 auto;padding-left:1.25rem;"
"padding-right:1.25rem}\n"
"header{padding-top:3rem;padding-bottom:1rem;color:#374151;"
"font-weight:600}\n"
"header p{margin:0;display:flex;align-items:center;gap:.5rem}\n"
"header svg{flex:none}\n"
".card{background:#fff;border:1px solid #d0d7de;border-radius:12px;"
"padding:2rem 1.75rem;box-shadow:0 1px 3px rgba(0,0,0,.06)}\n"
".status{display:inline-block;margin:0 0 1rem;padding:.2rem .7rem;"
"border-radius:999px;background:#eef2ff;color:#3730a3;font-size:.875rem;"
"font-weight:600}\n"
"h1{margin:0 0 .75rem;font-size:1.65rem;line-height:1.25}\n"
"p{margin:0 0 1rem}\n"
".who{color:#4b5563}\n"
".actions{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem;"
"margin-top:1.5rem}\n"
".actions:empty{display:none}\n"
".button{display:inline-block;padding:.7rem 1.3rem;border-radius:8px;"
"background:#1d4ed8;color:#fff;font-weight:600;text-decoration:none}\n"
".button:hover{background:#1e40af}\n"
".help{color:#1d4ed8;font-weight:600}\n"
"a:focus-visible{outline:3px solid #b45309;outline-offset:3px}\n"
".signin{margin-top:1.5rem}\n"
".signin label{display:block;font-weight:600;margin-bottom:.25rem}\n"
".signin input{width:100%;padding:.6rem .7rem;border:1px solid #6b7280;"
"border-radius:8px;font:inherit;color:inherit;background:#fff}\n"
".signin button{border:0;cursor:pointer;font:inherit;font-weight:600}\n"
".signin input:focus-visible,.signin button:focus-visible{"
"outline:3px solid #b45309;outline-offset:2px}\n"
"footer{padding-top:1.25rem;padding-bottom:2rem;color:#4b5563;"
"font-size:.875rem}\n"
"footer p{margin:0 0 .25rem}\n"
"code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
"word-break:break-all}\n"
"@media (max-width:30rem){header{padding-top:1.5rem}"
".card{padding:1.5rem 1.1rem}h1{font-size:1.4rem}}\n"
"</style>\n"
"</head>\n"
"<body>\n"
"<header class=\"wrap\"><p><svg width=\"20\" height=\"20\" "
"viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">"
"<path fill=\"#1d4ed8\" d=\"M12 1a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v10a2 "
"2 0 0 0 2 2h12a2 2 0 0 0 2-2V11a2 2 0 0 0-2-2h-1V6a5 5 0 0 0-5-5zm-3 "
"5a3 3 0 0 1 6 0v3H9V6zm3 8a2 2 0 0 1 1 3.7V20h-2v-2.3A2 2 0 0 1 12 "
"14z\"/></svg>{{server_name}}</p></header>\n"
"<main class=\"wrap\">\n"
"<div class=\"card\">\n";

/* The built-in page of one language, from the skeleton and its words. */
static const char *builtin_html(const ag_lang_words_t *w, apr_pool_t *p)
{
    return apr_pstrcat(p, page_head,
        "<p class=\"status\">", ag_escape_html(w->error, p),
        " {{status}}", ag_escape_html(w->colon, p), " {{status_text}}</p>\n"
        "<h1>{{title}}</h1>\n"
        "<p>{{message}}</p>\n"
        "{{#user}}<p class=\"who\">", ag_escape_html(w->user_name, p),
        " <strong>{{user}}</strong></p>\n{{/user}}"
        "{{#required_roles}}<p>", ag_escape_html(w->roles_pre, p),
        " <strong>{{required_roles}}</strong>",
        ag_escape_html(w->roles_post, p), "</p>\n{{/required_roles}}"
        "{{#hint}}<p>{{hint}}</p>\n{{/hint}}"
        "{{signin_form}}"
        /* the actions: ag_page_words() sees to it that there is at least
         * one; href="" reloads the page, which makes a browser ask for a
         * password again in a Basic area */
        "<div class=\"actions\">"
        "{{#signout_url}}<a class=\"button\" href=\"{{signout_url}}\">"
        "{{signout_label}}</a>{{/signout_url}}"
        "{{#login_label}}<a class=\"button\" href=\"{{login_url}}\">"
        "{{login_label}}</a>{{/login_label}}"
        "{{#retry_label}}<a class=\"button\" href=\"\">{{retry_label}}</a>"
        "{{/retry_label}}"
        "{{#support_url}}<a class=\"help\" href=\"{{support_url}}\">",
        ag_escape_html(w->get_help, p), "</a>{{/support_url}}"
        "{{#home_url}}<a class=\"help\" href=\"{{home_url}}\">",
        ag_escape_html(w->home, p), "</a>{{/home_url}}"
        "</div>\n"
        "</div>\n"
        "</main>\n"
        "<footer class=\"wrap\">\n"
        "{{#request_id}}<p>", ag_escape_html(w->reference_pre, p),
        " <code>{{request_id}}</code>", ag_escape_html(w->reference_post, p),
        "</p>\n{{/request_id}}"
        "<p>{{#realm}}{{realm}}", ag_escape_html(w->colon, p),
        " {{/realm}}{{method}} {{uri}}</p>\n"
        "</footer>\n"
        "</body>\n"
        "</html>\n", NULL);
}

/* One page per language of ag_words_langs(), in its order. */
#define MAX_LANGS 8
static ag_template_t *builtin[MAX_LANGS];

static apr_status_t forget_builtin(void *data)
{
    (void)data;
    memset(builtin, 0, sizeof(builtin));
    return APR_SUCCESS;
}

apr_status_t ag_page_init(apr_pool_t *pool)
{
    ag_parse_error_t err;
    apr_status_t rv = APR_SUCCESS;
    ag_template_t *t[MAX_LANGS] = { 0 };
    int n;
    const char *const *tags = ag_words_langs(&n);

    if (builtin[0]) {
        return APR_SUCCESS;
    }
    for (int i = 0; i < n && i < MAX_LANGS && rv == APR_SUCCESS; i++) {
        const char *html = builtin_html(ag_words_for(tags[i]), pool);

        rv = ag_template_compile(&t[i], &err, html, strlen(html), pool);
    }
    if (rv == APR_SUCCESS) {
        memcpy(builtin, t, sizeof(builtin));
        /* httpd clears its configuration pool on every restart */
        apr_pool_cleanup_register(pool, NULL, forget_builtin,
                                  apr_pool_cleanup_null);
    }
    return rv;
}

const ag_template_t *ag_page_builtin(const char *lang)
{
    const char *tag = ag_words_known(lang);
    int n;
    const char *const *tags = ag_words_langs(&n);

    for (int i = 1; i < n && i < MAX_LANGS; i++) {
        if (strcmp(tag, tags[i]) == 0) {
            return builtin[i];
        }
    }
    return builtin[0];
}

/* Non-zero when s is a JSON number without sign, fraction or exponent:
 * "0", or digits that do not start with 0 (RFC 8259 section 6). */
static int json_integer(const char *s)
{
    if (s[0] == '0') {
        return s[1] == '\0';
    }
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') {
            return 0;
        }
    }
    return s[0] != '\0';
}

static void member(apr_array_header_t *parts, const char *name,
                   const char *value, int quoted, apr_pool_t *pool)
{
    if (value == NULL || *value == '\0') {
        return;
    }
    /* a number must be a JSON number ("007" is not), or it is sent as a
     * string */
    quoted = quoted || !json_integer(value);
    APR_ARRAY_PUSH(parts, const char *) =
        apr_psprintf(pool, "%s\"%s\":%s%s%s", parts->nelts ? "," : "", name,
                     quoted ? "\"" : "",
                     quoted ? ag_escape_json(value, pool) : value,
                     quoted ? "\"" : "");
}

char *ag_page_problem_json(const char *const *v, apr_size_t *len,
                           apr_pool_t *pool)
{
    apr_array_header_t *parts = apr_array_make(pool, 12, sizeof(char *));
    const char *detail = v[AG_TV_HINT] && *v[AG_TV_HINT]
        ? apr_pstrcat(pool, v[AG_TV_MESSAGE], " ", v[AG_TV_HINT], NULL)
        : v[AG_TV_MESSAGE];
    char *out;

    member(parts, "type", apr_pstrcat(pool, "tag:authgate,2026:reason:",
                                      v[AG_TV_REASON], NULL), 1, pool);
    member(parts, "title", v[AG_TV_TITLE], 1, pool);
    member(parts, "status", v[AG_TV_STATUS], 0, pool);
    member(parts, "detail", detail, 1, pool);
    member(parts, "reason", v[AG_TV_REASON], 1, pool);
    member(parts, "instance", v[AG_TV_URI], 1, pool);
    member(parts, "user", v[AG_TV_USER], 1, pool);
    member(parts, "realm", v[AG_TV_REALM], 1, pool);
    member(parts, "login_url", v[AG_TV_LOGIN_URL], 1, pool);
    member(parts, "support_url", v[AG_TV_SUPPORT_URL], 1, pool);
    member(parts, "request_id", v[AG_TV_REQUEST_ID], 1, pool);
    member(parts, "required_roles", v[AG_TV_REQUIRED_ROLES], 1, pool);
    member(parts, "retry_after", v[AG_TV_RETRY_AFTER], 0, pool);
    member(parts, "until", v[AG_TV_UNTIL], 1, pool);
    out = apr_pstrcat(pool, "{", apr_array_pstrcat(pool, parts, '\0'),
                      "}\n", NULL);
    if (len) {
        *len = strlen(out);
    }
    return out;
}
