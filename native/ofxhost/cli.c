#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "imageio.h"
#include "pattern.h"

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n > 0 ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static void inst_defaults(InstanceConfig *ic)
{
    memset(ic, 0, sizeof *ic);
    ic->depth = DEPTH_FLOAT;
    ic->comps = COMP_RGBA;
    ic->render_scale = 1.0;
    ic->abort_after_progress = -1;
    ic->fps = 24.0;
}

static void inst_free(InstanceConfig *ic)
{
    for (int i = 0; i < ic->nclips; i++) {
        free(ic->clips[i].name);
        free(ic->clips[i].pattern);
    }
    free(ic->clips);
    for (int i = 0; i < ic->nparams; i++) {
        free(ic->params[i].name);
        free(ic->params[i].value);
    }
    free(ic->params);
    free(ic->output);
    free(ic->times);
    free(ic->abort_at);
    memset(ic, 0, sizeof *ic);
}

/* A deep copy; {i} in patterns replaced when instance >= 0. */
static void inst_copy(InstanceConfig *dst, const InstanceConfig *src, int instance)
{
    *dst = *src;
    dst->clips = xcalloc((size_t)src->nclips, sizeof *dst->clips);
    for (int i = 0; i < src->nclips; i++) {
        dst->clips[i].name = xstrdup(src->clips[i].name);
        dst->clips[i].pattern = instance >= 0 ? pattern_for_instance(src->clips[i].pattern, instance)
                                              : xstrdup(src->clips[i].pattern);
    }
    dst->params = xcalloc((size_t)src->nparams, sizeof *dst->params);
    for (int i = 0; i < src->nparams; i++) {
        dst->params[i].name = xstrdup(src->params[i].name);
        dst->params[i].value = src->params[i].value ? xstrdup(src->params[i].value) : NULL;
    }
    dst->output = src->output ? (instance >= 0 ? pattern_for_instance(src->output, instance) : xstrdup(src->output))
                              : NULL;
    dst->times = xcalloc((size_t)src->ntimes, sizeof *dst->times);
    for (int i = 0; i < src->ntimes; i++)
        dst->times[i] = src->times[i];
    dst->abort_at = xcalloc((size_t)src->nabort_at, sizeof *dst->abort_at);
    for (int i = 0; i < src->nabort_at; i++)
        dst->abort_at[i] = src->abort_at[i];
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_num(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return end != s && !*end && !errno && isfinite(*out);
}

static bool parse_range(const char *s, int *a, int *b)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    char *colon = strchr(buf + 1, ':'); /* +1: FIRST may be negative */
    long x, y;
    if (!colon)
        return false;
    *colon = '\0';
    if (!parse_int(buf, -10000000, 10000000, &x) || !parse_int(colon + 1, -10000000, 10000000, &y) || y < x)
        return false;
    *a = (int)x;
    *b = (int)y;
    return true;
}

static bool parse_list(const char *s, double **out, int *n)
{
    char *buf = xstrdup(s), *save = NULL;
    free(*out);
    *out = NULL;
    *n = 0;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        double v;
        double *nv = realloc(*out, (size_t)(*n + 1) * sizeof *nv);
        if (!nv || !parse_num(tok, &v)) {
            free(nv ? nv : *out);
            *out = NULL;
            *n = 0;
            free(buf);
            return false;
        }
        *out = nv;
        (*out)[(*n)++] = v;
    }
    free(buf);
    return *n > 0;
}

static void set_clip(InstanceConfig *ic, const char *name, const char *pattern)
{
    for (int i = 0; i < ic->nclips; i++) {
        if (strcmp(ic->clips[i].name, name) == 0) {
            free(ic->clips[i].pattern);
            ic->clips[i].pattern = xstrdup(pattern);
            return;
        }
    }
    ClipInput *nc = realloc(ic->clips, (size_t)(ic->nclips + 1) * sizeof *nc);
    if (!nc)
        abort();
    ic->clips = nc;
    ic->clips[ic->nclips++] = (ClipInput){ xstrdup(name), xstrdup(pattern) };
}

