#include "instance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "clipprefs.h"
#include "imageio.h"
#include "images.h"
#include "log.h"
#include "paramvalue.h"
#include "pattern.h"
#include "propdefs.h"

static bool connect_clip(Clip *c, const InstanceConfig *cfg, const char *pattern, char *err, size_t errlen)
{
    bool has_frame;
    if (!pattern_check(pattern, &has_frame, err, errlen))
        return false;
    c->pattern = strdup(pattern);
    c->connected = true;
    if (cfg->has_frames) {
        c->first = cfg->first;
        c->last = cfg->last;
    } else if (!has_frame) {
        c->first = c->last = 0;
    } else if (!pattern_detect_frames(pattern, &c->first, &c->last)) {
        snprintf(err, errlen, "clip %s: no file matches %s (frames -1000..100000); check the path or give --frames",
                 c->name, pattern);
        return false;
    }
    char first_path[4096];
    if (!pattern_format(pattern, c->first, first_path, sizeof first_path)) {
        snprintf(err, errlen, "clip %s: pattern %s makes a path that is too long", c->name, pattern);
        return false;
    }
    if (!frame_read_size(first_path, &c->width, &c->height, err, errlen))
        return false;
    c->depth = cfg->depth;
    c->comps = cfg->comps;
    PropSet *ps = c->props;
    ps_set_int(ps, kOfxImageClipPropConnected, 0, 1);
    ps_set_doubles(ps, kOfxImageEffectPropFrameRange, 2, (const double[]){ c->first, c->last });
    ps_set_doubles(ps, kOfxImageEffectPropUnmappedFrameRange, 2, (const double[]){ c->first, c->last });
    return true;
}

static void set_clip_format(Clip *c, const InstanceConfig *cfg)
{
    PropSet *ps = c->props;
    ps_set_str(ps, kOfxImageEffectPropPixelDepth, 0, depth_ofx(c->depth));
    ps_set_str(ps, kOfxImageEffectPropComponents, 0, comps_ofx(c->comps));
    ps_set_str(ps, kOfxImageClipPropUnmappedPixelDepth, 0, depth_ofx(cfg->depth));
    ps_set_str(ps, kOfxImageClipPropUnmappedComponents, 0, comps_ofx(cfg->comps));
    ps_set_str(ps, kOfxImageEffectPropPreMultiplication, 0,
               c->comps == COMP_RGBA ? kOfxImagePreMultiplied : kOfxImageOpaque);
    ps_set_double(ps, kOfxImageEffectPropFrameRate, 0, cfg->fps);
    ps_set_double(ps, kOfxImageEffectPropUnmappedFrameRate, 0, cfg->fps);
}

static bool make_times(Instance *inst, const Clip *main_clip)
{
    const InstanceConfig *cfg = inst->cfg;
    int n = cfg->ntimes;
    int first = cfg->has_render ? cfg->render_first : main_clip->first;
    int last = cfg->has_render ? cfg->render_last : main_clip->last;
    if (n == 0)
        n = last >= first ? last - first + 1 : 0;
    inst->times = calloc((size_t)(n > 0 ? n : 1), sizeof *inst->times);
    if (!inst->times)
        return false;
    for (int i = 0; i < n; i++)
        inst->times[i] = (cfg->ntimes ? cfg->times[i] : first + i) + cfg->time_offset;
    inst->ntimes = n;
    return true;
}

