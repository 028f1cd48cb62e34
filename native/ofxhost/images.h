/*
 * Serving images to the plugin: input frames from files (decoded once into a small per-instance cache, then
 * converted to the clip's depth and components at the action's render scale), and the render's output buffer.
 */
#ifndef OFXHOST_IMAGES_H
#define OFXHOST_IMAGES_H

#include "host.h"

/* Frame number served for a time: the nearest frame, halves rounding up (2.5 -> 3). */
long frame_for_time(double time);

/* The canonical region of definition of an input clip (0, 0, width, height). */
OfxRectD clip_input_rod(const Clip *c);

/* Decoded frame from the cache (reading the file when needed); NULL with err set when it cannot be read.
 * The caller holds inst->lock and must not keep the pointer past it. */
const Frame *instance_frame(Instance *inst, const Clip *c, long frame, char *err, size_t errlen);

/* An input image converted for the clip, at `scale`; NULL with err set on failure. Caller holds inst->lock. */
PixelBuf *instance_input_pixels(Instance *inst, const Clip *c, double time, double scale, char *err,
                                size_t errlen);

/* Frees every unreleased image of the instance, logging an "image_leak" event for each. */
void instance_release_leaks(Instance *inst);
void instance_free_cache(Instance *inst);

#endif
