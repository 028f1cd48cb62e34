/*
 * The actions a host calls for each frame before rendering it: GetRegionOfDefinition, GetRegionsOfInterest,
 * GetFramesNeeded (when the effect declared temporal clip access) and IsIdentity, plus the identity pass-through.
 * Each fills a FrameOutcome with the status and the reason when it fails.
 */
#ifndef OFXHOST_PRERENDER_H
#define OFXHOST_PRERENDER_H

#include "host.h"
#include "render.h"

typedef struct FrameOutcome {
    const char *result;      /* "rendered", "identity", "aborted", "failed" */
    OfxStatus status;
    char reason[512];
    char path[4096];
    const char *format;
    const PixelBuf *buf;     /* what was (or would have been) written */
    const char *id_clip;
    double id_time;
} FrameOutcome;

/* kOfxImageEffectPropRenderScale = (s, s) on an argument set. */
void scale_args(PropSet *in, double s);

/* The plugin's region of definition for time t (canonical coordinates), checked and clamped; remembered on the
 * instance for clipGetRegionOfDefinition on the output. */
bool region_of_definition(const RenderShared *rs, Effect *e, double t, double s, OfxRectD *rod, FrameOutcome *o);
/* GetRegionsOfInterest: logged; the host serves whole images (no tiles) whatever the answer. */
bool regions_of_interest(const RenderShared *rs, Effect *e, double t, double s, const OfxRectD *rod,
                         FrameOutcome *o);
/* GetFramesNeeded: the ranges kept on each input clip (Clip.needed) for the clip_get_image log. */
bool frames_needed(const RenderShared *rs, Effect *e, double t, FrameOutcome *o);
/* 1 when the plugin names a clip to pass through (o->id_clip, o->id_time), 0 to render, -1 on error. */
int is_identity(const RenderShared *rs, Effect *e, double t, double s, const int window[4], FrameOutcome *o);
/* The identity clip's image converted to the output's format; NULL with the outcome failed. Caller frees. */
PixelBuf *pass_through(Effect *e, double s, FrameOutcome *o);

#endif
