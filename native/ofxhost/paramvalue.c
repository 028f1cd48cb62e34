#include "paramvalue.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "host.h"
#include "log.h"
#include "ofx_strings.h"

void param_derivative(const Param *p, double t, double out[4])
{
    memset(out, 0, 4 * sizeof *out);
    if (p->nkeys < 2)
        return;
    /* The slope of the segment holding t (the one after it at a key); 0 outside the keys. */
    for (int i = 0; i + 1 < p->nkeys; i++) {
        const ParamKey *a = &p->keys[i], *b = &p->keys[i + 1];
        if (t >= a->time && t < b->time && b->time > a->time) {
            for (int k = 0; k < 4; k++)
                out[k] = (b->v[k] - a->v[k]) / (b->time - a->time);
            return;
        }
    }
}

void param_integral(const Param *p, double t1, double t2, double out[4])
{
    memset(out, 0, 4 * sizeof *out);
    double sign = 1.0;
    if (t2 < t1) {
        double x = t1;
        t1 = t2;
        t2 = x;
        sign = -1.0;
    }
    /* Trapezoids between t1, every key strictly inside, and t2: exact for a piecewise linear curve. */
    double prev_t = t1, prev_v[4], cur_v[4];
    param_value_at(p, t1, prev_v, NULL);
    for (int i = 0; i <= p->nkeys; i++) {
        double t = i < p->nkeys ? p->keys[i].time : t2;
        if (i < p->nkeys && (t <= t1 || t >= t2))
            continue;
        param_value_at(p, t, cur_v, NULL);
        for (int k = 0; k < 4; k++)
            out[k] += 0.5 * (prev_v[k] + cur_v[k]) * (t - prev_t);
        prev_t = t;
        memcpy(prev_v, cur_v, sizeof prev_v);
    }
    for (int k = 0; k < 4; k++)
        out[k] *= sign;
}

void param_copy(Param *dst, const Param *src, double offset, double lo, double hi)
{
    while (dst->nkeys > 0)
        param_delete_key(dst, dst->nkeys - 1);
    param_set_value(dst, false, 0, src->v, src->s);
    for (int i = 0; i < src->nkeys; i++) {
        const ParamKey *k = &src->keys[i];
        if (k->time >= lo && k->time <= hi)
            param_set_value(dst, true, k->time + offset, k->v, k->s);
    }
}

void param_plugin_edited(Param *p, bool at_time, double time, const double *v, const char *s)
{
    Effect *e = p->set->effect;
    Instance *inst = e ? e->inst : NULL;
    JsonBuf jb;
    log_start(&jb, "param_set", inst ? inst->index : -1);
    jb_kstr(&jb, "name", p->name);
    jb_kstr(&jb, "source", "plugin");
    jb_key(&jb, "value");
    param_json_value(&jb, p->kind, v, s);
    if (at_time)
        jb_knum(&jb, "time", time);
    else
        jb_knull(&jb, "time");
    jb_kstr(&jb, "action", inst ? inst->action : NULL);
    log_finish(&jb);
    if (!inst)
        return;
    if (inst->in_render) {
        host_warn(inst->index, "the plugin set parameter %s during a render (not allowed by OpenFX)", p->name);
        return;
    }
    pthread_mutex_lock(&inst->lock);
    bool queued = false;
    for (int i = 0; i < inst->nedited && !queued; i++)
        queued = strcmp(inst->edited[i], p->name) == 0;
    if (!queued) {
        char **ne = realloc(inst->edited, (size_t)(inst->nedited + 1) * sizeof *ne);
        if (ne) {
            inst->edited = ne;
            inst->edited[inst->nedited++] = strdup(p->name);
        }
    }
    pthread_mutex_unlock(&inst->lock);
}

static bool parse_double(const char *t, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(t, &end);
    return end != t && *end == '\0' && errno == 0 && isfinite(*v);
}

static bool parse_int(const char *t, double *v)
{
    char *end;
    errno = 0;
    long x = strtol(t, &end, 10);
    if (end == t || *end != '\0' || errno != 0 || x < INT_MIN || x > INT_MAX)
        return false;
    *v = (double)x;
    return true;
}

static bool parse_bool(const char *t, double *v)
{
    static const char *yes[] = { "1", "true", "yes", "on" }, *no[] = { "0", "false", "no", "off" };
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(t, yes[i]) == 0) {
            *v = 1;
            return true;
        }
        if (strcasecmp(t, no[i]) == 0) {
            *v = 0;
            return true;
        }
    }
    return false;
}

