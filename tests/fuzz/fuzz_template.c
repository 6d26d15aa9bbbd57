/*
 * fuzz_template.c - error page templates (AuthGateErrorDocument): the
 * content scan that refuses to show a credential file as a page
 * (ag_secretscan_find), then ag_template_compile and
 * ag_template_render, in the order the module takes them.  Outside
 * input: a template may be named in .htaccess by whoever writes the
 * site, and is re-read whenever it changes on disk.
 *
 * The input is the template file's content.  A compiled template is
 * rendered with no values, with empty values (the same page), with
 * plain values and with values full of markup.  Every value but the
 * sign-in form (markup the module makes itself) is escaped, so the
 * markup page holds exactly as many markup bytes as the plain one: both
 * take the same blocks, and only the values differ.  (Asking instead
 * that "<b" never appears fails on templates such as "<{{#user}}b" or
 * "{{signin_form}}", whose markup is the template's own.)
 * Covers: ag_template.c ag_secretscan.c
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                     /* memmem */
#endif
#include <string.h>

#include <apr_strings.h>

#include "ag_escape.h"
#include "ag_secretscan.h"
#include "ag_template.h"
#include "harness.h"

#define HOSTILE "<b x='1'>\"&amp;\xff"
#define PLAIN "v"
#define FORM "<form x='1'>\"</form>"

/* how many times c occurs in s[0..len) */
static apr_size_t count(const char *s, apr_size_t len, char c)
{
    apr_size_t n = 0;

    for (apr_size_t i = 0; i < len; i++) {
        n += s[i] == c;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *text = (const char *)data;
    unsigned lines = fz_lines(text, size);
    unsigned found = ag_secretscan_find(text, size, p);
    const char *none[AG_TV_COUNT] = { 0 };
    const char *empty[AG_TV_COUNT], *hostile[AG_TV_COUNT];
    const char *plain[AG_TV_COUNT];
    ag_template_t *tpl;
    ag_parse_error_t err = { 0, NULL };
    char *a, *b, *h, *v;
    apr_size_t alen, blen, hlen, vlen;

    FZ_CHECK(found <= lines, "the scan names a line the text has not");
    if (ag_template_compile(&tpl, &err, text, size, p) != APR_SUCCESS) {
        FZ_CHECK(err.msg != NULL && err.line >= 1 && err.line <= lines,
                 "a refused template names no line, or a line it has not");
        fz_done(p);
        return 0;
    }
    for (int i = 0; i < AG_TV_COUNT; i++) {
        empty[i] = "";
        hostile[i] = HOSTILE;
        plain[i] = PLAIN;
        FZ_CHECK(ag_template_var_name((ag_tvar_e)i)[0] != '\0',
                 "a value without a name");
    }
    hostile[AG_TV_SIGNIN_FORM] = plain[AG_TV_SIGNIN_FORM] = FORM;
    a = ag_template_render(tpl, none, &alen, p);
    b = ag_template_render(tpl, empty, &blen, p);
    h = ag_template_render(tpl, hostile, &hlen, p);
    v = ag_template_render(tpl, plain, &vlen, p);
    FZ_CHECK(alen == blen && memcmp(a, b, alen) == 0,
             "no value and an empty value render differently");
    FZ_CHECK(a[alen] == '\0' && b[blen] == '\0' && h[hlen] == '\0',
             "a page is not NUL-terminated");
    FZ_CHECK(alen <= size, "a page without values is longer than its "
                           "template");
    /* text without a tag is the page itself */
    if (memmem(text, size, "{{", 2) == NULL) {
        FZ_CHECK(alen == size && memcmp(a, text, size) == 0,
                 "text without tags did not come out as it went in");
    }
    /* values are escaped: a value's markup never reaches the page */
    for (const char *c = "<>\"'\xff"; *c != '\0'; c++) {
        FZ_CHECK(count(h, hlen, *c) == count(v, vlen, *c),
                 *c == '\xff' ? "a value's invalid UTF-8 reached the page"
                              : "a value's markup reached the page");
    }
    fz_done(p);
    return 0;
}
