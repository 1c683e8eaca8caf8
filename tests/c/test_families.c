/* Every operation of every family, blocking, against the real test server (demo fixture),
 * and what the verdict's getters report. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json.h"
#include "suites.h"

#define FRAMECAD_CLIENT "3D9AACA84BEC559A"

static int str_eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Runs `op`, checks the outcome, vendor code (NULL = don't care) and HTTP status, returns the
 * verdict (the caller frees it). */
typedef lk_outcome (*lkt_op)(const lk_client *, const lk_request *, lk_verdict **);

static lk_verdict *expect(lkt_op op, lk_client *client, lk_request *request, lk_outcome outcome,
                          const char *vendor_code, uint16_t http_status) {
  lk_verdict *verdict = NULL;
  lk_outcome got = op(client, request, &verdict);
  LKT_CHECK_OUTCOME(got, outcome);
  LKT_CHECK(verdict != NULL, "no verdict");
  if (!verdict) return NULL;
  LKT_CHECK_OUTCOME(lk_verdict_outcome(verdict), got);
  if (vendor_code)
    LKT_CHECK(str_eq(lk_verdict_vendor_code(verdict), vendor_code), "vendor code %s, expected %s",
              lk_verdict_vendor_code(verdict) ? lk_verdict_vendor_code(verdict) : "NULL", vendor_code);
  LKT_CHECK(lk_verdict_http_status(verdict) == http_status, "HTTP %u, expected %u",
            lk_verdict_http_status(verdict), http_status);
  return verdict;
}

static void faxstore_check_check_multiple_and_check_v1_grant_an_active_key(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001",
                                    lk_request_set_product_id, "8");
  lk_verdict *verdict;
  lkt_reset();
  lk_request_set_info(request, "licensekit C tests");
  lk_request_set_log(request, false);
  verdict = expect(lk_client_faxstore_check, client, request, LK_OUTCOME_VALID, "AUTHORISED", 200);
  LKT_CHECK(str_eq(lk_verdict_family(verdict), "faxstore"), "family");
  LKT_CHECK(str_eq(lk_verdict_operation(verdict), "check"), "operation");
  LKT_CHECK(lk_verdict_is_granted(verdict), "granted");
  LKT_CHECK(lk_verdict_message(verdict) != NULL, "FaxStore sends details");
  lk_verdict_free(verdict);
  verdict = expect(lk_client_faxstore_check_v1, client, request, LK_OUTCOME_VALID, "OK", 200);
  LKT_CHECK(str_eq(lk_verdict_operation(verdict), "check_v1"), "operation");
  lk_verdict_free(verdict);
  lk_request_add_product_id(request, "999");
  lk_request_add_product_id(request, "16");
  verdict = expect(lk_client_faxstore_check_multiple, client, request, LK_OUTCOME_VALID, "AUTHORISED", 200);
  LKT_CHECK(str_eq(lk_verdict_operation(verdict), "check_multiple"), "operation");
  lk_verdict_free(verdict);
  lk_request_set_license_key(request, "FS-UNKNOWN-0001");
  lk_verdict_free(expect(lk_client_faxstore_check, client, request, LK_OUTCOME_KEY_NOT_FOUND, "NOT FOUND", 200));
  lk_request_free(request);
  lk_client_free(client);
}

