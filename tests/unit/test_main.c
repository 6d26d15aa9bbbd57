/*
 * test_main.c - runs every suite of the core's unit tests.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include <apr_general.h>

#include "unit.h"

apr_pool_t *ut_pool;

void ut_setup(void)
{
    apr_pool_create(&ut_pool, NULL);
}

void ut_teardown(void)
{
    apr_pool_destroy(ut_pool);
    ut_pool = NULL;
}

void ut_log_capture(void *baton, ag_log_level_e level, const char *msg)
{
    ut_log_t *log = baton;

    log->count++;
    log->level = level;
    snprintf(log->last, sizeof(log->last), "%s", msg);
}

int main(void)
{
    SRunner *sr;
    int failed;

    apr_initialize();
    sr = srunner_create(suite_text());
    srunner_add_suite(sr, suite_cred());
    srunner_add_suite(sr, suite_passwd());
    srunner_add_suite(sr, suite_userfile());
    srunner_add_suite(sr, suite_rolefile());
    srunner_add_suite(sr, suite_decide());
    srunner_add_suite(sr, suite_store());
    srunner_add_suite(sr, suite_challenge());
    srunner_add_suite(sr, suite_slot());
    srunner_add_suite(sr, suite_escape());
    srunner_add_suite(sr, suite_template());
    srunner_add_suite(sr, suite_negotiate());
    srunner_add_suite(sr, suite_page());
    srunner_add_suite(sr, suite_words());
    srunner_add_suite(sr, suite_lang());
    srunner_add_suite(sr, suite_url());
    srunner_add_suite(sr, suite_tokenfile());
    srunner_add_suite(sr, suite_credcache());
    srunner_add_suite(sr, suite_fileread());
    srunner_add_suite(sr, suite_lockout());
    srunner_add_suite(sr, suite_secretscan());
    srunner_add_suite(sr, suite_session());
    srunner_add_suite(sr, suite_form());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    apr_terminate();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
