/*
 * fuzz_form.c - the body of the sign-in form (ag_form_parse), the return
 * target it names (ag_form_safe_target) and the same-origin rule
 * (ag_form_same_origin).  Outside input: any client may POST any body to
 * a form area before it is authenticated.
 *
 * The input up to its first NUL is the body (the rest is appended after
 * a NUL, so that raw NULs in a body are read too); the part after the NUL
 * is also tried as Origin and Sec-Fetch-Site.
 * Covers: ag_form.c ag_text.c
 */
#include <string.h>

#include "ag_form.h"
#include "ag_text.h"
#include "authgate.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *a, *b;
    size_t alen, blen;
    ag_form_t f;
    ag_form_result_e r;

    fz_split(data, size, &a, &alen, &b, &blen);
    /* as C strings (a header value ends at its first NUL) */
    a = fz_str(p, (const uint8_t *)a, alen);
    b = fz_str(p, (const uint8_t *)b, blen);
    r = ag_form_parse(&f, (const char *)data, size, p);
    FZ_CHECK(r == AG_FORM_OK || r == AG_FORM_NOT_OURS
             || r == AG_FORM_MALFORMED, "an unknown result");
    FZ_CHECK((r == AG_FORM_MALFORMED) == (f.why != NULL),
             "why is set exactly when the form is malformed");
    if (r == AG_FORM_OK) {
        size_t ul = strlen(f.user), pl = strlen(f.password);

        FZ_CHECK(size <= AG_FORM_BODY_MAX, "a body over the limit read");
        FZ_CHECK(ul > 0 && (f.latin1 || ul <= AG_MAX_USER_BYTES),
                 "an empty or over-long user name");
        FZ_CHECK(ag_text_is_utf8(f.user, ul)
                 && ag_text_is_utf8(f.password, pl),
                 "a name or password that is not UTF-8");
        FZ_CHECK(!ag_text_has_ctl(f.user, ul)
                 && !ag_text_has_ctl(f.password, pl),
                 "a control byte in a name or password");
        FZ_CHECK(f.csrf && strlen(f.csrf) <= AG_FORM_CSRF_MAX,
                 "no or an over-long anti-forgery value");
        if (f.ret && ag_form_safe_target(f.ret)) {
            FZ_CHECK(f.ret[0] == '/' && f.ret[1] != '/' && f.ret[1] != '\\'
                     && strpbrk(f.ret, "\r\n\\ ") == NULL,
                     "an unsafe target judged safe");
        }
    }
    r = ag_form_parse(&f, a, alen, p);
    FZ_CHECK(r != AG_FORM_OK || strlen(f.user) > 0, "empty user");
    if (ag_form_safe_target(a)) {
        FZ_CHECK(a[0] == '/' && a[1] != '/' && a[1] != '\\'
                 && strpbrk(a, "\r\n\t\\ ") == NULL
                 && strlen(a) <= AG_FORM_RETURN_MAX,
                 "an unsafe target judged safe");
        for (const char *c = a; *c; c++) {
            FZ_CHECK((unsigned char)*c > 0x20 && (unsigned char)*c < 0x7F,
                     "a target with a control, blank or non-ASCII byte");
        }
    }
    if (ag_form_same_origin(b, NULL, "https://example.com", 0, NULL)) {
        FZ_CHECK(strcasecmp(b, "https://example.com") == 0,
                 "another origin accepted");
    }
    if (ag_form_same_origin(NULL, b, "https://example.com", 0, NULL)) {
        FZ_CHECK(strcasecmp(b, "same-origin") == 0,
                 "a Sec-Fetch-Site other than same-origin accepted");
    }
    fz_done(p);
    return 0;
}