Effect *instance_new(const Effect *ctx, const char *context, int index, const InstanceConfig *cfg, char *err,
                     size_t errlen)
{
    Effect *e = calloc(1, sizeof *e);
    Instance *inst = calloc(1, sizeof *inst);
    if (!e || !inst)
        abort();
    e->magic = EFFECT_MAGIC;
    e->is_instance = true;
    e->inst = inst;
    inst->index = index;
    inst->cfg = cfg;
    inst->effect = e;
    inst->scale = 1.0;
    pthread_mutex_init(&inst->lock, NULL);
    char label[64];
    snprintf(label, sizeof label, "effect:%d", index);
    e->props = propset_new(PSK_EFFECT, label, e, index);
    propdefs_effect_instance(e->props, ctx->props, context);
    e->params = paramset_instantiate(ctx->params, e, index);
    for (int i = 0; i < ctx->nclips; i++)
        effect_add_instance_clip(e, ctx->clips[i], index);

    for (int i = 0; i < cfg->nclips; i++) {
        Clip *c = effect_find_clip(e, cfg->clips[i].name);
        if (!c || c->is_output) {
            int len = snprintf(err, errlen, "instance %d: the plugin has no input clip '%s' (its clips:", index,
                               cfg->clips[i].name);
            for (int k = 0; k < e->nclips && len > 0 && (size_t)len < errlen; k++)
                len += snprintf(err + len, errlen - (size_t)len, " %s", e->clips[k]->name);
            if (len > 0 && (size_t)len < errlen)
                snprintf(err + len, errlen - (size_t)len, ")");
            instance_free(e);
            return NULL;
        }
        if (!connect_clip(c, cfg, cfg->clips[i].pattern, err, errlen)) {
            instance_free(e);
            return NULL;
        }
    }
    Clip *main_clip = effect_find_clip(e, kOfxImageEffectSimpleSourceClipName);
    for (int i = 0; i < e->nclips && !(main_clip && main_clip->connected); i++)
        if (e->clips[i]->connected)
            main_clip = e->clips[i];
    if (!main_clip || !main_clip->connected) {
        snprintf(err, errlen, "instance %d: no input clip is connected (give --input PATTERN)", index);
        instance_free(e);
        return NULL;
    }
    Clip *out = effect_find_clip(e, kOfxImageEffectOutputClipName);
    if (!out) {
        snprintf(err, errlen, "the plugin did not define the Output clip");
        instance_free(e);
        return NULL;
    }
    out->connected = true;
    out->depth = cfg->depth;
    out->comps = cfg->comps;
    ps_set_int(out->props, kOfxImageClipPropConnected, 0, 1);
    ps_set_doubles(out->props, kOfxImageEffectPropFrameRange, 2, (const double[]){ main_clip->first, main_clip->last });
    ps_set_doubles(out->props, kOfxImageEffectPropUnmappedFrameRange, 2,
                   (const double[]){ main_clip->first, main_clip->last });
    for (int i = 0; i < e->nclips; i++)
        if (e->clips[i]->connected)
            set_clip_format(e->clips[i], cfg);

    double size[2] = { main_clip->width, main_clip->height };
    ps_set_doubles(e->props, kOfxImageEffectPropProjectSize, 2, size);
    ps_set_doubles(e->props, kOfxImageEffectPropProjectExtent, 2, size);
    ps_set_double(e->props, kOfxImageEffectInstancePropEffectDuration, 0, main_clip->last - main_clip->first + 1);
    ps_set_double(e->props, kOfxImageEffectPropFrameRate, 0, cfg->fps);
    if (!make_times(inst, main_clip))
        abort();
    inst->render_time = inst->ntimes > 0 ? inst->times[0] : main_clip->first;
    return e;
}

void instance_free(Effect *e)
{
    if (!e)
        return;
    Instance *inst = e->inst;
    if (inst) {
        instance_free_cache(inst);
        for (int i = 0; i < inst->nedited; i++)
            free(inst->edited[i]);
        free(inst->edited);
        free(inst->times);
        pthread_mutex_destroy(&inst->lock);
        free(inst);
        e->inst = NULL;
    }
    effect_free(e);
}

bool instance_check_config(const Effect *e, char *err, size_t errlen)
{
    const InstanceConfig *cfg = e->inst->cfg;
    for (int i = 0; i < cfg->nparams; i++) {
        const ParamArg *a = &cfg->params[i];
        const Param *p = paramset_find(e->params, a->name);
        if (!p) {
            snprintf(err, errlen, "instance %d: the plugin has no parameter '%s' (see --list-params)",
                     e->inst->index, a->name);
            return false;
        }
        if (!a->value) {
            if (p->kind != PK_PUSHBUTTON) {
                snprintf(err, errlen, "--param %s needs a value (only push buttons are given without one: that presses them)",
                         a->name);
                return false;
            }
            continue;
        }
        if (!param_kind_has_value(p->kind)) {
            snprintf(err, errlen, "parameter %s is of type %s and takes no value", a->name, param_kind_type(p->kind));
            return false;
        }
        double v[4];
        char *s;
        if (!param_parse_cli(p, a->value, v, &s, err, errlen))
            return false;
        free(s);
    }
    for (int i = 0; i < e->nclips; i++) {
        const Clip *c = e->clips[i];
        if (!c->connected || c->is_output || ps_count(c->props, kOfxImageEffectPropSupportedComponents) == 0)
            continue;
        if (!ps_has_str(c->props, kOfxImageEffectPropSupportedComponents, comps_ofx(cfg->comps))) {
            snprintf(err, errlen, "instance %d: clip %s does not accept %s (--components); it accepts %s%s%s",
                     e->inst->index, c->name, comps_ofx(cfg->comps),
                     ps_str(c->props, kOfxImageEffectPropSupportedComponents, 0, ""),
                     ps_count(c->props, kOfxImageEffectPropSupportedComponents) > 1 ? ", " : "",
                     ps_str(c->props, kOfxImageEffectPropSupportedComponents, 1, ""));
            return false;
        }
    }
    return true;
}

