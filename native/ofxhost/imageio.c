#include "imageio.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- reading ---- */

typedef struct Cursor {
    const unsigned char *p, *end;
} Cursor;

static bool read_file(const char *path, unsigned char **data, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        unsigned char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        snprintf(err, errlen, "cannot read %s", path);
        return false;
    }
    *data = buf;
    *len = n;
    return true;
}

/* Skips whitespace and '#' comments (Netpbm headers). */
static void skip_ws(Cursor *c)
{
    while (c->p < c->end) {
        if (*c->p == '#') {
            while (c->p < c->end && *c->p != '\n')
                c->p++;
        } else if (isspace(*c->p)) {
            c->p++;
        } else {
            break;
        }
    }
}

static bool read_uint(Cursor *c, long *v)
{
    skip_ws(c);
    if (c->p >= c->end || !isdigit(*c->p))
        return false;
    long x = 0;
    while (c->p < c->end && isdigit(*c->p)) {
        x = x * 10 + (*c->p++ - '0');
        if (x > 1000000000L)
            return false;
    }
    *v = x;
    return true;
}

static bool read_token(Cursor *c, char *tok, size_t n)
{
    skip_ws(c);
    size_t i = 0;
    while (c->p < c->end && !isspace(*c->p) && i + 1 < n)
        tok[i++] = (char)*c->p++;
    tok[i] = '\0';
    return i > 0;
}

typedef struct Header {
    char kind;       /* '5', '6', '7', 'F' (PF), 'f' (Pf) */
    long w, h, depth, maxval;
    bool little;     /* PFM byte order */
} Header;

static bool parse_header(Cursor *c, Header *hd, const char *path, char *err, size_t errlen)
{
    if (c->end - c->p < 2 || c->p[0] != 'P') {
        snprintf(err, errlen, "%s is not a PPM/PGM/PAM/PFM file (no P5/P6/P7/PF/Pf magic)", path);
        return false;
    }
    hd->kind = (char)c->p[1];
    c->p += 2;
    bool ok = true;
    if (hd->kind == '5' || hd->kind == '6') {
        hd->depth = hd->kind == '5' ? 1 : 3;
        ok = read_uint(c, &hd->w) && read_uint(c, &hd->h) && read_uint(c, &hd->maxval);
    } else if (hd->kind == '7') {
        char tok[64], tuple[64] = "";
        hd->w = hd->h = hd->depth = hd->maxval = 0;
        while (ok && read_token(c, tok, sizeof tok) && strcmp(tok, "ENDHDR") != 0) {
            if (strcmp(tok, "WIDTH") == 0) ok = read_uint(c, &hd->w);
            else if (strcmp(tok, "HEIGHT") == 0) ok = read_uint(c, &hd->h);
            else if (strcmp(tok, "DEPTH") == 0) ok = read_uint(c, &hd->depth);
            else if (strcmp(tok, "MAXVAL") == 0) ok = read_uint(c, &hd->maxval);
            else if (strcmp(tok, "TUPLTYPE") == 0) ok = read_token(c, tuple, sizeof tuple);
            else ok = false;
        }
        ok = ok && hd->depth >= 1 && hd->depth <= 4;
    } else if (hd->kind == 'F' || hd->kind == 'f') {
        char tok[64];
        hd->depth = hd->kind == 'F' ? 3 : 1;
        ok = read_uint(c, &hd->w) && read_uint(c, &hd->h) && read_token(c, tok, sizeof tok);
        if (ok) {
            char *end;
            double scale = strtod(tok, &end);
            ok = *end == '\0' && scale != 0.0;
            hd->little = scale < 0;
            hd->maxval = 0;
        }
    } else {
        snprintf(err, errlen, "%s: unsupported Netpbm kind P%c (use P5, P6, P7, PF or Pf)", path, hd->kind);
        return false;
    }
    if (!ok || hd->w <= 0 || hd->h <= 0 || hd->w * hd->h > (1L << 28) ||
        (hd->kind != 'F' && hd->kind != 'f' && (hd->maxval < 1 || hd->maxval > 65535))) {
        snprintf(err, errlen, "%s: malformed P%c header", path, hd->kind);
        return false;
    }
    /* Exactly one whitespace character separates the header from the samples. */
    if (c->p >= c->end || !isspace(*c->p)) {
        snprintf(err, errlen, "%s: malformed P%c header (no separator before the data)", path, hd->kind);
        return false;
    }
    c->p++;
    return true;
}

