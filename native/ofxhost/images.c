#include "images.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imageio.h"
#include "log.h"
#include "pattern.h"

/* Decoded frames kept per instance; a temporal plugin asks for the same neighbours frame after frame. */
#define CACHE_FRAMES 32

long frame_for_time(double time)
{
    return (long)floor(time + 0.5);
}

OfxRectD clip_input_rod(const Clip *c)
{
    OfxRectD r = { 0, 0, c->width, c->height };
    return r;
}

const Frame *instance_frame(Instance *inst, const Clip *c, long frame, char *err, size_t errlen)
{
    for (int i = 0; i < inst->ncache; i++) {
        CachedFrame *cf = &inst->cache[i];
        if (cf->clip == c && cf->frame == frame) {
            cf->used = ++inst->clock;
            return &cf->f;
        }
    }
    char path[4096];
    if (!pattern_format(c->pattern, frame, path, sizeof path)) {
        snprintf(err, errlen, "clip %s: the path for frame %ld is too long", c->name, frame);
        return NULL;
    }
    Frame f;
    if (!frame_read(path, &f, err, errlen))
        return NULL;
    if (!inst->cache) {
        inst->cache = calloc(CACHE_FRAMES, sizeof *inst->cache);
        if (!inst->cache) {
            frame_free(&f);
            snprintf(err, errlen, "out of memory for the frame cache");
            return NULL;
        }
    }
    int slot = inst->ncache;
    if (slot == CACHE_FRAMES) { /* evict the least recently used */
        slot = 0;
        for (int i = 1; i < CACHE_FRAMES; i++)
            if (inst->cache[i].used < inst->cache[slot].used)
                slot = i;
        frame_free(&inst->cache[slot].f);
    } else {
        inst->ncache++;
    }
    inst->cache[slot] = (CachedFrame){ c, (int)frame, f, ++inst->clock };
    return &inst->cache[slot].f;
}

PixelBuf *instance_input_pixels(Instance *inst, const Clip *c, double time, double scale, char *err,
                                size_t errlen)
{
    long frame = frame_for_time(time);
    const Frame *f = instance_frame(inst, c, frame, err, errlen);
    if (!f)
        return NULL;
    if (f->w != c->width || f->h != c->height) {
        snprintf(err, errlen, "clip %s frame %ld is %dx%d but the clip's first frame is %dx%d", c->name, frame,
                 f->w, f->h, c->width, c->height);
        return NULL;
    }
    PixelBuf *b = pixelbuf_from_frame(f, scale, c->depth, c->comps, inst->cfg->negative_rowbytes,
                                      inst->cfg->row_padding);
    if (!b)
        snprintf(err, errlen, "clip %s frame %ld: cannot allocate the image", c->name, frame);
    return b;
}

void instance_release_leaks(Instance *inst)
{
    pthread_mutex_lock(&inst->lock);
    HostImage *img = inst->live;
    inst->live = NULL;
    pthread_mutex_unlock(&inst->lock);
    while (img) {
        HostImage *next = img->next;
        JsonBuf jb;
        log_start(&jb, "image_leak", inst->index);
        jb_kstr(&jb, "clip", img->clip->name);
        jb_knum(&jb, "time", img->time);
        jb_kstr(&jb, "action", inst->action);
        log_finish(&jb);
        host_warn(inst->index, "the plugin did not release the %s image at time %g (released by the host)",
                  img->clip->name, img->time);
        propset_free(img->props);
        if (img->owns_buf)
            pixelbuf_free(img->buf);
        free(img);
        img = next;
    }
}

void instance_free_cache(Instance *inst)
{
    for (int i = 0; i < inst->ncache; i++)
        frame_free(&inst->cache[i].f);
    free(inst->cache);
    inst->cache = NULL;
    inst->ncache = 0;
}
