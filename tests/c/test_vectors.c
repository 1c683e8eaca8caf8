/* Every shared test vector (tests/vectors/vectors.json, the single list of scenarios) run from
 * C: same fixture, same faults, same configuration changes, same expected outcome, vendor code
 * and HTTP status as in every other language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json.h"
#include "suites.h"

typedef lk_outcome (*lkt_op)(const lk_client *, const lk_request *, lk_verdict **);

static const struct {
  const char *family, *operation;
  lkt_op op;
} OPS[] = {
    {"faxstore", "check", lk_client_faxstore_check},
    {"faxstore", "check_multiple", lk_client_faxstore_check_multiple},
    {"faxstore", "check_v1", lk_client_faxstore_check_v1},
    {"licensespring", "activate", lk_client_licensespring_activate},
    {"licensespring", "check", lk_client_licensespring_check},
    {"licensespring", "deactivate", lk_client_licensespring_deactivate},
    {"licensespring-management", "check", lk_client_management_check},
    {"framecad", "activate", lk_client_framecad_activate},
    {"framecad", "validate", lk_client_framecad_validate},
    {"framecad", "check", lk_client_framecad_check},
    {"framecad", "status", lk_client_framecad_status},
    {"framecad", "deactivate", lk_client_framecad_deactivate},
};

static const json *defaults;
static const json *current;
/* Vectors without a `config` share one client: building one loads the TLS roots, which is
 * what dominates a run under valgrind. */
static lk_client *shared_client;

static lkt_op find_op(const char *family, const char *operation) {
  size_t i;
  for (i = 0; family && operation && i < sizeof OPS / sizeof OPS[0]; i++)
    if (strcmp(OPS[i].family, family) == 0 && strcmp(OPS[i].operation, operation) == 0) return OPS[i].op;
  return NULL;
}

/* The request a vector's `args` describe; `product` is the FaxStore product id for FaxStore. */
static lk_request *request_of(const char *family, const json *args) {
  lk_request *request = NULL;
  const json *arg;
  lk_request_new(&request);
  for (arg = args ? args->child : NULL; arg; arg = arg->next) {
    const char *k = arg->key, *v = arg->type == JSON_STRING ? arg->string : NULL;
    lk_outcome set = LK_OUTCOME_VALID;
    if (strcmp(k, "product_ids") == 0) {
      const json *id;
      for (id = arg->child; id; id = id->next) set |= lk_request_add_product_id(request, id->string);
    } else if (strcmp(k, "is_vm") == 0) {
      set = lk_request_set_is_vm(request, arg->boolean != 0);
    } else if (!v) {
      lkt_fail(__FILE__, __LINE__, "argument %s is not a string", k);
    } else if (strcmp(k, "product") == 0) {
      set = strcmp(family, "faxstore") == 0 ? lk_request_set_product_id(request, v)
                                            : lk_request_set_product(request, v);
    } else if (strcmp(k, "license_key") == 0) set = lk_request_set_license_key(request, v);
    else if (strcmp(k, "username") == 0) set = lk_request_set_username(request, v);
    else if (strcmp(k, "password") == 0) set = lk_request_set_password(request, v);
    else if (strcmp(k, "hardware_id") == 0) set = lk_request_set_hardware_id(request, v);
    else if (strcmp(k, "app_ver") == 0) set = lk_request_set_app_ver(request, v);
    else if (strcmp(k, "client_key") == 0) set = lk_request_set_client_key(request, v);
    else if (strcmp(k, "machine_key") == 0) set = lk_request_set_machine_key(request, v);
    else if (strcmp(k, "product_key") == 0) set = lk_request_set_product_key(request, v);
    else lkt_fail(__FILE__, __LINE__, "unknown argument %s", k);
    LKT_CHECK_OUTCOME(set, LK_OUTCOME_VALID);
  }
  return request;
}

static double number_or(const json *object, const char *key, double fallback) {
  const json *value = json_get(object, key);
  return value && value->type == JSON_NUMBER ? value->number : fallback;
}

/* The client the vector's `config` describes, on top of the file's `defaults`. */
static lk_client *client_of(const json *config) {
  lk_client_config *cfg = lkt_config();
  lk_client *client = NULL;
  const json *verify = json_get(config, "verify_signatures");
  char url[80];
  lk_client_config_set_timeouts(cfg, (uint64_t)number_or(defaults, "connect_timeout_ms", 5000),
                                (uint64_t)number_or(config, "timeout_ms", number_or(defaults, "timeout_ms", 10000)));
  lk_client_config_set_retries(cfg, (uint32_t)number_or(defaults, "max_retries", 0), 0, 0);
  if (json_get(config, "https") && json_get(config, "https")->boolean) {
    snprintf(url, sizeof url, "https://127.0.0.1:%d", lkt_server_port());
    lk_client_config_set_base_url(cfg, url);
  }
  lk_client_config_set_licensespring_keys(cfg, json_str(config, "api_key"), json_str(config, "shared_key"));
  if (json_str(config, "management_api_key"))
    lk_client_config_set_management_key(cfg, json_str(config, "management_api_key"));
  if (verify) lk_client_config_set_verify_signatures(cfg, verify->boolean != 0);
  LKT_CHECK_OUTCOME(lk_client_new(cfg, &client), LK_OUTCOME_VALID);
  lk_client_config_free(cfg);
  return client;
}

