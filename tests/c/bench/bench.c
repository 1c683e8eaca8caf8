/*
 * `make bench-c`: what the C ABI costs.
 *  1. Local operations through the C ABI (outcome name lookup, cached hardware ID) against the
 *     Rust core doing the same (figures passed in by ffi-c/benches/core_baseline.rs).
 *  2. A FaxStore check round trip from C through liblicensekit against the same request sent
 *     with libcurl (one easy handle, so the connection is kept alive), same server, same run,
 *     interleaved in blocks so both see the same machine state.
 * Usage: bench [outcome_name_ns=X hardware_id_ns=Y check_us=Z] (the core's figures); the
 * server is $LICENSEKIT_URL, or one started by the harness.
 */
#define _POSIX_C_SOURCE 200809L

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../harness.h"

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static volatile size_t sink;

#define BLOCKS 21
#define BLOCK 150

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The median of n values (sorts a copy). */
static double median(const double *values, int n) {
  double sorted[BLOCKS];
  int i;
  for (i = 0; i < n; i++) sorted[i] = values[i];
  qsort(sorted, (size_t)n, sizeof sorted[0], by_value);
  return sorted[n / 2];
}

/* Best of 15 runs (the least disturbed by other processes), nanoseconds per call. */
static double outcome_name_ns(void) {
  size_t count = 0, best_i;
  const lk_outcome *all = lk_outcome_all(&count);
  double best = 1e30;
  int run;
  for (run = 0; run < 15; run++) {
    double start = now_ns();
    for (best_i = 0; best_i < 2000000; best_i++) sink += (size_t)lk_outcome_name(all[best_i % count]);
    if ((now_ns() - start) / 2000000.0 < best) best = (now_ns() - start) / 2000000.0;
  }
  return best;
}

static double hardware_id_ns(void) {
  char id[80];
  double best = 1e30;
  int run, i;
  lk_hardware_id("TP", id, sizeof id, NULL);
  for (run = 0; run < 15; run++) {
    double start = now_ns(), per;
    for (i = 0; i < 200000; i++) {
      lk_hardware_id("TP", id, sizeof id, NULL);
      sink += (size_t)id[0];
    }
    per = (now_ns() - start) / 200000.0;
    if (per < best) best = per;
  }
  return best;
}

static size_t collect(char *data, size_t size, size_t n, void *user) {
  (void)data;
  *(size_t *)user += size * n;
  return size * n;
}

/* Mean microseconds per call of `block` calls through liblicensekit. */
static double licensekit_block(lk_client *client, lk_request *request, int block) {
  double start = now_ns();
  int i;
  for (i = 0; i < block; i++) {
    lk_verdict *verdict = NULL;
    if (lk_client_faxstore_check(client, request, &verdict) != LK_OUTCOME_VALID) {
      fprintf(stderr, "licensekit check failed\n");
      exit(1);
    }
    lk_verdict_free(verdict);
  }
  return (now_ns() - start) / block / 1000.0;
}

static double curl_block(CURL *curl, int block) {
  double start = now_ns();
  int i;
  for (i = 0; i < block; i++) {
    size_t received = 0;
    long status = 0;
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &received);
    if (curl_easy_perform(curl) != CURLE_OK ||
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200 || !received) {
      fprintf(stderr, "curl check failed\n");
      exit(1);
    }
  }
  return (now_ns() - start) / block / 1000.0;
}

int main(int argc, char **argv) {
  double core_name = 0, core_hwid = 0, core_check = 0, abi_check = 0, abi_name, abi_hwid;
  double lk_us[BLOCKS], curl_us[BLOCKS], ratios[BLOCKS], abi_ratio = 0;
  char url[128];
  int i, b;
  lk_client *client;
  lk_request *request;
  CURL *curl;
  struct curl_slist *headers = NULL;
  for (i = 1; i < argc; i++) {
    sscanf(argv[i], "outcome_name_ns=%lf", &core_name);
    sscanf(argv[i], "hardware_id_ns=%lf", &core_hwid);
    sscanf(argv[i], "check_us=%lf", &core_check);
    sscanf(argv[i], "abi_check_us=%lf", &abi_check);
    sscanf(argv[i], "abi_ratio=%lf", &abi_ratio);
  }

  abi_name = outcome_name_ns();
  abi_hwid = hardware_id_ns();
  printf("local: outcome name   C ABI %7.2f ns/call", abi_name);
  if (core_name > 0) printf("   Rust core %7.2f ns/call   ratio %.2fx", core_name, abi_name / core_name);
  printf("\nlocal: hardware ID    C ABI %7.2f ns/call", abi_hwid);
  if (core_hwid > 0) printf("   Rust core %7.2f ns/call   ratio %.2fx", core_hwid, abi_hwid / core_hwid);
  printf("\n");

  client = lkt_client();
  request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001", lk_request_set_product_id, "8");
  lk_request_set_log(request, false);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  curl = curl_easy_init();
  snprintf(url, sizeof url, "%s/api/check/8", lkt_server_url());
  headers = curl_slist_append(headers, "authorization: FS-ACTIVE-0001");
  headers = curl_slist_append(headers, "accept: application/json, text/plain, */*");
  headers = curl_slist_append(headers, "content-type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "{\"log\":false}");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);

  /* Warm both connections, then alternate blocks; the ratio of each adjacent pair of blocks
   * sees the same machine load, and the median of those ratios ignores the blocks a busy
   * neighbour disturbed. */
  licensekit_block(client, request, 50);
  curl_block(curl, 50);
  for (b = 0; b < BLOCKS; b++) {
    lk_us[b] = licensekit_block(client, request, BLOCK);
    curl_us[b] = curl_block(curl, BLOCK);
    ratios[b] = lk_us[b] / curl_us[b];
  }
  printf("round trip: FaxStore check   liblicensekit %6.1f us/call   libcurl (keep-alive) %6.1f us/call"
         "   ratio %.2fx   (medians of %d block pairs of %d calls)\n",
         median(lk_us, BLOCKS), median(curl_us, BLOCKS), median(ratios, BLOCKS), BLOCKS, BLOCK);
  if (core_check > 0 && abi_check > 0)
    printf("round trip: FaxStore check   Rust core     %6.1f us/call   C ABI from Rust      %6.1f us/call"
           "   ratio %.2fx   (same run, interleaved; medians)\n",
           core_check, abi_check, abi_ratio);

  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  curl_global_cleanup();
  lk_request_free(request);
  lk_client_free(client);
  return 0;
}