static void set_param(InstanceConfig *ic, const char *arg)
{
    const char *eq = strchr(arg, '=');
    char *name = eq ? strndup(arg, (size_t)(eq - arg)) : xstrdup(arg);
    char *value = eq ? xstrdup(eq + 1) : NULL;
    for (int i = 0; i < ic->nparams; i++) {
        if (strcmp(ic->params[i].name, name) == 0) { /* the last value given wins */
            free(ic->params[i].value);
            ic->params[i].value = value;
            free(name);
            return;
        }
    }
    ParamArg *np = realloc(ic->params, (size_t)(ic->nparams + 1) * sizeof *np);
    if (!np)
        abort();
    ic->params = np;
    ic->params[ic->nparams++] = (ParamArg){ name, value };
}

static const char *const g_flags[] = { "--list-plugins", "--list-params", "--sequential", "--quiet", "--verbose",
                                       "--help", "--instance", "--negative-rowbytes", "--purge-caches",
                                       "--strict" };
static const char *const g_valued[] = { "--plugin", "--context", "--log", "--host-name", "--instances", "--threads",
                                        "--question-reply", "--input", "--clip", "--frames", "--output", "--render",
                                        "--times", "--time-offset", "--param", "--depth", "--components",
                                        "--render-scale", "--row-padding", "--abort-after-progress", "--abort-at",
                                        "--fps", "--refuse" };

static bool listed(const char *opt, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(opt, list[i]) == 0)
            return true;
    return false;
}

static bool takes_value(const char *opt)
{
    return listed(opt, g_valued, sizeof g_valued / sizeof *g_valued);
}

static bool known(const char *opt)
{
    return takes_value(opt) || listed(opt, g_flags, sizeof g_flags / sizeof *g_flags);
}

/* 1: handled, 0: not an instance option, -1: bad value. */
static int instance_opt(InstanceConfig *ic, const char *o, const char *v)
{
    long n;
    if (!strcmp(o, "--input")) set_clip(ic, "Source", v);
    else if (!strcmp(o, "--clip")) {
        const char *eq = strchr(v, '=');
        if (!eq || eq == v || !eq[1])
            return -1;
        char *name = strndup(v, (size_t)(eq - v));
        set_clip(ic, name, eq + 1);
        free(name);
    } else if (!strcmp(o, "--frames")) {
        if (!parse_range(v, &ic->first, &ic->last))
            return -1;
        ic->has_frames = true;
    } else if (!strcmp(o, "--output")) { free(ic->output); ic->output = xstrdup(v); }
    else if (!strcmp(o, "--render")) {
        if (!parse_range(v, &ic->render_first, &ic->render_last))
            return -1;
        ic->has_render = true;
    } else if (!strcmp(o, "--times")) { if (!parse_list(v, &ic->times, &ic->ntimes)) return -1; }
    else if (!strcmp(o, "--time-offset")) { if (!parse_num(v, &ic->time_offset)) return -1; }
    else if (!strcmp(o, "--param")) { if (!*v || *v == '=') return -1; set_param(ic, v); }
    else if (!strcmp(o, "--depth")) { if ((ic->depth = depth_from_name(v)) == DEPTH_NONE) return -1; }
    else if (!strcmp(o, "--components")) { if ((ic->comps = comps_from_name(v)) == COMP_NONE) return -1; }
    else if (!strcmp(o, "--render-scale")) {
        if (!parse_num(v, &ic->render_scale) || ic->render_scale <= 0 || ic->render_scale > 16)
            return -1;
    } else if (!strcmp(o, "--negative-rowbytes")) ic->negative_rowbytes = true;
    else if (!strcmp(o, "--row-padding")) { if (!parse_int(v, 0, 4096, &n)) return -1; ic->row_padding = (int)n; }
    else if (!strcmp(o, "--abort-after-progress")) {
        if (!parse_int(v, 0, 1000000000, &n))
            return -1;
        ic->abort_after_progress = (int)n;
    } else if (!strcmp(o, "--abort-at")) { if (!parse_list(v, &ic->abort_at, &ic->nabort_at)) return -1; }
    else if (!strcmp(o, "--fps")) { if (!parse_num(v, &ic->fps) || ic->fps <= 0) return -1; }
    else if (!strcmp(o, "--purge-caches")) ic->purge_caches = true;
    else return 0;
    return 1;
}

