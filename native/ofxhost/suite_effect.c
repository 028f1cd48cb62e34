/*
 * OfxImageEffectSuiteV1. Every clipGetImage is logged as a "clip_get_image" event (clip, time, frame served,
 * requested region, status, and for a served image its bounds, depth, components, row bytes and render scale).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "images.h"
#include "log.h"
#include "propdefs.h"

#define MEMORY_MAGIC 0x4D454D4Fu /* "MEMO" */

typedef struct MemBlock {
    uint32_t magic;
    void *ptr;
    size_t size;
    int locks;
} MemBlock;

static OfxStatus getPropertySet(OfxImageEffectHandle h, OfxPropertySetHandle *ps)
{
    Effect *e = effect_from_handle(h);
    if (!e || !ps)
        return kOfxStatErrBadHandle;
    *ps = (OfxPropertySetHandle)e->props;
    return kOfxStatOK;
}

static OfxStatus getParamSet(OfxImageEffectHandle h, OfxParamSetHandle *set)
{
    Effect *e = effect_from_handle(h);
    if (!e || !set)
        return kOfxStatErrBadHandle;
    *set = (OfxParamSetHandle)e->params;
    return kOfxStatOK;
}

static OfxStatus clipDefine(OfxImageEffectHandle h, const char *name, OfxPropertySetHandle *ps)
{
    Effect *e = effect_from_handle(h);
    if (!e || !name)
        return kOfxStatErrBadHandle;
    if (e->is_instance)
        return kOfxStatErrUnsupported; /* clips are defined while describing, not on instances */
    Clip *c = effect_find_clip(e, name);
    if (!c)
        c = effect_define_clip(e, name);
    if (ps)
        *ps = (OfxPropertySetHandle)c->props;
    return kOfxStatOK;
}

static OfxStatus clipGetHandle(OfxImageEffectHandle h, const char *name, OfxImageClipHandle *clip,
                               OfxPropertySetHandle *ps)
{
    Effect *e = effect_from_handle(h);
    if (!e || !name)
        return kOfxStatErrBadHandle;
    Clip *c = effect_find_clip(e, name);
    if (!c)
        return kOfxStatErrUnknown;
    if (clip)
        *clip = (OfxImageClipHandle)c;
    if (ps)
        *ps = (OfxPropertySetHandle)c->props;
    return kOfxStatOK;
}

static OfxStatus clipGetPropertySet(OfxImageClipHandle h, OfxPropertySetHandle *ps)
{
    Clip *c = clip_from_handle(h);
    if (!c || !ps)
        return kOfxStatErrBadHandle;
    *ps = (OfxPropertySetHandle)c->props;
    return kOfxStatOK;
}

static PropSet *image_props(Instance *inst, const Clip *c, const PixelBuf *b, double time, double scale)
{
    char label[160];
    snprintf(label, sizeof label, "image:%s@%g", c->name, time);
    PropSet *ps = propset_new(PSK_IMAGE, label, NULL, inst->index);
    propdefs_image(ps);
    ps_set_str(ps, kOfxImageEffectPropPixelDepth, 0, depth_ofx(b->depth));
    ps_set_str(ps, kOfxImageEffectPropComponents, 0, comps_ofx(b->comps));
    ps_set_str(ps, kOfxImageEffectPropPreMultiplication, 0,
               ps_str(c->props, kOfxImageEffectPropPreMultiplication, 0, kOfxImageOpaque));
    ps_set_doubles(ps, kOfxImageEffectPropRenderScale, 2, (const double[]){ scale, scale });
    ps_set_ptr(ps, kOfxImagePropData, 0, b->data);
    int bounds[4] = { b->x1, b->y1, b->x2, b->y2 };
    ps_set_ints(ps, kOfxImagePropBounds, 4, bounds);
    ps_set_ints(ps, kOfxImagePropRegionOfDefinition, 4, bounds);
    ps_set_int(ps, kOfxImagePropRowBytes, 0, (int)b->row_bytes);
    char uid[200];
    snprintf(uid, sizeof uid, "%d:%s:%.17g:%g:%s:%s", inst->index, c->name, time, scale, depth_short_name(b->depth),
             comps_ofx(b->comps));
    ps_set_str(ps, kOfxImagePropUniqueIdentifier, 0, uid);
    return ps;
}