static void licensespring_activate_check_and_deactivate_a_device(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(3, lk_request_set_license_key, "LS-VALID-0001",
                                    lk_request_set_product, "TP", lk_request_set_hardware_id, "c-hwid-0001");
  lk_verdict *verdict;
  uint64_t used = 0, max = 0;
  size_t i, features;
  int has_pro = 0;
  lkt_reset();
  lk_request_set_app_ver(request, "1.0.0");
  lk_request_set_os_ver(request, "Linux");
  lk_request_set_hostname(request, "c-test-host");
  lk_request_set_is_vm(request, false);
  verdict = expect(lk_client_licensespring_activate, client, request, LK_OUTCOME_VALID, NULL, 200);
  LKT_CHECK(lk_verdict_has_license(verdict), "no license");
  LKT_CHECK(str_eq(lk_verdict_license_key(verdict), "LS-VALID-0001"), "key %s", lk_verdict_license_key(verdict));
  LKT_CHECK(str_eq(lk_verdict_license_type(verdict), "perpetual"), "type");
  LKT_CHECK(str_eq(lk_verdict_license_id(verdict), "1001"), "id %s", lk_verdict_license_id(verdict));
  LKT_CHECK(lk_verdict_license_enabled(verdict) == 1 && lk_verdict_license_active(verdict) == 1, "state");
  LKT_CHECK_OUTCOME(lk_verdict_license_seats(verdict, &used, &max), LK_OUTCOME_VALID);
  LKT_CHECK(used == 2 && max == 3, "seats %llu/%llu", (unsigned long long)used, (unsigned long long)max);
  features = lk_verdict_license_feature_count(verdict);
  for (i = 0; i < features; i++) has_pro |= str_eq(lk_verdict_license_feature(verdict, i), "pro");
  LKT_CHECK(has_pro, "no 'pro' feature among %zu", features);
  LKT_CHECK(lk_verdict_license_feature(verdict, features) == NULL, "feature past the end");
  LKT_CHECK(lk_verdict_server_time(verdict) != NULL, "no server time");
  /* The raw body has the key; the full JSON masks it. */
  LKT_CHECK(strstr(lk_verdict_raw_json(verdict), "LS-VALID-0001") != NULL, "raw body lacks the key");
  LKT_CHECK(strstr(lk_verdict_json(verdict), "LS-VALID-0001") == NULL, "verdict JSON shows the key");
  LKT_CHECK(strstr(lk_verdict_json(verdict), "0001") != NULL, "verdict JSON lacks the masked key");
  lk_verdict_free(verdict);
  lk_request_set_include_expired_features(request, true);
  verdict = expect(lk_client_licensespring_check, client, request, LK_OUTCOME_VALID, NULL, 200);
  LKT_CHECK(str_eq(lk_verdict_operation(verdict), "check"), "operation");
  lk_verdict_free(verdict);
  verdict = expect(lk_client_licensespring_deactivate, client, request, LK_OUTCOME_DEACTIVATED, NULL, 200);
  LKT_CHECK(lk_verdict_is_granted(verdict), "deactivate is granted");
  lk_verdict_free(verdict);
  lk_verdict_free(expect(lk_client_licensespring_check, client, request, LK_OUTCOME_NOT_ACTIVATED,
                         "device_not_found", 400));
  lk_request_free(request);
  lk_client_free(client);
}

static void an_unset_hardware_id_is_this_machines_id(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(2, lk_request_set_license_key, "LS-VALID-0001", lk_request_set_product, "TP");
  char id[80];
  lkt_reset();
  lk_verdict_free(expect(lk_client_licensespring_activate, client, request, LK_OUTCOME_VALID, NULL, 200));
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", id, sizeof id, NULL), LK_OUTCOME_VALID);
  lk_request_set_hardware_id(request, id);
  lk_verdict_free(expect(lk_client_licensespring_check, client, request, LK_OUTCOME_VALID, NULL, 200));
  lk_request_free(request);
  lk_client_free(client);
}

static void management_check_reports_the_license(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(3, lk_request_set_license_key, "LS-VALID-0001",
                                    lk_request_set_product, "TP", lk_request_set_hardware_id, "demo-hwid-0001");
  lk_verdict *verdict;
  lkt_reset();
  verdict = expect(lk_client_management_check, client, request, LK_OUTCOME_VALID, NULL, 200);
  LKT_CHECK(str_eq(lk_verdict_family(verdict), "licensespring-management"), "family %s", lk_verdict_family(verdict));
  LKT_CHECK(lk_verdict_has_license(verdict), "no license");
  lk_verdict_free(verdict);
  lk_request_free(request);
  lk_client_free(client);
}

