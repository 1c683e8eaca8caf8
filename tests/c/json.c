/* A minimal JSON reader (see json.h). Recursive descent; UTF-16 escapes become UTF-8. */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *p;
  int ok;
} parser;

static json *parse_value(parser *ps, int depth);

static void skip_ws(parser *ps) {
  while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r') ps->p++;
}

static json *node(json_type type) {
  json *value = (json *)calloc(1, sizeof(json));
  if (value) value->type = type;
  return value;
}

static int hex4(const char *p, unsigned *out) {
  int i;
  *out = 0;
  for (i = 0; i < 4; i++) {
    char c = p[i];
    *out <<= 4;
    if (c >= '0' && c <= '9') *out |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f') *out |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') *out |= (unsigned)(c - 'A' + 10);
    else return 0;
  }
  return 1;
}

static size_t put_utf8(char *out, unsigned cp) {
  if (cp < 0x80) { out[0] = (char)cp; return 1; }
  if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Parses a string at ps->p (on the opening quote); returns malloc'd UTF-8. */
static char *parse_string(parser *ps) {
  const char *p = ps->p + 1;
  /* Decoded text is never longer than the escaped source. */
  char *out = (char *)malloc(strlen(p) + 1), *o = out;
  if (!out) { ps->ok = 0; return NULL; }
  while (*p && *p != '"') {
    if (*p != '\\') { *o++ = *p++; continue; }
    p++;
    switch (*p) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case '/': *o++ = '/'; break;
      case 'b': *o++ = '\b'; break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        unsigned cp, lo;
        if (!hex4(p + 1, &cp)) { ps->ok = 0; free(out); return NULL; }
        p += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u' && hex4(p + 3, &lo)) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        }
        o += put_utf8(o, cp);
        break;
      }
      default: ps->ok = 0; free(out); return NULL;
    }
    p++;
  }
  if (*p != '"') { ps->ok = 0; free(out); return NULL; }
  *o = '\0';
  ps->p = p + 1;
  return out;
}

static json *parse_container(parser *ps, int depth, int object) {
  json *value = node(object ? JSON_OBJECT : JSON_ARRAY), **tail;
  char close = object ? '}' : ']';
  if (!value) { ps->ok = 0; return NULL; }
  tail = &value->child;
  ps->p++;
  skip_ws(ps);
  if (*ps->p == close) { ps->p++; return value; }
  while (ps->ok) {
    char *key = NULL;
    json *item;
    skip_ws(ps);
    if (object) {
      if (*ps->p != '"') { ps->ok = 0; break; }
      key = parse_string(ps);
      if (!ps->ok) break;
      skip_ws(ps);
      if (*ps->p != ':') { free(key); ps->ok = 0; break; }
      ps->p++;
    }
    item = parse_value(ps, depth + 1);
    if (!item) { free(key); ps->ok = 0; break; }
    item->key = key;
    *tail = item;
    tail = &item->next;
    skip_ws(ps);
    if (*ps->p == ',') { ps->p++; continue; }
    if (*ps->p == close) { ps->p++; return value; }
    ps->ok = 0;
  }
  json_free(value);
  return NULL;
}

static json *parse_value(parser *ps, int depth) {
  json *value = NULL;
  if (depth > 64) { ps->ok = 0; return NULL; }
  skip_ws(ps);
  switch (*ps->p) {
    case '{': return parse_container(ps, depth, 1);
    case '[': return parse_container(ps, depth, 0);
    case '"':
      value = node(JSON_STRING);
      if (value) value->string = parse_string(ps);
      if (!value || !value->string) { json_free(value); ps->ok = 0; return NULL; }
      return value;
    case 't':
    case 'f':
      if (strncmp(ps->p, "true", 4) == 0 || strncmp(ps->p, "false", 5) == 0) {
        value = node(JSON_BOOL);
        if (value) value->boolean = *ps->p == 't';
        ps->p += *ps->p == 't' ? 4 : 5;
        return value;
      }
      break;
    case 'n':
      if (strncmp(ps->p, "null", 4) == 0) { ps->p += 4; return node(JSON_NULL); }
      break;
    default: {
      char *end;
      double number = strtod(ps->p, &end);
      if (end != ps->p) {
        value = node(JSON_NUMBER);
        if (value) value->number = number;
        ps->p = end;
        return value;
      }
    }
  }
  ps->ok = 0;
  return NULL;
}