static void log_get_image(Instance *inst, const Clip *c, double time, const OfxRectD *region, long frame,
                          OfxStatus st, const PixelBuf *b, double scale, const char *why)
{
    JsonBuf jb;
    log_start(&jb, "clip_get_image", inst->index);
    jb_kstr(&jb, "clip", c->name);
    jb_knum(&jb, "time", time);
    if (frame == LONG_MIN)
        jb_knull(&jb, "frame");
    else
        jb_kint(&jb, "frame", frame);
    jb_kstr(&jb, "action", inst->action);
    if (region)
        jb_knums(&jb, "region", (const double[]){ region->x1, region->y1, region->x2, region->y2 }, 4);
    else
        jb_knull(&jb, "region");
    if (c->is_output) {
        jb_knull(&jb, "in_frames_needed");
    } else {
        bool needed = false;
        for (int i = 0; i + 1 < c->nneeded && !needed; i += 2)
            needed = time >= c->needed[i] - 1e-9 && time <= c->needed[i + 1] + 1e-9;
        jb_kbool(&jb, "in_frames_needed", needed);
    }
    jb_kint(&jb, "status", st);
    jb_kstr(&jb, "status_name", ofx_status_name(st));
    if (b) {
        jb_kints(&jb, "bounds", (const int[]){ b->x1, b->y1, b->x2, b->y2 }, 4);
        jb_kstr(&jb, "depth", depth_ofx(b->depth));
        jb_kstr(&jb, "components", comps_ofx(b->comps));
        jb_kint(&jb, "row_bytes", (long long)b->row_bytes);
        jb_knums(&jb, "render_scale", (const double[]){ scale, scale }, 2);
    }
    if (why)
        jb_kstr(&jb, "reason", why);
    log_finish(&jb);
}

static OfxStatus clipGetImage(OfxImageClipHandle h, OfxTime time, const OfxRectD *region, OfxPropertySetHandle *out)
{
    Clip *c = clip_from_handle(h);
    if (out)
        *out = NULL;
    if (!c || !out || !c->effect->inst)
        return kOfxStatErrBadHandle;
    Instance *inst = c->effect->inst;
    char why[512] = "";
    PixelBuf *b = NULL;
    bool owns = true;
    long frame = LONG_MIN;
    double scale = inst->scale;
    pthread_mutex_lock(&inst->lock);
    if (c->is_output) {
        if (!inst->in_render || !inst->output)
            snprintf(why, sizeof why, "the output image exists only during the render action");
        else if (time != inst->render_time)
            snprintf(why, sizeof why, "the output image is at time %g, not %g", inst->render_time, time);
        else {
            b = inst->output;
            owns = false;
        }
    } else if (!c->connected) {
        snprintf(why, sizeof why, "clip %s is not connected", c->name);
    } else {
        frame = frame_for_time(time);
        if (frame < c->first || frame > c->last)
            snprintf(why, sizeof why, "frame %ld is outside the clip's frames %d..%d", frame, c->first, c->last);
        else
            b = instance_input_pixels(inst, c, time, scale, why, sizeof why);
    }
    /* Frames outside the clip are an ordinary answer; an unreadable file inside it is the host's error. */
    bool host_fault = !b && frame != LONG_MIN && frame >= c->first && frame <= c->last;
    if (host_fault)
        inst->failures++;
    HostImage *img = NULL;
    if (b) {
        img = calloc(1, sizeof *img);
        if (img) {
            img->props = image_props(inst, c, b, time, scale);
            img->props->owner = img;
            img->buf = b;
            img->owns_buf = owns;
            img->clip = c;
            img->time = time;
            img->next = inst->live;
            inst->live = img;
        } else if (owns) {
            pixelbuf_free(b);
            b = NULL;
        }
    }
    pthread_mutex_unlock(&inst->lock);
    OfxStatus st = img ? kOfxStatOK : kOfxStatFailed;
    if (host_fault)
        host_error(inst->index, "%s", why);
    log_get_image(inst, c, time, region, frame, st, img ? b : NULL, scale, img ? NULL : why);
    if (img)
        *out = (OfxPropertySetHandle)img->props;
    return st;
}

static OfxStatus clipReleaseImage(OfxPropertySetHandle h)
{
    PropSet *ps = propset_from_handle(h);
    if (!ps || ps->kind != PSK_IMAGE || !ps->owner)
        return kOfxStatErrBadHandle;
    HostImage *img = ps->owner;
    Instance *inst = img->clip->effect->inst;
    pthread_mutex_lock(&inst->lock);
    HostImage **pp = &inst->live;
    while (*pp && *pp != img)
        pp = &(*pp)->next;
    bool found = *pp != NULL;
    if (found)
        *pp = img->next;
    pthread_mutex_unlock(&inst->lock);
    if (!found)
        return kOfxStatErrBadHandle;
    JsonBuf jb;
    log_start(&jb, "clip_release_image", inst->index);
    jb_kstr(&jb, "clip", img->clip->name);
    jb_knum(&jb, "time", img->time);
    log_finish(&jb);
    propset_free(img->props);
    if (img->owns_buf)
        pixelbuf_free(img->buf);
    free(img);
    return kOfxStatOK;
}

