/*
 * ag_template.c - compiling and rendering error page templates.
 *
 * A template compiles to a flat list of operations.  A block's opening
 * operation records where its closing one is, so rendering skips a block
 * by jumping, without recursion.
 */
#include <string.h>

#include <apr_errno.h>
#include <apr_strings.h>
#include <apr_tables.h>

#include "ag_escape.h"
#include "ag_template.h"

static const char *const var_names[AG_TV_COUNT] = {
    [AG_TV_STATUS] = "status",
    [AG_TV_STATUS_TEXT] = "status_text",
    [AG_TV_TITLE] = "title",
    [AG_TV_MESSAGE] = "message",
    [AG_TV_HINT] = "hint",
    [AG_TV_REASON] = "reason",
    [AG_TV_REALM] = "realm",
    [AG_TV_METHOD] = "method",
    [AG_TV_URI] = "uri",
    [AG_TV_USER] = "user",
    [AG_TV_REQUIRED_ROLES] = "required_roles",
    [AG_TV_LOGIN_URL] = "login_url",
    [AG_TV_SUPPORT_URL] = "support_url",
    [AG_TV_RETRY_AFTER] = "retry_after",
    [AG_TV_REQUEST_ID] = "request_id",
    [AG_TV_SERVER_NAME] = "server_name",
    [AG_TV_UNTIL] = "until",
    [AG_TV_LOGIN_LABEL] = "login_label",
    [AG_TV_RETRY_LABEL] = "retry_label",
    [AG_TV_HOME_URL] = "home_url",
    [AG_TV_SIGNIN_FORM] = "signin_form",
    [AG_TV_SIGNOUT_URL] = "signout_url",
    [AG_TV_SIGNOUT_LABEL] = "signout_label",
    [AG_TV_LANG] = "lang",
};

typedef enum { OP_TEXT, OP_VAR, OP_IF, OP_UNLESS, OP_END } op_kind_e;

typedef struct {
    op_kind_e kind;
    const char *text;      /* OP_TEXT */
    apr_size_t len;
    ag_tvar_e var;         /* OP_VAR, OP_IF, OP_UNLESS, OP_END */
    int end;               /* OP_IF, OP_UNLESS: index of the OP_END */
    unsigned line;         /* where the tag stands, for errors */
} op_t;

struct ag_template_t {
    apr_array_header_t *ops;   /* op_t */
};

const char *ag_template_var_name(ag_tvar_e var)
{
    return (unsigned)var < AG_TV_COUNT ? var_names[var] : "";
}

static int lookup(const char *name, apr_size_t len)
{
    for (int i = 0; i < AG_TV_COUNT; i++) {
        if (strlen(var_names[i]) == len
            && memcmp(var_names[i], name, len) == 0) {
            return i;
        }
    }
    return -1;
}

static unsigned count_lines(const char *from, const char *to)
{
    unsigned n = 0;

    for (const char *p = from; p < to; p++) {
        n += *p == '\n';
    }
    return n;
}

static int fail(ag_parse_error_t *err, unsigned line, const char *msg)
{
    err->line = line;
    err->msg = msg;
    return APR_EGENERAL;
}

