/*
 * A minimal JSON reader for the tests (the shared vectors are JSON): parses a whole document
 * into a tree. Enough for tests/vectors/vectors.json and the library's JSON outputs.
 */
#ifndef LKT_JSON_H
#define LKT_JSON_H

#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json json;
struct json {
  json_type type;
  int boolean;
  double number;
  char *string;  /* JSON_STRING: the decoded UTF-8 text */
  char *key;     /* member name when inside an object */
  json *child;   /* first element or member */
  json *next;    /* next sibling */
};

/* Parses `text`; NULL when it is not valid JSON. Free with json_free. */
json *json_parse(const char *text);
void json_free(json *value);
/* The member `key` of an object, or NULL. */
const json *json_get(const json *object, const char *key);
/* The string of member `key`, or NULL when absent or not a string. */
const char *json_str(const json *object, const char *key);
/* Number of elements/members. */
size_t json_len(const json *value);
/* Writes `value` as compact JSON; returns malloc'd text (free it). */
char *json_write(const json *value);
/* Reads a whole file; NULL on failure. Free with free(). */
char *json_read_file(const char *path);

#endif
