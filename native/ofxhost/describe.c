#include "describe.h"

#include <stdbool.h>
#include <string.h>

#include "log.h"
#include "paramvalue.h"

/* All values of a string property as a JSON array. */
static void kstrs_prop(JsonBuf *jb, const char *key, const PropSet *ps, const char *name)
{
    jb_key(jb, key);
    jb_arr_begin(jb);
    const Prop *p = propset_find(ps, name);
    for (int i = 0; p && p->type == PROP_STRING && i < p->count; i++)
        jb_str(jb, p->v[i].s);
    jb_arr_end(jb);
}

static void kbool_prop(JsonBuf *jb, const char *key, const PropSet *ps, const char *name, int fallback)
{
    jb_kbool(jb, key, ps_int(ps, name, 0, fallback) != 0);
}

void describe_log_effect(const Effect *e, const char *context)
{
    const PropSet *ps = e->props;
    JsonBuf jb;
    log_start(&jb, "effect_descriptor", -1);
    jb_kstr(&jb, "phase", context ? "describe_in_context" : "describe");
    jb_kstr(&jb, "context", context);
    jb_kstr(&jb, "label", ps_str(ps, kOfxPropLabel, 0, ""));
    jb_kstr(&jb, "short_label", ps_str(ps, kOfxPropShortLabel, 0, ""));
    jb_kstr(&jb, "long_label", ps_str(ps, kOfxPropLongLabel, 0, ""));
    jb_kstr(&jb, "grouping", ps_str(ps, kOfxImageEffectPluginPropGrouping, 0, ""));
    jb_kstr(&jb, "description", ps_str(ps, kOfxPropPluginDescription, 0, ""));
    jb_key(&jb, "version");
    jb_arr_begin(&jb);
    for (int i = 0; i < ps_count(ps, kOfxPropVersion); i++)
        jb_int(&jb, ps_int(ps, kOfxPropVersion, i, 0));
    jb_arr_end(&jb);
    jb_kstr(&jb, "version_label", ps_str(ps, kOfxPropVersionLabel, 0, ""));
    kstrs_prop(&jb, "contexts", ps, kOfxImageEffectPropSupportedContexts);
    kstrs_prop(&jb, "pixel_depths", ps, kOfxImageEffectPropSupportedPixelDepths);
    kbool_prop(&jb, "supports_tiles", ps, kOfxImageEffectPropSupportsTiles, 1);
    kbool_prop(&jb, "supports_multi_resolution", ps, kOfxImageEffectPropSupportsMultiResolution, 1);
    kbool_prop(&jb, "temporal_clip_access", ps, kOfxImageEffectPropTemporalClipAccess, 0);
    jb_kstr(&jb, "render_thread_safety", ps_str(ps, kOfxImageEffectPluginRenderThreadSafety, 0, ""));
    kbool_prop(&jb, "host_frame_threading", ps, kOfxImageEffectPluginPropHostFrameThreading, 1);
    kbool_prop(&jb, "single_instance", ps, kOfxImageEffectPluginPropSingleInstance, 0);
    kbool_prop(&jb, "multiple_clip_depths", ps, kOfxImageEffectPropSupportsMultipleClipDepths, 0);
    kbool_prop(&jb, "multiple_clip_pars", ps, kOfxImageEffectPropSupportsMultipleClipPARs, 0);
    kbool_prop(&jb, "field_render_twice_always", ps, kOfxImageEffectPluginPropFieldRenderTwiceAlways, 1);
    kstrs_prop(&jb, "clip_preferences_slave_params", ps, kOfxImageEffectPropClipPreferencesSlaveParam);
    kstrs_prop(&jb, "page_order", ps, kOfxPluginPropParamPageOrder);
    jb_kstr(&jb, "file_path", ps_str(ps, kOfxPluginPropFilePath, 0, ""));
    log_finish(&jb);
}

