/*
 * The properties the OpenFX 1.4 specification gives each kind of property set, with their types, dimensions and
 * defaults: one home for "what does this set hold". Sets are closed (see props.h), so a property missing here is
 * unknown to plugins.
 */
#ifndef OFXHOST_PROPDEFS_H
#define OFXHOST_PROPDEFS_H

#include <stdbool.h>

#include "params.h"
#include "props.h"

/*
 * --strict and --refuse: properties the host leaves out of the sets it builds, so a plugin setting or reading them
 * gets kOfxStatErrUnknown, as from a host that does not know them. Strict leaves out what the specification lets a
 * host refuse and what the reference HostSupport library does not define (the list and its sources are in
 * propdefs.c); `refused` adds names of the caller's choosing (kept, not copied). Set once before any set is built.
 */
void propdefs_configure(bool strict, const char *const *refused, int nrefused);
bool propdefs_strict(void);

typedef struct HostIdentity {
    const char *name;   /* kOfxPropName, e.g. "tdm.ofxhost" */
    const char *label;
} HostIdentity;

void propdefs_host(PropSet *ps, const HostIdentity *id);
void propdefs_effect_descriptor(PropSet *ps, const char *bundle_path);
/* An instance's own set (the spec's instance properties; tiles copied from the descriptor). The project size, frame
 * rate and duration are set by the host once the clips are known. */
void propdefs_effect_instance(PropSet *ps, const PropSet *descriptor, const char *context);
void propdefs_clip_descriptor(PropSet *ps, const char *name);
/* Adds the instance properties to a clone of the clip descriptor's set. */
void propdefs_clip_instance(PropSet *ps);
void propdefs_image(PropSet *ps);
void propdefs_param(PropSet *ps, ParamKind k, const char *name);

#endif
