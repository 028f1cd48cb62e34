/* Helpers for the end-to-end test: running the host, reading its JSON-lines log, making input frames. */
#ifndef E2E_UTIL_H
#define E2E_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "pixels.h"

extern const char *g_host_bin, *g_bundle;
extern char g_tmp[];

/* A path inside the test's temporary folder, in one of 8 rotating static buffers: copy it to keep it longer. */
const char *tmp_path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs: HOST BUNDLE --log LOG ARGS, stderr to ERR; returns the exit status. */
int run_host(const char *log, const char *err, const char *args);

typedef struct Log {
    char **lines;
    int n;
} Log;

/* One configuration: runs the host with NAME.jsonl and NAME.err in the temporary folder, checks the exit status
 * (printing stderr when it differs) and returns the log (empty when there is none; the caller frees it). */
Log run(const char *name, int expect_rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

bool log_load(const char *path, Log *log);
void log_free(Log *log);
/* Lines containing every needle (NULL-terminated list); the first such line at or after `from`, or -1. */
int log_count(const Log *log, const char *const *needles);
int log_find(const Log *log, int from, const char *const *needles);
#define ALL(...) ((const char *const[]){ __VA_ARGS__, NULL })
/* Values of simple keys in one line ("key":number / "key":"string" without escapes). */
bool json_num(const char *line, const char *key, double *out);
bool json_str(const char *line, const char *key, char *out, size_t n);

/* Writes frames 0..n-1 of the test pattern (see sample()) to PATTERN with the given depth and components. */
void make_frames(const char *pattern, int n, int w, int h, Depth d, Comps c, int seed);
/* The pattern's 8-bit value of frame f at (x, y) in OpenFX coordinates (y up), channel c. */
int sample(int f, int x, int y, int c, int seed);

/* Largest difference between an output file and the expected temporal average (RGB channels, and alpha when the
 * file has it). radius/gain as the test plugin's parameters; frames outside 0..nframes-1 are skipped. */
double max_error(const char *out_file, double t, int nframes, int radius, double gain, int upscale, int seed);

/* Contents of a small text file (static buffer). */
const char *slurp(const char *path);

#endif
