/*
 * Parameters: descriptors (defined by the plugin while describing) and instances (made from them at
 * CreateInstance), their property sets, values and keyframes.
 *
 * Values: up to 4 numeric components (int-valued types store exact integers in doubles) or one string. A parameter
 * without keys has one value for all times; with keys (paramSetValueAtTime) numeric values are interpolated linearly
 * between keys (rounded for int-valued types) and held constant outside them; strings and booleans step.
 */
#ifndef OFXHOST_PARAMS_H
#define OFXHOST_PARAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "ofx_abi.h"
#include "props.h"

typedef enum {
    PK_INTEGER, PK_DOUBLE, PK_BOOLEAN, PK_CHOICE, PK_RGBA, PK_RGB, PK_DOUBLE2D, PK_INTEGER2D, PK_DOUBLE3D,
    PK_INTEGER3D, PK_STRING, PK_CUSTOM, PK_PUSHBUTTON, PK_GROUP, PK_PAGE, PK_COUNT
} ParamKind;

typedef struct ParamKey {
    double time;
    double v[4];
    char *s;
} ParamKey;

#define PARAM_MAGIC 0x5041524Du    /* "PARM" */
#define PARAMSET_MAGIC 0x50415253u /* "PARS" */

struct Effect;

typedef struct Param {
    uint32_t magic;
    ParamKind kind;
    char *name;
    PropSet *props;
    struct ParamSet *set;
    bool is_instance;
    double v[4];
    char *s;
    ParamKey *keys; /* sorted by time */
    int nkeys;
} Param;

typedef struct ParamSet {
    uint32_t magic;
    struct Effect *effect;
    int instance;   /* for the log, -1 for descriptors */
    Param **params;
    int count, cap;
} ParamSet;

/* Kind <-> OpenFX type string. param_kind_from_type returns PK_COUNT for unknown types and sets *known_unsupported
 * for types that exist in OpenFX but this host does not implement (parametric, StrChoice, bytes). */
ParamKind param_kind_from_type(const char *type, bool *known_unsupported);
const char *param_kind_type(ParamKind k);
int param_kind_dims(ParamKind k);          /* value components: 0 for button/group/page */
bool param_kind_is_int(ParamKind k);       /* integer, boolean, choice, integer 2D/3D */
bool param_kind_is_string(ParamKind k);    /* string, custom */
bool param_kind_has_value(ParamKind k);

ParamSet *paramset_new(struct Effect *effect, int instance);
void paramset_free(ParamSet *set);
ParamSet *paramset_from_handle(OfxParamSetHandle h);
Param *param_from_handle(OfxParamHandle h);
Param *paramset_find(const ParamSet *set, const char *name);

/* Defines a descriptor parameter with the spec's default properties. NULL if the name exists. */
Param *paramset_define(ParamSet *set, ParamKind kind, const char *name);
/* Instance parameters from a descriptor set: properties copied, values from kOfxParamPropDefault. */
ParamSet *paramset_instantiate(const ParamSet *desc, struct Effect *effect, int instance);
/* A copy of descriptor parameters (for a context descriptor made from the main descriptor). */
ParamSet *paramset_copy_descriptors(const ParamSet *desc, struct Effect *effect);

/* Value at a time (keys interpolated); v has 4 slots. */
void param_value_at(const Param *p, double time, double *v, const char **s);
/* Sets the constant value (no keys: replaces it; with keys: sets the key at `time` when at_time). */
void param_set_value(Param *p, bool at_time, double time, const double *v, const char *s);
void param_delete_key(Param *p, int index);
void param_update_animating(Param *p);

#endif
