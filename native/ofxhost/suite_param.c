/*
 * OfxParameterSuiteV1. The value functions are C varargs: getters receive one pointer per component (int *,
 * double * or const char **), setters one value per component (int, double or const char *), by parameter type.
 * Values the plugin sets are logged as "param_set" events (source "plugin") and reported back to it with
 * kOfxChangePluginEdited after the action in progress (lifecycle.c).
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "log.h"
#include "paramvalue.h"

static OfxStatus paramDefine(OfxParamSetHandle h, const char *type, const char *name, OfxPropertySetHandle *ps)
{
    ParamSet *set = paramset_from_handle(h);
    if (!set)
        return kOfxStatErrBadHandle;
    if (!name || !type)
        return kOfxStatErrUnknown;
    if (set->effect && set->effect->is_instance)
        return kOfxStatErrUnsupported; /* parameters are defined while describing */
    bool unsupported;
    ParamKind k = param_kind_from_type(type, &unsupported);
    if (k == PK_COUNT)
        return unsupported ? kOfxStatErrUnsupported : kOfxStatErrUnknown;
    Param *p = paramset_define(set, k, name);
    if (!p)
        return kOfxStatErrExists;
    if (ps)
        *ps = (OfxPropertySetHandle)p->props;
    return kOfxStatOK;
}

static OfxStatus paramGetHandle(OfxParamSetHandle h, const char *name, OfxParamHandle *param,
                                OfxPropertySetHandle *ps)
{
    ParamSet *set = paramset_from_handle(h);
    if (!set)
        return kOfxStatErrBadHandle;
    Param *p = paramset_find(set, name);
    if (!p)
        return kOfxStatErrUnknown;
    if (param)
        *param = (OfxParamHandle)p;
    if (ps)
        *ps = (OfxPropertySetHandle)p->props;
    return kOfxStatOK;
}

static OfxStatus paramSetGetPropertySet(OfxParamSetHandle h, OfxPropertySetHandle *ps)
{
    ParamSet *set = paramset_from_handle(h);
    if (!set || !ps || !set->effect)
        return kOfxStatErrBadHandle;
    *ps = (OfxPropertySetHandle)set->effect->props; /* the spec: the parameter set's properties are the effect's */
    return kOfxStatOK;
}

static OfxStatus paramGetPropertySet(OfxParamHandle h, OfxPropertySetHandle *ps)
{
    Param *p = param_from_handle(h);
    if (!p || !ps)
        return kOfxStatErrBadHandle;
    *ps = (OfxPropertySetHandle)p->props;
    return kOfxStatOK;
}

/* A value-holding instance parameter, or a status saying why not. */
static OfxStatus valued(OfxParamHandle h, Param **out)
{
    Param *p = param_from_handle(h);
    if (!p || !p->is_instance)
        return kOfxStatErrBadHandle;
    if (!param_kind_has_value(p->kind))
        return kOfxStatErrUnsupported;
    *out = p;
    return kOfxStatOK;
}

static double current_time(const Param *p)
{
    const Effect *e = p->set->effect;
    return (e && e->inst) ? e->inst->render_time : 0.0;
}

/* Writes the value through the caller's pointers. */
static OfxStatus write_out(const Param *p, const double *v, const char *s, va_list ap)
{
    int n = param_kind_dims(p->kind);
    if (param_kind_is_string(p->kind)) {
        const char **o = va_arg(ap, const char **);
        if (!o)
            return kOfxStatErrValue;
        *o = s; /* valid until the parameter is next set */
        return kOfxStatOK;
    }
    for (int i = 0; i < n; i++) {
        if (param_kind_is_int(p->kind)) {
            int *o = va_arg(ap, int *);
            if (!o)
                return kOfxStatErrValue;
            *o = (int)v[i];
        } else {
            double *o = va_arg(ap, double *);
            if (!o)
                return kOfxStatErrValue;
            *o = v[i];
        }
    }
    return kOfxStatOK;
}

static OfxStatus paramGetValue(OfxParamHandle h, ...)
{
    Param *p;
    OfxStatus st = valued(h, &p);
    if (st != kOfxStatOK)
        return st;
    double v[4];
    const char *s;
    param_value_at(p, current_time(p), v, &s);
    va_list ap;
    va_start(ap, h);
    st = write_out(p, v, s, ap);
    va_end(ap);
    return st;
}

static OfxStatus paramGetValueAtTime(OfxParamHandle h, OfxTime time, ...)
{
    Param *p;
    OfxStatus st = valued(h, &p);
    if (st != kOfxStatOK)
        return st;
    double v[4];
    const char *s;
    param_value_at(p, time, v, &s);
    va_list ap;
    va_start(ap, time);
    st = write_out(p, v, s, ap);
    va_end(ap);
    return st;
}

static bool double_valued(const Param *p)
{
    return !param_kind_is_int(p->kind) && !param_kind_is_string(p->kind);
}

static OfxStatus paramGetDerivative(OfxParamHandle h, OfxTime time, ...)
{
    Param *p;
    OfxStatus st = valued(h, &p);
    if (st != kOfxStatOK)
        return st;
    if (!double_valued(p))
        return kOfxStatErrUnsupported;
    double d[4];
    param_derivative(p, time, d);
    va_list ap;
    va_start(ap, time);
    st = write_out(p, d, NULL, ap);
    va_end(ap);
    return st;
}

static OfxStatus paramGetIntegral(OfxParamHandle h, OfxTime t1, OfxTime t2, ...)
{
    Param *p;
    OfxStatus st = valued(h, &p);
    if (st != kOfxStatOK)
        return st;
    if (!double_valued(p))
        return kOfxStatErrUnsupported;
    double r[4];
    param_integral(p, t1, t2, r);
    va_list ap;
    va_start(ap, t2);
    st = write_out(p, r, NULL, ap);
    va_end(ap);
    return st;
}

