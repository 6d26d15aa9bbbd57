/*
 * ag_words.c - what a refused client is told (README, "Error pages"): for
 * each reason, a headline, what happened and what to do next, in words
 * that fit the client (a person at a browser or an app), the area
 * (passwords, access tokens or both) and the visitor's language, and the
 * actions the built-in page offers.  The words themselves are in
 * ag_words_<language>.c.
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_negotiate.h"
#include "ag_page.h"
#include "ag_words_lang.h"

/* English first: the default, and the first offered for "*". */
static const ag_lang_words_t *const languages[] = {
    &ag_words_en, &ag_words_de, &ag_words_fr, &ag_words_es
};
#define NLANGS ((int)(sizeof(languages) / sizeof(languages[0])))
static const char *const tags[NLANGS] = { "en", "de", "fr", "es" };

const char *const *ag_words_langs(int *n)
{
    *n = NLANGS;
    return tags;
}

const char *ag_words_lang(const char *accept_language)
{
    int i = ag_negotiate_language(accept_language, tags, NLANGS);

    return i < 0 ? tags[0] : tags[i];
}

const ag_lang_words_t *ag_words_for(const char *lang)
{
    apr_size_t n;

    if (lang == NULL) {
        return languages[0];
    }
    n = strcspn(lang, "-");
    for (int i = 0; i < NLANGS; i++) {
        if (strlen(tags[i]) == n && strncasecmp(lang, tags[i], n) == 0) {
            return languages[i];
        }
    }
    return languages[0];
}

const char *ag_words_known(const char *lang)
{
    return ag_words_for(lang)->tag;
}

const char *ag_words_ui(const char *lang, ag_ui_e key)
{
    const ag_lang_words_t *w = ag_words_for(lang);

    if ((unsigned)key >= AG_UI_COUNT) {
        return "";
    }
    return w->ui[key] ? w->ui[key] : ag_words_en.ui[key];
}

static const char *status_text(const ag_lang_words_t *w, int status)
{
    switch (status) {
    case 400:
        return w->status_400;
    case 401:
        return w->status_401;
    case 403:
        return w->status_403;
    case 429:
        return w->status_429;
    case 503:
        return w->status_503;
    default:
        return w->status_500;
    }
}

static const char *minutes(const ag_lang_words_t *w, const char *seconds,
                           apr_pool_t *pool)
{
    apr_int64_t s = seconds && *seconds ? apr_atoi64(seconds) : 0;
    /* whole minutes, rounded up, without overflow near APR_INT64_MAX */
    apr_int64_t m = s > 0 ? s / 60 + (s % 60 != 0) : 0;

    if (m <= 1) {
        return w->minute_one;
    }
    return apr_pstrcat(pool, w->minutes_pre,
                       apr_psprintf(pool, "%" APR_INT64_T_FMT, m),
                       w->minutes_post, NULL);
}

/* "YYYY-MM-DD" as the language writes a day ("30 June 2027", "30. Juni
 * 2027", "1er juillet 2027", "30 de junio de 2027"); NULL when day is not
 * in that form. */
static const char *day_words(const ag_lang_words_t *w, const char *day,
                             apr_pool_t *pool)
{
    const char *month;
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
    month = w->months[m - 1];
    switch (w->day_style) {
    case AG_DAY_D_DOT_MONTH_Y:
        return apr_psprintf(pool, "%d. %s %.4s", d, month, day);
    case AG_DAY_FRENCH:
        return apr_psprintf(pool, "%d%s %s %.4s", d, d == 1 ? "er" : "",
                            month, day);
    case AG_DAY_D_DE_MONTH_DE_Y:
        return apr_psprintf(pool, "%d de %s de %.4s", d, month, day);
    default:
        return apr_psprintf(pool, "%d %s %.4s", d, month, day);
    }
}

/* account-expired, with the account's last day when it is known: a
 * person in a password area reads "Your access expired on 30 June 2027
 * (...)"; everyone else gets the table's words and the day after them. */
