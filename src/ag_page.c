/*
 * ag_page.c - the words and the built-in page (README, "Error pages").
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>
#include <apr_tables.h>

#include "ag_escape.h"
#include "ag_page.h"
#include "ag_signin.h"

/* One page serves every status: the values say what happened.  Inline
 * CSS only, no script, no external resource; readable without the CSS. */
static const char builtin_html[] =
"<!DOCTYPE html>\n"
"<html lang=\"en\">\n"
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
"<div class=\"card\">\n"
"<p class=\"status\">Error {{status}}: {{status_text}}</p>\n"
"<h1>{{title}}</h1>\n"
"<p>{{message}}</p>\n"
"{{#user}}<p class=\"who\">User name: <strong>{{user}}</strong></p>\n"
"{{/user}}"
"{{#required_roles}}<p>This page is open to these roles: "
"<strong>{{required_roles}}</strong>.</p>\n{{/required_roles}}"
"{{#hint}}<p>{{hint}}</p>\n{{/hint}}"
"{{signin_form}}"
"<div class=\"actions\">"
"{{#signout_url}}<a class=\"button\" href=\"{{signout_url}}\">"
"{{signout_label}}</a>{{/signout_url}}"
"{{#login_url}}<a class=\"button\" href=\"{{login_url}}\">Sign in</a>"
"{{/login_url}}"
"{{#support_url}}<a class=\"help\" href=\"{{support_url}}\">Get help</a>"
"{{/support_url}}"
"</div>\n"
"</div>\n"
"</main>\n"
"<footer class=\"wrap\">\n"
"{{#request_id}}<p>Reference: <code>{{request_id}}</code>. Mention it "
"if you ask for help.</p>\n{{/request_id}}"
"<p>{{#realm}}{{realm}}: {{/realm}}{{method}} {{uri}}</p>\n"
"</footer>\n"
"</body>\n"
"</html>\n";

static ag_template_t *builtin;

static apr_status_t forget_builtin(void *data)
{
    (void)data;
    builtin = NULL;
    return APR_SUCCESS;
}

apr_status_t ag_page_init(apr_pool_t *pool)
{
    ag_parse_error_t err;
    apr_status_t rv;

    if (builtin) {
        return APR_SUCCESS;
    }
    rv = ag_template_compile(&builtin, &err, builtin_html,
                             sizeof(builtin_html) - 1, pool);
    if (rv == APR_SUCCESS) {
        /* httpd clears its configuration pool on every restart */
        apr_pool_cleanup_register(pool, NULL, forget_builtin,
                                  apr_pool_cleanup_null);
    }
    return rv;
}

const ag_template_t *ag_page_builtin(void)
{
    return builtin;
}

static const char *status_text(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return "Internal Server Error";
    }
}

/* What each reason says: a headline, what happened, and what to do next
 * in an area that accepts Basic (the browser can ask again) and in one
 * that does not.  NULL hints are computed. */
static const struct {
    const char *title, *message, *hint_basic, *hint_other;
} words[] = {
    [AG_REASON_NO_CREDENTIALS] = {
        "You need to sign in",
        "This page is only open to people who sign in.",
        "Reload the page and your browser will ask for your user name and "
        "password.",
        "Sign in again to get a new access token." },
    [AG_REASON_UNSUPPORTED_SCHEME] = {
        "You need to sign in",
        "Your browser or app tried to sign in in a way this page does not "
        "accept.",
        "Reload the page and your browser will ask for your user name and "
        "password.",
        "Sign in again to get a new access token." },
    [AG_REASON_MALFORMED_CREDENTIALS] = {
        "Your sign-in could not be read",
        "Your browser or app sent sign-in details that were damaged or too "
        "long.",
        "Try again. If it keeps happening, remove the password saved for "
        "this site in your browser and sign in anew.",
        "Try again. If it keeps happening, sign in anew." },
    [AG_REASON_INVALID_CREDENTIALS] = {
        "Your sign-in was not accepted",
        "The user name or the password is not right.",
        "Check both (passwords are case-sensitive) and try again: reload the "
        "page and your browser will ask once more.",
        "Check them and try again." },
    [AG_REASON_TOKEN_INVALID] = {
        "Your access token was not accepted",
        "The access token is not one this site knows, or it was copied "
        "incompletely.",
        "Check that the whole token was sent, or ask whoever issued it "
        "for a new one.",
        "Check that the whole token was sent, or ask whoever issued it "
        "for a new one." },
    [AG_REASON_TOKEN_EXPIRED] = {
        "Your access token has expired",
        "The access token was valid once, but its time is up.",
        "Ask whoever issued the token for a new one.",
        "Ask whoever issued the token for a new one." },
    [AG_REASON_TOKEN_REVOKED] = {
        "Your access token was withdrawn",
        "The access token has been revoked and no longer works.",
        "Ask whoever issued the token for a new one.",
        "Ask whoever issued the token for a new one." },
    [AG_REASON_LOCKED_OUT] = {
        "Too many attempts",
        "Sign-in for this account from your network is paused after too "
        "many failed attempts.",
        NULL, NULL },
    [AG_REASON_INSUFFICIENT_ROLE] = {
        "Your account does not have access to this page",
        "You are signed in, but this page is for people with a role your "
        "account does not have.",
        "If you think you should have access, ask the people who run this "
        "site to give it to your account.",
        "If you think you should have access, ask the people who run this "
        "site to give it to your account." },
    /* Told only to a client that proved the password or token secret:
     * the sign-in is right, the account is not usable. */
    [AG_REASON_ACCOUNT_EXPIRED] = {
        "Your access has expired",
        NULL,                            /* with the day: expired_message */
        "If you still need access, ask the people who run this site to "
        "extend your account. To use another account, reload the page and "
        "sign in with it.",
        "If you still need access, ask the people who run this site to "
        "extend the account; its access tokens work again once they "
        "have." },
    [AG_REASON_ACCOUNT_DISABLED] = {
        "Your account is disabled",
        "Your sign-in details are right, but this account has been "
        "switched off and cannot be used at the moment.",
        "If you think this is a mistake, ask the people who run this site "
        "to enable it again. To use another account, reload the page and "
        "sign in with it.",
        "If you think this is a mistake, ask the people who run this site "
        "to enable the account again; its access tokens work again once "
        "they have." },
    [AG_REASON_BUSY] = {
        "Too many sign-ins at once",
        "The site is checking a lot of passwords right now and could not "
        "check yours in time. Nothing is wrong with your account.",
        "Wait a second and reload the page.",
        "Wait a second and try again." },
    [AG_REASON_SERVER_ERROR] = {
        "Something went wrong on our side",
        "The site could not check your access just now. This is not a "
        "problem with your account.",
        "Please try again in a few minutes. If it keeps happening, tell the "
        "people who run this site.",
        "Please try again in a few minutes. If it keeps happening, tell the "
        "people who run this site." },
};

