#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "imageio.h"
#include "images.h"
#include "log.h"
#include "pattern.h"

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

static void log_frame(const Instance *inst, double t, const FrameOutcome *o)
{
    JsonBuf jb;
    log_start(&jb, "frame", inst->index);
    jb_knum(&jb, "time", t);
    jb_kstr(&jb, "result", o->result);
    jb_kint(&jb, "status", o->status);
    jb_kstr(&jb, "status_name", ofx_status_name(o->status));
    jb_kstr(&jb, "output", o->path[0] ? o->path : NULL);
    jb_kstr(&jb, "format", o->format);
    if (o->buf) {
        const PixelBuf *b = o->buf;
        char hash[17];
        pixelbuf_hash(b, hash);
        jb_kints(&jb, "bounds", (const int[]){ b->x1, b->y1, b->x2, b->y2 }, 4);
        jb_kstr(&jb, "depth", depth_ofx(b->depth));
        jb_kstr(&jb, "components", comps_ofx(b->comps));
        jb_kint(&jb, "row_bytes", (long long)b->row_bytes);
        jb_kstr(&jb, "hash", hash);
    }
    if (o->id_clip) {
        jb_kstr(&jb, "identity_clip", o->id_clip);
        jb_knum(&jb, "identity_time", o->id_time);
    }
    jb_kint(&jb, "progress_updates", inst->progress_updates);
    jb_kint(&jb, "abort_polls", inst->abort_polls);
    jb_kstr(&jb, "reason", o->reason[0] ? o->reason : NULL);
    log_finish(&jb);
    if (strcmp(o->result, "failed") == 0)
        host_error(inst->index, "frame %g failed: %s", t, o->reason);
    else
        host_info(inst->index, "frame %g %s%s%s", t, o->result, o->path[0] ? " -> " : "", o->path);
}

/* Writes the frame's output when an output pattern was given. */
static void write_output(Instance *inst, double t, const PixelBuf *b, FrameOutcome *o)
{
    o->buf = b;
    if (!inst->cfg->output)
        return;
    if (!pattern_format(inst->cfg->output, (long)floor(t), o->path, sizeof o->path)) {
        snprintf(o->reason, sizeof o->reason, "output pattern %s makes a path that is too long", inst->cfg->output);
        o->result = "failed";
        o->path[0] = '\0';
        return;
    }
    char err[512];
    if (!image_write(o->path, b, &o->format, err, sizeof err)) {
        snprintf(o->reason, sizeof o->reason, "%s", err);
        o->result = "failed";
    }
}

static void scale_args(PropSet *in, double s)
{
    ps_decl_double(in, kOfxImageEffectPropRenderScale, 2, 2, (const double[]){ s, s });
}

static void sequence_args(PropSet *in, const Instance *inst, double s, bool sequential)
{
    double lo = inst->times[0], hi = inst->times[0];
    for (int i = 1; i < inst->ntimes; i++) {
        lo = fmin(lo, inst->times[i]);
        hi = fmax(hi, inst->times[i]);
    }
    ps_decl_double(in, kOfxImageEffectPropFrameRange, 2, 2, (const double[]){ lo, hi });
    PS_DBL1(in, kOfxImageEffectPropFrameStep, 1.0);
    PS_INT1(in, kOfxPropIsInteractive, 0);
    scale_args(in, s);
    PS_INT1(in, kOfxImageEffectPropSequentialRenderStatus, sequential);
    PS_INT1(in, kOfxImageEffectPropInteractiveRenderStatus, 0);
    PS_INT1(in, kOfxImageEffectPropRenderQualityDraft, 0);
}

static OfxStatus sequence_action(const RenderShared *rs, Effect *e, const char *action, double s, bool seq)
{
    PropSet *in = args_new(action, "inArgs", e->inst->index);
    sequence_args(in, e->inst, s, seq);
    OfxStatus st = action_run(rs->plugin, action, e, in, NULL);
    propset_free(in);
    if (!status_ok(st)) {
        host_error(e->inst->index, "%s failed (%s)", action, ofx_status_name(st));
        e->inst->failures++;
    }
    return st;
}

