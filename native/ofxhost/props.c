#include "props.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

static char *dupstr(const char *s)
{
    return strdup(s ? s : "");
}

PropSet *propset_new(PropSetKind kind, const char *label, void *owner, int instance)
{
    PropSet *ps = calloc(1, sizeof *ps);
    if (!ps)
        abort();
    ps->magic = PROPSET_MAGIC;
    ps->kind = kind;
    ps->label = dupstr(label);
    ps->owner = owner;
    ps->instance = instance;
    return ps;
}

static void free_values(PropType type, PropValue *v, int n)
{
    if (type == PROP_STRING)
        for (int i = 0; i < n; i++)
            free(v[i].s);
    free(v);
}

void propset_free(PropSet *ps)
{
    if (!ps)
        return;
    for (int i = 0; i < ps->count; i++) {
        Prop *p = &ps->props[i];
        free_values(p->type, p->v, p->count);
        free_values(p->type, p->def, p->def_count);
        free(p->name);
    }
    free(ps->props);
    free(ps->label);
    ps->magic = 0; /* a stale handle passed back later then fails the magic check instead of reading garbage */
    free(ps);
}

PropSet *propset_from_handle(OfxPropertySetHandle h)
{
    PropSet *ps = (PropSet *)h;
    if (!ps || ps->magic != PROPSET_MAGIC)
        return NULL;
    return ps;
}

Prop *propset_find(const PropSet *ps, const char *name)
{
    if (!ps || !name)
        return NULL;
    for (int i = 0; i < ps->count; i++)
        if (strcmp(ps->props[i].name, name) == 0)
            return &ps->props[i];
    return NULL;
}

static PropValue *copy_values(PropType type, const PropValue *src, int n)
{
    PropValue *v = calloc((size_t)(n > 0 ? n : 1), sizeof *v);
    if (!v)
        abort();
    for (int i = 0; i < n; i++)
        v[i] = (type == PROP_STRING) ? (PropValue){ .s = dupstr(src[i].s) } : src[i];
    return v;
}

PropSet *propset_clone(const PropSet *src, PropSetKind kind, const char *label, void *owner, int instance)
{
    PropSet *ps = propset_new(kind, label, owner, instance);
    ps->cap = ps->count = src->count;
    ps->props = calloc((size_t)(src->count > 0 ? src->count : 1), sizeof(Prop));
    if (!ps->props)
        abort();
    for (int i = 0; i < src->count; i++) {
        const Prop *s = &src->props[i];
        Prop *d = &ps->props[i];
        d->name = dupstr(s->name);
        d->type = s->type;
        d->fixed_dim = s->fixed_dim;
        d->count = s->count;
        d->v = copy_values(s->type, s->v, s->count);
        d->def_count = s->def_count;
        d->def = copy_values(s->type, s->def, s->def_count);
    }
    return ps;
}

void propset_remove(PropSet *ps, const char *name)
{
    Prop *p = propset_find(ps, name);
    if (!p)
        return;
    free_values(p->type, p->v, p->count);
    free_values(p->type, p->def, p->def_count);
    free(p->name);
    int at = (int)(p - ps->props);
    memmove(p, p + 1, (size_t)(ps->count - at - 1) * sizeof *p);
    ps->count--;
}

/* Declares (or redeclares) a property with its initial values, which also become its defaults. */
static void decl(PropSet *ps, const char *name, PropType type, int fixed_dim, int n, const PropValue *vals)
{
    Prop *p = propset_find(ps, name);
    if (p) {
        free_values(p->type, p->v, p->count);
        free_values(p->type, p->def, p->def_count);
    } else {
        if (ps->count == ps->cap) {
            ps->cap = ps->cap ? ps->cap * 2 : 16;
            Prop *np = realloc(ps->props, (size_t)ps->cap * sizeof *np);
            if (!np)
                abort();
            ps->props = np;
        }
        p = &ps->props[ps->count++];
        p->name = dupstr(name);
    }
    int count = fixed_dim > 0 ? fixed_dim : n;
    PropValue *init = calloc((size_t)(count > 0 ? count : 1), sizeof *init);
    if (!init)
        abort();
    for (int i = 0; i < count; i++)
        init[i] = (i < n) ? vals[i] : (PropValue){ 0 };
    p->type = type;
    p->fixed_dim = fixed_dim;
    p->count = count;
    p->v = copy_values(type, init, count);
    p->def_count = count;
    p->def = copy_values(type, init, count);
    free(init);
}

void ps_decl_int(PropSet *ps, const char *name, int fixed_dim, int n, const int *vals)
{
    PropValue v[16] = { { 0 } };
    for (int i = 0; i < n && i < 16; i++)
        v[i].i = vals[i];
    decl(ps, name, PROP_INT, fixed_dim, n < 16 ? n : 16, v);
}

void ps_decl_double(PropSet *ps, const char *name, int fixed_dim, int n, const double *vals)
{
    PropValue v[16] = { { 0 } };
    for (int i = 0; i < n && i < 16; i++)
        v[i].d = vals[i];
    decl(ps, name, PROP_DOUBLE, fixed_dim, n < 16 ? n : 16, v);
}

void ps_decl_str(PropSet *ps, const char *name, int fixed_dim, int n, const char *const *vals)
{
    PropValue v[16] = { { 0 } };
    for (int i = 0; i < n && i < 16; i++)
        v[i].s = (char *)vals[i]; /* copied by decl */
    decl(ps, name, PROP_STRING, fixed_dim, n < 16 ? n : 16, v);
}

void ps_decl_ptr(PropSet *ps, const char *name, int fixed_dim, int n, void *const *vals)
{
    PropValue v[16] = { { 0 } };
    for (int i = 0; i < n && i < 16; i++)
        v[i].p = vals[i];
    decl(ps, name, PROP_POINTER, fixed_dim, n < 16 ? n : 16, v);
}