static const char *minutes(const char *seconds, apr_pool_t *pool)
{
    apr_int64_t s = seconds && *seconds ? apr_atoi64(seconds) : 0;
    /* whole minutes, rounded up, without overflow near APR_INT64_MAX */
    apr_int64_t m = s > 0 ? s / 60 + (s % 60 != 0) : 0;

    if (m <= 1) {
        return "Try again in a minute.";
    }
    return apr_psprintf(pool, "Try again in %" APR_INT64_T_FMT " minutes.",
                        m);
}

/* "YYYY-MM-DD" as "30 June 2027"; NULL when day is not in that form. */
static const char *day_words(const char *day, apr_pool_t *pool)
{
    static const char *const months[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    };
    int m, d;

    if (day == NULL || strlen(day) != 10 || day[4] != '-' || day[7] != '-'
        || !apr_isdigit(day[0]) || !apr_isdigit(day[1])
        || !apr_isdigit(day[2]) || !apr_isdigit(day[3])
        || !apr_isdigit(day[5]) || !apr_isdigit(day[6])
        || !apr_isdigit(day[8]) || !apr_isdigit(day[9])) {
        return NULL;
    }
    m = (day[5] - '0') * 10 + (day[6] - '0');
    d = (day[8] - '0') * 10 + (day[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31) {
        return NULL;
    }
    return apr_psprintf(pool, "%d %s %.4s", d, months[m - 1], day);
}

static const char *expired_message(const char *until, apr_pool_t *pool)
{
    const char *day = day_words(until, pool);

    return apr_pstrcat(pool, "Your access expired",
                       day ? " on " : "", day ? day : "",
                       day ? " (the last day it was valid, UTC)" : "",
                       ". Your sign-in details are right, but the account "
                       "can no longer be used.", NULL);
}

void ag_page_words(const char **v, ag_reason_e reason, int basic,
                   apr_pool_t *pool)
{
    /* signed-out and cross-site: the words of ag_signin.c */
    if (ag_signin_words(v, reason, 0, pool)) {
        return;
    }
    if ((unsigned)reason >= sizeof(words) / sizeof(words[0])
        || words[reason].title == NULL) {
        reason = AG_REASON_SERVER_ERROR;     /* fail closed, and say so */
    }
    v[AG_TV_TITLE] = words[reason].title;
    v[AG_TV_MESSAGE] = words[reason].message;
    v[AG_TV_HINT] = basic ? words[reason].hint_basic
                          : words[reason].hint_other;
    if (reason == AG_REASON_LOCKED_OUT) {
        v[AG_TV_HINT] = minutes(v[AG_TV_RETRY_AFTER], pool);
    }
    if (reason == AG_REASON_ACCOUNT_EXPIRED) {
        v[AG_TV_MESSAGE] = expired_message(v[AG_TV_UNTIL], pool);
    }
    v[AG_TV_STATUS_TEXT] = status_text(ag_reason_status(reason));
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
