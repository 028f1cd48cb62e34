#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jb_init(JsonBuf *jb)
{
    memset(jb, 0, sizeof *jb);
}

void jb_free(JsonBuf *jb)
{
    free(jb->s);
    jb_init(jb);
}

char *jb_take(JsonBuf *jb)
{
    char *s = jb->s;
    if (!s)
        s = calloc(1, 1);
    jb_init(jb);
    return s;
}

static void put(JsonBuf *jb, const char *p, size_t n)
{
    if (jb->len + n + 1 > jb->cap) {
        size_t cap = jb->cap ? jb->cap : 256;
        while (cap < jb->len + n + 1)
            cap *= 2;
        char *s = realloc(jb->s, cap);
        if (!s)
            abort(); /* out of memory while logging: nothing sensible left to do */
        jb->s = s;
        jb->cap = cap;
    }
    memcpy(jb->s + jb->len, p, n);
    jb->len += n;
    jb->s[jb->len] = '\0';
}

static void puts_(JsonBuf *jb, const char *p)
{
    put(jb, p, strlen(p));
}

/* Called before every value: writes the separating comma unless this is the first element or follows a key. */
static void sep(JsonBuf *jb)
{
    if (jb->after_key) {
        jb->after_key = false;
        return;
    }
    if (jb->depth > 0) {
        if (!jb->first[jb->depth - 1])
            put(jb, ",", 1);
        jb->first[jb->depth - 1] = false;
    }
}

static void open_(JsonBuf *jb, char c)
{
    sep(jb);
    put(jb, &c, 1);
    if (jb->depth < JSON_MAX_DEPTH)
        jb->first[jb->depth] = true;
    jb->depth++;
}

static void close_(JsonBuf *jb, char c)
{
    if (jb->depth > 0)
        jb->depth--;
    put(jb, &c, 1);
}

void jb_obj_begin(JsonBuf *jb) { open_(jb, '{'); }
void jb_obj_end(JsonBuf *jb) { close_(jb, '}'); }
void jb_arr_begin(JsonBuf *jb) { open_(jb, '['); }
void jb_arr_end(JsonBuf *jb) { close_(jb, ']'); }

/* Length of a valid UTF-8 sequence starting at p, or 0 when invalid. */
static int utf8_len(const unsigned char *p)
{
    int n;
    if (p[0] < 0x80)
        return 1;
    if ((p[0] & 0xE0) == 0xC0 && p[0] >= 0xC2)
        n = 2;
    else if ((p[0] & 0xF0) == 0xE0)
        n = 3;
    else if ((p[0] & 0xF8) == 0xF0 && p[0] <= 0xF4)
        n = 4;
    else
        return 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

static void put_string(JsonBuf *jb, const char *s)
{
    put(jb, "\"", 1);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            char esc[2] = { '\\', (char)c };
            put(jb, esc, 2);
            p++;
        } else if (c < 0x20) {
            char esc[8];
            switch (c) {
            case '\n': puts_(jb, "\\n"); break;
            case '\r': puts_(jb, "\\r"); break;
            case '\t': puts_(jb, "\\t"); break;
            default:
                snprintf(esc, sizeof esc, "\\u%04x", c);
                puts_(jb, esc);
            }
            p++;
        } else {
            int n = utf8_len(p);
            if (n == 0) {
                puts_(jb, "\xEF\xBF\xBD");
                p++;
            } else {
                put(jb, (const char *)p, (size_t)n);
                p += n;
            }
        }
    }
    put(jb, "\"", 1);
}

void jb_key(JsonBuf *jb, const char *key)
{
    sep(jb);
    put_string(jb, key);
    put(jb, ":", 1);
    jb->after_key = true;
}

void jb_str(JsonBuf *jb, const char *s)
{
    if (!s) {
        jb_null(jb);
        return;
    }
    sep(jb);
    put_string(jb, s);
}

void jb_int(JsonBuf *jb, long long v)
{
    char b[32];
    sep(jb);
    snprintf(b, sizeof b, "%lld", v);
    puts_(jb, b);
}

void jb_num(JsonBuf *jb, double v)
{
    char b[40];
    if (!isfinite(v)) {
        jb_null(jb);
        return;
    }
    sep(jb);
    /* The shortest of %.15g..%.17g that reads back as the same double: exact, and 0.1 stays "0.1". */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(b, sizeof b, "%.*g", prec, v);
        if (strtod(b, NULL) == v)
            break;
    }
    puts_(jb, b);
}

void jb_bool(JsonBuf *jb, bool v)
{
    sep(jb);
    puts_(jb, v ? "true" : "false");
}

void jb_null(JsonBuf *jb)
{
    sep(jb);
    puts_(jb, "null");
}

void jb_kstr(JsonBuf *jb, const char *key, const char *v) { jb_key(jb, key); jb_str(jb, v); }
void jb_kint(JsonBuf *jb, const char *key, long long v) { jb_key(jb, key); jb_int(jb, v); }
void jb_knum(JsonBuf *jb, const char *key, double v) { jb_key(jb, key); jb_num(jb, v); }
void jb_kbool(JsonBuf *jb, const char *key, bool v) { jb_key(jb, key); jb_bool(jb, v); }
void jb_knull(JsonBuf *jb, const char *key) { jb_key(jb, key); jb_null(jb); }

void jb_knums(JsonBuf *jb, const char *key, const double *v, int n)
{
    jb_key(jb, key);
    jb_arr_begin(jb);
    for (int i = 0; i < n; i++)
        jb_num(jb, v[i]);
    jb_arr_end(jb);
}

void jb_kints(JsonBuf *jb, const char *key, const int *v, int n)
{
    jb_key(jb, key);
    jb_arr_begin(jb);
    for (int i = 0; i < n; i++)
        jb_int(jb, v[i]);
    jb_arr_end(jb);
}

void jb_kstrs(JsonBuf *jb, const char *key, const char *const *v, int n)
{
    jb_key(jb, key);
    jb_arr_begin(jb);
    for (int i = 0; i < n; i++)
        jb_str(jb, v[i]);
    jb_arr_end(jb);
}
