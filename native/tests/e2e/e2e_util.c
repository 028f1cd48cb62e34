#include "e2e_util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define CHECK_SHARED
#include "../check.h"
#include "imageio.h"
#include "pattern.h"

const char *g_host_bin, *g_bundle;
char g_tmp[] = "/tmp/ofxhost-e2e-XXXXXX";

const char *tmp_path(const char *fmt, ...)
{
    static char bufs[8][1024];
    static int next;
    char *b = bufs[next++ % 8];
    char rel[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rel, sizeof rel, fmt, ap);
    va_end(ap);
    snprintf(b, 1024, "%s/%s", g_tmp, rel);
    return b;
}

int run_host(const char *log, const char *err, const char *args)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' '%s' --log '%s' %s 2>'%s' >'%s.stdout'", g_host_bin, g_bundle, log, args, err,
             err);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

Log run(const char *name, int expect_rc, const char *fmt, ...)
{
    char args[4096], log_path[1024], err[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(log_path, sizeof log_path, "%s", tmp_path("%s.jsonl", name));
    snprintf(err, sizeof err, "%s", tmp_path("%s.err", name));
    int rc = run_host(log_path, err, args);
    if (rc != expect_rc)
        fprintf(stderr, "e2e: %s exited %d (expected %d): %s\n", name, rc, expect_rc, slurp(err));
    CHECK_INT(rc, expect_rc);
    Log log;
    log_load(log_path, &log);
    return log;
}

bool log_load(const char *path, Log *log)
{
    memset(log, 0, sizeof *log);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        log->lines = realloc(log->lines, (size_t)(log->n + 1) * sizeof *log->lines);
        log->lines[log->n++] = strdup(line);
    }
    free(line);
    fclose(f);
    return true;
}

void log_free(Log *log)
{
    for (int i = 0; i < log->n; i++)
        free(log->lines[i]);
    free(log->lines);
    memset(log, 0, sizeof *log);
}

int log_find(const Log *log, int from, const char *const *needles)
{
    for (int i = from < 0 ? 0 : from; i < log->n; i++) {
        bool all = true;
        for (int k = 0; needles[k] && all; k++)
            all = strstr(log->lines[i], needles[k]) != NULL;
        if (all)
            return i;
    }
    return -1;
}

int log_count(const Log *log, const char *const *needles)
{
    int n = 0;
    for (int i = log_find(log, 0, needles); i >= 0; i = log_find(log, i + 1, needles))
        n++;
    return n;
}

static const char *value_of(const char *line, const char *key)
{
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(line, pat);
    return p ? p + strlen(pat) : NULL;
}

bool json_num(const char *line, const char *key, double *out)
{
    const char *v = value_of(line, key);
    char *end;
    if (!v)
        return false;
    *out = strtod(v, &end);
    return end != v;
}

bool json_str(const char *line, const char *key, char *out, size_t n)
{
    const char *v = value_of(line, key);
    if (!v || *v != '"')
        return false;
    const char *e = strchr(v + 1, '"');
    if (!e)
        return false;
    snprintf(out, n, "%.*s", (int)(e - v - 1), v + 1);
    return true;
}

int sample(int f, int x, int y, int c, int seed)
{
    switch (c) {
    case 0: return (f * 37 + x * 11 + seed * 50) % 256;
    case 1: return (y * 23 + f * 5) % 256;
    case 2: return (x * y + 3 * f + seed) % 256;
    default: return (x * 16 + y * 8 + 100) % 256;
    }
}

void make_frames(const char *pattern, int n, int w, int h, Depth d, Comps c, int seed)
{
    for (int f = 0; f < n; f++) {
        PixelBuf *b = pixelbuf_new(0, 0, w, h, d, c, false, 0);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                float px[4];
                for (int k = 0; k < 4; k++)
                    px[k] = (float)sample(f, x, y, k, seed) / 255.0f;
                pixel_set(b, x, y, px);
            }
        char path[1024], err[256];
        pattern_format(pattern, f, path, sizeof path);
        if (!image_write(path, b, NULL, err, sizeof err))
            fprintf(stderr, "e2e: %s\n", err);
        pixelbuf_free(b);
    }
}

double max_error(const char *out_file, double t, int nframes, int radius, double gain, int upscale, int seed)
{
    Frame o;
    char err[256];
    if (!frame_read(out_file, &o, err, sizeof err)) {
        fprintf(stderr, "e2e: %s\n", err);
        return INFINITY;
    }
    double worst = 0;
    int channels = o.channels == 4 ? 4 : 3;
    for (int y = 0; y < o.h; y++) {
        for (int x = 0; x < o.w; x++) {
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                int n = 0;
                for (int k = -radius; k <= radius; k++) {
                    long f = (long)floor(t + k + 0.5);
                    if (f < 0 || f >= nframes)
                        continue;
                    sum += sample((int)f, x / upscale, y / upscale, c, seed) / 255.0;
                    n++;
                }
                double want = n ? sum / n * (c < 3 ? gain : 1.0) : 0.0;
                double d = fabs(o.px[((size_t)y * o.w + x) * 4 + c] - want);
                worst = d > worst ? d : worst;
            }
        }
    }
    frame_free(&o);
    return worst;
}

const char *slurp(const char *path)
{
    static char buf[65536];
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return buf;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}