static OfxStatus clipGetRegionOfDefinition(OfxImageClipHandle h, OfxTime time, OfxRectD *rod)
{
    Clip *c = clip_from_handle(h);
    if (!c || !rod)
        return kOfxStatErrBadHandle;
    Instance *inst = c->effect->inst;
    if (!inst)
        return kOfxStatErrBadHandle; /* descriptors have no region */
    if (c->is_output) {
        if (inst->has_rod && inst->rod_time == time) {
            *rod = inst->rod;
        } else { /* the default: the union of the connected inputs */
            bool any = false;
            for (int i = 0; i < c->effect->nclips; i++) {
                const Clip *in = c->effect->clips[i];
                if (in->is_output || !in->connected)
                    continue;
                OfxRectD r = clip_input_rod(in);
                if (!any)
                    *rod = r;
                else {
                    rod->x1 = r.x1 < rod->x1 ? r.x1 : rod->x1;
                    rod->y1 = r.y1 < rod->y1 ? r.y1 : rod->y1;
                    rod->x2 = r.x2 > rod->x2 ? r.x2 : rod->x2;
                    rod->y2 = r.y2 > rod->y2 ? r.y2 : rod->y2;
                }
                any = true;
            }
            if (!any)
                *rod = (OfxRectD){ 0, 0, 0, 0 };
        }
        return kOfxStatOK;
    }
    if (!c->connected) {
        *rod = (OfxRectD){ 0, 0, 0, 0 };
        return kOfxStatFailed;
    }
    *rod = clip_input_rod(c);
    return kOfxStatOK;
}

static int abort_(OfxImageEffectHandle h)
{
    Effect *e = effect_from_handle(h);
    if (!e || !e->inst)
        return 0;
    Instance *inst = e->inst;
    pthread_mutex_lock(&inst->lock);
    inst->abort_polls++;
    int r = inst->abort_now ? 1 : 0;
    pthread_mutex_unlock(&inst->lock);
    return r;
}

static OfxStatus imageMemoryAlloc(OfxImageEffectHandle h, size_t n, OfxImageMemoryHandle *mem)
{
    if (!mem)
        return kOfxStatErrBadHandle;
    *mem = NULL;
    if (h && !effect_from_handle(h))
        return kOfxStatErrBadHandle;
    MemBlock *m = calloc(1, sizeof *m);
    void *p = malloc(n > 0 ? n : 1);
    if (!m || !p) {
        free(m);
        free(p);
        return kOfxStatErrMemory;
    }
    m->magic = MEMORY_MAGIC;
    m->ptr = p;
    m->size = n;
    *mem = (OfxImageMemoryHandle)m;
    return kOfxStatOK;
}

static MemBlock *mem_from_handle(OfxImageMemoryHandle h)
{
    MemBlock *m = (MemBlock *)h;
    return (m && m->magic == MEMORY_MAGIC) ? m : NULL;
}

static OfxStatus imageMemoryFree(OfxImageMemoryHandle h)
{
    MemBlock *m = mem_from_handle(h);
    if (!m)
        return kOfxStatErrBadHandle;
    m->magic = 0;
    free(m->ptr);
    free(m);
    return kOfxStatOK;
}

static OfxStatus imageMemoryLock(OfxImageMemoryHandle h, void **ptr)
{
    MemBlock *m = mem_from_handle(h);
    if (!m || !ptr)
        return kOfxStatErrBadHandle;
    m->locks++;
    *ptr = m->ptr; /* never moved: locking only counts */
    return kOfxStatOK;
}

static OfxStatus imageMemoryUnlock(OfxImageMemoryHandle h)
{
    MemBlock *m = mem_from_handle(h);
    if (!m)
        return kOfxStatErrBadHandle;
    if (m->locks > 0)
        m->locks--;
    return kOfxStatOK;
}

static const OfxImageEffectSuiteV1 g_suite = {
    getPropertySet, getParamSet, clipDefine, clipGetHandle, clipGetPropertySet, clipGetImage, clipReleaseImage,
    clipGetRegionOfDefinition, abort_, imageMemoryAlloc, imageMemoryFree, imageMemoryLock, imageMemoryUnlock,
};

const OfxImageEffectSuiteV1 *image_effect_suite(void)
{
    return &g_suite;
}
