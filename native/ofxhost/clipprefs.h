/*
 * GetClipPreferences and GetTimeDomain: what the plugin wants of its clips. Preferences that name a depth or
 * components the host or the clip cannot take are refused with a warning (the host's choice stays); accepted ones
 * change how images are served and written. The outcome is logged as a "clip_preferences" event.
 */
#ifndef OFXHOST_CLIPPREFS_H
#define OFXHOST_CLIPPREFS_H

#include "host.h"

void clip_preferences(const OfxPlugin *p, Effect *e);
void time_domain(const OfxPlugin *p, Effect *e);

#endif
