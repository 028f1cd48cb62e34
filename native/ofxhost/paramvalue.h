/*
 * Parameter values beyond storage: animation maths (derivative, integral, copy), values the plugin sets, values
 * parsed from the command line, and values as JSON.
 */
#ifndef OFXHOST_PARAMVALUE_H
#define OFXHOST_PARAMVALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"
#include "params.h"

/* d/dt of the (piecewise linear) value; 0 without keys. */
void param_derivative(const Param *p, double t, double out[4]);
/* Integral of the value over [t1, t2] (exact for the piecewise linear curve). */
void param_integral(const Param *p, double t1, double t2, double out[4]);
/* Copies value and keys, keys shifted by offset and limited to [lo, hi] (before the shift). */
void param_copy(Param *dst, const Param *src, double offset, double lo, double hi);

/* Records a value the plugin set: a "param_set" event, and the instance's queue of kOfxChangePluginEdited
 * notifications (not during a render, where the spec forbids setting values: a warning instead). */
void param_plugin_edited(Param *p, bool at_time, double time, const double *v, const char *s);

/* Parses a command-line value by the parameter's type: integers, doubles, booleans (true/false/1/0/yes/no/on/off),
 * choices (index or option label), strings, and comma-separated components for 2D/3D/RGB/RGBA. Checks the
 * parameter's min/max. false with a message naming the parameter, the value and what is expected. */
bool param_parse_cli(const Param *p, const char *text, double v[4], char **s, char *err, size_t errlen);

/* A value as JSON: a number, boolean or string for one component, an array for several. */
void param_json_value(JsonBuf *jb, ParamKind k, const double *v, const char *s);

#endif
