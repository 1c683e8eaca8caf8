/*
 * The C test harness: a tiny test framework (closing line "N passed, N failed"), the real
 * licensekit-server started on port 0 for the whole run, its admin API over a minimal HTTP/1.1
 * client, and a client factory. Used by every suite in tests/c/.
 */
#ifndef LKT_HARNESS_H
#define LKT_HARNESS_H

#include <stddef.h>

#include "licensekit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- framework ---- */

/* Runs one test case; it passes when no LKT_CHECK inside it failed. */
void lkt_run(const char *name, void (*test)(void));
/* Records a failed check of the running test case (thread-safe). */
void lkt_fail(const char *file, int line, const char *fmt, ...);
/* Prints "N passed, N failed" alone on a line; returns the process exit code. */
int lkt_summary(void);

#define LKT_CHECK(cond, ...)                                                                \
  do {                                                                                      \
    if (!(cond)) lkt_fail(__FILE__, __LINE__, __VA_ARGS__);                                 \
  } while (0)

/* Compares two outcomes, printing both names on failure. */
#define LKT_CHECK_OUTCOME(got, want)                                                        \
  do {                                                                                      \
    uint32_t lkt_g_ = (uint32_t)(got), lkt_w_ = (uint32_t)(want);                           \
    if (lkt_g_ != lkt_w_)                                                                   \
      lkt_fail(__FILE__, __LINE__, "outcome %s (%u), expected %s (%u)",                     \
               lkt_name(lkt_g_), lkt_g_, lkt_name(lkt_w_), lkt_w_);                         \
  } while (0)

/* lk_outcome_name, or "?" for an unknown number. */
const char *lkt_name(uint32_t outcome);

/* ---- the test server ---- */

/* The server's base URL ("http://127.0.0.1:PORT"): $LICENSEKIT_URL when set (a server already
 * running), else a server started on first use and stopped at exit.
 * Binary: $LICENSEKIT_SERVER, else target/debug/licensekit-server. */
const char *lkt_server_url(void);
/* The server's port. */
int lkt_server_port(void);
/* An admin or API request to the server; returns the HTTP status (-1 when it failed) and, when
 * out_body is not NULL, the body (malloc'd, NUL-terminated; free it). */
int lkt_http(const char *method, const char *path, const char *json_body, char **out_body);
/* POST /__admin/reset and DELETE /__admin/faults; fails the running test when they fail. */
void lkt_reset(void);
/* The server's LicenseSpring public key PEM (fetched once, freed at exit). */
const char *lkt_public_key(void);

/* A client for the test server with the demo fixture's credentials, no retries and a 10 s
 * timeout. NULL (and a failed check) when it cannot be built. */
lk_client *lkt_client(void);
/* A configuration like lkt_client's, to change before lk_client_new. */
lk_client_config *lkt_config(void);

/* A request with `n` (setter, value) string pairs. */
lk_request *lkt_request(int n, ...);

#ifdef __cplusplus
}
#endif

#endif
