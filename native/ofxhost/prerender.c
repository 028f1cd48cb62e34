#include "prerender.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "images.h"
#include "log.h"

void scale_args(PropSet *in, double s)
{
    ps_decl_double(in, kOfxImageEffectPropRenderScale, 2, 2, (const double[]){ s, s });
}

/* The plugin's region of definition for time t (canonical coordinates), checked and clamped. */
bool region_of_definition(const RenderShared *rs, Effect *e, double t, double s, OfxRectD *rod, FrameOutcome *o)
{
    Instance *inst = e->inst;
    /* The default is what the output clip reports before the plugin has answered: the union of the inputs. */
    OfxRectD def;
    inst->has_rod = false;
    image_effect_suite()->clipGetRegionOfDefinition(
        (OfxImageClipHandle)effect_find_clip(e, kOfxImageEffectOutputClipName), t, &def);
    PropSet *in = args_new(kOfxImageEffectActionGetRegionOfDefinition, "inArgs", inst->index);
    PS_DBL1(in, kOfxPropTime, t);
    scale_args(in, s);
    PropSet *out = args_new(kOfxImageEffectActionGetRegionOfDefinition, "outArgs", inst->index);
    const double dv[4] = { def.x1, def.y1, def.x2, def.y2 };
    ps_decl_double(out, kOfxImageEffectPropRegionOfDefinition, 4, 4, dv);
    o->status = action_run(rs->plugin, kOfxImageEffectActionGetRegionOfDefinition, e, in, out);
    *rod = def;
    if (o->status == kOfxStatOK) {
        rod->x1 = ps_double(out, kOfxImageEffectPropRegionOfDefinition, 0, def.x1);
        rod->y1 = ps_double(out, kOfxImageEffectPropRegionOfDefinition, 1, def.y1);
        rod->x2 = ps_double(out, kOfxImageEffectPropRegionOfDefinition, 2, def.x2);
        rod->y2 = ps_double(out, kOfxImageEffectPropRegionOfDefinition, 3, def.y2);
    }
    propset_free(in);
    propset_free(out);
    if (!status_ok(o->status)) {
        snprintf(o->reason, sizeof o->reason, "GetRegionOfDefinition failed (%s)", ofx_status_name(o->status));
        return false;
    }
    /* Infinite regions (kOfxFlagInfiniteMin/Max) become the project's extent. */
    if (rod->x1 <= -1e9) rod->x1 = def.x1;
    if (rod->y1 <= -1e9) rod->y1 = def.y1;
    if (rod->x2 >= 1e9) rod->x2 = def.x2;
    if (rod->y2 >= 1e9) rod->y2 = def.y2;
    if (!isfinite(rod->x1) || !isfinite(rod->y1) || !isfinite(rod->x2) || !isfinite(rod->y2) || rod->x2 < rod->x1 ||
        rod->y2 < rod->y1) {
        snprintf(o->reason, sizeof o->reason, "GetRegionOfDefinition returned an invalid region (%g, %g, %g, %g)",
                 rod->x1, rod->y1, rod->x2, rod->y2);
        return false;
    }
    inst->rod = *rod;
    inst->rod_time = t;
    inst->has_rod = true;
    return true;
}

/* GetRegionsOfInterest: logged; the host serves whole images (no tiles) whatever the answer. */
bool regions_of_interest(const RenderShared *rs, Effect *e, double t, double s, const OfxRectD *rod,
                         FrameOutcome *o)
{
    Instance *inst = e->inst;
    PropSet *in = args_new(kOfxImageEffectActionGetRegionsOfInterest, "inArgs", inst->index);
    PS_DBL1(in, kOfxPropTime, t);
    scale_args(in, s);
    const double r[4] = { rod->x1, rod->y1, rod->x2, rod->y2 };
    ps_decl_double(in, kOfxImageEffectPropRegionOfInterest, 4, 4, r);
    PropSet *out = args_new(kOfxImageEffectActionGetRegionsOfInterest, "outArgs", inst->index);
    for (int i = 0; i < e->nclips; i++) {
        const Clip *c = e->clips[i];
        if (c->is_output || !c->connected)
            continue;
        char k[256];
        snprintf(k, sizeof k, "%s%s", kOfxClipPropRoIPrefix, c->name);
        ps_decl_double(out, k, 4, 4, r);
    }
    o->status = action_run(rs->plugin, kOfxImageEffectActionGetRegionsOfInterest, e, in, out);
    propset_free(in);
    propset_free(out);
    if (!status_ok(o->status)) {
        snprintf(o->reason, sizeof o->reason, "GetRegionsOfInterest failed (%s)", ofx_status_name(o->status));
        return false;
    }
    return true;
}