static void log_clip(const Clip *c, const char *context)
{
    const PropSet *ps = c->props;
    JsonBuf jb;
    log_start(&jb, "clip_define", -1);
    jb_kstr(&jb, "context", context);
    jb_kstr(&jb, "name", c->name);
    jb_kstr(&jb, "label", ps_str(ps, kOfxPropLabel, 0, ""));
    kstrs_prop(&jb, "supported_components", ps, kOfxImageEffectPropSupportedComponents);
    kbool_prop(&jb, "temporal_clip_access", ps, kOfxImageEffectPropTemporalClipAccess, 0);
    kbool_prop(&jb, "optional", ps, kOfxImageClipPropOptional, 0);
    kbool_prop(&jb, "is_mask", ps, kOfxImageClipPropIsMask, 0);
    kbool_prop(&jb, "supports_tiles", ps, kOfxImageEffectPropSupportsTiles, 1);
    jb_kstr(&jb, "field_extraction", ps_str(ps, kOfxImageClipPropFieldExtraction, 0, ""));
    log_finish(&jb);
}

/* A numeric property of a parameter (min, max, ...) as a scalar or an array, by the parameter's dimension. */
static void knum_prop(JsonBuf *jb, const char *key, const Param *p, const char *name)
{
    const Prop *pr = propset_find(p->props, name);
    if (!pr)
        return;
    int n = param_kind_dims(p->kind);
    jb_key(jb, key);
    if (n > 1)
        jb_arr_begin(jb);
    for (int i = 0; i < n && i < pr->count; i++) {
        if (pr->type == PROP_INT)
            jb_int(jb, pr->v[i].i);
        else if (pr->type == PROP_DOUBLE)
            jb_num(jb, pr->v[i].d);
        else
            jb_null(jb);
    }
    if (n > 1)
        jb_arr_end(jb);
    else if (pr->count < 1)
        jb_null(jb);
}

void describe_param_json(JsonBuf *jb, const Param *p)
{
    const PropSet *ps = p->props;
    jb_kstr(jb, "name", p->name);
    jb_kstr(jb, "type", param_kind_type(p->kind));
    jb_kstr(jb, "label", ps_str(ps, kOfxPropLabel, 0, ""));
    jb_kstr(jb, "hint", ps_str(ps, kOfxParamPropHint, 0, ""));
    jb_kstr(jb, "script_name", ps_str(ps, kOfxParamPropScriptName, 0, ""));
    jb_kstr(jb, "parent", ps_str(ps, kOfxParamPropParent, 0, ""));
    kbool_prop(jb, "secret", ps, kOfxParamPropSecret, 0);
    kbool_prop(jb, "enabled", ps, kOfxParamPropEnabled, 1);
    jb_kint(jb, "dimension", param_kind_dims(p->kind));
    if (p->kind == PK_PAGE) {
        kstrs_prop(jb, "children", ps, kOfxParamPropPageChild);
        return;
    }
    if (p->kind == PK_GROUP) {
        kbool_prop(jb, "group_open", ps, kOfxParamPropGroupOpen, 1);
        return;
    }
    if (!param_kind_has_value(p->kind))
        return;
    kbool_prop(jb, "animates", ps, kOfxParamPropAnimates, 1);
    kbool_prop(jb, "persistent", ps, kOfxParamPropPersistant, 1);
    kbool_prop(jb, "evaluate_on_change", ps, kOfxParamPropEvaluateOnChange, 1);
    jb_key(jb, "default");
    double v[4] = { 0, 0, 0, 0 };
    int n = param_kind_dims(p->kind);
    for (int i = 0; i < n; i++)
        v[i] = param_kind_is_int(p->kind) ? ps_int(ps, kOfxParamPropDefault, i, 0)
                                          : ps_double(ps, kOfxParamPropDefault, i, 0);
    param_json_value(jb, p->kind, v, ps_str(ps, kOfxParamPropDefault, 0, ""));
    if (p->kind == PK_CHOICE) {
        kstrs_prop(jb, "options", ps, kOfxParamPropChoiceOption);
    } else if (param_kind_is_string(p->kind)) {
        if (p->kind == PK_STRING)
            jb_kstr(jb, "string_mode", ps_str(ps, kOfxParamPropStringMode, 0, ""));
    } else if (p->kind != PK_BOOLEAN) {
        knum_prop(jb, "min", p, kOfxParamPropMin);
        knum_prop(jb, "max", p, kOfxParamPropMax);
        knum_prop(jb, "display_min", p, kOfxParamPropDisplayMin);
        knum_prop(jb, "display_max", p, kOfxParamPropDisplayMax);
        if (propset_find(ps, kOfxParamPropIncrement))
            jb_knum(jb, "increment", ps_double(ps, kOfxParamPropIncrement, 0, 1));
        if (propset_find(ps, kOfxParamPropDigits))
            jb_kint(jb, "digits", ps_int(ps, kOfxParamPropDigits, 0, 2));
        if (propset_find(ps, kOfxParamPropDoubleType))
            jb_kstr(jb, "double_type", ps_str(ps, kOfxParamPropDoubleType, 0, ""));
    }
}

