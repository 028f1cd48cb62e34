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
#include "prerender.h"

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
