/*
 * mod_authgate_variants.c - language variants of an AuthGateErrorDocument
 * template (README, "Languages"): 401.de.html and 401.fr.html next to
 * 401.html, found when the configuration that names 401.html is read
 * (httpd.conf at startup, a .htaccess file when httpd reads it), and the
 * one a request gets, chosen by Accept-Language.  The file without a
 * language is the default.  Variants are files like the template they
 * belong to: read as httpd's User, with the same size limit and, from
 * .htaccess, the same confinement; one named in httpd.conf that does not
 * compile stops httpd, like a broken base template.
 */
#include "mod_authgate.h"

#include "apr_file_info.h"
#include "apr_lib.h"
#include "apr_strings.h"

#include "http_config.h"
#include "http_log.h"

#include "ag_negotiate.h"

APLOG_USE_MODULE(authgate);

/* At most this many variants per template, and this many directory
 * entries looked at to find them: a directory named by a .htaccess author
 * must not cost every request that reads it much time. */
#define MAX_VARIANTS 32
#define MAX_ENTRIES 4096

/* The language tag of a variant's name: name is stem "." TAG ext. */
static const char *variant_tag(const char *name, const char *stem,
                               const char *ext, apr_pool_t *p)
{
    apr_size_t n = strlen(name), sl = strlen(stem), el = strlen(ext);
    const char *tag;

    if (n <= sl + 1 + el || strncmp(name, stem, sl) != 0
        || name[sl] != '.' || strcmp(name + n - el, ext) != 0) {
        return NULL;
    }
    tag = apr_pstrmemdup(p, name + sl + 1, n - sl - 1 - el);
    return ag_negotiate_language_tag(tag) ? tag : NULL;
}

static int by_tag(const void *a, const void *b)
{
    return strcasecmp(((const authgate_variant_t *)a)->lang,
                      ((const authgate_variant_t *)b)->lang);
}

const char *authgate_variants_find(apr_array_header_t **out,
                                   cmd_parms *cmd, authgate_file_e kind,
                                   const char *path, int htaccess)
{
    const char *slash = strrchr(path, '/');
    const char *base, *dot, *dir, *stem, *ext;
    apr_dir_t *d;
    apr_finfo_t fi;
    apr_array_header_t *found;
    int entries = 0;

    *out = NULL;
    if (slash == NULL) {
        return NULL;
    }
    dir = apr_pstrmemdup(cmd->temp_pool, path,
                         (apr_size_t)(slash - path) + 1);
    base = slash + 1;
    dot = strrchr(base, '.');
    stem = dot ? apr_pstrmemdup(cmd->temp_pool, base,
                                (apr_size_t)(dot - base)) : base;
    ext = dot ? dot : "";
    /* no directory to list: no variants (the template itself reports
     * why it cannot be read) */
    if (apr_dir_open(&d, dir, cmd->temp_pool) != APR_SUCCESS) {
        return NULL;
    }
    found = apr_array_make(cmd->pool, 4, sizeof(authgate_variant_t));
    while (apr_dir_read(&fi, APR_FINFO_NAME | APR_FINFO_TYPE, d)
           == APR_SUCCESS) {
        const char *tag;
        authgate_variant_t *v;

        if (++entries > MAX_ENTRIES) {
            apr_dir_close(d);
            return apr_psprintf(cmd->pool, "AuthGateErrorDocument: %s has "
                                "more than %d entries; language variants "
                                "of %s are looked for in a directory of "
                                "templates only", dir, MAX_ENTRIES, base);
        }
        if (fi.filetype == APR_DIR
            || (tag = variant_tag(fi.name, stem, ext, cmd->temp_pool))
               == NULL) {
            continue;
        }
        if (found->nelts == MAX_VARIANTS) {
            apr_dir_close(d);
            return apr_psprintf(cmd->pool, "AuthGateErrorDocument: %s has "
                                "more than %d language variants",
                                path, MAX_VARIANTS);
        }
        v = apr_array_push(found);
        v->lang = apr_pstrdup(cmd->pool, tag);
        v->path = apr_pstrcat(cmd->pool, dir, fi.name, NULL);
        /* httpd.conf: registered now, read as User and compiled before
         * httpd starts; .htaccess: found at first use */
        v->store = htaccess ? NULL
                            : authgate_files_store(kind, v->path,
                                                   cmd->temp_pool);
    }
    apr_dir_close(d);
    if (found->nelts) {
        qsort(found->elts, (size_t)found->nelts, sizeof(authgate_variant_t),
              by_tag);
        *out = found;
    }
    return NULL;
}

apr_status_t authgate_variants_template(const void **tpl, const char **lang,
                                        request_rec *r,
                                        const authgate_dir_conf *conf,
                                        authgate_file_e kind)
{
    const apr_array_header_t *vs = conf->variants[kind];
    const char **tags;
    int i;

    *lang = NULL;
    if (conf->file[kind] == NULL || vs == NULL || vs->nelts == 0) {
        return authgate_files_db(tpl, r, conf, kind);
    }
    tags = apr_palloc(r->pool, sizeof(*tags) * (apr_size_t)vs->nelts);
    for (i = 0; i < vs->nelts; i++) {
        tags[i] = APR_ARRAY_IDX(vs, i, authgate_variant_t).lang;
    }
    i = ag_negotiate_language(apr_table_get(r->headers_in,
                                            "Accept-Language"),
                              tags, vs->nelts);
    if (i < 0) {
        return authgate_files_db(tpl, r, conf, kind);
    }
    *lang = tags[i];
    return authgate_files_db_at(tpl, r, conf, kind,
                                APR_ARRAY_IDX(vs, i, authgate_variant_t).path,
                                APR_ARRAY_IDX(vs, i, authgate_variant_t).store);
}