/* GetFramesNeeded: the ranges each input clip's images will be asked for (kept on the clips for the log). */
bool frames_needed(const RenderShared *rs, Effect *e, double t, FrameOutcome *o)
{
    Instance *inst = e->inst;
    PropSet *out = args_new(kOfxImageEffectActionGetFramesNeeded, "outArgs", inst->index);
    for (int i = 0; i < e->nclips; i++) {
        Clip *c = e->clips[i];
        free(c->needed);
        c->needed = NULL;
        c->nneeded = 0;
        if (c->is_output || !c->connected)
            continue;
        char k[256];
        snprintf(k, sizeof k, "%s%s", kOfxClipPropFrameRangePrefix, c->name);
        ps_decl_double(out, k, 0, 2, (const double[]){ t, t });
    }
    if (rs->temporal) {
        PropSet *in = args_new(kOfxImageEffectActionGetFramesNeeded, "inArgs", inst->index);
        PS_DBL1(in, kOfxPropTime, t);
        o->status = action_run(rs->plugin, kOfxImageEffectActionGetFramesNeeded, e, in, out);
        propset_free(in);
        if (!status_ok(o->status)) {
            snprintf(o->reason, sizeof o->reason, "GetFramesNeeded failed (%s)", ofx_status_name(o->status));
            propset_free(out);
            return false;
        }
    }
    for (int i = 0; i < e->nclips; i++) {
        Clip *c = e->clips[i];
        char k[256];
        snprintf(k, sizeof k, "%s%s", kOfxClipPropFrameRangePrefix, c->name);
        const Prop *p = propset_find(out, k);
        if (!p)
            continue;
        if (p->count % 2 != 0)
            host_warn(inst->index, "GetFramesNeeded: %s has %d values, not pairs; the last is ignored", k, p->count);
        c->nneeded = p->count - p->count % 2;
        c->needed = calloc((size_t)(c->nneeded > 0 ? c->nneeded : 1), sizeof *c->needed);
        for (int j = 0; c->needed && j < c->nneeded; j++)
            c->needed[j] = p->v[j].d;
    }
    propset_free(out);
    return true;
}

/* IsIdentity: returns 1 when the plugin names a clip to pass through (outcome filled), 0 to render, -1 on error. */
int is_identity(const RenderShared *rs, Effect *e, double t, double s, const int window[4], FrameOutcome *o)
{
    Instance *inst = e->inst;
    PropSet *in = args_new(kOfxImageEffectActionIsIdentity, "inArgs", inst->index);
    PS_DBL1(in, kOfxPropTime, t);
    PS_STR1(in, kOfxImageEffectPropFieldToRender, kOfxImageFieldNone);
    ps_decl_int(in, kOfxImageEffectPropRenderWindow, 4, 4, window);
    scale_args(in, s);
    PropSet *out = args_new(kOfxImageEffectActionIsIdentity, "outArgs", inst->index);
    PS_STR1(out, kOfxPropName, "");
    PS_DBL1(out, kOfxPropTime, t);
    o->status = action_run(rs->plugin, kOfxImageEffectActionIsIdentity, e, in, out);
    int r = 0;
    if (o->status == kOfxStatOK) {
        static _Thread_local char name[256];
        snprintf(name, sizeof name, "%s", ps_str(out, kOfxPropName, 0, ""));
        o->id_clip = name;
        o->id_time = ps_double(out, kOfxPropTime, 0, t);
        r = 1;
    } else if (o->status != kOfxStatReplyDefault) {
        snprintf(o->reason, sizeof o->reason, "IsIdentity failed (%s)", ofx_status_name(o->status));
        r = -1;
    }
    propset_free(in);
    propset_free(out);
    return r;
}

/* The identity clip's image converted to the output's format; NULL with the outcome failed. Caller frees. */
PixelBuf *pass_through(Effect *e, double s, FrameOutcome *o)
{
    Instance *inst = e->inst;
    const Clip *src = effect_find_clip(e, o->id_clip);
    const Clip *out = effect_find_clip(e, kOfxImageEffectOutputClipName);
    o->result = "failed";
    if (!src || src->is_output || !src->connected) {
        snprintf(o->reason, sizeof o->reason, "IsIdentity named clip '%s', which is not a connected input",
                 o->id_clip);
        return NULL;
    }
    long frame = frame_for_time(o->id_time);
    if (frame < src->first || frame > src->last) {
        snprintf(o->reason, sizeof o->reason, "IsIdentity asked for %s at time %g, outside its frames %d..%d",
                 src->name, o->id_time, src->first, src->last);
        return NULL;
    }
    pthread_mutex_lock(&inst->lock);
    PixelBuf *in = instance_input_pixels(inst, src, o->id_time, s, o->reason, sizeof o->reason);
    pthread_mutex_unlock(&inst->lock);
    PixelBuf *b = in ? pixelbuf_convert(in, out->depth, out->comps, inst->cfg->negative_rowbytes,
                                        inst->cfg->row_padding)
                     : NULL;
    pixelbuf_free(in);
    if (!b && !o->reason[0])
        snprintf(o->reason, sizeof o->reason, "cannot allocate the identity image");
    if (b)
        o->result = "identity";
    return b;
}

