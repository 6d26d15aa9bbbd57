/*
 * ag_words_lang.h - the shape of one language's words, private to the
 * core: ag_words.c chooses among them, ag_words_<tag>.c fills one each,
 * ag_page.c builds the built-in page of each language from them.  Every
 * string is plain text (it is escaped where it is used), UTF-8.
 */
#ifndef AUTHGATE_AG_WORDS_LANG_H
#define AUTHGATE_AG_WORDS_LANG_H

#include "authgate.h"
#include "ag_words.h"

/* Whom a page speaks to: a person at a browser or an app, in an area that
 * takes passwords or access tokens.  An app in an area that takes both,
 * and that sent neither, is told about both. */
typedef enum {
    AG_TO_PERSON,           /* a browser; passwords (Basic) */
    AG_TO_PERSON_TOKEN,     /* a browser in an area that takes tokens only */
    AG_TO_APP,              /* an app; passwords */
    AG_TO_APP_TOKEN,        /* an app; tokens */
    AG_TO_APP_EITHER,       /* an app; passwords or tokens */
    AG_TO_KINDS
} ag_audience_e;

typedef struct {
    const char *title, *message, *hint;
} ag_says_t;

/* What a reason says to each audience: a headline, what happened, and
 * what to do next.  A NULL field is the AG_TO_PERSON one.  hint_login
 * replaces AG_TO_PERSON's hint when the area has a sign-in page
 * (AuthGateLoginURL); hint_form replaces it when the page shows the
 * sign-in form (a Form area), and outranks hint_login.  NULL: the hint
 * stays. */
typedef struct {
    ag_says_t to[AG_TO_KINDS];
    const char *hint_login;
    const char *hint_form;
} ag_reason_words_t;

/* How a day is written: "30 June 2027", "30. Juni 2027", "30 juin 2027"
 * ("1er juillet"), "30 de junio de 2027". */
typedef enum {
    AG_DAY_D_MONTH_Y,
    AG_DAY_D_DOT_MONTH_Y,
    AG_DAY_FRENCH,
    AG_DAY_D_DE_MONTH_DE_Y
} ag_day_style_e;

typedef struct {
    const char *tag;                            /* "de" */
    const ag_reason_words_t *reasons;           /* [AG_REASON_COUNT] */
    /* the status texts shown on the page (the status line stays
     * httpd's): 400, 401, 403, 429, 503, and 500 for any other */
    const char *status_400, *status_401, *status_403, *status_429,
        *status_503, *status_500;
    /* the actions */
    const char *sign_in, *sign_in_again, *sign_in_other, *try_again,
        *get_help, *home;
    /* added to the hint of a 403 for a signed-in person: with a sign-in
     * page, and without one */
    const char *also_other, *private_window;
    /* the lockout's hint: one minute, or pre N post minutes */
    const char *minute_one, *minutes_pre, *minutes_post;
    /* account-expired: a person's message with the day (pre DAY post)
     * and without it; what follows the others' message with the day */
    const char *expired_pre, *expired_post, *expired_noday;
    const char *last_day_pre, *last_day_post;
    const char *months[12];
    ag_day_style_e day_style;
    /* the built-in page */
    const char *error, *colon, *user_name, *roles_pre, *roles_post,
        *reference_pre, *reference_post;
    /* the sign-in form and the sign-out page */
    const char *ui[AG_UI_COUNT];
    /* the hint to an app in an area that takes the form alone, which it
     * cannot fill in (and Basic is refused there) */
    const char *form_only_app;
} ag_lang_words_t;

extern const ag_lang_words_t ag_words_en, ag_words_de, ag_words_fr,
    ag_words_es;

/* The words of lang (by ag_words_known). */
const ag_lang_words_t *ag_words_for(const char *lang);

#endif /* AUTHGATE_AG_WORDS_LANG_H */
