/*
 * ag_time.h - the dates of the files: the token file's EXPIRES is
 * "YYYY-MM-DDThh:mm:ssZ" in UTC or "never"; the user file's UNTIL is a
 * day, "YYYY-MM-DD" (UTC).  Times are whole seconds since the Unix
 * epoch.
 */
#ifndef AUTHGATE_AG_TIME_H
#define AUTHGATE_AG_TIME_H

#include <apr_pools.h>

/* The expiry of a token that never expires. */
#define AG_TIME_NEVER APR_INT64_MAX

/* Parse s[0..len) as "YYYY-MM-DDThh:mm:ssZ" (a real calendar date, years
 * 1970-9999) or "never" into *t.  Returns 1 on success, 0 otherwise. */
int ag_time_parse(apr_int64_t *t, const char *s, apr_size_t len);

/* Parse s[0..len) as a day "YYYY-MM-DD" (a real calendar date, years
 * 1970-9999) into *t, the first second of that day (00:00:00 UTC).
 * Returns 1 on success, 0 otherwise. */
int ag_time_parse_day(apr_int64_t *t, const char *s, apr_size_t len);

/* t as "YYYY-MM-DDThh:mm:ssZ", or "never" for AG_TIME_NEVER; from pool. */
const char *ag_time_format(apr_int64_t t, apr_pool_t *pool);

#endif /* AUTHGATE_AG_TIME_H */
