/* The C test harness (see harness.h). */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- framework ---- */

static pthread_mutex_t lkt_lock = PTHREAD_MUTEX_INITIALIZER;
static int lkt_passed, lkt_failed, lkt_case_failures;
static const char *lkt_case = "(none)";

const char *lkt_name(uint32_t outcome) {
  const char *name = lk_outcome_name(outcome);
  return name ? name : "?";
}

void lkt_fail(const char *file, int line, const char *fmt, ...) {
  va_list args;
  pthread_mutex_lock(&lkt_lock);
  fprintf(stdout, "  FAIL %s (%s:%d): ", lkt_case, file, line);
  va_start(args, fmt);
  vfprintf(stdout, fmt, args);
  va_end(args);
  fputc('\n', stdout);
  fflush(stdout);
  lkt_case_failures++;
  pthread_mutex_unlock(&lkt_lock);
}

void lkt_run(const char *name, void (*test)(void)) {
  int failures;
  pthread_mutex_lock(&lkt_lock);
  lkt_case = name;
  lkt_case_failures = 0;
  pthread_mutex_unlock(&lkt_lock);
  test();
  pthread_mutex_lock(&lkt_lock);
  failures = lkt_case_failures;
  if (failures == 0) {
    lkt_passed++;
    printf("ok   %s\n", name);
  } else {
    lkt_failed++;
    printf("FAIL %s\n", name);
  }
  fflush(stdout);
  pthread_mutex_unlock(&lkt_lock);
}

int lkt_summary(void) {
  printf("%d passed, %d failed\n", lkt_passed, lkt_failed);
  fflush(stdout);
  return lkt_failed == 0 && lkt_passed > 0 ? 0 : 1;
}

/* ---- the test server ---- */

static pid_t server_pid = -1;
static int server_port = -1;
static char server_url[64];
static char server_log[] = "/tmp/lkt-server-XXXXXX";
static char *public_key;

static void sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

static void stop_server(void) {
  if (server_pid > 0) {
    kill(server_pid, SIGTERM);
    waitpid(server_pid, NULL, 0);
    server_pid = -1;
    unlink(server_log);
  }
  free(public_key);
  public_key = NULL;
}

/* The server writes its log to a file (not a pipe nobody drains, which would block it once
 * full); the first line is "listening on http://127.0.0.1:PORT". */
static void start_server(void) {
  const char *binary = getenv("LICENSEKIT_SERVER");
  int fd, i;
  if (!binary) binary = "target/debug/licensekit-server";
  fd = mkstemp(server_log);
  if (fd < 0) {
    perror("mkstemp");
    exit(2);
  }
  server_pid = fork();
  if (server_pid < 0) {
    perror("fork");
    exit(2);
  }
  if (server_pid == 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
    execl(binary, binary, "--port", "0", (char *)NULL);
    perror(binary);
    _exit(127);
  }
  close(fd);
  atexit(stop_server);
  for (i = 0; i < 1000 && server_port < 0; i++) {
    char line[256] = {0};
    FILE *log = fopen(server_log, "r");
    if (log) {
      if (fgets(line, sizeof line, log) && strchr(line, '\n'))
        sscanf(line, "listening on http://127.0.0.1:%d", &server_port);
      fclose(log);
    }
    if (server_port < 0) {
      if (waitpid(server_pid, NULL, WNOHANG) == server_pid) break;
      sleep_ms(10);
    }
  }
  if (server_port < 0) {
    fprintf(stdout, "the test server (%s) did not start\n", binary);
    exit(2);
  }
  snprintf(server_url, sizeof server_url, "http://127.0.0.1:%d", server_port);
}

const char *lkt_server_url(void) {
  const char *given = getenv("LICENSEKIT_URL");
  if (server_port < 0 && given && sscanf(given, "http://127.0.0.1:%d", &server_port) == 1)
    snprintf(server_url, sizeof server_url, "http://127.0.0.1:%d", server_port);
  if (server_port < 0) start_server();
  return server_url;
}

int lkt_server_port(void) {
  lkt_server_url();
  return server_port;
}

/* Appends n bytes to a growing buffer. */
static int append(char **buf, size_t *len, size_t *cap, const char *data, size_t n) {
  if (*len + n + 1 > *cap) {
    size_t want = (*cap ? *cap * 2 : 4096);
    char *grown;
    while (want < *len + n + 1) want *= 2;
    grown = (char *)realloc(*buf, want);
    if (!grown) return -1;
    *buf = grown;
    *cap = want;
  }
  memcpy(*buf + *len, data, n);
  *len += n;
  (*buf)[*len] = '\0';
  return 0;
}

