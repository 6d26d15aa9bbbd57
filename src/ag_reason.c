/*
 * ag_reason.c - the refusal reasons (README, "Reasons") and their statuses.
 */
#include "authgate.h"

static const struct {
    const char *name;
    int status;
} reasons[] = {
    [AG_REASON_NONE]                  = { "server-error", 500 },
    [AG_REASON_NO_CREDENTIALS]        = { "no-credentials", 401 },
    [AG_REASON_UNSUPPORTED_SCHEME]    = { "unsupported-scheme", 401 },
    [AG_REASON_MALFORMED_CREDENTIALS] = { "malformed-credentials", 400 },
    [AG_REASON_INVALID_CREDENTIALS]   = { "invalid-credentials", 401 },
    [AG_REASON_TOKEN_INVALID]         = { "token-invalid", 401 },
    [AG_REASON_TOKEN_EXPIRED]         = { "token-expired", 401 },
    [AG_REASON_TOKEN_REVOKED]         = { "token-revoked", 401 },
    [AG_REASON_LOCKED_OUT]            = { "locked-out", 429 },
    [AG_REASON_INSUFFICIENT_ROLE]     = { "insufficient-role", 403 },
    [AG_REASON_SERVER_ERROR]          = { "server-error", 500 },
    [AG_REASON_BUSY]                  = { "busy", 503 },
    [AG_REASON_ACCOUNT_EXPIRED]       = { "account-expired", 401 },
    [AG_REASON_ACCOUNT_DISABLED]      = { "account-disabled", 401 },
    [AG_REASON_NOT_ALLOWED]           = { "not-allowed", 403 },
    [AG_REASON_SIGNED_OUT]            = { "signed-out", 401 },
    [AG_REASON_CROSS_SITE]            = { "cross-site", 403 },
};

#define NREASONS (sizeof(reasons) / sizeof(reasons[0]))

const char *ag_reason_name(ag_reason_e reason)
{
    if ((unsigned)reason >= NREASONS) {
        return "server-error";
    }
    return reasons[reason].name;
}

int ag_reason_status(ag_reason_e reason)
{
    if ((unsigned)reason >= NREASONS) {
        return 500;
    }
    return reasons[reason].status;
}