static void log_user_edit(const Instance *inst, const Param *p, const char *value)
{
    JsonBuf jb;
    log_start(&jb, "param_set", inst->index);
    jb_kstr(&jb, "name", p->name);
    jb_kstr(&jb, "source", "cli");
    jb_key(&jb, "value");
    if (param_kind_has_value(p->kind)) {
        double v[4];
        const char *s;
        param_value_at(p, inst->render_time, v, &s);
        param_json_value(&jb, p->kind, v, s);
    } else {
        jb_str(&jb, value);
    }
    jb_knull(&jb, "time");
    jb_knull(&jb, "action");
    log_finish(&jb);
}

/* Begin/InstanceChanged.../End for a list of parameter names with one reason. */
static void instance_changed(const OfxPlugin *p, Effect *e, const char *const *names, int n, const char *reason)
{
    Instance *inst = e->inst;
    if (n == 0)
        return;
    PropSet *in = args_new(kOfxActionBeginInstanceChanged, "inArgs", inst->index);
    PS_STR1(in, kOfxPropChangeReason, reason);
    if (!status_ok(action_run(p, kOfxActionBeginInstanceChanged, e, in, NULL)))
        inst->failures++;
    propset_free(in);
    for (int i = 0; i < n; i++) {
        in = args_new(kOfxActionInstanceChanged, "inArgs", inst->index);
        PS_STR1(in, kOfxPropType, kOfxTypeParameter);
        PS_STR1(in, kOfxPropName, names[i]);
        PS_STR1(in, kOfxPropChangeReason, reason);
        PS_DBL1(in, kOfxPropTime, inst->render_time);
        ps_decl_double(in, kOfxImageEffectPropRenderScale, 2, 2, (const double[]){ 1, 1 });
        if (!status_ok(action_run(p, kOfxActionInstanceChanged, e, in, NULL)))
            inst->failures++;
        propset_free(in);
    }
    in = args_new(kOfxActionEndInstanceChanged, "inArgs", inst->index);
    PS_STR1(in, kOfxPropChangeReason, reason);
    if (!status_ok(action_run(p, kOfxActionEndInstanceChanged, e, in, NULL)))
        inst->failures++;
    propset_free(in);
}

void instance_flush_plugin_edits(const OfxPlugin *p, Effect *e)
{
    Instance *inst = e->inst;
    /* A plugin that keeps setting parameters from instanceChanged would loop forever: stop after a few rounds. */
    for (int round = 0; round < 8; round++) {
        pthread_mutex_lock(&inst->lock);
        char **names = inst->edited;
        int n = inst->nedited;
        inst->edited = NULL;
        inst->nedited = 0;
        pthread_mutex_unlock(&inst->lock);
        if (n == 0)
            return;
        instance_changed(p, e, (const char *const *)names, n, kOfxChangePluginEdited);
        for (int i = 0; i < n; i++)
            free(names[i]);
        free(names);
    }
    host_warn(inst->index, "the plugin kept changing parameters in response to its own changes; stopped after 8 "
                           "rounds");
}

bool instance_start(const OfxPlugin *p, Effect *e, const char *context)
{
    Instance *inst = e->inst;
    const InstanceConfig *cfg = inst->cfg;
    OfxStatus st = action_run(p, kOfxActionCreateInstance, e, NULL, NULL);
    if (!status_ok(st)) {
        host_error(inst->index, "CreateInstance failed (%s); the instance is not used", ofx_status_name(st));
        inst->failures++;
        return false;
    }
    inst->created = true;
    instance_flush_plugin_edits(p, e);
    /* The command line's values arrive as user edits after creation, as in an editor. */
    const char **names = calloc((size_t)(cfg->nparams > 0 ? cfg->nparams : 1), sizeof *names);
    if (!names)
        abort();
    for (int i = 0; i < cfg->nparams; i++) {
        Param *prm = paramset_find(e->params, cfg->params[i].name);
        if (cfg->params[i].value) {
            double v[4];
            char *s = NULL;
            char err[512];
            if (param_parse_cli(prm, cfg->params[i].value, v, &s, err, sizeof err))
                param_set_value(prm, prm->nkeys > 0, inst->render_time, v, s);
            free(s);
        }
        log_user_edit(inst, prm, cfg->params[i].value);
        names[i] = prm->name;
    }
    instance_changed(p, e, names, cfg->nparams, kOfxChangeUserEdited);
    free(names);
    instance_flush_plugin_edits(p, e);
    clip_preferences(p, e);
    if (strcmp(context, kOfxImageEffectContextGeneral) == 0)
        time_domain(p, e);
    instance_flush_plugin_edits(p, e);
    return true;
}
