/* The log callback receives licensekit's records with every key masked. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "suites.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char captured[65536];
static size_t captured_len;
static int records;

static void capture(void *user_data, lk_log_level level, const char *target, const char *message) {
  size_t n;
  (void)level;
  pthread_mutex_lock(&log_lock);
  records++;
  *(int *)user_data += 1;
  n = strlen(target) + strlen(message) + 2;
  if (captured_len + n < sizeof captured) {
    strcpy(captured + captured_len, target);
    strcat(captured + captured_len, " ");
    strcat(captured + captured_len, message);
    strcat(captured + captured_len, "\n");
    captured_len += n;
  }
  pthread_mutex_unlock(&log_lock);
}

static void records_reach_the_callback_and_never_show_a_full_key(void) {
  int calls = 0;
  lk_client *client;
  lk_request *request;
  lk_verdict *verdict = NULL;
  lkt_reset();
  LKT_CHECK_OUTCOME(lk_set_log_callback(LK_LOG_TRACE, capture, &calls), LK_OUTCOME_VALID);
  client = lkt_client();
  /* A retried request logs at info/debug, an invalid argument at warn. */
  lkt_http("POST", "/__admin/faults", "{\"path\": \"/api/v4/check_license\", \"status\": 503, \"times\": 1}", NULL);
  {
    lk_client_config *config = lkt_config();
    lk_client *retrying = NULL;
    lk_client_config_set_retries(config, 1, 1, 1);
    lk_client_new(config, &retrying);
    request = lkt_request(3, lk_request_set_license_key, "LS-VALID-0001", lk_request_set_product, "TP",
                          lk_request_set_hardware_id, "demo-hwid-0001");
    LKT_CHECK_OUTCOME(lk_client_licensespring_check(retrying, request, &verdict), LK_OUTCOME_VALID);
    LKT_CHECK(lk_verdict_attempts(verdict) == 2, "attempts %u", lk_verdict_attempts(verdict));
    lk_verdict_free(verdict);
    lk_request_free(request);
    lk_client_free(retrying);
    lk_client_config_free(config);
  }
  lk_request_set_license_key(NULL, "SECRET-KEY-NEVER-LOGGED");
  LKT_CHECK_OUTCOME(lk_set_log_callback(LK_LOG_OFF, NULL, NULL), LK_OUTCOME_VALID);
  pthread_mutex_lock(&log_lock);
  LKT_CHECK(calls > 0 && calls == records, "%d records", calls);
  LKT_CHECK(strstr(captured, "retrying") != NULL, "no retry record in:\n%s", captured);
  LKT_CHECK(strstr(captured, "invalid argument `request`") != NULL, "no argument record in:\n%s", captured);
  LKT_CHECK(strstr(captured, "LS-VALID-0001") == NULL, "a full license key was logged:\n%s", captured);
  LKT_CHECK(strstr(captured, "SECRET-KEY") == NULL, "an argument value was logged:\n%s", captured);
  LKT_CHECK(strstr(captured, "test-shared-key") == NULL && strstr(captured, "test-api-key") == NULL,
            "a secret was logged:\n%s", captured);
  pthread_mutex_unlock(&log_lock);
  lk_client_free(client);
}

static void removing_the_callback_stops_delivery(void) {
  int calls = 0;
  LKT_CHECK_OUTCOME(lk_set_log_callback(LK_LOG_WARN, capture, &calls), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_set_log_callback(LK_LOG_WARN, NULL, NULL), LK_OUTCOME_VALID);
  lk_request_set_license_key(NULL, "x");
  LKT_CHECK(calls == 0, "%d records after removal", calls);
}

static int reentrant_calls;

/* A callback that itself calls a licensekit function which logs. */
static void reentrant(void *user_data, lk_log_level level, const char *target, const char *message) {
  (void)user_data;
  (void)level;
  (void)target;
  (void)message;
  reentrant_calls++;
  lk_request_set_license_key(NULL, "x");
}

static void a_callback_may_call_licensekit_without_recursing(void) {
  reentrant_calls = 0;
  LKT_CHECK_OUTCOME(lk_set_log_callback(LK_LOG_WARN, reentrant, NULL), LK_OUTCOME_VALID);
  lk_request_set_license_key(NULL, "x");
  LKT_CHECK_OUTCOME(lk_set_log_callback(LK_LOG_OFF, NULL, NULL), LK_OUTCOME_VALID);
  LKT_CHECK(reentrant_calls == 1, "%d calls", reentrant_calls);
}

void suite_logging(void) {
  lkt_run("a callback may call licensekit without recursing", a_callback_may_call_licensekit_without_recursing);
  lkt_run("records reach the callback and never show a full key",
          records_reach_the_callback_and_never_show_a_full_key);
  lkt_run("removing the callback stops delivery", removing_the_callback_stops_delivery);
}
