/*
 * authgate.h - types shared by every part of the mod_authgate core.
 *
 * The core (src/ag_*.c) depends on APR, APR-util, libc, libcrypt and
 * libcrypto only, never on httpd; the module glue and the unit tests link
 * the same code.  This header holds the refusal reasons (README, "Reasons"),
 * the limits on credentials and the logging indirection through which
 * the core reports problems to whoever embeds it.
 */
#ifndef AUTHGATE_AUTHGATE_H
#define AUTHGATE_AUTHGATE_H

#include <apr_pools.h>

/* Limits on decoded credentials (README, "What the client sees"). */
#define AG_MAX_USER_BYTES 256
#define AG_MAX_CRED_BYTES 4096

/* Why a request was refused (README, "Reasons").  AG_REASON_NONE means the
 * request was let through; it is never sent to a client. */
typedef enum {
    AG_REASON_NONE = 0,
    AG_REASON_NO_CREDENTIALS,
    AG_REASON_UNSUPPORTED_SCHEME,
    AG_REASON_MALFORMED_CREDENTIALS,
    AG_REASON_INVALID_CREDENTIALS,
    AG_REASON_TOKEN_INVALID,
    AG_REASON_TOKEN_EXPIRED,
    AG_REASON_TOKEN_REVOKED,
    AG_REASON_LOCKED_OUT,
    AG_REASON_INSUFFICIENT_ROLE,
    AG_REASON_SERVER_ERROR,
    AG_REASON_BUSY,              /* too many password checks running */
    AG_REASON_ACCOUNT_EXPIRED,   /* the user file's UNTIL has passed */
    AG_REASON_ACCOUNT_DISABLED,  /* the user file's STATE is disabled */
    AG_REASON_NOT_ALLOWED,       /* 403 from a rule other than a role */
    AG_REASON_SIGNED_OUT,        /* the sign-out URL was asked for */
    AG_REASON_CROSS_SITE,        /* a sign-in or sign-out not from this
                                    site's own page, or without the form's
                                    anti-forgery value */
    AG_REASON_COUNT              /* not a reason: how many there are */
} ag_reason_e;

/* The name sent in AUTHGATE_REASON, e.g. "invalid-credentials".  Never
 * NULL: an out-of-range value gives "server-error". */
const char *ag_reason_name(ag_reason_e reason);

/* The HTTP status that goes with a reason (400, 401, 403, 429, 500 or
 * 503).
 * AG_REASON_NONE and out-of-range values give 500 (fail closed). */
int ag_reason_status(ag_reason_e reason);

/* Log levels the core uses; the glue maps them to httpd's. */
typedef enum {
    AG_LOG_ERR,
    AG_LOG_WARNING,
    AG_LOG_INFO,
    AG_LOG_DEBUG
} ag_log_level_e;

/* Where the core sends its messages.  baton is the embedder's; msg is a
 * complete sentence that never holds a password, secret or hash. */
typedef void ag_log_fn(void *baton, ag_log_level_e level, const char *msg);

typedef struct {
    ag_log_fn *fn;   /* NULL: messages are dropped */
    void *baton;
} ag_logger_t;

/* Format and send a message through logger (NULL logger: dropped).  The
 * format is always a literal of the core, never configuration text. */
void ag_log(const ag_logger_t *logger, ag_log_level_e level,
            apr_pool_t *scratch, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif /* AUTHGATE_AUTHGATE_H */