json *json_parse(const char *text) {
  parser ps;
  json *value;
  ps.p = text;
  ps.ok = 1;
  value = parse_value(&ps, 0);
  skip_ws(&ps);
  if (!ps.ok || *ps.p != '\0') { json_free(value); return NULL; }
  return value;
}

void json_free(json *value) {
  while (value) {
    json *next = value->next;
    json_free(value->child);
    free(value->string);
    free(value->key);
    free(value);
    value = next;
  }
}

const json *json_get(const json *object, const char *key) {
  const json *member;
  if (!object || object->type != JSON_OBJECT) return NULL;
  for (member = object->child; member; member = member->next)
    if (strcmp(member->key, key) == 0) return member;
  return NULL;
}

const char *json_str(const json *object, const char *key) {
  const json *member = json_get(object, key);
  return member && member->type == JSON_STRING ? member->string : NULL;
}

size_t json_len(const json *value) {
  size_t n = 0;
  const json *item;
  for (item = value ? value->child : NULL; item; item = item->next) n++;
  return n;
}

char *json_read_file(const char *path) {
  FILE *file = fopen(path, "rb");
  char *text = NULL;
  long size;
  if (!file) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0) {
    text = (char *)malloc((size_t)size + 1);
    if (text && fread(text, 1, (size_t)size, file) != (size_t)size) {
      free(text);
      text = NULL;
    }
    if (text) text[size] = '\0';
  }
  fclose(file);
  return text;
}

typedef struct {
  char *text;
  size_t len, cap;
} writer;

static void put(writer *w, const char *s, size_t n) {
  if (w->len + n + 1 > w->cap) {
    size_t want = w->cap ? w->cap * 2 : 256;
    char *grown;
    while (want < w->len + n + 1) want *= 2;
    grown = (char *)realloc(w->text, want);
    if (!grown) return;
    w->text = grown;
    w->cap = want;
  }
  memcpy(w->text + w->len, s, n);
  w->len += n;
  w->text[w->len] = '\0';
}

static void put_string(writer *w, const char *s) {
  put(w, "\"", 1);
  for (; *s; s++) {
    char esc[8];
    if (*s == '"' || *s == '\\') {
      esc[0] = '\\';
      esc[1] = *s;
      put(w, esc, 2);
    } else if ((unsigned char)*s < 0x20) {
      snprintf(esc, sizeof esc, "\\u%04x", (unsigned)(unsigned char)*s);
      put(w, esc, 6);
    } else {
      put(w, s, 1);
    }
  }
  put(w, "\"", 1);
}

static void write_value(writer *w, const json *value) {
  const json *item;
  char number[64];
  switch (value->type) {
    case JSON_NULL: put(w, "null", 4); break;
    case JSON_BOOL: value->boolean ? put(w, "true", 4) : put(w, "false", 5); break;
    case JSON_NUMBER:
      snprintf(number, sizeof number, "%.17g", value->number);
      put(w, number, strlen(number));
      break;
    case JSON_STRING: put_string(w, value->string); break;
    case JSON_ARRAY:
    case JSON_OBJECT:
      put(w, value->type == JSON_ARRAY ? "[" : "{", 1);
      for (item = value->child; item; item = item->next) {
        if (item != value->child) put(w, ",", 1);
        if (value->type == JSON_OBJECT) {
          put_string(w, item->key);
          put(w, ":", 1);
        }
        write_value(w, item);
      }
      put(w, value->type == JSON_ARRAY ? "]" : "}", 1);
      break;
  }
}

char *json_write(const json *value) {
  writer w = {NULL, 0, 0};
  write_value(&w, value);
  return w.text;
}
