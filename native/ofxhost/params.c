#include "params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofx_strings.h"
#include "propdefs.h"

static const struct {
    ParamKind kind;
    const char *type;
    int dims;
} g_kinds[PK_COUNT] = {
    { PK_INTEGER, kOfxParamTypeInteger, 1 },     { PK_DOUBLE, kOfxParamTypeDouble, 1 },
    { PK_BOOLEAN, kOfxParamTypeBoolean, 1 },     { PK_CHOICE, kOfxParamTypeChoice, 1 },
    { PK_RGBA, kOfxParamTypeRGBA, 4 },           { PK_RGB, kOfxParamTypeRGB, 3 },
    { PK_DOUBLE2D, kOfxParamTypeDouble2D, 2 },   { PK_INTEGER2D, kOfxParamTypeInteger2D, 2 },
    { PK_DOUBLE3D, kOfxParamTypeDouble3D, 3 },   { PK_INTEGER3D, kOfxParamTypeInteger3D, 3 },
    { PK_STRING, kOfxParamTypeString, 1 },       { PK_CUSTOM, kOfxParamTypeCustom, 1 },
    { PK_PUSHBUTTON, kOfxParamTypePushButton, 0 }, { PK_GROUP, kOfxParamTypeGroup, 0 },
    { PK_PAGE, kOfxParamTypePage, 0 },
};

ParamKind param_kind_from_type(const char *type, bool *known_unsupported)
{
    if (known_unsupported)
        *known_unsupported = false;
    if (!type)
        return PK_COUNT;
    for (int i = 0; i < PK_COUNT; i++)
        if (strcmp(type, g_kinds[i].type) == 0)
            return g_kinds[i].kind;
    if (known_unsupported)
        *known_unsupported = strcmp(type, kOfxParamTypeParametric) == 0 || strcmp(type, kOfxParamTypeBytes) == 0 ||
                             strcmp(type, kOfxParamTypeStrChoice) == 0;
    return PK_COUNT;
}

const char *param_kind_type(ParamKind k) { return k < PK_COUNT ? g_kinds[k].type : "unknown"; }
int param_kind_dims(ParamKind k) { return k < PK_COUNT ? g_kinds[k].dims : 0; }

bool param_kind_is_int(ParamKind k)
{
    return k == PK_INTEGER || k == PK_BOOLEAN || k == PK_CHOICE || k == PK_INTEGER2D || k == PK_INTEGER3D;
}

bool param_kind_is_string(ParamKind k) { return k == PK_STRING || k == PK_CUSTOM; }
bool param_kind_has_value(ParamKind k) { return param_kind_dims(k) > 0; }

ParamSet *paramset_new(struct Effect *effect, int instance)
{
    ParamSet *set = calloc(1, sizeof *set);
    if (!set)
        abort();
    set->magic = PARAMSET_MAGIC;
    set->effect = effect;
    set->instance = instance;
    return set;
}

static void param_free(Param *p)
{
    propset_free(p->props);
    for (int i = 0; i < p->nkeys; i++)
        free(p->keys[i].s);
    free(p->keys);
    free(p->s);
    free(p->name);
    p->magic = 0;
    free(p);
}

void paramset_free(ParamSet *set)
{
    if (!set)
        return;
    for (int i = 0; i < set->count; i++)
        param_free(set->params[i]);
    free(set->params);
    set->magic = 0;
    free(set);
}

ParamSet *paramset_from_handle(OfxParamSetHandle h)
{
    ParamSet *s = (ParamSet *)h;
    return (s && s->magic == PARAMSET_MAGIC) ? s : NULL;
}

Param *param_from_handle(OfxParamHandle h)
{
    Param *p = (Param *)h;
    return (p && p->magic == PARAM_MAGIC) ? p : NULL;
}

Param *paramset_find(const ParamSet *set, const char *name)
{
    if (!set || !name)
        return NULL;
    for (int i = 0; i < set->count; i++)
        if (strcmp(set->params[i]->name, name) == 0)
            return set->params[i];
    return NULL;
}

static Param *add(ParamSet *set, ParamKind kind, const char *name)
{
    if (set->count == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        Param **np = realloc(set->params, (size_t)set->cap * sizeof *np);
        if (!np)
            abort();
        set->params = np;
    }
    Param *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->magic = PARAM_MAGIC;
    p->kind = kind;
    p->name = strdup(name);
    p->set = set;
    set->params[set->count++] = p;
    return p;
}

static char *param_label(const char *name, bool instance)
{
    size_t n = strlen(name) + 16;
    char *s = malloc(n);
    if (!s)
        abort();
    snprintf(s, n, "%s:%s", instance ? "param" : "param-desc", name);
    return s;
}

Param *paramset_define(ParamSet *set, ParamKind kind, const char *name)
{
    if (paramset_find(set, name))
        return NULL;
    Param *p = add(set, kind, name);
    char *label = param_label(name, false);
    p->props = propset_new(PSK_PARAM, label, p, set->instance);
    free(label);
    propdefs_param(p->props, kind, name);
    return p;
}

