/*
 * ag_log.c - the core's logging indirection: the embedder (module, command,
 * unit test) decides where messages go.
 */
#include <stdarg.h>

#include <apr_strings.h>

#include "authgate.h"

void ag_log(const ag_logger_t *logger, ag_log_level_e level,
            apr_pool_t *scratch, const char *fmt, ...)
{
    va_list ap;
    const char *msg;

    if (logger == NULL || logger->fn == NULL) {
        return;
    }
    va_start(ap, fmt);
    msg = apr_pvsprintf(scratch, fmt, ap);
    va_end(ap);
    logger->fn(logger->baton, level, msg);
}
