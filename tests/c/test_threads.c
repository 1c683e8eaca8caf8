/* One client shared by 8 threads, each running checks of every family at the same time; and a
 * client that keeps working in a forked child. */
#define _POSIX_C_SOURCE 200809L

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdio.h>

#include "harness.h"
#include "suites.h"

#define THREADS 8
#define ROUNDS 5

typedef struct {
  lk_client *client;
  lk_request *faxstore, *licensespring, *framecad;
  int valid, other;
} worker;

static void *work(void *arg) {
  worker *w = (worker *)arg;
  int round;
  for (round = 0; round < ROUNDS; round++) {
    lk_verdict *verdicts[3] = {NULL, NULL, NULL};
    lk_outcome outcomes[3];
    int i;
    outcomes[0] = lk_client_faxstore_check(w->client, w->faxstore, &verdicts[0]);
    outcomes[1] = lk_client_licensespring_check(w->client, w->licensespring, &verdicts[1]);
    outcomes[2] = lk_client_framecad_check(w->client, w->framecad, &verdicts[2]);
    for (i = 0; i < 3; i++) {
      if (outcomes[i] == LK_OUTCOME_VALID && lk_verdict_outcome(verdicts[i]) == LK_OUTCOME_VALID) w->valid++;
      else w->other++;
      lk_verdict_free(verdicts[i]);
    }
  }
  return NULL;
}

static void eight_threads_share_one_client(void) {
  lk_client *client = lkt_client();
  lk_request *faxstore = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001", lk_request_set_product_id, "8");
  lk_request *licensespring = lkt_request(3, lk_request_set_license_key, "LS-VALID-0001", lk_request_set_product,
                                          "TP", lk_request_set_hardware_id, "demo-hwid-0001");
  lk_request *framecad = lkt_request(3, lk_request_set_client_key, "3D9AACA84BEC559A", lk_request_set_license_key,
                                     "ACTV-0000-0000-0001", lk_request_set_machine_key, "MACHINE-A-0001");
  pthread_t threads[THREADS];
  worker workers[THREADS];
  int i, valid = 0, other = 0;
  lkt_reset();
  for (i = 0; i < THREADS; i++) {
    workers[i].client = client;
    workers[i].faxstore = faxstore;
    workers[i].licensespring = licensespring;
    workers[i].framecad = framecad;
    workers[i].valid = workers[i].other = 0;
    LKT_CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0, "thread %d", i);
  }
  for (i = 0; i < THREADS; i++) {
    pthread_join(threads[i], NULL);
    valid += workers[i].valid;
    other += workers[i].other;
  }
  LKT_CHECK(valid == THREADS * ROUNDS * 3 && other == 0, "%d valid, %d other", valid, other);
  lk_request_free(faxstore);
  lk_request_free(licensespring);
  lk_request_free(framecad);
  lk_client_free(client);
}

static void a_client_keeps_working_in_a_forked_child(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001", lk_request_set_product_id, "8");
  lk_verdict *verdict = NULL;
  struct pollfd wait_for_child;
  int fds[2], status = 0;
  char answer = '?';
  pid_t child;
  /* The parent uses the client first, so the child inherits a live connection pool. */
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(client, request, &verdict), LK_OUTCOME_VALID);
  lk_verdict_free(verdict);
  LKT_CHECK(pipe(fds) == 0, "pipe");
  fflush(stdout);
  child = fork();
  if (child == 0) {
    lk_verdict *in_child = NULL;
    lk_outcome outcome = lk_client_faxstore_check(client, request, &in_child);
    char result = outcome == LK_OUTCOME_VALID && lk_verdict_outcome(in_child) == LK_OUTCOME_VALID ? 'y' : 'n';
    lk_verdict_free(in_child);
    lk_client_free(client);
    lk_request_free(request);
    if (write(fds[1], &result, 1) != 1) _exit(3);
    _exit(0); /* not exit(): the harness's atexit handler would stop the parent's server */
  }
  close(fds[1]);
  wait_for_child.fd = fds[0];
  wait_for_child.events = POLLIN;
  /* A child stuck on the parent's I/O thread would never answer: give up after 60 s. */
  if (poll(&wait_for_child, 1, 60000) == 1) LKT_CHECK(read(fds[0], &answer, 1) == 1, "read");
  else kill(child, SIGKILL);
  waitpid(child, &status, 0);
  close(fds[0]);
  LKT_CHECK(answer == 'y', "the child's check: '%c'", answer);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(client, request, &verdict), LK_OUTCOME_VALID);
  lk_verdict_free(verdict);
  lk_request_free(request);
  lk_client_free(client);
}

void suite_threads(void) {
  lkt_run("8 threads share one client", eight_threads_share_one_client);
  lkt_run("a client keeps working in a forked child", a_client_keeps_working_in_a_forked_child);
}
