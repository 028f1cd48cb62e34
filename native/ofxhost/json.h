/*
 * A tiny JSON writer into a growable buffer: commas and string escaping are handled here so callers only say
 * what goes in. Non-finite numbers are written as null (JSON has no NaN). Strings are written as UTF-8 bytes with
 * control characters, quotes and backslashes escaped; invalid UTF-8 bytes are replaced by U+FFFD so every line
 * stays valid JSON whatever a plugin hands us.
 */
#ifndef OFXHOST_JSON_H
#define OFXHOST_JSON_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 32

typedef struct JsonBuf {
    char *s;
    size_t len, cap;
    int depth;
    bool first[JSON_MAX_DEPTH];
    bool after_key;
} JsonBuf;

void jb_init(JsonBuf *jb);
void jb_free(JsonBuf *jb);
/* Takes the text; the buffer is reset. The caller frees the result. */
char *jb_take(JsonBuf *jb);

void jb_obj_begin(JsonBuf *jb);
void jb_obj_end(JsonBuf *jb);
void jb_arr_begin(JsonBuf *jb);
void jb_arr_end(JsonBuf *jb);
void jb_key(JsonBuf *jb, const char *key);

void jb_str(JsonBuf *jb, const char *s); /* NULL writes null */
void jb_int(JsonBuf *jb, long long v);
void jb_num(JsonBuf *jb, double v);
void jb_bool(JsonBuf *jb, bool v);
void jb_null(JsonBuf *jb);

void jb_kstr(JsonBuf *jb, const char *key, const char *v);
void jb_kint(JsonBuf *jb, const char *key, long long v);
void jb_knum(JsonBuf *jb, const char *key, double v);
void jb_kbool(JsonBuf *jb, const char *key, bool v);
void jb_knull(JsonBuf *jb, const char *key);
void jb_knums(JsonBuf *jb, const char *key, const double *v, int n);
void jb_kints(JsonBuf *jb, const char *key, const int *v, int n);
void jb_kstrs(JsonBuf *jb, const char *key, const char *const *v, int n);

#endif