void describe_log_context(const Effect *ctx, const char *context)
{
    for (int i = 0; i < ctx->nclips; i++)
        log_clip(ctx->clips[i], context);
    for (int i = 0; i < ctx->params->count; i++) {
        JsonBuf jb;
        log_start(&jb, "param_define", -1);
        jb_kstr(&jb, "context", context);
        describe_param_json(&jb, ctx->params->params[i]);
        log_finish(&jb);
    }
}

/* Why `name` may not be a page's child, or NULL when it may. */
static const char *page_child_problem(const ParamSet *set, const char *name)
{
    if (strcmp(name, kOfxParamPageSkipRow) == 0 || strcmp(name, kOfxParamPageSkipColumn) == 0)
        return NULL;
    const Param *child = paramset_find(set, name);
    if (!child)
        return "is no parameter";
    if (child->kind == PK_GROUP)
        return "is a group (ofxParam.h: page children are no groups or pages; list the group's parameters)";
    if (child->kind == PK_PAGE)
        return "is a page (ofxParam.h: page children are no groups or pages)";
    return NULL;
}

int describe_check_pages(const Effect *ctx)
{
    int problems = 0;
    const ParamSet *set = ctx->params;
    for (int i = 0; i < set->count; i++) {
        const Param *page = set->params[i];
        if (page->kind != PK_PAGE)
            continue;
        const Prop *children = propset_find(page->props, kOfxParamPropPageChild);
        for (int k = 0; children && k < children->count; k++) {
            const char *why = page_child_problem(set, children->v[k].s);
            if (why) {
                host_warn(-1, "page '%s' lists '%s', which %s", page->name, children->v[k].s, why);
                problems++;
            }
        }
    }
    const Prop *order = propset_find(ctx->props, kOfxPluginPropParamPageOrder);
    for (int k = 0; order && k < order->count; k++) {
        const Param *page = paramset_find(set, order->v[k].s);
        if (!page || page->kind != PK_PAGE) {
            host_warn(-1, "the page order lists '%s', which is no page", order->v[k].s);
            problems++;
        }
    }
    return problems;
}

void describe_params_document(const Effect *ctx, const char *identifier, const char *context, FILE *out)
{
    JsonBuf jb;
    jb_init(&jb);
    jb_obj_begin(&jb);
    jb_kstr(&jb, "plugin", identifier);
    jb_kstr(&jb, "context", context);
    jb_key(&jb, "params");
    jb_arr_begin(&jb);
    for (int i = 0; i < ctx->params->count; i++) {
        jb_obj_begin(&jb);
        describe_param_json(&jb, ctx->params->params[i]);
        jb_obj_end(&jb);
    }
    jb_arr_end(&jb);
    jb_obj_end(&jb);
    fprintf(out, "%s\n", jb.s);
    jb_free(&jb);
}