/* ---- core get/set shared by the host and the suite ---- */

OfxStatus props_set_value(PropSet *ps, const char *name, int index, PropType type, PropValue v)
{
    Prop *p = propset_find(ps, name);
    if (!p)
        return kOfxStatErrUnknown;
    if (p->type != type)
        return kOfxStatErrValue;
    if (index < 0 || index > p->count || (index == p->count && p->fixed_dim > 0))
        return kOfxStatErrBadIndex;
    if (index == p->count) { /* grows a variable-dimension property by one */
        PropValue *nv = realloc(p->v, (size_t)(p->count + 1) * sizeof *nv);
        if (!nv)
            return kOfxStatErrMemory;
        p->v = nv;
        p->v[p->count++] = (PropValue){ 0 };
    }
    if (type == PROP_STRING) {
        char *s = dupstr(v.s);
        free(p->v[index].s);
        p->v[index].s = s;
    } else {
        p->v[index] = v;
    }
    return kOfxStatOK;
}

OfxStatus props_set_values(PropSet *ps, const char *name, int n, PropType type, const PropValue *v)
{
    Prop *p = propset_find(ps, name);
    if (!p)
        return kOfxStatErrUnknown;
    if (p->type != type)
        return kOfxStatErrValue;
    if (n < 0 || (p->fixed_dim > 0 && n > p->fixed_dim))
        return kOfxStatErrBadIndex;
    if (p->fixed_dim == 0) { /* a variable property takes exactly the n values given */
        PropValue *nv = calloc((size_t)(n > 0 ? n : 1), sizeof *nv);
        if (!nv)
            return kOfxStatErrMemory;
        free_values(p->type, p->v, p->count);
        p->v = nv;
        p->count = n;
    }
    for (int i = 0; i < n; i++) {
        if (type == PROP_STRING) {
            char *s = dupstr(v[i].s);
            free(p->v[i].s);
            p->v[i].s = s;
        } else {
            p->v[i] = v[i];
        }
    }
    return kOfxStatOK;
}

OfxStatus props_get_value(const PropSet *ps, const char *name, int index, PropType type, PropValue *out)
{
    const Prop *p = propset_find(ps, name);
    if (!p)
        return kOfxStatErrUnknown;
    if (p->type != type)
        return kOfxStatErrValue;
    if (index < 0 || index >= p->count)
        return kOfxStatErrBadIndex;
    *out = p->v[index];
    return kOfxStatOK;
}

/* ---- host-side helpers ---- */

int ps_int(const PropSet *ps, const char *name, int index, int fallback)
{
    PropValue v;
    return props_get_value(ps, name, index, PROP_INT, &v) == kOfxStatOK ? v.i : fallback;
}

double ps_double(const PropSet *ps, const char *name, int index, double fallback)
{
    PropValue v;
    return props_get_value(ps, name, index, PROP_DOUBLE, &v) == kOfxStatOK ? v.d : fallback;
}

const char *ps_str(const PropSet *ps, const char *name, int index, const char *fallback)
{
    PropValue v;
    return props_get_value(ps, name, index, PROP_STRING, &v) == kOfxStatOK ? v.s : fallback;
}

void *ps_ptr(const PropSet *ps, const char *name, int index)
{
    PropValue v;
    return props_get_value(ps, name, index, PROP_POINTER, &v) == kOfxStatOK ? v.p : NULL;
}

int ps_count(const PropSet *ps, const char *name)
{
    const Prop *p = propset_find(ps, name);
    return p ? p->count : 0;
}

bool ps_has_str(const PropSet *ps, const char *name, const char *value)
{
    const Prop *p = propset_find(ps, name);
    if (!p || p->type != PROP_STRING)
        return false;
    for (int i = 0; i < p->count; i++)
        if (strcmp(p->v[i].s, value) == 0)
            return true;
    return false;
}

OfxStatus ps_set_int(PropSet *ps, const char *name, int index, int v)
{
    return props_set_value(ps, name, index, PROP_INT, (PropValue){ .i = v });
}

OfxStatus ps_set_double(PropSet *ps, const char *name, int index, double v)
{
    return props_set_value(ps, name, index, PROP_DOUBLE, (PropValue){ .d = v });
}

OfxStatus ps_set_str(PropSet *ps, const char *name, int index, const char *v)
{
    return props_set_value(ps, name, index, PROP_STRING, (PropValue){ .s = (char *)v });
}

OfxStatus ps_set_ptr(PropSet *ps, const char *name, int index, void *v)
{
    return props_set_value(ps, name, index, PROP_POINTER, (PropValue){ .p = v });
}

OfxStatus ps_set_doubles(PropSet *ps, const char *name, int n, const double *v)
{
    PropValue pv[16];
    if (n > 16)
        return kOfxStatErrBadIndex;
    for (int i = 0; i < n; i++)
        pv[i].d = v[i];
    return props_set_values(ps, name, n, PROP_DOUBLE, pv);
}

OfxStatus ps_set_ints(PropSet *ps, const char *name, int n, const int *v)
{
    PropValue pv[16];
    if (n > 16)
        return kOfxStatErrBadIndex;
    for (int i = 0; i < n; i++)
        pv[i].i = v[i];
    return props_set_values(ps, name, n, PROP_INT, pv);
}

OfxStatus props_reset_value(PropSet *ps, const char *name)
{
    Prop *p = propset_find(ps, name);
    if (!p)
        return kOfxStatErrUnknown;
    free_values(p->type, p->v, p->count);
    p->v = copy_values(p->type, p->def, p->def_count);
    p->count = p->def_count;
    return kOfxStatOK;
}