static bool parse_choice(const Param *p, const char *t, double *v)
{
    int n = ps_count(p->props, kOfxParamPropChoiceOption);
    if (parse_int(t, v))
        return *v >= 0 && *v < n;
    for (int pass = 0; pass < 2; pass++) { /* exact label first, then ignoring case */
        for (int i = 0; i < n; i++) {
            const char *opt = ps_str(p->props, kOfxParamPropChoiceOption, i, "");
            if (pass == 0 ? strcmp(opt, t) == 0 : strcasecmp(opt, t) == 0) {
                *v = i;
                return true;
            }
        }
    }
    return false;
}

static bool in_range(const Param *p, const double *v, int n, char *err, size_t errlen)
{
    bool is_int = param_kind_is_int(p->kind);
    for (int i = 0; i < n; i++) {
        double mn = is_int ? ps_int(p->props, kOfxParamPropMin, i, INT_MIN)
                           : ps_double(p->props, kOfxParamPropMin, i, -INFINITY);
        double mx = is_int ? ps_int(p->props, kOfxParamPropMax, i, INT_MAX)
                           : ps_double(p->props, kOfxParamPropMax, i, INFINITY);
        if (v[i] < mn || v[i] > mx) {
            snprintf(err, errlen, "parameter %s: value %.17g is outside its range [%.17g, %.17g]", p->name, v[i],
                     mn, mx);
            return false;
        }
    }
    return true;
}

bool param_parse_cli(const Param *p, const char *text, double v[4], char **s, char *err, size_t errlen)
{
    int n = param_kind_dims(p->kind);
    memset(v, 0, 4 * sizeof *v);
    *s = NULL;
    if (param_kind_is_string(p->kind)) {
        *s = strdup(text);
        return true;
    }
    if (p->kind == PK_BOOLEAN) {
        if (parse_bool(text, &v[0]))
            return true;
        snprintf(err, errlen, "parameter %s is a boolean: '%s' is not true/false/1/0/yes/no/on/off", p->name, text);
        return false;
    }
    if (p->kind == PK_CHOICE) {
        if (parse_choice(p, text, &v[0]))
            return true;
        int no = ps_count(p->props, kOfxParamPropChoiceOption);
        int len = snprintf(err, errlen, "parameter %s is a choice: '%s' is neither an index 0..%d nor an option (",
                           p->name, text, no - 1);
        for (int i = 0; i < no && len > 0 && (size_t)len < errlen; i++)
            len += snprintf(err + len, errlen - (size_t)len, "%s\"%s\"", i ? ", " : "",
                            ps_str(p->props, kOfxParamPropChoiceOption, i, ""));
        if (len > 0 && (size_t)len < errlen)
            snprintf(err + len, errlen - (size_t)len, ")");
        return false;
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    char *save = NULL, *tok = strtok_r(buf, ",", &save);
    int got = 0;
    bool ok = true;
    while (tok && ok) {
        ok = got < n && (param_kind_is_int(p->kind) ? parse_int(tok, &v[got]) : parse_double(tok, &v[got]));
        got++;
        tok = strtok_r(NULL, ",", &save);
    }
    if (!ok || got != n) {
        snprintf(err, errlen, "parameter %s (%s) needs %d %s value%s separated by commas, got '%s'", p->name,
                 param_kind_type(p->kind), n, param_kind_is_int(p->kind) ? "integer" : "number", n > 1 ? "s" : "",
                 text);
        return false;
    }
    return in_range(p, v, n, err, errlen);
}

void param_json_value(JsonBuf *jb, ParamKind k, const double *v, const char *s)
{
    int n = param_kind_dims(k);
    if (param_kind_is_string(k)) {
        jb_str(jb, s ? s : "");
    } else if (k == PK_BOOLEAN) {
        jb_bool(jb, v[0] != 0);
    } else if (n == 1) {
        if (param_kind_is_int(k))
            jb_int(jb, (long long)v[0]);
        else
            jb_num(jb, v[0]);
    } else if (n > 1) {
        jb_arr_begin(jb);
        for (int i = 0; i < n; i++) {
            if (param_kind_is_int(k))
                jb_int(jb, (long long)v[i]);
            else
                jb_num(jb, v[i]);
        }
        jb_arr_end(jb);
    } else {
        jb_null(jb);
    }
}
