/*
 * Property sets: the host's storage behind every OfxPropertySetHandle, and the property suite over it.
 *
 * A set is closed: it holds the properties the specification gives its kind (declared by the host when the set is
 * built, see propdefs.c); the plugin can read and write them but cannot add new ones (kOfxStatErrUnknown, logged as
 * a "property_error" event). Fixed-dimension properties reject indices past their dimension (kOfxStatErrBadIndex);
 * variable-dimension ones (dimension 0) grow when the plugin sets the next index or sets N values. The initial
 * values are the defaults that propReset restores.
 *
 * Thread safety: a set is not locked. The host only shares descriptor sets (read-only after describe) and the host
 * set between threads; every instance's sets belong to that instance's thread.
 */
#ifndef OFXHOST_PROPS_H
#define OFXHOST_PROPS_H

#include <stdbool.h>
#include <stdint.h>

#include "ofx_abi.h"

typedef enum { PROP_INT, PROP_DOUBLE, PROP_STRING, PROP_POINTER } PropType;

typedef union {
    int i;
    double d;
    char *s;
    void *p;
} PropValue;

typedef struct Prop {
    char *name;
    PropType type;
    int fixed_dim;      /* 0: variable dimension */
    int count;
    PropValue *v;
    int def_count;
    PropValue *def;
} Prop;

#define PROPSET_MAGIC 0x50534554u /* "PSET" */

/* What a set describes; an image set's owner is a HostImage, the others' owners are the objects holding them. */
typedef enum {
    PSK_HOST, PSK_EFFECT, PSK_CLIP, PSK_PARAM, PSK_IMAGE, PSK_ARGS
} PropSetKind;

typedef struct PropSet {
    uint32_t magic;
    PropSetKind kind;
    char *label;        /* for the log: "host", "effect:instance", "clip:Source", "param:gain", "Render.inArgs" */
    void *owner;
    int instance;       /* instance index for the log, -1 when none */
    int count, cap;
    Prop *props;
} PropSet;

PropSet *propset_new(PropSetKind kind, const char *label, void *owner, int instance);
void propset_free(PropSet *ps);
/* A deep copy (values and defaults) under a new label; used to make instances from descriptors. */
PropSet *propset_clone(const PropSet *src, PropSetKind kind, const char *label, void *owner, int instance);
/* Validates a handle coming from the plugin; NULL when it is not a live property set. */
PropSet *propset_from_handle(OfxPropertySetHandle h);

Prop *propset_find(const PropSet *ps, const char *name);
/* Takes a property out of a set (the host does not know it any more); nothing when it is not there. */
void propset_remove(PropSet *ps, const char *name);

/* Declaring properties (host side); the values given become the defaults. Redeclaring replaces. */
void ps_decl_int(PropSet *ps, const char *name, int fixed_dim, int n, const int *vals);
void ps_decl_double(PropSet *ps, const char *name, int fixed_dim, int n, const double *vals);
void ps_decl_str(PropSet *ps, const char *name, int fixed_dim, int n, const char *const *vals);
void ps_decl_ptr(PropSet *ps, const char *name, int fixed_dim, int n, void *const *vals);
#define PS_INT1(ps, name, v) ps_decl_int((ps), (name), 1, 1, (const int[]){ (v) })
#define PS_DBL1(ps, name, v) ps_decl_double((ps), (name), 1, 1, (const double[]){ (v) })
#define PS_STR1(ps, name, v) ps_decl_str((ps), (name), 1, 1, (const char *const[]){ (v) })
#define PS_PTR1(ps, name, v) ps_decl_ptr((ps), (name), 1, 1, (void *const[]){ (v) })
#define PS_STRV(ps, name) ps_decl_str((ps), (name), 0, 0, NULL)

/* Host-side reads with a fallback for missing properties or indices. */
int ps_int(const PropSet *ps, const char *name, int index, int fallback);
double ps_double(const PropSet *ps, const char *name, int index, double fallback);
const char *ps_str(const PropSet *ps, const char *name, int index, const char *fallback);
void *ps_ptr(const PropSet *ps, const char *name, int index);
int ps_count(const PropSet *ps, const char *name);
bool ps_has_str(const PropSet *ps, const char *name, const char *value);

/* Host-side writes to declared properties (growing variable ones); return an OfxStatus. */
OfxStatus ps_set_int(PropSet *ps, const char *name, int index, int v);
OfxStatus ps_set_double(PropSet *ps, const char *name, int index, double v);
OfxStatus ps_set_str(PropSet *ps, const char *name, int index, const char *v);
OfxStatus ps_set_ptr(PropSet *ps, const char *name, int index, void *v);
OfxStatus ps_set_doubles(PropSet *ps, const char *name, int n, const double *v);
OfxStatus ps_set_ints(PropSet *ps, const char *name, int n, const int *v);

/* Typed access with OpenFX statuses (kOfxStatErrUnknown, ErrValue for a type mismatch, ErrBadIndex); the property
 * suite (suite_props.c) is a logging layer over these. */
OfxStatus props_set_value(PropSet *ps, const char *name, int index, PropType type, PropValue v);
OfxStatus props_set_values(PropSet *ps, const char *name, int n, PropType type, const PropValue *v);
OfxStatus props_get_value(const PropSet *ps, const char *name, int index, PropType type, PropValue *out);
OfxStatus props_reset_value(PropSet *ps, const char *name);

/* The property suite handed to plugins. */
const OfxPropertySuiteV1 *property_suite(void);

#endif
