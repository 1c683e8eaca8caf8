/* The test suites; main.c runs them all (the shared-library and static-library programs are
 * built from the same objects). */
#ifndef LKT_SUITES_H
#define LKT_SUITES_H

#ifdef __cplusplus
extern "C" {
#endif

void suite_outcomes(void);
void suite_bad_input(void);
void suite_fingerprint(void);
void suite_logging(void);
void suite_families(void);
void suite_vectors(void);
void suite_async(void);
void suite_threads(void);
void suite_cpp(void);

#ifdef __cplusplus
}
#endif

#endif
