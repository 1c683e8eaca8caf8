// The header from C++ (g++): it compiles with -Wall -Wextra -Werror, its extern "C" guards
// link, and the API is usable with C++ types.
#include <memory>
#include <string>

#include "harness.h"
#include "licensekit.h"
#include "suites.h"

namespace {

struct ClientDeleter {
  void operator()(lk_client *client) const { lk_client_free(client); }
};
struct RequestDeleter {
  void operator()(lk_request *request) const { lk_request_free(request); }
};
struct VerdictDeleter {
  void operator()(lk_verdict *verdict) const { lk_verdict_free(verdict); }
};

void cpp_code_checks_a_license_with_raii_handles() {
  std::unique_ptr<lk_client, ClientDeleter> client(lkt_client());
  lk_request *raw_request = nullptr;
  LKT_CHECK_OUTCOME(lk_request_new(&raw_request), LK_OUTCOME_VALID);
  std::unique_ptr<lk_request, RequestDeleter> request(raw_request);
  lk_request_set_license_key(request.get(), "FS-ACTIVE-0001");
  lk_request_set_product_id(request.get(), "8");
  lk_verdict *raw_verdict = nullptr;
  lk_outcome outcome = lk_client_faxstore_check(client.get(), request.get(), &raw_verdict);
  std::unique_ptr<lk_verdict, VerdictDeleter> verdict(raw_verdict);
  LKT_CHECK_OUTCOME(outcome, LK_OUTCOME_VALID);
  std::string name = lk_outcome_name(lk_verdict_outcome(verdict.get()));
  LKT_CHECK(name == "VALID", "outcome name %s", name.c_str());
  LKT_CHECK(std::string(lk_version()).size() >= 5, "version");
}

}  // namespace

extern "C" void suite_cpp(void) {
  lkt_run("C++ code checks a license with RAII handles", cpp_code_checks_a_license_with_raii_handles);
}
