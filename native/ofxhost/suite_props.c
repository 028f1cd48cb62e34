/*
 * OfxPropertySuiteV1 over props.c. Every failing call is logged as a "property_error" event with the function,
 * the set's label, the property, the index and the status, so a plugin author can see what the host refused.
 */
#include <stdlib.h>

#include "log.h"
#include "props.h"

static OfxStatus report(const char *fn, const PropSet *ps, const char *name, int index, OfxStatus st)
{
    if (st == kOfxStatOK)
        return st;
    JsonBuf jb;
    log_start(&jb, "property_error", ps ? ps->instance : -1);
    jb_kstr(&jb, "function", fn);
    jb_kstr(&jb, "set", ps ? ps->label : NULL);
    jb_kstr(&jb, "property", name);
    jb_kint(&jb, "index", index);
    jb_kint(&jb, "status", st);
    jb_kstr(&jb, "status_name", ofx_status_name(st));
    log_finish(&jb);
    return st;
}

#define CHECK_SET(fn, h, name, index)                                   \
    PropSet *ps = propset_from_handle(h);                               \
    if (!ps)                                                            \
        return report(fn, NULL, name, index, kOfxStatErrBadHandle);     \
    if (!name)                                                          \
        return report(fn, ps, name, index, kOfxStatErrUnknown)

static OfxStatus set1(const char *fn, OfxPropertySetHandle h, const char *name, int index, PropType t, PropValue v)
{
    CHECK_SET(fn, h, name, index);
    return report(fn, ps, name, index, props_set_value(ps, name, index, t, v));
}

static OfxStatus get1(const char *fn, OfxPropertySetHandle h, const char *name, int index, PropType t, PropValue *v)
{
    CHECK_SET(fn, h, name, index);
    if (!v)
        return report(fn, ps, name, index, kOfxStatErrValue);
    return report(fn, ps, name, index, props_get_value(ps, name, index, t, v));
}

static OfxStatus setPointer(OfxPropertySetHandle h, const char *n, int i, void *v)
{
    return set1("propSetPointer", h, n, i, PROP_POINTER, (PropValue){ .p = v });
}

static OfxStatus setString(OfxPropertySetHandle h, const char *n, int i, const char *v)
{
    return set1("propSetString", h, n, i, PROP_STRING, (PropValue){ .s = (char *)v });
}

static OfxStatus setDouble(OfxPropertySetHandle h, const char *n, int i, double v)
{
    return set1("propSetDouble", h, n, i, PROP_DOUBLE, (PropValue){ .d = v });
}

static OfxStatus setInt(OfxPropertySetHandle h, const char *n, int i, int v)
{
    return set1("propSetInt", h, n, i, PROP_INT, (PropValue){ .i = v });
}

/* The N variants convert the caller's array to PropValues; count is bounded to keep this simple and safe. */
#define MAX_N 1024

static OfxStatus setN(const char *fn, OfxPropertySetHandle h, const char *name, int count, PropType t,
                      const void *vals)
{
    CHECK_SET(fn, h, name, count);
    if (count < 0 || count > MAX_N)
        return report(fn, ps, name, count, kOfxStatErrBadIndex);
    if (count > 0 && !vals)
        return report(fn, ps, name, count, kOfxStatErrValue);
    PropValue *pv = calloc((size_t)(count > 0 ? count : 1), sizeof *pv);
    if (!pv)
        return report(fn, ps, name, count, kOfxStatErrMemory);
    for (int i = 0; i < count; i++) {
        switch (t) {
        case PROP_INT: pv[i].i = ((const int *)vals)[i]; break;
        case PROP_DOUBLE: pv[i].d = ((const double *)vals)[i]; break;
        case PROP_STRING: pv[i].s = (char *)((const char *const *)vals)[i]; break;
        case PROP_POINTER: pv[i].p = ((void *const *)vals)[i]; break;
        }
    }
    OfxStatus st = props_set_values(ps, name, count, t, pv);
    free(pv);
    return report(fn, ps, name, count, st);
}

static OfxStatus setPointerN(OfxPropertySetHandle h, const char *n, int c, void *const *v)
{
    return setN("propSetPointerN", h, n, c, PROP_POINTER, v);
}

static OfxStatus setStringN(OfxPropertySetHandle h, const char *n, int c, const char *const *v)
{
    return setN("propSetStringN", h, n, c, PROP_STRING, v);
}

