/*
 * ag_words.h - the languages the gate's own words are in (README, "Error
 * pages", "Languages"): which ones there are, which one a visitor gets,
 * and the strings of the sign-in form and the sign-out page.
 */
#ifndef AUTHGATE_AG_WORDS_H
#define AUTHGATE_AG_WORDS_H

/* The strings of the sign-in form and the sign-out page. */
typedef enum {
    AG_UI_USER_NAME = 0,        /* the label of the user name field */
    AG_UI_PASSWORD,             /* the label of the password field */
    AG_UI_SIGN_IN,              /* the form's button */
    AG_UI_SIGN_OUT,             /* a sign-out link or button */
    AG_UI_SIGNED_OUT_TITLE,     /* the headline after signing out */
    AG_UI_SIGNED_OUT_MESSAGE,   /* one sentence under it */
    AG_UI_SIGN_IN_AGAIN,        /* a link back to the form */
    AG_UI_COUNT
} ag_ui_e;

/* The language tags the gate speaks, English first (the default); *n
 * gets how many.  Static. */
const char *const *ag_words_langs(int *n);

/* The language of the gate's own words for an Accept-Language header
 * value (NULL: none sent): one of ag_words_langs(), "en" when the header
 * accepts none of them.  Static. */
const char *ag_words_lang(const char *accept_language);

/* The tag of ag_words_langs() that lang (any language tag, e.g. "de-CH",
 * or NULL) is written in, by its first subtag, or "en".  Static. */
const char *ag_words_known(const char *lang);

/* The string key of the sign-in form or the sign-out page in lang (as
 * for ag_words_known: English for a language the gate does not speak).
 * Never NULL; static; plain text, to be escaped like any value. */
const char *ag_words_ui(const char *lang, ag_ui_e key);

#endif /* AUTHGATE_AG_WORDS_H */
