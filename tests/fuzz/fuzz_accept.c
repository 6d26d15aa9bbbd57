/*
 * fuzz_accept.c - the Accept request header (ag_negotiate_quality,
 * ag_negotiate_prefers_json), which picks an HTML page or JSON problem
 * details for every refusal.  Outside input: any client sends any Accept
 * header it likes, before it is authenticated.
 *
 * The input is the header value as httpd hands it over (a C string).
 * Media types and the q parameter are case-insensitive, and an empty
 * list element changes nothing: the same header in upper case, in lower
 * case, or with ", " around it must rank the same.
 *
 * The same input is also an Accept-Language header
 * (ag_negotiate_language, ag_words_lang): the choice is one of the tags
 * offered or none, a tag it chooses is not excluded, and case and empty
 * elements change nothing there either.
 * Covers: ag_negotiate.c ag_words.c:ag_words_lang ag_words.c:ag_words_langs
 */
#include <string.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_negotiate.h"
#include "ag_words.h"
#include "harness.h"

static const char *const types[] = {
    "text/html", "application/json", "application/problem+json",
    "text/plain", "image/png"
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

static void rank(int *q, const char *accept)
{
    for (size_t i = 0; i < NTYPES; i++) {
        q[i] = ag_negotiate_quality(accept, types[i]);
        FZ_CHECK(q[i] >= 0 && q[i] <= 1000, "a quality outside 0-1000");
    }
}

static char *recase(apr_pool_t *p, const char *s, int upper)
{
    char *out = apr_pstrdup(p, s);

    for (char *c = out; *c; c++) {
        *c = (char)(upper ? apr_toupper((unsigned char)*c)
                          : apr_tolower((unsigned char)*c));
    }
    return out;
}

static const char *const tags[] = {
    "en", "de", "fr", "es", "de-CH", "pt-BR", "es-419", "x"
};
#define NTAGS ((int)(sizeof(tags) / sizeof(tags[0])))

static void languages(apr_pool_t *p, const char *header,
                      const char *const *variants, size_t nvariants)
{
    int n, i = ag_negotiate_language(header, tags, NTAGS);
    const char *const *mine = ag_words_langs(&n);
    const char *lang = ag_words_lang(header);
    int known = 0;

    FZ_CHECK(i >= -1 && i < NTAGS, "a language outside the offer");
    for (int k = 0; k < n; k++) {
        known |= strcmp(lang, mine[k]) == 0;
    }
    FZ_CHECK(known, "ag_words_lang chose a language it does not speak");
    if (i >= 0) {
        /* offered alone, the chosen tag is still acceptable */
        FZ_CHECK(ag_negotiate_language(header, &tags[i], 1) == 0,
                 "a chosen language is not acceptable on its own");
        FZ_CHECK(ag_negotiate_language_tag(tags[i]), "a tag that is none");
    }
    for (size_t v = 0; v < nvariants; v++) {
        FZ_CHECK(ag_negotiate_language(variants[v], tags, NTAGS) == i,
                 "case or an empty element changed the language");
    }
    (void)p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *accept = fz_str(p, data, size);
    const char *variants[3];
    int q[NTYPES], q2[NTYPES];
    int json = ag_negotiate_prefers_json(accept);

    rank(q, accept);
    FZ_CHECK(json == ((q[1] > q[2] ? q[1] : q[2]) > q[0]),
             "prefers_json disagrees with the qualities");
    variants[0] = recase(p, accept, 1);
    variants[1] = recase(p, accept, 0);
    variants[2] = apr_pstrcat(p, ", ", accept, " ,", NULL);
    for (size_t v = 0; v < 3; v++) {
        rank(q2, variants[v]);
        FZ_CHECK(memcmp(q, q2, sizeof(q)) == 0,
                 "case or an empty element changed a quality");
        FZ_CHECK(ag_negotiate_prefers_json(variants[v]) == json,
                 "case or an empty element changed the choice");
    }
    languages(p, accept, variants, 3);
    FZ_CHECK(ag_negotiate_quality(NULL, "text/html") == 1000
             && !ag_negotiate_prefers_json(NULL),
             "no Accept header is not \"anything\"");
    fz_done(p);
    return 0;
}
