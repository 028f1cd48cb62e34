/*
 * Command line: global options, then per-instance options. Options given before the first --instance are defaults
 * for every instance; each --instance starts one instance that inherits them and may override any of them.
 * The full reference is cli_usage.c and native/README.md.
 */
#ifndef OFXHOST_CLI_H
#define OFXHOST_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "pixels.h"

typedef struct ClipInput {
    char *name;     /* "Source" for --input */
    char *pattern;  /* printf-style frame pattern, "{i}" already replaced */
} ClipInput;

typedef struct ParamArg {
    char *name;
    char *value;    /* NULL for "--param button" (press a push button) */
} ParamArg;

typedef struct InstanceConfig {
    ClipInput *clips;
    int nclips;
    bool has_frames;
    int first, last;            /* --frames FIRST:LAST */
    char *output;
    bool has_render;
    int render_first, render_last;
    double *times;
    int ntimes;
    double time_offset;
    ParamArg *params;
    int nparams;
    Depth depth;
    Comps comps;
    double render_scale;
    bool negative_rowbytes;
    int row_padding;
    int abort_after_progress;   /* -1: never */
    double *abort_at;
    int nabort_at;
    double fps;
    bool purge_caches;
} InstanceConfig;

typedef struct HostConfig {
    char *bundle;
    char *plugin;               /* identifier or index; NULL = 0 */
    char *context;              /* "filter", "general" or NULL (filter when supported) */
    char *log_path;
    char *host_name;
    bool list_plugins;
    bool list_params;
    int instances_k;            /* --instances K, 0 when not given */
    bool sequential;
    int threads;                /* 0: online CPUs */
    bool question_yes;
    int echo;                   /* 0 quiet, 1 normal, 2 verbose */
    bool strict;                /* --strict: refuse what HostSupport-based hosts refuse (propdefs.c) */
    char **refused;             /* --refuse NAME, repeatable */
    int nrefused;
    InstanceConfig *inst;
    int ninst;
} HostConfig;

/* Parses argv. On a usage error prints the problem and returns false (exit status 2); --help prints usage and
 * sets *exit_now. */
bool cli_parse(int argc, char **argv, HostConfig *cfg, bool *exit_now);
void cli_free(HostConfig *cfg);
void cli_usage(FILE *out);

#endif
