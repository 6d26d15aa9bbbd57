/*
 * ag_words.c - what a refused client is told (README, "Error pages"): for
 * each reason, a headline, what happened and what to do next, in words
 * that fit the client (a person at a browser or an app) and the area
 * (passwords, access tokens or both), and the actions the built-in page
 * offers.
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_page.h"
#include "ag_signin.h"

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

/* Whom a page speaks to: a person at a browser or an app, in an area that
 * takes passwords or access tokens.  An app in an area that takes both,
 * and that sent neither, is told about both. */
typedef enum {
    TO_PERSON,            /* a browser; passwords (Basic) */
    TO_PERSON_TOKEN,      /* a browser in an area that takes tokens only */
    TO_APP,               /* an app; passwords */
    TO_APP_TOKEN,         /* an app; tokens */
    TO_APP_EITHER,        /* an app; passwords or tokens */
    TO_KINDS
} audience_e;

typedef struct {
    const char *title, *message, *hint;
} says_t;

/* What each reason says to each audience: a headline, what happened, and
 * what to do next.  A NULL field is the TO_PERSON one; the unit tests
 * check that no app is told to reload a page and that no area speaks of
 * a scheme it does not take.  hint_login replaces TO_PERSON's hint when
 * the area has a sign-in page (AuthGateLoginURL) to offer instead of the
 * browser's dialog. */