/* The plugin's region of definition for time t (canonical coordinates), checked and clamped. */
static bool region_of_definition(const RenderShared *rs, Effect *e, double t, double s, OfxRectD *rod,
                                 FrameOutcome *o)
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
    ps_decl_double(out, kOfxImageEffectPropRegionOfDefinition, 4, 4, (const double[]){ def.x1, def.y1, def.x2, def.y2 });
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
static bool regions_of_interest(const RenderShared *rs, Effect *e, double t, double s, const OfxRectD *rod,
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
static bool frames_needed(const RenderShared *rs, Effect *e, double t, FrameOutcome *o)
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

static void render_inargs(PropSet *in, double t, double s, const int window[4], bool sequential)
{
    PS_DBL1(in, kOfxPropTime, t);
    PS_STR1(in, kOfxImageEffectPropFieldToRender, kOfxImageFieldNone);
    ps_decl_int(in, kOfxImageEffectPropRenderWindow, 4, 4, window);
    scale_args(in, s);
    PS_INT1(in, kOfxImageEffectPropSequentialRenderStatus, sequential);
    PS_INT1(in, kOfxImageEffectPropInteractiveRenderStatus, 0);
    PS_INT1(in, kOfxImageEffectPropRenderQualityDraft, 0);
}

/* IsIdentity: returns 1 when the plugin names a clip to pass through (outcome filled), 0 to render, -1 on error. */
static int is_identity(const RenderShared *rs, Effect *e, double t, double s, const int window[4], FrameOutcome *o)
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
static PixelBuf *pass_through(Effect *e, double s, FrameOutcome *o)
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

static bool time_selected(const InstanceConfig *cfg, double t)
{
    if (cfg->nabort_at == 0)
        return true;
    for (int i = 0; i < cfg->nabort_at; i++)
        if (fabs(cfg->abort_at[i] - t) < 1e-9)
            return true;
    return false;
}

/* Render: allocates the output at the render window, runs the action, returns the buffer (caller frees). */
static PixelBuf *render_frame(const RenderShared *rs, Effect *e, double t, double s, const int window[4],
                              bool sequential, FrameOutcome *o)
{
    Instance *inst = e->inst;
    const InstanceConfig *cfg = inst->cfg;
    const Clip *out = effect_find_clip(e, kOfxImageEffectOutputClipName);
    PixelBuf *b = pixelbuf_new(window[0], window[1], window[2], window[3], out->depth, out->comps,
                               cfg->negative_rowbytes, cfg->row_padding);
    o->result = "failed";
    if (!b) {
        snprintf(o->reason, sizeof o->reason, "cannot allocate a %dx%d output image", window[2] - window[0],
                 window[3] - window[1]);
        return NULL;
    }
    pthread_mutex_lock(&inst->lock);
    inst->output = b;
    inst->in_render = true;
    inst->progress_updates = 0;
    inst->abort_polls = 0;
    inst->abort_armed = cfg->abort_after_progress >= 0 && time_selected(cfg, t);
    inst->abort_now = inst->abort_armed && cfg->abort_after_progress == 0;
    pthread_mutex_unlock(&inst->lock);
    if (inst->abort_now) {
        JsonBuf jb;
        log_start(&jb, "abort_triggered", inst->index);
        jb_knum(&jb, "time", t);
        jb_kint(&jb, "progress_updates", 0);
        log_finish(&jb);
    }
    PropSet *in = args_new(kOfxImageEffectActionRender, "inArgs", inst->index);
    render_inargs(in, t, s, window, sequential);
    if (rs->unsafe_lock)
        pthread_mutex_lock(rs->unsafe_lock);
    o->status = action_run(rs->plugin, kOfxImageEffectActionRender, e, in, NULL);
    if (rs->unsafe_lock)
        pthread_mutex_unlock(rs->unsafe_lock);
    propset_free(in);
    pthread_mutex_lock(&inst->lock);
    inst->in_render = false;
    inst->output = NULL;
    bool aborted = inst->abort_now;
    inst->abort_now = false;
    inst->abort_armed = false;
    pthread_mutex_unlock(&inst->lock);
    instance_release_leaks(inst);
    if (aborted) {
        o->result = "aborted";
        snprintf(o->reason, sizeof o->reason, "the host asked the plugin to abort; the output is discarded");
    } else if (o->status == kOfxStatOK) {
        o->result = "rendered";
    } else {
        snprintf(o->reason, sizeof o->reason, "Render returned %s%s", ofx_status_name(o->status),
                 o->status == kOfxStatReplyDefault ? " (Render must be trapped)" : "");
    }
    return b;
}

void render_instance(const RenderShared *rs, Effect *e)
{
    Instance *inst = e->inst;
    const InstanceConfig *cfg = inst->cfg;
    double s = cfg->render_scale;
    if (s != 1.0 && !rs->multi_resolution) {
        host_warn(inst->index, "the plugin does not support multi-resolution; rendering at scale 1, not %g", s);
        s = 1.0;
    }
    bool sequential = true;
    for (int i = 1; i < inst->ntimes; i++)
        sequential = sequential && inst->times[i] > inst->times[i - 1];
    bool begun = false;
    long *written = calloc((size_t)(inst->ntimes > 0 ? inst->ntimes : 1), sizeof *written);
    int nwritten = 0;
    for (int i = 0; i < inst->ntimes; i++) {
        double t = inst->times[i];
        FrameOutcome o = { .result = "failed", .status = kOfxStatOK };
        inst->render_time = t;
        inst->scale = s;
        inst->progress_updates = inst->abort_polls = 0;
        PixelBuf *b = NULL;
        OfxRectD rod;
        if (region_of_definition(rs, e, t, s, &rod, &o) && regions_of_interest(rs, e, t, s, &rod, &o) &&
            frames_needed(rs, e, t, &o)) {
            int window[4] = { (int)floor(rod.x1 * s), (int)floor(rod.y1 * s), (int)ceil(rod.x2 * s),
                              (int)ceil(rod.y2 * s) };
            int id = is_identity(rs, e, t, s, window, &o);
            if (id == 1) {
                b = pass_through(e, s, &o);
            } else if (id == 0) {
                if (!begun)
                    sequence_action(rs, e, kOfxImageEffectActionBeginSequenceRender, s, sequential);
                begun = true;
                b = render_frame(rs, e, t, s, window, sequential, &o);
            }
        }
        bool produced = strcmp(o.result, "rendered") == 0 || strcmp(o.result, "identity") == 0;
        if (produced) {
            long n = (long)floor(t);
            for (int k = 0; k < nwritten; k++)
                if (written[k] == n && cfg->output)
                    host_warn(inst->index, "time %g writes output number %ld again (outputs are numbered by "
                              "floor(time))", t, n);
            if (written)
                written[nwritten++] = n;
            write_output(inst, t, b, &o);
        }
        log_frame(inst, t, &o);
        if (strcmp(o.result, "rendered") == 0) inst->rendered++;
        else if (strcmp(o.result, "identity") == 0) inst->identity++;
        else if (strcmp(o.result, "aborted") == 0) inst->aborted++;
        else { inst->failed++; inst->failures++; }
        pixelbuf_free(b);
    }
    if (begun)
        sequence_action(rs, e, kOfxImageEffectActionEndSequenceRender, s, sequential);
    inst->scale = 1.0;
    inst->has_rod = false;
    free(written);
}
