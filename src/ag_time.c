/*
 * ag_time.c - strict parsing and formatting of the UTC dates of the
 * token file (EXPIRES) and of the user file (UNTIL).
 */
#include <string.h>
#include <time.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include "ag_time.h"

static int digits(const char *s, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (!apr_isdigit((unsigned char)s[i])) {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return month == 2 && leap ? 29 : days[month - 1];
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static apr_int64_t days_from_civil(int y, int m, int d)
{
    apr_int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD" at s (10 bytes, a real calendar date in 1970-9999) as
 * days since 1970-01-01; 0 when it is not one. */
static int civil_day(apr_int64_t *days, const char *s)
{
    int y, mo, d;

    if (s[4] != '-' || s[7] != '-' || !digits(s, 4, &y)
        || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d)
        || y < 1970 || mo < 1 || mo > 12 || d < 1
        || d > days_in_month(y, mo)) {
        return 0;
    }
    *days = days_from_civil(y, mo, d);
    return 1;
}

int ag_time_parse(apr_int64_t *t, const char *s, apr_size_t len)
{
    apr_int64_t days;
    int h, mi, se;

    if (len == 5 && memcmp(s, "never", 5) == 0) {
        *t = AG_TIME_NEVER;
        return 1;
    }
    if (len != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':'
        || s[19] != 'Z' || !civil_day(&days, s)
        || !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi)
        || !digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 59) {
        return 0;
    }
    *t = days * 86400 + h * 3600 + mi * 60 + se;
    return 1;
}

int ag_time_parse_day(apr_int64_t *t, const char *s, apr_size_t len)
{
    apr_int64_t days;

    if (len != 10 || !civil_day(&days, s)) {
        return 0;
    }
    *t = days * 86400;
    return 1;
}

const char *ag_time_format(apr_int64_t t, apr_pool_t *pool)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];

    if (t == AG_TIME_NEVER || gmtime_r(&tt, &tm) == NULL
        || strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        return "never";
    }
    return apr_pstrdup(pool, buf);
}