static const char *expired_message(const ag_lang_words_t *w,
                                   const char *until, int person,
                                   const char *message, apr_pool_t *pool)
{
    const char *day = day_words(w, until, pool);

    if (person) {
        return day ? apr_pstrcat(pool, w->expired_pre, day, w->expired_post,
                                 NULL)
                   : w->expired_noday;
    }
    return day ? apr_pstrcat(pool, message, w->last_day_pre, day,
                             w->last_day_post, NULL)
               : message;
}

static ag_audience_e audience(const ag_page_case_t *c)
{
    unsigned schemes = c && c->schemes ? c->schemes : AG_SCHEME_BASIC;
    int tokens;

    /* to a person, the sign-in form is a way in with a password: a
     * browser in a Form area that takes tokens too is spoken to as in a
     * Basic one (an app, which never fills in forms, is not) */
    if ((schemes & AG_SCHEME_FORM) && !(c && c->app)) {
        schemes |= AG_SCHEME_BASIC;
    }
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
        return c->app ? AG_TO_APP_EITHER : AG_TO_PERSON;
    }
    if (c && c->app) {
        return tokens ? AG_TO_APP_TOKEN : AG_TO_APP;
    }
    return tokens ? AG_TO_PERSON_TOKEN : AG_TO_PERSON;
}

static int set(const char *s)
{
    return s && *s;
}

/* The label of the button to AuthGateLoginURL: what signing in means in
 * this case, or NULL where it is not the way forward (a lockout, an
 * overload, a fault; a rule that no sign-in can meet). */
static const char *login_label(const ag_lang_words_t *w, ag_reason_e reason,
                               const char *user)
{
    switch (reason) {
    case AG_REASON_NO_CREDENTIALS:
    case AG_REASON_UNSUPPORTED_SCHEME:
    case AG_REASON_TOKEN_INVALID:
    case AG_REASON_TOKEN_EXPIRED:
    case AG_REASON_TOKEN_REVOKED:
        return w->sign_in;
    case AG_REASON_MALFORMED_CREDENTIALS:
    case AG_REASON_INVALID_CREDENTIALS:
        return w->sign_in_again;
    case AG_REASON_ACCOUNT_EXPIRED:
    case AG_REASON_ACCOUNT_DISABLED:
    case AG_REASON_INSUFFICIENT_ROLE:
        return w->sign_in_other;
    case AG_REASON_NOT_ALLOWED:
        /* refused before anyone signed in: signing in cannot help */
        return set(user) ? w->sign_in_other : NULL;
    default:
        return NULL;
    }
}

/* The label of a link that reloads the page, for a person: in a Basic
 * area without a sign-in page a 400 or 401 reloaded makes the browser
 * ask for a password again; an overload or a fault may be gone. */
static const char *retry_label(const ag_lang_words_t *w, ag_reason_e reason,
                               ag_audience_e to, int has_login)
{
    if (to == AG_TO_PERSON && !has_login) {
        switch (reason) {
        case AG_REASON_NO_CREDENTIALS:
        case AG_REASON_UNSUPPORTED_SCHEME:
            return w->sign_in;
        case AG_REASON_MALFORMED_CREDENTIALS:
        case AG_REASON_INVALID_CREDENTIALS:
            return w->try_again;
        case AG_REASON_ACCOUNT_EXPIRED:
        case AG_REASON_ACCOUNT_DISABLED:
            return w->sign_in_other;
        default:
            break;
        }
    }
    if ((to == AG_TO_PERSON || to == AG_TO_PERSON_TOKEN)
        && (reason == AG_REASON_BUSY || reason == AG_REASON_SERVER_ERROR)) {
        return w->try_again;
    }
    return NULL;
}

