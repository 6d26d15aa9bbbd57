/*
 * fuzz_time.c - the dates of the token file (ag_time_parse, the EXPIRES
 * field: "YYYY-MM-DDThh:mm:ssZ" or "never"), the days of the user file
 * (ag_time_parse_day, UNTIL: "YYYY-MM-DD") and their formatting
 * (ag_time_format).  Outside input: the field is written by hand or by
 * tools in a file that is re-read whenever it changes on disk.
 *
 * The input is the field's bytes.  A date that parses must format back
 * to the same bytes; and, read as a number of seconds, the first eight
 * bytes (and that number cut to the years 1970-9999) must format to a
 * date that parses back to the same number.
 * The same bytes read as a day of the user file's UNTIL ("YYYY-MM-DD",
 * ag_time_parse_day) must give a midnight that formats back to that day.
 * Covers: ag_time.c
 */
#include <string.h>

#include "ag_time.h"
#include "harness.h"

/* 9999-12-31T23:59:59Z, the last date the file can hold. */
#define LAST 253402300799LL

static void round_trip(apr_int64_t t, apr_pool_t *p)
{
    const char *s = ag_time_format(t, p);
    apr_int64_t back = -1;
    int ok = ag_time_parse(&back, s, strlen(s));

    if (t >= 0 && t <= LAST) {
        FZ_CHECK(ok && back == t, "a time in range does not round-trip");
    }
    else {
        /* what gmtime cannot show comes out as "never" */
        FZ_CHECK(!ok || back == t || strcmp(s, "never") == 0,
                 "a formatted time parses to another");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p = fz_pool();
    const char *s = (const char *)data;
    apr_int64_t t = 0;
    apr_uint64_t u = 0;

    if (ag_time_parse(&t, s, size)) {
        const char *back = ag_time_format(t, p);

        FZ_CHECK(strlen(back) == size && memcmp(back, s, size) == 0,
                 "a date does not format back to itself");
        FZ_CHECK(t == AG_TIME_NEVER || (t >= 0 && t <= LAST),
                 "a date outside 1970-9999");
    }
    if (ag_time_parse_day(&t, s, size)) {
        const char *back = ag_time_format(t, p);

        FZ_CHECK(size == 10 && memcmp(back, s, 10) == 0
                 && strcmp(back + 10, "T00:00:00Z") == 0,
                 "a day is not the midnight that starts it");
    }
    memcpy(&u, data, size < sizeof(u) ? size : sizeof(u));
    round_trip((apr_int64_t)u, p);
    round_trip((apr_int64_t)(u % (apr_uint64_t)(LAST + 1)), p);
    fz_done(p);
    return 0;
}