/* Decodes a chunked body in place; returns its length. */
static size_t dechunk(char *body) {
  char *in = body, *out = body;
  for (;;) {
    char *end;
    unsigned long size = strtoul(in, &end, 16);
    if (end == in || size == 0) break;
    in = strstr(end, "\r\n");
    if (!in) break;
    in += 2;
    memmove(out, in, size);
    out += size;
    in += size + 2;
  }
  *out = '\0';
  return (size_t)(out - body);
}

int lkt_http(const char *method, const char *path, const char *json_body, char **out_body) {
  struct sockaddr_in addr;
  char head[1024];
  char chunk[4096];
  char *resp = NULL, *body;
  size_t len = 0, cap = 0, body_len = strlen(json_body ? json_body : "");
  int fd, status = -1, n;
  if (out_body) *out_body = NULL;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)lkt_server_port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  n = snprintf(head, sizeof head,
               "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Content-Length: %zu\r\nConnection: close\r\n\r\n",
               method, path, body_len);
  if (write(fd, head, (size_t)n) != n ||
      (body_len && write(fd, json_body, body_len) != (ssize_t)body_len)) {
    close(fd);
    return -1;
  }
  while ((n = (int)read(fd, chunk, sizeof chunk)) > 0) {
    if (append(&resp, &len, &cap, chunk, (size_t)n) != 0) break;
  }
  close(fd);
  if (!resp) return -1;
  if (sscanf(resp, "HTTP/1.1 %d", &status) != 1) status = -1;
  body = strstr(resp, "\r\n\r\n");
  if (body && out_body) {
    int chunked = 0;
    char *te;
    *body = '\0';
    for (te = resp; *te; te++) *te = (char)((*te >= 'A' && *te <= 'Z') ? *te + 32 : *te);
    chunked = strstr(resp, "transfer-encoding: chunked") != NULL;
    body += 4;
    memmove(resp, body, strlen(body) + 1);
    if (chunked) dechunk(resp);
    *out_body = resp;
  } else {
    free(resp);
  }
  return status;
}

void lkt_reset(void) {
  int reset = lkt_http("POST", "/__admin/reset", "", NULL);
  int faults = lkt_http("DELETE", "/__admin/faults", "", NULL);
  LKT_CHECK(reset == 200, "POST /__admin/reset answered %d", reset);
  LKT_CHECK(faults == 200 || faults == 204, "DELETE /__admin/faults answered %d", faults);
}

const char *lkt_public_key(void) {
  if (!public_key) {
    int status = lkt_http("GET", "/__admin/public-key", NULL, &public_key);
    if (status != 200) {
      fprintf(stdout, "GET /__admin/public-key answered %d\n", status);
      exit(2);
    }
  }
  return public_key;
}

lk_client_config *lkt_config(void) {
  lk_client_config *config = NULL;
  LKT_CHECK_OUTCOME(lk_client_config_new(&config), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_base_url(config, lkt_server_url()), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_timeouts(config, 5000, 10000), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_retries(config, 0, 0, 0), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(
      lk_client_config_set_licensespring_keys(config, "test-api-key", "test-shared-key"),
      LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_management_key(config, "test-management-key"),
                    LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_licensespring_public_key(config, lkt_public_key()),
                    LK_OUTCOME_VALID);
  return config;
}

lk_client *lkt_client(void) {
  lk_client *client = NULL;
  lk_client_config *config = lkt_config();
  LKT_CHECK_OUTCOME(lk_client_new(config, &client), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_free(config), LK_OUTCOME_VALID);
  return client;
}

typedef lk_outcome (*lkt_setter)(lk_request *, const char *);

lk_request *lkt_request(int n, ...) {
  lk_request *request = NULL;
  va_list args;
  int i;
  LKT_CHECK_OUTCOME(lk_request_new(&request), LK_OUTCOME_VALID);
  va_start(args, n);
  for (i = 0; i < n; i++) {
    lkt_setter set = va_arg(args, lkt_setter);
    const char *value = va_arg(args, const char *);
    LKT_CHECK_OUTCOME(set(request, value), LK_OUTCOME_VALID);
  }
  va_end(args);
  return request;
}
