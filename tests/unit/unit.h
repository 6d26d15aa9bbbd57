/*
 * unit.h - shared helpers of the Check unit tests of the core.
 */
#ifndef AUTHGATE_UNIT_H
#define AUTHGATE_UNIT_H

#include <check.h>
#include <apr_pools.h>

#include "authgate.h"

/* A pool per test, created in setup and destroyed in teardown. */
extern apr_pool_t *ut_pool;
void ut_setup(void);
void ut_teardown(void);

/* A logger that keeps the last message and counts them. */
typedef struct {
    int count;
    ag_log_level_e level;
    char last[1024];
} ut_log_t;
void ut_log_capture(void *baton, ag_log_level_e level, const char *msg);

/* Each file adds its test cases. */
Suite *suite_text(void);
Suite *suite_cred(void);
Suite *suite_passwd(void);
Suite *suite_userfile(void);
Suite *suite_rolefile(void);
Suite *suite_decide(void);
Suite *suite_store(void);
Suite *suite_challenge(void);
Suite *suite_slot(void);
Suite *suite_escape(void);
Suite *suite_template(void);
Suite *suite_negotiate(void);
Suite *suite_page(void);
Suite *suite_words(void);
Suite *suite_lang(void);
Suite *suite_url(void);
Suite *suite_tokenfile(void);
Suite *suite_fileread(void);
Suite *suite_lockout(void);
Suite *suite_secretscan(void);
Suite *suite_credcache(void);
Suite *suite_session(void);
Suite *suite_form(void);

#endif