/* 1: handled, 0: unknown, -1: bad value. */
static int global_opt(HostConfig *cfg, const char *o, const char *v)
{
    long n;
    if (!strcmp(o, "--plugin")) { free(cfg->plugin); cfg->plugin = xstrdup(v); }
    else if (!strcmp(o, "--context")) {
        if (strcmp(v, "filter") && strcmp(v, "general"))
            return -1;
        free(cfg->context);
        cfg->context = xstrdup(v);
    } else if (!strcmp(o, "--log")) { free(cfg->log_path); cfg->log_path = xstrdup(v); }
    else if (!strcmp(o, "--host-name")) { free(cfg->host_name); cfg->host_name = xstrdup(v); }
    else if (!strcmp(o, "--list-plugins")) cfg->list_plugins = true;
    else if (!strcmp(o, "--list-params")) cfg->list_params = true;
    else if (!strcmp(o, "--instances")) { if (!parse_int(v, 1, 64, &n)) return -1; cfg->instances_k = (int)n; }
    else if (!strcmp(o, "--sequential")) cfg->sequential = true;
    else if (!strcmp(o, "--threads")) { if (!parse_int(v, 1, 1024, &n)) return -1; cfg->threads = (int)n; }
    else if (!strcmp(o, "--question-reply")) {
        if (strcmp(v, "yes") && strcmp(v, "no"))
            return -1;
        cfg->question_yes = strcmp(v, "yes") == 0;
    } else if (!strcmp(o, "--strict")) cfg->strict = true;
    else if (!strcmp(o, "--refuse")) {
        if (!*v)
            return -1;
        char **nr = realloc(cfg->refused, (size_t)(cfg->nrefused + 1) * sizeof *nr);
        if (!nr)
            abort();
        cfg->refused = nr;
        cfg->refused[cfg->nrefused++] = xstrdup(v);
    } else if (!strcmp(o, "--quiet")) cfg->echo = 0;
    else if (!strcmp(o, "--verbose")) cfg->echo = 2;
    else return 0;
    return 1;
}

static bool check_instance(const InstanceConfig *ic, int index, bool need_input)
{
    char err[512];
    bool has_frame;
    if (need_input && ic->nclips == 0) {
        fprintf(stderr, "ofxhost: instance %d has no --input\n", index);
        return false;
    }
    for (int i = 0; i < ic->nclips; i++) {
        if (!pattern_check(ic->clips[i].pattern, &has_frame, err, sizeof err)) {
            fprintf(stderr, "ofxhost: %s\n", err);
            return false;
        }
    }
    if (ic->output) {
        if (!pattern_check(ic->output, &has_frame, err, sizeof err)) {
            fprintf(stderr, "ofxhost: %s\n", err);
            return false;
        }
        if (!image_ext_known(ic->output)) {
            fprintf(stderr, "ofxhost: --output %s: use a .ppm, .pgm, .pam or .pfm extension\n", ic->output);
            return false;
        }
    }
    return true;
}

