/* Checks a frameCAD license and a FaxStore key against a license server and prints what the
 * server said. Usage: check BASE_URL (the demo passes the test server's URL).
 * Build: gcc -std=c99 check.c -Iinclude -Ltarget/debug -llicensekit */
#include <stdio.h>

#include "licensekit.h"

/* Prints one verdict the way a host app would show it. */
static void show(const char *what, lk_outcome outcome, const lk_verdict *verdict) {
  const char *message = lk_verdict_message(verdict);
  printf("%-28s %-16s (%s)\n", what, lk_outcome_name(outcome), message ? message : "no message");
}

int main(int argc, char **argv) {
  lk_client_config *config = NULL;
  lk_client *client = NULL;
  lk_request *request = NULL;
  lk_verdict *verdict = NULL;
  lk_outcome outcome;
  char hardware_id[80];
  int status = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: %s BASE_URL\n", argv[0]);
    return 2;
  }
  lk_client_config_new(&config);
  lk_client_config_set_base_url(config, argv[1]);
  outcome = lk_client_new(config, &client);
  lk_client_config_free(config);
  if (outcome != LK_OUTCOME_VALID) {
    fprintf(stderr, "cannot build a client for %s: %s\n", argv[1], lk_outcome_name(outcome));
    return 1;
  }
  printf("liblicensekit %s\n", lk_version());
  lk_hardware_id("FRAMECAD", hardware_id, sizeof hardware_id, NULL);
  printf("%-28s %s\n", "this machine's hardware ID", hardware_id);

  /* frameCAD: validate an activated license on its machine. */
  lk_request_new(&request);
  lk_request_set_client_key(request, "3D9AACA84BEC559A");
  lk_request_set_license_key(request, "ACTV-0000-0000-0001");
  lk_request_set_machine_key(request, "MACHINE-A-0001");
  outcome = lk_client_framecad_validate(client, request, &verdict);
  show("framecad validate", outcome, verdict);
  status |= outcome != LK_OUTCOME_VALID;
  lk_verdict_free(verdict);
  lk_request_free(request);

  /* FaxStore: an unknown key is refused, with the vendor's own code kept. */
  lk_request_new(&request);
  lk_request_set_license_key(request, "FS-UNKNOWN-0001");
  lk_request_set_product_id(request, "8");
  outcome = lk_client_faxstore_check(client, request, &verdict);
  show("faxstore check (unknown key)", outcome, verdict);
  printf("%-28s %s\n", "  vendor code", lk_verdict_vendor_code(verdict));
  status |= outcome != LK_OUTCOME_KEY_NOT_FOUND;
  lk_verdict_free(verdict);
  lk_request_free(request);

  lk_client_free(client);
  return status;
}