/* Reads the caller's values (int, double or const char * per component). */
static void read_in(const Param *p, double *v, const char **s, va_list ap)
{
    int n = param_kind_dims(p->kind);
    memset(v, 0, 4 * sizeof *v);
    *s = NULL;
    if (param_kind_is_string(p->kind)) {
        *s = va_arg(ap, const char *);
        return;
    }
    for (int i = 0; i < n; i++)
        v[i] = param_kind_is_int(p->kind) ? (double)va_arg(ap, int) : va_arg(ap, double);
}

static OfxStatus paramSetValue(OfxParamHandle h, ...)
{
    Param *p;
    OfxStatus st = valued(h, &p);
    if (st != kOfxStatOK)
        return st;
    double v[4];
    const char *s;
    va_list ap;
    va_start(ap, h);
    read_in(p, v, &s, ap);
    va_end(ap);
    double t = current_time(p);
    param_set_value(p, p->nkeys > 0, t, v, s);
    param_plugin_edited(p, false, t, v, s);
    return kOfxStatOK;
}

static OfxStatus paramSetValueAtTime(OfxParamHandle h, OfxTime time, ...)
{
    Param *p;
    OfxStatus st = valued(h, &p);
    if (st != kOfxStatOK)
        return st;
    double v[4];
    const char *s;
    va_list ap;
    va_start(ap, time);
    read_in(p, v, &s, ap);
    va_end(ap);
    /* A parameter that does not animate has one value for all times. */
    bool animates = ps_int(p->props, kOfxParamPropAnimates, 0, 1) != 0;
    param_set_value(p, animates, time, v, s);
    param_plugin_edited(p, animates, time, v, s);
    return kOfxStatOK;
}

static OfxStatus paramGetNumKeys(OfxParamHandle h, unsigned int *n)
{
    Param *p = param_from_handle(h);
    if (!p || !n)
        return kOfxStatErrBadHandle;
    *n = (unsigned)p->nkeys;
    return kOfxStatOK;
}

static OfxStatus paramGetKeyTime(OfxParamHandle h, unsigned int nth, OfxTime *time)
{
    Param *p = param_from_handle(h);
    if (!p || !time)
        return kOfxStatErrBadHandle;
    if (nth >= (unsigned)p->nkeys)
        return kOfxStatErrBadIndex;
    *time = p->keys[nth].time;
    return kOfxStatOK;
}

#define KEY_EPS 1e-9

static OfxStatus paramGetKeyIndex(OfxParamHandle h, OfxTime time, int direction, int *index)
{
    Param *p = param_from_handle(h);
    if (!p || !index)
        return kOfxStatErrBadHandle;
    *index = -1;
    for (int i = 0; i < p->nkeys; i++) {
        double kt = p->keys[i].time;
        if (direction == 0 && fabs(kt - time) <= KEY_EPS)
            *index = i;
        else if (direction > 0 && kt > time + KEY_EPS && *index < 0)
            *index = i;
        else if (direction < 0 && kt < time - KEY_EPS)
            *index = i;
    }
    return *index >= 0 ? kOfxStatOK : kOfxStatFailed;
}

static OfxStatus paramDeleteKey(OfxParamHandle h, OfxTime time)
{
    Param *p = param_from_handle(h);
    if (!p)
        return kOfxStatErrBadHandle;
    for (int i = 0; i < p->nkeys; i++) {
        if (fabs(p->keys[i].time - time) <= KEY_EPS) {
            param_delete_key(p, i);
            return kOfxStatOK;
        }
    }
    return kOfxStatErrBadIndex;
}

static OfxStatus paramDeleteAllKeys(OfxParamHandle h)
{
    Param *p = param_from_handle(h);
    if (!p)
        return kOfxStatErrBadHandle;
    if (p->nkeys > 0) { /* keep the value at the current time as the constant value */
        double v[4];
        const char *s;
        param_value_at(p, current_time(p), v, &s);
        char *keep = strdup(s ? s : "");
        while (p->nkeys > 0)
            param_delete_key(p, p->nkeys - 1);
        param_set_value(p, false, 0, v, keep);
        free(keep);
    }
    return kOfxStatOK;
}

static OfxStatus paramCopy(OfxParamHandle to, OfxParamHandle from, OfxTime offset, const OfxRangeD *range)
{
    Param *d = param_from_handle(to), *s = param_from_handle(from);
    if (!d || !s)
        return kOfxStatErrBadHandle;
    if (d->kind != s->kind || !param_kind_has_value(d->kind))
        return kOfxStatErrValue;
    param_copy(d, s, offset, range ? range->min : -INFINITY, range ? range->max : INFINITY);
    return kOfxStatOK;
}

static OfxStatus paramEditBegin(OfxParamSetHandle h, const char *name)
{
    (void)name;
    return paramset_from_handle(h) ? kOfxStatOK : kOfxStatErrBadHandle;
}

static OfxStatus paramEditEnd(OfxParamSetHandle h)
{
    return paramset_from_handle(h) ? kOfxStatOK : kOfxStatErrBadHandle;
}

static const OfxParameterSuiteV1 g_suite = {
    paramDefine, paramGetHandle, paramSetGetPropertySet, paramGetPropertySet, paramGetValue, paramGetValueAtTime,
    paramGetDerivative, paramGetIntegral, paramSetValue, paramSetValueAtTime, paramGetNumKeys, paramGetKeyTime,
    paramGetKeyIndex, paramDeleteKey, paramDeleteAllKeys, paramCopy, paramEditBegin, paramEditEnd,
};

const OfxParameterSuiteV1 *parameter_suite(void)
{
    return &g_suite;
}
