#include "clipprefs.h"

#include <stdio.h>

#include "actions.h"
#include "log.h"

static void key_for(char *out, size_t n, const char *prefix, const Clip *c)
{
    snprintf(out, n, "%s%s", prefix, c->name);
}

/* Applies one clip's preferences when valid; returns whether the plugin's values were accepted. */
static bool apply(Effect *e, Clip *c, const PropSet *out)
{
    Instance *inst = e->inst;
    char kc[256], kd[256];
    key_for(kc, sizeof kc, kOfxClipPropComponentsPrefix, c);
    key_for(kd, sizeof kd, kOfxClipPropDepthPrefix, c);
    const char *cs = ps_str(out, kc, 0, "");
    const char *ds = ps_str(out, kd, 0, "");
    Comps comps = comps_from_ofx(cs);
    Depth depth = depth_from_ofx(ds);
    bool ok = true;
    bool clip_lists = ps_count(c->props, kOfxImageEffectPropSupportedComponents) > 0;
    if (comps == COMP_NONE || (clip_lists && !ps_has_str(c->props, kOfxImageEffectPropSupportedComponents, cs))) {
        host_warn(inst->index, "clip preferences: clip %s cannot take components '%s'; keeping %s", c->name, cs,
                  comps_ofx(c->comps));
        ok = false;
    } else {
        c->comps = comps;
    }
    if (depth == DEPTH_NONE) {
        host_warn(inst->index, "clip preferences: clip %s cannot take depth '%s'; keeping %s", c->name, ds,
                  depth_ofx(c->depth));
        ok = false;
    } else {
        c->depth = depth;
    }
    ps_set_str(c->props, kOfxImageEffectPropComponents, 0, comps_ofx(c->comps));
    ps_set_str(c->props, kOfxImageEffectPropPixelDepth, 0, depth_ofx(c->depth));
    return ok;
}

void clip_preferences(const OfxPlugin *p, Effect *e)
{
    Instance *inst = e->inst;
    const InstanceConfig *cfg = inst->cfg;
    PropSet *out = args_new(kOfxImageEffectActionGetClipPreferences, "outArgs", inst->index);
    Clip *src = NULL;
    for (int i = 0; i < e->nclips; i++) {
        Clip *c = e->clips[i];
        if (!c->connected)
            continue;
        if (!c->is_output && !src)
            src = c;
        char k[256];
        key_for(k, sizeof k, kOfxClipPropComponentsPrefix, c);
        PS_STR1(out, k, comps_ofx(c->comps));
        key_for(k, sizeof k, kOfxClipPropDepthPrefix, c);
        PS_STR1(out, k, depth_ofx(c->depth));
        key_for(k, sizeof k, kOfxClipPropPARPrefix, c);
        PS_DBL1(out, k, 1.0);
    }
    PS_DBL1(out, kOfxImageEffectPropFrameRate, cfg->fps);
    PS_STR1(out, kOfxImageClipPropFieldOrder, kOfxImageFieldNone);
    PS_STR1(out, kOfxImageEffectPropPreMultiplication,
            src ? ps_str(src->props, kOfxImageEffectPropPreMultiplication, 0, kOfxImageOpaque) : kOfxImageOpaque);
    PS_INT1(out, kOfxImageClipPropContinuousSamples, 0);
    PS_INT1(out, kOfxImageEffectFrameVarying, 0);
    OfxStatus st = action_run(p, kOfxImageEffectActionGetClipPreferences, e, NULL, out);
    bool trapped = st == kOfxStatOK;
    if (!status_ok(st)) {
        host_error(inst->index, "GetClipPreferences failed (%s); the host's preferences stay", ofx_status_name(st));
        inst->failures++;
    }
    JsonBuf jb;
    log_start(&jb, "clip_preferences", inst->index);
    jb_kstr(&jb, "status_name", ofx_status_name(st));
    jb_key(&jb, "clips");
    jb_obj_begin(&jb);
    for (int i = 0; i < e->nclips; i++) {
        Clip *c = e->clips[i];
        if (!c->connected)
            continue;
        bool accepted = trapped ? apply(e, c, out) : true;
        jb_key(&jb, c->name);
        jb_obj_begin(&jb);
        jb_kstr(&jb, "components", comps_ofx(c->comps));
        jb_kstr(&jb, "depth", depth_ofx(c->depth));
        jb_knum(&jb, "par", 1.0);
        jb_kbool(&jb, "accepted", accepted);
        jb_obj_end(&jb);
    }
    jb_obj_end(&jb);
    Clip *o = effect_find_clip(e, kOfxImageEffectOutputClipName);
    if (trapped)
        ps_set_str(o->props, kOfxImageEffectPropPreMultiplication, 0,
                   ps_str(out, kOfxImageEffectPropPreMultiplication, 0, kOfxImageOpaque));
    jb_kstr(&jb, "premultiplication", ps_str(o->props, kOfxImageEffectPropPreMultiplication, 0, ""));
    jb_knum(&jb, "frame_rate", ps_double(out, kOfxImageEffectPropFrameRate, 0, cfg->fps));
    jb_kbool(&jb, "continuous_samples", ps_int(out, kOfxImageClipPropContinuousSamples, 0, 0) != 0);
    jb_kbool(&jb, "frame_varying", ps_int(out, kOfxImageEffectFrameVarying, 0, 0) != 0);
    log_finish(&jb);
    ps_set_int(o->props, kOfxImageClipPropContinuousSamples, 0, ps_int(out, kOfxImageClipPropContinuousSamples, 0, 0));
    propset_free(out);
}

void time_domain(const OfxPlugin *p, Effect *e)
{
    Instance *inst = e->inst;
    const Clip *o = effect_find_clip(e, kOfxImageEffectOutputClipName);
    PropSet *out = args_new(kOfxImageEffectActionGetTimeDomain, "outArgs", inst->index);
    ps_decl_double(out, kOfxImageEffectPropFrameRange, 2, 2,
                   (const double[]){ ps_double(o->props, kOfxImageEffectPropFrameRange, 0, 0),
                                     ps_double(o->props, kOfxImageEffectPropFrameRange, 1, 0) });
    OfxStatus st = action_run(p, kOfxImageEffectActionGetTimeDomain, e, NULL, out);
    if (!status_ok(st)) {
        host_error(inst->index, "GetTimeDomain failed (%s)", ofx_status_name(st));
        inst->failures++;
    }
    propset_free(out);
}
