/*
 * ag_words_en.c - the gate's words in English, the default language
 * (README, "Error pages"): what each reason says to a person at a browser
 * and to an app, in areas of passwords, of tokens or of both.  The unit
 * tests check that no app is told to reload a page and that no area
 * speaks of a scheme it does not take.
 */
#include "ag_words_lang.h"

static const ag_reason_words_t reasons[AG_REASON_COUNT] = {
    [AG_REASON_NO_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "You need to sign in",
            "This page is only open to people who sign in.",
            "Reload the page and your browser will ask for your user name "
            "and password." },
        [AG_TO_PERSON_TOKEN] = {
            "You need an access token",
            "This page is only open to apps and scripts that present an "
            "access token.",
            "If you need access, ask the people who run this site for an "
            "access token." },
        [AG_TO_APP] = {
            NULL,
            "This resource is only open to clients that sign in.",
            "Send a user name and password with the request, using HTTP "
            "Basic authentication." },
        [AG_TO_APP_TOKEN] = {
            "You need an access token",
            "This resource is only open to clients that present an access "
            "token.",
            "Send an access token with the request, in an Authorization: "
            "Bearer header." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "This resource is only open to clients that sign in.",
            "Send a user name and password (HTTP Basic authentication) or "
            "an access token (an Authorization: Bearer header) with the "
            "request." } },
        "Sign in to continue.",
        "Enter your user name and password below." },
    [AG_REASON_UNSUPPORTED_SCHEME] = { {
        [AG_TO_PERSON] = {
            "You need to sign in",
            "Your browser or app tried to sign in by a method this page "
            "does not accept.",
            "Reload the page and your browser will ask for your user name "
            "and password." },
        [AG_TO_PERSON_TOKEN] = {
            "You need an access token",
            "Your browser or app tried to sign in by a method this page "
            "does not accept: it takes access tokens only.",
            "If you need access, ask the people who run this site for an "
            "access token." },
        [AG_TO_APP] = {
            NULL,
            "The request used an authentication scheme that this resource "
            "does not accept.",
            "Send a user name and password with HTTP Basic authentication "
            "instead." },
        [AG_TO_APP_TOKEN] = {
            "You need an access token",
            "The request used an authentication scheme that this resource "
            "does not accept.",
            "Send an access token in an Authorization: Bearer header "
            "instead." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "The request used an authentication scheme that this resource "
            "does not accept.",
            "Use HTTP Basic authentication (a user name and password) or "
            "an Authorization: Bearer header (an access token) instead." } },
        "Sign in to continue.",
        "Enter your user name and password below." },
    [AG_REASON_MALFORMED_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Your sign-in could not be read",
            "Your browser or app sent sign-in details that were damaged or "
            "too long.",
            "Try again. If it keeps happening, remove the password your "
            "browser saved for this site and sign in once more." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Your browser or app sent an access token that was damaged or "
            "too long.",
            "Check that the whole token was sent. If it keeps happening, "
            "ask the people who run this site." },
        [AG_TO_APP] = {
            NULL,
            "The Authorization header of the request could not be read: "
            "it is malformed or too long.",
            "Send the user name and password as HTTP Basic authentication "
            "requires: the Base64 encoding of NAME:PASSWORD." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "The Authorization header of the request could not be read: "
            "it is malformed or too long.",
            "Send the access token as Authorization: Bearer ID.SECRET, "
            "with nothing else in the header." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "The Authorization header of the request could not be read: "
            "it is malformed or too long.",
            "Send a user name and password as HTTP Basic authentication "
            "requires, or an access token as Authorization: Bearer "
            "ID.SECRET." } },
        "Try again. If it keeps happening, remove the password your "
        "browser saved for this site and sign in once more.",
        "Try again below. If it keeps happening, remove the password your "
        "browser saved for this site and sign in once more." },
    [AG_REASON_INVALID_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Your sign-in was not accepted",
            "The user name or the password is not right.",
            "Check both (passwords are case-sensitive), then reload the "
            "page and your browser will ask again." },
        /* a token-only area refuses Basic as unsupported-scheme, so the
         * two token audiences never see this; their words stay true */
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "The sign-in details were not accepted.",
            "This page takes access tokens only. If you need one, ask the "
            "people who run this site." },
        [AG_TO_APP] = {
            NULL,
            "The user name or the password is not right.",
            "Check both (passwords are case-sensitive), then send the "
            "request again." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "The sign-in details were not accepted.",
            "Check the access token, then send the request again." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "The user name or the password is not right.",
            "Check both (passwords are case-sensitive), then send the "
            "request again." } },
        "Check both (passwords are case-sensitive) and sign in again.",
        "Check both (passwords are case-sensitive) and try again below." },
    [AG_REASON_TOKEN_INVALID] = { {
        [AG_TO_PERSON] = {
            "Your access token was not accepted",
            "This site does not know the access token, or part of it is "
            "missing.",
            "Check that the whole token was sent, or ask whoever issued "
            "it for a new one." } },
        NULL, NULL },
    [AG_REASON_TOKEN_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Your access token has expired",
            "The access token was valid, but its time is up.",
            "Ask whoever issued the token for a new one." } },
        NULL, NULL },
    [AG_REASON_TOKEN_REVOKED] = { {
        [AG_TO_PERSON] = {
            "Your access token was withdrawn",
            "The access token has been revoked and no longer works.",
            "Ask whoever issued the token for a new one." } },
        NULL, NULL },
    [AG_REASON_LOCKED_OUT] = { {
        /* the hint is the time to wait, computed */
        [AG_TO_PERSON] = {
            "Too many attempts",
            "Sign-in for this account from your network is paused after "
            "too many failed attempts.",
            NULL },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Access from your network is paused after too many failed "
            "attempts.",
            NULL },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Access from your network is paused after too many failed "
            "attempts.",
            NULL } },
        NULL, NULL },
    [AG_REASON_INSUFFICIENT_ROLE] = { {
        [AG_TO_PERSON] = {
            "Your account does not have access to this page",
            "You are signed in, but this page is for people with a role "
            "your account does not have.",
            "If you think you should have access, ask the people who run "
            "this site to give it to your account." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Your access token is valid, but it does not carry a role this "
            "page needs.",
            "If you think you should have access, ask the people who run "
            "this site for a token with the role this page needs." },
        [AG_TO_APP] = {
            "The account does not have access",
            "The user name and password are right, but the account does "
            "not have a role this resource needs.",
            "If the account should have access, ask the people who run "
            "this site to give it the role." },
        [AG_TO_APP_TOKEN] = {
            "The access token does not have access",
            "The access token is valid, but it does not carry a role this "
            "resource needs.",
            "Use a token with a role this resource needs, or ask the people "
            "who run this site for one." },
        [AG_TO_APP_EITHER] = {
            "The account does not have access",
            "The credentials are right, but they do not carry a role this "
            "resource needs.",
            "If the account should have access, ask the people who run "
            "this site to give it the role." } },
        NULL, NULL },
    [AG_REASON_NOT_ALLOWED] = { {
        /* names no rule: which one refused is the site's business */
        [AG_TO_PERSON] = {
            "Access to this page is not allowed",
            "This site's access rules do not allow you to open this page.",
            "If you think you should have access, ask the people who run "
            "this site." },
        [AG_TO_APP] = {
            "Access is not allowed",
            "This site's access rules do not allow this request.",
            "If this client should have access, ask the people who run "
            "this site." },
        [AG_TO_APP_TOKEN] = {
            "Access is not allowed",
            "This site's access rules do not allow this request.",
            "If this client should have access, ask the people who run "
            "this site." },
        [AG_TO_APP_EITHER] = {
            "Access is not allowed",
            "This site's access rules do not allow this request.",
            "If this client should have access, ask the people who run "
            "this site." } },
        NULL, NULL },
    [AG_REASON_BUSY] = { {
        [AG_TO_PERSON] = {
            "Too many sign-ins at once",
            "The site is checking a lot of passwords right now and could "
            "not check yours in time. Nothing is wrong with your account.",
            "Wait a second and reload the page." },
        /* only password checks are bounded; the token audiences get
         * words that stay true all the same */
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "The site is too busy to check sign-ins right now. Nothing is "
            "wrong with your access.",
            "Wait a second and reload the page." },
        [AG_TO_APP] = {
            NULL,
            "The site is checking a lot of passwords right now and could "
            "not check this one in time. Nothing is wrong with the "
            "account.",
            "Wait a second (see Retry-After) and send the request again." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "The site is too busy to check sign-ins right now. Nothing is "
            "wrong with the access token.",
            "Wait a second (see Retry-After) and send the request again." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "The site is too busy to check sign-ins right now. Nothing is "
            "wrong with the credentials.",
            "Wait a second (see Retry-After) and send the request again." } },
        NULL,
        "Wait a second, then sign in again below." },
    [AG_REASON_SERVER_ERROR] = { {
        [AG_TO_PERSON] = {
            "Something went wrong on our side",
            "The site could not check your access just now. This is not a "
            "problem with your account.",
            "Please try again in a few minutes. If it keeps happening, "
            "tell the people who run this site." },
        [AG_TO_APP] = {
            NULL,
            "The site could not check access just now. This is not a "
            "problem with the credentials.",
            "Send the request again in a few minutes. If it keeps failing, "
            "tell the people who run this site." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "The site could not check access just now. This is not a "
            "problem with the credentials.",
            "Send the request again in a few minutes. If it keeps failing, "
            "tell the people who run this site." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "The site could not check access just now. This is not a "
            "problem with the credentials.",
            "Send the request again in a few minutes. If it keeps failing, "
            "tell the people who run this site." } },
        NULL, NULL },
    /* told only to a client that proved the password or token secret */
    [AG_REASON_ACCOUNT_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Your access has expired",
            "Your user name and password are right, but this account is "
            "past its last day of access.",
            "If you still need access, ask the people who run this site "
            "to extend your account. To use another account, reload the "
            "page and sign in with it." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "The access token is right, but the account it belongs to is "
            "past its last day of access.",
            "If you still need access, ask the people who run this site "
            "to extend the account; its tokens work again once they "
            "have." },
        [AG_TO_APP] = {
            "The account has expired",
            "The user name and password are right, but the account is "
            "past its last day of access.",
            "If the account still needs access, ask the people who run "
            "this site to extend it." },
        [AG_TO_APP_TOKEN] = {
            "The account has expired",
            "The access token is right, but the account it belongs to is "
            "past its last day of access.",
            "If the account still needs access, ask the people who run "
            "this site to extend it; its tokens work again once they "
            "have." },
        [AG_TO_APP_EITHER] = {
            "The account has expired",
            "The credentials are right, but the account is past its last "
            "day of access.",
            "If the account still needs access, ask the people who run "
            "this site to extend it." } },
        "If you still need access, ask the people who run this site to "
        "extend your account. To use another account, sign in with it.",
        "If you still need access, ask the people who run this site to "
        "extend your account. To use another account, sign in with it "
        "below." },
    [AG_REASON_ACCOUNT_DISABLED] = { {
        [AG_TO_PERSON] = {
            "Your account is disabled",
            "Your user name and password are right, but this account has "
            "been switched off.",
            "If you think this is a mistake, ask the people who run this "
            "site to enable it again. To use another account, reload the "
            "page and sign in with it." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "The access token is right, but the account it belongs to has "
            "been switched off.",
            "If you think this is a mistake, ask the people who run this "
            "site to enable the account again; its tokens work again once "
            "they have." },
        [AG_TO_APP] = {
            "The account is disabled",
            "The user name and password are right, but the account has "
            "been switched off.",
            "If this is a mistake, ask the people who run this site to "
            "enable the account again." },
        [AG_TO_APP_TOKEN] = {
            "The account is disabled",
            "The access token is right, but the account it belongs to has "
            "been switched off.",
            "If this is a mistake, ask the people who run this site to "
            "enable the account again; its tokens work again once they "
            "have." },
        [AG_TO_APP_EITHER] = {
            "The account is disabled",
            "The credentials are right, but the account has been switched "
            "off.",
            "If this is a mistake, ask the people who run this site to "
            "enable the account again." } },
        "If you think this is a mistake, ask the people who run this site "
        "to enable it again. To use another account, sign in with it.",
        "If you think this is a mistake, ask the people who run this site "
        "to enable it again. To use another account, sign in with it "
        "below." },
    /* the sign-out URL was asked for (README, "Signing in with a form") */
    [AG_REASON_SIGNED_OUT] = { {
        [AG_TO_PERSON] = {
            "You are signed out",
            "You have signed out of this site. Close the browser if "
            "others use this computer.",
            "To come back, reload the page and sign in when your browser "
            "asks." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "You have signed out of this site.",
            "To come back, open the page again with an access token." },
        [AG_TO_APP] = {
            NULL,
            "The session or the sign-in of this client has ended.",
            "Send the credentials again with the next request to continue." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "The session or the sign-in of this client has ended.",
            "Send the credentials again with the next request to continue." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "The session or the sign-in of this client has ended.",
            "Send the credentials again with the next request to "
            "continue." } },
        NULL,
        "To come back, sign in below." },
    /* a sign-in or sign-out from another site, or with a stale form */
    [AG_REASON_CROSS_SITE] = { {
        [AG_TO_PERSON] = {
            "This request was not accepted",
            "A sign-in or sign-out must come from this site's own page, "
            "and this one did not (or the page was open too long).",
            "Go to the page you wanted and try again from there." },
        [AG_TO_APP] = {
            NULL,
            "A sign-in or sign-out must come from this site's own page.",
            "Send the request from this site's own page, with the form's "
            "anti-forgery value." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "A sign-in or sign-out must come from this site's own page.",
            "Send the request from this site's own page, with the form's "
            "anti-forgery value." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "A sign-in or sign-out must come from this site's own page.",
            "Send the request from this site's own page, with the form's "
            "anti-forgery value." } },
        NULL,
        NULL },
};

const ag_lang_words_t ag_words_en = {
    "en", reasons,
    "Bad Request", "Unauthorized", "Forbidden", "Too Many Requests",
    "Service Unavailable", "Internal Server Error",
    "Sign in", "Sign in again", "Sign in as someone else", "Try again",
    "Get help", "Go to the home page",
    " You can also sign in as someone else.",
    " To sign in as someone else, open this page in a private window.",
    "Try again in a minute.", "Try again in ", " minutes.",
    "Your access expired on ",
    " (the last day it was valid, UTC). Your sign-in details are right, "
    "but the account can no longer be used.",
    "Your access expired. Your sign-in details are right, but the account "
    "can no longer be used.",
    " Its last day of access was ", " (UTC).",
    { "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December" },
    AG_DAY_D_MONTH_Y,
    "Error", ":", "User name:", "This page is open to these roles:", ".",
    "Reference:", ". Mention it if you ask for help.",
    { "User name", "Password", "Sign in", "Sign out", "You are signed out",
      "You have signed out of this site. To continue, sign in again.",
      "Sign in again" },
    "This area accepts sign-ins through its web page only. Ask the "
    "people who run this site for an access token or another way in."
};