bool cli_parse(int argc, char **argv, HostConfig *cfg, bool *exit_now)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->question_yes = true;
    cfg->echo = 1;
    *exit_now = false;
    InstanceConfig defaults;
    inst_defaults(&defaults);
    InstanceConfig *cur = &defaults;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            if (cfg->bundle) {
                fprintf(stderr, "ofxhost: unexpected argument '%s' (the bundle is %s)\n", a, cfg->bundle);
                goto fail;
            }
            cfg->bundle = xstrdup(a);
            continue;
        }
        char opt[64];
        const char *val = NULL;
        const char *eq = strchr(a, '=');
        snprintf(opt, sizeof opt, "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
        if (!known(opt)) {
            fprintf(stderr, "ofxhost: unknown option %s (see --help)\n", opt);
            goto fail;
        }
        if (!strcmp(opt, "--help")) {
            cli_usage(stdout);
            *exit_now = true;
            inst_free(&defaults);
            return true;
        }
        if (takes_value(opt)) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else {
                fprintf(stderr, "ofxhost: %s needs a value (see --help)\n", opt);
                goto fail;
            }
        } else if (eq) {
            fprintf(stderr, "ofxhost: %s takes no value\n", opt);
            goto fail;
        }
        if (!strcmp(opt, "--instance")) {
            InstanceConfig *ni = realloc(cfg->inst, (size_t)(cfg->ninst + 1) * sizeof *ni);
            if (!ni)
                abort();
            cfg->inst = ni;
            cur = &cfg->inst[cfg->ninst++];
            inst_copy(cur, &defaults, -1);
            continue;
        }
        int r = instance_opt(cur, opt, val);
        if (r == 0)
            r = global_opt(cfg, opt, val);
        if (r == 0) {
            fprintf(stderr, "ofxhost: unknown option %s (see --help)\n", opt);
            goto fail;
        }
        if (r < 0) {
            fprintf(stderr, "ofxhost: bad value '%s' for %s (see --help)\n", val ? val : "", opt);
            goto fail;
        }
    }
    if (!cfg->bundle) {
        fprintf(stderr, "ofxhost: no plugin bundle given (see --help)\n");
        goto fail;
    }
    if (cfg->instances_k > 0 && cfg->ninst > 0) {
        fprintf(stderr, "ofxhost: use either --instances K or --instance blocks, not both\n");
        goto fail;
    }
    int k = cfg->ninst > 0 ? cfg->ninst : (cfg->instances_k > 0 ? cfg->instances_k : 1);
    InstanceConfig *final = xcalloc((size_t)k, sizeof *final);
    for (int i = 0; i < k; i++)
        inst_copy(&final[i], cfg->ninst > 0 ? &cfg->inst[i] : &defaults, i);
    for (int i = 0; i < cfg->ninst; i++)
        inst_free(&cfg->inst[i]);
    free(cfg->inst);
    cfg->inst = final;
    cfg->ninst = k;
    inst_free(&defaults);
    bool need_input = !cfg->list_plugins && !cfg->list_params;
    for (int i = 0; i < k; i++) {
        if (!check_instance(&cfg->inst[i], i, need_input))
            return false;
        for (int j = 0; j < i; j++) {
            if (cfg->inst[i].output && cfg->inst[j].output && strcmp(cfg->inst[i].output, cfg->inst[j].output) == 0) {
                fprintf(stderr, "ofxhost: instances %d and %d would both write %s; give each its own --output "
                                "(with --instances, put {i} in the pattern)\n", j, i, cfg->inst[i].output);
                return false;
            }
        }
    }
    return true;
fail:
    inst_free(&defaults);
    return false;
}

void cli_free(HostConfig *cfg)
{
    for (int i = 0; i < cfg->ninst; i++)
        inst_free(&cfg->inst[i]);
    free(cfg->inst);
    free(cfg->bundle);
    free(cfg->plugin);
    free(cfg->context);
    free(cfg->log_path);
    free(cfg->host_name);
    for (int i = 0; i < cfg->nrefused; i++)
        free(cfg->refused[i]);
    free(cfg->refused);
    memset(cfg, 0, sizeof *cfg);
}
