/*
 * Rendering one instance's frames, as an editor's render queue does. For each time:
 *   GetRegionOfDefinition, GetRegionsOfInterest, GetFramesNeeded (when the effect declared temporal clip access),
 *   IsIdentity, then BeginSequenceRender before the first Render of the range, Render;
 * and EndSequenceRender after the last frame. A failed frame is logged and the next frame follows.
 * Each frame ends with one "frame" event (result rendered / identity / aborted / failed, output path, pixel hash).
 */
#ifndef OFXHOST_RENDER_H
#define OFXHOST_RENDER_H

#include <pthread.h>

#include "host.h"

typedef struct RenderShared {
    const OfxPlugin *plugin;
    pthread_mutex_t *unsafe_lock;  /* non-NULL for kOfxImageEffectRenderUnsafe plugins: one Render at a time */
    bool multi_resolution;         /* the plugin supports render scales other than 1 */
    bool temporal;                 /* the plugin declared temporal clip access: GetFramesNeeded is called */
} RenderShared;

void render_instance(const RenderShared *rs, Effect *e);

#endif
