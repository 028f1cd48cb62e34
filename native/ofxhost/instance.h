/*
 * Effect instances: the host objects (made from the context descriptor and one --instance block of the command
 * line), and the instance actions of the lifecycle up to rendering.
 */
#ifndef OFXHOST_INSTANCE_H
#define OFXHOST_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "host.h"

/* Builds the instance objects: parameters at their defaults, clips connected to their frame patterns (frames
 * found, first frame's size read), project size and frame range. false with a usage-level message on error. */
Effect *instance_new(const Effect *ctx, const char *context, int index, const InstanceConfig *cfg, char *err,
                     size_t errlen);
void instance_free(Effect *e);

/* Checks the instance's options against what the plugin described: every --param (name, type, range), the pixel
 * depth (kOfxImageEffectPropSupportedPixelDepths) and the components of each connected input clip. */
bool instance_check_config(const Effect *e, char *err, size_t errlen);

/* CreateInstance, then the command line's parameter values as user edits (Begin/InstanceChanged/End), then
 * GetClipPreferences (and GetTimeDomain in the general context). false when CreateInstance failed. */
bool instance_start(const OfxPlugin *p, Effect *e, const char *context);

/* Reports values the plugin set itself back to it (kOfxChangePluginEdited), a bounded number of rounds. */
void instance_flush_plugin_edits(const OfxPlugin *p, Effect *e);

#endif