static OfxStatus setDoubleN(OfxPropertySetHandle h, const char *n, int c, const double *v)
{
    return setN("propSetDoubleN", h, n, c, PROP_DOUBLE, v);
}

static OfxStatus setIntN(OfxPropertySetHandle h, const char *n, int c, const int *v)
{
    return setN("propSetIntN", h, n, c, PROP_INT, v);
}

static OfxStatus getPointer(OfxPropertySetHandle h, const char *n, int i, void **out)
{
    PropValue v;
    OfxStatus st = get1("propGetPointer", h, n, i, PROP_POINTER, out ? &v : NULL);
    if (st == kOfxStatOK)
        *out = v.p;
    return st;
}

static OfxStatus getString(OfxPropertySetHandle h, const char *n, int i, char **out)
{
    PropValue v;
    OfxStatus st = get1("propGetString", h, n, i, PROP_STRING, out ? &v : NULL);
    if (st == kOfxStatOK)
        *out = v.s; /* valid until the property is next written */
    return st;
}

static OfxStatus getDouble(OfxPropertySetHandle h, const char *n, int i, double *out)
{
    PropValue v;
    OfxStatus st = get1("propGetDouble", h, n, i, PROP_DOUBLE, out ? &v : NULL);
    if (st == kOfxStatOK)
        *out = v.d;
    return st;
}

static OfxStatus getInt(OfxPropertySetHandle h, const char *n, int i, int *out)
{
    PropValue v;
    OfxStatus st = get1("propGetInt", h, n, i, PROP_INT, out ? &v : NULL);
    if (st == kOfxStatOK)
        *out = v.i;
    return st;
}

static OfxStatus getN(const char *fn, OfxPropertySetHandle h, const char *name, int count, PropType t, void *out)
{
    CHECK_SET(fn, h, name, count);
    const Prop *p = propset_find(ps, name);
    if (!p)
        return report(fn, ps, name, count, kOfxStatErrUnknown);
    if (p->type != t)
        return report(fn, ps, name, count, kOfxStatErrValue);
    if (count < 0 || count > p->count)
        return report(fn, ps, name, count, kOfxStatErrBadIndex);
    if (count > 0 && !out)
        return report(fn, ps, name, count, kOfxStatErrValue);
    for (int i = 0; i < count; i++) {
        switch (t) {
        case PROP_INT: ((int *)out)[i] = p->v[i].i; break;
        case PROP_DOUBLE: ((double *)out)[i] = p->v[i].d; break;
        case PROP_STRING: ((char **)out)[i] = p->v[i].s; break;
        case PROP_POINTER: ((void **)out)[i] = p->v[i].p; break;
        }
    }
    return kOfxStatOK;
}

static OfxStatus getPointerN(OfxPropertySetHandle h, const char *n, int c, void **v)
{
    return getN("propGetPointerN", h, n, c, PROP_POINTER, v);
}

static OfxStatus getStringN(OfxPropertySetHandle h, const char *n, int c, char **v)
{
    return getN("propGetStringN", h, n, c, PROP_STRING, v);
}

static OfxStatus getDoubleN(OfxPropertySetHandle h, const char *n, int c, double *v)
{
    return getN("propGetDoubleN", h, n, c, PROP_DOUBLE, v);
}

static OfxStatus getIntN(OfxPropertySetHandle h, const char *n, int c, int *v)
{
    return getN("propGetIntN", h, n, c, PROP_INT, v);
}

static OfxStatus reset(OfxPropertySetHandle h, const char *name)
{
    CHECK_SET("propReset", h, name, 0);
    return report("propReset", ps, name, 0, props_reset_value(ps, name));
}

static OfxStatus getDimension(OfxPropertySetHandle h, const char *name, int *count)
{
    CHECK_SET("propGetDimension", h, name, 0);
    const Prop *p = propset_find(ps, name);
    if (!p)
        return report("propGetDimension", ps, name, 0, kOfxStatErrUnknown);
    if (!count)
        return report("propGetDimension", ps, name, 0, kOfxStatErrValue);
    *count = p->count;
    return kOfxStatOK;
}

static const OfxPropertySuiteV1 g_suite = {
    setPointer, setString, setDouble, setInt,
    setPointerN, setStringN, setDoubleN, setIntN,
    getPointer, getString, getDouble, getInt,
    getPointerN, getStringN, getDoubleN, getIntN,
    reset, getDimension,
};

const OfxPropertySuiteV1 *property_suite(void)
{
    return &g_suite;
}