static bool host_little_endian(void)
{
    uint16_t x = 1;
    return *(unsigned char *)&x == 1;
}

static void expand_channels(const float *s, int n, float *d)
{
    switch (n) {
    case 1: d[0] = d[1] = d[2] = s[0]; d[3] = 1.0f; break;
    case 2: d[0] = d[1] = d[2] = s[0]; d[3] = s[1]; break;
    case 3: d[0] = s[0]; d[1] = s[1]; d[2] = s[2]; d[3] = 1.0f; break;
    default: memcpy(d, s, 4 * sizeof(float));
    }
}

bool frame_read(const char *path, Frame *out, char *err, size_t errlen)
{
    unsigned char *data;
    size_t len;
    memset(out, 0, sizeof *out);
    if (!read_file(path, &data, &len, err, errlen))
        return false;
    Cursor c = { data, data + len };
    Header hd;
    if (!parse_header(&c, &hd, path, err, errlen)) {
        free(data);
        return false;
    }
    bool pfm = hd.kind == 'F' || hd.kind == 'f';
    int bytes = pfm ? 4 : (hd.maxval > 255 ? 2 : 1);
    size_t need = (size_t)hd.w * (size_t)hd.h * (size_t)hd.depth * (size_t)bytes;
    if ((size_t)(c.end - c.p) < need) {
        snprintf(err, errlen, "%s: truncated (%zu bytes of samples, %zu expected for %ldx%ld)", path,
                 (size_t)(c.end - c.p), need, hd.w, hd.h);
        free(data);
        return false;
    }
    out->w = (int)hd.w;
    out->h = (int)hd.h;
    out->channels = (int)hd.depth;
    out->px = malloc((size_t)hd.w * (size_t)hd.h * 4 * sizeof(float));
    if (!out->px) {
        snprintf(err, errlen, "%s: out of memory for %ldx%ld", path, hd.w, hd.h);
        free(data);
        return false;
    }
    bool swap = pfm && hd.little != host_little_endian();
    const unsigned char *p = c.p;
    for (long row = 0; row < hd.h; row++) {
        /* Netpbm stores the top row first, PFM the bottom row first; Frame rows count from the bottom. */
        long y = pfm ? row : hd.h - 1 - row;
        for (long x = 0; x < hd.w; x++) {
            float s[4];
            for (long k = 0; k < hd.depth; k++) {
                if (pfm) {
                    unsigned char b[4] = { p[0], p[1], p[2], p[3] };
                    if (swap) {
                        unsigned char t = b[0]; b[0] = b[3]; b[3] = t;
                        t = b[1]; b[1] = b[2]; b[2] = t;
                    }
                    memcpy(&s[k], b, 4);
                } else if (bytes == 2) {
                    s[k] = (float)((p[0] << 8) | p[1]) / (float)hd.maxval;
                } else {
                    s[k] = (float)p[0] / (float)hd.maxval;
                }
                p += bytes;
            }
            expand_channels(s, (int)hd.depth, out->px + ((size_t)y * (size_t)hd.w + (size_t)x) * 4);
        }
    }
    free(data);
    return true;
}

bool frame_read_size(const char *path, int *w, int *h, char *err, size_t errlen)
{
    Frame f;
    /* Whole-file read keeps one parser; sizes are asked once per clip. */
    if (!frame_read(path, &f, err, errlen))
        return false;
    *w = f.w;
    *h = f.h;
    frame_free(&f);
    return true;
}

/* ---- writing ---- */

static const char *ext_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    return (dot && (!slash || dot > slash)) ? dot + 1 : "";
}

bool image_ext_known(const char *path)
{
    const char *e = ext_of(path);
    return !strcasecmp(e, "ppm") || !strcasecmp(e, "pgm") || !strcasecmp(e, "pam") || !strcasecmp(e, "pfm");
}