static const struct {
    says_t to[TO_KINDS];
    const char *hint_login;
} words[] = {
    [AG_REASON_NO_CREDENTIALS] = { {
        [TO_PERSON] = {
            "You need to sign in",
            "This page is only open to people who sign in.",
            "Reload the page and your browser will ask for your user name "
            "and password." },
        [TO_PERSON_TOKEN] = {
            "You need an access token",
            "This page is only open to apps and scripts that present an "
            "access token.",
            "If you need access, ask the people who run this site for an "
            "access token." },
        [TO_APP] = {
            NULL,
            "This resource is only open to clients that sign in.",
            "Send a user name and password with the request, using HTTP "
            "Basic authentication." },
        [TO_APP_TOKEN] = {
            "You need an access token",
            "This resource is only open to clients that present an access "
            "token.",
            "Send an access token with the request, in an Authorization: "
            "Bearer header." },
        [TO_APP_EITHER] = {
            NULL,
            "This resource is only open to clients that sign in.",
            "Send a user name and password (HTTP Basic authentication) or "
            "an access token (an Authorization: Bearer header) with the "
            "request." } },
        "Sign in to continue." },
    [AG_REASON_UNSUPPORTED_SCHEME] = { {
        [TO_PERSON] = {
            "You need to sign in",
            "Your browser or app tried to sign in by a method this page "
            "does not accept.",
            "Reload the page and your browser will ask for your user name "
            "and password." },
        [TO_PERSON_TOKEN] = {
            "You need an access token",
            "Your browser or app tried to sign in by a method this page "
            "does not accept: it takes access tokens only.",
            "If you need access, ask the people who run this site for an "
            "access token." },
        [TO_APP] = {
            NULL,
            "The request used an authentication scheme that this resource "
            "does not accept.",
            "Send a user name and password with HTTP Basic authentication "
            "instead." },
        [TO_APP_TOKEN] = {
            "You need an access token",
            "The request used an authentication scheme that this resource "
            "does not accept.",
            "Send an access token in an Authorization: Bearer header "
            "instead." },
        [TO_APP_EITHER] = {
            NULL,
            "The request used an authentication scheme that this resource "
            "does not accept.",
            "Use HTTP Basic authentication (a user name and password) or "
            "an Authorization: Bearer header (an access token) instead." } },
        "Sign in to continue." },
    [AG_REASON_MALFORMED_CREDENTIALS] = { {
        [TO_PERSON] = {
            "Your sign-in could not be read",
            "Your browser or app sent sign-in details that were damaged or "
            "too long.",
            "Try again. If it keeps happening, remove the password your "
            "browser saved for this site and sign in once more." },
        [TO_PERSON_TOKEN] = {
            NULL,
            "Your browser or app sent an access token that was damaged or "
            "too long.",
            "Check that the whole token was sent. If it keeps happening, "
            "ask the people who run this site." },
        [TO_APP] = {
            NULL,
            "The Authorization header of the request could not be read: "
            "it is malformed or too long.",
            "Send the user name and password as HTTP Basic authentication "
            "requires: the Base64 encoding of NAME:PASSWORD." },
        [TO_APP_TOKEN] = {
            NULL,
            "The Authorization header of the request could not be read: "
            "it is malformed or too long.",
            "Send the access token as Authorization: Bearer ID.SECRET, "
            "with nothing else in the header." },
        [TO_APP_EITHER] = {
            NULL,
            "The Authorization header of the request could not be read: "
            "it is malformed or too long.",
            "Send a user name and password as HTTP Basic authentication "
            "requires, or an access token as Authorization: Bearer "
            "ID.SECRET." } },
        "Try again. If it keeps happening, remove the password your "
        "browser saved for this site and sign in once more." },
    [AG_REASON_INVALID_CREDENTIALS] = { {
        [TO_PERSON] = {
            "Your sign-in was not accepted",
            "The user name or the password is not right.",
            "Check both (passwords are case-sensitive), then reload the "
            "page and your browser will ask again." },
        /* a token-only area refuses Basic as unsupported-scheme, so the
         * two token audiences never see this; their words stay true */
        [TO_PERSON_TOKEN] = {
            NULL,
            "The sign-in details were not accepted.",
            "This page takes access tokens only. If you need one, ask the "
            "people who run this site." },
        [TO_APP] = {
            NULL,
            "The user name or the password is not right.",
            "Check both (passwords are case-sensitive), then send the "
            "request again." },
        [TO_APP_TOKEN] = {
            NULL,
            "The sign-in details were not accepted.",
            "Check the access token, then send the request again." },
        [TO_APP_EITHER] = {
            NULL,
            "The user name or the password is not right.",
            "Check both (passwords are case-sensitive), then send the "
            "request again." } },
        "Check both (passwords are case-sensitive) and sign in again." },
    [AG_REASON_TOKEN_INVALID] = { {
        [TO_PERSON] = {
            "Your access token was not accepted",
            "This site does not know the access token, or part of it is "
            "missing.",
            "Check that the whole token was sent, or ask whoever issued "
            "it for a new one." } },
        NULL },
    [AG_REASON_TOKEN_EXPIRED] = { {
        [TO_PERSON] = {
            "Your access token has expired",
            "The access token was valid, but its time is up.",
            "Ask whoever issued the token for a new one." } },
        NULL },
    [AG_REASON_TOKEN_REVOKED] = { {
        [TO_PERSON] = {
            "Your access token was withdrawn",
            "The access token has been revoked and no longer works.",
            "Ask whoever issued the token for a new one." } },
        NULL },
    [AG_REASON_LOCKED_OUT] = { {
        /* the hint is the time to wait, computed */
        [TO_PERSON] = {
            "Too many attempts",
            "Sign-in for this account from your network is paused after "
            "too many failed attempts.",
            NULL },
        [TO_PERSON_TOKEN] = {
            NULL,
            "Access from your network is paused after too many failed "
            "attempts.",
            NULL },
        [TO_APP_TOKEN] = {
            NULL,
            "Access from your network is paused after too many failed "
            "attempts.",
            NULL } },
        NULL },
    [AG_REASON_INSUFFICIENT_ROLE] = { {
        [TO_PERSON] = {
            "Your account does not have access to this page",
            "You are signed in, but this page is for people with a role "
            "your account does not have.",
            "If you think you should have access, ask the people who run "
            "this site to give it to your account." },
        [TO_PERSON_TOKEN] = {
            NULL,
            "Your access token is valid, but it does not carry a role this "
            "page needs.",
            "If you think you should have access, ask the people who run "
            "this site for a token with the role this page needs." },
        [TO_APP] = {
            "The account does not have access",
            "The user name and password are right, but the account does "
            "not have a role this resource needs.",
            "If the account should have access, ask the people who run "
            "this site to give it the role." },
        [TO_APP_TOKEN] = {
            "The access token does not have access",
            "The access token is valid, but it does not carry a role this "
            "resource needs.",
            "Use a token with a role this resource needs, or ask the people "
            "who run this site for one." },
        [TO_APP_EITHER] = {
            "The account does not have access",
            "The credentials are right, but they do not carry a role this "
            "resource needs.",
            "If the account should have access, ask the people who run "
            "this site to give it the role." } },
        NULL },
    [AG_REASON_NOT_ALLOWED] = { {
        /* names no rule: which one refused is the site's business */
        [TO_PERSON] = {
            "Access to this page is not allowed",
            "This site's access rules do not allow you to open this page.",
            "If you think you should have access, ask the people who run "
            "this site." },
        [TO_APP] = {
            "Access is not allowed",
            "This site's access rules do not allow this request.",
            "If this client should have access, ask the people who run "
            "this site." },
        [TO_APP_TOKEN] = {
            "Access is not allowed",
            "This site's access rules do not allow this request.",
            "If this client should have access, ask the people who run "
            "this site." },
        [TO_APP_EITHER] = {
            "Access is not allowed",
            "This site's access rules do not allow this request.",
            "If this client should have access, ask the people who run "
            "this site." } },
        NULL },
    [AG_REASON_BUSY] = { {
        [TO_PERSON] = {
            "Too many sign-ins at once",
            "The site is checking a lot of passwords right now and could "
            "not check yours in time. Nothing is wrong with your account.",
            "Wait a second and reload the page." },
        /* only password checks are bounded; the token audiences get
         * words that stay true all the same */
        [TO_PERSON_TOKEN] = {
            NULL,
            "The site is too busy to check sign-ins right now. Nothing is "
            "wrong with your access.",
            "Wait a second and reload the page." },
        [TO_APP] = {
            NULL,
            "The site is checking a lot of passwords right now and could "
            "not check this one in time. Nothing is wrong with the "
            "account.",
            "Wait a second (see Retry-After) and send the request again." },
        [TO_APP_TOKEN] = {
            NULL,
            "The site is too busy to check sign-ins right now. Nothing is "
            "wrong with the access token.",
            "Wait a second (see Retry-After) and send the request again." },
        [TO_APP_EITHER] = {
            NULL,
            "The site is too busy to check sign-ins right now. Nothing is "
            "wrong with the credentials.",
            "Wait a second (see Retry-After) and send the request again." } },
        NULL },
    [AG_REASON_SERVER_ERROR] = { {
        [TO_PERSON] = {
            "Something went wrong on our side",
            "The site could not check your access just now. This is not a "
            "problem with your account.",
            "Please try again in a few minutes. If it keeps happening, "
            "tell the people who run this site." },
        [TO_APP] = {
            NULL,
            "The site could not check access just now. This is not a "
            "problem with the credentials.",
            "Send the request again in a few minutes. If it keeps failing, "
            "tell the people who run this site." },
        [TO_APP_TOKEN] = {
            NULL,
            "The site could not check access just now. This is not a "
            "problem with the credentials.",
            "Send the request again in a few minutes. If it keeps failing, "
            "tell the people who run this site." },
        [TO_APP_EITHER] = {
            NULL,
            "The site could not check access just now. This is not a "
            "problem with the credentials.",
            "Send the request again in a few minutes. If it keeps failing, "
            "tell the people who run this site." } },
        NULL },
    /* told only to a client that proved the password or token secret */
    [AG_REASON_ACCOUNT_EXPIRED] = { {
        [TO_PERSON] = {
            "Your access has expired",
            "Your user name and password are right, but this account is "
            "past its last day of access.",
            "If you still need access, ask the people who run this site "
            "to extend your account. To use another account, reload the "
            "page and sign in with it." },
        [TO_PERSON_TOKEN] = {
            NULL,
            "The access token is right, but the account it belongs to is "
            "past its last day of access.",
            "If you still need access, ask the people who run this site "
            "to extend the account; its tokens work again once they "
            "have." },
        [TO_APP] = {
            "The account has expired",
            "The user name and password are right, but the account is "
            "past its last day of access.",
            "If the account still needs access, ask the people who run "
            "this site to extend it." },
        [TO_APP_TOKEN] = {
            "The account has expired",
            "The access token is right, but the account it belongs to is "
            "past its last day of access.",
            "If the account still needs access, ask the people who run "
            "this site to extend it; its tokens work again once they "
            "have." },
        [TO_APP_EITHER] = {
            "The account has expired",
            "The credentials are right, but the account is past its last "
            "day of access.",
            "If the account still needs access, ask the people who run "
            "this site to extend it." } },
        "If you still need access, ask the people who run this site to "
        "extend your account. To use another account, sign in with it." },
    [AG_REASON_ACCOUNT_DISABLED] = { {
        [TO_PERSON] = {
            "Your account is disabled",
            "Your user name and password are right, but this account has "
            "been switched off.",
            "If you think this is a mistake, ask the people who run this "
            "site to enable it again. To use another account, reload the "
            "page and sign in with it." },
        [TO_PERSON_TOKEN] = {
            NULL,
            "The access token is right, but the account it belongs to has "
            "been switched off.",
            "If you think this is a mistake, ask the people who run this "
            "site to enable the account again; its tokens work again once "
            "they have." },
        [TO_APP] = {
            "The account is disabled",
            "The user name and password are right, but the account has "
            "been switched off.",
            "If this is a mistake, ask the people who run this site to "
            "enable the account again." },
        [TO_APP_TOKEN] = {
            "The account is disabled",
            "The access token is right, but the account it belongs to has "
            "been switched off.",
            "If this is a mistake, ask the people who run this site to "
            "enable the account again; its tokens work again once they "
            "have." },
        [TO_APP_EITHER] = {
            "The account is disabled",
            "The credentials are right, but the account has been switched "
            "off.",
            "If this is a mistake, ask the people who run this site to "
            "enable the account again." } },
        "If you think this is a mistake, ask the people who run this site "
        "to enable it again. To use another account, sign in with it." },
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

/* account-expired, with the account's last day when it is known: a
 * person in a password area reads "Your access expired on 30 June 2027
 * (...)"; everyone else gets the table's words and the day after them. */
static const char *expired_message(const char *until, int person,
                                   const char *message, apr_pool_t *pool)
{
    const char *day = day_words(until, pool);

    if (person) {
        return apr_pstrcat(pool, "Your access expired",
                           day ? " on " : "", day ? day : "",
                           day ? " (the last day it was valid, UTC)" : "",
                           ". Your sign-in details are right, but the "
                           "account can no longer be used.", NULL);
    }
    return day ? apr_pstrcat(pool, message, " Its last day of access was ",
                             day, " (UTC).", NULL)
               : message;
}

static audience_e audience(const ag_page_case_t *c)
{
    unsigned schemes = c && c->schemes ? c->schemes : AG_SCHEME_BASIC;
    int tokens;

    if (!(schemes & AG_SCHEME_BEARER)) {
        tokens = 0;
    }
    else if (!(schemes & AG_SCHEME_BASIC)) {
        tokens = 1;
    }
    else if (c->used == AG_SCHEME_BEARER || c->used == AG_SCHEME_BASIC) {
        tokens = c->used == AG_SCHEME_BEARER;
    }
    else {
        /* both, and the client sent neither: a browser's dialog asks for
         * a password; an app is told about both */
        return c->app ? TO_APP_EITHER : TO_PERSON;
    }
    if (c && c->app) {
        return tokens ? TO_APP_TOKEN : TO_APP;
    }
    return tokens ? TO_PERSON_TOKEN : TO_PERSON;
}

static int set(const char *s)
{
    return s && *s;
}

/* The label of the button to AuthGateLoginURL: what signing in means in
 * this case, or NULL where it is not the way forward (a lockout, an
 * overload, a fault; a rule that no sign-in can meet). */
static const char *login_label(ag_reason_e reason, const char *user)
{
    switch (reason) {
    case AG_REASON_NO_CREDENTIALS:
    case AG_REASON_UNSUPPORTED_SCHEME:
    case AG_REASON_TOKEN_INVALID:
    case AG_REASON_TOKEN_EXPIRED:
    case AG_REASON_TOKEN_REVOKED:
        return "Sign in";
    case AG_REASON_MALFORMED_CREDENTIALS:
    case AG_REASON_INVALID_CREDENTIALS:
        return "Sign in again";
    case AG_REASON_ACCOUNT_EXPIRED:
    case AG_REASON_ACCOUNT_DISABLED:
    case AG_REASON_INSUFFICIENT_ROLE:
        return "Sign in as someone else";
    case AG_REASON_NOT_ALLOWED:
        /* refused before anyone signed in: signing in cannot help */
        return set(user) ? "Sign in as someone else" : NULL;
    default:
        return NULL;
    }
}

/* The label of a link that reloads the page, for a person: in a Basic
 * area without a sign-in page a 400 or 401 reloaded makes the browser
 * ask for a password again; an overload or a fault may be gone. */
static const char *retry_label(ag_reason_e reason, audience_e to,
                               int has_login)
{
    if (to == TO_PERSON && !has_login) {
        switch (reason) {
        case AG_REASON_NO_CREDENTIALS:
        case AG_REASON_UNSUPPORTED_SCHEME:
            return "Sign in";
        case AG_REASON_MALFORMED_CREDENTIALS:
        case AG_REASON_INVALID_CREDENTIALS:
            return "Try again";
        case AG_REASON_ACCOUNT_EXPIRED:
        case AG_REASON_ACCOUNT_DISABLED:
            return "Sign in as someone else";
        default:
            break;
        }
    }
    if ((to == TO_PERSON || to == TO_PERSON_TOKEN)
        && (reason == AG_REASON_BUSY || reason == AG_REASON_SERVER_ERROR)) {
        return "Try again";
    }
    return NULL;
}

void ag_page_words(const char **v, ag_reason_e reason,
                   const ag_page_case_t *c, apr_pool_t *pool)
{
    audience_e to = audience(c);
    int has_login = set(v[AG_TV_LOGIN_URL]);
    const says_t *says, *person;

    int signout = set(v[AG_TV_SIGNOUT_URL]);

    /* signed-out and cross-site: the words of the sign-in pages
     * (ag_signin.c); the actions below as for every reason */
    if (ag_signin_words(v, reason, 0, pool)) {
        if (to != TO_PERSON && to != TO_PERSON_TOKEN) {
            /* an app neither reloads pages nor fills in forms */
            v[AG_TV_MESSAGE] = reason == AG_REASON_SIGNED_OUT
                ? "The session or the sign-in of this client has ended."
                : "A sign-in or sign-out must come from this site's own "
                  "page.";
            v[AG_TV_HINT] = reason == AG_REASON_SIGNED_OUT
                ? "Send the credentials again with the next request to "
                  "continue."
                : "Send the request from this site's own page, with the "
                  "form's anti-forgery value.";
        }
        goto actions;
    }
    if ((unsigned)reason >= sizeof(words) / sizeof(words[0])
        || words[reason].to[TO_PERSON].title == NULL) {
        reason = AG_REASON_SERVER_ERROR;     /* fail closed, and say so */
    }
    says = &words[reason].to[to];
    person = &words[reason].to[TO_PERSON];
    v[AG_TV_TITLE] = says->title ? says->title : person->title;
    v[AG_TV_MESSAGE] = says->message ? says->message : person->message;
    v[AG_TV_HINT] = says->hint ? says->hint : person->hint;
    if (to == TO_PERSON && has_login && words[reason].hint_login) {
        v[AG_TV_HINT] = words[reason].hint_login;
    }
    if (reason == AG_REASON_LOCKED_OUT) {
        v[AG_TV_HINT] = minutes(v[AG_TV_RETRY_AFTER], pool);
    }
    if (reason == AG_REASON_ACCOUNT_EXPIRED) {
        v[AG_TV_MESSAGE] = expired_message(v[AG_TV_UNTIL], to == TO_PERSON,
                                           v[AG_TV_MESSAGE], pool);
    }
    /* a person turned away who is signed in may want another account:
     * the sign-out URL (or the site's sign-in page) lets them; a browser
     * sending a token has neither, and keeps sending the one it has,
     * except in a private window */
    if (to == TO_PERSON && ag_reason_status(reason) == 403
        && set(v[AG_TV_USER])) {
        v[AG_TV_HINT] = apr_pstrcat(pool, v[AG_TV_HINT], has_login || signout
            ? " You can also sign in as someone else."
            : " To sign in as someone else, open this page in a private "
              "window.", NULL);
    }
    v[AG_TV_STATUS_TEXT] = status_text(ag_reason_status(reason));

actions:
    /* the sign-out button already says "Sign in as someone else" on a
     * 403: no second button for it */
    v[AG_TV_LOGIN_LABEL] = has_login && !(signout
                                          && ag_reason_status(reason) == 403)
                           ? login_label(reason, v[AG_TV_USER]) : NULL;
    v[AG_TV_RETRY_LABEL] = c && c->app ? NULL
                                       : retry_label(reason, to, has_login);
    /* the home page, unless it is the page refused */
    v[AG_TV_HOME_URL] = set(v[AG_TV_URI]) && strcmp(v[AG_TV_URI], "/") == 0
                        ? NULL : "/";
    if (!set(v[AG_TV_LOGIN_LABEL]) && !set(v[AG_TV_RETRY_LABEL])
        && !set(v[AG_TV_SUPPORT_URL]) && !set(v[AG_TV_HOME_URL])) {
        v[AG_TV_RETRY_LABEL] = "Try again";   /* never a page without one */
    }
}