void ag_page_words(const char **v, ag_reason_e reason,
                   const ag_page_case_t *c, apr_pool_t *pool)
{
    const ag_lang_words_t *w = ag_words_for(c ? c->lang : NULL);
    ag_audience_e to = audience(c);
    int has_login = set(v[AG_TV_LOGIN_URL]);
    const ag_says_t *says, *person;
    int signout = set(v[AG_TV_SIGNOUT_URL]);
    int form = set(v[AG_TV_SIGNIN_FORM]);

    if ((unsigned)reason >= AG_REASON_COUNT
        || w->reasons[reason].to[AG_TO_PERSON].title == NULL) {
        reason = AG_REASON_SERVER_ERROR;     /* fail closed, and say so */
    }
    says = &w->reasons[reason].to[to];
    person = &w->reasons[reason].to[AG_TO_PERSON];
    v[AG_TV_LANG] = c && c->lang && *c->lang ? c->lang : w->tag;
    v[AG_TV_TITLE] = says->title ? says->title : person->title;
    v[AG_TV_MESSAGE] = says->message ? says->message : person->message;
    v[AG_TV_HINT] = says->hint ? says->hint : person->hint;
    if (to == AG_TO_PERSON && has_login && w->reasons[reason].hint_login) {
        v[AG_TV_HINT] = w->reasons[reason].hint_login;
    }
    /* the form is on the page: the hint points to it, not to the
     * browser's dialog or another page */
    if (to == AG_TO_PERSON && form && w->reasons[reason].hint_form) {
        v[AG_TV_HINT] = w->reasons[reason].hint_form;
    }
    if (reason == AG_REASON_LOCKED_OUT) {
        v[AG_TV_HINT] = minutes(w, v[AG_TV_RETRY_AFTER], pool);
    }
    /* an app in an area that takes the form alone can neither fill it in
     * nor send Basic: say where else to turn */
    if (c && c->app && c->schemes == AG_SCHEME_FORM
        && ag_reason_status(reason) == 401) {
        v[AG_TV_HINT] = w->form_only_app;
    }
    if (reason == AG_REASON_ACCOUNT_EXPIRED) {
        v[AG_TV_MESSAGE] = expired_message(w, v[AG_TV_UNTIL],
                                           to == AG_TO_PERSON,
                                           v[AG_TV_MESSAGE], pool);
    }
    /* a person turned away who is signed in may want another account:
     * the sign-out URL (or the site's sign-in page) lets them; a browser
     * sending a token has neither, and keeps sending the one it has,
     * except in a private window */
    if (to == AG_TO_PERSON && ag_reason_status(reason) == 403
        && reason != AG_REASON_CROSS_SITE && set(v[AG_TV_USER])) {
        v[AG_TV_HINT] = apr_pstrcat(pool, v[AG_TV_HINT], has_login || signout
            ? w->also_other : w->private_window, NULL);
    }
    v[AG_TV_STATUS_TEXT] = status_text(w, ag_reason_status(reason));

    /* the sign-out button: "Sign in as someone else" on a 403, where it
     * is the way to another account, "Sign out" elsewhere */
    v[AG_TV_SIGNOUT_LABEL] = !signout ? NULL
        : ag_reason_status(reason) == 403 ? w->sign_in_other
        : w->ui[AG_UI_SIGN_OUT];
    /* the sign-out button already says "Sign in as someone else" on a
     * 403: no second button for it */
    v[AG_TV_LOGIN_LABEL] = has_login && !(signout
                                          && ag_reason_status(reason) == 403)
                           ? login_label(w, reason, v[AG_TV_USER]) : NULL;
    /* with the form on the page, its own button is the way to sign in
     * again: no reload link beside it */
    v[AG_TV_RETRY_LABEL] = (c && c->app) || form
                           ? NULL : retry_label(w, reason, to, has_login);
    /* the home page, unless it is the page refused */
    v[AG_TV_HOME_URL] = set(v[AG_TV_URI]) && strcmp(v[AG_TV_URI], "/") == 0
                        ? NULL : "/";
    if (!form && !set(v[AG_TV_LOGIN_LABEL]) && !set(v[AG_TV_RETRY_LABEL])
        && !set(v[AG_TV_SUPPORT_URL]) && !set(v[AG_TV_HOME_URL])) {
        v[AG_TV_RETRY_LABEL] = w->try_again;  /* never a page without one */
    }
}