/* One sample as a 16-bit value: short samples are copied, others converted. */
static uint16_t sample16(const PixelBuf *b, const unsigned char *px, int ch, const float *rgba)
{
    if (b->depth == DEPTH_SHORT) {
        uint16_t v;
        memcpy(&v, px + 2 * ch, 2);
        return v;
    }
    if (b->depth == DEPTH_BYTE)
        return (uint16_t)(px[ch] * 257u);
    return float_to_u16(rgba[ch]);
}

/* Creates the folders above a file (like mkdir -p), so output patterns may name new folders. */
static void make_parent_dirs(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(dir, 0777); /* EEXIST is fine; a real failure shows when the file is created */
        *p = '/';
    }
}

bool image_write(const char *path, const PixelBuf *b, const char **format, char *err, size_t errlen)
{
    const char *e = ext_of(path);
    bool ppm = !strcasecmp(e, "ppm"), pgm = !strcasecmp(e, "pgm"), pam = !strcasecmp(e, "pam");
    bool pfm = !strcasecmp(e, "pfm");
    if (!ppm && !pgm && !pam && !pfm) {
        snprintf(err, errlen, "%s: unknown output extension '.%s' (use .ppm, .pgm, .pam or .pfm)", path, e);
        return false;
    }
    if (pgm && b->comps != COMP_ALPHA) {
        snprintf(err, errlen, "%s: a .pgm holds one channel but the image is %s (use .ppm, .pam or .pfm)", path,
                 comps_ofx(b->comps));
        return false;
    }
    int w = b->x2 - b->x1, h = b->y2 - b->y1;
    int nc = comps_count(b->comps);
    /* Channels written, as indices into the buffer's pixel (an Alpha image written to .ppm repeats channel 0). */
    int out_ch = pam ? nc : (pgm ? 1 : (b->comps == COMP_ALPHA ? (pfm ? 1 : 3) : 3));
    bool wide = b->depth != DEPTH_BYTE;
    make_parent_dirs(path);
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return false;
    }
    if (pfm)
        fprintf(f, "P%c\n%d %d\n-1.0\n", out_ch == 1 ? 'f' : 'F', w, h);
    else if (pam)
        fprintf(f, "P7\nWIDTH %d\nHEIGHT %d\nDEPTH %d\nMAXVAL %d\nTUPLTYPE %s\nENDHDR\n", w, h, nc,
                wide ? 65535 : 255, nc == 4 ? "RGB_ALPHA" : (nc == 3 ? "RGB" : "GRAYSCALE"));
    else
        fprintf(f, "P%c\n%d %d\n%d\n", pgm ? '5' : '6', w, h, wide ? 65535 : 255);
    if (format)
        *format = pfm ? "pfm" : pam ? (wide ? "pam16" : "pam8") : pgm ? (wide ? "pgm16" : "pgm8")
                                                                        : (wide ? "ppm16" : "ppm8");
    size_t row_cap = (size_t)w * 4 * 4;
    unsigned char *row = malloc(row_cap > 0 ? row_cap : 1);
    bool ok = row != NULL;
    bool swap = pfm && !host_little_endian();
    for (int r = 0; ok && r < h; r++) {
        int y = pfm ? b->y1 + r : b->y2 - 1 - r; /* PFM bottom-up, Netpbm top-down */
        unsigned char *o = row;
        for (int x = b->x1; x < b->x2; x++) {
            const unsigned char *px = pixelbuf_at(b, x, y);
            float rgba[4];
            pixel_get(b, x, y, rgba);
            for (int k = 0; k < out_ch; k++) {
                int ch = nc == 1 ? 0 : k;
                if (pfm) {
                    float v = nc == 1 ? rgba[3] : rgba[ch];
                    unsigned char bytes[4];
                    memcpy(bytes, &v, 4);
                    for (int i = 0; i < 4; i++)
                        *o++ = bytes[swap ? 3 - i : i];
                } else if (wide) {
                    uint16_t v = sample16(b, px, ch, nc == 1 ? (float[4]){ rgba[3], 0, 0, 0 } : rgba);
                    *o++ = (unsigned char)(v >> 8);
                    *o++ = (unsigned char)(v & 0xFF);
                } else {
                    *o++ = px[ch];
                }
            }
        }
        ok = fwrite(row, 1, (size_t)(o - row), f) == (size_t)(o - row);
    }
    free(row);
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    return ok;
}
