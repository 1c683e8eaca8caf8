/* Runs every C suite against the real test server and prints "N passed, N failed". */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "suites.h"

int main(int argc, char **argv) {
  struct {
    const char *name;
    void (*run)(void);
  } suites[] = {
      {"outcomes", suite_outcomes}, {"bad_input", suite_bad_input},
      {"fingerprint", suite_fingerprint}, {"logging", suite_logging},
      {"families", suite_families}, {"vectors", suite_vectors},
      {"async", suite_async}, {"threads", suite_threads}, {"cpp", suite_cpp},
  };
  size_t i;
  int a;
  for (i = 0; i < sizeof suites / sizeof suites[0]; i++) {
    int selected = argc < 2;
    for (a = 1; a < argc; a++) selected |= strcmp(argv[a], suites[i].name) == 0;
    if (selected) {
      printf("== %s\n", suites[i].name);
      suites[i].run();
    }
  }
  return lkt_summary();
}