/* The default value held by a descriptor's kOfxParamPropDefault. */
static void read_default(const Param *d, double v[4], char **s)
{
    int n = param_kind_dims(d->kind);
    for (int i = 0; i < 4; i++)
        v[i] = 0;
    *s = NULL;
    if (param_kind_is_string(d->kind))
        *s = strdup(ps_str(d->props, kOfxParamPropDefault, 0, ""));
    else if (param_kind_is_int(d->kind))
        for (int i = 0; i < n; i++)
            v[i] = ps_int(d->props, kOfxParamPropDefault, i, 0);
    else
        for (int i = 0; i < n; i++)
            v[i] = ps_double(d->props, kOfxParamPropDefault, i, 0);
}

static ParamSet *copy_set(const ParamSet *desc, struct Effect *effect, int instance, bool as_instance)
{
    ParamSet *set = paramset_new(effect, instance);
    for (int i = 0; i < desc->count; i++) {
        const Param *d = desc->params[i];
        Param *p = add(set, d->kind, d->name);
        p->is_instance = as_instance;
        char *label = param_label(d->name, as_instance);
        p->props = propset_clone(d->props, PSK_PARAM, label, p, instance);
        free(label);
        if (as_instance)
            ps_set_str(p->props, kOfxPropType, 0, kOfxTypeParameterInstance);
        if (param_kind_has_value(d->kind))
            read_default(d, p->v, &p->s);
    }
    return set;
}

ParamSet *paramset_instantiate(const ParamSet *desc, struct Effect *effect, int instance)
{
    return copy_set(desc, effect, instance, true);
}

ParamSet *paramset_copy_descriptors(const ParamSet *desc, struct Effect *effect)
{
    return copy_set(desc, effect, -1, false);
}

/* Keyframes: index of the first key with time >= t. */
static int lower_bound(const Param *p, double t)
{
    int lo = 0, hi = p->nkeys;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (p->keys[mid].time < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void param_value_at(const Param *p, double time, double *v, const char **s)
{
    int n = param_kind_dims(p->kind);
    if (p->nkeys == 0) {
        memcpy(v, p->v, sizeof p->v);
        if (s)
            *s = p->s ? p->s : "";
        return;
    }
    int i = lower_bound(p, time);
    const ParamKey *a, *b;
    if (i == 0) {
        a = b = &p->keys[0];
    } else if (i == p->nkeys) {
        a = b = &p->keys[p->nkeys - 1];
    } else {
        a = &p->keys[i - 1];
        b = &p->keys[i];
    }
    /* Booleans, choices and strings step: they take the last key at or before the time. */
    const ParamKey *held = (b->time <= time) ? b : a;
    if (s)
        *s = held->s ? held->s : "";
    bool steps = p->kind == PK_BOOLEAN || p->kind == PK_CHOICE || param_kind_is_string(p->kind);
    double f = (a == b || b->time <= time) ? 1.0 : (time - a->time) / (b->time - a->time);
    for (int k = 0; k < 4; k++) {
        double x = k < n ? (steps ? held->v[k] : a->v[k] + f * (b->v[k] - a->v[k])) : 0.0;
        v[k] = param_kind_is_int(p->kind) ? nearbyint(x) : x;
    }
}

void param_set_value(Param *p, bool at_time, double time, const double *v, const char *s)
{
    if (!at_time && p->nkeys == 0) {
        memcpy(p->v, v, sizeof p->v);
        if (param_kind_is_string(p->kind)) {
            char *ns = strdup(s ? s : "");
            free(p->s);
            p->s = ns;
        }
        return;
    }
    /* With keys, a plain set acts at the time given by the caller (the host passes the current time). */
    int i = lower_bound(p, time);
    if (i == p->nkeys || p->keys[i].time != time) {
        ParamKey *nk = realloc(p->keys, (size_t)(p->nkeys + 1) * sizeof *nk);
        if (!nk)
            return;
        p->keys = nk;
        memmove(&p->keys[i + 1], &p->keys[i], (size_t)(p->nkeys - i) * sizeof *nk);
        memset(&p->keys[i], 0, sizeof *nk);
        p->keys[i].time = time;
        p->nkeys++;
    }
    memcpy(p->keys[i].v, v, sizeof p->keys[i].v);
    if (param_kind_is_string(p->kind)) {
        char *ns = strdup(s ? s : "");
        free(p->keys[i].s);
        p->keys[i].s = ns;
    }
    param_update_animating(p);
}

void param_delete_key(Param *p, int index)
{
    if (index < 0 || index >= p->nkeys)
        return;
    /* The last key's value becomes the constant value so the parameter keeps its look. */
    if (p->nkeys == 1) {
        memcpy(p->v, p->keys[0].v, sizeof p->v);
        if (param_kind_is_string(p->kind)) {
            free(p->s);
            p->s = p->keys[0].s;
            p->keys[0].s = NULL;
        }
    }
    free(p->keys[index].s);
    memmove(&p->keys[index], &p->keys[index + 1], (size_t)(p->nkeys - index - 1) * sizeof *p->keys);
    p->nkeys--;
    param_update_animating(p);
}

void param_update_animating(Param *p)
{
    ps_set_int(p->props, kOfxParamPropIsAnimating, 0, p->nkeys > 0);
}
