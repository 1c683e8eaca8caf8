/* The outcome table from C: names, descriptions, categories, retryable flags, the list. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "suites.h"

static void every_outcome_has_a_name_a_description_and_its_hundreds_category(void) {
  size_t count = 0, i;
  const lk_outcome *all = lk_outcome_all(&count);
  LKT_CHECK(all != NULL, "lk_outcome_all returned NULL");
  LKT_CHECK(count == 35, "%zu outcomes, expected 35", count);
  for (i = 0; all && i < count; i++) {
    uint32_t n = (uint32_t)all[i];
    lk_category want = n < 100   ? LK_CATEGORY_GRANTED
                       : n < 200 ? LK_CATEGORY_REFUSED
                       : n < 300 ? LK_CATEGORY_REQUEST
                                 : LK_CATEGORY_CLIENT;
    const char *name = lk_outcome_name(n);
    const char *description = lk_outcome_description(n);
    lk_outcome back = LK_OUTCOME_INTERNAL_ERROR;
    LKT_CHECK(name && *name, "outcome %u has no name", n);
    LKT_CHECK(description && *description, "outcome %u has no description", n);
    LKT_CHECK(lk_outcome_category(n) == want, "outcome %u category %u", n, lk_outcome_category(n));
    LKT_CHECK(lk_outcome_is_granted(n) == (want == LK_CATEGORY_GRANTED), "%u granted", n);
    if (name) {
      LKT_CHECK_OUTCOME(lk_outcome_from_name(name, &back), LK_OUTCOME_VALID);
      LKT_CHECK(back == all[i], "%s does not round-trip", name);
    }
    if (i > 0) LKT_CHECK(all[i - 1] < all[i], "the list is not in table order at %zu", i);
  }
}

static void names_match_the_enum_constants(void) {
  LKT_CHECK(strcmp(lkt_name(LK_OUTCOME_VALID), "VALID") == 0, "VALID");
  LKT_CHECK(LK_OUTCOME_VALID == 0, "VALID is 0");
  LKT_CHECK(strcmp(lkt_name(LK_OUTCOME_KEY_NOT_FOUND), "KEY_NOT_FOUND") == 0, "KEY_NOT_FOUND");
  LKT_CHECK(strcmp(lkt_name(LK_OUTCOME_INTERNAL_ERROR), "INTERNAL_ERROR") == 0, "INTERNAL_ERROR");
  LKT_CHECK(strcmp(lkt_name(LK_OUTCOME_INVALID_ARGUMENT), "INVALID_ARGUMENT") == 0, "INVALID_ARGUMENT");
}

static void only_transient_failures_are_retryable(void) {
  size_t count = 0, i;
  const lk_outcome *all = lk_outcome_all(&count);
  int retryable = 0;
  for (i = 0; i < count; i++) retryable += lk_outcome_retryable(all[i]);
  LKT_CHECK(retryable == 4, "%d retryable outcomes", retryable);
  LKT_CHECK(lk_outcome_retryable(LK_OUTCOME_TIMEOUT), "TIMEOUT");
  LKT_CHECK(lk_outcome_retryable(LK_OUTCOME_RATE_LIMITED), "RATE_LIMITED");
  LKT_CHECK(!lk_outcome_retryable(LK_OUTCOME_KEY_NOT_FOUND), "KEY_NOT_FOUND");
}

static void unknown_numbers_are_answered_not_crashed_on(void) {
  lk_outcome out = LK_OUTCOME_VALID;
  LKT_CHECK(lk_outcome_name(99) == NULL, "name of 99");
  LKT_CHECK(lk_outcome_description(0xFFFFFFFFu) == NULL, "description of 2^32-1");
  LKT_CHECK(lk_outcome_category(400) == LK_CATEGORY_UNKNOWN, "category of 400");
  LKT_CHECK(!lk_outcome_retryable(12345), "retryable of 12345");
  LKT_CHECK_OUTCOME(lk_outcome_from_name("NO_SUCH_OUTCOME", &out), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(out == LK_OUTCOME_VALID, "out changed on failure");
  LKT_CHECK_OUTCOME(lk_outcome_from_name(NULL, &out), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK_OUTCOME(lk_outcome_from_name("VALID", NULL), LK_OUTCOME_INVALID_ARGUMENT);
  LKT_CHECK(lk_outcome_all(NULL) != NULL, "lk_outcome_all(NULL)");
}

static void the_version_is_the_crate_version(void) {
  const char *version = lk_version();
  int major = -1, minor = -1, patch = -1;
  LKT_CHECK(version != NULL, "no version");
  if (version) LKT_CHECK(sscanf(version, "%d.%d.%d", &major, &minor, &patch) == 3, "%s", version);
}

void suite_outcomes(void) {
  lkt_run("every outcome has a name, a description and its hundreds' category",
          every_outcome_has_a_name_a_description_and_its_hundreds_category);
  lkt_run("names match the enum constants", names_match_the_enum_constants);
  lkt_run("only transient failures are retryable", only_transient_failures_are_retryable);
  lkt_run("unknown numbers are answered, not crashed on", unknown_numbers_are_answered_not_crashed_on);
  lkt_run("the version is x.y.z", the_version_is_the_crate_version);
}
