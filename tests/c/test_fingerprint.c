/* The fingerprint from C: hardware ID, explained fingerprint, environment, matching. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json.h"
#include "suites.h"

/* Calls a buffer function twice: a size query, then the copy; returns malloc'd text. */
static char *fingerprint_of(const char *product) {
  size_t needed = 0;
  char *text;
  LKT_CHECK_OUTCOME(lk_fingerprint_json(product, NULL, NULL, 0, &needed), LK_OUTCOME_VALID);
  text = (char *)malloc(needed + 1);
  LKT_CHECK_OUTCOME(lk_fingerprint_json(product, NULL, text, needed + 1, NULL), LK_OUTCOME_VALID);
  return text;
}

static void the_hardware_id_is_stable_and_salted_per_product(void) {
  char a[80], b[80], c[80];
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", a, sizeof a, NULL), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_hardware_id("TP", b, sizeof b, NULL), LK_OUTCOME_VALID);
  LKT_CHECK_OUTCOME(lk_hardware_id("OTHER", c, sizeof c, NULL), LK_OUTCOME_VALID);
  LKT_CHECK(strcmp(a, b) == 0, "%s != %s", a, b);
  LKT_CHECK(strcmp(a, c) != 0, "two products share the id %s", a);
}

static void the_fingerprint_explains_the_id_and_matches_itself(void) {
  char id[80], result[512];
  char *text = fingerprint_of("TP");
  json *doc = json_parse(text);
  json *match;
  LKT_CHECK(doc != NULL, "fingerprint is not JSON: %s", text);
  lk_hardware_id("TP", id, sizeof id, NULL);
  LKT_CHECK(json_str(doc, "id") && strcmp(json_str(doc, "id"), id) == 0, "id differs from %s", id);
  LKT_CHECK(json_str(doc, "algorithm") && strcmp(json_str(doc, "algorithm"), "licensekit-v1") == 0,
            "algorithm");
  LKT_CHECK(json_len(json_get(doc, "components")) > 0, "no components");
  LKT_CHECK_OUTCOME(lk_fingerprint_match_json(text, text, result, sizeof result, NULL), LK_OUTCOME_VALID);
  match = json_parse(result);
  LKT_CHECK(match && json_str(match, "verdict") && strcmp(json_str(match, "verdict"), "SAME") == 0,
            "match: %s", result);
  json_free(match);
  json_free(doc);
  free(text);
}

static void the_environment_is_json_with_its_evidence(void) {
  char text[4096];
  json *doc;
  LKT_CHECK_OUTCOME(lk_environment_json(text, sizeof text, NULL), LK_OUTCOME_VALID);
  doc = json_parse(text);
  LKT_CHECK(doc && json_get(doc, "vm") && json_get(doc, "container") && json_get(doc, "evidence"),
            "environment: %s", text);
  json_free(doc);
}

void suite_fingerprint(void) {
  lkt_run("the hardware ID is stable and salted per product", the_hardware_id_is_stable_and_salted_per_product);
  lkt_run("the fingerprint explains the ID and matches itself",
          the_fingerprint_explains_the_id_and_matches_itself);
  lkt_run("the environment is JSON with its evidence", the_environment_is_json_with_its_evidence);
}