static void framecad_activate_validate_check_status_and_deactivate(void) {
  lk_client *client = lkt_client();
  lk_request *request = lkt_request(4, lk_request_set_client_key, FRAMECAD_CLIENT,
                                    lk_request_set_license_key, "FREE-0000-0000-0001",
                                    lk_request_set_machine_key, "C-MACHINE-0001",
                                    lk_request_set_product_key, "PRODUCT-KEY-1");
  lk_verdict *verdict;
  json *raw;
  lkt_reset();
  verdict = expect(lk_client_framecad_activate, client, request, LK_OUTCOME_VALID, "0", 200);
  LKT_CHECK(str_eq(lk_verdict_family(verdict), "framecad"), "family");
  LKT_CHECK(lk_verdict_server_time(verdict) != NULL, "frameCAD sends now");
  LKT_CHECK(str_eq(lk_verdict_license_machine_key(verdict), "C-MACHINE-0001"), "machine key %s",
            lk_verdict_license_machine_key(verdict));
  raw = json_parse(lk_verdict_raw_json(verdict));
  LKT_CHECK(raw && json_get(raw, "license") && json_get(raw, "code"), "raw body: %s", lk_verdict_raw_json(verdict));
  json_free(raw);
  lk_verdict_free(verdict);
  lk_verdict_free(expect(lk_client_framecad_validate, client, request, LK_OUTCOME_VALID, "0", 200));
  lk_verdict_free(expect(lk_client_framecad_check, client, request, LK_OUTCOME_VALID, "0", 200));
  lk_verdict_free(expect(lk_client_framecad_status, client, request, LK_OUTCOME_VALID, "0", 200));
  lk_verdict_free(expect(lk_client_framecad_activate, client, request, LK_OUTCOME_ALREADY_ACTIVATED, "3", 409));
  lk_verdict_free(expect(lk_client_framecad_deactivate, client, request, LK_OUTCOME_DEACTIVATED, "9", 200));
  lk_verdict_free(expect(lk_client_framecad_validate, client, request, LK_OUTCOME_NOT_ACTIVATED, "9", 200));
  lk_request_free(request);
  lk_client_free(client);
}

static void a_server_that_is_not_there_is_a_network_error_verdict(void) {
  lk_client_config *config = lkt_config();
  lk_client *client = NULL;
  lk_request *request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001", lk_request_set_product_id, "8");
  lk_verdict *verdict = NULL;
  /* Port 1 on loopback: nothing listens there. */
  lk_client_config_set_base_url(config, "http://127.0.0.1:1");
  LKT_CHECK_OUTCOME(lk_client_new(config, &client), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_faxstore_check(client, request, &verdict), LK_OUTCOME_NETWORK_ERROR);
  LKT_CHECK(verdict && lk_verdict_message(verdict) != NULL, "no message for a network error");
  LKT_CHECK(lk_verdict_http_status(verdict) == 0, "an HTTP status without a response");
  LKT_CHECK(lk_outcome_retryable(lk_verdict_outcome(verdict)), "network errors are retryable");
  lk_verdict_free(verdict);
  lk_request_free(request);
  lk_client_free(client);
  lk_client_config_free(config);
}

static void every_configuration_setter_is_accepted_and_the_client_works(void) {
  lk_client_config *config = lkt_config();
  lk_client *client = NULL;
  lk_request *request = lkt_request(2, lk_request_set_license_key, "FS-ACTIVE-0001", lk_request_set_product_id, "8");
  LKT_CHECK_OUTCOME(lk_client_config_set_user_agent(config, "c-tests/1.0"), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_allow_insecure_http(config, true), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_max_clock_skew(config, 600), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_verify_signatures(config, true), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_retries(config, 3, 10, 100), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_config_set_timeouts(config, 0, 0), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_new(config, &client), LK_OUTCOME_VALID);
  lk_verdict_free(expect(lk_client_faxstore_check, client, request, LK_OUTCOME_VALID, "AUTHORISED", 200));
  lk_client_free(client);
  client = NULL;
  /* An explicit proxy is checked by lk_client_new; no request goes through it here. */
  LKT_CHECK_OUTCOME(lk_client_config_set_proxy(config, "http://127.0.0.1:3128"), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_client_new(config, &client), LK_OUTCOME_VALID);
  lk_client_free(client);
  lk_request_free(request);
  lk_client_config_free(config);
}

void suite_families(void) {
  lkt_run("every configuration setter is accepted and the client works",
          every_configuration_setter_is_accepted_and_the_client_works);
  lkt_run("faxstore check, check_multiple and check_v1 grant an active key",
          faxstore_check_check_multiple_and_check_v1_grant_an_active_key);
  lkt_run("licensespring activate, check and deactivate a device",
          licensespring_activate_check_and_deactivate_a_device);
  lkt_run("an unset hardware ID is this machine's ID", an_unset_hardware_id_is_this_machines_id);
  lkt_run("management check reports the license", management_check_reports_the_license);
  lkt_run("framecad activate, validate, check, status and deactivate",
          framecad_activate_validate_check_status_and_deactivate);
  lkt_run("a server that is not there is a NETWORK_ERROR verdict",
          a_server_that_is_not_there_is_a_network_error_verdict);
}
