/* The _async forms: each calls back exactly once, on a library thread, while the caller's
 * thread goes on. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "suites.h"

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t done;
  int calls;
  lk_outcome outcome;
  lk_verdict *verdict;
  pthread_t thread;
} completion;

static void completion_init(completion *c) {
  memset(c, 0, sizeof *c);
  pthread_mutex_init(&c->lock, NULL);
  pthread_cond_init(&c->done, NULL);
}

static void on_verdict(void *user_data, lk_outcome outcome, lk_verdict *verdict) {
  completion *c = (completion *)user_data;
  pthread_mutex_lock(&c->lock);
  c->calls++;
  c->outcome = outcome;
  if (c->verdict) lk_verdict_free(c->verdict); /* a second call would be a bug; no leak */
  c->verdict = verdict;
  c->thread = pthread_self();
  pthread_cond_broadcast(&c->done);
  pthread_mutex_unlock(&c->lock);
}

/* Waits for the callback (the server answers well within 30 s). */
static void completion_wait(completion *c) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 30;
  pthread_mutex_lock(&c->lock);
  while (c->calls == 0 && pthread_cond_timedwait(&c->done, &c->lock, &deadline) == 0) {
  }
  pthread_mutex_unlock(&c->lock);
}

static void completion_destroy(completion *c) {
  lk_verdict_free(c->verdict);
  pthread_cond_destroy(&c->done);
  pthread_mutex_destroy(&c->lock);
}

static void the_callback_fires_once_on_another_thread_while_the_caller_goes_on(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001", lk_request_set_product_id, "8");
  completion c;
  int calls_when_returned;
  lkt_reset();
  /* The server holds the answer for a second, so "returned before the answer" is certain. */
  lkt_http("POST", "/__admin/faults", "{\"path\": \"/api/check/8\", \"delay_ms\": 1000, \"times\": 1}", NULL);
  completion_init(&c);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check_async(client, request, on_verdict, &c), LK_OUTCOME_VALID);
  pthread_mutex_lock(&c.lock);
  calls_when_returned = c.calls;
  pthread_mutex_unlock(&c.lock);
  /* The request and the client may go away at once: the call holds its own copies. */
  lk_request_free(request);
  lk_client_free(client);
  LKT_CHECK(calls_when_returned == 0, "the callback ran before the call returned");
  completion_wait(&c);
  LKT_CHECK(c.calls == 1, "%d calls", c.calls);
  LKT_CHECK_OUTCOME(c.outcome, LK_OUTCOME_VALID);
  LKT_CHECK(c.verdict && lk_verdict_outcome(c.verdict) == c.outcome, "verdict outcome");
  LKT_CHECK(!pthread_equal(c.thread, pthread_self()), "called back on the caller's thread");
  completion_destroy(&c);
}

typedef lk_outcome (*lkt_async_op)(const lk_client *, const lk_request *, lk_verdict_callback, void *);

static void every_async_operation_calls_back_exactly_once(void) {
  static const struct {
    lkt_async_op op;
    lk_outcome want;
    int family; /* 0 faxstore, 1 licensespring, 2 framecad */
  } ops[] = {
      {lk_client_faxstore_check_async, LK_OUTCOME_VALID, 0},
      {lk_client_faxstore_check_multiple_async, LK_OUTCOME_VALID, 0},
      {lk_client_faxstore_check_v1_async, LK_OUTCOME_VALID, 0},
      {lk_client_licensespring_activate_async, LK_OUTCOME_VALID, 1},
      {lk_client_licensespring_check_async, LK_OUTCOME_VALID, 1},
      {lk_client_management_check_async, LK_OUTCOME_VALID, 1},
      {lk_client_licensespring_deactivate_async, LK_OUTCOME_DEACTIVATED, 1},
      {lk_client_framecad_activate_async, LK_OUTCOME_ALREADY_ACTIVATED, 2},
      {lk_client_framecad_validate_async, LK_OUTCOME_VALID, 2},
      {lk_client_framecad_check_async, LK_OUTCOME_VALID, 2},
      {lk_client_framecad_status_async, LK_OUTCOME_VALID, 2},
      {lk_client_framecad_deactivate_async, LK_OUTCOME_DEACTIVATED, 2},
  };
  lk_client *client = lkt_client();
  lk_request *requests[3];
  size_t i, n = sizeof ops / sizeof ops[0];
  lkt_reset();
  requests[0] = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001", lk_request_set_product_id, "8");
  lk_request_add_product_id(requests[0], "8");
  requests[1] = lkt_request(3, lk_request_set_license_key, "LS-VALID-0001", lk_request_set_product, "TP",
                            lk_request_set_hardware_id, "demo-hwid-0001");
  requests[2] = lkt_request(4, lk_request_set_client_key, "3D9AACA84BEC559A", lk_request_set_license_key,
                            "ACTV-0000-0000-0001", lk_request_set_machine_key, "MACHINE-A-0001",
                            lk_request_set_product_key, "PRODUCT-KEY-1");
  /* One at a time: activate/deactivate change what the next call sees. */
  for (i = 0; i < n; i++) {
    completion c;
    completion_init(&c);
    LKT_CHECK_OUTCOME(ops[i].op(client, requests[ops[i].family], on_verdict, &c), LK_OUTCOME_VALID);
    completion_wait(&c);
    LKT_CHECK(c.calls == 1, "operation %zu: %d calls", i, c.calls);
    LKT_CHECK_OUTCOME(c.outcome, ops[i].want);
    LKT_CHECK(c.verdict != NULL, "operation %zu: no verdict", i);
    completion_destroy(&c);
  }
  for (i = 0; i < 3; i++) lk_request_free(requests[i]);
  lk_client_free(client);
}

static void a_refused_async_call_calls_back_with_invalid_argument_and_no_verdict(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(1, lk_request_set_product_id, "8"); /* no license key */
  completion c;
  completion_init(&c);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check_async(client, request, on_verdict, &c), LK_OUTCOME_VALID);
  completion_wait(&c);
  LKT_CHECK(c.calls == 1, "%d calls", c.calls);
  LKT_CHECK_OUTCOME(c.outcome, LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(c.verdict == NULL, "a verdict for a refused call");
  completion_destroy(&c);
  lk_request_free(request);
  lk_client_free(client);
}

void suite_async(void) {
  lkt_run("the callback fires once, on another thread, while the caller goes on",
          the_callback_fires_once_on_another_thread_while_the_caller_goes_on);
  lkt_run("every _async operation calls back exactly once", every_async_operation_calls_back_exactly_once);
  lkt_run("a refused _async call calls back with INVALID_ARGUMENT and no verdict",
          a_refused_async_call_calls_back_with_invalid_argument_and_no_verdict);
}