int ag_template_compile(ag_template_t **tplp, ag_parse_error_t *err,
                        const char *text, apr_size_t len, apr_pool_t *pool)
{
    ag_template_t *tpl = apr_pcalloc(pool, sizeof(*tpl));
    apr_array_header_t *open = apr_array_make(pool, 4, sizeof(int));
    const char *p, *end, *counted;
    unsigned line = 1;

    /* the compiled template points into its own copy of the text */
    text = apr_pstrmemdup(pool, text, len);
    p = counted = text;
    end = text + len;

    tpl->ops = apr_array_make(pool, 16, sizeof(op_t));
    while (p < end) {
        const char *tag = NULL, *close, *name, *nend;
        op_t *op;
        int var;
        char sigil = 0;

        for (const char *q = p; q + 1 < end; q++) {
            if (q[0] == '{' && q[1] == '{') {
                tag = q;
                break;
            }
        }
        if (tag == NULL) {
            tag = end;
        }
        if (tag > p) {
            op = apr_array_push(tpl->ops);
            memset(op, 0, sizeof(*op));
            op->kind = OP_TEXT;
            op->text = p;
            op->len = (apr_size_t)(tag - p);
        }
        if (tag == end) {
            break;
        }
        line += count_lines(counted, tag);
        counted = tag;

        close = NULL;
        for (const char *q = tag + 2; q + 1 < end && *q != '\n'; q++) {
            if (q[0] == '}' && q[1] == '}') {
                close = q;
                break;
            }
        }
        if (close == NULL) {
            return fail(err, line, "'{{' without '}}' on the same line");
        }
        name = tag + 2;
        nend = close;
        if (name < nend && (*name == '#' || *name == '^' || *name == '/')) {
            sigil = *name++;
        }
        while (name < nend && *name == ' ') {
            name++;
        }
        while (nend > name && nend[-1] == ' ') {
            nend--;
        }
        var = lookup(name, (apr_size_t)(nend - name));
        if (var < 0) {
            return fail(err, line, apr_psprintf(pool, "unknown name '%s'",
                        apr_pstrmemdup(pool, name,
                                       (apr_size_t)(nend - name))));
        }

        op = apr_array_push(tpl->ops);
        memset(op, 0, sizeof(*op));
        op->var = (ag_tvar_e)var;
        op->line = line;
        switch (sigil) {
        case '#':
        case '^':
            op->kind = sigil == '#' ? OP_IF : OP_UNLESS;
            APR_ARRAY_PUSH(open, int) = tpl->ops->nelts - 1;
            break;
        case '/': {
            op_t *opener;

            op->kind = OP_END;
            if (open->nelts == 0) {
                return fail(err, line, apr_psprintf(pool, "'{{/%s}}' closes "
                            "no open block", var_names[var]));
            }
            opener = &APR_ARRAY_IDX(tpl->ops,
                                    APR_ARRAY_IDX(open, open->nelts - 1,
                                                  int), op_t);
            if (opener->var != (ag_tvar_e)var) {
                return fail(err, line, apr_psprintf(pool, "'{{/%s}}' closes "
                            "the block '%s' opened on line %u",
                            var_names[var], var_names[opener->var],
                            opener->line));
            }
            opener->end = tpl->ops->nelts - 1;
            open->nelts--;
            break;
        }
        default:
            op->kind = OP_VAR;
        }
        p = close + 2;
    }
    if (open->nelts > 0) {
        const op_t *opener = &APR_ARRAY_IDX(tpl->ops,
                                            APR_ARRAY_IDX(open,
                                                          open->nelts - 1,
                                                          int), op_t);

        return fail(err, opener->line, apr_psprintf(pool, "the block '%s' "
                    "is never closed", var_names[opener->var]));
    }
    *tplp = tpl;
    return APR_SUCCESS;
}

char *ag_template_render(const ag_template_t *tpl,
                         const char *const *values, apr_size_t *lenp,
                         apr_pool_t *pool)
{
    const op_t *ops = (const op_t *)tpl->ops->elts;
    struct iovec *parts = apr_palloc(pool, sizeof(*parts)
                                     * (apr_size_t)(tpl->ops->nelts + 1));
    apr_size_t nparts = 0, len;
    char *out;

    for (int i = 0; i < tpl->ops->nelts; i++) {
        const op_t *op = &ops[i];
        const char *v = values[op->var];
        int empty = v == NULL || *v == '\0';

        switch (op->kind) {
        case OP_TEXT:
            parts[nparts].iov_base = (void *)op->text;
            parts[nparts++].iov_len = op->len;
            break;
        case OP_VAR:
            if (!empty) {
                if (op->var != AG_TV_SIGNIN_FORM) {
                    v = ag_escape_html(v, pool);
                }
                parts[nparts].iov_base = (void *)v;
                parts[nparts++].iov_len = strlen(v);
            }
            break;
        case OP_IF:
            if (empty) {
                i = op->end;
            }
            break;
        case OP_UNLESS:
            if (!empty) {
                i = op->end;
            }
            break;
        case OP_END:
            break;
        }
    }
    out = apr_pstrcatv(pool, parts, nparts, &len);
    if (lenp) {
        *lenp = len;
    }
    return out;
}
