/*
 * fuzz_input.c - libFuzzer target for everything of the core that reads
 * bytes from outside: the Authorization header (Basic and Bearer), the
 * user, role, token and template files, presented tokens, dates, the
 * Accept header, the escapers, request targets and realms, lockout
 * records read from the shared cache, templates scanned for credentials
 * and values written to the log.  Built with ASan
 * and UBSan by `make fuzz` (a short run is part of `make check`).
 *
 * The first byte picks the parser; the rest is its input.
 */
#include <stdint.h>
#include <string.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "ag_challenge.h"
#include "ag_cred.h"
#include "ag_decide.h"
#include "ag_escape.h"
#include "ag_lockout.h"
#include "ag_secretscan.h"
#include "ag_negotiate.h"
#include "ag_rolefile.h"
#include "ag_template.h"
#include "ag_time.h"
#include "ag_tokenfile.h"
#include "ag_url.h"
#include "ag_userfile.h"

static apr_pool_t *root;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p;
    const char *text;
    ag_parse_error_t err;
    size_t n;

    if (root == NULL) {
        apr_initialize();
        apr_pool_create(&root, NULL);
    }
    if (size == 0) {
        return 0;
    }
    apr_pool_create(&p, root);
    n = size - 1;
    /* the parsers of files take lengths; the header parsers take C
     * strings, as httpd hands them over */
    text = apr_pstrmemdup(p, (const char *)data + 1, n);

    switch (data[0] % 9) {
    case 0: {
        ag_cred_t cred;

        if (ag_cred_parse(&cred, text, AG_SCHEME_BASIC | AG_SCHEME_BEARER,
                          p) == AG_REASON_NONE
            && cred.scheme == AG_SCHEME_BASIC) {
            /* a parsed user name is UTF-8 and bounded */
            if (strlen(cred.user) > 2 * AG_MAX_USER_BYTES) {
                __builtin_trap();
            }
        }
        break;
    }
    case 1: {
        ag_userdb_t *db;

        if (ag_userdb_parse(&db, &err, (const char *)data + 1, n, p)
            == APR_SUCCESS) {
            (void)ag_userdb_get(db, "alice");
        }
        break;
    }
    case 2: {
        ag_roledb_t *db;

        if (ag_roledb_parse(&db, &err, (const char *)data + 1, n, p)
            == APR_SUCCESS) {
            (void)ag_roledb_roles(db, "alice");
        }
        break;
    }
    case 3: {
        ag_template_t *tpl;
        const char *v[AG_TV_COUNT] = { 0 };

        v[AG_TV_USER] = "<u>";
        v[AG_TV_STATUS] = "401";
        if (ag_template_compile(&tpl, &err, (const char *)data + 1, n, p)
            == APR_SUCCESS) {
            (void)ag_template_render(tpl, v, NULL, p);
        }
        break;
    }
    case 4:
        (void)ag_negotiate_prefers_json(text);
        break;
    case 6: {
        /* a token file, then the same bytes presented as a token */
        ag_tokendb_t *db = NULL;
        const ag_token_t *t;
        ag_cred_t cred;

        if (ag_tokendb_parse(&db, &err, (const char *)data + 1, n, p)
            != APR_SUCCESS) {
            db = NULL;
        }
        (void)ag_decide_token(&t, NULL, db, NULL, NULL, text, 0, p);
        if (ag_cred_parse(&cred, apr_pstrcat(p, "Bearer ", text, NULL),
                          AG_SCHEME_BEARER, p) == AG_REASON_NONE) {
            (void)ag_decide_token(&t, NULL, db, NULL, NULL, cred.token, 0,
                                  p);
        }
        break;
    }
    case 7: {
        apr_int64_t t;

        if (ag_time_parse(&t, (const char *)data + 1, n)
            && strcmp(ag_time_format(t, p), text) != 0) {
            __builtin_trap();           /* a date must round-trip */
        }
        break;
    }
    case 5: {
        /* bytes from the shared cache, a file's content, a log value */
        ag_lockout_rec_t rec;
        unsigned char back[AG_LOCKOUT_REC_LEN];
        const char *logged = ag_escape_log_value(text, p);

        if (ag_lockout_decode(&rec, data + 1, n)) {
            ag_lockout_encode(back, &rec);
            if (memcmp(back, data + 1, AG_LOCKOUT_REC_LEN) != 0) {
                __builtin_trap();       /* a record must round-trip */
            }
            (void)ag_lockout_wait(&rec, apr_time_from_sec(1800000000), 5,
                                  apr_time_from_sec(600));
        }
        (void)ag_secretscan_find((const char *)data + 1, n, p);
        if (strpbrk(logged, " \"=\t\n\r\\")) {
            __builtin_trap();           /* a log value ended its field */
        }
        break;
    }
    default: {
        const char *h = ag_escape_html(text, p);

        (void)ag_escape_json(text, p);
        (void)ag_escape_url_component(text, p);
        (void)ag_url_is_safe_link(text);
        (void)ag_url_with_return("/login", text, p);
        if (strchr(h, '<') || strchr(h, '"')) {
            __builtin_trap();           /* escaping let markup through */
        }
        /* a page shows no query; a return target only loses bytes */
        if (strpbrk(ag_url_path(text, p), "?#")
            || strchr(ag_url_return_target(text, p), '#')
            || strlen(ag_url_return_target(text, p)) > strlen(text)) {
            __builtin_trap();
        }
        for (const char *r = ag_challenge_realm(text, p); *r; r++) {
            if ((unsigned char)*r < 0x20 || *r == 0x7F) {
                __builtin_trap();       /* a control byte in the realm */
            }
        }
        break;
    }
    }
    apr_pool_destroy(p);
    return 0;
}
