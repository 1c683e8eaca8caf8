/* Bad input never crashes: NULL everywhere, invalid UTF-8, over-long strings, freed-twice and
 * mistyped handles, too-small buffers; each gives a documented outcome. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "suites.h"

/* A pointer that is not NULL, to prove out-parameters are cleared first. */
#define POISON ((void *)(uintptr_t)0x1)

static void null_out_pointers_and_handles_are_invalid_arguments(void) {
  lk_client *client = (lk_client *)POISON;
  lk_verdict *verdict = (lk_verdict *)POISON;
  lk_request *request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001",
                                    lk_request_set_product_id, "8");
  lk_client *real = lkt_client();
  LKT_CHECK_OUTCOME(lk_client_config_new(NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_request_new(NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_new(NULL, &client), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(client == NULL, "out_client not cleared");
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(NULL, request, &verdict), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(verdict == NULL, "out_verdict not cleared");
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(real, NULL, &verdict), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(real, request, NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_framecad_status(NULL, NULL, NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check_async(real, request, NULL, NULL),
                    LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_config_set_base_url(NULL, "http://127.0.0.1:1"),
                    LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_request_set_license_key(NULL, "x"), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_request_set_license_key(request, NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_request_set_log(NULL, true), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_set_log_callback(99, NULL, NULL), LK_OUTCOME_INVALID_ARGUMENT);
  /* Frees of NULL are no-ops. */
  LKT_CHECK_OUTCOME(lk_client_free(NULL), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_free(NULL), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_request_free(NULL), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_verdict_free(NULL), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_request_free(request), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_free(real), LK_OUTCOME_VALID);
}

static void verdict_getters_on_null_return_neutral_values(void) {
  uint64_t used = 7, max = 7;
  LKT_CHECK_OUTCOME(lk_verdict_outcome(NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(lk_verdict_message(NULL) == NULL, "message");
  LKT_CHECK(lk_verdict_json(NULL) == NULL, "json");
  LKT_CHECK(lk_verdict_http_status(NULL) == 0, "http status");
  LKT_CHECK(lk_verdict_license_enabled(NULL) == -1, "enabled");
  LKT_CHECK(lk_verdict_license_feature(NULL, 0) == NULL, "feature");
  LKT_CHECK(!lk_verdict_is_granted(NULL), "granted");
  LKT_CHECK_OUTCOME(lk_verdict_license_seats(NULL, &used, &max), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(used == 0 && max == 0, "seats not cleared");
}

static void invalid_utf8_and_over_long_strings_are_refused_and_4096_bytes_accepted(void) {
  lk_request *request = NULL;
  lk_client_config *config = NULL;
  char *long_text = (char *)malloc(4098);
  memset(long_text, 'a', 4097);
  long_text[4097] = '\0';
  LKT_CHECK_OUTCOME(lk_request_new(&request), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_request_set_license_key(request, "\xff\xfe-not-utf8"), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_request_set_product(request, "caf\xc3"), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_request_set_license_key(request, long_text), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_request_add_product_id(request, long_text), LK_OUTCOME_INVALID_ARGUMENT);
  long_text[4096] = '\0';
  LKT_CHECK_OUTCOME(lk_request_set_license_key(request, long_text), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_request_set_product(request, "caf\xc3\xa9"), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_new(&config), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_base_url(config, "http://\xff"), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_config_set_licensespring_keys(config, "\x80", NULL),
                    LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_config_set_licensespring_keys(config, NULL, NULL), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_retries(config, 1, 500, 100), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_hardware_id("\xff", NULL, 0, NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_outcome_from_name(long_text, NULL), LK_OUTCOME_INVALID_ARGUMENT);
  lk_client_config_free(config);
  lk_request_free(request);
  free(long_text);
}

static void an_empty_required_field_is_refused_by_the_operation(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(2, lk_request_set_license_key, "", lk_request_set_product_id, "8");
  lk_verdict *verdict = (lk_verdict *)POISON;
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(client, request, &verdict), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(verdict == NULL, "a verdict for a refused call");
  lk_request_free(request);
  lk_client_free(client);
}

static void unusable_configurations_are_refused_by_lk_client_new(void) {
  const char *bad_urls[] = {"", "not a url", "ftp://127.0.0.1/", "http://licenses.example.com"};
  size_t i;
  for (i = 0; i < sizeof bad_urls / sizeof bad_urls[0]; i++) {
    lk_client_config *config = NULL;
    lk_client *client = (lk_client *)POISON;
    lk_client_config_new(&config);
    lk_client_config_set_base_url(config, bad_urls[i]);
    LKT_CHECK_OUTCOME(lk_client_new(config, &client), LK_OUTCOME_INVALID_ARGUMENT);
    LKT_CHECK(client == NULL, "a client for base URL \"%s\"", bad_urls[i]);
    lk_client_config_free(config);
  }
  {
    lk_client_config *config = lkt_config();
    lk_client *client = NULL;
    LKT_CHECK_OUTCOME(lk_client_config_add_ca_pem(config, "-----BEGIN CERTIFICATE-----\nnope\n"
                                                          "-----END CERTIFICATE-----\n"),
                      LK_OUTCOME_VALID);
    LKT_CHECK_OUTCOME(lk_client_new(config, &client), LK_OUTCOME_INVALID_ARGUMENT);
    lk_client_config_free(config);
  }
}

static void freed_twice_handles_are_detected(void) {
  lk_client_config *config = lkt_config();
  lk_client *client = NULL;
  lk_request *request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001",
                                    lk_request_set_product_id, "8");
  lk_verdict *verdict = NULL, *again = (lk_verdict *)POISON;
  LKT_CHECK_OUTCOME(lk_client_new(config, &client), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(client, request, &verdict), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_verdict_free(verdict), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_verdict_free(verdict), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_verdict_outcome(verdict), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(lk_verdict_message(verdict) == NULL, "message of a freed verdict");
  LKT_CHECK_OUTCOME(lk_client_config_free(config), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_free(config), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_config_set_proxy(config, "http://127.0.0.1:9"), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_free(client), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_free(client), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(client, request, &again), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(again == NULL, "a verdict from a freed client");
  LKT_CHECK_OUTCOME(lk_request_free(request), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_request_free(request), LK_OUTCOME_INVALID_ARGUMENT);
}

static void a_handle_of_another_type_is_refused(void) {
  lk_request *request = lkt_request(0);
  lk_verdict *verdict = NULL;
  /* A request passed where a client and a verdict are expected. */
  LKT_CHECK_OUTCOME(lk_client_free((lk_client *)(void *)request), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_client_framecad_check((const lk_client *)(void *)request, request, &verdict),
                    LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_verdict_outcome((const lk_verdict *)(void *)request), LK_OUTCOME_INVALID_ARGUMENT);
  /* A pointer to stack memory that was never a handle. */
  {
    char not_a_handle[64] = {0};
    LKT_CHECK_OUTCOME(lk_request_free((lk_request *)(void *)not_a_handle), LK_OUTCOME_INVALID_ARGUMENT);
  }
  LKT_CHECK_OUTCOME(lk_request_free(request), LK_OUTCOME_VALID);
}

static void too_small_buffers_get_the_needed_size_and_an_empty_string(void) {
  char small[8] = "xxxxxxx";
  char big[128];
  size_t needed = 0, len = 0;
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", NULL, 0, &needed), LK_OUTCOME_VALID);
  LKT_CHECK(needed > 8 && needed < 80, "hardware id length %zu", needed);
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", small, sizeof small, &len), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(small[0] == '\0' && len == needed, "small buffer: '%s', %zu", small, len);
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", NULL, 5, &len), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", big, needed, &len), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", big, needed + 1, &len), LK_OUTCOME_VALID);
  LKT_CHECK(strlen(big) == needed, "copied %zu of %zu", strlen(big), needed);
  LKT_CHECK_OUTCOME(lk_hardware_id(NULL, big, sizeof big, &len), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_fingerprint_match_json(NULL, "{}", big, sizeof big, NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_fingerprint_match_json("{}", "not json", big, sizeof big, NULL),
                    LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_fingerprint_json("TP", "no-such-algorithm", big, sizeof big, NULL),
                    LK_OUTCOME_INVALID_ARGUMENT);
}

void suite_bad_input(void) {
  lkt_run("NULL out-pointers and handles are invalid arguments",
          null_out_pointers_and_handles_are_invalid_arguments);
  lkt_run("verdict getters on NULL return neutral values", verdict_getters_on_null_return_neutral_values);
  lkt_run("invalid UTF-8 and over-long strings are refused; 4096 bytes accepted",
          invalid_utf8_and_over_long_strings_are_refused_and_4096_bytes_accepted);
  lkt_run("an empty required field is refused by the operation, with no verdict",
          an_empty_required_field_is_refused_by_the_operation);
  lkt_run("unusable configurations are refused by lk_client_new",
          unusable_configurations_are_refused_by_lk_client_new);
  lkt_run("freed-twice handles are detected", freed_twice_handles_are_detected);
  lkt_run("a handle of another type is refused", a_handle_of_another_type_is_refused);
  lkt_run("too-small buffers get the needed size and an empty string",
          too_small_buffers_get_the_needed_size_and_an_empty_string);
}