static void run_vector(void) {
  const json *v = current, *step, *fault = json_get(v, "fault"), *expect = json_get(v, "expect");
  const json *want_code = json_get(expect, "vendor_code"), *want_status = json_get(expect, "http_status");
  const char *family = json_str(v, "family");
  lkt_op op = find_op(family, json_str(v, "operation"));
  lk_client *plain, *client;
  lk_request *request;
  lk_verdict *verdict = NULL;
  lk_outcome want = LK_OUTCOME_INTERNAL_ERROR, got;
  LKT_CHECK(op != NULL, "unknown operation %s %s", family, json_str(v, "operation"));
  LKT_CHECK_OUTCOME(lk_outcome_from_name(json_str(expect, "outcome"), &want), LK_OUTCOME_VALID);
  if (!op) return;
  lkt_reset();
  if (!shared_client) shared_client = client_of(NULL);
  plain = shared_client;
  for (step = json_get(v, "before") ? json_get(v, "before")->child : NULL; step; step = step->next) {
    lkt_op before = find_op(json_str(step, "family"), json_str(step, "operation"));
    lk_request *r = request_of(json_str(step, "family"), json_get(step, "args"));
    lk_verdict *done = NULL;
    LKT_CHECK(before != NULL, "unknown step");
    if (before) {
      before(plain, r, &done);
      LKT_CHECK(lk_verdict_is_granted(done), "step %s %s: %s", json_str(step, "family"),
                json_str(step, "operation"), lkt_name(lk_verdict_outcome(done)));
    }
    lk_verdict_free(done);
    lk_request_free(r);
  }
  if (fault) {
    char *body = json_write(fault);
    int status = lkt_http("POST", "/__admin/faults", body, NULL);
    LKT_CHECK(status == 200 || status == 201, "POST /__admin/faults answered %d", status);
    free(body);
  }
  client = json_get(v, "config") ? client_of(json_get(v, "config")) : plain;
  request = request_of(family, json_get(v, "args"));
  got = op(client, request, &verdict);
  LKT_CHECK_OUTCOME(got, want);
  if (verdict) {
    const char *code = lk_verdict_vendor_code(verdict);
    LKT_CHECK_OUTCOME(lk_verdict_outcome(verdict), got);
    if (want_code && want_code->type == JSON_NULL) LKT_CHECK(code == NULL, "vendor code %s, expected none", code);
    if (want_code && want_code->type == JSON_STRING)
      LKT_CHECK(code && strcmp(code, want_code->string) == 0, "vendor code %s, expected %s",
                code ? code : "NULL", want_code->string);
    if (want_status)
      LKT_CHECK(lk_verdict_http_status(verdict) ==
                    (want_status->type == JSON_NUMBER ? (uint16_t)want_status->number : 0),
                "HTTP %u", lk_verdict_http_status(verdict));
  } else {
    /* No verdict only for calls refused before any I/O. */
    LKT_CHECK(got == LK_OUTCOME_INVALID_ARGUMENT, "no verdict for %s", lkt_name(got));
  }
  lk_verdict_free(verdict);
  lk_request_free(request);
  if (client != plain) lk_client_free(client);
}

static void the_vectors_file_cannot_be_read(void) {
  LKT_CHECK(0, "cannot read the vectors (LICENSEKIT_VECTORS or tests/vectors/vectors.json)");
}

void suite_vectors(void) {
  const char *path = getenv("LICENSEKIT_VECTORS");
  char *text;
  json *doc;
  const json *v;
  if (!path) path = "tests/vectors/vectors.json";
  text = json_read_file(path);
  doc = text ? json_parse(text) : NULL;
  if (!doc || json_len(json_get(doc, "vectors")) == 0) {
    lkt_run("the vectors file is readable", the_vectors_file_cannot_be_read);
  }
  defaults = json_get(doc, "defaults");
  for (v = json_get(doc, "vectors") ? json_get(doc, "vectors")->child : NULL; v; v = v->next) {
    current = v;
    lkt_run(json_str(v, "name") ? json_str(v, "name") : "(unnamed vector)", run_vector);
  }
  lk_client_free(shared_client);
  shared_client = NULL;
  json_free(doc);
  free(text);
}
