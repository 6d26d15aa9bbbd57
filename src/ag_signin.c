/*
 * ag_signin.c - the sign-in form's HTML, in the page's language (see
 * ag_signin.h).
 */
#include <apr_strings.h>

#include "ag_escape.h"
#include "ag_form.h"
#include "ag_signin.h"
#include "ag_words.h"

char *ag_signin_form(const ag_signin_t *f, const char *lang,
                     apr_pool_t *pool)
{
    const char *user = f->user;
    int named = user && *user;

    /* the markup, ids, names and autocomplete attributes are the same in
     * every language: password managers and the tests go by them */
    return apr_pstrcat(pool,
        "<form class=\"signin\" method=\"post\" action=\"",
        ag_escape_html(f->action ? f->action : "", pool),
        "\" accept-charset=\"UTF-8\">\n"
        "<input type=\"hidden\" name=\"" AG_FORM_CSRF "\" value=\"",
        ag_escape_html(f->csrf ? f->csrf : "", pool), "\">\n",
        f->ret ? "<input type=\"hidden\" name=\"" AG_FORM_RETURN
                 "\" value=\"" : "",
        f->ret ? ag_escape_html(f->ret, pool) : "", f->ret ? "\">\n" : "",
        "<p><label for=\"ag-user\">",
        ag_escape_html(ag_words_ui(lang, AG_UI_USER_NAME), pool),
        "</label>\n"
        "<input id=\"ag-user\" name=\"" AG_FORM_USER "\" type=\"text\" "
        "autocomplete=\"username\" autocapitalize=\"none\" "
        "spellcheck=\"false\" required",
        named ? " value=\"" : " autofocus",
        named ? ag_escape_html(user, pool) : "",
        named ? "\"" : "", "></p>\n"
        "<p><label for=\"ag-password\">",
        ag_escape_html(ag_words_ui(lang, AG_UI_PASSWORD), pool),
        "</label>\n"
        "<input id=\"ag-password\" name=\"" AG_FORM_PASSWORD "\" "
        "type=\"password\" autocomplete=\"current-password\" required",
        named ? " autofocus" : "", "></p>\n"
        "<p><button class=\"button\" type=\"submit\">",
        ag_escape_html(ag_words_ui(lang, AG_UI_SIGN_IN), pool),
        "</button></p>\n"
        "</form>\n", NULL);
}
