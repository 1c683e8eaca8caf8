#include <stdio.h>
#include "licensekit.h"
int main(int argc, char **argv) { /* argv[1]: the license server's base URL */
  lk_client_config *cfg; lk_client *client; lk_request *req; lk_verdict *v;
  lk_client_config_new(&cfg); lk_client_config_set_base_url(cfg, argc > 1 ? argv[1] : "https://licenses.example.com");
  lk_client_new(cfg, &client); lk_client_config_free(cfg);
  lk_request_new(&req); lk_request_set_license_key(req, "FS-ACTIVE-0001"); lk_request_set_product_id(req, "8");
  lk_outcome outcome = lk_client_faxstore_check(client, req, &v);
  printf("%s (%s)\n", lk_outcome_name(outcome), v ? lk_verdict_vendor_code(v) : "no answer");
  lk_verdict_free(v); lk_request_free(req); lk_client_free(client); return outcome != LK_OUTCOME_VALID;
}
