/*
 * ag_signin.c - the sign-in form's HTML and the words of the sign-in and
 * sign-out pages (see ag_signin.h).
 */
#include <apr_strings.h>

#include "ag_escape.h"
#include "ag_form.h"
#include "ag_signin.h"
#include "ag_template.h"

char *ag_signin_form(const char *action, const char *csrf, const char *ret,
                     const char *user, apr_pool_t *pool)
{
    return apr_pstrcat(pool,
        "<form class=\"signin\" method=\"post\" action=\"",
        ag_escape_html(action ? action : "", pool),
        "\" accept-charset=\"UTF-8\">\n"
        "<input type=\"hidden\" name=\"" AG_FORM_CSRF "\" value=\"",
        ag_escape_html(csrf ? csrf : "", pool), "\">\n",
        ret ? "<input type=\"hidden\" name=\"" AG_FORM_RETURN
              "\" value=\"" : "",
        ret ? ag_escape_html(ret, pool) : "", ret ? "\">\n" : "",
        "<p><label for=\"ag-user\">User name</label>\n"
        "<input id=\"ag-user\" name=\"" AG_FORM_USER "\" type=\"text\" "
        "autocomplete=\"username\" autocapitalize=\"none\" "
        "spellcheck=\"false\" required",
        user && *user ? " value=\"" : " autofocus",
        user && *user ? ag_escape_html(user, pool) : "",
        user && *user ? "\"" : "", "></p>\n"
        "<p><label for=\"ag-password\">Password</label>\n"
        "<input id=\"ag-password\" name=\"" AG_FORM_PASSWORD "\" "
        "type=\"password\" autocomplete=\"current-password\" required",
        user && *user ? " autofocus" : "", "></p>\n"
        "<p><button class=\"button\" type=\"submit\">Sign in</button></p>\n"
        "</form>\n", NULL);
}


int ag_signin_words(const char **v, ag_reason_e reason, int form,
                    apr_pool_t *pool)
{
    (void)pool;
    switch (reason) {
    case AG_REASON_SIGNED_OUT:
        v[AG_TV_TITLE] = "You are signed out";
        v[AG_TV_MESSAGE] = "You have signed out of this site. Close the "
                           "browser if others use this computer.";
        v[AG_TV_HINT] = form ? "To come back, sign in below."
                             : "To come back, reload the page and sign in "
                               "when your browser asks.";
        v[AG_TV_STATUS_TEXT] = "Unauthorized";
        return 1;
    case AG_REASON_CROSS_SITE:
        v[AG_TV_TITLE] = "This request was not accepted";
        v[AG_TV_MESSAGE] = "A sign-in or sign-out must come from this "
                           "site's own page, and this one did not (or the "
                           "page was open too long).";
        v[AG_TV_HINT] = "Go to the page you wanted and try again from "
                        "there.";
        v[AG_TV_STATUS_TEXT] = "Forbidden";
        return 1;
    default:
        break;
    }
    if (!form) {
        return 0;
    }
    switch (reason) {
    case AG_REASON_NO_CREDENTIALS:
    case AG_REASON_UNSUPPORTED_SCHEME:
        v[AG_TV_HINT] = "Enter your user name and password below.";
        break;
    case AG_REASON_INVALID_CREDENTIALS:
        v[AG_TV_HINT] = "Check both (passwords are case-sensitive) and try "
                        "again below.";
        break;
    case AG_REASON_MALFORMED_CREDENTIALS:
        v[AG_TV_HINT] = "Try again. If it keeps happening, remove the "
                        "password saved for this site in your browser and "
                        "sign in anew.";
        break;
    case AG_REASON_ACCOUNT_EXPIRED:
    case AG_REASON_ACCOUNT_DISABLED:
        v[AG_TV_HINT] = "If you think this is a mistake, ask the people who "
                        "run this site. To use another account, sign in "
                        "with it below.";
        break;
    case AG_REASON_BUSY:
        v[AG_TV_HINT] = "Wait a second and sign in again.";
        break;
    default:
        break;
    }
    return 0;
}
