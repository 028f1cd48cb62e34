/*
 * Calling the plugin's main entry. Every call is logged as one "action" event: the action string, the instance,
 * the time (when inArgs holds kOfxPropTime), every inArgs property as the plugin saw it, every outArgs property as
 * the plugin left it, the returned status and the duration.
 */
#ifndef OFXHOST_ACTIONS_H
#define OFXHOST_ACTIONS_H

#include <stdbool.h>

#include "host.h"
#include "json.h"

/* e may be NULL (Load, Unload); in/out may be NULL. */
OfxStatus action_run(const OfxPlugin *p, const char *action, Effect *e, PropSet *in, PropSet *out);

/* An empty argument set for an action ("Render.inArgs"). */
PropSet *args_new(const char *action, const char *which, int instance);

/* Whether a status means the action went well: OK, or ReplyDefault (not trapped). */
bool status_ok(OfxStatus st);

/* A property set as a JSON object: {"name":[values...], ...}; pointers as "0x..." strings or null. */
void props_json(JsonBuf *jb, const PropSet *ps);

#endif
